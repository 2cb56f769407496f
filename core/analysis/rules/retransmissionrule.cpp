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
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding", "%1 % of sent TCP segments are retransmissions"))
                  .arg(number(ratio * 100, 1));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "retrans_segs_per_s"), retrans,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("Tcp.RetransSegs")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "out_segs_per_s"), out,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("Tcp.OutSegs")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "retrans_ratio"), ratio,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "ratio"), QStringLiteral("RetransSegs / OutSegs")));
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "Segments are lost on a path (or on this host's queues) and sent again; "
        "throughput falls roughly with the square root of the loss rate. No sysctl "
        "fixes loss: probe the peers (sockpit-cli probe) to find the path."));
    f.references = {reference(SnmpCounters, "Tcp.RetransSegs")};
    add(std::move(f));
}

} // namespace Sockpit::AnalysisRules
