#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# privatekeyring.sh COMMAND [ARGUMENT...]
#
# Runs COMMAND against a Secret Service of its own, so a test can keep real keychain
# entries without ever touching the user's: a private session bus (dbus-run-session), a
# throw-away HOME and XDG directories, and gnome-keyring-daemon's secrets component
# unlocked with a made-up password. Unlocked with a password on its first run, the daemon
# creates the "login" collection and makes it the default one, which is where QtKeychain
# (libsecret's SECRET_COLLECTION_DEFAULT) writes; this script checks that before it starts
# COMMAND. COMMAND finds SOCKPIT_PRIVATE_KEYRING set to the throw-away HOME, which is how
# it knows it is not looking at a real user's keychain.
#
# Exit status: COMMAND's; 1 when the Secret Service cannot be set up; 77 (the test's
# SKIP_RETURN_CODE) only when a tool is missing on a system that is not Debian-like,
# where packaging/bootstrap cannot install it. On Debian and Ubuntu a missing tool is a
# failure: bootstrap installs dbus, gnome-keyring and libsecret-tools.
set -u

say() { echo "privatekeyring: $*" >&2; }

if [ -z "${SOCKPIT_PRIVATE_KEYRING_BUS:-}" ]; then
    missing=
    for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
        command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
    done
    if [ -n "$missing" ]; then
        if [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; then
            say "missing:$missing (Debian packages dbus, gnome-keyring, libsecret-tools; packaging/bootstrap installs them)"
            exit 1
        fi
        say "SKIP: missing:$missing; on this non-Debian system install D-Bus, GNOME Keyring and secret-tool to run the keychain test"
        exit 77
    fi
    SOCKPIT_PRIVATE_KEYRING_BUS=1
    export SOCKPIT_PRIVATE_KEYRING_BUS
    exec dbus-run-session -- sh "$0" "$@"
fi

# On the private session bus from here on.
dir=$(mktemp -d "${TMPDIR:-/tmp}/sockpit-keyring.XXXXXX") || exit 1
daemon=
cleanup() {
    if [ -n "$daemon" ]; then
        kill "$daemon" 2>/dev/null
        wait "$daemon" 2>/dev/null
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

HOME=$dir/home
XDG_DATA_HOME=$HOME/.local/share
XDG_CONFIG_HOME=$HOME/.config
XDG_CACHE_HOME=$HOME/.cache
XDG_RUNTIME_DIR=$dir/run
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$dir" "$XDG_RUNTIME_DIR"
# QtKeychain prefers KWallet in a KDE session; without a desktop it takes the Secret
# Service through libsecret, the backend under test.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION KDE_SESSION_VERSION \
    GNOME_KEYRING_CONTROL

# --unlock reads the password from stdin; in the foreground the daemon stays this
# script's child, so it is stopped with it.
gnome-keyring-daemon --foreground --unlock --components=secrets >"$dir/daemon.log" 2>&1 <<EOF &
sockpit-test-keyring
EOF
daemon=$!

# Ask the bus who owns the name rather than calling the service: a call would have D-Bus
# activate a second, locked daemon if ours were not up yet.
owned() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
tries=0
until owned; do
    if ! kill -0 "$daemon" 2>/dev/null; then
        say "gnome-keyring-daemon stopped before it took org.freedesktop.secrets:"
        cat "$dir/daemon.log" >&2
        exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then
        say "gnome-keyring-daemon did not take org.freedesktop.secrets on the private bus:"
        cat "$dir/daemon.log" >&2
        exit 1
    fi
    sleep 0.1
done

# The default collection must exist and be unlocked, or every write would ask for a
# prompt nobody answers.
secrets() {
    dbus-send --session --print-reply --dest=org.freedesktop.secrets "$@" 2>&1
}
alias=$(secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default)
collection=$(printf '%s\n' "$alias" | sed -n 's/.*object path "\(.*\)".*/\1/p')
if [ -z "$collection" ] || [ "$collection" = / ]; then
    say "the private Secret Service has no default collection: $alias"
    exit 1
fi
locked=$(secrets "$collection" org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked)
case $locked in
*"boolean false"*) ;;
*)
    say "the default collection $collection is not unlocked: $locked"
    exit 1
    ;;
esac

SOCKPIT_PRIVATE_KEYRING=$HOME
SOCKPIT_PRIVATE_KEYRING_COLLECTION=$collection
export SOCKPIT_PRIVATE_KEYRING SOCKPIT_PRIVATE_KEYRING_COLLECTION
"$@"
status=$?
exit "$status"
