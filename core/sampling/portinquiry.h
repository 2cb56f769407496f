// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/owners.h"
#include "sampling/snapshot.h"

#include <QString>

#include <optional>
#include <vector>

namespace Sockpit {

struct PortUser
{
    SocketRecord socket;
    Ownership ownership = Ownership::Kernel;
    std::optional<ProcessInfo> process;
};

enum class BindVerdict : quint8 {
    Free,        // binding the wildcard address would succeed
    Listening,   // a listener holds the port
    Bound,       // a non-listening socket is bound to it (a connection, a bound client)
    TimeWait,    // only TIME_WAIT sockets: bind() without SO_REUSEADDR fails until they expire
    Privileged,  // below ip_unprivileged_port_start and we are not allowed
};

struct BindAnswer
{
    BindVerdict verdict = BindVerdict::Free;
    QString reason; // plain words: "held by nginx (pid 812) listening on 0.0.0.0:80"
};

struct PortReport
{
    quint16 port = 0;
    std::vector<PortUser> listeners;
    std::vector<PortUser> connections; // sockets with this local port that are not listening
    bool inEphemeralRange = false;
    bool reserved = false;   // in ip_local_reserved_ports
    bool privileged = false; // below ip_unprivileged_port_start
    BindAnswer tcp;          // what the snapshot says about bind(0.0.0.0 or ::, port) for TCP
    // A real bind() attempted just now (live machine only), with SO_REUSEADDR as servers
    // set it, and without.
    std::optional<BindAnswer> liveTcp;
    std::optional<BindAnswer> liveTcpReuseAddr;
};

// Pure: everything from the snapshot. bindAllowedBelowStart says whether this process may
// bind privileged ports (root or CAP_NET_BIND_SERVICE).
PortReport inquirePort(const Snapshot &snapshot, quint16 port, bool bindAllowedBelowStart);

// Tries bind() on the wildcard address (IPv6 dual-stack, else IPv4) and closes at once.
BindAnswer tryBindNow(quint16 port, bool reuseAddress, const PortReport &context);

} // namespace Sockpit
