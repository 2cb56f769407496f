// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/ephemeral.h"

#include <QAbstractTableModel>

namespace Sockpit {

// One row per destination (remote address and port) of outgoing TCP connections, busiest
// first: how many local ports each takes, how many of those wait in TIME_WAIT, and the
// share of the usable ephemeral ports, which is where exhaustion starts.
class DestinationTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { DestinationColumn, SocketsColumn, TimeWaitColumn, ShareColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit DestinationTableModel(QObject *parent = nullptr);

    void setUsage(const EphemeralUsage &usage);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString destinationText(const DestinationUsage &destination);

private:
    std::vector<DestinationUsage> m_rows;
};

} // namespace Sockpit
