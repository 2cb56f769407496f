// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace Sockpit {

// One probe: sent at sentAtNs (CLOCK_MONOTONIC), answered after rttNs or failed with an
// error ("timeout", "connection refused", ...). A reply after the timeout is a failure.
struct ProbeSample
{
    quint32 seq = 0;
    qint64 sentAtNs = 0;        // monotonic
    qint64 sentAtWallMs = 0;    // milliseconds since the epoch, for reports
    std::optional<qint64> rttNs; // set when answered in time
    QString error;              // empty when answered
    // Phases of this sample, milliseconds; negative when not reached. dnsMs: this
    // round's lookup of a named target of any kind (0 for an https address); the
    // others are https only.
    double dnsMs = -1, connectMs = -1, tlsMs = -1, firstByteMs = -1;
    int httpStatus = 0;

    bool ok() const { return rttNs.has_value(); }
};

enum class HealthLevel : quint8 { Ok, Warn, Alert, Down };

// Per-target limits; the defaults are those of the link-quality requirements.
struct ProbeThresholds
{
    double rttWarnMs = 100;
    double rttAlertMs = 300;
    double lossAlertPct = 1;       // alert when loss is above this
    double jitterWarnMs = 30;
    double jitterAlertMs = 80;
    double connectAlertMs = 2000;  // tcp:// and https:// connect time
    int downAfterFailures = 3;     // this many consecutive failures count as an outage
};

// Statistics over one window of samples. Times in milliseconds; NaN when no reply.
struct ProbeStats
{
    int sent = 0;
    int received = 0;
    double lossPct = 0;
    double minMs = qQNaN(), avgMs = qQNaN(), maxMs = qQNaN(), mdevMs = qQNaN();
    double p50Ms = qQNaN(), p95Ms = qQNaN(), p99Ms = qQNaN();
    double jitterRfc3550Ms = qQNaN();
    double jitterMeanAbsDiffMs = qQNaN();
    double availabilityPct = 0;
    int failureStreak = 0;
    int healthScore = 0;
    HealthLevel level = HealthLevel::Down;
};

// mdev as iputils ping computes it: sqrt(mean(rtt^2) - mean(rtt)^2), the population
// standard deviation, not the mean deviation its name suggests.
double pingMdev(std::span<const double> rttMs);
// Nearest-rank percentile (the smallest value with at least pct % of values at or below
// it) of sorted values; NaN for an empty span. pct in (0, 100].
double nearestRankPercentile(std::span<const double> sortedMs, double pct);
// RFC 3550 section 6.4.1 interarrival jitter, J += (|D| - J) / 16, where D is the
// difference between consecutive replies' RTTs (the transit-time difference for a
// round trip); NaN for fewer than two replies.
double rfc3550Jitter(std::span<const double> rttMs);
// Mean of |rtt[i] - rtt[i-1]| over consecutive replies; NaN for fewer than two.
double meanAbsoluteDifference(std::span<const double> rttMs);

// Health score 0..100, documented in probestats.cpp with the formula.
int healthScore(const ProbeStats &stats, const ProbeThresholds &thresholds, bool connectKind);
HealthLevel healthLevel(const ProbeStats &stats, const ProbeThresholds &thresholds, bool connectKind);
const char *healthLevelName(HealthLevel level);

// Everything above over one window, in the order the samples were sent.
ProbeStats computeProbeStats(std::span<const ProbeSample> window, const ProbeThresholds &thresholds = {},
                             bool connectKind = false);

// Lifetime counts of one target's finished probes, not bounded by any window.
struct ProbeTotals
{
    qint64 sent = 0;     // probes finished: answered, failed or timed out
    qint64 received = 0; // answered in time
};

// One target's sliding window: the last `capacity` samples in sequence order (the order
// the probes were sent, even when a timeout is decided after later replies), and the
// lifetime totals. Appending is O(1) amortised: up to another window of older samples
// waits in front until samples() or the next overflow trims it.
class ProbeWindow
{
public:
    explicit ProbeWindow(size_t capacity = 1000);

    void add(const ProbeSample &sample);
    size_t capacity() const { return m_capacity; }
    // Exactly the window, oldest first.
    std::span<const ProbeSample> window() const;
    // The same, as the vector it is kept in (trimmed to the window first).
    const std::vector<ProbeSample> &samples() const;
    ProbeStats stats(const ProbeThresholds &thresholds, bool connectKind) const;
    ProbeTotals totals() const { return m_totals; }

private:
    size_t m_capacity;
    mutable std::vector<ProbeSample> m_samples;
    ProbeTotals m_totals;
};

} // namespace Sockpit
