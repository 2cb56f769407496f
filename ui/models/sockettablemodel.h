// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/snapshot.h"

#include <QAbstractTableModel>
#include <QHash>

#include <array>
#include <vector>

namespace Sockpit {

// Every socket of the latest snapshot, one row each, with no per-row strings: data()
// formats the one cell the view asks for. A socket keeps its row from one snapshot to the
// next (identity: protocol, family, both endpoints, inode), so a new snapshot becomes row
// removals, in-place changes and appended rows rather than a reset: the views keep their
// selection, current row and scroll position, and the sort proxy only re-sorts what moved.
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

    // Brings the rows to this snapshot's sockets with the fewest row signals.
    void setSnapshot(const Snapshot &snapshot);
    const Snapshot &snapshot() const { return m_snapshot; }
    const SocketRecord &record(int row) const { return m_rows[size_t(row)]; }

    // What the last setSnapshot() did, for tests and the benchmark.
    struct UpdateStats
    {
        int removed = 0;
        int removedRanges = 0;
        int changed = 0;
        int inserted = 0;
        bool reset = false;
        bool relaidOut = false; // too many scattered removals: one layout change instead
    };
    UpdateStats lastUpdate() const { return m_lastUpdate; }

    // Tab-separated rows with a header line, as "Copy rows" puts them on the clipboard.
    QString rowsText(const QList<int> &rows) const;
    // Name, pid, user and command line of the process holding the socket; empty if none.
    QString processDetails(int row) const;

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

    struct Key
    {
        std::array<quint8, 44> bytes{};
        friend bool operator==(const Key &, const Key &) = default;
    };
    friend size_t qHash(const Key &key, size_t seed) noexcept;
    static Key keyOf(const SocketRecord &socket, quint16 occurrence);
    static std::vector<Key> keysOf(const std::vector<SocketRecord> &sockets, QHash<Key, int> &index);

    Snapshot m_snapshot;
    std::vector<SocketRecord> m_rows;
    std::vector<Key> m_keys; // parallel to m_rows
    UpdateStats m_lastUpdate;
};

} // namespace Sockpit
