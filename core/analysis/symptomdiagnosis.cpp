// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/symptomdiagnosis.h"

#include <QSet>

#include <algorithm>

namespace Sockpit {

namespace {

const Finding *findingWith(const AnalysisReport &report, QStringView id)
{
    for (const Finding &f : report.findings) // most severe first
        if (f.id == id)
            return &f;
    return nullptr;
}

// Takes F's proposals (those of KEYS only, unless KEYS is empty) and caveats into D,
// each key once.
void adopt(SymptomDiagnosis &d, const Finding &f, const QStringList &keys = {})
{
    bool took = false;
    for (const ProposedChange &change : f.changes) {
        if (!keys.isEmpty() && !keys.contains(change.key))
            continue;
        const bool known = std::any_of(d.changes.begin(), d.changes.end(),
                                       [&](const ProposedChange &c) { return c.key == change.key; });
        if (!known) {
            d.changes.push_back(change);
            took = true;
        }
    }
    if (took || keys.isEmpty()) {
        // In the reader's language: the wizard shows them and its record keeps what was shown.
        for (const FindingText &caveat : f.caveats)
            if (const QString text = caveat.translated(); !d.caveats.contains(text))
                d.caveats << text;
    }
    if (!d.findingIds.contains(f.id))
        d.findingIds << f.id;
}

const PortPressure *worstDestination(const std::vector<PortPressure> &pressures, const QString &subject)
{
    const PortPressure *worst = nullptr;
    for (const PortPressure &p : pressures) {
        if (!subject.isEmpty()) {
            if (p.destination == subject)
                return &p;
            continue;
        }
        if (!worst || p.share > worst->share)
            worst = &p;
    }
    return worst;
}

void portFigures(SymptomDiagnosis &d, const Observation &o, const Thresholds &t, const QString &subject)
{
    const std::vector<PortPressure> pressures = portPressure(o);
    const PortPressure *p = worstDestination(pressures, subject);
    const int usable = o.later.ephemeral().usable;
    const QString tables = QStringLiteral("net/tcp, net/tcp6");
    d.figures.push_back({QStringLiteral("destination_sockets"), p ? double(p->sockets) : 0.0,
                         t.portShareWarning * usable, QStringLiteral("sockets"), tables});
    d.figures.push_back({QStringLiteral("usable_ports"), double(usable), std::nan(""), QStringLiteral("ports"),
                         QStringLiteral("sys/net/ipv4/ip_local_port_range, ip_local_reserved_ports")});
    d.figures.push_back({QStringLiteral("port_share"), p ? p->share : 0.0, t.portShareWarning,
                         QStringLiteral("ratio"), QStringLiteral("destination_sockets / usable_ports")});
    d.figures.push_back({QStringLiteral("time_wait_share"), p ? p->timeWaitShare : 0.0, std::nan(""),
                         QStringLiteral("ratio"), QStringLiteral("TIME_WAIT / destination_sockets")});
    if (p && p->secondsToExhaustion >= 0)
        d.figures.push_back({QStringLiteral("seconds_to_exhaustion"), p->secondsToExhaustion, std::nan(""),
                             QStringLiteral("seconds"), QStringLiteral("(usable_ports - sockets) / growth")});
    if (d.subject.isEmpty() && p)
        d.subject = p->destination;
}

SymptomDiagnosis portsRunOut(const Observation &o, const AnalysisOptions &options, const AnalysisReport &report)
{
    SymptomDiagnosis d;
    d.symptom = Symptom::PortsRunOut;
    d.trackedMetric = QStringLiteral("port_share");
    const Finding *pressure = findingWith(report, u"ephemeral-port-pressure");
    if (pressure)
        d.subject = pressure->subject;
    portFigures(d, o, options.thresholds, d.subject);
    d.affected = pressure != nullptr;
    if (pressure)
        adopt(d, *pressure);
    // connect() picks a local port per destination (4-tuple): fewer, longer-lived
    // connections and more destinations help where no range is wide enough.
    d.advice = {Advice::ConnectionPooling, Advice::BindAddressNoPort, Advice::MoreDestinations};
    return d;
}

SymptomDiagnosis timeWaitPileUp(const Observation &o, const AnalysisOptions &options, const AnalysisReport &report)
{
    const Thresholds &t = options.thresholds;
    SymptomDiagnosis d;
    d.symptom = Symptom::TimeWaitPileUp;
    const qint64 timeWait = o.later.sockStat().timeWait;
    const auto buckets = o.sysctlInteger(QStringLiteral("net.ipv4.tcp_max_tw_buckets"));
    // At tcp_max_tw_buckets the table is full (ip-sysctl.rst: tcp_max_tw_buckets).
    d.figures.push_back({QStringLiteral("time_wait"), double(std::max<qint64>(timeWait, 0)),
                         buckets ? double(*buckets) : std::nan(""), QStringLiteral("sockets"),
                         QStringLiteral("net/sockstat tw")});
    if (buckets)
        d.figures.push_back({QStringLiteral("tcp_max_tw_buckets"), double(*buckets), std::nan(""),
                             QStringLiteral("sockets"), QStringLiteral("sys/net/ipv4/tcp_max_tw_buckets")});
    const double overflow = o.hasRates() ? o.later.counters().rate("TcpExt.TCPTimeWaitOverflow").value_or(-1) : -1;
    if (overflow >= 0) {
        SymptomFigure f{QStringLiteral("time_wait_overflows_per_s"), overflow, 0, QStringLiteral("per second"),
                        QStringLiteral("TcpExt.TCPTimeWaitOverflow")};
        f.strictlyAbove = true; // any overflow at all is the symptom
        d.figures.push_back(f);
    }
    const qint64 orphans = o.later.sockStat().tcpOrphans;
    const auto maxOrphans = o.sysctlInteger(QStringLiteral("net.ipv4.tcp_max_orphans"));
    d.figures.push_back({QStringLiteral("fin_wait2_orphans"), double(finWait2Orphans(o.later)),
                         t.finWait2OrphansWarning, QStringLiteral("sockets"), QStringLiteral("net/tcp, net/tcp6")});
    if (const auto finTimeout = o.sysctlInteger(QStringLiteral("net.ipv4.tcp_fin_timeout")))
        d.figures.push_back({QStringLiteral("tcp_fin_timeout"), double(*finTimeout), std::nan(""),
                             QStringLiteral("seconds"), QStringLiteral("sys/net/ipv4/tcp_fin_timeout")});
    if (orphans >= 0)
        d.figures.push_back({QStringLiteral("orphans"), double(orphans),
                             maxOrphans ? t.orphanFillWarning * double(*maxOrphans) : std::nan(""),
                             QStringLiteral("sockets"), QStringLiteral("net/sockstat orphan")});

    // TIME_WAIT by itself is normal; it hurts when the table overflows, when orphans near
    // their limit, or when it holds most ports toward one destination.
    const Finding *full = findingWith(report, u"time-wait-overflow");
    const Finding *orphaned = findingWith(report, u"orphans");
    const Finding *finWait2 = findingWith(report, u"fin-wait2-orphans");
    const Finding *pressure = findingWith(report, u"ephemeral-port-pressure");
    const Evidence *twShare = pressure ? pressure->findEvidence(u"time_wait_share") : nullptr;
    const bool portsHeldByTimeWait = twShare && twShare->value >= 0.5;
    if (full)
        adopt(d, *full);
    if (orphaned)
        adopt(d, *orphaned);
    if (finWait2)
        adopt(d, *finWait2);
    if (portsHeldByTimeWait) {
        d.subject = pressure->subject;
        // Of the port rule's proposals only the TIME_WAIT ones: a wider range is the
        // ports wizard's business.
        adopt(d, *pressure, {QStringLiteral("net.ipv4.tcp_tw_reuse"), QStringLiteral("net.ipv4.tcp_timestamps")});
        portFigures(d, o, t, d.subject);
    }
    d.affected = full || orphaned || finWait2 || portsHeldByTimeWait;
    d.trackedMetric = full ? QStringLiteral("time_wait_overflows_per_s")
                      : orphaned || finWait2 ? QStringLiteral("fin_wait2_orphans")
                      : portsHeldByTimeWait ? QStringLiteral("port_share")
                                            : QStringLiteral("time_wait");
    if (d.trackedMetric == QLatin1String("time_wait_overflows_per_s") && overflow < 0)
        d.trackedMetric = QStringLiteral("time_wait");
    d.advice = {Advice::TimeWaitIsNormal, Advice::ServerClosesFirst, Advice::ConnectionPooling};
    return d;
}

const AcceptQueue *fullestListener(const std::vector<AcceptQueue> &queues, const QString &subject)
{
    for (const AcceptQueue &q : queues) // fullest first
        if (subject.isEmpty() || q.endpoint == subject)
            return &q;
    return nullptr;
}

SymptomDiagnosis serverDrops(const Observation &o, const AnalysisOptions &options, const AnalysisReport &report)
{
    const Thresholds &t = options.thresholds;
    SymptomDiagnosis d;
    d.symptom = Symptom::ServerDrops;
    const std::vector<AcceptQueue> queues = acceptQueues(o);
    const AcceptQueue *q = fullestListener(queues, {});
    if (q) {
        d.subject = q->endpoint;
        if (q->pid > 0)
            d.owner = QStringLiteral("pid %1, %2").arg(q->pid).arg(q->process);
        const QString diag = QStringLiteral("sock_diag LISTEN");
        d.figures.push_back({QStringLiteral("accept_queue"), double(q->queue),
                             q->backlog > 0 ? t.acceptQueueFillWarning * q->backlog : std::nan(""),
                             QStringLiteral("connections"), diag + QStringLiteral(" rqueue")});
        d.figures.push_back({QStringLiteral("listen_backlog"), double(q->backlog), std::nan(""),
                             QStringLiteral("connections"), diag + QStringLiteral(" wqueue")});
        d.figures.push_back({QStringLiteral("accept_queue_fill"), q->fill, t.acceptQueueFillWarning,
                             QStringLiteral("ratio"), QStringLiteral("accept_queue / listen_backlog")});
    }
    const auto somaxconn = o.sysctlInteger(QStringLiteral("net.core.somaxconn"));
    for (const AcceptQueue &other : queues) { // fullest first
        if (other.backlog <= 0 || other.fill < t.acceptQueueFillWarning)
            continue;
        d.listeners.push_back({other.endpoint, other.queue, other.backlog, other.pid, other.process,
                               somaxconn && other.backlog < *somaxconn});
        if (&other == q || d.listeners.size() > 5)
            continue; // the fullest has its figures above; a table of 5 more is enough to act on
        SymptomFigure fill{QStringLiteral("accept_queue_fill"), other.fill, t.acceptQueueFillWarning,
                           QStringLiteral("ratio"), QStringLiteral("accept_queue / listen_backlog")};
        fill.subject = other.endpoint;
        d.figures.push_back(fill);
        SymptomFigure backlog{QStringLiteral("listen_backlog"), double(other.backlog), std::nan(""),
                              QStringLiteral("connections"), QStringLiteral("sock_diag LISTEN wqueue")};
        backlog.subject = other.endpoint;
        d.figures.push_back(backlog);
    }
    if (somaxconn)
        d.figures.push_back({QStringLiteral("somaxconn"), double(*somaxconn), std::nan(""), QStringLiteral("connections"),
                             QStringLiteral("sys/net/core/somaxconn")});
    const double overflows = o.hasRates() ? o.later.counters().rate("TcpExt.ListenOverflows").value_or(-1) : -1;
    if (overflows >= 0) {
        SymptomFigure f{QStringLiteral("listen_overflows_per_s"), overflows, 0, QStringLiteral("per second"),
                        QStringLiteral("TcpExt.ListenOverflows")};
        f.strictlyAbove = true;
        d.figures.push_back(f);
    }
    const Finding *full = findingWith(report, u"accept-queue-overflow");
    const Finding *burst = findingWith(report, u"listen-overflows");
    if (full)
        adopt(d, *full);
    if (burst)
        adopt(d, *burst);
    d.affected = full || burst;
    d.trackedMetric = overflows >= 0 && (overflows > 0 || !q) ? QStringLiteral("listen_overflows_per_s")
                                                               : QStringLiteral("accept_queue_fill");
    d.advice = {Advice::ListenAgain, Advice::AcceptFaster};
    return d;
}

// The smallest of the maximums of KEYS: the third field of tcp_rmem / tcp_wmem, or the
// single value of rmem_max / wmem_max.
std::optional<qint64> smallestMaximum(const QHash<QString, QString> &sysctls, const QStringList &keys)
{
    std::optional<qint64> smallest;
    for (const QString &key : keys) {
        const QStringList fields = sysctls.value(key).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts); // tabs as read
        bool ok = false;
        const qint64 value = fields.isEmpty() ? 0 : fields.last().toLongLong(&ok);
        if (!ok || value <= 0 || (fields.size() != 1 && fields.size() != 3))
            return std::nullopt;
        smallest = smallest ? std::min(*smallest, value) : value;
    }
    return smallest;
}

SymptomDiagnosis slowTransfers(const Observation &o, const AnalysisOptions &givenOptions)
{
    // The symptom is the long-fat-network profile's case: bulk transfers over a path with a
    // large bandwidth-delay product, so its proposals (rmem_max / wmem_max, bbr) are wanted.
    AnalysisOptions options = givenOptions;
    options.profile = Profile::LongFatNetwork;
    const AnalysisReport report = analyse(o, options);
    SymptomDiagnosis d;
    d.symptom = Symptom::SlowTransfers;
    const QString bytes = QStringLiteral("bytes");
    const auto context = [&](const char *metric, double value, const QString &unit, const QString &source) {
        d.figures.push_back({QString::fromLatin1(metric), value, std::nan(""), unit, source});
    };
    double needed = 0;
    if (options.path) {
        const PathSpec &path = *options.path;
        needed = 2 * bandwidthDelayProduct(path); // as BandwidthDelayRule: tcp_adv_win_scale 1
        context("rtt_ms", path.rttMs, QStringLiteral("ms"), path.rttSource);
        context("bandwidth_mbit", path.bandwidthMbit, QStringLiteral("Mbit/s"), QStringLiteral("given"));
        context("bdp_bytes", bandwidthDelayProduct(path), bytes, QStringLiteral("bandwidth x RTT"));
        context("needed_buffer_bytes", needed, bytes, QStringLiteral("2 x BDP (tcp_adv_win_scale 1)"));
    }
    const std::vector<qint64> rmem = o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_rmem"));
    const std::vector<qint64> wmem = o.sysctlIntegers(QStringLiteral("net.ipv4.tcp_wmem"));
    if (rmem.size() == 3)
        context("tcp_rmem_max", double(rmem[2]), bytes, QStringLiteral("sys/net/ipv4/tcp_rmem"));
    if (wmem.size() == 3)
        context("tcp_wmem_max", double(wmem[2]), bytes, QStringLiteral("sys/net/ipv4/tcp_wmem"));
    for (const char *key : {"rmem_max", "wmem_max"})
        if (const auto value = o.sysctlInteger(QStringLiteral("net.core.") + QLatin1String(key)))
            context(key, double(*value), bytes, QStringLiteral("sys/net/core/") + QLatin1String(key));
    // Judged: more than one maximum's worth needed means one connection cannot keep the path full.
    for (const char *metric : {"buffer_need_ratio", "core_buffer_need_ratio"}) {
        const QString name = QString::fromLatin1(metric);
        if (const auto ratio = needed > 0 ? bufferNeedRatio(name, needed, o.sysctls) : std::nullopt) {
            SymptomFigure f{name, *ratio, 1, QStringLiteral("ratio"),
                            name == QLatin1String("buffer_need_ratio")
                                ? QStringLiteral("needed_buffer_bytes / min(tcp_rmem max, tcp_wmem max)")
                                : QStringLiteral("needed_buffer_bytes / min(rmem_max, wmem_max)")};
            f.strictlyAbove = true; // exactly the need is enough (the rule's "below")
            d.figures.push_back(f);
        }
    }
    const Finding *short_ = findingWith(report, u"bandwidth-delay-product");
    if (short_)
        adopt(d, *short_);
    d.affected = short_ != nullptr;
    // The autotuning maximums unless only the application maximums are short.
    const SymptomFigure *autotuning = d.figure(u"buffer_need_ratio");
    const SymptomFigure *core = d.figure(u"core_buffer_need_ratio");
    d.trackedMetric = core && core->exceeded() && !(autotuning && autotuning->exceeded())
                          ? QStringLiteral("core_buffer_need_ratio")
                          : QStringLiteral("buffer_need_ratio");
    if (!options.path)
        d.trackedMetric.clear(); // nothing to judge without a path
    d.advice = {Advice::ParallelStreams, Advice::ApplicationBuffers};
    return d;
}

double counterRate(const Observation &o, const char *name)
{
    return o.hasRates() ? o.later.counters().rate(name).value_or(-1) : -1;
}

SymptomDiagnosis idleConnectionsDie(const Observation &o, const AnalysisOptions &options,
                                    const AnalysisReport &report)
{
    SymptomDiagnosis d;
    d.symptom = Symptom::IdleConnectionsDie;
    const KeepaliveSockets sockets = keepaliveSockets(o.later);
    const QString tables = QStringLiteral("net/tcp, net/tcp6");
    d.figures.push_back({QStringLiteral("established"), double(sockets.established), std::nan(""),
                         QStringLiteral("sockets"), tables});
    d.figures.push_back({QStringLiteral("keepalive_sockets"), double(sockets.withKeepalive), std::nan(""),
                         QStringLiteral("sockets"), QStringLiteral("sock_diag idiag_timer 2 (keepalive)")});
    const std::optional<int> idle = options.idleTimeoutSeconds;
    if (idle)
        d.figures.push_back({QStringLiteral("idle_timeout"), double(*idle), std::nan(""), QStringLiteral("seconds"),
                             QStringLiteral("given")});
    const auto time = o.sysctlInteger(QStringLiteral("net.ipv4.tcp_keepalive_time"));
    const auto intvl = o.sysctlInteger(QStringLiteral("net.ipv4.tcp_keepalive_intvl"));
    const auto probes = o.sysctlInteger(QStringLiteral("net.ipv4.tcp_keepalive_probes"));
    // The first probe must go before the NAT forgets the flow: judged against the timeout.
    if (time)
        d.figures.push_back({QStringLiteral("tcp_keepalive_time"), double(*time), idle ? double(*idle) : std::nan(""),
                             QStringLiteral("seconds"), QStringLiteral("sys/net/ipv4/tcp_keepalive_time")});
    if (intvl)
        d.figures.push_back({QStringLiteral("tcp_keepalive_intvl"), double(*intvl), std::nan(""),
                             QStringLiteral("seconds"), QStringLiteral("sys/net/ipv4/tcp_keepalive_intvl")});
    if (probes)
        d.figures.push_back({QStringLiteral("tcp_keepalive_probes"), double(*probes), std::nan(""),
                             QStringLiteral("probes"), QStringLiteral("sys/net/ipv4/tcp_keepalive_probes")});
    if (time && intvl && probes)
        d.figures.push_back({QStringLiteral("keepalive_dead_after_s"), double(*time + *intvl * *probes), std::nan(""),
                             QStringLiteral("seconds"),
                             QStringLiteral("tcp_keepalive_time + tcp_keepalive_intvl * tcp_keepalive_probes")});
    if (const auto retries = o.sysctlInteger(QStringLiteral("net.ipv4.tcp_retries2"))) {
        d.figures.push_back({QStringLiteral("tcp_retries2"), double(*retries), std::nan(""),
                             QStringLiteral("retransmissions"), QStringLiteral("sys/net/ipv4/tcp_retries2")});
        d.figures.push_back({QStringLiteral("retries2_timeout_s"), tcpRetriesTimeoutSeconds(*retries), std::nan(""),
                             QStringLiteral("seconds"), QStringLiteral("tcp_model_timeout(), net/ipv4/tcp_timer.c")});
    }
    const double timeouts = counterRate(o, "TcpExt.TCPTimeouts");
    if (timeouts >= 0)
        d.figures.push_back({QStringLiteral("rto_timeouts_per_s"), timeouts, std::nan(""), QStringLiteral("per second"),
                             QStringLiteral("TcpExt.TCPTimeouts")});
    const double probesSent = counterRate(o, "TcpExt.TCPKeepAlive");
    if (probesSent >= 0)
        d.figures.push_back({QStringLiteral("keepalive_probes_per_s"), probesSent, std::nan(""),
                             QStringLiteral("per second"), QStringLiteral("TcpExt.TCPKeepAlive")});
    const double aborts = counterRate(o, "TcpExt.TCPAbortOnTimeout");
    if (aborts >= 0) {
        SymptomFigure f{QStringLiteral("timeout_aborts_per_s"), aborts, 0, QStringLiteral("per second"),
                        QStringLiteral("TcpExt.TCPAbortOnTimeout")};
        f.strictlyAbove = true; // a connection given up on is a dead peer or a forgotten flow
        d.figures.push_back(f);
    }
    const Finding *late = findingWith(report, u"keepalive-idle-timeout");
    if (late)
        adopt(d, *late);
    d.affected = late != nullptr;
    d.trackedMetric = aborts >= 0 ? QStringLiteral("timeout_aborts_per_s") : QStringLiteral("keepalive_sockets");
    d.advice = {Advice::SetSoKeepalive, Advice::LongerNatTimeout};
    return d;
}

SymptomDiagnosis conntrackFull(const Observation &o, const AnalysisOptions &options, const AnalysisReport &report)
{
    SymptomDiagnosis d;
    d.symptom = Symptom::ConntrackFull;
    d.trackedMetric = QStringLiteral("conntrack_fill");
    d.advice = {Advice::ConntrackNoTrack};
    // Without nf_conntrack loaded there is no table: no figures, and nothing to propose.
    const auto count = o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_count"));
    const auto max = o.sysctlInteger(QStringLiteral("net.netfilter.nf_conntrack_max"));
    if (!count || !max || *max <= 0)
        return d;
    const double warning = options.thresholds.conntrackFillWarning;
    d.figures.push_back({QStringLiteral("conntrack_count"), double(*count), warning * double(*max),
                         QStringLiteral("entries"), QStringLiteral("sys/net/netfilter/nf_conntrack_count")});
    d.figures.push_back({QStringLiteral("conntrack_max"), double(*max), std::nan(""), QStringLiteral("entries"),
                         QStringLiteral("sys/net/netfilter/nf_conntrack_max")});
    d.figures.push_back({QStringLiteral("conntrack_fill"), double(*count) / double(*max), warning,
                         QStringLiteral("ratio"), QStringLiteral("nf_conntrack_count / nf_conntrack_max")});
    const Finding *full = findingWith(report, u"conntrack-fill");
    if (full)
        adopt(d, *full);
    d.affected = full != nullptr;
    return d;
}

} // namespace

