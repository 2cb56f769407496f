// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

#include <QSet>
#include <algorithm>

namespace Sockpit::AnalysisRules {

void PortPressureRule::run()
{
    const std::vector<PortPressure> pressures = portPressure(m_o);
    const EphemeralConfig &config = m_o.later.ephemeral().config;
    for (const PortPressure &p : pressures) {
        const bool critical = p.share >= m_t.portShareCritical || (p.steadyState >= p.usable && p.usable > 0);
        const bool warning = p.share >= m_t.portShareWarning
                             || (p.steadyState >= 0 && p.steadyState >= m_t.portShareWarning * p.usable)
                             || (p.secondsToExhaustion >= 0 && p.secondsToExhaustion <= m_t.exhaustionWarningSeconds);
        if (!critical && !warning)
            continue;
        Finding f;
        f.id = QStringLiteral("ephemeral-port-pressure");
        f.subject = p.destination;
        f.severity = critical ? Severity::Critical : Severity::Warning;
        f.title = FindingText(
            QT_TRANSLATE_NOOP("Sockpit::Finding", "Ephemeral ports toward %1: %2 of %3 usable ports held (%4 %)"))
                      .arg(p.destination)
                      .arg(p.sockets)
                      .arg(p.usable)
                      .arg(number(p.share * 100, 1));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), p.sockets,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("net/tcp, net/tcp6")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "usable_ports"), p.usable,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "ports"),
            QStringLiteral("sys/net/ipv4/ip_local_port_range, ip_local_reserved_ports")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "share"), p.share,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "ratio"), QStringLiteral("sockets / usable_ports")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "time_wait"), p.timeWait,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("net/tcp, net/tcp6")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "time_wait_share"), p.timeWaitShare,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "ratio"), QStringLiteral("time_wait / sockets")));
        if (p.activeOpensPerSecond >= 0) {
            f.evidence.push_back(
                evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "active_opens_per_s"), p.activeOpensPerSecond,
                    QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("Tcp.ActiveOpens")));
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "destination_opens_per_s"), p.openRate,
                QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"),
                QT_TRANSLATE_NOOP(
                    "Sockpit::Finding", "Tcp.ActiveOpens x this destination's share of outgoing sockets")));
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "steady_state_sockets"), p.steadyState,
                QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"),
                QT_TRANSLATE_NOOP("Sockpit::Finding", "destination_opens_per_s x 60 s + sockets not in TIME_WAIT")));
        }
        if (m_o.hasRates())
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "growth_per_s"), p.growthPerSecond,
                QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"),
                QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets toward it, change between the two takes")));
        if (p.secondsToExhaustion >= 0)
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "seconds_to_exhaustion"),
                p.secondsToExhaustion, QT_TRANSLATE_NOOP("Sockpit::Finding", "seconds"),
                QStringLiteral("(usable_ports - sockets) / growth_per_s")));
        f.explanation = FindingText(
            QT_TRANSLATE_NOOP("Sockpit::Finding",
                "The kernel picks a free local port per destination (remote address and port). Every socket toward "
                "%1 holds one, including those in TIME_WAIT, which stay 60 s (TCP_TIMEWAIT_LEN) after an active "
                "close. By Little's law the TIME_WAIT count settles at closes per second x 60 s; when that reaches "
                "the usable range, connect() fails with EADDRNOTAVAIL."))
                            .arg(p.destination);
        f.references = {reference(IpSysctl, "ip_local_port_range"), reference(IpSysctl, "ip_local_reserved_ports"),
                        reference(IpSysctl, "tcp_tw_reuse")};

        // A wider range: 1024..65535 (different parity, as ip-sysctl recommends), never
        // below ip_unprivileged_port_start.
        int low = std::max<int>(1024, config.unprivilegedPortStart);
        low += low % 2;
        const PortRange wider{quint16(low), 65535};
        if (wider.size() > config.range.size() && low <= 65535) {
            propose(f, QStringLiteral("net.ipv4.ip_local_port_range"),
                    QStringLiteral("%1 %2").arg(wider.low).arg(wider.high));
            reserveListeners(f, config, wider);
        }
        // tcp_tw_reuse lets connect() take a port whose socket toward the same
        // destination is in TIME_WAIT. Value 2 (4.18+) already covers loopback.
        const double reuseShare = m_options.profile == Profile::ShortOutbound ? 0.2 : 0.5;
        const auto reuse = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_tw_reuse"));
        const bool reuseActive = reuse && (*reuse == 1 || (*reuse == 2 && p.loopback));
        if (p.timeWaitShare >= reuseShare && !reuseActive && m_options.profile != Profile::BusyServer) {
            propose(f, QStringLiteral("net.ipv4.tcp_tw_reuse"), QStringLiteral("1"));
            if (m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_timestamps")).value_or(1) == 0)
                propose(f, QStringLiteral("net.ipv4.tcp_timestamps"), QStringLiteral("1"));
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                "tcp_tw_reuse helps only outgoing connections (it lets connect() reuse a "
                "TIME_WAIT port) and needs tcp_timestamps on both ends."));
        }
        if (m_options.profile == Profile::BusyServer && p.timeWaitShare >= reuseShare && !reuseActive)
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                "tcp_tw_reuse is not proposed for the busy-server profile: it changes "
                "nothing for connections this host accepts."));
        if (f.changes.empty())
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                "No sysctl change would help here: spread connections over more "
                "destination addresses or ports, or reuse them (keep-alive, pooling)."));
        add(std::move(f));
    }
}

