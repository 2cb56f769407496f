// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/tuningreading.h"

#include "sampling/snapshot.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <utility>
#include <vector>

namespace Sockpit::Fixtures {

// "192.168.1.10" or "2001:db8::1" in network byte order.
std::array<quint8, 16> address(const char *text);

SocketRecord socket(Protocol protocol, SocketState state, const char *local, quint16 localPort,
                    const char *remote, quint16 remotePort, quint32 uid = 1000, quint32 inode = 0);

// The snapshot the GUI tests read. Rows, in this order:
//   0  tcp ipv4 ESTABLISHED 192.168.1.10:43512 -> 93.184.216.34:443, uid 1000, inode 5555,
//      rtt 12.5 ms, 3 retransmits
//   1  tcp ipv6 LISTEN      [2001:db8::1]:8080 -> [::]:0, uid 0, inode 6666, tcp_info with rtt 0
//   2  udp ipv4 UNCONN      0.0.0.0:53 -> 0.0.0.0:0, uid 0, inode 7777
//   3  udp ipv6 ESTABLISHED [2001:db8::1]:5353 -> [2001:db8::2]:5353, inode 7778
//   4  tcp ipv4 CLOSE_WAIT  127.0.0.1:5432 -> 127.0.0.1:40000, inode 8888
//   5  tcp ipv4 SYN_RECV    192.168.1.10:8080 -> 198.51.100.7:61000, inode 0
//   6.. TimeWaitCount TIME_WAIT sockets 10.0.0.5:(40000 + i) -> 10.0.0.9:80, inode 0
// Ephemeral range 32768-60999 with 100 reserved ports; top destination 10.0.0.9:80.
inline constexpr int TimeWaitCount = 1500;
inline constexpr int FixedRows = 6;
inline const QDateTime TakenAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
inline constexpr qint64 TakenAtMonotonicMs = 900000;

Snapshot snapshot(OwnerTable owners = OwnerTable());

// Reads back what the exporters write: enough of RFC 4180 for them (quoted fields,
// doubled quotes, CRLF records).
QList<QStringList> parseCsv(const QByteArray &bytes);

// Writes CONTENT to PATH, making its folders; false when it cannot.
bool writeFile(const QString &path, const QByteArray &content);

// A small sysctl tree below ROOT/sys, as the Tuning page's tests read it: the port range,
// tcp_fin_timeout, tw_reuse, a congestion control, buffers, somaxconn. EXTRA files (paths
// below ROOT) are written after it. False when a file cannot be written.
bool writeTuningTree(const QString &root, const std::vector<std::pair<const char *, QByteArray>> &extra = {});

// A Tuning environment whose helper is not installed: a window built with it never runs
// the machine's own helper, nor reads its journal, whatever is installed.
inline TuningEnvironment notInstalledTuning()
{
    TuningEnvironment environment;
    environment.helperPath = QStringLiteral("/nonexistent/sockpit-test/sockpit-helper");
    environment.sysctlDDirectory = QStringLiteral("/nonexistent/sockpit-test/sysctl.d");
    return environment;
}

} // namespace Sockpit::Fixtures
