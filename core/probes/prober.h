// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "probes/probestats.h"
#include "probes/probetarget.h"

#include <QObject>

#include <memory>
#include <vector>

namespace Sockpit {

enum class IcmpMode : quint8 {
    Auto,       // ping socket; a raw socket when the ping socket is refused and we may
    PingSocket, // SOCK_DGRAM + IPPROTO_ICMP(V6), allowed by net.ipv4.ping_group_range
    Raw,        // SOCK_RAW, needs CAP_NET_RAW
};

struct ProberOptions
{
    int intervalMs = 1000; // 10 and up
    int timeoutMs = 1000;  // a reply later than this is a loss, never matched later
    int count = 0;         // probes per target; 0 runs until stop()
    // Samples kept per target, the sliding window samples() and stats() cover: the last
    // 1000 probes (16 minutes at 1 s, 10 s at 10 ms). totals() counts past it.
    int windowSize = 1000;
    IcmpMode icmpMode = IcmpMode::Auto;
};

// Probes many targets at once from the thread it lives on: non-blocking sockets and one
// timerfd armed at absolute CLOCK_MONOTONIC deadlines, so the schedule does not drift and
// intervals down to 10 ms hold. Every target is probed in each round, one round per
// interval; a name is resolved once per round, off this thread (HostResolver). Replies
// are timed by the kernel's receive timestamp, so below a 100 ms interval the sockets
// are read once per round rather than woken for each reply, which costs nothing in
// accuracy. Move it to a worker thread before start(); samples leave through
// sampleReady() as values.
class Prober final : public QObject
{
    Q_OBJECT
public:
    explicit Prober(ProberOptions options, QObject *parent = nullptr);
    ~Prober() override;

    // Resolves the target (blocking, once: call it before start() on the worker thread)
    // and opens what it needs; the target's index on success.
    Result<int> addTarget(const ProbeTarget &target);
    int targetCount() const;
    const ProbeTarget &target(int index) const;
    const ResolvedAddress &address(int index) const;
    // How ICMP is sent for this target ("ping socket" or "raw socket"); empty otherwise.
    QString icmpMethod(int index) const;
    // The window: the last windowSize samples, in the order the probes were sent.
    const std::vector<ProbeSample> &samples(int index) const;
    // Statistics over the window, with the target's thresholds.
    ProbeStats stats(int index) const;
    ProbeTotals totals(int index) const;
    // Replaces the target's thresholds (ProbeTarget::thresholds) from now on.
    void setThresholds(int index, const ProbeThresholds &thresholds);

    void start();
    void stop();
    bool isFinished() const;

Q_SIGNALS:
    void sampleReady(int target, const Sockpit::ProbeSample &sample);
    void finished();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Opens an ICMP socket the way Prober does, for a plain explanation when it cannot:
// which sysctl (net.ipv4.ping_group_range) would allow unprivileged ping sockets.
Result<int> openIcmpSocket(int family, IcmpMode mode, bool *raw);

} // namespace Sockpit
