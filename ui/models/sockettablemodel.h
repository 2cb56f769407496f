// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/snapshot.h"

#include <QAbstractTableModel>

namespace Sockpit {

// Every socket of one snapshot, one row each. Rows are the snapshot's own vector: no copy
// and no per-row strings; data() formats the one cell the view asks for.
class SocketTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ProtocolColumn,
        FamilyColumn,
        StateColumn,
        LocalColumn,
        RemoteColumn,
        UidColumn,
        InodeColumn,
        PidColumn,
        ProcessColumn,
        RttColumn,
        RetransmitsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit SocketTableModel(QObject *parent = nullptr);

    // Replaces every row (a model reset: views keep their sorting, not their selection).
    void setSnapshot(const Snapshot &snapshot);
    const Snapshot &snapshot() const { return m_snapshot; }
    const SocketRecord &record(int row) const { return m_snapshot.sockets()[size_t(row)]; }

    // The text a cell shows; the filter proxy searches the same text.
    QString text(int row, int column) const;
    // The first process holding the socket; nullptr when owners were not sampled or none.
    const ProcessInfo *process(const SocketRecord &socket) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString ownerText(const SocketRecord &socket) const;
    QString toolTip(const SocketRecord &socket, int column) const;

    Snapshot m_snapshot;
};

} // namespace Sockpit
