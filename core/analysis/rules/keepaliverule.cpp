// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

#include <algorithm>

namespace Sockpit::AnalysisRules {

namespace {

// RFC 1122 4.2.3.5 asks for at least 100 s before giving up on a peer; ip-sysctl.rst
// tcp_retries2: "which corresponds to a value of at least 8".
constexpr qint64 Rfc1122Retries = 8;

} // namespace

// A NAT or stateful firewall forgets a flow that stays idle longer than its timeout; the
// next segment of either side then goes nowhere (or draws a RST). A keepalive probe
// (ip-sysctl.rst tcp_keepalive_time) is traffic that refreshes the mapping, so the first
// one must go before the timeout runs out. The timeout is not on this host: the user gives it.
void KeepaliveRule::run()
{
    if (!m_options.idleTimeoutSeconds || *m_options.idleTimeoutSeconds <= 0)
        return;
    const qint64 idle = *m_options.idleTimeoutSeconds;
    const auto time = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_keepalive_time"));
    const auto intvl = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_keepalive_intvl"));
    const auto probes = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_keepalive_probes"));
    if (!time || !intvl || !probes)
        return;
    if (*time < idle)
        return;
    Finding f;
    f.id = QStringLiteral("keepalive-idle-timeout");
    f.severity = Severity::Warning;
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                  "Keepalive probes start after %1 s idle, but the NAT or firewall forgets a flow after %2 s"))
                  .arg(*time)
                  .arg(idle);
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_keepalive_time"), double(*time),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "seconds"), QStringLiteral("sys/net/ipv4/tcp_keepalive_time")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "idle_timeout"), double(idle),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "seconds"), QT_TRANSLATE_NOOP("Sockpit::Finding", "given")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_keepalive_intvl"), double(*intvl),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "seconds"), QStringLiteral("sys/net/ipv4/tcp_keepalive_intvl")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_keepalive_probes"), double(*probes),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "probes"), QStringLiteral("sys/net/ipv4/tcp_keepalive_probes")));
    const KeepaliveSockets sockets = keepaliveSockets(m_o.later);
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "established"), sockets.established,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("net/tcp, net/tcp6")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "keepalive_sockets"), sockets.withKeepalive,
        QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QT_TRANSLATE_NOOP("Sockpit::Finding",
            "ESTABLISHED with a keepalive timer")));
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "A NAT gateway or stateful firewall drops a flow that stays idle longer than its timeout; the next "
        "segment then vanishes or draws a reset. A keepalive probe is traffic that keeps the flow alive, so the "
        "first one must be sent before the timeout runs out."));
    // The first probe at half the timeout leaves the other half for a retry: probe and
    // retry go out before the flow is forgotten even when the first probe is lost.
    const qint64 half = std::max<qint64>(1, idle / 2);
    const qint64 quarter = std::max<qint64>(1, idle / 4);
    propose(f, QStringLiteral("net.ipv4.tcp_keepalive_time"), QString::number(half));
    if (*intvl > quarter)
        propose(f, QStringLiteral("net.ipv4.tcp_keepalive_intvl"), QString::number(quarter));
    const qint64 newIntvl = std::min(*intvl, quarter);
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                     "Keepalive only helps applications that set SO_KEEPALIVE: %1 of %2 established sockets have a "
                     "keepalive timer now. Applications that set TCP_KEEPIDLE, TCP_KEEPINTVL or TCP_KEEPCNT "
                     "themselves keep their own values."))
                     .arg(sockets.withKeepalive)
                     .arg(sockets.established);
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                     "Connections open now keep the probe time they were given until their keepalive timer next "
                     "fires (up to %1 s from now); new connections use the new values at once."))
                     .arg(*time);
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                     "A dead idle peer is then noticed after %1 s (tcp_keepalive_time + tcp_keepalive_intvl × "
                     "tcp_keepalive_probes), and every idle SO_KEEPALIVE connection sends a small probe every %2 s."))
                     .arg(half + newIntvl * *probes)
                     .arg(half);
    // tcp_retries2 decides how long a peer that vanished with data in flight lingers;
    // it is proposed only when connections did time out while measuring.
    const auto retries = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_retries2"));
    const double aborts = rate(m_o.later, "TcpExt.TCPAbortOnTimeout");
    if (aborts >= 0)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "timeout_aborts_per_s"), aborts,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("TcpExt.TCPAbortOnTimeout")));
    if (retries) {
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_retries2"), double(*retries),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "retransmissions"), QStringLiteral("sys/net/ipv4/tcp_retries2")));
        if (aborts > 0 && *retries > Rfc1122Retries) {
            propose(f, QStringLiteral("net.ipv4.tcp_retries2"), QString::number(Rfc1122Retries));
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                             "tcp_retries2 = %1 keeps retransmitting to a vanished peer for about %2 s; %3 gives up "
                             "after about %4 s, RFC 1122's minimum of 100 s. An outage longer than that now "
                             "aborts connections it would have survived."))
                             .arg(*retries)
                             .arg(number(tcpRetriesTimeoutSeconds(*retries), 1))
                             .arg(Rfc1122Retries)
                             .arg(number(tcpRetriesTimeoutSeconds(Rfc1122Retries), 1));
        }
    }
    f.references = {reference(IpSysctl, "tcp_keepalive_time"), reference(IpSysctl, "tcp_keepalive_intvl"),
                    reference(IpSysctl, "tcp_keepalive_probes"), reference(IpSysctl, "tcp_retries2")};
    add(std::move(f));
}

} // namespace Sockpit::AnalysisRules
