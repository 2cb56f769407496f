// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/settingspage.h"

#include "charts/timechart.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace Sockpit {

SettingsPage::SettingsPage(QWidget *parent)
    : Page(Id.toString(), parent)
{
    auto *samplingBox = new QGroupBox(tr("Sampling"), this);
    auto *samplingForm = new QFormLayout(samplingBox);
    m_interval = new QSpinBox(samplingBox);
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->setRange(100, 60000);
    m_interval->setSingleStep(100);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setToolTip(tr("Time between two snapshots. Short intervals cost CPU on hosts with many sockets."));
    samplingForm->addRow(tr("&Interval:"), m_interval);
    m_window = new QComboBox(samplingBox);
    m_window->setObjectName(QStringLiteral("chartWindow"));
    for (std::chrono::seconds window : TimeChart::windows())
        m_window->addItem(window.count() % 3600 == 0 ? tr("%n hour(s)", nullptr, int(window.count() / 3600))
                                                     : tr("%n minute(s)", nullptr, int(window.count() / 60)),
                          qint64(window.count()));
    samplingForm->addRow(tr("Chart &window:"), m_window);

    auto *thresholdBox = new QGroupBox(tr("Thresholds (warning, critical)"), this);
    auto *form = new QFormLayout(thresholdBox);
    m_timeWaitWarning = addThresholdRow(form, tr("TIME_WAIT against usable ports:"), tr(" %"), 100, 0, &m_timeWaitCritical);
    m_shareWarning = addThresholdRow(form, tr("Busiest destination's share of ports:"), tr(" %"), 100, 0, &m_shareCritical);
    m_overflowWarning = addThresholdRow(form, tr("Listen overflows:"), tr(" /s"), 100000, 1, &m_overflowCritical);
    m_retransWarning = addThresholdRow(form, tr("Retransmissions:"), tr(" %"), 100, 1, &m_retransCritical);

    auto *analysisBox = new QGroupBox(tr("Findings"), this);
    auto *analysisForm = new QFormLayout(analysisBox);
    m_analysisInterval = new QSpinBox(analysisBox);
    m_analysisInterval->setObjectName(QStringLiteral("analysisInterval"));
    m_analysisInterval->setRange(10, 3600);
    m_analysisInterval->setSingleStep(10);
    m_analysisInterval->setSuffix(tr(" s"));
    m_analysisInterval->setToolTip(tr("Time between two analyses. Each one takes the counters twice, 3 s apart."));
    analysisForm->addRow(tr("Analyse &every:"), m_analysisInterval);
    m_profile = new QComboBox(analysisBox);
    m_profile->setObjectName(QStringLiteral("profile"));
    const std::pair<Profile, QString> profiles[] = {
        {Profile::General, tr("General")},
        {Profile::ShortOutbound, tr("Short outbound connections (clients, proxies, crawlers)")},
        {Profile::BusyServer, tr("Busy server (many accepts)")},
        {Profile::LongFatNetwork, tr("Long fat network (bulk transfers, high bandwidth × delay)")},
        {Profile::LowLatency, tr("Low latency (interactive traffic)")},
    };
    for (const auto &[profile, label] : profiles)
        m_profile->addItem(label, int(profile));
    m_profile->setToolTip(tr("What this host is for: it shapes which changes are proposed, never what is measured."));
    analysisForm->addRow(tr("&Profile:"), m_profile);

    const auto changed = [this] { readWidgets(); };
    connect(m_interval, &QSpinBox::valueChanged, this, changed);
    connect(m_window, &QComboBox::currentIndexChanged, this, changed);
    connect(m_analysisInterval, &QSpinBox::valueChanged, this, changed);
    connect(m_profile, &QComboBox::currentIndexChanged, this, changed);
    for (QDoubleSpinBox *box : {m_timeWaitWarning, m_timeWaitCritical, m_shareWarning, m_shareCritical,
                                m_overflowWarning, m_overflowCritical, m_retransWarning, m_retransCritical})
        connect(box, &QDoubleSpinBox::valueChanged, this, changed);

    auto *note = new QLabel(tr("Changes apply at once and are kept for the next start."), this);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(samplingBox);
    layout->addWidget(thresholdBox);
    layout->addWidget(analysisBox);
    layout->addWidget(note);
    layout->addStretch(1);

    setSettings(UiSettings::load());
}

