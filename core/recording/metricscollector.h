// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "probes/probestats.h"
#include "sampling/procroot.h"
#include "base/result.h"
#include "sampling/snapshot.h"

#include <array>
#include <memory>
#include <vector>

namespace Sockpit {

class Sampler;

// One probe target as the metrics carry it.
struct ProbeFigures
{
    QString target;     // as the user gave it: "icmp://192.0.2.1", "tcp://example.org:443"
    ProbeStats stats;   // over the prober's window
    ProbeTotals totals; // since the prober started
};

// Everything one exposition shows, all from one snapshot, so the figures agree.
struct MetricsSample
{
    Snapshot snapshot;
    std::vector<PortPressure> destinations; // every destination, most sockets first
    std::vector<AcceptQueue> acceptQueues;  // every TCP listener
    std::array<int, 3> findings{};          // finding counts, indexed by Severity
    std::vector<ProbeFigures> probes;       // filled by whoever runs the probes
};

// Takes a snapshot and runs the analysis rules on it, the way 'recommend' does but without
// a capture: the sysctls the rules read come straight from ROOT. From the second call on,
// the previous snapshot is the earlier take, so the rules that need rates run too.
// Not thread-safe: one collector lives on one thread.
class MetricsCollector
{
public:
    explicit MetricsCollector(ProcRoot root = ProcRoot());
    ~MetricsCollector();
    MetricsCollector(const MetricsCollector &) = delete;
    MetricsCollector &operator=(const MetricsCollector &) = delete;

    Result<MetricsSample> collect();

private:
    ProcRoot m_root;
    std::unique_ptr<Sampler> m_sampler;
    Snapshot m_previous;
};

} // namespace Sockpit
