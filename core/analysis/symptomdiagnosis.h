// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "analysis/finding.h"
#include "capture/observation.h"
#include "sampling/snapshot.h"

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
    bool exceeded() const;
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

    const SymptomFigure *figure(QStringView metric) const;
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

} // namespace Sockpit

Q_DECLARE_METATYPE(Sockpit::Symptom)
