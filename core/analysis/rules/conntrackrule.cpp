// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

namespace Sockpit::AnalysisRules {

void ConntrackRule::run()
{
    const auto count = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_count"));
    const auto max = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_max"));
    if (!count || !max || *max <= 0)
        return;
    const double fill = double(*count) / double(*max);
    if (fill < m_t.conntrackFillWarning)
        return;
    Finding f = finding();
    f.severity = fill >= m_t.conntrackFillCritical ? Severity::Critical : Severity::Warning;
    add(std::move(f));
}

Finding ConntrackRule::finding()
{
    const auto count = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_count"));
    const auto max = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_max"));
    Finding f;
    f.id = QStringLiteral("conntrack-fill");
    f.severity = Severity::Warning;
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding", "The connection tracking table is filling up"));
    if (count)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "nf_conntrack_count"), double(*count),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "entries"), QStringLiteral("sys/net/netfilter/nf_conntrack_count")));
    if (max)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "nf_conntrack_max"), double(*max),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "entries"), QStringLiteral("sys/net/netfilter/nf_conntrack_max")));
    if (count && max && *max > 0) {
        const double fill = double(*count) / double(*max);
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "fill"), fill,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "ratio"), QStringLiteral("nf_conntrack_count / nf_conntrack_max")));
        f.title
            = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding", "The connection tracking table is %1 % full: %2 of %3"))
                  .arg(number(fill * 100, 0))
                  .arg(*count)
                  .arg(*max);
        propose(f, QStringLiteral("net.netfilter.nf_conntrack_max"), QString::number(*max * 2));
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "Each entry costs about 300 bytes of kernel memory; raise "
            "nf_conntrack_buckets too for lookups to stay fast."));
    }
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "When the table is full, netfilter drops the first packet of every new "
        "flow (\"nf_conntrack: table full, dropping packet\")."));
    f.references = {reference(NfSysctl, "nf_conntrack_max"), reference(NfSysctl, "nf_conntrack_count")};
    return f;
}

} // namespace Sockpit::AnalysisRules
