// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analyser.h"

#include "tuning/catalogue.h"
#include "tuning/kernelversion.h"
#include "tuning/validator.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>

// Default thresholds and where they come from:
//  - port share 0.5 / 0.8: half the usable ports held toward one destination leaves no
//    room for a burst of twice the rate; at 0.8 connect() starts failing under jitter
//    (the kernel's search in __inet_hash_connect() gets slower as the range fills).
//  - accept queue 0.8 of the backlog: the next burst overflows it.
//  - retransmissions 2 % / 10 % of sent segments: loss above ~2 % cuts TCP throughput
//    sharply (Mathis et al., throughput ~ MSS / (RTT * sqrt(p))); 10 % stalls connections.
//  - orphans: the kernel starts to kill orphans at tcp_max_orphans ("Out of socket memory").
//  - conntrack 0.8 / 0.95: new flows are dropped at 1.0.

namespace Sockpit {

namespace {

// TCP_TIMEWAIT_LEN, include/net/tcp.h: a TIME_WAIT socket lives 60 s, whatever
// tcp_fin_timeout says.
constexpr double TimeWaitSeconds = 60.0;

const QString IpSysctl = QStringLiteral("Documentation/networking/ip-sysctl.rst");
const QString NetRst = QStringLiteral("Documentation/admin-guide/sysctl/net.rst");
const QString SnmpCounters = QStringLiteral("Documentation/networking/snmp_counter.rst");
const QString NfSysctl = QStringLiteral("Documentation/networking/nf_conntrack-sysctl.rst");

QString reference(const QString &file, const char *key)
{
    return file + QStringLiteral(": ") + QString::fromLatin1(key);
}

QString number(double value, int decimals = 0)
{
    return QString::number(value, 'f', decimals);
}

Evidence evidence(const char *metric, double value, const char *unit, const QString &source)
{
    return {QString::fromLatin1(metric), value, QString::fromLatin1(unit), source};
}

double rate(const Snapshot &snapshot, const char *name)
{
    const auto r = snapshot.counters().rate(name);
    return r ? *r : -1;
}

QString endpoint(const std::array<quint8, 16> &address, Family family, quint16 port)
{
    SocketRecord record;
    record.remoteAddress = address;
    record.family = family;
    record.remotePort = port;
    char buffer[64];
    const int length = record.formatEndpoint(buffer, true);
    return QString::fromLatin1(buffer, length);
}

bool isLoopback(const std::array<quint8, 16> &address, Family family)
{
    if (family == Family::IPv4)
        return address[0] == 127;
    static constexpr std::array<quint8, 16> v6Loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return address == v6Loopback;
}

QString destinationKey(const DestinationUsage &d)
{
    return endpoint(d.address, d.family, d.port);
}

class Rules
{
public:
    Rules(const Observation &observation, const AnalysisOptions &options, AnalysisReport &report)
        : m_o(observation), m_options(options), m_t(options.thresholds), m_report(report)
    {
    }

    void run()
    {
        portPressureRule();
        acceptQueueRule();
        timeWaitOverflowRule();
        retransmissionRule();
        memoryRule();
        orphanRule();
        conntrackRule();
        pingRule();
        bdpRule();
        kernelLogRule();
    }

private:
    // Adds KEY=VALUE to FINDING when the catalogue and this kernel allow it; otherwise
    // notes why it was left out.
    void propose(Finding &finding, const QString &key, const QString &value)
    {
        auto checked = checkProposal(key, value, m_o);
        if (!checked) {
            m_report.notes.append(QStringLiteral("%1: %2").arg(finding.id, checked.error()));
            return;
        }
        if (checked->value == checked->current.simplified())
            return; // already so: proposing it would change nothing
        finding.changes.push_back(checked.value());
    }

    void add(Finding finding) { m_report.findings.push_back(std::move(finding)); }

