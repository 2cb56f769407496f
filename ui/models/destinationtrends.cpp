// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/destinationtrends.h"

#include "models/destinationtablemodel.h"
#include "sampling/snapshot.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace Sockpit {

DestinationTrends::DestinationTrends(std::chrono::milliseconds window, int capacity, int tracked)
    : m_window(window)
    , m_capacity(capacity)
    , m_limit(std::max(1, tracked))
{
}

void DestinationTrends::clear()
{
    m_tracked.clear();
}

const DestinationTrends::Tracked *DestinationTrends::find(const QString &destination) const
{
    for (const Tracked &tracked : m_tracked)
        if (tracked.destination == destination)
            return &tracked;
    return nullptr;
}

void DestinationTrends::add(const Snapshot &snapshot)
{
    if (snapshot.isNull() || snapshot.isSummaryOnly())
        return;
    const qint64 ms = snapshot.monotonicMs();
    // The busiest destinations of this tick, at most as many as are tracked.
    std::vector<DestinationUsage> busiest = snapshot.ephemeral().destinations;
    std::sort(busiest.begin(), busiest.end(),
              [](const DestinationUsage &a, const DestinationUsage &b) { return a.sockets > b.sockets; });
    if (busiest.size() > size_t(m_limit))
        busiest.resize(size_t(m_limit));
    QHash<QString, int> now;
    for (const DestinationUsage &usage : busiest)
        now.insert(DestinationTableModel::destinationText(usage), usage.sockets);

    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (find(it.key()))
            continue;
        if (m_tracked.size() == size_t(m_limit)) {
            // Room for the newcomer: the least busy tracked destination that is not busy now.
            auto leaving = m_tracked.end();
            for (auto candidate = m_tracked.begin(); candidate != m_tracked.end(); ++candidate) {
                if (now.contains(candidate->destination))
                    continue;
                if (leaving == m_tracked.end() || candidate->trend->latestValue() < leaving->trend->latestValue())
                    leaving = candidate;
            }
            if (leaving == m_tracked.end())
                continue;
            m_tracked.erase(leaving);
        }
        m_tracked.push_back(Tracked{it.key(), std::make_unique<TrendModel>(m_window, m_capacity)});
    }
    for (Tracked &tracked : m_tracked)
        tracked.trend->add(ms, now.value(tracked.destination, 0));
}

QStringList DestinationTrends::top(int n) const
{
    std::vector<const Tracked *> order;
    for (const Tracked &tracked : m_tracked)
        if (tracked.trend->latestValue() > 0)
            order.push_back(&tracked);
    std::stable_sort(order.begin(), order.end(), [](const Tracked *a, const Tracked *b) {
        return a->trend->latestValue() > b->trend->latestValue();
    });
    QStringList result;
    for (size_t i = 0; i < order.size() && int(i) < n; ++i)
        result << order[i]->destination;
    return result;
}

double DestinationTrends::latest(const QString &destination) const
{
    const Tracked *tracked = find(destination);
    return tracked ? tracked->trend->latestValue() : 0;
}

QList<QPointF> DestinationTrends::points(const QString &destination, qint64 nowMs,
                                         std::chrono::milliseconds window) const
{
    const Tracked *tracked = find(destination);
    return tracked ? tracked->trend->points(nowMs, window) : QList<QPointF>();
}

double DestinationTrends::growthPerSecond(const QString &destination, qint64 nowMs,
                                          std::chrono::milliseconds window) const
{
    const QList<QPointF> samples = points(destination, nowMs, window);
    if (samples.size() < 3 || samples.last().x() - samples.first().x() < 10)
        return std::nan("");
    double meanX = 0, meanY = 0;
    for (const QPointF &p : samples) {
        meanX += p.x();
        meanY += p.y();
    }
    meanX /= double(samples.size());
    meanY /= double(samples.size());
    double sxy = 0, sxx = 0;
    for (const QPointF &p : samples) {
        sxy += (p.x() - meanX) * (p.y() - meanY);
        sxx += (p.x() - meanX) * (p.x() - meanX);
    }
    return sxx > 0 ? sxy / sxx : std::nan("");
}

} // namespace Sockpit
