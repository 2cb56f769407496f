// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

namespace Sockpit::AnalysisRules {

void RetransmissionRule::run()
{
    const double retrans = rate(m_o.later, "Tcp.RetransSegs");
    const double out = rate(m_o.later, "Tcp.OutSegs");
    if (retrans < 0 || out < m_t.retransMinimumSegmentsPerSecond)
        return;
    const double ratio = retrans / out;
    const double warningLevel = m_options.profile == Profile::LowLatency ? m_t.retransWarning / 2 : m_t.retransWarning;
    if (ratio < warningLevel)
        return;
    Finding f;
    f.id = QStringLiteral("retransmissions");
    f.severity = ratio >= m_t.retransCritical ? Severity::Critical : Severity::Warning;
    f.title = QStringLiteral("%1 % of sent TCP segments are retransmissions").arg(number(ratio * 100, 1));
    f.evidence.push_back(evidence("retrans_segs_per_s", retrans, "per second", QStringLiteral("Tcp.RetransSegs")));
    f.evidence.push_back(evidence("out_segs_per_s", out, "per second", QStringLiteral("Tcp.OutSegs")));
    f.evidence.push_back(evidence("retrans_ratio", ratio, "ratio", QStringLiteral("RetransSegs / OutSegs")));
    f.explanation = QStringLiteral("Segments are lost on a path (or on this host's queues) and sent again; "
                                   "throughput falls roughly with the square root of the loss rate. No sysctl "
                                   "fixes loss: probe the peers (sockpit-cli probe) to find the path.");
    f.references = {reference(SnmpCounters, "Tcp.RetransSegs")};
    add(std::move(f));
}

} // namespace Sockpit::AnalysisRules