    void portPressureRule()
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
            f.title = QStringLiteral("Ephemeral ports toward %1: %2 of %3 usable ports held (%4 %)")
                          .arg(p.destination)
                          .arg(p.sockets)
                          .arg(p.usable)
                          .arg(number(p.share * 100, 1));
            f.evidence.push_back(evidence("sockets", p.sockets, "sockets", QStringLiteral("net/tcp, net/tcp6")));
            f.evidence.push_back(evidence("usable_ports", p.usable, "ports",
                                          QStringLiteral("sys/net/ipv4/ip_local_port_range, ip_local_reserved_ports")));
            f.evidence.push_back(evidence("share", p.share, "ratio", QStringLiteral("sockets / usable_ports")));
            f.evidence.push_back(evidence("time_wait", p.timeWait, "sockets", QStringLiteral("net/tcp, net/tcp6")));
            f.evidence.push_back(evidence("time_wait_share", p.timeWaitShare, "ratio", QStringLiteral("time_wait / sockets")));
            if (p.activeOpensPerSecond >= 0) {
                f.evidence.push_back(evidence("active_opens_per_s", p.activeOpensPerSecond, "per second",
                                              QStringLiteral("Tcp.ActiveOpens")));
                f.evidence.push_back(evidence("destination_opens_per_s", p.openRate, "per second",
                                              QStringLiteral("Tcp.ActiveOpens x this destination's share of outgoing sockets")));
                f.evidence.push_back(evidence("steady_state_sockets", p.steadyState, "sockets",
                                              QStringLiteral("destination_opens_per_s x 60 s + sockets not in TIME_WAIT")));
            }
            if (m_o.hasRates())
                f.evidence.push_back(evidence("growth_per_s", p.growthPerSecond, "per second",
                                              QStringLiteral("sockets toward it, change between the two takes")));
            if (p.secondsToExhaustion >= 0)
                f.evidence.push_back(evidence("seconds_to_exhaustion", p.secondsToExhaustion, "seconds",
                                              QStringLiteral("(usable_ports - sockets) / growth_per_s")));
            f.explanation = QStringLiteral(
                "The kernel picks a free local port per destination (remote address and port). Every socket toward "
                "%1 holds one, including those in TIME_WAIT, which stay 60 s (TCP_TIMEWAIT_LEN) after an active "
                "close. By Little's law the TIME_WAIT count settles at closes per second x 60 s; when that reaches "
                "the usable range, connect() fails with EADDRNOTAVAIL.")
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
                f.caveats << QStringLiteral("tcp_tw_reuse helps only outgoing connections (it lets connect() reuse a "
                                            "TIME_WAIT port) and needs tcp_timestamps on both ends.");
            }
            if (m_options.profile == Profile::BusyServer && p.timeWaitShare >= reuseShare && !reuseActive)
                f.caveats << QStringLiteral("tcp_tw_reuse is not proposed for the busy-server profile: it changes "
                                            "nothing for connections this host accepts.");
            if (f.changes.empty())
                f.caveats << QStringLiteral("No sysctl change would help here: spread connections over more "
                                            "destination addresses or ports, or reuse them (keep-alive, pooling).");
            add(std::move(f));
        }
    }

    // A wider range must not take ports services listen on: every listener inside the new
    // range that is not reserved yet gets reserved along with it.
    void reserveListeners(Finding &f, const EphemeralConfig &config, const PortRange &wider)
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
            f.caveats << QStringLiteral("The wider range %1-%2 holds ports services listen on: %3; they are added to "
                                        "ip_local_reserved_ports so connect() never takes them.")
                             .arg(wider.low)
                             .arg(wider.high)
                             .arg(list(toReserve));
        }
        if (!alreadyReserved.empty())
            f.caveats << QStringLiteral("Listening ports %1 lie inside the wider range and are already in "
                                        "ip_local_reserved_ports.")
                             .arg(list(alreadyReserved));
        if (toReserve.empty() && alreadyReserved.empty())
            f.caveats << QStringLiteral("No service listens inside the wider range %1-%2 now; a service started later "
                                        "on such a port must be added to ip_local_reserved_ports.")
                             .arg(wider.low)
                             .arg(wider.high);
    }

    void acceptQueueRule()
    {
        const double overflows = rate(m_o.later, "TcpExt.ListenOverflows");
        const double drops = rate(m_o.later, "TcpExt.ListenDrops");
        const auto somaxconn = m_o.sysctlInteger(QStringLiteral("net.core.somaxconn"));
        bool anyFlagged = false;
        for (const AcceptQueue &q : acceptQueues(m_o)) {
            if (q.backlog <= 0 || q.fill < m_t.acceptQueueFillWarning)
                continue;
            anyFlagged = true;
            Finding f;
            f.id = QStringLiteral("accept-queue-overflow");
            f.subject = QStringLiteral("port %1").arg(q.port);
            f.severity = overflows > 0 ? Severity::Critical : Severity::Warning;
            const QString owner = q.pid > 0 ? QStringLiteral(" (pid %1, %2)").arg(q.pid).arg(q.process) : QString();
            f.title = QStringLiteral("Accept queue of %1%2 is %3 % full: %4 of %5")
                          .arg(q.endpoint, owner, number(q.fill * 100, 0))
                          .arg(q.queue)
                          .arg(q.backlog);
            f.evidence.push_back(evidence("port", q.port, "port", QStringLiteral("sock_diag LISTEN")));
            f.evidence.push_back(evidence("queue", q.queue, "connections", QStringLiteral("sock_diag rqueue")));
            f.evidence.push_back(evidence("backlog", q.backlog, "connections", QStringLiteral("sock_diag wqueue")));
            f.evidence.push_back(evidence("fill", q.fill, "ratio", QStringLiteral("queue / backlog")));
            if (q.pid > 0)
                f.evidence.push_back({QStringLiteral("owner_pid"), double(q.pid), QStringLiteral("pid"),
                                      QStringLiteral("/proc/%1/fd (%2)").arg(q.pid).arg(q.process)});
            if (somaxconn)
                f.evidence.push_back(evidence("somaxconn", double(*somaxconn), "connections",
                                              QStringLiteral("sys/net/core/somaxconn")));
            if (overflows >= 0)
                f.evidence.push_back(evidence("listen_overflows_per_s", overflows, "per second",
                                              QStringLiteral("TcpExt.ListenOverflows")));
            if (drops >= 0)
                f.evidence.push_back(evidence("listen_drops_per_s", drops, "per second", QStringLiteral("TcpExt.ListenDrops")));
            f.explanation = QStringLiteral(
                "Connections that finished the handshake wait in the accept queue until the application calls "
                "accept(). When it is full the kernel drops the final ACK or the SYN and counts ListenOverflows; "
                "clients see delays of a second or more (SYN retransmission).");
            const bool capped = somaxconn && q.backlog >= *somaxconn;
            if (capped) {
                const qint64 factor = m_options.profile == Profile::BusyServer ? 4 : 2;
                const qint64 floor = m_options.profile == Profile::BusyServer ? 8192 : 4096;
                propose(f, QStringLiteral("net.core.somaxconn"), QString::number(std::max(floor, *somaxconn * factor)));
                f.caveats << QStringLiteral("The backlog is capped by somaxconn (%1). A larger somaxconn does nothing "
                                            "until the application passes a larger backlog to listen().")
                                 .arg(*somaxconn);
            } else {
                f.caveats << QStringLiteral("The application asked listen() for a backlog of %1, below somaxconn: "
                                            "raise it in the application (or accept faster); a larger somaxconn "
                                            "does nothing until the application passes a larger backlog to listen().")
                                 .arg(q.backlog);
            }
            f.references = {reference(NetRst, "somaxconn"), reference(IpSysctl, "tcp_max_syn_backlog"),
                            reference(SnmpCounters, "TcpExtListenOverflows and TcpExtListenDrops")};
            add(std::move(f));
        }
        if (!anyFlagged && overflows > 0) {
            Finding f;
            f.id = QStringLiteral("listen-overflows");
            f.severity = Severity::Warning;
            f.title = QStringLiteral("Accept queues overflowed %1 times per second, but none is full now")
                          .arg(number(overflows, 1));
            f.evidence.push_back(evidence("listen_overflows_per_s", overflows, "per second",
                                          QStringLiteral("TcpExt.ListenOverflows")));
            if (drops >= 0)
                f.evidence.push_back(evidence("listen_drops_per_s", drops, "per second", QStringLiteral("TcpExt.ListenDrops")));
            f.explanation = QStringLiteral("A listener's queue filled between the two takes and has drained since: "
                                           "bursts longer than the application's accept rate. Sample again during a "
                                           "burst to name the listener.");
            f.references = {reference(SnmpCounters, "TcpExtListenOverflows and TcpExtListenDrops")};
            add(std::move(f));
        }
    }

    void timeWaitOverflowRule()
    {
        const double overflow = rate(m_o.later, "TcpExt.TCPTimeWaitOverflow");
        if (!(overflow > 0))
            return;
        Finding f = timeWaitFinding();
        f.severity = Severity::Critical;
        f.evidence.insert(f.evidence.begin(), evidence("time_wait_overflows_per_s", overflow, "per second",
                                                       QStringLiteral("TcpExt.TCPTimeWaitOverflow")));
        add(std::move(f));
    }

    Finding timeWaitFinding()
    {
        Finding f;
        f.id = QStringLiteral("time-wait-overflow");
        f.severity = Severity::Warning;
        f.title = QStringLiteral("The TIME_WAIT table is full: closing sockets skip TIME_WAIT");
        const qint64 timeWait = m_o.later.sockStat().timeWait;
        const auto buckets = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_max_tw_buckets"));
        if (timeWait >= 0)
            f.evidence.push_back(evidence("time_wait", double(timeWait), "sockets", QStringLiteral("net/sockstat tw")));
        if (buckets)
            f.evidence.push_back(evidence("tcp_max_tw_buckets", double(*buckets), "sockets",
                                          QStringLiteral("sys/net/ipv4/tcp_max_tw_buckets")));
        f.explanation = QStringLiteral("Beyond tcp_max_tw_buckets the kernel destroys a closing socket at once "
                                       "instead of keeping it in TIME_WAIT, and counts TCPTimeWaitOverflow; late "
                                       "segments of the old connection can then corrupt a new one.");
        if (buckets)
            propose(f, QStringLiteral("net.ipv4.tcp_max_tw_buckets"),
                    QString::number(std::max(*buckets * 2, std::max<qint64>(timeWait, 0) * 2)));
        f.caveats << QStringLiteral("Each TIME_WAIT socket costs a few hundred bytes of kernel memory; never lower "
                                    "the limit to make TIME_WAIT go away.");
        f.references = {reference(IpSysctl, "tcp_max_tw_buckets")};
        return f;
    }

    void retransmissionRule()
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
        f.title = QStringLiteral("%1 % of sent TCP segments are retransmissions").arg(number(ratio * 100, 1));
        f.evidence.push_back(evidence("retrans_segs_per_s", retrans, "per second", QStringLiteral("Tcp.RetransSegs")));
        f.evidence.push_back(evidence("out_segs_per_s", out, "per second", QStringLiteral("Tcp.OutSegs")));
        f.evidence.push_back(evidence("retrans_ratio", ratio, "ratio", QStringLiteral("RetransSegs / OutSegs")));
        f.explanation = QStringLiteral("Segments are lost on a path (or on this host's queues) and sent again; "
                                       "throughput falls roughly with the square root of the loss rate. No sysctl "
                                       "fixes loss: probe the peers (sockpit-cli probe) to find the path.");
        f.references = {reference(SnmpCounters, "Tcp.RetransSegs")};
        add(std::move(f));
    }

    void memoryRule()
    {
        const std::vector<qint64> mem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_mem"));
        const qint64 pages = m_o.later.sockStat().tcpMemoryPages;
        if (mem.size() != 3 || pages < 0 || pages < mem[1])
            return;
        Finding f = memoryFinding();
        f.severity = pages >= mem[2] ? Severity::Critical : Severity::Warning;
        add(std::move(f));
    }

    Finding memoryFinding()
    {
        const std::vector<qint64> mem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_mem"));
        const qint64 pages = m_o.later.sockStat().tcpMemoryPages;
        Finding f;
        f.id = QStringLiteral("tcp-memory-pressure");
        f.severity = Severity::Warning;
        f.title = QStringLiteral("TCP memory is under pressure");
        if (pages >= 0)
            f.evidence.push_back(evidence("tcp_memory_pages", double(pages), "pages", QStringLiteral("net/sockstat TCP mem")));
        if (mem.size() == 3) {
            f.evidence.push_back(evidence("tcp_mem_pressure", double(mem[1]), "pages", QStringLiteral("sys/net/ipv4/tcp_mem")));
            f.evidence.push_back(evidence("tcp_mem_max", double(mem[2]), "pages", QStringLiteral("sys/net/ipv4/tcp_mem")));
            if (pages >= 0)
                f.title = QStringLiteral("TCP memory is under pressure: %1 pages in use, pressure at %2, limit %3")
                              .arg(pages)
                              .arg(mem[1])
                              .arg(mem[2]);
        }
        f.explanation = QStringLiteral("Above tcp_mem's pressure level the kernel shrinks socket buffers; at the "
                                       "maximum it refuses new buffer memory (\"TCP: out of memory\"). Find the "
                                       "sockets with large queues first (sockpit-cli snapshot).");
        if (mem.size() == 3 && pages >= mem[1])
            proposeTcpMem(f, mem);
        f.references = {reference(IpSysctl, "tcp_mem"), QStringLiteral("Documentation/filesystems/proc.rst: meminfo")};
        return f;
    }

    // Physical memory in pages, with its evidence; -1 (and a caveat saying why nothing is
    // proposed) when the tree holds no meminfo.
    qint64 physicalPages(Finding &f, const QString &what)
    {
        if (!m_o.memory.known()) {
            f.caveats << QStringLiteral("Physical memory is unknown (the capture holds no meminfo), so no %1 is "
                                        "proposed.")
                             .arg(what);
            return -1;
        }
        const qint64 pages = m_o.memory.totalKb * 1024 / m_o.pageSize;
        f.evidence.push_back({QStringLiteral("mem_total_pages"), double(pages), QStringLiteral("pages"),
                              QStringLiteral("meminfo MemTotal %1 kB / page size %2%3")
                                  .arg(m_o.memory.totalKb)
                                  .arg(m_o.pageSize)
                                  .arg(m_o.pageSizeKnown ? QString() : QStringLiteral(" (assumed)"))});
        return pages;
    }

    // tcp_mem sized from what TCP uses now: PRESSURE at 1.5 times the use, so the measured
    // use sits at two thirds of it, and MIN and MAX in the ratio tcp_init_mem()
    // (net/ipv4/tcp.c) boots with, 3 : 4 : 6. No field is lowered. MAX is bounded by a
    // quarter of physical memory: the memory is unswappable, and the kernel's own default
    // MAX is about 9 % of it.
    void proposeTcpMem(Finding &f, const std::vector<qint64> &mem)
    {
        qint64 used = m_o.later.sockStat().tcpMemoryPages;
        if (m_o.hasRates())
            used = std::max(used, m_o.earlier.sockStat().tcpMemoryPages);
        const qint64 total = physicalPages(f, QStringLiteral("tcp_mem"));
        if (total <= 0)
            return;
        const qint64 cap = total / 4;
        if (mem[2] >= cap) {
            f.caveats << QStringLiteral("tcp_mem's maximum (%1 pages) already reaches a quarter of physical memory "
                                        "(%2 of %3 pages): no larger tcp_mem is proposed; reduce what the sockets "
                                        "hold instead.")
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
        f.caveats << QStringLiteral("Sized from the measured use: PRESSURE = 1.5 x %1 pages in use, MIN and MAX in "
                                    "the kernel's boot ratio 3 : 4 : 6; no field is lowered.")
                         .arg(used);
        if (bounded)
            f.caveats << QStringLiteral("MAX is bounded by a quarter of physical memory (%1 of %2 pages); TCP may "
                                        "still reach it under this load.")
                             .arg(cap)
                             .arg(total);
        f.caveats << QStringLiteral("tcp_mem counts pages of unswappable kernel memory: a larger maximum lets socket "
                                    "buffers take memory from applications. If the use keeps growing, a reader that "
                                    "does not keep up or a leak of sockets is the cause, not the limit.");
    }

    void orphanRule()
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
        f.title = QStringLiteral("%1 orphaned sockets, %2 % of tcp_max_orphans").arg(orphans).arg(number(fill * 100, 0));
        f.evidence.push_back(evidence("orphans", double(orphans), "sockets", QStringLiteral("net/sockstat orphan")));
        f.evidence.push_back(evidence("tcp_max_orphans", double(*limit), "sockets", QStringLiteral("sys/net/ipv4/tcp_max_orphans")));
        f.evidence.push_back(evidence("fill", fill, "ratio", QStringLiteral("orphans / tcp_max_orphans")));
        // Orphans waiting in FIN_WAIT_2 are what tcp_fin_timeout bounds.
        int finWait2 = 0;
        for (const SocketRecord &s : m_o.later.sockets())
            finWait2 += s.protocol == Protocol::Tcp && s.state == SocketState::FinWait2 && s.inode == 0 ? 1 : 0;
        f.evidence.push_back(evidence("fin_wait2_orphans", finWait2, "sockets", QStringLiteral("net/tcp, net/tcp6")));
        f.explanation = QStringLiteral("Orphans are sockets the application closed whose connection is still "
                                       "closing. At tcp_max_orphans the kernel resets them (\"too many orphaned "
                                       "sockets\").");
        const auto finTimeout = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        if (finTimeout && *finTimeout > 30 && finWait2 * 2 >= orphans) {
            propose(f, QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
            f.caveats << QStringLiteral("A shorter tcp_fin_timeout aborts connections whose peer is slow to close; "
                                        "it does not shorten TIME_WAIT.");
        }
        proposeMaxOrphans(f, orphans, *limit, fill);
        f.references = {reference(IpSysctl, "tcp_max_orphans"), reference(IpSysctl, "tcp_fin_timeout")};
        add(std::move(f));
    }

    // ip-sysctl tcp_max_orphans: raise it rather than lower it, but "each orphan eats up to
    // ~64K of unswappable memory". Raised only near the limit (orphan_fill_critical), while
    // TCP memory is below tcp_mem's pressure level, to at most twice the limit and only as
    // far as the added orphans fit, at 64 KiB each, into half of MemAvailable.
    void proposeMaxOrphans(Finding &f, qint64 orphans, qint64 limit, double fill)
    {
        constexpr qint64 WorstCaseKibPerOrphan = 64;
        if (fill < m_t.orphanFillCritical) {
            f.caveats << QStringLiteral("tcp_max_orphans is not raised below %1 % of the limit "
                                        "(orphan_fill_critical); find why sockets linger in closing states first.")
                             .arg(number(m_t.orphanFillCritical * 100, 0));
            return;
        }
        if (!m_o.memory.known() || m_o.memory.availableKb < 0) {
            f.caveats << QStringLiteral("Available memory is unknown (the capture holds no meminfo with "
                                        "MemAvailable), so no tcp_max_orphans is proposed.");
            return;
        }
        f.evidence.push_back({QStringLiteral("mem_available_kib"), double(m_o.memory.availableKb), QStringLiteral("KiB"),
                              QStringLiteral("meminfo MemAvailable")});
        const std::vector<qint64> mem = m_o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_mem"));
        const qint64 pages = m_o.later.sockStat().tcpMemoryPages;
        if (mem.size() == 3 && pages >= mem[1]) {
            f.caveats << QStringLiteral("TCP memory is above tcp_mem's pressure level (%1 of %2 pages): more orphans "
                                        "would only deepen it, so tcp_max_orphans is not raised.")
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
            f.caveats << QStringLiteral("Memory does not allow a larger tcp_max_orphans: at up to 64 KiB each, half "
                                        "of MemAvailable (%1 KiB) holds only %2 more orphans.")
                             .arg(m_o.memory.availableKb)
                             .arg(affordable);
            return;
        }
        propose(f, QStringLiteral("net.ipv4.tcp_max_orphans"), QString::number(target));
        f.caveats << QStringLiteral("At worst %1 orphans hold %2 MiB of unswappable memory (64 KiB each); "
                                    "MemAvailable is %3 MiB. Raising the limit buys time: find why connections stay "
                                    "in closing states (peers that never answer FIN, tcp_fin_timeout).")
                         .arg(target)
                         .arg(target * WorstCaseKibPerOrphan / 1024)
                         .arg(m_o.memory.availableKb / 1024);
    }

    void conntrackRule()
    {
        const auto count = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_count"));
        const auto max = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_max"));
        if (!count || !max || *max <= 0)
            return;
        const double fill = double(*count) / double(*max);
        if (fill < m_t.conntrackFillWarning)
            return;
        Finding f = conntrackFinding();
        f.severity = fill >= m_t.conntrackFillCritical ? Severity::Critical : Severity::Warning;
        add(std::move(f));
    }

    Finding conntrackFinding()
    {
        const auto count = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_count"));
        const auto max = m_o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_max"));
        Finding f;
        f.id = QStringLiteral("conntrack-fill");
        f.severity = Severity::Warning;
        f.title = QStringLiteral("The connection tracking table is filling up");
        if (count)
            f.evidence.push_back(evidence("nf_conntrack_count", double(*count), "entries",
                                          QStringLiteral("sys/net/netfilter/nf_conntrack_count")));
        if (max)
            f.evidence.push_back(evidence("nf_conntrack_max", double(*max), "entries",
                                          QStringLiteral("sys/net/netfilter/nf_conntrack_max")));
        if (count && max && *max > 0) {
            const double fill = double(*count) / double(*max);
            f.evidence.push_back(evidence("fill", fill, "ratio", QStringLiteral("nf_conntrack_count / nf_conntrack_max")));
            f.title = QStringLiteral("The connection tracking table is %1 % full: %2 of %3")
                          .arg(number(fill * 100, 0))
                          .arg(*count)
                          .arg(*max);
            propose(f, QStringLiteral("net.netfilter.nf_conntrack_max"), QString::number(*max * 2));
            f.caveats << QStringLiteral("Each entry costs about 300 bytes of kernel memory; raise "
                                        "nf_conntrack_buckets too for lookups to stay fast.");
        }
        f.explanation = QStringLiteral("When the table is full, netfilter drops the first packet of every new "
                                       "flow (\"nf_conntrack: table full, dropping packet\").");
        f.references = {reference(NfSysctl, "nf_conntrack_max"), reference(NfSysctl, "nf_conntrack_count")};
        return f;
    }

    void pingRule()
    {
        const std::vector<qint64> range = m_o.sysctlIntegers(QStringLiteral("net.ipv4.ping_group_range"));
        if (range.size() != 2 || range[0] <= range[1])
            return;
        Finding f;
        f.id = QStringLiteral("ping-group-range");
        f.severity = Severity::Info;
        f.title = QStringLiteral("Unprivileged ICMP (ping) sockets are disabled");
        f.evidence.push_back(evidence("ping_group_low", double(range[0]), "gid", QStringLiteral("sys/net/ipv4/ping_group_range")));
        f.evidence.push_back(evidence("ping_group_high", double(range[1]), "gid", QStringLiteral("sys/net/ipv4/ping_group_range")));
        f.explanation = QStringLiteral("ping_group_range \"%1 %2\" (low above high) lets no group create ICMP "
                                       "sockets, so ICMP probes need root or CAP_NET_RAW.")
                            .arg(range[0])
                            .arg(range[1]);
        propose(f, QStringLiteral("net.ipv4.ping_group_range"), QStringLiteral("0 2147483647"));
        f.caveats << QStringLiteral("Every local user may then send ICMP echo requests.");
        f.references = {reference(IpSysctl, "ping_group_range")};
        add(std::move(f));
    }

    void bdpRule()
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
        f.title = QStringLiteral("Socket buffers are smaller than the path needs: BDP %1 bytes, buffers need %2")
                      .arg(number(bdp))
                      .arg(number(needed));
        f.evidence.push_back(evidence("bandwidth_mbit", path.bandwidthMbit, "Mbit/s", QStringLiteral("given")));
        f.evidence.push_back(evidence("rtt_ms", path.rttMs, "ms", path.rttSource));
        f.evidence.push_back(evidence("bdp_bytes", bdp, "bytes", QStringLiteral("bandwidth x RTT")));
        f.evidence.push_back(evidence("needed_buffer_bytes", needed, "bytes", QStringLiteral("2 x BDP (tcp_adv_win_scale 1)")));
        if (rmem.size() == 3)
            f.evidence.push_back(evidence("tcp_rmem_max", double(rmem[2]), "bytes", QStringLiteral("sys/net/ipv4/tcp_rmem")));
        if (wmem.size() == 3)
            f.evidence.push_back(evidence("tcp_wmem_max", double(wmem[2]), "bytes", QStringLiteral("sys/net/ipv4/tcp_wmem")));
        if (rmemMax)
            f.evidence.push_back(evidence("rmem_max", double(*rmemMax), "bytes", QStringLiteral("sys/net/core/rmem_max")));
        if (wmemMax)
            f.evidence.push_back(evidence("wmem_max", double(*wmemMax), "bytes", QStringLiteral("sys/net/core/wmem_max")));
        f.explanation = QStringLiteral("A TCP connection can have at most one window in flight; to fill a path it "
                                       "needs a window of bandwidth x RTT. Autotuning grows buffers up to the third "
                                       "field of tcp_rmem / tcp_wmem; applications that set SO_RCVBUF or SO_SNDBUF "
                                       "are capped by rmem_max / wmem_max instead.");
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
        if (!lfn && coreShort)
            f.caveats << QStringLiteral("rmem_max / wmem_max are below the need too; they matter only for "
                                        "applications that set their buffer sizes (long-fat-network profile "
                                        "proposes them).");
        f.caveats << QStringLiteral("Larger maximums cost memory only for connections that use them; a "
                                    "latency-sensitive host may prefer smaller buffers over full throughput.");
        f.references = {reference(IpSysctl, "tcp_rmem"), reference(IpSysctl, "tcp_wmem"),
                        reference(IpSysctl, "tcp_adv_win_scale"), reference(NetRst, "rmem_max")};
        add(std::move(f));
    }

    Finding *findingWith(const QString &id, const QString &subject = QString())
    {
        for (Finding &f : m_report.findings)
            if (f.id == id && (subject.isEmpty() || f.subject == subject))
                return &f;
        return nullptr;
    }

    // A finding raised by the log alone: the current figures do not show the problem,
    // so a change sized from them would not address it.
    void logOnly(const QString &title)
    {
        Finding &f = m_report.findings.back();
        f.title = title;
        f.changes.clear();
        f.caveats.prepend(QStringLiteral("Only the kernel log shows this; the current figures do not, so no change is "
                                         "proposed. Capture again while the problem happens."));
    }

    // Log lines confirm a rule's finding, or raise one when the numbers alone did not
    // (the counters may have been reset, or the problem came and went between takes).
    void kernelLogRule()
    {
        std::map<std::pair<int, int>, std::pair<int, QByteArray>> seen; // (problem, port) -> count, last message
        for (const KernelLogLine &line : m_o.kernelLog.lines) {
            auto &entry = seen[{int(line.problem), line.port}];
            ++entry.first;
            entry.second = line.record.message;
        }
        for (const auto &[key, value] : seen) {
            const auto problem = KernelLogProblem(key.first);
            const int port = key.second;
            const Evidence logEvidence{QStringLiteral("kernel_log_lines"), double(value.first), QStringLiteral("lines"),
                                       QStringLiteral("%1: \"%2\"").arg(m_o.kernelLog.source, QString::fromUtf8(value.second))};
            Finding *existing = nullptr;
            switch (problem) {
            case KernelLogProblem::TimeWaitOverflow:
                existing = findingWith(QStringLiteral("time-wait-overflow"));
                if (!existing) {
                    add(timeWaitFinding());
                    logOnly(QStringLiteral("The kernel log reports TIME_WAIT bucket table overflows"));
                    existing = &m_report.findings.back();
                }
                break;
            case KernelLogProblem::SynFlood:
                existing = findingWith(QStringLiteral("accept-queue-overflow"), QStringLiteral("port %1").arg(port));
                if (!existing) {
                    Finding f;
                    f.id = QStringLiteral("syn-flood");
                    f.subject = QStringLiteral("port %1").arg(port);
                    f.severity = Severity::Warning;
                    f.title = QStringLiteral("The kernel reported possible SYN flooding on port %1").arg(port);
                    f.explanation = QStringLiteral("The listener's SYN queue (tcp_max_syn_backlog) or accept queue "
                                                   "overflowed; with tcp_syncookies the kernel answered with cookies. "
                                                   "Either a flood or a server that accepts too slowly.");
                    f.caveats << QStringLiteral("Check the listener's backlog while the load lasts; a larger "
                                                "somaxconn does nothing until the application passes a larger "
                                                "backlog to listen().");
                    f.references = {reference(IpSysctl, "tcp_syncookies"), reference(IpSysctl, "tcp_max_syn_backlog")};
                    add(std::move(f));
                    existing = &m_report.findings.back();
                }
                break;
            case KernelLogProblem::ConntrackFull:
                existing = findingWith(QStringLiteral("conntrack-fill"));
                if (!existing) {
                    add(conntrackFinding());
                    logOnly(QStringLiteral("The kernel log reports a full connection tracking table"));
                    existing = &m_report.findings.back();
                }
                break;
            case KernelLogProblem::TcpOutOfMemory:
                existing = findingWith(QStringLiteral("tcp-memory-pressure"));
                if (!existing) {
                    add(memoryFinding());
                    logOnly(QStringLiteral("The kernel log reports TCP running out of memory"));
                    existing = &m_report.findings.back();
                }
                break;
            }
            existing->evidence.push_back(logEvidence);
        }
    }

    const Observation &m_o;
    const AnalysisOptions &m_options;
    const Thresholds &m_t;
    AnalysisReport &m_report;
};

} // namespace

