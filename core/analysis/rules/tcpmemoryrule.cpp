// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

#include <algorithm>

namespace Sockpit::AnalysisRules {

void TcpMemoryRule::run()
{
    const std::vector<qint64> mem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_mem"));
    const qint64 pages = m_o.later.sockStat().tcpMemoryPages;
    if (mem.size() != 3 || pages < 0 || pages < mem[1])
        return;
    Finding f = finding();
    f.severity = pages >= mem[2] ? Severity::Critical : Severity::Warning;
    add(std::move(f));
}

Finding TcpMemoryRule::finding()
{
    const std::vector<qint64> mem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_mem"));
    const qint64 pages = m_o.later.sockStat().tcpMemoryPages;
    Finding f;
    f.id = QStringLiteral("tcp-memory-pressure");
    f.severity = Severity::Warning;
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding", "TCP memory is under pressure"));
    if (pages >= 0)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_memory_pages"), double(pages),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "pages"), QStringLiteral("net/sockstat TCP mem")));
    if (mem.size() == 3) {
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_mem_pressure"), double(mem[1]),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "pages"), QStringLiteral("sys/net/ipv4/tcp_mem")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_mem_max"), double(mem[2]),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "pages"), QStringLiteral("sys/net/ipv4/tcp_mem")));
        if (pages >= 0)
            f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                      "TCP memory is under pressure: %1 pages in use, pressure at %2, limit %3"))
                          .arg(pages)
                          .arg(mem[1])
                          .arg(mem[2]);
    }
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "Above tcp_mem's pressure level the kernel shrinks socket buffers; at the "
        "maximum it refuses new buffer memory (\"TCP: out of memory\"). Find the "
        "sockets with large queues first (sockpit-cli snapshot)."));
    if (mem.size() == 3 && pages >= mem[1])
        proposeTcpMem(f, mem);
    f.references = {reference(IpSysctl, "tcp_mem"), QStringLiteral("Documentation/filesystems/proc.rst: meminfo")};
    return f;
}

// Physical memory in pages, with its evidence; -1 (and a caveat saying why nothing is
// proposed) when the tree holds no meminfo.
qint64 TcpMemoryRule::physicalPages(Finding &f, const QString &what)
{
    if (!m_o.memory.known()) {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "Physical memory is unknown (the capture holds no meminfo), so no %1 is "
                                     "proposed."))
                         .arg(what);
        return -1;
    }
    const qint64 pages = m_o.memory.totalKb * 1024 / m_o.pageSize;
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "mem_total_pages"), double(pages),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "pages"),
        QStringLiteral("meminfo MemTotal %1 kB / page size %2%3")
            .arg(m_o.memory.totalKb)
            .arg(m_o.pageSize)
            .arg(m_o.pageSizeKnown ? QString() : QStringLiteral(" (assumed)"))));
    return pages;
}

// tcp_mem sized from what TCP uses now: PRESSURE at 1.5 times the use, so the measured
// use sits at two thirds of it, and MIN and MAX in the ratio tcp_init_mem()
// (net/ipv4/tcp.c) boots with, 3 : 4 : 6. No field is lowered. MAX is bounded by a
// quarter of physical memory: the memory is unswappable, and the kernel's own default
// MAX is about 9 % of it.
void TcpMemoryRule::proposeTcpMem(Finding &f, const std::vector<qint64> &mem)
{
    qint64 used = m_o.later.sockStat().tcpMemoryPages;
    if (m_o.hasRates())
        used = std::max(used, m_o.earlier.sockStat().tcpMemoryPages);
    const qint64 total = physicalPages(f, QStringLiteral("tcp_mem"));
    if (total <= 0)
        return;
    const qint64 cap = total / 4;
    if (mem[2] >= cap) {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "tcp_mem's maximum (%1 pages) already reaches a quarter of physical memory "
                                     "(%2 of %3 pages): no larger tcp_mem is proposed; reduce what the sockets "
                                     "hold instead."))
                         .arg(mem[2])
                         .arg(cap)
                         .arg(total);
        return;
    }
    qint64 pressure = std::max((used * 3 + 1) / 2, mem[1]);
    qint64 maximum = std::max(pressure * 3 / 2, mem[2]);
    qint64 minimum = std::max(pressure * 3 / 4, mem[0]);
    const bool bounded = maximum > cap;
    maximum = std::min(maximum, cap);
    pressure = std::min(pressure, maximum);
    minimum = std::min(minimum, pressure);
    propose(f, QStringLiteral("net.ipv4.tcp_mem"), QStringLiteral("%1 %2 %3").arg(minimum).arg(pressure).arg(maximum));
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                 "Sized from the measured use: PRESSURE = 1.5 x %1 pages in use, MIN and MAX in "
                                 "the kernel's boot ratio 3 : 4 : 6; no field is lowered."))
                     .arg(used);
    if (bounded)
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "MAX is bounded by a quarter of physical memory (%1 of %2 pages); TCP may "
                                     "still reach it under this load."))
                         .arg(cap)
                         .arg(total);
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "tcp_mem counts pages of unswappable kernel memory: a larger maximum lets socket "
        "buffers take memory from applications. If the use keeps growing, a reader that "
        "does not keep up or a leak of sockets is the cause, not the limit."));
}

} // namespace Sockpit::AnalysisRules
