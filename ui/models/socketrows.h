// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/socketfilter.h"
#include "sampling/snapshot.h"

#include <QHash>

#include <array>
#include <memory>
#include <vector>

namespace Sockpit {

// The rows the Sockets table shows: a snapshot, the identity of each of its sockets, and
// the shown order (table row -> socket of the snapshot) for one filter and sort. A value,
// immutable once built and cheap to copy (its parts are shared), so the worker that
// prepares it hands it to the GUI thread whole.
//
// The static functions are the table's rules, pure and thread-safe: which socket is which
// across two snapshots (match), which sockets a filter keeps (accepts) and in what order
// (lessThan, order). They compare records, never formatted cells, except for a search.
class SocketRows
{
public:
    // A socket's identity across snapshots: protocol, family, both endpoints, inode.
    struct Key
    {
        std::array<quint8, 44> bytes{};
        friend bool operator==(const Key &, const Key &) = default;
    };
    using Keys = std::vector<Key>;

    // What one update did to the sockets, for tests and the benchmark.
    struct Stats
    {
        int removed = 0;
        int removedRanges = 0; // runs of consecutive removed sockets
        int changed = 0;
        int inserted = 0;
        bool reset = false; // from or to an empty snapshot
    };

    // Which socket of after each socket of before is.
    struct Match
    {
        std::shared_ptr<const Keys> keys; // of after's sockets
        std::vector<int> rowMap;          // before's socket -> after's, -1 when gone; empty on reset
        Stats stats;
    };

    // What a model is handed: the new rows, and where each row it shows now goes.
    struct Update
    {
        std::shared_ptr<const SocketRows> rows;
        std::vector<int> rowMap; // shown row -> new row, -1 when gone or filtered out; unused on reset
        Stats stats;
        bool reset = false; // nothing to keep: the table was or becomes empty
    };

    SocketRows() = default;
    SocketRows(Snapshot snapshot, std::shared_ptr<const Keys> keys, std::vector<int> order);

    const Snapshot &snapshot() const { return m_snapshot; }
    // Null until computed (a first snapshot shown at once has none yet).
    const std::shared_ptr<const Keys> &keys() const { return m_keys; }
    const std::vector<int> &order() const { return m_order; }
    int size() const { return int(m_order.size()); }
    // The record shown in table row ROW (0 <= ROW < size()).
    const SocketRecord &record(int row) const { return m_snapshot.sockets()[size_t(m_order[size_t(row)])]; }
    bool holds(const Snapshot &snapshot) const { return sameSockets(m_snapshot, snapshot); }

    // Snapshots share their data: the same socket vector means the same snapshot.
    static bool sameSockets(const Snapshot &a, const Snapshot &b) { return &a.sockets() == &b.sockets(); }

    // Matches after's sockets with before's. beforeKeys may be null (then they are computed
    // here). The same snapshot on both sides maps every socket to itself.
    static Match match(const Snapshot &before, std::shared_ptr<const Keys> beforeKeys, const Snapshot &after);
    static bool accepts(const Snapshot &snapshot, const SocketRecord &socket, const SocketFilter &filter);
    static bool lessThan(const Snapshot &snapshot, const SocketRecord &a, const SocketRecord &b, int column);
    // The sockets of snapshot that pass the filter, in its sort order.
    static std::vector<int> order(const Snapshot &snapshot, const SocketFilter &filter);
    // order's inverse: socket -> table row, -1 when filtered out.
    static std::vector<int> inverseOf(const std::vector<int> &order, size_t sockets);

private:
    friend size_t qHash(const Key &key, size_t seed) noexcept;
    static Key keyOf(const SocketRecord &socket, quint16 occurrence);
    static Keys keysOf(const std::vector<SocketRecord> &sockets, QHash<Key, int> *index);

    Snapshot m_snapshot;
    std::shared_ptr<const Keys> m_keys;
    std::vector<int> m_order;
};

} // namespace Sockpit
