// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/snapshot.h"

#include <QCoreApplication>
#include <QString>

namespace Sockpit {

// The Sockets table's columns and the text of each cell, for any snapshot. Pure and
// thread-safe: the worker that filters searches this text, and the model shows it, so a
// search matches exactly what a row reads.
class SocketCells
{
    Q_DECLARE_TR_FUNCTIONS(SocketCells)
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

    static QString text(const Snapshot &snapshot, const SocketRecord &socket, int column);
    // The first process holding the socket; nullptr when owners were not sampled or none.
    static const ProcessInfo *process(const Snapshot &snapshot, const SocketRecord &socket);

private:
    static QString ownerText(const Snapshot &snapshot, const SocketRecord &socket);
};

} // namespace Sockpit
