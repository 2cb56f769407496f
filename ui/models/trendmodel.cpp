// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/trendmodel.h"

#include <algorithm>

namespace Sockpit {

TrendModel::TrendModel(std::chrono::milliseconds window, int capacity)
    : m_window(window)
    , m_ring(size_t(std::max(capacity, 1)))
{
}

void TrendModel::clear()
{
    m_head = 0;
    m_size = 0;
}

qint64 TrendModel::latestMs() const
{
    return m_size > 0 ? at(m_size - 1).ms : 0;
}

double TrendModel::latestValue() const
{
    return m_size > 0 ? at(m_size - 1).value : 0;
}

double TrendModel::maximum() const
{
    double result = 0;
    for (int i = 0; i < m_size; ++i)
        result = std::max(result, at(i).value);
    return result;
}

void TrendModel::dropOlderThan(qint64 ms)
{
    while (m_size > 0 && at(0).ms < ms) {
        m_head = (m_head + 1) % capacity();
        --m_size;
    }
}

void TrendModel::add(qint64 monotonicMs, double value)
{
    if (m_size > 0 && monotonicMs < latestMs())
        clear();
    dropOlderThan(monotonicMs - m_window.count());
    if (m_size == capacity()) { // full: the oldest makes room
        m_head = (m_head + 1) % capacity();
        --m_size;
    }
    m_ring[size_t((m_head + m_size) % capacity())] = Sample{monotonicMs, value};
    ++m_size;
}

QList<QPointF> TrendModel::points(qint64 nowMs, std::chrono::milliseconds window) const
{
    QList<QPointF> result;
    const qint64 oldest = nowMs - std::min(window, m_window).count();
    // Samples are in time order: skip the ones before the window by bisection.
    int low = 0;
    int high = m_size;
    while (low < high) {
        const int middle = (low + high) / 2;
        if (at(middle).ms < oldest)
            low = middle + 1;
        else
            high = middle;
    }
    result.reserve(m_size - low);
    for (int i = low; i < m_size; ++i) {
        const Sample &sample = at(i);
        if (sample.ms < oldest || sample.ms > nowMs)
            continue;
        result.append(QPointF(double(sample.ms - nowMs) / 1000.0, sample.value));
    }
    return result;
}

} // namespace Sockpit