std::optional<double> bufferNeedRatio(const QString &metric, double neededBytes, const QHash<QString, QString> &sysctls)
{
    QStringList keys;
    if (metric == QLatin1String("buffer_need_ratio"))
        keys = {QStringLiteral("net.ipv4.tcp_rmem"), QStringLiteral("net.ipv4.tcp_wmem")};
    else if (metric == QLatin1String("core_buffer_need_ratio"))
        keys = {QStringLiteral("net.core.rmem_max"), QStringLiteral("net.core.wmem_max")};
    const auto smallest = keys.isEmpty() ? std::nullopt : smallestMaximum(sysctls, keys);
    if (!smallest || !(neededBytes > 0))
        return std::nullopt;
    return neededBytes / double(*smallest);
}

bool SymptomFigure::exceeded() const
{
    if (std::isnan(threshold))
        return false;
    return strictlyAbove ? value > threshold : value >= threshold;
}

std::string_view symptomName(Symptom symptom)
{
    switch (symptom) {
    case Symptom::PortsRunOut:
        return "ports-run-out";
    case Symptom::TimeWaitPileUp:
        return "time-wait-pile-up";
    case Symptom::ServerDrops:
        return "server-drops-connections";
    case Symptom::SlowTransfers:
        return "slow-transfers";
    case Symptom::IdleConnectionsDie:
        return "idle-connections-die";
    case Symptom::ConntrackFull:
        return "conntrack-full";
    }
    return "ports-run-out";
}

