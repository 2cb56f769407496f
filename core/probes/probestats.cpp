// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probestats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace Sockpit {

double pingMdev(std::span<const double> rttMs)
{
    if (rttMs.empty())
        return qQNaN();
    // iputils ping_common.c finish(): tsum/tsum2 over every reply, then
    // sqrt(tsum2/n - (tsum/n)^2). Long double keeps the difference of two large
    // numbers from cancelling to a negative for nearly constant RTTs.
    long double sum = 0, sum2 = 0;
    for (double v : rttMs) {
        sum += v;
        sum2 += static_cast<long double>(v) * v;
    }
    const long double n = static_cast<long double>(rttMs.size());
    const long double mean = sum / n;
    const long double variance = sum2 / n - mean * mean;
    return variance > 0 ? static_cast<double>(std::sqrt(variance)) : 0.0;
}

double nearestRankPercentile(std::span<const double> sortedMs, double pct)
{
    if (sortedMs.empty())
        return qQNaN();
    const double rank = std::ceil(pct / 100.0 * static_cast<double>(sortedMs.size()));
    const size_t index = static_cast<size_t>(std::clamp(rank, 1.0, static_cast<double>(sortedMs.size()))) - 1;
    return sortedMs[index];
}

double rfc3550Jitter(std::span<const double> rttMs)
{
    if (rttMs.size() < 2)
        return qQNaN();
    double jitter = 0;
    for (size_t i = 1; i < rttMs.size(); ++i)
        jitter += (std::abs(rttMs[i] - rttMs[i - 1]) - jitter) / 16.0;
    return jitter;
}

double meanAbsoluteDifference(std::span<const double> rttMs)
{
    if (rttMs.size() < 2)
        return qQNaN();
    double sum = 0;
    for (size_t i = 1; i < rttMs.size(); ++i)
        sum += std::abs(rttMs[i] - rttMs[i - 1]);
    return sum / static_cast<double>(rttMs.size() - 1);
}

namespace {

// 0 below warn, rising linearly to `weight` at alert, and staying there above it.
double ramp(double value, double warn, double alert, double weight)
{
    if (!(value > warn)) // NaN (no data) costs nothing here; loss covers it
        return 0;
    if (value >= alert || alert <= warn)
        return weight;
    return weight * (value - warn) / (alert - warn);
}

} // namespace

// Health score, 0 (unusable) to 100 (nothing to report):
//   100 - rtt - loss - jitter, clamped to 0..100, and 0 while the target is down
//   (failure streak >= downAfterFailures, or no reply in the window).
//   rtt    = 0 up to rttWarnMs, rising linearly to 30 at rttAlertMs, 30 above; measured
//            on p95 so a few slow replies count but one outlier does not. For tcp:// and
//            https:// the p95 connect time is held against connectAlertMs instead, with
//            warn at half of it.
//   loss   = 20 per lossAlertPct of loss (1 % by default), at most 60: loss just above the
//            alert threshold leaves 80, 3 % loss leaves at most 40.
//   jitter = 0 up to jitterWarnMs, rising linearly to 20 at jitterAlertMs (RFC 3550 jitter).
int healthScore(const ProbeStats &stats, const ProbeThresholds &t, bool connectKind)
{
    if (stats.received == 0 || stats.failureStreak >= t.downAfterFailures)
        return 0;
    const double rtt = connectKind ? ramp(stats.p95Ms, t.connectAlertMs / 2, t.connectAlertMs, 30)
                                   : ramp(stats.p95Ms, t.rttWarnMs, t.rttAlertMs, 30);
    const double loss = t.lossAlertPct > 0 ? std::min(60.0, 20.0 * stats.lossPct / t.lossAlertPct)
                                           : (stats.lossPct > 0 ? 60.0 : 0.0);
    const double jitter = ramp(stats.jitterRfc3550Ms, t.jitterWarnMs, t.jitterAlertMs, 20);
    return static_cast<int>(std::lround(std::clamp(100.0 - rtt - loss - jitter, 0.0, 100.0)));
}

