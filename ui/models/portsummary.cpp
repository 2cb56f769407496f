// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/portsummary.h"

#include "models/socketformat.h"

#include <algorithm>
#include <vector>

namespace Sockpit {

PortRangeSplit PortRangeSplit::from(const EphemeralUsage &usage)
{
    PortRangeSplit split;
    split.size = usage.config.range.size();
    if (split.size == 0)
        return split;
    // Counted in ports, not sockets: sockets toward different destinations share local
    // ports, so socket counts can exceed the range. A port held by any live socket is in
    // use; one held only by TIME_WAIT sockets comes back within 60 s; free ports are the
    // usable ones no socket holds. The four parts add up to the range.
    split.timeWait = std::max(0, usage.timeWaitOnlyPorts);
    split.active = std::max(0, usage.distinctPorts - split.timeWait);
    split.reserved = std::max(0, split.size - usage.usable);
    split.free = std::max(0, usage.usable - usage.distinctPorts);
    return split;
}

QString PortSummary::verdictText(BindVerdict verdict)
{
    switch (verdict) {
    case BindVerdict::Free: return tr("free: bind() on the wildcard address would succeed");
    case BindVerdict::Listening: return tr("taken: a listener holds it");
    case BindVerdict::Bound: return tr("taken: a socket is bound to it");
    case BindVerdict::TimeWait: return tr("blocked by TIME_WAIT sockets until they expire");
    case BindVerdict::Privileged: return tr("privileged: below ip_unprivileged_port_start");
    }
    return QString();
}

QString PortSummary::describe(const PortReport &report)
{
    QStringList lines;
    lines << tr("Port %1, TCP: %2").arg(report.port).arg(verdictText(report.tcp.verdict));
    if (!report.tcp.reason.isEmpty())
        lines << report.tcp.reason;
    QStringList notes;
    if (report.inEphemeralRange)
        notes << tr("inside the ephemeral range: connect() may hand it out");
    if (report.reserved)
        notes << tr("reserved (ip_local_reserved_ports)");
    if (report.privileged)
        notes << tr("privileged");
    if (!notes.isEmpty())
        lines << notes.join(QStringLiteral("; "));
    const auto userLine = [](const PortUser &user) {
        char buffer[64];
        const int length = user.socket.formatEndpoint(buffer, false);
        const QString endpoint = QString::fromLatin1(buffer, length);
        const QString state = SocketFormat::stateLabel(user.socket.protocol, user.socket.state);
        QString owner;
        if (user.process)
            owner = tr("%1 (pid %2)").arg(user.process->name).arg(user.process->pid);
        else if (user.ownership == Ownership::Hidden)
            owner = tr("a process of another user");
        else
            owner = tr("the kernel");
        return tr("  %1 %2 %3 — %4").arg(SocketFormat::protocolLabel(user.socket.protocol), state, endpoint, owner);
    };
    lines << tr("Listeners: %1").arg(report.listeners.size());
    for (const PortUser &user : report.listeners)
        lines << userLine(user);
    lines << tr("Other sockets on this local port: %1").arg(report.connections.size());
    const size_t shown = std::min<size_t>(report.connections.size(), 20);
    for (size_t i = 0; i < shown; ++i)
        lines << userLine(report.connections[i]);
    if (report.connections.size() > shown)
        lines << tr("  … and %1 more").arg(report.connections.size() - shown);
    return lines.join(QLatin1Char('\n'));
}

std::optional<quint16> PortSummary::suggestFreePort(const Snapshot &snapshot, quint16 from)
{
    std::vector<bool> used(65536, false);
    for (const SocketRecord &socket : snapshot.sockets())
        used[socket.localPort] = true;
    const EphemeralConfig &config = snapshot.ephemeral().config;
    const int lowest = std::max<int>(config.unprivilegedPortStart, 1024);
    for (int step = 1; step <= 65535; ++step) {
        int port = from + step;
        if (port > 65535)
            port = lowest + (port - 65536) % (65536 - lowest);
        const auto candidate = quint16(port);
        if (port < lowest || used[candidate] || config.range.contains(candidate) || config.isReserved(candidate))
            continue;
        return candidate;
    }
    return std::nullopt;
}

} // namespace Sockpit
