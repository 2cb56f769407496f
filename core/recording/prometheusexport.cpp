// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/prometheusexport.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Sockpit {

namespace {

// Kernel counters exported as Prometheus counters: (snmp/netstat name, metric, help).
// The names are those of include/uapi/linux/snmp.h as /proc/net/snmp and /proc/net/netstat
// print them; the meanings follow the kernel's MIB comments.
struct CounterMetric
{
    const char *counter;
    const char *metric;
    const char *help;
};

constexpr CounterMetric CounterMetrics[] = {
    {"Tcp.ActiveOpens", "sockpit_tcp_active_opens_total", "TCP connections this host opened (Tcp.ActiveOpens)."},
    {"Tcp.PassiveOpens", "sockpit_tcp_passive_opens_total", "TCP connections this host accepted (Tcp.PassiveOpens)."},
    {"Tcp.AttemptFails", "sockpit_tcp_attempt_fails_total", "TCP connection attempts that failed (Tcp.AttemptFails)."},
    {"Tcp.EstabResets", "sockpit_tcp_established_resets_total", "TCP connections reset from ESTABLISHED or CLOSE_WAIT (Tcp.EstabResets)."},
    {"Tcp.OutSegs", "sockpit_tcp_sent_segments_total", "TCP segments sent (Tcp.OutSegs)."},
    {"Tcp.RetransSegs", "sockpit_tcp_retransmitted_segments_total", "TCP segments retransmitted (Tcp.RetransSegs)."},
    {"TcpExt.ListenOverflows", "sockpit_tcp_listen_overflows_total",
     "Connections dropped because a listener's accept queue was full (TcpExt.ListenOverflows)."},
    {"TcpExt.ListenDrops", "sockpit_tcp_listen_drops_total", "SYNs and handshake ends dropped at a listener, overflows included (TcpExt.ListenDrops)."},
    {"TcpExt.TCPReqQFullDrop", "sockpit_tcp_request_queue_full_drops_total",
     "SYNs dropped because the SYN queue was full and syncookies were off (TcpExt.TCPReqQFullDrop)."},
    {"TcpExt.SyncookiesSent", "sockpit_tcp_syncookies_sent_total", "SYN cookies sent (TcpExt.SyncookiesSent)."},
    {"TcpExt.TW", "sockpit_tcp_time_wait_expired_total", "TIME_WAIT sockets that expired (TcpExt.TW)."},
    {"TcpExt.TWRecycled", "sockpit_tcp_time_wait_recycled_total", "TIME_WAIT sockets reused for a new connection (TcpExt.TWRecycled)."},
    {"TcpExt.TCPTimeWaitOverflow", "sockpit_tcp_time_wait_overflows_total",
     "Connections closed without TIME_WAIT because tcp_max_tw_buckets was reached (TcpExt.TCPTimeWaitOverflow)."},
    {"TcpExt.TCPAbortOnTimeout", "sockpit_tcp_aborts_on_timeout_total", "TCP connections aborted after too many retransmissions (TcpExt.TCPAbortOnTimeout)."},
    {"TcpExt.TCPAbortOnData", "sockpit_tcp_aborts_on_data_total", "TCP connections reset because data arrived after close (TcpExt.TCPAbortOnData)."},
};

class Exposition
{
public:
    // "# HELP NAME HELP" and "# TYPE NAME TYPE". HELP escapes backslash and line feed.
    void family(const char *name, const char *type, const char *help)
    {
        m_out += "# HELP ";
        m_out += name;
        m_out += ' ';
        for (const char *c = help; *c; ++c) {
            if (*c == '\\')
                m_out += "\\\\";
            else if (*c == '\n')
                m_out += "\\n";
            else
                m_out += *c;
        }
        m_out += "\n# TYPE ";
        m_out += name;
        m_out += ' ';
        m_out += type;
        m_out += '\n';
    }

