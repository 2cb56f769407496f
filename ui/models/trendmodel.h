// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>

#include <chrono>
#include <vector>

namespace Sockpit {

// The recent history of one figure, in a fixed-size ring buffer: points older than the
// window fall out as new ones arrive, and nothing grows while the app runs for days.
class TrendModel
{
public:
    // capacity bounds memory when samples come faster than expected: 3000 points hold
    // five minutes at ten samples a second.
    explicit TrendModel(std::chrono::milliseconds window = std::chrono::minutes(5), int capacity = 3000);

    // monotonicMs comes from the snapshot (Snapshot::monotonicMs), never the wall clock,
    // so a clock change does not fold the chart. A time before the latest point means a
    // new clock (a restarted sampler): the history is dropped.
    void add(qint64 monotonicMs, double value);
    void clear();

    std::chrono::milliseconds window() const { return m_window; }
    int capacity() const { return int(m_ring.size()); }
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    qint64 latestMs() const;
    double latestValue() const;
    double maximum() const;

    // The points inside the window ending at nowMs, oldest first, with x in seconds
    // relative to nowMs (-300 .. 0 for a five-minute window) and y the value.
    QList<QPointF> points(qint64 nowMs) const { return points(nowMs, m_window); }
    // The same for a shorter window than the model keeps (a 5 min chart over 24 h).
    QList<QPointF> points(qint64 nowMs, std::chrono::milliseconds window) const;
    // Relative to the latest point.
    QList<QPointF> points() const { return points(latestMs()); }

private:
    struct Sample
    {
        qint64 ms = 0;
        double value = 0;
    };
    const Sample &at(int i) const { return m_ring[size_t((m_head + i) % capacity())]; }
    void dropOlderThan(qint64 ms);

    std::chrono::milliseconds m_window;
    std::vector<Sample> m_ring;
    int m_head = 0; // index of the oldest sample
    int m_size = 0;
};

} // namespace Sockpit
