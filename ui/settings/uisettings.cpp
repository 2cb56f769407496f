// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/uisettings.h"

#include <QSettings>

#include <algorithm>

namespace Sockpit {

namespace {

LevelThresholds readThresholds(const QSettings &settings, const QString &key, LevelThresholds fallback)
{
    LevelThresholds result;
    result.warning = settings.value(key + QStringLiteral("/warning"), fallback.warning).toDouble();
    result.critical = settings.value(key + QStringLiteral("/critical"), fallback.critical).toDouble();
    if (!(result.warning >= 0) || !(result.critical >= result.warning))
        return fallback;
    return result;
}

void writeThresholds(QSettings &settings, const QString &key, LevelThresholds thresholds)
{
    settings.setValue(key + QStringLiteral("/warning"), thresholds.warning);
    settings.setValue(key + QStringLiteral("/critical"), thresholds.critical);
}

} // namespace

Level LevelThresholds::classify(double value) const
{
    if (!(value >= 0)) // negative or NaN: not known
        return Level::Unknown;
    if (value >= critical)
        return Level::Critical;
    if (value >= warning)
        return Level::Warning;
    return Level::Normal;
}

QSettings sockpitSettings()
{
    // Fixed names rather than the application's, so tests and the app share one file layout.
    return QSettings(QStringLiteral("Sockpit"), QStringLiteral("sockpit"));
}

UiSettings UiSettings::load()
{
    return load(sockpitSettings());
}

UiSettings UiSettings::load(const QSettings &settings)
{
    const UiSettings defaults;
    UiSettings result;
    const qint64 interval = settings.value(QStringLiteral("sampling/intervalMs"), qint64(1000)).toLongLong();
    result.samplingInterval = std::chrono::milliseconds(std::clamp<qint64>(interval, 100, 60000));
    const qint64 window = settings.value(QStringLiteral("charts/windowSeconds"), qint64(300)).toLongLong();
    result.chartWindow = std::chrono::seconds(std::clamp<qint64>(window, 60, 86400));
    result.timeWaitRatio = readThresholds(settings, QStringLiteral("thresholds/timeWaitRatio"), defaults.timeWaitRatio);
    result.destinationShare =
        readThresholds(settings, QStringLiteral("thresholds/destinationShare"), defaults.destinationShare);
    result.listenOverflowsPerSecond = readThresholds(settings, QStringLiteral("thresholds/listenOverflowsPerSecond"),
                                                     defaults.listenOverflowsPerSecond);
    result.retransmitPercent =
        readThresholds(settings, QStringLiteral("thresholds/retransmitPercent"), defaults.retransmitPercent);
    const qint64 analysis = settings.value(QStringLiteral("analysis/intervalSeconds"), qint64(30)).toLongLong();
    result.analysisInterval = std::chrono::seconds(std::clamp<qint64>(analysis, 10, 3600));
    result.analysisProfile =
        profileFromName(settings.value(QStringLiteral("analysis/profile")).toString()).value_or(defaults.analysisProfile);
    return result;
}

void UiSettings::save() const
{
    QSettings settings = sockpitSettings();
    save(settings);
}

void UiSettings::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("sampling/intervalMs"), qint64(samplingInterval.count()));
    settings.setValue(QStringLiteral("charts/windowSeconds"), qint64(chartWindow.count()));
    writeThresholds(settings, QStringLiteral("thresholds/timeWaitRatio"), timeWaitRatio);
    writeThresholds(settings, QStringLiteral("thresholds/destinationShare"), destinationShare);
    writeThresholds(settings, QStringLiteral("thresholds/listenOverflowsPerSecond"), listenOverflowsPerSecond);
    writeThresholds(settings, QStringLiteral("thresholds/retransmitPercent"), retransmitPercent);
    settings.setValue(QStringLiteral("analysis/intervalSeconds"), qint64(analysisInterval.count()));
    const std::string_view profile = profileName(analysisProfile);
    settings.setValue(QStringLiteral("analysis/profile"),
                      QString::fromLatin1(profile.data(), qsizetype(profile.size())));
}

} // namespace Sockpit
