// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/portinquiry.h"

#include "base/systemerror.h"
#include "base/uniquefd.h"

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Sockpit {

namespace {

QString describeHolder(const PortUser &user)
{
    char endpoint[64];
    const int length = user.socket.formatEndpoint(endpoint, false);
    const QString where = QString::fromLatin1(endpoint, length);
    switch (user.ownership) {
    case Ownership::Process:
        return QStringLiteral("%1 (pid %2) on %3").arg(user.process->name).arg(user.process->pid).arg(where);
    case Ownership::Hidden:
        return QStringLiteral("a process of uid %1 that only root can see, on %2").arg(user.socket.uid).arg(where);
    case Ownership::Kernel:
        break;
    }
    return QStringLiteral("a socket with no owning process on %1").arg(where);
}

PortUser makeUser(const Snapshot &snapshot, const SocketRecord &socket)
{
    PortUser user;
    user.socket = socket;
    user.ownership = snapshot.hasOwners() ? snapshot.owners().ownership(socket)
                                          : (socket.inode == 0 ? Ownership::Kernel : Ownership::Hidden);
    if (user.ownership == Ownership::Process)
        user.process = *snapshot.owners().owner(socket.inode);
    return user;
}

} // namespace

PortReport inquirePort(const Snapshot &snapshot, quint16 port, bool bindAllowedBelowStart)
{
    PortReport report;
    report.port = port;
    const EphemeralConfig &config = snapshot.ephemeral().config;
    report.inEphemeralRange = config.range.contains(port);
    report.reserved = config.isReserved(port);
    report.privileged = port < config.unprivilegedPortStart;

    const PortUser *tcpListener = nullptr;
    const PortUser *tcpBound = nullptr;
    int tcpTimeWait = 0;
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (socket.localPort != port)
            continue;
        const bool listening = socket.state == SocketState::Listen
                               || (socket.protocol == Protocol::Udp && socket.state == SocketState::Close);
        (listening ? report.listeners : report.connections).push_back(makeUser(snapshot, socket));
    }
    for (const PortUser &user : report.listeners) {
        if (user.socket.protocol == Protocol::Tcp && !tcpListener)
            tcpListener = &user;
    }
    for (const PortUser &user : report.connections) {
        if (user.socket.protocol != Protocol::Tcp)
            continue;
        if (user.socket.state == SocketState::TimeWait)
            ++tcpTimeWait;
        else if (!tcpBound)
            tcpBound = &user;
    }

    // The order is the kernel's: the privilege check in inet_bind() comes before the
    // port lookup in inet_csk_get_port().
    if (report.privileged && !bindAllowedBelowStart) {
        report.tcp = {BindVerdict::Privileged,
                      QStringLiteral("port %1 is below net.ipv4.ip_unprivileged_port_start (%2): only root or "
                                     "CAP_NET_BIND_SERVICE may bind it")
                          .arg(port)
                          .arg(config.unprivilegedPortStart)};
    } else if (tcpListener) {
        report.tcp = {BindVerdict::Listening, QStringLiteral("held by %1, listening").arg(describeHolder(*tcpListener))};
    } else if (tcpBound) {
        report.tcp = {BindVerdict::Bound,
                      QStringLiteral("held by %1 (%2)")
                          .arg(describeHolder(*tcpBound), QLatin1StringView(stateName(tcpBound->socket.state).data()))};
    } else if (tcpTimeWait > 0) {
        report.tcp = {BindVerdict::TimeWait,
                      QStringLiteral("%1 socket(s) in TIME_WAIT hold it: bind() fails until they expire (60 s "
                                     "after the close), unless both they and the new socket set SO_REUSEADDR")
                          .arg(tcpTimeWait)};
    } else {
        report.tcp = {BindVerdict::Free, QStringLiteral("free: no TCP socket holds it")};
    }
    return report;
}

BindAnswer tryBindNow(quint16 port, bool reuseAddress, const PortReport &context)
{
    UniqueFd socket(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const bool v6 = socket.isValid();
    if (!v6)
        socket.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!socket)
        return {BindVerdict::Bound, QStringLiteral("cannot create a socket to test: %1").arg(errnoText(errno))};
    const int fd = socket.get();
    const int on = 1;
    const int off = 0;
    if (reuseAddress)
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    int result;
    if (v6) {
        // Dual-stack, as a server binding [::] gets by default: it conflicts with IPv4 too.
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(port);
        address.sin6_addr = in6addr_any;
        result = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    } else {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_ANY);
        result = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    }
    const int error = errno;
    socket.reset();
    if (result == 0)
        return {BindVerdict::Free, QStringLiteral("bind() succeeded just now")};
    if (error == EACCES || error == EPERM)
        return {BindVerdict::Privileged, QStringLiteral("bind() refused: %1").arg(errnoText(error))};
    if (error == EADDRINUSE) {
        // The kernel only says "in use"; the snapshot says by whom.
        BindAnswer answer = context.tcp;
        if (answer.verdict == BindVerdict::Free || answer.verdict == BindVerdict::Privileged)
            answer = {BindVerdict::Bound, QStringLiteral("bind() failed: address in use by a socket not in the snapshot")};
        else
            answer.reason = QStringLiteral("bind() failed: address in use; ") + answer.reason;
        return answer;
    }
    return {BindVerdict::Bound, QStringLiteral("bind() failed: %1").arg(errnoText(error))};
}

} // namespace Sockpit
