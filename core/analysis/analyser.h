// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/finding.h"
#include "base/result.h"
#include "capture/observation.h"

#include <QString>

#include <optional>
#include <vector>

namespace Sockpit {

// What the host is for; it shapes which changes are proposed, never what is measured.
enum class Profile : quint8 {
    General,
    ShortOutbound,  // many short outgoing connections: clients, proxies, crawlers
    BusyServer,     // accept-heavy servers
    LongFatNetwork, // bulk transfers over high bandwidth-delay paths
    LowLatency,     // interactive traffic where queueing delay matters
};

std::string_view profileName(Profile profile); // "general", "short-outbound", ...
std::optional<Profile> profileFromName(QStringView name);
QStringList profileNames();

// The levels rules compare against. Ratios 0..1. Defaults are argued in analyser.cpp.
struct Thresholds
{
    double portShareWarning = 0.5;
    double portShareCritical = 0.8;
    double acceptQueueFillWarning = 0.8;
    double retransWarning = 0.02;
    double retransCritical = 0.10;
    double retransMinimumSegmentsPerSecond = 10;
    double orphanFillWarning = 0.5;
    double orphanFillCritical = 0.9;
    double finWait2OrphansWarning = 1000; // sockets
    double conntrackFillWarning = 0.8;
    double conntrackFillCritical = 0.95;
    double exhaustionWarningSeconds = 300;
};

// The names Thresholds' fields go by on the command line ("port_share_warning", ...),
// in declaration order, with what each means.
struct ThresholdName
{
    const char *name;
    const char *meaning;
    double defaultValue = 0;
};
std::vector<ThresholdName> thresholdNames();

// Sets one threshold from "NAME=VALUE": NAME one of thresholdNames(), VALUE a decimal
// number in the threshold's range (ratios above 0 and at most 1). The reason otherwise;
// THRESHOLDS is left as it was.
Result<void> setThreshold(Thresholds &thresholds, const QString &assignment);
// Every warning level at or below its critical level; the first pair that is not, otherwise.
Result<void> checkThresholds(const Thresholds &thresholds);

struct PathSpec
{
    double bandwidthMbit = 0; // megabits per second (10^6)
    double rttMs = 0;
    QString rttSource = QStringLiteral("given"); // or how it was measured: "measured by 5 ICMP probes to ..."
};

// The idle timeouts a user may give: NATs and firewalls forget idle flows after tens of
// seconds (home routers) to days (nf_conntrack_tcp_timeout_established is 5 days).
inline constexpr int MinIdleTimeoutSeconds = 10;
inline constexpr int MaxIdleTimeoutSeconds = 7 * 24 * 3600;

struct AnalysisOptions
{
    Profile profile = Profile::General;
    std::optional<PathSpec> path;
    Thresholds thresholds;
    // The idle timeout of a NAT or firewall between the hosts, in seconds: keepalive is
    // judged against it (keepalive-idle-timeout).
    std::optional<int> idleTimeoutSeconds;
};

// Port pressure toward one destination, the numbers behind the finding.
struct PortPressure
{
    QString destination; // "10.0.0.5:443", "[2001:db8::1]:443"
    bool loopback = false;
    int usable = 0;          // range size less reserved ports
    int sockets = 0;         // sockets toward it holding a local port
    int timeWait = 0;
    double share = 0;        // sockets / usable
    double timeWaitShare = 0; // timeWait / sockets
    double activeOpensPerSecond = -1; // host-wide, -1 without rates
    double openRate = -1;     // this destination's part of it (by its share of outgoing sockets)
    double growthPerSecond = -1; // socket count change between the takes, per second
    double steadyState = -1;  // openRate * 60 + sockets not in TIME_WAIT (Little's law)
    double secondsToExhaustion = -1; // at the current growth; -1 when not growing
};

std::vector<PortPressure> portPressure(const Observation &observation);

// One listener's accept queue.
struct AcceptQueue
{
    quint16 port = 0;
    QString endpoint; // "127.0.0.1:8080"
    int queue = 0;    // connections waiting for accept()
    int backlog = 0;  // what listen() asked for, capped by somaxconn; 0 when unknown (/proc/net/tcp)
    double fill = 0;  // queue / backlog
    int pid = 0;
    QString process;
};

std::vector<AcceptQueue> acceptQueues(const Observation &observation);

// bandwidth * RTT, in bytes.
double bandwidthDelayProduct(const PathSpec &path);

// ESTABLISHED TCP sockets, and those of them with a keepalive timer pending (their
// application set SO_KEEPALIVE; one busy retransmitting shows that timer instead, so the
// count is a floor).
struct KeepaliveSockets
{
    int established = 0;
    int withKeepalive = 0;
};
KeepaliveSockets keepaliveSockets(const Snapshot &snapshot);

// TCP sockets in FIN_WAIT2 that no file holds any more (orphans: inode 0, as
// net/ipv4/tcp_ipv4.c prints sock_i_ino()); tcp_fin_timeout bounds how long they wait.
int finWait2Orphans(const Snapshot &snapshot);

// How long a connection with unacknowledged data retransmits before the kernel gives up,
// for tcp_retries2 = RETRIES: the kernel's model (tcp_model_timeout() in
// net/ipv4/tcp_timer.c) from TCP_RTO_MIN 200 ms doubling up to TCP_RTO_MAX 120 s.
// ip-sysctl.rst tcp_retries2: 15 gives about 924.6 s.
double tcpRetriesTimeoutSeconds(qint64 retries);

struct AnalysisReport
{
    QString kernelRelease;
    QString hostName;
    Profile profile = Profile::General;
    bool hasRates = false;
    double intervalSeconds = 0;
    KernelLog kernelLog;
    std::vector<Finding> findings; // most severe first
    QStringList notes;             // proposals left out and why
};

AnalysisReport analyse(const Observation &observation, const AnalysisOptions &options);

// Whether KEY=VALUE may be proposed on RELEASE: in the catalogue, not retired, present
// in that kernel, and valid. The reason when not.
Result<ProposedChange> checkProposal(const QString &key, const QString &value, const Observation &observation);

} // namespace Sockpit
