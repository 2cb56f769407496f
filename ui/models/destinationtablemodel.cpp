// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/destinationtablemodel.h"

#include "models/socketformat.h"

namespace Sockpit {

DestinationTableModel::DestinationTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString DestinationTableModel::destinationText(const DestinationUsage &destination)
{
    // formatEndpoint knows IPv4, IPv6 and bracket rules; borrow it through a record.
    SocketRecord record;
    record.family = destination.family;
    record.remoteAddress = destination.address;
    record.remotePort = destination.port;
    char buffer[64];
    const int length = record.formatEndpoint(buffer, true);
    return QString::fromLatin1(buffer, length);
}

void DestinationTableModel::setUsage(const EphemeralUsage &usage)
{
    // A few hundred destinations at most: a reset is cheaper than matching rows.
    beginResetModel();
    m_rows = usage.destinations;
    endResetModel();
}

int DestinationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DestinationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DestinationTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return QVariant();
    const DestinationUsage &row = m_rows[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case DestinationColumn: return destinationText(row);
        case SocketsColumn: return SocketFormat::count(row.sockets);
        case TimeWaitColumn: return SocketFormat::count(row.timeWait);
        case ShareColumn: return SocketFormat::percent(row.share);
        case ColumnCount: break;
        }
    } else if (role == SortRole) {
        switch (Column(index.column())) {
        case DestinationColumn: return destinationText(row);
        case SocketsColumn: return row.sockets;
        case TimeWaitColumn: return row.timeWait;
        case ShareColumn: return row.share;
        case ColumnCount: break;
        }
    } else if (role == Qt::TextAlignmentRole && index.column() != DestinationColumn) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    return QVariant();
}

QVariant DestinationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case DestinationColumn: return tr("Destination");
        case SocketsColumn: return tr("Sockets");
        case TimeWaitColumn: return tr("TIME_WAIT");
        case ShareColumn: return tr("Share of ports");
        case ColumnCount: break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case SocketsColumn: return tr("TCP sockets toward this destination holding a local port in the ephemeral range");
        case ShareColumn:
            return tr("Sockets toward this destination against usable ephemeral ports: at 100% connect() fails "
                      "with EADDRNOTAVAIL");
        default: break;
        }
    }
    return QVariant();
}

} // namespace Sockpit