QDoubleSpinBox *SettingsPage::addThresholdRow(QFormLayout *form, const QString &label, const QString &suffix,
                                              double maximum, int decimals, QDoubleSpinBox **critical)
{
    auto *row = new QHBoxLayout;
    auto *warning = new QDoubleSpinBox;
    *critical = new QDoubleSpinBox;
    for (QDoubleSpinBox *box : {warning, *critical}) {
        box->setRange(0, maximum);
        box->setDecimals(decimals);
        box->setSuffix(suffix);
        row->addWidget(box);
    }
    warning->setAccessibleName(tr("%1 warning").arg(label));
    (*critical)->setAccessibleName(tr("%1 critical").arg(label));
    row->addStretch(1);
    form->addRow(label, row);
    return warning;
}

QString SettingsPage::title() const
{
    return tr("Settings");
}

QIcon SettingsPage::icon() const
{
    return QApplication::style()->standardIcon(QStyle::SP_FileDialogListView);
}

void SettingsPage::setSettings(const UiSettings &settings)
{
    m_updating = true;
    m_settings = settings;
    m_interval->setValue(int(settings.samplingInterval.count()));
    m_window->setCurrentIndex(std::max(0, m_window->findData(qint64(settings.chartWindow.count()))));
    // Ratios are shown in percent.
    m_timeWaitWarning->setValue(settings.timeWaitRatio.warning * 100);
    m_timeWaitCritical->setValue(settings.timeWaitRatio.critical * 100);
    m_shareWarning->setValue(settings.destinationShare.warning * 100);
    m_shareCritical->setValue(settings.destinationShare.critical * 100);
    m_overflowWarning->setValue(settings.listenOverflowsPerSecond.warning);
    m_overflowCritical->setValue(settings.listenOverflowsPerSecond.critical);
    m_retransWarning->setValue(settings.retransmitPercent.warning);
    m_retransCritical->setValue(settings.retransmitPercent.critical);
    m_analysisInterval->setValue(int(settings.analysisInterval.count()));
    m_profile->setCurrentIndex(std::max(0, m_profile->findData(int(settings.analysisProfile))));
    m_updating = false;
}

void SettingsPage::readWidgets()
{
    if (m_updating)
        return;
    UiSettings next;
    next.samplingInterval = std::chrono::milliseconds(m_interval->value());
    next.chartWindow = std::chrono::seconds(m_window->currentData().toLongLong());
    // A critical level below the warning level would never be reached: keep them ordered.
    const auto pair = [](QDoubleSpinBox *warning, QDoubleSpinBox *critical, double scale) {
        return LevelThresholds{warning->value() / scale, std::max(warning->value(), critical->value()) / scale};
    };
    next.timeWaitRatio = pair(m_timeWaitWarning, m_timeWaitCritical, 100);
    next.destinationShare = pair(m_shareWarning, m_shareCritical, 100);
    next.listenOverflowsPerSecond = pair(m_overflowWarning, m_overflowCritical, 1);
    next.retransmitPercent = pair(m_retransWarning, m_retransCritical, 1);
    next.analysisInterval = std::chrono::seconds(m_analysisInterval->value());
    next.analysisProfile = Profile(m_profile->currentData().toInt());
    if (next == m_settings)
        return;
    m_settings = next;
    m_settings.save();
    Q_EMIT settingsChanged(m_settings);
}

SampleNeed SettingsPage::sampleNeed() const
{
    // Nothing of the tick.
    return SampleNeed::summary();
}

} // namespace Sockpit
