// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/socketcloser.h"

#include "base/systemerror.h"
#include "base/uniquefd.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace Sockpit {

namespace {

// include/net/tcp_states.h: TCP_LISTEN. tuning/ links base only, so the sampling room's
// SocketState is not used here.
constexpr quint8 KernelListenState = 10;

struct Address
{
    int family = AF_UNSPEC;
    quint8 bytes[16] = {};
};

bool parseAddress(const QString &text, Address &address)
{
    const QByteArray latin = text.toLatin1();
    if (::inet_pton(AF_INET, latin.constData(), address.bytes) == 1) {
        address.family = AF_INET;
        return true;
    }
    if (::inet_pton(AF_INET6, latin.constData(), address.bytes) == 1) {
        address.family = AF_INET6;
        return true;
    }
    return false;
}

// One address in its IPv6 spelling: an IPv4 socket's ::ffff:a.b.c.d, so a request in
// either family compares with a reply from a v4 or a dual-stack v6 socket.
void asIPv6(int family, const void *source, quint8 (&out)[16])
{
    std::memset(out, 0, sizeof out);
    if (family == AF_INET) {
        out[10] = out[11] = 0xff;
        std::memcpy(out + 12, source, 4);
    } else {
        std::memcpy(out, source, 16);
    }
}

class DiagSocket
{
public:
    DiagSocket() : m_fd(::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG))
    {
        // The kernel answers at once; the bound only keeps a lost reply from hanging root.
        const timeval timeout{5, 0};
        if (m_fd)
            ::setsockopt(m_fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    DiagSocket(const DiagSocket &) = delete;
    DiagSocket &operator=(const DiagSocket &) = delete;
    int fd() const { return m_fd.get(); }

    // Sends one inet_diag_req_v2 of TYPE and returns the first answer: a SOCK_DIAG_BY_FAMILY
    // message copied to FOUND (true), an error code, or 0 for a plain ack.
    int exchange(quint16 type, quint16 flags, const inet_diag_req_v2 &request, inet_diag_msg *found, bool *gotMessage)
    {
        struct
        {
            nlmsghdr header;
            inet_diag_req_v2 request;
        } message{};
        message.header.nlmsg_len = sizeof message;
        message.header.nlmsg_type = type;
        message.header.nlmsg_flags = flags;
        message.header.nlmsg_seq = ++m_sequence;
        message.request = request;
        sockaddr_nl kernel{};
        kernel.nl_family = AF_NETLINK;
        if (::sendto(m_fd.get(), &message, sizeof message, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0)
            return errno;
        alignas(nlmsghdr) char reply[16384];
        for (;;) {
            const ssize_t n = ::recv(m_fd.get(), reply, sizeof reply, 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return errno;
            // The NLMSG_* macros cast C-style; the same walk, spelled out.
            for (qsizetype offset = 0; offset + qsizetype(sizeof(nlmsghdr)) <= qsizetype(n);) {
                nlmsghdr part{};
                std::memcpy(&part, reply + offset, sizeof part);
                if (part.nlmsg_len < sizeof(nlmsghdr) || qsizetype(part.nlmsg_len) > qsizetype(n) - offset)
                    return EPROTO;
                const char *payload = reply + offset + NLMSG_HDRLEN;
                const size_t payloadLength = part.nlmsg_len - NLMSG_HDRLEN;
                offset += qsizetype(NLMSG_ALIGN(part.nlmsg_len));
                if (part.nlmsg_seq != m_sequence)
                    continue;
                if (part.nlmsg_type == NLMSG_ERROR) {
                    if (payloadLength < sizeof(nlmsgerr))
                        return EPROTO;
                    nlmsgerr answer{};
                    std::memcpy(&answer, payload, sizeof answer);
                    return -answer.error;
                }
                if (part.nlmsg_type == SOCK_DIAG_BY_FAMILY && found && gotMessage) {
                    if (payloadLength < sizeof(inet_diag_msg))
                        return EPROTO; // never read past a short message
                    std::memcpy(found, payload, sizeof *found);
                    *gotMessage = true;
                    return 0;
                }
            }
        }
    }

private:
    UniqueFd m_fd;
    quint32 m_sequence = 0;
};

Error noSuchConnection(const QString &why)
{
    return Error{QStringLiteral("no such connection: %1; nothing was changed").arg(why), ENOENT};
}

Error kernelError(const QString &what, int error)
{
    if (error == EOPNOTSUPP)
        return Error{QStringLiteral("this kernel cannot close sockets (built without CONFIG_INET_DIAG_DESTROY)"),
                     EOPNOTSUPP};
    return Error{QStringLiteral("%1 failed: %2").arg(what, errnoText(error)), error};
}

} // namespace

Result<quint64> destroyTcpSocket(const SocketTuple &socket)
{
    if (auto usable = HelperProtocol::checkSocketTuple(socket); !usable)
        return Error{usable.error(), EINVAL};
    Address local, remote;
    if (!parseAddress(socket.localAddress, local) || !parseAddress(socket.remoteAddress, remote)
        || local.family != remote.family)
        return Error{QStringLiteral("\"%1\" and \"%2\" are not two addresses of one family")
                         .arg(socket.localAddress, socket.remoteAddress),
                     EINVAL};

    inet_diag_req_v2 request{};
    request.sdiag_family = quint8(local.family);
    request.sdiag_protocol = IPPROTO_TCP;
    // Ignored by the exact lookup and by SOCK_DESTROY (they take whatever inet_lookup finds),
    // which is why the reply's state is checked below.
    request.idiag_states = ~0u;
    // inet_diag_find_one_icsk() looks the socket up with "src" as the local end.
    request.id.idiag_sport = htons(socket.localPort);
    request.id.idiag_dport = htons(socket.remotePort);
    std::memcpy(request.id.idiag_src, local.bytes, sizeof local.bytes);
    std::memcpy(request.id.idiag_dst, remote.bytes, sizeof remote.bytes);
    request.id.idiag_if = socket.interfaceIndex;
    const quint64 wanted = socket.cookie.value_or(~quint64(0)); // ~0 in both halves: INET_DIAG_NOCOOKIE
    request.id.idiag_cookie[0] = quint32(wanted);
    request.id.idiag_cookie[1] = quint32(wanted >> 32);

    DiagSocket diag;
    if (diag.fd() < 0)
        return Error{QStringLiteral("cannot open a sock_diag socket: %1").arg(errnoText(errno)), errno};

    // 1. What the kernel would take for this tuple.
    inet_diag_msg found{};
    bool gotMessage = false;
    int error = diag.exchange(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, request, &found, &gotMessage);
    if (error == ENOENT)
        return noSuchConnection(socket.cookie ? QStringLiteral("the socket with cookie %1 is gone").arg(*socket.cookie)
                                              : QStringLiteral("the kernel holds no such TCP connection"));
    if (error)
        return kernelError(QStringLiteral("the sock_diag lookup"), error);
    if (!gotMessage)
        return Error{QStringLiteral("the sock_diag lookup gave no answer"), EPROTO};
    const quint64 cookie = quint64(found.id.idiag_cookie[0]) | (quint64(found.id.idiag_cookie[1]) << 32);
    if (found.idiag_state == KernelListenState)
        return noSuchConnection(QStringLiteral("the kernel's nearest match is the listener on port %1, "
                                               "which is never closed")
                                    .arg(ntohs(found.id.idiag_sport)));
    quint8 askedLocal[16], askedRemote[16], gotLocal[16], gotRemote[16];
    asIPv6(local.family, local.bytes, askedLocal);
    asIPv6(remote.family, remote.bytes, askedRemote);
    asIPv6(found.idiag_family, found.id.idiag_src, gotLocal);
    asIPv6(found.idiag_family, found.id.idiag_dst, gotRemote);
    if (std::memcmp(askedLocal, gotLocal, 16) != 0 || std::memcmp(askedRemote, gotRemote, 16) != 0
        || found.id.idiag_sport != request.id.idiag_sport || found.id.idiag_dport != request.id.idiag_dport)
        return noSuchConnection(QStringLiteral("the kernel's nearest match has other endpoints"));
    if ((socket.cookie && cookie != *socket.cookie) || (socket.interfaceIndex && found.id.idiag_if != socket.interfaceIndex))
        return noSuchConnection(QStringLiteral("the connection on this tuple is another socket than the one listed"));

    // 2. Destroy that socket and no other: its cookie and device, as the lookup gave them.
    request.id.idiag_cookie[0] = found.id.idiag_cookie[0];
    request.id.idiag_cookie[1] = found.id.idiag_cookie[1];
    request.id.idiag_if = found.id.idiag_if;
    error = diag.exchange(SOCK_DESTROY, NLM_F_REQUEST | NLM_F_ACK, request, nullptr, nullptr);
    if (error == ENOENT)
        return noSuchConnection(QStringLiteral("it closed while being looked up"));
    if (error)
        return kernelError(QStringLiteral("SOCK_DESTROY"), error);
    return cookie;
}

} // namespace Sockpit
