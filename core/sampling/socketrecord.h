// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <array>
#include <cstdint>
#include <string_view>

namespace Sockpit {

enum class Protocol : quint8 { Tcp, Udp };
enum class Family : quint8 { IPv4, IPv6 };

// Socket states numbered as the kernel numbers them (include/net/tcp_states.h), so a
// value read from sock_diag or /proc/net/tcp's "st" column is used as it is.
// UDP reuses ESTABLISHED (connected) and CLOSE (unconnected).
enum class SocketState : quint8 {
    Unknown = 0,
    Established = 1,
    SynSent = 2,
    SynRecv = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
};
inline constexpr int StateCount = 12; // index 0 (Unknown) .. 11 (Closing)

// The name the kernel gives a state (ESTABLISHED, SYN_SENT, ..., CLOSING).
std::string_view stateName(SocketState state);
// Accepts the kernel's names and ss's spellings, any case, '-' for '_' ("time-wait",
// "estab", "syn-recv"); Unknown when the name is none of them.
SocketState stateFromName(std::string_view name);
// Kernel-side filter bit for one state: inet_diag_req_v2.idiag_states is 1 << state.
constexpr quint32 stateBit(SocketState state) { return 1u << static_cast<unsigned>(state); }
inline constexpr quint32 AllStates = 0xfffu & ~1u;
// The TCP states in the kernel's order, for listing them.
inline constexpr SocketState TcpStates[] = {
    SocketState::Established, SocketState::SynSent,  SocketState::SynRecv,   SocketState::FinWait1,
    SocketState::FinWait2,    SocketState::TimeWait, SocketState::Close,     SocketState::CloseWait,
    SocketState::LastAck,     SocketState::Listen,   SocketState::Closing,
};

// The timer pending on a TCP socket, as inet_diag_msg.idiag_timer and /proc/net/tcp's "tr"
// column number it (net/ipv4/inet_diag.c inet_sk_diag_fill, net/ipv4/tcp_ipv4.c
// get_tcp4_sock). An idle ESTABLISHED socket shows Keepalive only when its application set
// SO_KEEPALIVE: sk_timer is the keepalive timer then. A socket with data in flight shows
// Retransmit whether or not it has keepalive.
enum class SocketTimer : quint8 { None = 0, Retransmit = 1, Keepalive = 2, TimeWait = 3, ZeroWindowProbe = 4 };

// One socket as the kernel reports it. A plain value, 88 bytes, no heap: a dump of
// 100k sockets is one vector allocation. No padding, so two records compare with memcmp.
struct SocketRecord
{
    // Network byte order. IPv4 uses the first four bytes.
    std::array<quint8, 16> localAddress{};
    std::array<quint8, 16> remoteAddress{};
    quint32 uid = 0;
    quint32 inode = 0;          // 0 for TIME_WAIT and request sockets: no file, no owner
    quint32 receiveQueue = 0;   // LISTEN: current accept queue
    quint32 sendQueue = 0;      // LISTEN: the backlog passed to listen(), capped by somaxconn
    quint32 rttUs = 0;          // tcp_info, when hasTcpInfo
    quint32 rttVarUs = 0;
    quint32 retransmits = 0;    // tcp_info.tcpi_total_retrans (or /proc's retrnsmt)
    quint32 congestionWindow = 0;
    // sock_diag's idiag_cookie, the two halves of sock_gen_cookie() (net/core/sock_diag.c)
    // as the kernel sends them: one socket for its whole life. {0, 0} when the record came
    // from /proc/net, which has none. Kept as two 32-bit words so the record has no padding.
    std::array<quint32, 2> cookie{};
    quint32 interfaceIndex = 0; // idiag_if: the device the socket is bound to, 0 for none
    quint16 localPort = 0;
    quint16 remotePort = 0;
    Protocol protocol = Protocol::Tcp;
    Family family = Family::IPv4;
    SocketState state = SocketState::Unknown;
    bool hasTcpInfo = false;
    SocketTimer timer = SocketTimer::None;
    std::array<quint8, 3> reserved{}; // keeps the record free of padding

    bool isV4Mapped() const;
    bool hasCookie() const { return cookie[0] || cookie[1]; }
    quint64 socketCookie() const { return quint64(cookie[0]) | quint64(cookie[1]) << 32; }
    // "127.0.0.1", "::1", "::ffff:10.0.0.1"; writes into out (at least 46 bytes) and
    // returns the length.
    int formatAddress(char *out, bool remote) const;
    // "127.0.0.1:80", "[::1]:80"; out needs at least 56 bytes.
    int formatEndpoint(char *out, bool remote) const;
};

std::string_view protocolName(Protocol protocol); // "tcp", "udp"
std::string_view familyName(Family family);       // "ipv4", "ipv6"

} // namespace Sockpit
