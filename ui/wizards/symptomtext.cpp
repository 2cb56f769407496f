// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/symptomtext.h"

#include <QLocale>
#include <QTranslator>

namespace Sockpit {

namespace {

// The translator a report renders with instead of the application's (zh_CN in an English
// session, and back); one at a time, on the GUI thread.
const QTranslator *g_translator = nullptr;

bool isSeconds(const QString &metric)
{
    return metric == QLatin1String("idle_timeout") || metric == QLatin1String("tcp_keepalive_time")
           || metric == QLatin1String("tcp_keepalive_intvl") || metric == QLatin1String("keepalive_dead_after_s")
           || metric == QLatin1String("retries2_timeout_s");
}

} // namespace

bool SymptomText::isRatio(const QString &metric)
{
    return metric.endsWith(QLatin1String("_share")) || metric.endsWith(QLatin1String("_fill"));
}

SymptomText::Scope::Scope(const QTranslator *translator)
    : m_previous(g_translator)
{
    g_translator = translator;
}

SymptomText::Scope::~Scope()
{
    g_translator = m_previous;
}

QString SymptomText::t(const char *source)
{
    if (g_translator) {
        const QString text = g_translator->translate("SymptomText", source);
        return text.isEmpty() ? QString::fromUtf8(source) : text;
    }
    return tr(source);
}

QString SymptomText::title(Symptom symptom)
{
    switch (symptom) {
    case Symptom::PortsRunOut:
        return t(QT_TR_NOOP("Outgoing connections fail or ports run out"));
    case Symptom::TimeWaitPileUp:
        return t(QT_TR_NOOP("TIME_WAIT / FIN_WAIT2 sockets pile up"));
    case Symptom::ServerDrops:
        return t(QT_TR_NOOP("A server drops or delays new connections"));
    case Symptom::SlowTransfers:
        return t(QT_TR_NOOP("Transfers are slow on long or fast links"));
    case Symptom::IdleConnectionsDie:
        return t(QT_TR_NOOP("Idle connections die behind a NAT, or dead peers linger"));
    case Symptom::ConntrackFull:
        return t(QT_TR_NOOP("The connection tracking table is full"));
    }
    return {};
}

QString SymptomText::description(Symptom symptom)
{
    switch (symptom) {
    case Symptom::PortsRunOut:
        return t(QT_TR_NOOP("connect() fails with “Cannot assign requested address” (EADDRNOTAVAIL), or a proxy, "
                  "crawler or load generator stalls opening connections. The kernel gives every connection toward "
                  "one destination a local port of its own, so ports run out per destination."));
    case Symptom::TimeWaitPileUp:
        return t(QT_TR_NOOP("ss or netstat shows thousands of sockets in TIME_WAIT or FIN_WAIT2. TIME_WAIT is normal: the side "
                  "that closes first keeps the connection for 60 s so late segments cannot corrupt a new one. It "
                  "only hurts when its table overflows, when closing sockets near tcp_max_orphans, or when it holds "
                  "most local ports toward one destination."));
    case Symptom::ServerDrops:
        return t(QT_TR_NOOP("Clients of a server on this machine time out or wait a second or more to connect. "
                            "Connections that completed the handshake wait in the listener's accept queue until the "
                            "application accepts them; when it is full the kernel drops them (ListenOverflows)."));
    case Symptom::SlowTransfers:
        return t(QT_TR_NOOP("A download or copy over a long or fast path stays far below the link's speed. A TCP "
                            "connection keeps at most one window of data in flight, so filling a path takes a "
                            "window of bandwidth × round-trip time (the bandwidth-delay product); the kernel's "
                            "buffer maximums cap that window. Type the path's bandwidth and a host at its far end "
                            "(its RTT is probed) or the RTT itself."));
    case Symptom::IdleConnectionsDie:
        return t(QT_TR_NOOP("Connections that sat idle for a while hang or are reset when they are used again (SSH "
                            "sessions, database pools), or connections to a peer that vanished stay open for many "
                            "minutes. A NAT gateway or firewall forgets a flow that stays idle longer than its "
                            "timeout; keepalive probes keep it alive only if the first one goes before that."));
    case Symptom::ConntrackFull:
        return t(QT_TR_NOOP("New connections through or to this machine fail at random while old ones work, and the "
                            "kernel log says “nf_conntrack: table full, dropping packet”. Netfilter tracks every flow "
                            "while nf_conntrack is loaded; when its table is full it drops the first packet of "
                            "every new one."));
    }
    return {};
}

QString SymptomText::figureName(const QString &metric, const QString &subject)
{
    const QString toward = subject.isEmpty() ? t(QT_TR_NOOP("the busiest destination")) : subject;
    if (metric == QLatin1String("destination_sockets"))
        return t(QT_TR_NOOP("Sockets holding a local port toward %1")).arg(toward);
    if (metric == QLatin1String("usable_ports"))
        return t(QT_TR_NOOP("Usable local ports (ip_local_port_range less reserved ports)"));
    if (metric == QLatin1String("port_share"))
        return t(QT_TR_NOOP("Share of usable local ports held toward %1")).arg(toward);
    if (metric == QLatin1String("time_wait_share"))
        return t(QT_TR_NOOP("Of them in TIME_WAIT"));
    if (metric == QLatin1String("seconds_to_exhaustion"))
        return t(QT_TR_NOOP("Seconds until no port is left, at the current growth"));
    if (metric == QLatin1String("time_wait"))
        return t(QT_TR_NOOP("Sockets in TIME_WAIT"));
    if (metric == QLatin1String("tcp_max_tw_buckets"))
        return t(QT_TR_NOOP("TIME_WAIT table size (tcp_max_tw_buckets)"));
    if (metric == QLatin1String("time_wait_overflows_per_s"))
        return t(QT_TR_NOOP("Closing sockets that skipped TIME_WAIT because the table was full"));
    if (metric == QLatin1String("fin_wait2_orphans"))
        return t(QT_TR_NOOP("Closed sockets waiting in FIN_WAIT2 for the peer"));
    if (metric == QLatin1String("tcp_fin_timeout"))
        return t(QT_TR_NOOP("How long a closed socket waits in FIN_WAIT2 (tcp_fin_timeout)"));
    if (metric == QLatin1String("orphans"))
        return t(QT_TR_NOOP("Orphaned sockets (closed, still closing)"));
    if (metric == QLatin1String("accept_queue"))
        return t(QT_TR_NOOP("Connections waiting in the accept queue of %1")).arg(subject);
    if (metric == QLatin1String("listen_backlog"))
        return t(QT_TR_NOOP("Backlog of %1 (what listen() asked for, capped by somaxconn)")).arg(subject);
    if (metric == QLatin1String("accept_queue_fill"))
        return t(QT_TR_NOOP("Fill of the accept queue of %1")).arg(subject);
    if (metric == QLatin1String("somaxconn"))
        return t(QT_TR_NOOP("Largest backlog the kernel grants (somaxconn)"));
    if (metric == QLatin1String("listen_overflows_per_s"))
        return t(QT_TR_NOOP("Connections dropped on a full accept queue"));
    if (const QString name = slowTransferFigureName(metric); !name.isEmpty())
        return name;
    return keepaliveFigureName(metric);
}

QString SymptomText::keepaliveFigureName(const QString &metric)
{
    if (metric == QLatin1String("established"))
        return t(QT_TR_NOOP("Established TCP connections"));
    if (metric == QLatin1String("keepalive_sockets"))
        return t(QT_TR_NOOP("Of them with a keepalive timer (the application set SO_KEEPALIVE)"));
    if (metric == QLatin1String("idle_timeout"))
        return t(QT_TR_NOOP("Idle timeout of the NAT or firewall (given)"));
    if (metric == QLatin1String("tcp_keepalive_time"))
        return t(QT_TR_NOOP("First keepalive probe after this much idle time (tcp_keepalive_time)"));
    if (metric == QLatin1String("tcp_keepalive_intvl"))
        return t(QT_TR_NOOP("Between unanswered probes (tcp_keepalive_intvl)"));
    if (metric == QLatin1String("tcp_keepalive_probes"))
        return t(QT_TR_NOOP("Unanswered probes before the peer is declared dead (tcp_keepalive_probes)"));
    if (metric == QLatin1String("keepalive_dead_after_s"))
        return t(QT_TR_NOOP("An idle dead peer is noticed after"));
    if (metric == QLatin1String("tcp_retries2"))
        return t(QT_TR_NOOP("Retransmissions before giving up on a peer (tcp_retries2)"));
    if (metric == QLatin1String("retries2_timeout_s"))
        return t(QT_TR_NOOP("A vanished peer with data in flight lingers for about"));
    if (metric == QLatin1String("rto_timeouts_per_s"))
        return t(QT_TR_NOOP("Retransmission timeouts (TCPTimeouts)"));
    if (metric == QLatin1String("keepalive_probes_per_s"))
        return t(QT_TR_NOOP("Keepalive probes sent (TCPKeepAlive)"));
    if (metric == QLatin1String("timeout_aborts_per_s"))
        return t(QT_TR_NOOP("Connections given up on after their retransmissions ran out (TCPAbortOnTimeout)"));
    if (metric == QLatin1String("conntrack_count"))
        return t(QT_TR_NOOP("Tracked connections (nf_conntrack_count)"));
    if (metric == QLatin1String("conntrack_max"))
        return t(QT_TR_NOOP("Size of the tracking table (nf_conntrack_max)"));
    if (metric == QLatin1String("conntrack_fill"))
        return t(QT_TR_NOOP("Fill of the connection tracking table"));
    return metric;
}

QString SymptomText::value(const QString &metric, double value)
{
    const QLocale locale;
    if (isSeconds(metric))
        return t(QT_TR_NOOP("%1 s")).arg(locale.toString(value, 'f', metric == QLatin1String("retries2_timeout_s") ? 1 : 0));
    if (isRatio(metric))
        return t(QT_TR_NOOP("%1 %")).arg(locale.toString(value * 100, 'f', 1));
    if (metric.endsWith(QLatin1String("_per_s")))
        return t(QT_TR_NOOP("%1 per second")).arg(locale.toString(value, 'f', 1));
    if (metric == QLatin1String("seconds_to_exhaustion") || metric == QLatin1String("tcp_fin_timeout"))
        return t(QT_TR_NOOP("%1 s")).arg(locale.toString(value, 'f', 0));
    if (metric.endsWith(QLatin1String("need_ratio")))
        return t(QT_TR_NOOP("%1 ×")).arg(locale.toString(value, 'f', 2));
    if (metric == QLatin1String("rtt_ms"))
        return t(QT_TR_NOOP("%1 ms")).arg(locale.toString(value, 'f', 1));
    if (metric == QLatin1String("bandwidth_mbit"))
        return t(QT_TR_NOOP("%1 Mbit/s")).arg(locale.toString(value, 'g', 6));
    if (metric.endsWith(QLatin1String("_bytes")) || metric.endsWith(QLatin1String("mem_max")))
        return bytes(value);
    return locale.toString(qint64(value));
}

QString SymptomText::advice(Advice advice)
{
    switch (advice) {
    case Advice::ConnectionPooling:
        return t(QT_TR_NOOP("Reuse connections: HTTP keep-alive and connection pools open fewer connections, so fewer ports "
                  "wait in TIME_WAIT."));
    case Advice::BindAddressNoPort:
        return t(QT_TR_NOOP("A client that binds its source address should set IP_BIND_ADDRESS_NO_PORT first: the kernel then "
                  "picks the port at connect() per destination instead of reserving it for every destination."));
    case Advice::MoreDestinations:
        return t(QT_TR_NOOP("Spread connections over more destination addresses or ports: each destination has the whole "
                  "port range to itself."));
    case Advice::TimeWaitIsNormal:
        return t(QT_TR_NOOP("TIME_WAIT itself cannot and should not be switched off: it protects new connections from "
                  "segments of old ones. tcp_tw_recycle, which did, was removed from Linux in 4.12."));
    case Advice::ListenAgain:
        return t(QT_TR_NOOP("A listener keeps the backlog it asked for until it calls listen() again: after a larger "
                            "somaxconn, restart the server (or make it listen again), and give listen() a larger "
                            "backlog in its configuration."));
    case Advice::AcceptFaster:
        return t(QT_TR_NOOP("A queue that fills whatever its size means the application accepts more slowly than "
                            "clients arrive: more worker threads or processes, or SO_REUSEPORT listeners."));
    case Advice::ParallelStreams:
        return t(QT_TR_NOOP("One connection fills a path only with a window of the whole bandwidth-delay product; "
                            "where buffers cannot grow that far (memory, a container), parallel streams share "
                            "the window between them."));
    case Advice::ApplicationBuffers:
        return t(QT_TR_NOOP("An application that sets SO_RCVBUF or SO_SNDBUF switches autotuning off for that "
                            "socket and is capped by rmem_max / wmem_max: let it leave them unset, or size them "
                            "from the bandwidth-delay product."));
    case Advice::SetSoKeepalive:
        return t(QT_TR_NOOP("Keepalive sysctls only reach sockets whose application sets SO_KEEPALIVE (ssh: "
                            "ServerAliveInterval or TCPKeepAlive; most database drivers and pools have a keepalive "
                            "option). An application can also send its own heartbeat, which works through every "
                            "NAT."));
    case Advice::LongerNatTimeout:
        return t(QT_TR_NOOP("If the NAT gateway or firewall is yours, its idle timeout for TCP can be raised instead; "
                            "a cloud NAT's timeout is usually fixed."));
    case Advice::ConntrackNoTrack:
        return t(QT_TR_NOOP("Flows that need no tracking (a busy local web server, DNS) can skip it with a NOTRACK "
                            "rule in the raw table; a shorter nf_conntrack_tcp_timeout_established frees entries of "
                            "connections that died without closing."));
    case Advice::ServerClosesFirst:
        return t(QT_TR_NOOP("The side that closes first keeps the TIME_WAIT: a server that closes idle clients could let "
                  "them close instead."));
    }
    return {};
}

QString SymptomText::listenersToRestart(const std::vector<ListenerNote> &listeners)
{
    QStringList restart;
    QStringList reconfigure;
    for (const ListenerNote &l : listeners) {
        const QString who = l.pid > 0 ? t(QT_TR_NOOP("%1 (pid %2, %3, backlog %4)")).arg(l.endpoint).arg(l.pid).arg(l.process).arg(l.backlog)
                                      : t(QT_TR_NOOP("%1 (owner unknown, backlog %2)")).arg(l.endpoint).arg(l.backlog);
        (l.backlogFromApplication ? reconfigure : restart) << who;
    }
    QStringList text;
    if (!restart.isEmpty())
        text << t(QT_TR_NOOP("Restart after the change: %1.")).arg(restart.join(QStringLiteral("; ")));
    if (!reconfigure.isEmpty())
        text << t(QT_TR_NOOP("These asked listen() for less than somaxconn, so their own configuration must ask for "
                             "more before a restart helps: %1."))
                    .arg(reconfigure.join(QStringLiteral("; ")));
    return text.join(QLatin1Char(' '));
}

QString SymptomText::verdict(const SymptomDiagnosis &d)
{
    if (!d.affected) {
        switch (d.symptom) {
        case Symptom::PortsRunOut: {
            const SymptomFigure *share = d.figure(u"port_share");
            return t(QT_TR_NOOP("This is not your problem: the busiest destination%1 holds %2 of the usable local ports, below "
                      "%3. If connect() still fails, look at the application (file descriptor limits, a full "
                      "listen queue on the server) rather than the port range; nothing is proposed."))
                .arg(d.subject.isEmpty() ? QString() : t(QT_TR_NOOP(" (%1)")).arg(d.subject),
                     share ? value(*share) : t(QT_TR_NOOP("none")),
                     share ? value(share->metric, share->threshold) : QString());
        }
        case Symptom::ServerDrops:
            return t(QT_TR_NOOP("This is not your problem: no listener's accept queue is near full and none "
                                "overflowed while measuring. Look at the network path (Links page) or the "
                                "server's own latency instead; nothing is proposed."));
        case Symptom::SlowTransfers:
            return slowTransfersNotAffected(d);
        case Symptom::IdleConnectionsDie:
            return keepaliveVerdict(d);
        case Symptom::ConntrackFull: {
            const SymptomFigure *fill = d.figure(u"conntrack_fill");
            if (!fill)
                return t(QT_TR_NOOP("This is not your problem: nf_conntrack is not loaded (there is no "
                                    "net.netfilter.nf_conntrack_count), so netfilter tracks no connections and "
                                    "has no table to fill. Nothing is proposed."));
            return t(QT_TR_NOOP("This is not your problem: the connection tracking table is %1 full, below %2. "
                                "If new connections still fail, look at the accept queue (server drops) or "
                                "the ports (outgoing connections) instead; nothing is proposed."))
                .arg(value(*fill), value(fill->metric, fill->threshold));
        }
        case Symptom::TimeWaitPileUp: {
            const SymptomFigure *tw = d.figure(u"time_wait");
            return t(QT_TR_NOOP("This is not your problem: %1 sockets in TIME_WAIT are normal here. The table is not full, no "
                      "closing socket skipped TIME_WAIT, orphans are far from their limit, few closed sockets wait "
                      "in FIN_WAIT2 and TIME_WAIT holds no destination's ports. Nothing is proposed."))
                .arg(tw ? value(*tw) : t(QT_TR_NOOP("no")));
        }
        }
    }
    QStringList over;
    for (const SymptomFigure &f : d.figures)
        if (f.exceeded())
            over << t(QT_TR_NOOP("%1 is %2 (threshold %3)")).arg(figureName(f.metric, d.subjectOf(f)), value(f), value(f.metric, f.threshold));
    QString text = t(QT_TR_NOOP("This is your problem: %1.")).arg(over.join(QStringLiteral("; ")));
    if (d.changes.empty())
        text += QLatin1Char(' ') + t(QT_TR_NOOP("No kernel setting would help here; see what the application can do."));
    return text;
}

QString SymptomText::keepaliveVerdict(const SymptomDiagnosis &d)
{
    const SymptomFigure *time = d.figure(u"tcp_keepalive_time");
    const SymptomFigure *idle = d.figure(u"idle_timeout");
    if (!time)
        return t(QT_TR_NOOP("The keepalive settings could not be read; nothing is proposed."));
    if (!idle)
        return t(QT_TR_NOOP("Enter the idle timeout of the NAT or firewall between the hosts above: keepalive is "
                            "judged against it. Until then nothing is proposed."));
    QString text = t(QT_TR_NOOP("This is not your problem: the first keepalive probe goes after %1 idle, before the "
                                "NAT or firewall forgets the flow after %2. Nothing is proposed."))
                       .arg(value(*time), value(*idle));
    const SymptomFigure *aborts = d.figure(u"timeout_aborts_per_s");
    if (aborts && aborts->exceeded())
        text += QLatin1Char(' ')
                + t(QT_TR_NOOP("Connections do time out (%1): their peers or the path fail while data is in flight; "
                               "look at retransmissions on the Links page."))
                      .arg(value(*aborts));
    const SymptomFigure *with = d.figure(u"keepalive_sockets");
    const SymptomFigure *all = d.figure(u"established");
    if (with && all && with->value < all->value)
        text += QLatin1Char(' ')
                + t(QT_TR_NOOP("Only %1 of %2 established connections have keepalive on: the others get no probes "
                               "at any setting."))
                      .arg(value(*with), value(*all));
    return text;
}

QString SymptomText::effect(const QString &metric, const QString &subject, double before, double after)
{
    const QString name = figureName(metric, subject);
    QString text = after < before ? t(QT_TR_NOOP("%1 fell from %2 to %3.")).arg(name, value(metric, before), value(metric, after))
                   : after > before
                       ? t(QT_TR_NOOP("%1 rose from %2 to %3: the change did not help so far."))
                             .arg(name, value(metric, before), value(metric, after))
                       : t(QT_TR_NOOP("%1 stayed at %2.")).arg(name, value(metric, before));
    if (metric.endsWith(QLatin1String("need_ratio")))
        text += QLatin1Char(' ') + t(QT_TR_NOOP("At 1 × or below, one connection's window can hold the whole "
                                                "bandwidth-delay product; a transfer toward the far end shows "
                                                "whether the path now fills (other limits: loss, the peer's "
                                                "buffers, the application)."));
    return text;
}

QString SymptomText::slowTransferFigureName(const QString &metric)
{
    if (metric == QLatin1String("rtt_ms"))
        return t(QT_TR_NOOP("Round-trip time of the path"));
    if (metric == QLatin1String("bandwidth_mbit"))
        return t(QT_TR_NOOP("Bandwidth of the path (as typed)"));
    if (metric == QLatin1String("bdp_bytes"))
        return t(QT_TR_NOOP("Bandwidth-delay product (bandwidth × RTT)"));
    if (metric == QLatin1String("needed_buffer_bytes"))
        return t(QT_TR_NOOP("Buffer a connection needs (2 × BDP: half of a buffer is overhead)"));
    if (metric == QLatin1String("tcp_rmem_max"))
        return t(QT_TR_NOOP("Largest receive buffer autotuning may grow to (tcp_rmem max)"));
    if (metric == QLatin1String("tcp_wmem_max"))
        return t(QT_TR_NOOP("Largest send buffer autotuning may grow to (tcp_wmem max)"));
    if (metric == QLatin1String("rmem_max"))
        return t(QT_TR_NOOP("Largest receive buffer an application may set (rmem_max)"));
    if (metric == QLatin1String("wmem_max"))
        return t(QT_TR_NOOP("Largest send buffer an application may set (wmem_max)"));
    if (metric == QLatin1String("buffer_need_ratio"))
        return t(QT_TR_NOOP("Buffer needed over the smaller autotuning maximum (tcp_rmem / tcp_wmem)"));
    if (metric == QLatin1String("core_buffer_need_ratio"))
        return t(QT_TR_NOOP("Buffer needed over the smaller application maximum (rmem_max / wmem_max)"));
    return {};
}

QString SymptomText::bytes(double value)
{
    const QLocale locale;
    const QString exact = locale.toString(qint64(value));
    if (value < 1 << 20)
        return t(QT_TR_NOOP("%1 bytes")).arg(exact);
    return t(QT_TR_NOOP("%1 bytes (%2 MiB)")).arg(exact, locale.toString(value / (1 << 20), 'f', 1));
}

QString SymptomText::slowTransfersNotAffected(const SymptomDiagnosis &d)
{
    const SymptomFigure *needed = d.figure(u"needed_buffer_bytes");
    if (!needed)
        return t(QT_TR_NOOP("Nothing to judge yet: type the bandwidth and a host at the far end of the path (or "
                            "its RTT), then measure. Nothing is proposed."));
    const SymptomFigure *rtt = d.figure(u"rtt_ms");
    const SymptomFigure *mbit = d.figure(u"bandwidth_mbit");
    return t(QT_TR_NOOP("This is not your problem: at %1 and %2 a connection needs %3 of buffer, and the "
                        "buffer maximums already allow that. If transfers are still slow, look at loss on the "
                        "path (Links page), the peer's buffers or the application; nothing is proposed."))
        .arg(mbit ? value(*mbit) : QString(), rtt ? value(*rtt) : QString(), value(*needed));
}

} // namespace Sockpit
