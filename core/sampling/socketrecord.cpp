// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/socketrecord.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace Sockpit {

namespace {

// Indexed by SocketState; the spellings of include/net/tcp_states.h without the TCP_ prefix.
constexpr std::array<std::string_view, StateCount> KernelStateNames = {
    "UNKNOWN",
    "ESTABLISHED",
    "SYN_SENT",
    "SYN_RECV",
    "FIN_WAIT1",
    "FIN_WAIT2",
    "TIME_WAIT",
    "CLOSE",
    "CLOSE_WAIT",
    "LAST_ACK",
    "LISTEN",
    "CLOSING",
};

struct StateAlias
{
    std::string_view name; // upper case, '_' separators
    SocketState state;
};

// What ss prints (misc/ss.c sstate_name: "ESTAB", "UNCONN", "FIN-WAIT-1", ...) and what its
// state filter accepts ("established", "closed", "listening", ...), normalised to upper
// case with '_'. ss calls state 7 "UNCONN" because for UDP it means "not connected"; it is
// TCP_CLOSE all the same, so it maps to Close.
constexpr std::array<StateAlias, 6> StateAliases = { {
    { "ESTAB", SocketState::Established },
    { "FIN_WAIT_1", SocketState::FinWait1 },
    { "FIN_WAIT_2", SocketState::FinWait2 },
    { "UNCONN", SocketState::Close },
    { "CLOSED", SocketState::Close },
    { "LISTENING", SocketState::Listen },
} };

const std::array<quint8, 16> &addressOf(const SocketRecord &record, bool remote)
{
    return remote ? record.remoteAddress : record.localAddress;
}

bool isMapped(const std::array<quint8, 16> &a)
{
    for (int i = 0; i < 10; ++i) {
        if (a[i] != 0)
            return false;
    }
    return a[10] == 0xff && a[11] == 0xff;
}

// Decimal digits of a port; out must hold 5 bytes. Returns the count written.
int writePort(char *out, quint16 port)
{
    char digits[5];
    int n = 0;
    unsigned value = port;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int i = 0; i < n; ++i)
        out[i] = digits[n - 1 - i];
    return n;
}

} // namespace

std::string_view stateName(SocketState state)
{
    const auto index = static_cast<unsigned>(state);
    return index < KernelStateNames.size() ? KernelStateNames[index] : KernelStateNames[0];
}

SocketState stateFromName(std::string_view name)
{
    // The longest accepted spelling is "ESTABLISHED" (11); anything longer is no state.
    char normalised[16];
    if (name.empty() || name.size() > sizeof normalised)
        return SocketState::Unknown;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        else if (c == '-')
            c = '_';
        normalised[i] = c;
    }
    const std::string_view key(normalised, name.size());
    // Index 0 is "UNKNOWN", which is not a state a user can ask for.
    for (std::size_t i = 1; i < KernelStateNames.size(); ++i) {
        if (KernelStateNames[i] == key)
            return static_cast<SocketState>(i);
    }
    for (const StateAlias &alias : StateAliases) {
        if (alias.name == key)
            return alias.state;
    }
    return SocketState::Unknown;
}

std::string_view protocolName(Protocol protocol)
{
    return protocol == Protocol::Udp ? std::string_view("udp") : std::string_view("tcp");
}

std::string_view familyName(Family family)
{
    return family == Family::IPv6 ? std::string_view("ipv6") : std::string_view("ipv4");
}

// An AF_INET6 socket carries IPv4 traffic when either end is ::ffff:a.b.c.d: a dual-stack
// listener bound to ::ffff:127.0.0.1 has only a local mapped address, an accepted or
// connected one has both.
bool SocketRecord::isV4Mapped() const
{
    return family == Family::IPv6 && (isMapped(localAddress) || isMapped(remoteAddress));
}

int SocketRecord::formatAddress(char *out, bool remote) const
{
    const auto &address = addressOf(*this, remote);
    if (family == Family::IPv4) {
        // Dotted quad by hand: glibc's inet_ntop formats IPv4 through sprintf, which was
        // the largest user-space cost of writing 100k sockets.
        char *p = out;
        for (int i = 0; i < 4; ++i) {
            unsigned octet = address[size_t(i)];
            if (octet >= 100) {
                *p++ = char('0' + octet / 100);
                octet %= 100;
                *p++ = char('0' + octet / 10);
            } else if (octet >= 10) {
                *p++ = char('0' + octet / 10);
            }
            *p++ = char('0' + octet % 10);
            if (i < 3)
                *p++ = '.';
        }
        *p = '\0';
        return int(p - out);
    }
    // For a mapped address inet_ntop prints "::ffff:10.0.0.1", which is how ss shows
    // those sockets. It formats into its own stack buffer: no allocation.
    if (!inet_ntop(AF_INET6, address.data(), out, INET6_ADDRSTRLEN)) {
        out[0] = '\0';
        return 0;
    }
    return static_cast<int>(std::strlen(out));
}

int SocketRecord::formatEndpoint(char *out, bool remote) const
{
    const bool v6 = family == Family::IPv6;
    int length = 0;
    if (v6)
        out[length++] = '[';
    length += formatAddress(out + length, remote);
    if (v6)
        out[length++] = ']';
    out[length++] = ':';
    length += writePort(out + length, remote ? remotePort : localPort);
    out[length] = '\0';
    return length;
}

} // namespace Sockpit
