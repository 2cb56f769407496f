// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "probes/probetarget.h"

#include <QString>

namespace Sockpit {

// A path's RTT for the bandwidth-delay product, measured the way `probe` does: a few
// probes 200 ms apart, so it takes about a second.
inline constexpr int RttProbes = 5;
inline constexpr int RttProbeIntervalMs = 200;

struct MeasuredRtt
{
    double avgMs = 0;
    int sent = 0;
    int received = 0;
    // How it was measured, for PathSpec::rttSource: "measured by 5 ICMP probes to
    // icmp://10.0.0.1 (10.0.0.1): avg 80.412 ms".
    QString source;
};

// Probes TARGET (icmp:// or tcp://) RttProbes times with a Prober on the calling thread,
// which it blocks while its own event loop runs. Fails when the target is not ICMP or TCP,
// cannot be resolved or opened (code EACCES / EPERM when not allowed to), or when no probe
// was answered (code ETIMEDOUT): the path is the problem then, not the input.
Result<MeasuredRtt> measureRtt(const ProbeTarget &target);

} // namespace Sockpit