std::string_view profileName(Profile profile)
{
    switch (profile) {
    case Profile::General:
        return "general";
    case Profile::ShortOutbound:
        return "short-outbound";
    case Profile::BusyServer:
        return "busy-server";
    case Profile::LongFatNetwork:
        return "long-fat-network";
    case Profile::LowLatency:
        return "low-latency";
    }
    return "general";
}

std::optional<Profile> profileFromName(QStringView name)
{
    for (Profile p : {Profile::General, Profile::ShortOutbound, Profile::BusyServer, Profile::LongFatNetwork,
                      Profile::LowLatency}) {
        const std::string_view spelled = profileName(p);
        if (name == QLatin1String(spelled.data(), qsizetype(spelled.size())))
            return p;
    }
    return std::nullopt;
}

QStringList profileNames()
{
    QStringList names;
    for (Profile p : {Profile::General, Profile::ShortOutbound, Profile::BusyServer, Profile::LongFatNetwork,
                      Profile::LowLatency})
        names << QString::fromLatin1(profileName(p).data(), qsizetype(profileName(p).size()));
    return names;
}

namespace {

struct ThresholdField
{
    ThresholdName name;
    double Thresholds::*field;
    double minimum; // exclusive
    double maximum; // inclusive
};

// Ratios are fractions (0.5 = 50 %), never 0: a level of 0 would flag every host.
const ThresholdField ThresholdFields[] = {
    {{"port_share_warning", "ratio of usable ephemeral ports held toward one destination"},
     &Thresholds::portShareWarning, 0, 1},
    {{"port_share_critical", "the same, critical"}, &Thresholds::portShareCritical, 0, 1},
    {{"accept_queue_fill_warning", "accept queue length / backlog"}, &Thresholds::acceptQueueFillWarning, 0, 1},
    {{"retrans_warning", "retransmitted / sent TCP segments"}, &Thresholds::retransWarning, 0, 1},
    {{"retrans_critical", "the same, critical"}, &Thresholds::retransCritical, 0, 1},
    {{"retrans_min_segments_per_s", "sent segments per second below which retransmissions are ignored"},
     &Thresholds::retransMinimumSegmentsPerSecond, 0, 1e9},
    {{"orphan_fill_warning", "orphaned sockets / tcp_max_orphans"}, &Thresholds::orphanFillWarning, 0, 1},
    {{"orphan_fill_critical", "the same, critical; tcp_max_orphans is raised only above it"},
     &Thresholds::orphanFillCritical, 0, 1},
    {{"conntrack_fill_warning", "nf_conntrack_count / nf_conntrack_max"}, &Thresholds::conntrackFillWarning, 0, 1},
    {{"conntrack_fill_critical", "the same, critical"}, &Thresholds::conntrackFillCritical, 0, 1},
    {{"exhaustion_warning_s", "seconds to ephemeral port exhaustion at the current growth"},
     &Thresholds::exhaustionWarningSeconds, 0, 86400},
};

} // namespace

