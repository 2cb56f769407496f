// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sockettablemodel.h"

#include "models/socketformat.h"

#include <QLocale>

namespace Sockpit {

SocketTableModel::SocketTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SocketTableModel::setSnapshot(const Snapshot &snapshot)
{
    beginResetModel();
    m_snapshot = snapshot;
    endResetModel();
}

int SocketTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshot.sockets().size());
}

int SocketTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ProcessInfo *SocketTableModel::process(const SocketRecord &socket) const
{
    if (!m_snapshot.hasOwners() || socket.inode == 0)
        return nullptr;
    return m_snapshot.owners().owner(socket.inode);
}

QString SocketTableModel::ownerText(const SocketRecord &socket) const
{
    if (!m_snapshot.hasOwners())
        return QString();
    switch (m_snapshot.owners().ownership(socket)) {
    case Ownership::Process:
        if (const ProcessInfo *info = process(socket))
            return info->name;
        return QString();
    case Ownership::Hidden:
        return tr("hidden (needs root)");
    case Ownership::Kernel:
        return tr("—");
    }
    return QString();
}

QString SocketTableModel::text(int row, int column) const
{
    const SocketRecord &socket = record(row);
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
        if (const ProcessInfo *info = process(socket))
            return QString::number(info->pid);
        return QString();
    case ProcessColumn:
        return ownerText(socket);
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

QString SocketTableModel::toolTip(const SocketRecord &socket, int column) const
{
    switch (column) {
    case ProcessColumn:
    case PidColumn:
        if (const ProcessInfo *info = process(socket))
            return tr("%1 (pid %2, user %3)\n%4")
                .arg(info->name)
                .arg(info->pid)
                .arg(info->user.isEmpty() ? QString::number(info->uid) : info->user, info->commandLine);
        if (m_snapshot.hasOwners()) {
            switch (m_snapshot.owners().ownership(socket)) {
            case Ownership::Hidden:
                return tr("The process holding this socket belongs to another user; run Sockpit as root to see it.");
            case Ownership::Kernel:
                return tr("No process holds this socket: the kernel keeps it (TIME_WAIT, a pending connection or an orphan).");
            case Ownership::Process:
                break;
            }
        }
        return QString();
    case RttColumn:
        if (socket.hasTcpInfo && socket.state != SocketState::Listen)
            return tr("Smoothed round-trip time %1 ms, variation %2 ms")
                .arg(QLocale().toString(double(socket.rttUs) / 1000.0, 'f', 3),
                     QLocale().toString(double(socket.rttVarUs) / 1000.0, 'f', 3));
        return QString();
    case RetransmitsColumn:
        if (socket.protocol == Protocol::Tcp)
            return tr("Segments retransmitted over the connection's lifetime");
        return QString();
    default:
        return QString();
    }
}

QVariant SocketTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return text(index.row(), index.column());
    case Qt::ToolTipRole:
        return toolTip(record(index.row()), index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case UidColumn:
        case InodeColumn:
        case PidColumn:
        case RttColumn:
        case RetransmitsColumn:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        default:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        }
    default:
        return QVariant();
    }
}

QVariant SocketTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case ProtocolColumn: return tr("Protocol");
        case FamilyColumn: return tr("Family");
        case StateColumn: return tr("State");
        case LocalColumn: return tr("Local");
        case RemoteColumn: return tr("Remote");
        case UidColumn: return tr("UID");
        case InodeColumn: return tr("Inode");
        case PidColumn: return tr("PID");
        case ProcessColumn: return tr("Process");
        case RttColumn: return tr("RTT ms");
        case RetransmitsColumn: return tr("Retrans");
        case ColumnCount: break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case UidColumn: return tr("User id owning the socket");
        case InodeColumn: return tr("Socket inode; empty for sockets without a file");
        case RttColumn: return tr("Smoothed round-trip time from tcp_info, in milliseconds");
        case RetransmitsColumn: return tr("Total retransmitted segments (tcp_info)");
        default: break;
        }
    }
    return QVariant();
}

} // namespace Sockpit
