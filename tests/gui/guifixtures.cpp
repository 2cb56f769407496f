// SPDX-License-Identifier: GPL-3.0-or-later
#include "guifixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <arpa/inet.h>

#include <cstring>

namespace Sockpit::Fixtures {

std::array<quint8, 16> address(const char *text)
{
    std::array<quint8, 16> result{};
    if (std::strchr(text, ':'))
        ::inet_pton(AF_INET6, text, result.data());
    else
        ::inet_pton(AF_INET, text, result.data());
    return result;
}

SocketRecord socket(Protocol protocol, SocketState state, const char *local, quint16 localPort,
                    const char *remote, quint16 remotePort, quint32 uid, quint32 inode)
{
    SocketRecord record;
    record.protocol = protocol;
    record.family = std::strchr(local, ':') ? Family::IPv6 : Family::IPv4;
    record.state = state;
    record.localAddress = address(local);
    record.localPort = localPort;
    record.remoteAddress = address(remote);
    record.remotePort = remotePort;
    record.uid = uid;
    record.inode = inode;
    return record;
}

Snapshot snapshot(OwnerTable owners)
{
    std::vector<SocketRecord> sockets;
    SocketRecord established =
        socket(Protocol::Tcp, SocketState::Established, "192.168.1.10", 43512, "93.184.216.34", 443, 1000, 5555);
    established.hasTcpInfo = true;
    established.rttUs = 12500;
    established.rttVarUs = 2500;
    established.retransmits = 3;
    sockets.push_back(established);
    SocketRecord listener = socket(Protocol::Tcp, SocketState::Listen, "2001:db8::1", 8080, "::", 0, 0, 6666);
    listener.hasTcpInfo = true; // the kernel reports tcp_info for listeners too, rtt 0
    sockets.push_back(listener);
    sockets.push_back(socket(Protocol::Udp, SocketState::Close, "0.0.0.0", 53, "0.0.0.0", 0, 0, 7777));
    sockets.push_back(
        socket(Protocol::Udp, SocketState::Established, "2001:db8::1", 5353, "2001:db8::2", 5353, 1000, 7778));
    sockets.push_back(socket(Protocol::Tcp, SocketState::CloseWait, "127.0.0.1", 5432, "127.0.0.1", 40000, 1000, 8888));
    sockets.push_back(socket(Protocol::Tcp, SocketState::SynRecv, "192.168.1.10", 8080, "198.51.100.7", 61000, 0, 0));
    for (int i = 0; i < TimeWaitCount; ++i)
        sockets.push_back(socket(Protocol::Tcp, SocketState::TimeWait, "10.0.0.5", quint16(40000 + i), "10.0.0.9", 80,
                                 0, 0));

    EphemeralUsage ephemeral;
    ephemeral.config.range = {32768, 60999};
    ephemeral.config.reserved = {{40000, 40099}};
    ephemeral.usable = 28132;
    ephemeral.inUse = TimeWaitCount + 1;
    ephemeral.distinctPorts = TimeWaitCount + 1;
    ephemeral.timeWaitOnlyPorts = TimeWaitCount; // one port each; the open socket holds the last
    DestinationUsage top;
    top.address = address("10.0.0.9");
    top.port = 80;
    top.sockets = TimeWaitCount;
    top.timeWait = TimeWaitCount;
    top.share = double(TimeWaitCount) / 28132.0;
    ephemeral.destinations.push_back(top);

    SockStat sockStat;
    sockStat.timeWait = TimeWaitCount;

    return SnapshotBuilder()
        .setTakenAt(TakenAt, TakenAtMonotonicMs)
        .setSource(SnapshotSource::Netlink)
        .setSockets(std::move(sockets))
        .setSockStat(sockStat)
        .setEphemeral(std::move(ephemeral))
        .setOwners(std::move(owners))
        .build();
}

QList<QStringList> parseCsv(const QByteArray &bytes)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    const QString text = QString::fromUtf8(bytes);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            record << field;
            records << record;
            record.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile out(path);
    return out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(content) == content.size();
}

bool writeTuningTree(const QString &root, const std::vector<std::pair<const char *, QByteArray>> &extra)
{
    const std::pair<const char *, QByteArray> files[] = {
        {"sys/net/ipv4/tcp_fin_timeout", "60\n"},
        {"sys/net/ipv4/ip_local_port_range", "32768\t60999\n"},
        {"sys/net/ipv4/ip_unprivileged_port_start", "1024\n"},
        {"sys/net/ipv4/tcp_available_congestion_control", "reno cubic\n"},
        {"sys/net/ipv4/tcp_congestion_control", "cubic\n"},
        {"sys/net/ipv4/tcp_tw_reuse", "2\n"},
        {"sys/net/ipv4/tcp_rmem", "4096\t131072\t6291456\n"},
        {"sys/net/core/somaxconn", "4096\n"},
        {"sys/net/core/rmem_max", "212992\n"},
    };
    const QDir dir(root);
    for (const auto &[path, content] : files)
        if (!writeFile(dir.filePath(QString::fromLatin1(path)), content))
            return false;
    for (const auto &[path, content] : extra)
        if (!writeFile(dir.filePath(QString::fromLatin1(path)), content))
            return false;
    return true;
}

} // namespace Sockpit::Fixtures
