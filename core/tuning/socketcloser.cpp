// SPDX-License-Identifier: GPL-3.0-or-later
#include "socketcloser.h"

#include <QFile>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Sockpit {

namespace {

struct Address
{
    int family = AF_UNSPEC;
    quint32 words[4] = {};
};

bool parseAddress(const QString &text, Address &address)
{
    const QByteArray latin = text.toLatin1();
    if (::inet_pton(AF_INET, latin.constData(), address.words) == 1) {
        address.family = AF_INET;
        return true;
    }
    if (::inet_pton(AF_INET6, latin.constData(), address.words) == 1) {
        address.family = AF_INET6;
        return true;
    }
    return false;
}

} // namespace

Result<void> destroyTcpSocket(const SocketTuple &socket)
{
    Address local, remote;
    if (!parseAddress(socket.localAddress, local) || !parseAddress(socket.remoteAddress, remote)
        || local.family != remote.family)
        return Error{QStringLiteral("\"%1\" and \"%2\" are not two addresses of one family")
                         .arg(socket.localAddress, socket.remoteAddress),
                     EINVAL};

    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } message{};
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DESTROY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    message.header.nlmsg_seq = 1;
    message.request.sdiag_family = quint8(local.family);
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = ~0u;
    // inet_diag_find_one_icsk() looks the socket up with "src" as the local end.
    message.request.id.idiag_sport = htons(socket.localPort);
    message.request.id.idiag_dport = htons(socket.remotePort);
    std::memcpy(message.request.id.idiag_src, local.words, sizeof local.words);
    std::memcpy(message.request.id.idiag_dst, remote.words, sizeof remote.words);
    message.request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    message.request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

    const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0)
        return Error{QStringLiteral("cannot open a sock_diag socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno))),
                     errno};
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    ssize_t sent = ::sendto(fd, &message, sizeof message, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel);
    int error = sent < 0 ? errno : 0;
    if (!error) {
        char reply[512];
        const ssize_t n = ::recv(fd, reply, sizeof reply, 0);
        error = n < 0 ? errno : EPROTO;
        if (n >= ssize_t(NLMSG_LENGTH(sizeof(nlmsgerr)))) {
            nlmsghdr header{};
            std::memcpy(&header, reply, sizeof header);
            if (header.nlmsg_type == NLMSG_ERROR) {
                nlmsgerr answer{};
                std::memcpy(&answer, reply + NLMSG_HDRLEN, sizeof answer);
                error = -answer.error;
            }
        }
    }
    ::close(fd);
    switch (error) {
    case 0:
        return {};
    case ENOENT:
        return Error{QStringLiteral("no such TCP connection in this network namespace"), ENOENT};
    case EOPNOTSUPP:
        return Error{QStringLiteral("this kernel cannot close sockets (built without CONFIG_INET_DIAG_DESTROY)"),
                     EOPNOTSUPP};
    default:
        return Error{QStringLiteral("SOCK_DESTROY failed: %1").arg(QString::fromLocal8Bit(std::strerror(error))), error};
    }
}

} // namespace Sockpit
