// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/socketactions.h"

#include <csignal>

namespace Sockpit {

namespace {

// States with a connection the kernel can destroy: a 4-tuple and a full socket behind it.
// LISTEN has no peer, TIME_WAIT and NEW_SYN_RECV are minisockets SOCK_DESTROY does not
// take (tcp_abort, net/ipv4/tcp.c), and CLOSE is already gone.
bool hasConnection(SocketState state)
{
    switch (state) {
    case SocketState::Established:
    case SocketState::SynSent:
    case SocketState::FinWait1:
    case SocketState::FinWait2:
    case SocketState::CloseWait:
    case SocketState::LastAck:
    case SocketState::Closing:
        return true;
    default:
        return false;
    }
}

QString addressText(const SocketRecord &socket, bool remote)
{
    char text[64];
    const int length = socket.formatAddress(text, remote);
    return QString::fromLatin1(text, length);
}

} // namespace

SocketActions::CloseDecision SocketActions::close(const SocketRecord &socket)
{
    CloseDecision decision;
    if (socket.protocol != Protocol::Tcp) {
        decision.verdict = CloseVerdict::NotTcp;
        return decision;
    }
    if (!hasConnection(socket.state)) {
        decision.verdict = CloseVerdict::NoConnection;
        return decision;
    }
    const SocketTuple tuple{addressText(socket, false),
                            socket.localPort,
                            addressText(socket, true),
                            socket.remotePort,
                            socket.hasCookie() ? std::optional<quint64>(socket.socketCookie()) : std::nullopt,
                            socket.interfaceIndex};
    if (!HelperProtocol::checkSocketTuple(tuple)) {
        decision.verdict = CloseVerdict::UnusableEndpoints;
        return decision;
    }
    decision.verdict = CloseVerdict::Closable;
    decision.tuple = tuple;
    return decision;
}

SocketActions::TerminateDecision SocketActions::terminate(const ProcessInfo *owner, quint32 callerUid)
{
    TerminateDecision decision;
    if (!owner) {
        decision.verdict = TerminateVerdict::NoProcess;
        return decision;
    }
    decision.pid = owner->pid;
    decision.name = owner->name;
    if (owner->pid <= 1)
        decision.verdict = TerminateVerdict::NotAProcess;
    else if (owner->uid != callerUid)
        decision.verdict = TerminateVerdict::NotYours;
    else {
        decision.verdict = TerminateVerdict::Allowed;
        decision.signal = SIGTERM;
    }
    return decision;
}

} // namespace Sockpit
