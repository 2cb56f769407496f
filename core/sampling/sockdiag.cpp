// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/sockdiag.h"

#include "base/systemerror.h"

#include <QString>

#include <cerrno>
#include <cstring>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace Sockpit {

namespace {

// The kernel builds each dump part in an skb of at most 32 KiB (net/netlink/af_netlink.c,
// netlink_dump: min(max_recvmsg_len, SKB_WITH_OVERHEAD(32768))), and only grows it to that
// once it has seen a receive buffer that large. Twice that leaves room and lets MSG_TRUNC
// catch anything unexpected.
constexpr size_t ReceiveBufferSize = 64 * 1024;
// Socket receive buffer: enough for several parts in flight on a busy machine.
constexpr int SocketBufferSize = 4 * 1024 * 1024;
// A dump the kernel marks inconsistent is retried this often before the last one is kept
// (and the snapshot marked incomplete). inet_diag does not mark its dumps today: it never
// sets cb->seq, so netlink never raises NLM_F_DUMP_INTR for it (net/netlink/af_netlink.c,
// nl_dump_check_consistent; net/ipv4/inet_diag.c). It resumes each part of a dump at a
// position in a hash chain, so a socket that leaves a chain already partly sent can make
// the next one be skipped, unflagged, as with ss. The retry is for kernels that flag.
constexpr int MaxDumpAttempts = 4;

QString requestName(const DumpRequest &request)
{
    return QStringLiteral("%1/%2").arg(QLatin1StringView(protocolName(request.protocol).data()),
                                       QLatin1StringView(familyName(request.family).data()));
}

// inet_diag_msg as sent for each socket (include/uapi/linux/inet_diag.h): addresses and
// ports in network byte order; TIME_WAIT and request sockets carry uid 0 and inode 0.
void appendRecord(const nlmsghdr *header, const DumpRequest &request, std::vector<SocketRecord> &out)
{
    const auto *message = static_cast<const inet_diag_msg *>(mnl_nlmsg_get_payload(header));
    SocketRecord &record = out.emplace_back();
    record.protocol = request.protocol;
    record.family = message->idiag_family == AF_INET6 ? Family::IPv6 : Family::IPv4;
    record.state = message->idiag_state < StateCount ? static_cast<SocketState>(message->idiag_state)
                                                     : SocketState::Unknown;
    const size_t addressBytes = record.family == Family::IPv6 ? 16 : 4;
    std::memcpy(record.localAddress.data(), message->id.idiag_src, addressBytes);
    std::memcpy(record.remoteAddress.data(), message->id.idiag_dst, addressBytes);
    record.localPort = ntohs(message->id.idiag_sport);
    record.remotePort = ntohs(message->id.idiag_dport);
    record.uid = message->idiag_uid;
    record.inode = message->idiag_inode;
    record.receiveQueue = message->idiag_rqueue;
    record.sendQueue = message->idiag_wqueue;
    record.retransmits = message->idiag_retrans;
    record.cookie = {message->id.idiag_cookie[0], message->id.idiag_cookie[1]};
    record.interfaceIndex = message->id.idiag_if;
    record.timer = message->idiag_timer <= 4 ? static_cast<SocketTimer>(message->idiag_timer) : SocketTimer::None;

    if (!request.tcpInfo)
        return;
    // Attributes follow the aligned inet_diag_msg (what mnl_attr_for_each walks, written
    // out because the macro casts from void *).
    const auto *end = static_cast<const char *>(mnl_nlmsg_get_payload_tail(header));
    for (auto *attribute = static_cast<const nlattr *>(mnl_nlmsg_get_payload_offset(header, sizeof(inet_diag_msg)));
         mnl_attr_ok(attribute, static_cast<int>(end - reinterpret_cast<const char *>(attribute)));
         attribute = mnl_attr_next(attribute)) {
        if (mnl_attr_get_type(attribute) != INET_DIAG_INFO)
            continue;
        // Older kernels send a shorter tcp_info: copy what arrived, zero the rest.
        tcp_info info{};
        std::memcpy(&info, mnl_attr_get_payload(attribute),
                    std::min<size_t>(mnl_attr_get_payload_len(attribute), sizeof info));
        record.hasTcpInfo = true;
        record.rttUs = info.tcpi_rtt;
        record.rttVarUs = info.tcpi_rttvar;
        record.retransmits = info.tcpi_total_retrans;
        record.congestionWindow = info.tcpi_snd_cwnd;
    }
}

} // namespace

void SockDiag::Closer::operator()(mnl_socket *socket) const
{
    mnl_socket_close(socket);
}

Result<std::unique_ptr<SockDiag>> SockDiag::open()
{
    std::unique_ptr<SockDiag> diag(new SockDiag);
    diag->m_socket.reset(mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC));
    if (!diag->m_socket) {
        const int error = errno;
        return Error{QStringLiteral("cannot open a NETLINK_SOCK_DIAG socket: %1").arg(errnoText(error)), error};
    }
    if (mnl_socket_bind(diag->m_socket.get(), 0, MNL_SOCKET_AUTOPID) < 0) {
        const int error = errno;
        return Error{QStringLiteral("cannot bind the NETLINK_SOCK_DIAG socket: %1").arg(errnoText(error)), error};
    }
    const int fd = mnl_socket_get_fd(diag->m_socket.get());
    // SO_RCVBUFFORCE passes rmem_max when privileged; otherwise the capped SO_RCVBUF will do.
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &SocketBufferSize, sizeof SocketBufferSize) < 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &SocketBufferSize, sizeof SocketBufferSize);
    diag->m_buffer.reset(new char[ReceiveBufferSize]);
    return diag;
}

