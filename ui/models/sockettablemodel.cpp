// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sockettablemodel.h"

#include "models/socketformat.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <cstring>

namespace Sockpit {

SocketTableModel::SocketTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

size_t qHash(const SocketTableModel::Key &key, size_t seed) noexcept
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

SocketTableModel::Key SocketTableModel::keyOf(const SocketRecord &socket, quint16 occurrence)
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

std::vector<SocketTableModel::Key> SocketTableModel::keysOf(const std::vector<SocketRecord> &sockets,
                                                            QHash<Key, int> &index)
{
    std::vector<Key> keys;
    keys.reserve(sockets.size());
    index.clear();
    index.reserve(qsizetype(sockets.size()));
    for (size_t i = 0; i < sockets.size(); ++i) {
        Key key = keyOf(sockets[i], 0);
        // A twin (same identity twice in one dump, rare) takes the next free occurrence.
        for (quint16 occurrence = 1; index.contains(key); ++occurrence)
            key = keyOf(sockets[i], occurrence);
        index.insert(key, int(i));
        keys.push_back(key);
    }
    return keys;
}

void SocketTableModel::setSnapshot(const Snapshot &snapshot)
{
    m_lastUpdate = UpdateStats();
    const std::vector<SocketRecord> &incoming = snapshot.sockets();
    QHash<Key, int> incomingIndex;
    std::vector<Key> incomingKeys = keysOf(incoming, incomingIndex);
    m_snapshot = snapshot;

    if (m_rows.empty() || incoming.empty()) {
        beginResetModel();
        m_rows = incoming;
        m_keys = std::move(incomingKeys);
        endResetModel();
        m_lastUpdate.reset = true;
        m_lastUpdate.inserted = int(m_rows.size());
        return;
    }

    // 1. Rows that stay take the new values in place; rows that go are marked.
    std::vector<bool> matched(incoming.size(), false);
    std::vector<bool> gone(m_rows.size(), false);
    int firstChanged = -1;
    int lastChanged = -1;
    for (size_t row = 0; row < m_rows.size(); ++row) {
        const auto it = incomingIndex.constFind(m_keys[row]);
        if (it == incomingIndex.cend()) {
            gone[row] = true;
            ++m_lastUpdate.removed;
            continue;
        }
        matched[size_t(it.value())] = true;
        const SocketRecord &fresh = incoming[size_t(it.value())];
        if (std::memcmp(&fresh, &m_rows[row], sizeof(SocketRecord)) != 0) {
            m_rows[row] = fresh;
            ++m_lastUpdate.changed;
            if (firstChanged < 0)
                firstChanged = int(row);
            lastChanged = int(row);
        }
    }
    // One span for every change: the proxy looks at each row in it once, which costs less
    // than thousands of single-row signals. Owners may have changed for any row too.
    if (m_snapshot.hasOwners() && !m_rows.empty()) {
        firstChanged = 0;
        lastChanged = int(m_rows.size()) - 1;
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    // 2. Removals, as contiguous ranges from the back so earlier rows keep their numbers.
    std::vector<std::pair<int, int>> ranges; // first, last
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!gone[size_t(row)])
            continue;
        if (!ranges.empty() && ranges.back().first == row + 1)
            ranges.back().first = row;
        else
            ranges.emplace_back(row, row);
    }
    m_lastUpdate.removedRanges = int(ranges.size());
    // Each removal signal costs the proxy a pass over its mapping; past a few dozen
    // ranges one layout change is cheaper.
    constexpr size_t MaxRemovalSignals = 32;
    if (ranges.size() <= MaxRemovalSignals) {
        for (const auto &[first, last] : ranges) {
            beginRemoveRows(QModelIndex(), first, last);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
            m_keys.erase(m_keys.begin() + first, m_keys.begin() + last + 1);
            endRemoveRows();
        }
    } else {
        m_lastUpdate.relaidOut = true;
        Q_EMIT layoutAboutToBeChanged();
        std::vector<int> newRow(m_rows.size(), -1);
        size_t kept = 0;
        for (size_t row = 0; row < m_rows.size(); ++row) {
            if (gone[row])
                continue;
            newRow[row] = int(kept);
            m_rows[kept] = m_rows[row];
            m_keys[kept] = m_keys[row];
            ++kept;
        }
        m_rows.resize(kept);
        m_keys.resize(kept);
        const QModelIndexList before = persistentIndexList();
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &old : before) {
            const int row = old.row() >= 0 && size_t(old.row()) < newRow.size() ? newRow[size_t(old.row())] : -1;
            after.append(row >= 0 ? index(row, old.column()) : QModelIndex());
        }
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged();
    }

    // 3. New sockets, appended in the kernel's order in one block.
    int fresh = 0;
    for (bool isMatched : matched)
        fresh += isMatched ? 0 : 1;
    if (fresh > 0) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + fresh - 1);
        m_rows.reserve(m_rows.size() + size_t(fresh));
        for (size_t i = 0; i < incoming.size(); ++i) {
            if (matched[i])
                continue;
            m_rows.push_back(incoming[i]);
            m_keys.push_back(incomingKeys[i]);
        }
        endInsertRows();
    }
    m_lastUpdate.inserted = fresh;
}

int SocketTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
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
