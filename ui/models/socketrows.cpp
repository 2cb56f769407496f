// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/socketrows.h"

#include "models/socketcells.h"

#include <algorithm>
#include <compare>
#include <cstring>

namespace Sockpit {

namespace {

// Orders endpoints the way a reader scans them: IPv4 before IPv6, then address bytes,
// then port.
std::strong_ordering compareEndpoint(const SocketRecord &a, const SocketRecord &b, bool remote)
{
    if (auto order = a.family <=> b.family; order != 0)
        return order;
    const auto &addressA = remote ? a.remoteAddress : a.localAddress;
    const auto &addressB = remote ? b.remoteAddress : b.localAddress;
    if (auto order = addressA <=> addressB; order != 0)
        return order;
    return remote ? a.remotePort <=> b.remotePort : a.localPort <=> b.localPort;
}

} // namespace

SocketRows::SocketRows(Snapshot snapshot, std::shared_ptr<const Keys> keys, std::vector<int> order)
    : m_snapshot(std::move(snapshot))
    , m_keys(std::move(keys))
    , m_order(std::move(order))
{
}

size_t qHash(const SocketRows::Key &key, size_t seed) noexcept
{
    // Hashed a word at a time with a multiply-xorshift mix: 100k keys per tick make a
    // byte-wise general-purpose hash the largest cost of an update. Not for untrusted
    // collisions, but the keys come from the kernel's own socket table.
    static_assert(sizeof(key.bytes) == 44);
    quint64 words[6] = {};
    std::memcpy(words, key.bytes.data(), sizeof(key.bytes));
    quint64 h = quint64(seed) ^ 0x9e3779b97f4a7c15ULL;
    for (quint64 word : words) {
        h ^= word;
        h *= 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    return size_t(h);
}

SocketRows::Key SocketRows::keyOf(const SocketRecord &socket, quint16 occurrence)
{
    Key key;
    auto *out = key.bytes.data();
    out = std::copy(socket.localAddress.begin(), socket.localAddress.end(), out);
    out = std::copy(socket.remoteAddress.begin(), socket.remoteAddress.end(), out);
    std::memcpy(out, &socket.inode, 4);
    std::memcpy(out + 4, &socket.localPort, 2);
    std::memcpy(out + 6, &socket.remotePort, 2);
    out[8] = quint8(socket.protocol) << 4 | quint8(socket.family);
    // Sockets the kernel reports twice under one identity (it happens with inode 0) stay
    // apart by their occurrence.
    std::memcpy(out + 9, &occurrence, 2);
    return key;
}

SocketRows::Keys SocketRows::keysOf(const std::vector<SocketRecord> &sockets, QHash<Key, int> *index)
{
    Keys keys;
    keys.reserve(sockets.size());
    QHash<Key, int> local;
    QHash<Key, int> &seen = index ? *index : local;
    seen.clear();
    seen.reserve(qsizetype(sockets.size()));
    for (size_t i = 0; i < sockets.size(); ++i) {
        Key key = keyOf(sockets[i], 0);
        // A twin (same identity twice in one dump, rare) takes the next free occurrence.
        for (quint16 occurrence = 1; seen.contains(key); ++occurrence)
            key = keyOf(sockets[i], occurrence);
        seen.insert(key, int(i));
        keys.push_back(key);
    }
    return keys;
}

SocketRows::Match SocketRows::match(const Snapshot &before, std::shared_ptr<const Keys> beforeKeys,
                                    const Snapshot &after)
{
    Match match;
    const std::vector<SocketRecord> &old = before.sockets();
    const std::vector<SocketRecord> &incoming = after.sockets();

    // The same snapshot again (a filter or sort change): every socket stays.
    if (&old == &incoming) {
        match.keys = beforeKeys ? std::move(beforeKeys) : std::make_shared<const Keys>(keysOf(incoming, nullptr));
        match.rowMap.resize(old.size());
        for (size_t row = 0; row < old.size(); ++row)
            match.rowMap[row] = int(row);
        return match;
    }

    QHash<Key, int> incomingIndex;
    match.keys = std::make_shared<const Keys>(keysOf(incoming, &incomingIndex));
    if (old.empty() || incoming.empty()) {
        match.stats.reset = true;
        match.stats.inserted = int(incoming.size());
        match.stats.removed = int(old.size());
        match.stats.removedRanges = old.empty() ? 0 : 1;
        return match;
    }
    if (!beforeKeys || beforeKeys->size() != old.size())
        beforeKeys = std::make_shared<const Keys>(keysOf(old, nullptr));

    match.rowMap.assign(old.size(), -1);
    std::vector<bool> matched(incoming.size(), false);
    bool previousGone = false;
    for (size_t row = 0; row < old.size(); ++row) {
        const auto it = incomingIndex.constFind((*beforeKeys)[row]);
        if (it == incomingIndex.cend()) {
            ++match.stats.removed;
            if (!previousGone)
                ++match.stats.removedRanges;
            previousGone = true;
            continue;
        }
        previousGone = false;
        const size_t now = size_t(it.value());
        match.rowMap[row] = int(now);
        matched[now] = true;
        if (std::memcmp(&incoming[now], &old[row], sizeof(SocketRecord)) != 0)
            ++match.stats.changed;
    }
    match.stats.inserted = int(std::count(matched.begin(), matched.end(), false));
    return match;
}

bool SocketRows::accepts(const Snapshot &snapshot, const SocketRecord &socket, const SocketFilter &filter)
{
    if (filter.state && (socket.protocol != filter.state->protocol || socket.state != filter.state->state))
        return false;
    if (filter.search.isEmpty())
        return true;
    // Cells are formatted only here, one at a time, and only until one matches.
    static constexpr int searched[] = {
        SocketCells::LocalColumn,   SocketCells::RemoteColumn, SocketCells::StateColumn, SocketCells::ProcessColumn,
        SocketCells::PidColumn,     SocketCells::ProtocolColumn, SocketCells::UidColumn, SocketCells::InodeColumn,
    };
    return std::any_of(std::begin(searched), std::end(searched), [&](int column) {
        return SocketCells::text(snapshot, socket, column).contains(filter.search, Qt::CaseInsensitive);
    });
}

bool SocketRows::lessThan(const Snapshot &snapshot, const SocketRecord &a, const SocketRecord &b, int column)
{
    switch (column) {
    case SocketCells::ProtocolColumn:
        return a.protocol < b.protocol;
    case SocketCells::FamilyColumn:
        return a.family < b.family;
    case SocketCells::StateColumn:
        // Kernel numbering follows a connection's life (ESTABLISHED, SYN_SENT, ...,
        // TIME_WAIT, ..., LISTEN), which groups related states better than the alphabet.
        if (a.state != b.state)
            return a.state < b.state;
        return a.protocol < b.protocol;
    case SocketCells::LocalColumn:
        return compareEndpoint(a, b, false) < 0;
    case SocketCells::RemoteColumn:
        return compareEndpoint(a, b, true) < 0;
    case SocketCells::UidColumn:
        return a.uid < b.uid;
    case SocketCells::InodeColumn:
        return a.inode < b.inode;
    case SocketCells::PidColumn: {
        const ProcessInfo *pa = SocketCells::process(snapshot, a);
        const ProcessInfo *pb = SocketCells::process(snapshot, b);
        return (pa ? pa->pid : 0) < (pb ? pb->pid : 0);
    }
    case SocketCells::ProcessColumn: {
        // Named processes first (by name), then hidden owners, then kernel-held sockets.
        const ProcessInfo *pa = SocketCells::process(snapshot, a);
        const ProcessInfo *pb = SocketCells::process(snapshot, b);
        if (pa && pb)
            return pa->name.compare(pb->name, Qt::CaseInsensitive) < 0;
        if (pa || pb)
            return pa != nullptr;
        if (!snapshot.hasOwners())
            return false;
        return snapshot.owners().ownership(a) < snapshot.owners().ownership(b);
    }
    case SocketCells::RttColumn:
        // Sockets without tcp_info sort before any measured one.
        if (a.hasTcpInfo != b.hasTcpInfo)
            return !a.hasTcpInfo;
        return a.rttUs < b.rttUs;
    case SocketCells::RetransmitsColumn:
        return a.retransmits < b.retransmits;
    default:
        return false;
    }
}

std::vector<int> SocketRows::order(const Snapshot &snapshot, const SocketFilter &filter)
{
    const std::vector<SocketRecord> &sockets = snapshot.sockets();
    std::vector<int> rows;
    rows.reserve(sockets.size());
    const bool everything = !filter.state && filter.search.isEmpty();
    for (size_t row = 0; row < sockets.size(); ++row)
        if (everything || accepts(snapshot, sockets[row], filter))
            rows.push_back(int(row));
    const int column = filter.sortColumn;
    if (column < 0 || column >= SocketCells::ColumnCount)
        return rows;
    // Stable, as a sorted view was before: equal rows keep the kernel's order.
    const auto less = [&](int a, int b) { return lessThan(snapshot, sockets[size_t(a)], sockets[size_t(b)], column); };
    if (filter.sortOrder == Qt::AscendingOrder)
        std::stable_sort(rows.begin(), rows.end(), less);
    else
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) { return less(b, a); });
    return rows;
}

std::vector<int> SocketRows::inverseOf(const std::vector<int> &order, size_t sockets)
{
    std::vector<int> inverse(sockets, -1);
    for (size_t row = 0; row < order.size(); ++row)
        inverse[size_t(order[row])] = int(row);
    return inverse;
}

} // namespace Sockpit
