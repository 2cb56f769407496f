// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "analysis/finding.h"
#include "capture/observation.h"
#include "sampling/snapshot.h"

#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

namespace Sockpit {

// What a user came with: a symptom, not a sysctl name. Each one is a tuning wizard.
enum class Symptom : quint8 {
    PortsRunOut,    // outgoing connections fail with EADDRNOTAVAIL, a proxy or crawler runs out of ports
    TimeWaitPileUp, // TIME_WAIT or FIN_WAIT2 sockets pile up
    ServerDrops,    // a server drops or delays new connections: accept queues overflow
    SlowTransfers,  // transfers are slow on long or fast links: buffers below the bandwidth-delay product
    IdleConnectionsDie, // idle connections die behind a NAT, or dead peers linger: keepalive, tcp_retries2
    ConntrackFull,      // the connection tracking table is full: new flows are dropped
};

std::string_view symptomName(Symptom symptom); // "ports-run-out", "time-wait-pile-up"
std::optional<Symptom> symptomFromName(QStringView name);
std::vector<Symptom> allSymptoms();
// The wizard a finding of the analysis belongs to, by the finding's id.
std::optional<Symptom> symptomForFinding(QStringView findingId);

// One live figure that bears on a symptom, with the level it is judged against.
struct SymptomFigure
{
    QString metric; // stable id: "port_share", "time_wait", ... (the wizard names it)
    double value = 0;
    double threshold = std::nan(""); // NaN: shown for context, not judged
    QString unit;   // "sockets", "ports", "ratio", "per second"
    QString source; // where it was read: "net/sockstat tw", "TcpExt.TCPTimeWaitOverflow"
    bool strictlyAbove = false; // judged by value > threshold (a rate that must be 0), else >=
    QString subject = {}; // what it is about when not the diagnosis' own subject (another listener)
    bool exceeded() const;
};

// A listener a server wizard names: the queue it has, the backlog its application asked for
// (capped by somaxconn), and who it is.
struct ListenerNote
{
    QString endpoint; // "127.0.0.1:8080"
    int queue = 0;
    int backlog = 0;
    int pid = 0;      // 0: unknown
    QString process;
    // The backlog is below somaxconn: the application asked for it, and a larger somaxconn
    // changes nothing until its configuration asks for more.
    bool backlogFromApplication = false;
};

// Application-side remedies that no sysctl gives, by stable id.
enum class Advice : quint8 {
    ConnectionPooling,    // keep-alive and connection pools: fewer connections, fewer ports
    BindAddressNoPort,    // IP_BIND_ADDRESS_NO_PORT before bind() so the port is picked per 4-tuple
    MoreDestinations,     // more destination addresses or ports: ports are per destination
    TimeWaitIsNormal,     // TIME_WAIT is the active closer's duty (RFC 9293 3.6.1) and cheap
    ServerClosesFirst,    // a server that closes first holds the TIME_WAIT; let clients close
    ListenAgain,          // the listener keeps its backlog until it calls listen() again
    AcceptFaster,         // a queue that fills at any size: the application accepts too slowly
    ParallelStreams,      // one window per connection: parallel streams where buffers cannot grow
    ApplicationBuffers,   // SO_RCVBUF / SO_SNDBUF switch autotuning off and cap at rmem_max / wmem_max
    SetSoKeepalive,       // keepalive sysctls only reach sockets whose application set SO_KEEPALIVE
    LongerNatTimeout,     // a NAT or firewall of one's own can keep idle flows longer
    ConntrackNoTrack,     // flows that need no tracking can skip it (raw table NOTRACK), shorter timeouts
};

// What the Measure step concluded: the figures, the verdict, and the plan proposed from
// the same analysis rules (and catalogue checks) as 'sockpit-cli recommend'.
struct SymptomDiagnosis
{
    Symptom symptom = Symptom::PortsRunOut;
    QString subject; // the destination or listener it is about ("127.1.0.1:9000"), or empty for the host
    QString owner;   // the process behind a listener subject: "pid 4242, nginx"; empty when unknown
    std::vector<SymptomFigure> figures;
    // True when the evidence says this symptom is what hurts; false: it is elsewhere, and
    // `changes` is empty.
    bool affected = false;
    std::vector<ProposedChange> changes;
    QStringList caveats;      // from the findings the plan came from, translated
    QStringList findingIds;   // those findings
    std::vector<Advice> advice; // what sysctls cannot fix
    // The figure the Verify step keeps watching (one of `figures`), and whether lower is better.
    QString trackedMetric;
    // The server wizard: every listener whose queue is at the warning level, fullest first.
    // Each keeps its backlog until it calls listen() again, so these are the processes to
    // restart (or reconfigure) after the plan.
    std::vector<ListenerNote> listeners;

    // The first figure METRIC about the diagnosis' own subject.
    const SymptomFigure *figure(QStringView metric) const;
    const QString &subjectOf(const SymptomFigure &f) const { return f.subject.isEmpty() ? subject : f.subject; }
};

// What a wizard asks the user for before it can judge: figures no sampler can see.
struct SymptomInputs
{
    // The path a transfer crosses: the bandwidth the user types, the RTT measured toward
    // a target (or typed). The analysis' own AnalysisOptions::path when set.
    std::optional<PathSpec> path;
    // The idle timeout of a NAT or firewall between the hosts, in seconds.
    std::optional<int> idleTimeoutSeconds;
};

// Measures SYMPTOM on OBSERVATION with the thresholds of OPTIONS and what the user gave.
SymptomDiagnosis diagnose(Symptom symptom, const Observation &observation, const AnalysisOptions &options = {},
                          const SymptomInputs &inputs = {});

// The tracked figure METRIC of a diagnosis about SUBJECT, from one live snapshot; rates
// come from PREVIOUS (a null snapshot: no rate yet). nullopt when the snapshot cannot say.
std::optional<double> trackedFigure(const QString &metric, const QString &subject, const Snapshot &previous,
                                    const Snapshot &current);

// SlowTransfers' tracked figures, "buffer_need_ratio" (2 x BDP over the smaller of the
// tcp_rmem / tcp_wmem maximums) and "core_buffer_need_ratio" (over the smaller of
// rmem_max / wmem_max), from sysctl values as read (dotted key -> value): no snapshot holds
// them. nullopt when a value is missing or unreadable.
std::optional<double> bufferNeedRatio(const QString &metric, double neededBytes, const QHash<QString, QString> &sysctls);

} // namespace Sockpit

Q_DECLARE_METATYPE(Sockpit::Symptom)