SockDiag::~SockDiag() = default;

Result<void> SockDiag::dump(const DumpRequest &request, std::vector<SocketRecord> &out)
{
    const size_t start = out.size();
    for (int attempt = 1;; ++attempt) {
        m_lastDumpInconsistent = false;
        Result<void> result = dumpOnce(request, out);
        if (!result || !m_lastDumpInconsistent || attempt == MaxDumpAttempts)
            return result;
        // The table changed while the kernel walked it: some sockets may be missing or
        // doubled. Drop this attempt and walk again.
        ++m_interrupted;
        out.resize(start);
    }
}

Result<void> SockDiag::dumpOnce(const DumpRequest &request, std::vector<SocketRecord> &out)
{
    mnl_socket *socket = m_socket.get();
    const unsigned portId = mnl_socket_get_portid(socket);
    const unsigned sequence = ++m_sequence;

    alignas(nlmsghdr) char requestBuffer[MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(inet_diag_req_v2))];
    nlmsghdr *header = mnl_nlmsg_put_header(requestBuffer);
    header->nlmsg_type = SOCK_DIAG_BY_FAMILY;
    header->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    header->nlmsg_seq = sequence;
    auto *diagRequest = static_cast<inet_diag_req_v2 *>(mnl_nlmsg_put_extra_header(header, sizeof(inet_diag_req_v2)));
    diagRequest->sdiag_family = request.family == Family::IPv6 ? AF_INET6 : AF_INET;
    diagRequest->sdiag_protocol = request.protocol == Protocol::Tcp ? IPPROTO_TCP : IPPROTO_UDP;
    diagRequest->idiag_states = request.states;
    if (request.tcpInfo && request.protocol == Protocol::Tcp)
        diagRequest->idiag_ext |= 1u << (INET_DIAG_INFO - 1);
    DumpRequest effective = request;
    effective.tcpInfo = request.tcpInfo && request.protocol == Protocol::Tcp;

    if (mnl_socket_sendto(socket, header, header->nlmsg_len) < 0) {
        const int error = errno;
        return Error{QStringLiteral("sock_diag request for %1 failed: %2").arg(requestName(request), errnoText(error)), error};
    }

    const int fd = mnl_socket_get_fd(socket);
    char *buffer = m_buffer.get();
    for (;;) {
        iovec vector{buffer, ReceiveBufferSize};
        sockaddr_nl peer{};
        msghdr message{};
        message.msg_name = &peer;
        message.msg_namelen = sizeof peer;
        message.msg_iov = &vector;
        message.msg_iovlen = 1;
        const ssize_t received = ::recvmsg(fd, &message, 0);
        if (received < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            return Error{QStringLiteral("sock_diag dump of %1 failed: %2").arg(requestName(request), errnoText(error)), error};
        }
        if (message.msg_flags & MSG_TRUNC)
            return Error{QStringLiteral("sock_diag dump of %1 was truncated: a netlink message exceeded %2 bytes")
                             .arg(requestName(request))
                             .arg(ReceiveBufferSize),
                         EMSGSIZE};
        if (received == 0 || peer.nl_pid != 0)
            continue; // not from the kernel

        int remaining = static_cast<int>(received);
        for (const nlmsghdr *part = reinterpret_cast<const nlmsghdr *>(buffer); mnl_nlmsg_ok(part, remaining);
             part = mnl_nlmsg_next(part, &remaining)) {
            if (part->nlmsg_seq != sequence || (part->nlmsg_pid != 0 && part->nlmsg_pid != portId))
                continue; // a late part of an earlier, abandoned dump
            if (part->nlmsg_flags & NLM_F_DUMP_INTR)
                m_lastDumpInconsistent = true;
            if (part->nlmsg_type == NLMSG_DONE)
                return {};
            if (part->nlmsg_type == NLMSG_ERROR) {
                const auto *error = static_cast<const nlmsgerr *>(mnl_nlmsg_get_payload(part));
                if (error->error == 0)
                    return {};
                const int code = -error->error;
                if (code == ENOENT || code == EOPNOTSUPP)
                    return Error{QStringLiteral("the kernel has no sock_diag support for %1 (%2)")
                                     .arg(requestName(request), errnoText(code)),
                                 code};
                return Error{QStringLiteral("sock_diag dump of %1 refused: %2").arg(requestName(request), errnoText(code)), code};
            }
            if (part->nlmsg_type != SOCK_DIAG_BY_FAMILY)
                continue;
            if (mnl_nlmsg_get_payload_len(part) < sizeof(inet_diag_msg))
                continue; // malformed: never read past a short message
            appendRecord(part, effective, out);
        }
        if (remaining > 0)
            return Error{QStringLiteral("sock_diag dump of %1 ended in a partial netlink message").arg(requestName(request)),
                         EPROTO};
    }
}

} // namespace Sockpit
