// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

namespace Sockpit::AnalysisRules {

// An orphan in FIN_WAIT_2 has sent its FIN and had it acknowledged, and waits for a peer
// that never closes its half. The kernel gives up after tcp_fin_timeout (ip-sysctl.rst:
// tcp_fin_timeout, "the length of time an orphaned (no longer referenced by any
// application) connection will remain in the FIN_WAIT_2 state before it is aborted at the
// local end"); until then each one holds its local port toward that peer.
void FinWait2Rule::run()
{
    // The orphan rule proposes tcp_fin_timeout itself when orphans near their limit.
    for (const Finding &f : m_report.findings)
        if (f.id == QLatin1String("orphans"))
            return;
    const int orphans = finWait2Orphans(m_o.later);
    if (orphans < m_t.finWait2OrphansWarning)
        return;
    const auto finTimeout = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_fin_timeout"));
    Finding f;
    f.id = QStringLiteral("fin-wait2-orphans");
    f.severity = Severity::Warning;
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                              "%1 closed connections wait in FIN_WAIT2 for peers that do not close"))
                  .arg(orphans);
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "fin_wait2_orphans"), orphans,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("net/tcp, net/tcp6 (state 05, inode 0)")));
    if (finTimeout)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_fin_timeout"), double(*finTimeout),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "seconds"), QStringLiteral("sys/net/ipv4/tcp_fin_timeout")));
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "These sockets were closed by their application and have had their FIN "
        "acknowledged, but the peer never closes its side. The kernel keeps each one, "
        "with its local port, for tcp_fin_timeout seconds before it aborts it."));
    if (finTimeout && *finTimeout > 30) {
        propose(f, QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "A shorter tcp_fin_timeout aborts connections whose peer is slow to close; "
            "it does not shorten TIME_WAIT."));
    } else {
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "tcp_fin_timeout is already 30 seconds or less; the peers that keep their half "
            "open (CLOSE_WAIT on their side) are where this is fixed."));
    }
    f.references = {reference(IpSysctl, "tcp_fin_timeout")};
    add(std::move(f));
}

} // namespace Sockpit::AnalysisRules
