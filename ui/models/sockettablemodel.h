// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/snapshot.h"

#include <QAbstractTableModel>
#include <QHash>

#include <array>
#include <memory>
#include <vector>

namespace Sockpit {

// Every socket of a snapshot, one row each in the kernel's order, with no per-row strings:
// data() formats the one cell the view asks for. A new snapshot is matched against the
// previous one by socket identity (protocol, family, both endpoints, inode); the match,
// hashing every socket, is the costly part of an update, so it is a pure function, diff(),
// that may run on any thread, and apply() only swaps its result in: one layout change
// whose persistent-index remap keeps the views' selection and current row on their
// sockets, never per-row insert or remove signals.
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

    // A socket's identity across snapshots.
    struct Key
    {
        std::array<quint8, 44> bytes{};
        friend bool operator==(const Key &, const Key &) = default;
    };
    using Keys = std::vector<Key>;

    // What one update did, for tests and the benchmark.
    struct UpdateStats
    {
        int removed = 0;
        int removedRanges = 0; // runs of consecutive removed rows
        int changed = 0;
        int inserted = 0;
        bool reset = false;
    };

    // A prepared update: the new rows and where each current row goes.
    struct Update
    {
        Snapshot snapshot;
        std::shared_ptr<const Keys> keys; // of snapshot's rows; null when not computed yet
        std::vector<int> rowMap; // current row -> new row, -1 when the socket is gone; empty on reset
        UpdateStats stats;
    };

    explicit SocketTableModel(QObject *parent = nullptr);

    // Pure and thread-safe: matches after's sockets with before's. beforeKeys may be null
    // (then they are computed here). The same snapshot on both sides maps every row to itself.
    static Update diff(const Snapshot &before, std::shared_ptr<const Keys> beforeKeys, const Snapshot &after);
    // Swaps a prepared update in: a reset from or to an empty table, else one layout change.
    void apply(Update update);
    // diff() and apply() on the calling thread.
    void setSnapshot(const Snapshot &snapshot);

    const Snapshot &snapshot() const { return m_snapshot; }
    const std::shared_ptr<const Keys> &keys() const { return m_keys; }
    const SocketRecord &record(int row) const { return m_snapshot.sockets()[size_t(row)]; }
    // Where each row of the previous snapshot went in the last apply(); empty after a reset.
    // Proxies read it while they handle layoutChanged().
    const std::vector<int> &lastRowMap() const { return m_rowMap; }
    UpdateStats lastUpdate() const { return m_lastUpdate; }

    // Tab-separated rows with a header line, as "Copy rows" puts them on the clipboard.
    QString rowsText(const QList<int> &rows) const;
    // Name, pid, user and command line of the process holding the socket; empty if none.
    QString processDetails(int row) const;

    // The text a cell shows; the filter proxy searches the same text.
    QString text(int row, int column) const;
    // The same, for any snapshot; thread-safe (the worker that filters calls it).
    static QString cellText(const Snapshot &snapshot, const SocketRecord &socket, int column);
    // The first process holding the socket; nullptr when owners were not sampled or none.
    const ProcessInfo *process(const SocketRecord &socket) const { return process(m_snapshot, socket); }
    static const ProcessInfo *process(const Snapshot &snapshot, const SocketRecord &socket);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QString ownerText(const Snapshot &snapshot, const SocketRecord &socket);
    QString toolTip(const SocketRecord &socket, int column) const;

    friend size_t qHash(const Key &key, size_t seed) noexcept;
    static Key keyOf(const SocketRecord &socket, quint16 occurrence);
    static Keys keysOf(const std::vector<SocketRecord> &sockets, QHash<Key, int> *index);

    Snapshot m_snapshot;
    std::shared_ptr<const Keys> m_keys;
    std::vector<int> m_rowMap;
    UpdateStats m_lastUpdate;
};

} // namespace Sockpit