HealthLevel healthLevel(const ProbeStats &stats, const ProbeThresholds &t, bool connectKind)
{
    if (stats.received == 0 || stats.failureStreak >= t.downAfterFailures)
        return HealthLevel::Down;
    const double rttAlert = connectKind ? t.connectAlertMs : t.rttAlertMs;
    const double rttWarn = connectKind ? t.connectAlertMs / 2 : t.rttWarnMs;
    if (stats.p95Ms >= rttAlert || stats.lossPct > t.lossAlertPct || stats.jitterRfc3550Ms >= t.jitterAlertMs)
        return HealthLevel::Alert;
    if (stats.p95Ms >= rttWarn || stats.jitterRfc3550Ms >= t.jitterWarnMs)
        return HealthLevel::Warn;
    return HealthLevel::Ok;
}

const char *healthLevelName(HealthLevel level)
{
    switch (level) {
    case HealthLevel::Ok: return "ok";
    case HealthLevel::Warn: return "warn";
    case HealthLevel::Alert: return "alert";
    case HealthLevel::Down: return "down";
    }
    return "unknown";
}

ProbeStats computeProbeStats(std::span<const ProbeSample> window, const ProbeThresholds &thresholds, bool connectKind)
{
    ProbeStats stats;
    stats.sent = static_cast<int>(window.size());
    std::vector<double> rtts;
    rtts.reserve(window.size());
    // Availability: samples inside an outage (a run of at least downAfterFailures
    // failures) count as unavailable; isolated losses count as loss only.
    int unavailable = 0;
    int run = 0;
    for (const ProbeSample &sample : window) {
        if (sample.ok()) {
            rtts.push_back(static_cast<double>(*sample.rttNs) / 1e6);
            if (run >= thresholds.downAfterFailures)
                unavailable += run;
            run = 0;
        } else {
            ++run;
        }
    }
    if (run >= thresholds.downAfterFailures)
        unavailable += run;
    stats.failureStreak = run;
    stats.received = static_cast<int>(rtts.size());
    if (stats.sent == 0)
        return stats;
    stats.lossPct = 100.0 * (stats.sent - stats.received) / stats.sent;
    stats.availabilityPct = 100.0 * (stats.sent - unavailable) / stats.sent;
    if (!rtts.empty()) {
        stats.jitterRfc3550Ms = rfc3550Jitter(rtts);
        stats.jitterMeanAbsDiffMs = meanAbsoluteDifference(rtts);
        stats.mdevMs = pingMdev(rtts);
        double sum = 0;
        for (double v : rtts)
            sum += v;
        stats.avgMs = sum / static_cast<double>(rtts.size());
        std::sort(rtts.begin(), rtts.end());
        stats.minMs = rtts.front();
        stats.maxMs = rtts.back();
        stats.p50Ms = nearestRankPercentile(rtts, 50);
        stats.p95Ms = nearestRankPercentile(rtts, 95);
        stats.p99Ms = nearestRankPercentile(rtts, 99);
    }
    stats.healthScore = healthScore(stats, thresholds, connectKind);
    stats.level = healthLevel(stats, thresholds, connectKind);
    return stats;
}

ProbeWindow::ProbeWindow(size_t capacity) : m_capacity(std::max<size_t>(1, capacity)) {}

void ProbeWindow::add(const ProbeSample &sample)
{
    ++m_totals.sent;
    if (sample.ok())
        ++m_totals.received;
    auto at = m_samples.end();
    while (at != m_samples.begin() && std::prev(at)->seq > sample.seq)
        --at;
    m_samples.insert(at, sample);
    if (m_samples.size() >= 2 * m_capacity)
        m_samples.erase(m_samples.begin(), m_samples.end() - static_cast<std::ptrdiff_t>(m_capacity));
}

std::span<const ProbeSample> ProbeWindow::window() const
{
    return std::span<const ProbeSample>(m_samples).last(std::min(m_samples.size(), m_capacity));
}

const std::vector<ProbeSample> &ProbeWindow::samples() const
{
    if (m_samples.size() > m_capacity)
        m_samples.erase(m_samples.begin(), m_samples.end() - static_cast<std::ptrdiff_t>(m_capacity));
    return m_samples;
}

ProbeStats ProbeWindow::stats(const ProbeThresholds &thresholds, bool connectKind) const
{
    return computeProbeStats(window(), thresholds, connectKind);
}

} // namespace Sockpit
