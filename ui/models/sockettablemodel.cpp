// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sockettablemodel.h"

#include <QLocale>

namespace Sockpit {

SocketTableModel::SocketTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_rows(std::make_shared<const SocketRows>())
{
}

void SocketTableModel::present(const SocketRows::Update &update)
{
    if (!update.rows)
        return;
    m_lastUpdate = update.stats;
    if (update.reset) {
        m_lastUpdate.reset = true;
        beginResetModel();
        m_rows = update.rows;
        endResetModel();
        return;
    }
    // The hint tells the horizontal header that no column moved.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_rows = update.rows;
    // Only the indexes somebody holds (a selection, a current row) are remapped.
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &old : before) {
        const size_t row = size_t(old.row());
        const int now = row < update.rowMap.size() ? update.rowMap[row] : -1;
        after.append(now >= 0 && now < m_rows->size() ? createIndex(now, old.column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int SocketTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows->size();
}

int SocketTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SocketTableModel::rowsText(const QList<int> &rows) const
{
    QStringList lines;
    QStringList header;
    for (int column = 0; column < ColumnCount; ++column)
        header << headerData(column, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('\t'));
    for (int row : rows) {
        if (row < 0 || row >= rowCount())
            continue;
        QStringList cells;
        for (int column = 0; column < ColumnCount; ++column)
            cells << text(row, column);
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString SocketTableModel::processDetails(int row) const
{
    if (row < 0 || row >= rowCount())
        return QString();
    const ProcessInfo *info = process(record(row));
    if (!info)
        return QString();
    return tr("Process: %1\nPID: %2\nUser: %3 (uid %4)\nCommand line: %5")
        .arg(info->name)
        .arg(info->pid)
        .arg(info->user.isEmpty() ? tr("unknown") : info->user)
        .arg(info->uid)
        .arg(info->commandLine);
}

QString SocketTableModel::text(int row, int column) const
{
    return SocketCells::text(snapshot(), record(row), column);
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
        if (snapshot().hasOwners()) {
            switch (snapshot().owners().ownership(socket)) {
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
        case SocketCells::ProtocolColumn: return tr("Protocol");
        case SocketCells::FamilyColumn: return tr("Family");
        case SocketCells::StateColumn: return tr("State");
        case SocketCells::LocalColumn: return tr("Local");
        case SocketCells::RemoteColumn: return tr("Remote");
        case SocketCells::UidColumn: return tr("UID");
        case SocketCells::InodeColumn: return tr("Inode");
        case SocketCells::PidColumn: return tr("PID");
        case SocketCells::ProcessColumn: return tr("Process");
        case SocketCells::RttColumn: return tr("RTT ms");
        case SocketCells::RetransmitsColumn: return tr("Retrans");
        case SocketCells::ColumnCount: break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
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
