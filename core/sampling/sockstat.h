// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace Sockpit {

// The O(1) figures from /proc/net/sockstat and sockstat6. -1 where a line or key is
// absent (older kernels, or a file that could not be read).
struct SockStat
{
    qint64 socketsUsed = -1;
    qint64 tcpInUse = -1;    // IPv4 TCP sockets in the hash tables (not TIME_WAIT)
    qint64 tcpOrphans = -1;
    qint64 timeWait = -1;    // every TIME_WAIT socket of the namespace, IPv4 and IPv6
    qint64 tcpAllocated = -1;
    qint64 tcpMemoryPages = -1; // compare with net.ipv4.tcp_mem, which is in pages too
    qint64 udpInUse = -1;
    qint64 udpMemoryPages = -1;
    qint64 tcp6InUse = -1;
    qint64 udp6InUse = -1;
    qint64 rawInUse = -1;
    qint64 raw6InUse = -1;
};

SockStat parseSockStat(QByteArrayView sockstat, QByteArrayView sockstat6);

} // namespace Sockpit
