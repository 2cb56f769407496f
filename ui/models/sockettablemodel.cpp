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

SocketTableModel::Keys SocketTableModel::keysOf(const std::vector<SocketRecord> &sockets, QHash<Key, int> *index)
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

SocketTableModel::Update SocketTableModel::diff(const Snapshot &before, std::shared_ptr<const Keys> beforeKeys,
                                                const Snapshot &after)
{
    Update update;
    update.snapshot = after;
    const std::vector<SocketRecord> &old = before.sockets();
    const std::vector<SocketRecord> &incoming = after.sockets();

    // The same snapshot again (a filter or sort change): every row stays.
    if (&old == &incoming) {
        update.keys = beforeKeys ? std::move(beforeKeys) : std::make_shared<const Keys>(keysOf(incoming, nullptr));
        update.rowMap.resize(old.size());
        for (size_t row = 0; row < old.size(); ++row)
            update.rowMap[row] = int(row);
        return update;
    }

    QHash<Key, int> incomingIndex;
    update.keys = std::make_shared<const Keys>(keysOf(incoming, &incomingIndex));
    if (old.empty() || incoming.empty()) {
        update.stats.reset = true;
        update.stats.inserted = int(incoming.size());
        update.stats.removed = int(old.size());
        update.stats.removedRanges = old.empty() ? 0 : 1;
        return update;
    }
    if (!beforeKeys || beforeKeys->size() != old.size())
        beforeKeys = std::make_shared<const Keys>(keysOf(old, nullptr));

    update.rowMap.assign(old.size(), -1);
    std::vector<bool> matched(incoming.size(), false);
    bool previousGone = false;
    for (size_t row = 0; row < old.size(); ++row) {
        const auto it = incomingIndex.constFind((*beforeKeys)[row]);
        if (it == incomingIndex.cend()) {
            ++update.stats.removed;
            if (!previousGone)
                ++update.stats.removedRanges;
            previousGone = true;
            continue;
        }
        previousGone = false;
        const size_t now = size_t(it.value());
        update.rowMap[row] = int(now);
        matched[now] = true;
        if (std::memcmp(&incoming[now], &old[row], sizeof(SocketRecord)) != 0)
            ++update.stats.changed;
    }
    update.stats.inserted = int(std::count(matched.begin(), matched.end(), false));
    return update;
}

void SocketTableModel::apply(Update update)
{
    m_lastUpdate = update.stats;
    if (&update.snapshot.sockets() == &m_snapshot.sockets()) {
        // The same snapshot (a proxy's filter or sort changed): no row moves; keep the
        // keys if they were computed.
        if (update.keys)
            m_keys = std::move(update.keys);
        return;
    }
    if (update.stats.reset || m_snapshot.sockets().empty() || update.snapshot.sockets().empty()) {
        m_lastUpdate.reset = true;
        beginResetModel();
        m_snapshot = std::move(update.snapshot);
        m_keys = std::move(update.keys);
        m_rowMap.clear();
        endResetModel();
        return;
    }
    // The hint tells the horizontal header that no column moved.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_snapshot = std::move(update.snapshot);
    m_keys = std::move(update.keys);
    m_rowMap = std::move(update.rowMap);
    // Only the indexes somebody holds (a selection, a current row) are remapped.
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &old : before) {
        const size_t row = size_t(old.row());
        const int now = row < m_rowMap.size() ? m_rowMap[row] : -1;
        after.append(now >= 0 ? index(now, old.column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void SocketTableModel::setSnapshot(const Snapshot &snapshot)
{
    apply(diff(m_snapshot, m_keys, snapshot));
}

int SocketTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshot.sockets().size());
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

const ProcessInfo *SocketTableModel::process(const Snapshot &snapshot, const SocketRecord &socket)
{
    if (!snapshot.hasOwners() || socket.inode == 0)
        return nullptr;
    return snapshot.owners().owner(socket.inode);
}

QString SocketTableModel::ownerText(const Snapshot &snapshot, const SocketRecord &socket)
{
    if (!snapshot.hasOwners())
        return QString();
    switch (snapshot.owners().ownership(socket)) {
    case Ownership::Process:
        if (const ProcessInfo *info = process(snapshot, socket))
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
    return cellText(m_snapshot, record(row), column);
}

QString SocketTableModel::cellText(const Snapshot &snapshot, const SocketRecord &socket, int column)
{
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
        if (const ProcessInfo *info = process(snapshot, socket))
            return QString::number(info->pid);
        return QString();
    case ProcessColumn:
        return ownerText(snapshot, socket);
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