// A wider range must not take ports services listen on: every listener inside the new
// range that is not reserved yet gets reserved along with it.
void PortPressureRule::reserveListeners(Finding &f, const EphemeralConfig &config, const PortRange &wider)
{
    std::vector<quint16> toReserve;
    std::vector<quint16> alreadyReserved;
    QSet<quint16> seen;
    for (const SocketRecord &s : m_o.later.sockets()) {
        if (s.protocol != Protocol::Tcp || s.state != SocketState::Listen || !wider.contains(s.localPort)
            || seen.contains(s.localPort))
            continue;
        seen.insert(s.localPort);
        (config.isReserved(s.localPort) ? alreadyReserved : toReserve).push_back(s.localPort);
    }
    std::sort(toReserve.begin(), toReserve.end());
    std::sort(alreadyReserved.begin(), alreadyReserved.end());
    auto list = [](const std::vector<quint16> &ports) {
        QStringList words;
        for (quint16 port : ports)
            words << QString::number(port);
        return words.join(QStringLiteral(", "));
    };
    if (!toReserve.empty()) {
        QStringList ranges;
        for (const PortRange &r : config.reserved)
            ranges << (r.low == r.high ? QString::number(r.low) : QStringLiteral("%1-%2").arg(r.low).arg(r.high));
        for (quint16 port : toReserve)
            ranges << QString::number(port);
        propose(f, QStringLiteral("net.ipv4.ip_local_reserved_ports"), ranges.join(QLatin1Char(',')));
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "The wider range %1-%2 holds ports services listen on: %3; they are added to "
                                     "ip_local_reserved_ports so connect() never takes them."))
                         .arg(wider.low)
                         .arg(wider.high)
                         .arg(list(toReserve));
    }
    if (!alreadyReserved.empty())
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "Listening ports %1 lie inside the wider range and are already in "
                                     "ip_local_reserved_ports."))
                         .arg(list(alreadyReserved));
    if (toReserve.empty() && alreadyReserved.empty())
        f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                     "No service listens inside the wider range %1-%2 now; a service started later "
                                     "on such a port must be added to ip_local_reserved_ports."))
                         .arg(wider.low)
                         .arg(wider.high);
}

} // namespace Sockpit::AnalysisRules
