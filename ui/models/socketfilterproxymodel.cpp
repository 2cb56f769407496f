// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/socketfilterproxymodel.h"

#include "models/sockettablemodel.h"

#include <algorithm>
#include <compare>

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

SocketFilterProxyModel::SocketFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void SocketFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_sockets = qobject_cast<SocketTableModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void SocketFilterProxyModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

void SocketFilterProxyModel::setStateFilter(std::optional<StateKey> key)
{
    if (key == m_state)
        return;
    m_state = key;
    invalidateFilter();
}

bool SocketFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_sockets || sourceParent.isValid())
        return true;
    const SocketRecord &socket = m_sockets->record(sourceRow);
    if (m_state && (socket.protocol != m_state->protocol || socket.state != m_state->state))
        return false;
    if (m_search.isEmpty())
        return true;
    // Cells are formatted only here, one at a time, and only until one matches.
    static constexpr int searched[] = {
        SocketTableModel::LocalColumn,    SocketTableModel::RemoteColumn, SocketTableModel::StateColumn,
        SocketTableModel::ProcessColumn,  SocketTableModel::PidColumn,    SocketTableModel::ProtocolColumn,
        SocketTableModel::UidColumn,      SocketTableModel::InodeColumn,
    };
    return std::any_of(std::begin(searched), std::end(searched), [&](int column) {
        return m_sockets->text(sourceRow, column).contains(m_search, Qt::CaseInsensitive);
    });
}

bool SocketFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_sockets)
        return QSortFilterProxyModel::lessThan(left, right);
    const SocketRecord &a = m_sockets->record(left.row());
    const SocketRecord &b = m_sockets->record(right.row());
    switch (left.column()) {
    case SocketTableModel::ProtocolColumn:
        return a.protocol < b.protocol;
    case SocketTableModel::FamilyColumn:
        return a.family < b.family;
    case SocketTableModel::StateColumn:
        // Kernel numbering follows a connection's life (ESTABLISHED, SYN_SENT, ...,
        // TIME_WAIT, ..., LISTEN), which groups related states better than the alphabet.
        if (a.state != b.state)
            return a.state < b.state;
        return a.protocol < b.protocol;
    case SocketTableModel::LocalColumn:
        return compareEndpoint(a, b, false) < 0;
    case SocketTableModel::RemoteColumn:
        return compareEndpoint(a, b, true) < 0;
    case SocketTableModel::UidColumn:
        return a.uid < b.uid;
    case SocketTableModel::InodeColumn:
        return a.inode < b.inode;
    case SocketTableModel::PidColumn: {
        const ProcessInfo *pa = m_sockets->process(a);
        const ProcessInfo *pb = m_sockets->process(b);
        return (pa ? pa->pid : 0) < (pb ? pb->pid : 0);
    }
    case SocketTableModel::ProcessColumn: {
        // Named processes first (by name), then hidden owners, then kernel-held sockets.
        const ProcessInfo *pa = m_sockets->process(a);
        const ProcessInfo *pb = m_sockets->process(b);
        if (pa && pb)
            return pa->name.compare(pb->name, Qt::CaseInsensitive) < 0;
        if (pa || pb)
            return pa != nullptr;
        const Snapshot &snapshot = m_sockets->snapshot();
        if (!snapshot.hasOwners())
            return false;
        return snapshot.owners().ownership(a) < snapshot.owners().ownership(b);
    }
    case SocketTableModel::RttColumn:
        // Sockets without tcp_info sort before any measured one.
        if (a.hasTcpInfo != b.hasTcpInfo)
            return !a.hasTcpInfo;
        return a.rttUs < b.rttUs;
    case SocketTableModel::RetransmitsColumn:
        return a.retransmits < b.retransmits;
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace Sockpit