    Exposition &begin(const char *name)
    {
        m_out += name;
        m_labels = 0;
        return *this;
    }
    Exposition &label(const char *name, QStringView value)
    {
        m_out += m_labels++ == 0 ? '{' : ',';
        m_out += name;
        m_out += "=\"";
        m_out += escapeLabelValue(value);
        m_out += '"';
        return *this;
    }
    Exposition &label(const char *name, std::string_view value)
    {
        return label(name, QString::fromLatin1(value.data(), qsizetype(value.size())));
    }
    void value(qint64 v)
    {
        closeLabels();
        m_out += QByteArray::number(v);
        m_out += '\n';
    }
    void value(double v)
    {
        closeLabels();
        if (std::isnan(v))
            m_out += "NaN";
        else if (std::isinf(v))
            m_out += v > 0 ? "+Inf" : "-Inf";
        else
            m_out += QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
        m_out += '\n';
    }
    void value(int v) { value(qint64(v)); }

    QByteArray take() { return std::move(m_out); }

private:
    void closeLabels()
    {
        if (m_labels > 0)
            m_out += '}';
        m_out += ' ';
    }

    QByteArray m_out;
    int m_labels = 0;
};

QString lowerStateName(SocketState state)
{
    const std::string_view name = stateName(state);
    return QString::fromLatin1(name.data(), qsizetype(name.size())).toLower();
}

} // namespace