std::vector<Symptom> allSymptoms()
{
    return {Symptom::PortsRunOut,   Symptom::TimeWaitPileUp,     Symptom::ServerDrops,
            Symptom::SlowTransfers, Symptom::IdleConnectionsDie, Symptom::ConntrackFull};
}

std::optional<Symptom> symptomFromName(QStringView name)
{
    for (Symptom s : allSymptoms())
        if (name == QLatin1String(symptomName(s).data(), qsizetype(symptomName(s).size())))
            return s;
    return std::nullopt;
}

std::optional<Symptom> symptomForFinding(QStringView findingId)
{
    if (findingId == u"ephemeral-port-pressure")
        return Symptom::PortsRunOut;
    if (findingId == u"time-wait-overflow" || findingId == u"orphans" || findingId == u"fin-wait2-orphans")
        return Symptom::TimeWaitPileUp;
    if (findingId == u"accept-queue-overflow" || findingId == u"listen-overflows")
        return Symptom::ServerDrops;
    if (findingId == u"bandwidth-delay-product")
        return Symptom::SlowTransfers;
    if (findingId == u"keepalive-idle-timeout")
        return Symptom::IdleConnectionsDie;
    if (findingId == u"conntrack-fill")
        return Symptom::ConntrackFull;
    return std::nullopt;
}

