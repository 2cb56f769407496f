// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/portinquiry.h"

#include <QCoreApplication>

#include <optional>

namespace Sockpit {

// The ephemeral range split the way the Ports page's bar draws it, in ports.
struct PortRangeSplit
{
    int size = 0;     // ports in ip_local_port_range
    int active = 0;   // sockets in the range, not in TIME_WAIT
    int timeWait = 0; // sockets in the range waiting in TIME_WAIT
    int reserved = 0; // ip_local_reserved_ports inside the range
    int free = 0;     // usable ports no socket holds

    static PortRangeSplit from(const EphemeralUsage &usage);
};

// Text for the Ports page's "Who uses port N?" box, from core's inquirePort.
class PortSummary
{
    Q_DECLARE_TR_FUNCTIONS(PortSummary)
public:
    static QString verdictText(BindVerdict verdict);
    // Listeners and connections by process, then what bind() would say.
    static QString describe(const PortReport &report);
    // A port above `from` that no socket of the snapshot holds, outside the ephemeral
    // range (where connect() could take it) and the reserved and privileged ports.
    static std::optional<quint16> suggestFreePort(const Snapshot &snapshot, quint16 from);
};

} // namespace Sockpit
