// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

#include <algorithm>

namespace Sockpit::AnalysisRules {

void OrphanRule::run()
{
    const qint64 orphans = m_o.later.sockStat().tcpOrphans;
    const auto limit = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_max_orphans"));
    if (orphans < 0 || !limit || *limit <= 0)
        return;
    const double fill = double(orphans) / double(*limit);
    if (fill < m_t.orphanFillWarning)
        return;
    Finding f;
    f.id = QStringLiteral("orphans");
    f.severity = fill >= m_t.orphanFillCritical ? Severity::Critical : Severity::Warning;
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding", "%1 orphaned sockets, %2 % of tcp_max_orphans"))
                  .arg(orphans)
                  .arg(number(fill * 100, 0));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "orphans"), double(orphans),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("net/sockstat orphan")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_max_orphans"), double(*limit),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("sys/net/ipv4/tcp_max_orphans")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "fill"), fill,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "ratio"), QStringLiteral("orphans / tcp_max_orphans")));
    // Orphans waiting in FIN_WAIT_2 are what tcp_fin_timeout bounds.
    const int finWait2 = finWait2Orphans(m_o.later);
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "fin_wait2_orphans"), finWait2,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("net/tcp, net/tcp6")));
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "Orphans are sockets the application closed whose connection is still "
        "closing. At tcp_max_orphans the kernel resets them (\"too many orphaned "
        "sockets\")."));
    const auto finTimeout = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_fin_timeout"));
    if (finTimeout && *finTimeout > 30 && finWait2 * 2 >= orphans) {
        propose(f, QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "A shorter tcp_fin_timeout aborts connections whose peer is slow to close; "
            "it does not shorten TIME_WAIT."));
    }
    proposeMaxOrphans(f, orphans, *limit, fill);
    f.references = {reference(IpSysctl, "tcp_max_orphans"), reference(IpSysctl, "tcp_fin_timeout")};
    add(std::move(f));
}

// ip-sysctl tcp_max_orphans: raise it rather than lower it, but "each orphan eats up to
// ~64K of unswappable memory". Raised only near the limit (orphan_fill_critical), while
// TCP memory is below tcp_mem's pressure level, to at most twice the limit and only as
// far as the added orphans fit, at 64 KiB each, into half of MemAvailable.
void OrphanRule::proposeMaxOrphans(Finding &f, qint64 orphans, qint64 limit, double fill)
{
    constexpr qint64 WorstCaseKibPerOrphan = 64;
    if (fill < m_t.orphanFillCritical) {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "tcp_max_orphans is not raised below %1 % of the limit "
                                     "(orphan_fill_critical); find why sockets linger in closing states first."))
                         .arg(number(m_t.orphanFillCritical * 100, 0));
        return;
    }
    if (!m_o.memory.known() || m_o.memory.availableKb < 0) {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "Available memory is unknown (the capture holds no meminfo with "
            "MemAvailable), so no tcp_max_orphans is proposed."));
        return;
    }
    f.evidence.push_back(
        evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "mem_available_kib"), double(m_o.memory.availableKb),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "KiB"), QStringLiteral("meminfo MemAvailable")));
    const std::vector<qint64> mem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_mem"));
    const qint64 pages = m_o.later.sockStat().tcpMemoryPages;
    if (mem.size() == 3 && pages >= mem[1]) {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "TCP memory is above tcp_mem's pressure level (%1 of %2 pages): more orphans "
                                     "would only deepen it, so tcp_max_orphans is not raised."))
                         .arg(pages)
                         .arg(mem[1]);
        return;
    }
    const qint64 affordable = m_o.memory.availableKb / 2 / WorstCaseKibPerOrphan;
    qint64 target = std::min(limit * 2, orphans + affordable);
    if (target < limit * 2)
        target = target / 1024 * 1024;
    // Less than a tenth more would not buy time against a rise that filled 90 %.
    if (target < limit + limit / 10) {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "Memory does not allow a larger tcp_max_orphans: at up to 64 KiB each, half "
                                     "of MemAvailable (%1 KiB) holds only %2 more orphans."))
                         .arg(m_o.memory.availableKb)
                         .arg(affordable);
        return;
    }
    propose(f, QStringLiteral("net.ipv4.tcp_max_orphans"), QString::number(target));
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                 "At worst %1 orphans hold %2 MiB of unswappable memory (64 KiB each); "
                                 "MemAvailable is %3 MiB. Raising the limit buys time: find why connections stay "
                                 "in closing states (peers that never answer FIN, tcp_fin_timeout)."))
                     .arg(target)
                     .arg(target * WorstCaseKibPerOrphan / 1024)
                     .arg(m_o.memory.availableKb / 1024);
}

} // namespace Sockpit::AnalysisRules
