void sockpit_ui_placeholder() {}
