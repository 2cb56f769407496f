// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include <chrono>

class QSettings;

namespace Sockpit {

enum class Level { Unknown, Normal, Warning, Critical };

// A figure is in warning from `warning` up, critical from `critical` up.
struct Thresholds
{
    double warning = 0;
    double critical = 0;
    Level classify(double value) const;
    friend bool operator==(const Thresholds &, const Thresholds &) = default;
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
    Thresholds timeWaitRatio{0.3, 0.6};
    // The busiest destination's sockets against usable ports, 0..1: at 1 connect() fails
    // with EADDRNOTAVAIL.
    Thresholds destinationShare{0.5, 0.8};
    // TcpExt.ListenOverflows per second: any is a dropped connection attempt.
    Thresholds listenOverflowsPerSecond{0.1, 10};
    // Tcp.RetransSegs / Tcp.OutSegs in percent; above 1 % on a LAN is a lossy path.
    Thresholds retransmitPercent{1, 5};

    static UiSettings load();
    static UiSettings load(const QSettings &settings);
    void save() const;
    void save(QSettings &settings) const;

    friend bool operator==(const UiSettings &, const UiSettings &) = default;
};

// The settings file every part of the window shares.
QSettings sockpitSettings();

} // namespace Sockpit