QByteArray escapeLabelValue(QStringView value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray prometheusText(const MetricsSample &sample, const MetricsOptions &options)
{
    const Snapshot &s = sample.snapshot;
    const size_t top = size_t(std::max(0, options.top));
    Exposition e;

    e.family("sockpit_snapshot_complete", "gauge",
             "1 when the socket dump behind these figures was complete, 0 when a table was left out or inconsistent.");
    e.begin("sockpit_snapshot_complete").value(s.isComplete() ? 1 : 0);

    e.family("sockpit_sockets", "gauge", "Sockets by protocol and state, from the socket dump.");
    for (SocketState state : TcpStates)
        e.begin("sockpit_sockets").label("protocol", "tcp").label("state", lowerStateName(state)).value(s.count(Protocol::Tcp, state));
    for (SocketState state : {SocketState::Established, SocketState::Close})
        e.begin("sockpit_sockets").label("protocol", "udp").label("state", lowerStateName(state)).value(s.count(Protocol::Udp, state));

    if (s.sockStat().timeWait >= 0) {
        e.family("sockpit_tcp_time_wait_sockets", "gauge",
                 "TCP sockets in TIME_WAIT, IPv4 and IPv6, as /proc/net/sockstat counts them.");
        e.begin("sockpit_tcp_time_wait_sockets").value(s.sockStat().timeWait);
    }

    const EphemeralUsage &ephemeral = s.ephemeral();
    e.family("sockpit_ephemeral_range_ports", "gauge", "Ports in net.ipv4.ip_local_port_range.");
    e.begin("sockpit_ephemeral_range_ports").value(ephemeral.config.range.size());
    e.family("sockpit_ephemeral_usable_ports", "gauge",
             "Ports connect() may pick: the range less net.ipv4.ip_local_reserved_ports.");
    e.begin("sockpit_ephemeral_usable_ports").value(ephemeral.usable);
    e.family("sockpit_ephemeral_in_use_ports", "gauge", "Distinct local ports in the range that TCP sockets (not LISTEN) hold.");
    e.begin("sockpit_ephemeral_in_use_ports").value(ephemeral.distinctPorts);
    e.family("sockpit_ephemeral_sockets", "gauge", "TCP sockets (not LISTEN) whose local port is in the range.");
    e.begin("sockpit_ephemeral_sockets").value(ephemeral.inUse);

    e.family("sockpit_destinations", "gauge", "Remote address and port pairs TCP sockets hold a local port toward.");
    e.begin("sockpit_destinations").value(qint64(sample.destinations.size()));
    const size_t destinations = std::min(top, sample.destinations.size());
    e.family("sockpit_destination_sockets", "gauge",
             "TCP sockets toward one destination holding a local port in the range (the top destinations only).");
    for (size_t i = 0; i < destinations; ++i)
        e.begin("sockpit_destination_sockets").label("destination", sample.destinations[i].destination).value(sample.destinations[i].sockets);
    e.family("sockpit_destination_time_wait_sockets", "gauge", "Of those, the sockets in TIME_WAIT.");
    for (size_t i = 0; i < destinations; ++i)
        e.begin("sockpit_destination_time_wait_sockets").label("destination", sample.destinations[i].destination).value(sample.destinations[i].timeWait);
    e.family("sockpit_destination_port_share_ratio", "gauge",
             "Sockets toward one destination over the usable ports: at 1 connect() to it fails with EADDRNOTAVAIL.");
    for (size_t i = 0; i < destinations; ++i)
        e.begin("sockpit_destination_port_share_ratio").label("destination", sample.destinations[i].destination).value(sample.destinations[i].share);

    // The fullest listeners first; among equally full ones the longer queue, then by name,
    // so the same state always selects the same series.
    std::vector<const AcceptQueue *> queues;
    queues.reserve(sample.acceptQueues.size());
    for (const AcceptQueue &q : sample.acceptQueues)
        queues.push_back(&q);
    std::sort(queues.begin(), queues.end(), [](const AcceptQueue *a, const AcceptQueue *b) {
        if (a->fill != b->fill)
            return a->fill > b->fill;
        if (a->queue != b->queue)
            return a->queue > b->queue;
        return a->endpoint < b->endpoint;
    });
    queues.resize(std::min(top, queues.size()));
    e.family("sockpit_listeners", "gauge", "TCP sockets in LISTEN.");
    e.begin("sockpit_listeners").value(qint64(sample.acceptQueues.size()));
    e.family("sockpit_listen_queue_connections", "gauge",
             "Connections waiting in a listener's accept queue (the fullest listeners only).");
    for (const AcceptQueue *q : queues)
        e.begin("sockpit_listen_queue_connections").label("listener", q->endpoint).value(q->queue);
    e.family("sockpit_listen_backlog_connections", "gauge",
             "A listener's backlog: what listen() asked for, capped by net.core.somaxconn; 0 when unknown.");
    for (const AcceptQueue *q : queues)
        e.begin("sockpit_listen_backlog_connections").label("listener", q->endpoint).value(q->backlog);
    e.family("sockpit_listen_queue_fill_ratio", "gauge", "Accept queue over backlog; past 1 the kernel drops connections.");
    for (const AcceptQueue *q : queues)
        e.begin("sockpit_listen_queue_fill_ratio").label("listener", q->endpoint).value(q->fill);

    const CounterSet &counters = s.counters();
    for (const CounterMetric &c : CounterMetrics) {
        const std::optional<qint64> v = counters.value(c.counter);
        if (!v)
            continue; // an older kernel without this counter
        e.family(c.metric, "counter", c.help);
        e.begin(c.metric).value(*v);
    }

    e.family("sockpit_findings", "gauge", "Findings of Sockpit's analysis rules by severity (sockpit-cli recommend explains them).");
    for (Severity severity : {Severity::Info, Severity::Warning, Severity::Critical})
        e.begin("sockpit_findings").label("severity", severityName(severity)).value(sample.findings[size_t(severity)]);

    if (!sample.probes.empty()) {
        e.family("sockpit_probe_rtt_seconds", "gauge", "Mean round-trip time over the probe window; NaN without a reply.");
        for (const ProbeFigures &p : sample.probes)
            e.begin("sockpit_probe_rtt_seconds").label("target", p.target).value(p.stats.avgMs / 1000.0);
        e.family("sockpit_probe_jitter_seconds", "gauge", "RFC 3550 interarrival jitter over the probe window; NaN below two replies.");
        for (const ProbeFigures &p : sample.probes)
            e.begin("sockpit_probe_jitter_seconds").label("target", p.target).value(p.stats.jitterRfc3550Ms / 1000.0);
        e.family("sockpit_probe_loss_ratio", "gauge", "Probes without a reply in time over probes sent, in the probe window.");
        for (const ProbeFigures &p : sample.probes)
            e.begin("sockpit_probe_loss_ratio").label("target", p.target).value(p.stats.sent > 0 ? p.stats.lossPct / 100.0 : qQNaN());
        e.family("sockpit_probe_sent_total", "counter", "Probes finished: answered, failed or timed out.");
        for (const ProbeFigures &p : sample.probes)
            e.begin("sockpit_probe_sent_total").label("target", p.target).value(p.totals.sent);
        e.family("sockpit_probe_received_total", "counter", "Probes answered in time.");
        for (const ProbeFigures &p : sample.probes)
            e.begin("sockpit_probe_received_total").label("target", p.target).value(p.totals.received);
    }
    return e.take();
}

} // namespace Sockpit
