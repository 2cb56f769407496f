// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/passiveview.h"

#include <algorithm>
#include <map>

namespace Sockpit {

std::vector<PassivePeer> passivePeers(const Snapshot &snapshot)
{
    struct Sum
    {
        PassivePeer peer;
        double rttSum = 0;
        double varSum = 0;
    };
    std::map<QString, Sum> byAddress;
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (socket.protocol != Protocol::Tcp || socket.state != SocketState::Established || !socket.hasTcpInfo)
            continue;
        SocketRecord remote = socket;
        // The mapped form and the plain IPv4 address are the same peer.
        if (socket.isV4Mapped()) {
            remote.family = Family::IPv4;
            std::copy_n(socket.remoteAddress.begin() + 12, 4, remote.remoteAddress.begin());
        }
        char text[64];
        const QString address = QString::fromLatin1(text, remote.formatAddress(text, true));
        Sum &sum = byAddress[address];
        const double rtt = socket.rttUs / 1000.0; // tcp_info reports microseconds
        if (sum.peer.connections == 0) {
            sum.peer.address = address;
            sum.peer.rttMinMs = rtt;
            sum.peer.rttMaxMs = rtt;
        }
        ++sum.peer.connections;
        sum.peer.rttMinMs = std::min(sum.peer.rttMinMs, rtt);
        sum.peer.rttMaxMs = std::max(sum.peer.rttMaxMs, rtt);
        sum.rttSum += rtt;
        sum.varSum += socket.rttVarUs / 1000.0;
        sum.peer.retransmits += socket.retransmits;
    }
    std::vector<PassivePeer> peers;
    peers.reserve(byAddress.size());
    for (auto &[address, sum] : byAddress) {
        sum.peer.rttAvgMs = sum.rttSum / sum.peer.connections;
        sum.peer.rttVarAvgMs = sum.varSum / sum.peer.connections;
        sum.peer.monotonicMs = snapshot.monotonicMs();
        peers.push_back(sum.peer);
    }
    return peers;
}

} // namespace Sockpit
