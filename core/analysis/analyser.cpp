// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analyser.h"

#include "analysis/rules/rule.h"
#include "tuning/catalogue.h"
#include "tuning/kernelversion.h"
#include "tuning/validator.h"

#include <algorithm>

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
    {{"fin_wait2_orphans_warning", "orphaned sockets waiting in FIN_WAIT2 for their peer to close"},
     &Thresholds::finWait2OrphansWarning, 0, 1e9},
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
    const double activeOpens = observation.hasRates() ? AnalysisRules::rate(observation.later, "Tcp.ActiveOpens") : -1;
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

int finWait2Orphans(const Snapshot &snapshot)
{
    int count = 0;
    for (const SocketRecord &s : snapshot.sockets())
        count += s.protocol == Protocol::Tcp && s.state == SocketState::FinWait2 && s.inode == 0 ? 1 : 0;
    return count;
}

KeepaliveSockets keepaliveSockets(const Snapshot &snapshot)
{
    KeepaliveSockets out;
    for (const SocketRecord &s : snapshot.sockets()) {
        if (s.protocol != Protocol::Tcp || s.state != SocketState::Established)
            continue;
        ++out.established;
        out.withKeepalive += s.timer == SocketTimer::Keepalive ? 1 : 0;
    }
    return out;
}

double tcpRetriesTimeoutSeconds(qint64 retries)
{
    constexpr double RtoMin = 0.2;   // TCP_RTO_MIN
    constexpr double RtoMax = 120.0; // TCP_RTO_MAX
    constexpr qint64 LinearBackoff = 9; // ilog2(TCP_RTO_MAX / TCP_RTO_MIN)
    if (retries <= 0)
        return 0;
    if (retries <= LinearBackoff)
        return double((qint64(2) << retries) - 1) * RtoMin;
    return double((qint64(2) << LinearBackoff) - 1) * RtoMin + double(retries - LinearBackoff) * RtoMax;
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
    // The names this kernel offers (ip-sysctl tcp_available_congestion_control); a tree
    // without the list offers none, so no algorithm is proposed from it.
    context.congestionControls = observation.sysctls.value(QStringLiteral("net.ipv4.tcp_available_congestion_control")).simplified()
                                     .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    context.queueDisciplines = Catalogue::queueDisciplines();
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
    AnalysisRules::RuleContext context{observation, options, report};
    AnalysisRules::runRules(context);
    std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.id != b.id ? a.id < b.id : a.subject < b.subject;
    });
    return report;
}

} // namespace Sockpit
