// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/page.h"
#include "settings/uisettings.h"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;

namespace Sockpit {

// Sampling interval, the charts' default window and the thresholds that colour the
// Overview. Every change is stored at once and applied live.
class SettingsPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"settings";

    explicit SettingsPage(QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &) override {}
    SampleNeed sampleNeed() const override;

    UiSettings settings() const { return m_settings; }
    // Shows these values without storing them or announcing a change.
    void setSettings(const UiSettings &settings);

    QSpinBox *intervalBox() const { return m_interval; }
    QComboBox *windowBox() const { return m_window; }
    QSpinBox *analysisIntervalBox() const { return m_analysisInterval; }
    QComboBox *profileBox() const { return m_profile; }

Q_SIGNALS:
    void settingsChanged(const Sockpit::UiSettings &settings);

private:
    void readWidgets();
    QDoubleSpinBox *addThresholdRow(QFormLayout *form, const QString &label, const QString &suffix,
                                    double maximum, int decimals, QDoubleSpinBox **critical);

    UiSettings m_settings;
    QSpinBox *m_interval = nullptr;
    QComboBox *m_window = nullptr;
    QDoubleSpinBox *m_timeWaitWarning = nullptr;
    QDoubleSpinBox *m_timeWaitCritical = nullptr;
    QDoubleSpinBox *m_shareWarning = nullptr;
    QDoubleSpinBox *m_shareCritical = nullptr;
    QDoubleSpinBox *m_overflowWarning = nullptr;
    QDoubleSpinBox *m_overflowCritical = nullptr;
    QDoubleSpinBox *m_retransWarning = nullptr;
    QDoubleSpinBox *m_retransCritical = nullptr;
    QSpinBox *m_analysisInterval = nullptr;
    QComboBox *m_profile = nullptr;
    bool m_updating = false;
};

} // namespace Sockpit
