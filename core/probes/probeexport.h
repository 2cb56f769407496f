// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/jsonwriter.h"
#include "probes/probestats.h"
#include "probes/probetarget.h"

#include <functional>
#include <string_view>
#include <vector>

namespace Sockpit {

// One target's run, as reports show it.
struct ProbeReport
{
    ProbeTarget target;
    QString address;   // numeric
    double resolveMs = 0;
    std::vector<ProbeSample> samples;
    ProbeStats stats;
};

// sockpit.probe/1: {"schema", "targets": [{target, kind, address, sent, received,
// loss_pct, rtt_ms{min,avg,max,mdev,p50,p95,p99}, jitter_ms{rfc3550,mean_abs_diff},
// availability_pct, failure_streak, health{score,level}, samples[{seq, sent_at, rtt_ms,
// error}]}]}; https entries add phases_ms{dns,connect,tls,first_byte} (medians over the
// answered samples) and status (the last HTTP status), and each https sample its own.
void writeProbeJson(const std::vector<ProbeReport> &reports, JsonWriter &json);

// One line per sample as they come, like ping.
QString probeSampleLine(const ProbeReport &report, const ProbeSample &sample);
// ping's summary lines for one target:
//   --- HOST probe statistics ---
//   N probes sent, M received, L% loss, availability A%
//   rtt min/avg/max/mdev = a/b/c/d ms
//   rtt p50/p95/p99 = ... ms, jitter rfc3550/mean-diff = ... ms, health S (level)
QString probeSummaryText(const ProbeReport &report);

} // namespace Sockpit
