// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"

#include <QCoreApplication>

#include <chrono>

class QSettings;

namespace Sockpit {

enum class Level { Unknown, Normal, Warning, Critical };

// A figure is in warning from `warning` up, critical from `critical` up.
struct LevelThresholds
{
    double warning = 0;
    double critical = 0;
    Level classify(double value) const;
    friend bool operator==(const LevelThresholds &, const LevelThresholds &) = default;
};

// What the user chose on the Settings page; stored with QSettings, applied live.
struct UiSettings
{
    Q_DECLARE_TR_FUNCTIONS(UiSettings)
public:
    std::chrono::milliseconds samplingInterval{1000};
    std::chrono::seconds chartWindow{300};
    // TIME_WAIT sockets against usable ephemeral ports, 0..1. Each one pins a port for
    // 60 s (TCP_TIMEWAIT_LEN), but only toward its own destination: a third of the range is
    // early warning, not yet trouble.
    LevelThresholds timeWaitRatio{0.3, 0.6};
    // The busiest destination's sockets against usable ports, 0..1: at 1 connect() fails
    // with EADDRNOTAVAIL.
    LevelThresholds destinationShare{0.5, 0.8};
    // TcpExt.ListenOverflows per second: any is a dropped connection attempt.
    LevelThresholds listenOverflowsPerSecond{0.1, 10};
    // Tcp.RetransSegs / Tcp.OutSegs in percent; above 1 % on a LAN is a lossy path.
    LevelThresholds retransmitPercent{1, 5};
    // How often the findings are analysed again. Each analysis captures the machine twice,
    // 3 s apart, and reads every socket owner's /proc entries: cheap at 30 s, not at 1 s.
    std::chrono::seconds analysisInterval{30};
    // What the host is for; shapes the proposed changes, never the measurements.
    Profile analysisProfile = Profile::General;

    static UiSettings load();
    static UiSettings load(const QSettings &settings);
    void save() const;
    void save(QSettings &settings) const;

    friend bool operator==(const UiSettings &, const UiSettings &) = default;
};

// The settings file every part of the window shares.
QSettings sockpitSettings();

} // namespace Sockpit
