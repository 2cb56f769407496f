// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

#include <algorithm>
#include <cmath>

namespace Sockpit::AnalysisRules {

void BandwidthDelayRule::run()
{
    if (!m_options.path)
        return;
    const PathSpec &path = *m_options.path;
    const double bdp = bandwidthDelayProduct(path);
    // tcp_adv_win_scale (default 1) keeps half of the receive buffer for overhead, so
    // a window of one BDP needs a buffer of twice the BDP; the same headroom is given
    // to the send buffer, which also holds data until it is acknowledged.
    const double needed = 2 * bdp;
    const std::vector<qint64> rmem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_rmem"));
    const std::vector<qint64> wmem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_wmem"));
    const auto rmemMax = m_o.sysctlInteger(QStringLiteral("net.core.rmem_max"));
    const auto wmemMax = m_o.sysctlInteger(QStringLiteral("net.core.wmem_max"));
    const bool rShort = rmem.size() == 3 && double(rmem[2]) < needed;
    const bool wShort = wmem.size() == 3 && double(wmem[2]) < needed;
    const bool coreShort = (rmemMax && double(*rmemMax) < needed) || (wmemMax && double(*wmemMax) < needed);
    const bool lfn = m_options.profile == Profile::LongFatNetwork;
    if (!rShort && !wShort && !(lfn && coreShort))
        return;
    Finding f;
    f.id = QStringLiteral("bandwidth-delay-product");
    f.subject = QStringLiteral("%1 Mbit/s, %2 ms").arg(number(path.bandwidthMbit, 1), number(path.rttMs, 1));
    f.severity = Severity::Warning;
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                              "Socket buffers are smaller than the path needs: BDP %1 bytes, buffers need %2"))
                  .arg(number(bdp))
                  .arg(number(needed));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "bandwidth_mbit"), path.bandwidthMbit,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "Mbit/s"), QT_TRANSLATE_NOOP("Sockpit::Finding", "given")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "rtt_ms"), path.rttMs,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "ms"), path.rttSource));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "bdp_bytes"), bdp,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "bytes"), QT_TRANSLATE_NOOP("Sockpit::Finding", "bandwidth x RTT")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "needed_buffer_bytes"), needed,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "bytes"), QStringLiteral("2 x BDP (tcp_adv_win_scale 1)")));
    if (rmem.size() == 3)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_rmem_max"), double(rmem[2]),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "bytes"), QStringLiteral("sys/net/ipv4/tcp_rmem")));
    if (wmem.size() == 3)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_wmem_max"), double(wmem[2]),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "bytes"), QStringLiteral("sys/net/ipv4/tcp_wmem")));
    if (rmemMax)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "rmem_max"), double(*rmemMax),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "bytes"), QStringLiteral("sys/net/core/rmem_max")));
    if (wmemMax)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "wmem_max"), double(*wmemMax),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "bytes"), QStringLiteral("sys/net/core/wmem_max")));
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "A TCP connection can have at most one window in flight; to fill a path it "
        "needs a window of bandwidth x RTT. Autotuning grows buffers up to the third "
        "field of tcp_rmem / tcp_wmem; applications that set SO_RCVBUF or SO_SNDBUF "
        "are capped by rmem_max / wmem_max instead."));
    // Rounded up to whole MiB: easier to read, and never below what is needed.
    const qint64 mib = 1 << 20;
    const qint64 target = std::min<qint64>((qint64(std::ceil(needed)) + mib - 1) / mib * mib, 2147483647);
    if (rShort)
        propose(f, QStringLiteral("net.ipv4.tcp_rmem"), QStringLiteral("%1 %2 %3").arg(rmem[0]).arg(rmem[1]).arg(target));
    if (wShort)
        propose(f, QStringLiteral("net.ipv4.tcp_wmem"), QStringLiteral("%1 %2 %3").arg(wmem[0]).arg(wmem[1]).arg(target));
    if (lfn && rmemMax && double(*rmemMax) < needed)
        propose(f, QStringLiteral("net.core.rmem_max"), QString::number(target));
    if (lfn && wmemMax && double(*wmemMax) < needed)
        propose(f, QStringLiteral("net.core.wmem_max"), QString::number(target));
    if (lfn)
        proposeCongestionControl(f);
    if (!lfn && coreShort)
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "rmem_max / wmem_max are below the need too; they matter only for "
            "applications that set their buffer sizes (long-fat-network profile "
            "proposes them)."));
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "Larger maximums cost memory only for connections that use them; a "
        "latency-sensitive host may prefer smaller buffers over full throughput."));
    f.references = {reference(IpSysctl, "tcp_rmem"), reference(IpSysctl, "tcp_wmem"),
                    reference(IpSysctl, "tcp_adv_win_scale"), reference(NetRst, "rmem_max")};
    add(std::move(f));
}

// Bulk transfers over a long path: bbr (net/ipv4/tcp_bbr.c) models the path's bandwidth and
// RTT instead of backing off at every loss as cubic does, so a queue or a stray loss on a
// long path no longer halves the window. Proposed only where the kernel lists it in
// tcp_available_congestion_control; a module that is not loaded is not there. Since 4.13
// bbr paces by itself (tcp_internal_pacing), so fq is an improvement, not a requirement.
void BandwidthDelayRule::proposeCongestionControl(Finding &f)
{
    const QString key = QStringLiteral("net.ipv4.tcp_congestion_control");
    const QString current = m_o.sysctls.value(key).trimmed();
    if (current == QLatin1String("bbr"))
        return;
    const auto listed = m_o.sysctls.constFind(QStringLiteral("net.ipv4.tcp_available_congestion_control"));
    if (current.isEmpty() || listed == m_o.sysctls.cend())
        return; // a tree that does not say what the kernel has
    const QStringList available = listed->simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!available.contains(QLatin1String("bbr"))) {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "bbr is not among this kernel's congestion control algorithms (%1), so %2 stays; "
            "after modprobe tcp_bbr it would be proposed."))
                         .arg(available.join(QLatin1Char(' ')))
                         .arg(current);
        return;
    }
    propose(f, key, QStringLiteral("bbr"));
    // net.rst default_qdisc: fq gives bbr flows the kernel's pacing on devices created from
    // now on. /proc/sys names no qdisc the kernel has; its module tree does. Absent inside a
    // child namespace: nothing to say there.
    const QString qdisc = m_o.sysctls.value(QStringLiteral("net.core.default_qdisc")).trimmed();
    if (!qdisc.isEmpty() && qdisc != QLatin1String("fq")) {
        const std::optional<bool> hasFq = m_o.queueDisciplines.has(u"fq");
        if (hasFq == true) {
            propose(f, QStringLiteral("net.core.default_qdisc"), QStringLiteral("fq"));
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                "default_qdisc applies to devices created from now on; for one that exists already: "
                "tc qdisc replace dev DEV root fq."));
        } else if (hasFq == false) {
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                "This kernel has no sch_fq (its module tree lists %1), so default_qdisc stays %2; bbr "
                "paces its flows itself without it."))
                             .arg(m_o.queueDisciplines.names.join(QLatin1Char(' ')))
                             .arg(qdisc);
        } else {
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                "net.core.default_qdisc is %1: fq would pace bbr's flows on devices created from now on, "
                "but whether this kernel has sch_fq is unknown (no module tree for it under /lib/modules), "
                "so it is not proposed. Try it on one device first: tc qdisc replace dev DEV root fq."))
                             .arg(qdisc);
        }
    }
    f.references.push_back(reference(IpSysctl, "tcp_congestion_control"));
}

} // namespace Sockpit::AnalysisRules
