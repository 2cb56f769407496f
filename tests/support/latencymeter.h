// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace Sockpit::Test {

// How late the event loop of the thread it lives on serves a 1 ms precise timer: each
// timeout records how much more than the interval passed since the previous one. A loop
// blocked for 80 ms shows as one 79 ms lateness; an idle loop stays near zero.
class LatencyMeter final : public QObject
{
    Q_OBJECT
public:
    explicit LatencyMeter(int intervalMs = 1, QObject *parent = nullptr);

    void start();
    void stop();
    void reset();

    int ticks() const { return int(m_lateMs.size()); }
    // Ticks served at wall-clock times in [fromMs, toMs] (ms since the epoch, as
    // QDateTime::toMSecsSinceEpoch): whether the loop ran while something else happened.
    int ticksBetween(qint64 fromMs, qint64 toMs) const;
    double maxMs() const;
    // The thread's own CPU time inside the latest gap between two ticks: next to maxMs(),
    // whether the loop was busy (about as much CPU) or waited for a core (far less).
    double maxGapCpuMs() const { return m_maxGapCpuMs; }
    // Nearest-rank percentile of the lateness, pct in (0, 100].
    double percentileMs(double pct) const;

private:
    void onTimeout();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    double m_lastCpuMs = 0;
    double m_maxGapCpuMs = 0;
    double m_maxLateMs = 0;
    int m_intervalMs;
    std::vector<double> m_lateMs;
    std::vector<qint64> m_tickWallMs;
};

} // namespace Sockpit::Test
