// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/trendmodel.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <chrono>
#include <memory>
#include <vector>

namespace Sockpit {

class Snapshot;

// How many sockets hold ephemeral ports toward each of the busiest destinations, over
// time: the history behind "ephemeral usage for the top destinations". A bounded number
// of destinations is tracked; one that leaves the snapshot counts zero from then on, and
// when a new one needs room the least busy tracked one goes.
class DestinationTrends
{
public:
    explicit DestinationTrends(std::chrono::milliseconds window = std::chrono::hours(24), int capacity = 24 * 3600 + 60,
                               int tracked = 10);

    // Adds this snapshot's per-destination sockets; a summary-only snapshot adds nothing.
    void add(const Snapshot &snapshot);
    void clear();

    int trackedCount() const { return int(m_tracked.size()); }
    int trackedLimit() const { return m_limit; }
    // The n destinations with the most sockets at the latest sample, busiest first
    // ("10.0.0.9:80" or "[2001:db8::1]:443").
    QStringList top(int n) const;
    double latest(const QString &destination) const;
    QList<QPointF> points(const QString &destination, qint64 nowMs, std::chrono::milliseconds window) const;
    // Least-squares growth in sockets per second over the window ending at nowMs; NaN
    // with fewer than three samples or less than ten seconds of them.
    double growthPerSecond(const QString &destination, qint64 nowMs, std::chrono::milliseconds window) const;

private:
    struct Tracked
    {
        QString destination;
        std::unique_ptr<TrendModel> trend;
    };
    const Tracked *find(const QString &destination) const;

    std::chrono::milliseconds m_window;
    int m_capacity;
    int m_limit;
    std::vector<Tracked> m_tracked;
};

} // namespace Sockpit
