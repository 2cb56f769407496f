// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/socketrecord.h"

#include <QString>

#include <optional>

namespace Sockpit {

// One protocol and state, the unit the Sockets page filters by ("TCP TIME_WAIT").
struct StateKey
{
    Protocol protocol = Protocol::Tcp;
    SocketState state = SocketState::Unknown;
    friend bool operator==(const StateKey &, const StateKey &) = default;
};

// What the Sockets table shows of a snapshot: which sockets, in which order.
struct SocketFilter
{
    QString search; // trimmed; case-insensitive substring of a searched cell
    std::optional<StateKey> state;
    int sortColumn = -1; // -1: the kernel's order
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    friend bool operator==(const SocketFilter &, const SocketFilter &) = default;
};

} // namespace Sockpit