std::vector<ThresholdName> thresholdNames()
{
    std::vector<ThresholdName> names;
    const Thresholds defaults;
    for (const ThresholdField &f : ThresholdFields)
        names.push_back({f.name.name, f.name.meaning, defaults.*f.field});
    return names;
}

Result<void> setThreshold(Thresholds &thresholds, const QString &assignment)
{
    const qsizetype equals = assignment.indexOf(QLatin1Char('='));
    if (equals < 0)
        return Error{QStringLiteral("bad threshold \"%1\": expected NAME=VALUE").arg(assignment.left(80))};
    const QString name = assignment.left(equals);
    const QString text = assignment.mid(equals + 1);
    for (const ThresholdField &f : ThresholdFields) {
        if (name != QLatin1String(f.name.name))
            continue;
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || !(value > f.minimum) || !(value <= f.maximum))
            return Error{QStringLiteral("bad threshold %1=\"%2\": expected a number above %3 and at most %4")
                             .arg(name, text.left(40))
                             .arg(f.minimum)
                             .arg(f.maximum)};
        thresholds.*f.field = value;
        return {};
    }
    QStringList known;
    for (const ThresholdField &f : ThresholdFields)
        known << QLatin1String(f.name.name);
    return Error{QStringLiteral("unknown threshold \"%1\"; expected one of: %2")
                     .arg(name.left(80), known.join(QStringLiteral(", ")))};
}