const SymptomFigure *SymptomDiagnosis::figure(QStringView metric) const
{
    for (const SymptomFigure &f : figures)
        if (f.metric == metric && f.subject.isEmpty())
            return &f;
    return nullptr;
}

SymptomDiagnosis diagnose(Symptom symptom, const Observation &observation, const AnalysisOptions &givenOptions,
                          const SymptomInputs &inputs)
{
    AnalysisOptions options = givenOptions;
    if (inputs.path && !options.path)
        options.path = inputs.path;
    if (inputs.idleTimeoutSeconds && !options.idleTimeoutSeconds)
        options.idleTimeoutSeconds = inputs.idleTimeoutSeconds;
    const AnalysisReport report = analyse(observation, options);
    switch (symptom) {
    case Symptom::PortsRunOut:
        return portsRunOut(observation, options, report);
    case Symptom::TimeWaitPileUp:
        return timeWaitPileUp(observation, options, report);
    case Symptom::ServerDrops:
        return serverDrops(observation, options, report);
    case Symptom::SlowTransfers:
        return slowTransfers(observation, options);
    case Symptom::IdleConnectionsDie:
        return idleConnectionsDie(observation, options, report);
    case Symptom::ConntrackFull:
        return conntrackFull(observation, options, report);
    }
    return {};
}

