// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/socketcells.h"

#include "models/socketformat.h"

#include <QLocale>

namespace Sockpit {

const ProcessInfo *SocketCells::process(const Snapshot &snapshot, const SocketRecord &socket)
{
    if (!snapshot.hasOwners() || socket.inode == 0)
        return nullptr;
    return snapshot.owners().owner(socket.inode);
}

QString SocketCells::ownerText(const Snapshot &snapshot, const SocketRecord &socket)
{
    if (!snapshot.hasOwners())
        return QString();
    switch (snapshot.owners().ownership(socket)) {
    case Ownership::Process:
        if (const ProcessInfo *info = process(snapshot, socket))
            return info->name;
        return QString();
    case Ownership::Hidden:
        return tr("hidden (needs root)");
    case Ownership::Kernel:
        return tr("—");
    }
    return QString();
}

QString SocketCells::text(const Snapshot &snapshot, const SocketRecord &socket, int column)
{
    switch (Column(column)) {
    case ProtocolColumn:
        return SocketFormat::protocolLabel(socket.protocol);
    case FamilyColumn:
        return SocketFormat::familyLabel(socket.family);
    case StateColumn:
        return SocketFormat::stateLabel(socket.protocol, socket.state);
    case LocalColumn:
    case RemoteColumn: {
        char buffer[64];
        const int length = socket.formatEndpoint(buffer, column == RemoteColumn);
        return QString::fromLatin1(buffer, length);
    }
    case UidColumn:
        return QString::number(socket.uid);
    case InodeColumn:
        // TIME_WAIT and request sockets have no file, hence no inode.
        return socket.inode != 0 ? QString::number(socket.inode) : QString();
    case PidColumn:
        if (const ProcessInfo *info = process(snapshot, socket))
            return QString::number(info->pid);
        return QString();
    case ProcessColumn:
        return ownerText(snapshot, socket);
    case RttColumn:
        // A listener has tcp_info too, but no peer: its rtt is a meaningless 0.
        if (!socket.hasTcpInfo || socket.state == SocketState::Listen)
            return QString();
        return QLocale().toString(double(socket.rttUs) / 1000.0, 'f', 2);
    case RetransmitsColumn:
        if (socket.protocol != Protocol::Tcp)
            return QString();
        return QString::number(socket.retransmits);
    case ColumnCount:
        break;
    }
    return QString();
}

} // namespace Sockpit
