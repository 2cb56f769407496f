// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/socketrecord.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace Sockpit {

class SocketTableModel;

// One protocol and state, the unit the Sockets page filters by ("TCP TIME_WAIT").
struct StateKey
{
    Protocol protocol = Protocol::Tcp;
    SocketState state = SocketState::Unknown;
    friend bool operator==(const StateKey &, const StateKey &) = default;
};

// Sorts and filters a SocketTableModel. Comparisons read the records themselves rather
// than formatted cells, so sorting 100k rows costs integer compares, not string building.
class SocketFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SocketFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;

    // Case-insensitive substring of the protocol, state, endpoints, uid, inode, pid or
    // process name; empty shows everything.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

    void setStateFilter(std::optional<StateKey> key);
    std::optional<StateKey> stateFilter() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    SocketTableModel *m_sockets = nullptr;
    QString m_search;
    std::optional<StateKey> m_state;
};

} // namespace Sockpit