std::optional<double> trackedFigure(const QString &metric, const QString &subject, const Snapshot &previous,
                                    const Snapshot &current)
{
    if (current.isNull())
        return std::nullopt;
    if (metric == QLatin1String("port_share") || metric == QLatin1String("destination_sockets")) {
        Observation o;
        o.later = current;
        const std::vector<PortPressure> pressures = portPressure(o);
        const PortPressure *p = worstDestination(pressures, subject);
        if (!p) // nothing toward it any more
            return metric == QLatin1String("port_share") || current.ephemeral().usable > 0 ? 0.0 : std::optional<double>();
        return metric == QLatin1String("port_share") ? p->share : double(p->sockets);
    }
    if (metric == QLatin1String("time_wait")) {
        const qint64 tw = current.sockStat().timeWait;
        return tw >= 0 ? std::optional<double>(double(tw)) : std::nullopt;
    }
    if (metric == QLatin1String("fin_wait2_orphans"))
        return double(finWait2Orphans(current));
    if (metric == QLatin1String("orphans")) {
        const qint64 orphans = current.sockStat().tcpOrphans;
        return orphans >= 0 ? std::optional<double>(double(orphans)) : std::nullopt;
    }
    if (metric == QLatin1String("accept_queue_fill") || metric == QLatin1String("accept_queue")) {
        Observation o;
        o.later = current;
        const std::vector<AcceptQueue> queues = acceptQueues(o);
        const AcceptQueue *q = fullestListener(queues, subject);
        if (!q)
            return std::nullopt; // the listener is gone: no figure, not a zero
        return metric == QLatin1String("accept_queue") ? double(q->queue) : q->fill;
    }
    if (metric == QLatin1String("keepalive_sockets") || metric == QLatin1String("established")) {
        const KeepaliveSockets sockets = keepaliveSockets(current);
        return double(metric == QLatin1String("established") ? sockets.established : sockets.withKeepalive);
    }
    if (metric == QLatin1String("conntrack_fill") || metric == QLatin1String("conntrack_count")) {
        const qint64 count = current.conntrackCount();
        const qint64 max = current.conntrackMax();
        if (count < 0 || max <= 0)
            return std::nullopt; // nf_conntrack unloaded since
        return metric == QLatin1String("conntrack_count") ? double(count) : double(count) / double(max);
    }
    const char *counter = metric == QLatin1String("time_wait_overflows_per_s") ? "TcpExt.TCPTimeWaitOverflow"
                          : metric == QLatin1String("listen_overflows_per_s")  ? "TcpExt.ListenOverflows"
                          : metric == QLatin1String("timeout_aborts_per_s")    ? "TcpExt.TCPAbortOnTimeout"
                          : metric == QLatin1String("keepalive_probes_per_s")  ? "TcpExt.TCPKeepAlive"
                                                                               : nullptr;
    if (counter) {
        if (previous.isNull())
            return std::nullopt;
        const auto before = previous.counters().value(counter);
        const auto after = current.counters().value(counter);
        const double seconds = double(current.monotonicMs() - previous.monotonicMs()) / 1000.0;
        if (!before || !after || *after < *before || seconds <= 0)
            return std::nullopt;
        return double(*after - *before) / seconds;
    }
    return std::nullopt;
}

} // namespace Sockpit