Result<void> checkThresholds(const Thresholds &t)
{
    const std::pair<const char *, const char *> pairs[] = {{"port_share_warning", "port_share_critical"},
                                                           {"retrans_warning", "retrans_critical"},
                                                           {"orphan_fill_warning", "orphan_fill_critical"},
                                                           {"conntrack_fill_warning", "conntrack_fill_critical"}};
    auto valueOf = [&t](const char *name) {
        for (const ThresholdField &f : ThresholdFields)
            if (qstrcmp(f.name.name, name) == 0)
                return t.*f.field;
        return 0.0;
    };
    for (const auto &[warning, critical] : pairs) {
        if (valueOf(warning) > valueOf(critical))
            return Error{QStringLiteral("threshold %1 (%2) is above %3 (%4)")
                             .arg(QLatin1String(warning))
                             .arg(valueOf(warning))
                             .arg(QLatin1String(critical))
                             .arg(valueOf(critical))};
    }
    return {};
}

std::vector<PortPressure> portPressure(const Observation &observation)
{
    std::vector<PortPressure> out;
    const EphemeralUsage &usage = observation.later.ephemeral();
    const double activeOpens = observation.hasRates() ? rate(observation.later, "Tcp.ActiveOpens") : -1;
    QHash<QString, int> before;
    if (observation.hasRates())
        for (const DestinationUsage &d : observation.earlier.ephemeral().destinations)
            before.insert(destinationKey(d), d.sockets);
    for (const DestinationUsage &d : usage.destinations) {
        PortPressure p;
        p.destination = destinationKey(d);
        p.loopback = isLoopback(d.address, d.family);
        p.usable = usage.usable;
        p.sockets = d.sockets;
        p.timeWait = d.timeWait;
        p.share = usage.usable > 0 ? double(d.sockets) / usage.usable : 1.0;
        p.timeWaitShare = d.sockets > 0 ? double(d.timeWait) / d.sockets : 0;
        if (activeOpens >= 0 && usage.inUse > 0) {
            p.activeOpensPerSecond = activeOpens;
            p.openRate = activeOpens * d.sockets / usage.inUse;
            p.steadyState = p.openRate * TimeWaitSeconds + (d.sockets - d.timeWait);
        }
        if (observation.hasRates()) {
            p.growthPerSecond = (d.sockets - before.value(p.destination, 0)) / observation.intervalSeconds;
            if (p.growthPerSecond > 0)
                p.secondsToExhaustion = std::max(0, usage.usable - d.sockets) / p.growthPerSecond;
        }
        out.push_back(p);
    }
    return out;
}

