// SPDX-License-Identifier: GPL-3.0-or-later
#include "latencymeter.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <ctime>

namespace Sockpit::Test {

namespace {

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

} // namespace

LatencyMeter::LatencyMeter(int intervalMs, QObject *parent)
    : QObject(parent)
    , m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LatencyMeter::onTimeout);
}

void LatencyMeter::start()
{
    m_clock.start();
    m_lastNs = -1;
    m_timer.start();
}

void LatencyMeter::stop()
{
    m_timer.stop();
}

void LatencyMeter::reset()
{
    m_lateMs.clear();
    m_tickWallMs.clear();
    m_lastNs = -1;
    m_maxGapCpuMs = 0;
    m_maxLateMs = 0;
}

void LatencyMeter::onTimeout()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double cpu = threadCpuMs();
    if (m_lastNs >= 0) {
        const double late = std::max(0.0, double(now - m_lastNs) / 1e6 - m_intervalMs);
        if (m_lateMs.empty() || late > m_maxLateMs) {
            m_maxLateMs = late;
            m_maxGapCpuMs = cpu - m_lastCpuMs;
        }
        m_lateMs.push_back(late);
    }
    m_lastNs = now;
    m_lastCpuMs = cpu;
    m_tickWallMs.push_back(QDateTime::currentMSecsSinceEpoch());
}

int LatencyMeter::ticksBetween(qint64 fromMs, qint64 toMs) const
{
    const auto first = std::lower_bound(m_tickWallMs.cbegin(), m_tickWallMs.cend(), fromMs);
    const auto last = std::upper_bound(first, m_tickWallMs.cend(), toMs);
    return int(last - first);
}

double LatencyMeter::maxMs() const
{
    return m_lateMs.empty() ? 0 : *std::max_element(m_lateMs.cbegin(), m_lateMs.cend());
}

double LatencyMeter::percentileMs(double pct) const
{
    if (m_lateMs.empty())
        return 0;
    std::vector<double> sorted = m_lateMs;
    std::sort(sorted.begin(), sorted.end());
    const size_t rank = size_t(std::ceil(pct / 100.0 * double(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

} // namespace Sockpit::Test
