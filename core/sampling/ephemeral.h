// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sampling/procroot.h"
#include "sampling/socketrecord.h"

#include <QByteArrayView>

#include <vector>

namespace Sockpit {

struct PortRange
{
    quint16 low = 0;
    quint16 high = 0;
    int size() const { return high >= low ? high - low + 1 : 0; }
    bool contains(quint16 port) const { return port >= low && port <= high; }
    friend bool operator==(const PortRange &, const PortRange &) = default;
};

struct EphemeralConfig
{
    PortRange range{32768, 60999};
    std::vector<PortRange> reserved; // net.ipv4.ip_local_reserved_ports, merged and sorted
    quint16 unprivilegedPortStart = 1024;

    bool isReserved(quint16 port) const;
    // Ports connect() may pick: the range less the reserved ports inside it.
    int usable() const;
};

// "32768\t60999" (ip_local_port_range).
Result<PortRange> parsePortRange(QByteArrayView text);
// "8080,9000-9010" or empty (ip_local_reserved_ports).
Result<std::vector<PortRange>> parsePortRangeList(QByteArrayView text);
// Reads the three sysctls; a missing ip_unprivileged_port_start (before 4.11) keeps 1024.
Result<EphemeralConfig> readEphemeralConfig(const ProcRoot &root);

// One destination: remote address and port. The kernel picks a local port per 4-tuple,
// so the same local port serves many destinations and exhaustion happens per destination.
struct DestinationUsage
{
    std::array<quint8, 16> address{}; // IPv4-mapped IPv6 folded into IPv4
    Family family = Family::IPv4;
    quint16 port = 0;
    int sockets = 0;  // TCP sockets toward it holding a local port in the range
    int timeWait = 0; // of them, in TIME_WAIT
    double share = 0; // sockets / usable ports
};

struct EphemeralUsage
{
    EphemeralConfig config;
    int usable = 0;
    int inUse = 0;            // TCP sockets (not LISTEN) whose local port is in the range
    int distinctPorts = 0;    // distinct local ports among them
    int timeWaitOnlyPorts = 0; // of those, ports only TIME_WAIT sockets hold: free again within 60 s
    int listenersInRange = 0; // TCP listeners on a port in the range: no connect() may take those
    std::vector<DestinationUsage> destinations; // most sockets first
};

EphemeralUsage analyseEphemeral(const EphemeralConfig &config, const std::vector<SocketRecord> &sockets);

} // namespace Sockpit