std::vector<AcceptQueue> acceptQueues(const Observation &observation)
{
    std::vector<AcceptQueue> out;
    const Snapshot &s = observation.later;
    for (const SocketRecord &socket : s.sockets()) {
        if (socket.protocol != Protocol::Tcp || socket.state != SocketState::Listen)
            continue;
        AcceptQueue q;
        q.port = socket.localPort;
        char buffer[64];
        q.endpoint = QString::fromLatin1(buffer, socket.formatEndpoint(buffer, false));
        q.queue = int(socket.receiveQueue);
        q.backlog = int(socket.sendQueue);
        q.fill = q.backlog > 0 ? double(q.queue) / q.backlog : 0;
        if (const ProcessInfo *owner = s.owners().owner(socket.inode)) {
            q.pid = owner->pid;
            q.process = owner->name;
        }
        out.push_back(q);
    }
    std::sort(out.begin(), out.end(), [](const AcceptQueue &a, const AcceptQueue &b) {
        return a.fill != b.fill ? a.fill > b.fill : a.port < b.port;
    });
    return out;
}

double bandwidthDelayProduct(const PathSpec &path)
{
    return path.bandwidthMbit * 1e6 / 8.0 * path.rttMs / 1000.0;
}

Result<ProposedChange> checkProposal(const QString &key, const QString &value, const Observation &observation)
{
    if (const Tunable *retired = Catalogue::findRetired(key))
        return Error{QStringLiteral("%1 was removed in Linux %2 and is never proposed").arg(key, QString::fromLatin1(retired->removed))};
    const Tunable *tunable = Catalogue::find(key);
    if (!tunable)
        return Error{QStringLiteral("%1 is not in the catalogue").arg(key)};
    if (tunable->removed && kernelAtLeast(observation.kernelRelease, tunable->removed))
        return Error{QStringLiteral("%1 was removed in Linux %2").arg(key, QString::fromLatin1(tunable->removed))};
    if (!kernelAtLeast(observation.kernelRelease, tunable->introduced))
        return Error{QStringLiteral("%1 needs Linux %2, this kernel is %3")
                         .arg(key, QString::fromLatin1(tunable->introduced), observation.kernelRelease)};
    const auto current = observation.sysctls.constFind(key);
    if (current == observation.sysctls.cend())
        return Error{QStringLiteral("%1 is not present on this kernel").arg(key)};
    ValidationContext context;
    context.unprivilegedPortStart = observation.later.ephemeral().config.unprivilegedPortStart;
    context.kernelRelease = observation.kernelRelease;
    auto valid = validateChange(key, value, context);
    if (!valid)
        return Error{valid.error()};
    return ProposedChange{key, valid->value, current->simplified()};
}

AnalysisReport analyse(const Observation &observation, const AnalysisOptions &options)
{
    AnalysisReport report;
    report.kernelRelease = observation.kernelRelease;
    report.hostName = observation.hostName;
    report.profile = options.profile;
    report.hasRates = observation.hasRates();
    report.intervalSeconds = observation.intervalSeconds;
    report.kernelLog = observation.kernelLog;
    // What the readers left out of a damaged tree or bundle (a table, malformed lines).
    for (const Snapshot *take : {&observation.earlier, &observation.later}) {
        if (!take->isNull())
            report.notes << take->notes();
    }
    if (!observation.hasRates())
        report.notes << QStringLiteral("one take only: no rates, so rules that need them (retransmissions, "
                                       "overflow counters, connection rates) were skipped");
    Rules(observation, options, report).run();
    std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.id != b.id ? a.id < b.id : a.subject < b.subject;
    });
    return report;
}

} // namespace Sockpit
