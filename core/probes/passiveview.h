// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/snapshot.h"

#include <QString>

#include <vector>

namespace Sockpit {

// What the kernel already knows about the real traffic to one remote address: tcp_info
// of every established TCP connection to it, as the sampler read them in one snapshot.
// Shown next to a target's active probes on one timeline.
struct PassivePeer
{
    QString address;          // "10.0.0.1", "fd00::1"; IPv4-mapped IPv6 shown as IPv4
    int connections = 0;      // established, with tcp_info
    double rttMinMs = 0;
    double rttAvgMs = 0;      // mean of the connections' smoothed RTTs (tcpi_rtt)
    double rttMaxMs = 0;
    double rttVarAvgMs = 0;   // mean of tcpi_rttvar
    quint64 retransmits = 0;  // sum of tcpi_total_retrans
    qint64 monotonicMs = 0;   // the snapshot's, for the timeline
};

// Per remote address, sorted by address. Only established TCP sockets with tcp_info
// count: a listener or TIME_WAIT socket has no live RTT estimate.
std::vector<PassivePeer> passivePeers(const Snapshot &snapshot);

} // namespace Sockpit
