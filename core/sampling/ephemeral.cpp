// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/ephemeral.h"

#include <QString>

#include <algorithm>
#include <bitset>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>

namespace Sockpit {

namespace {

std::string_view trimmed(std::string_view s)
{
    constexpr std::string_view space = " \t\n\r";
    const auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

QString quoted(std::string_view s)
{
    return QLatin1Char('"') + QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())) + QLatin1Char('"');
}

enum class PortParse { Ok, NotANumber, OutOfRange };

// Plain decimal, no sign; more than five digits is out of range whatever they are.
PortParse parsePort(std::string_view s, quint16 &port, int minimum)
{
    if (s.empty())
        return PortParse::NotANumber;
    long value = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return PortParse::NotANumber;
        if (value <= 65535)
            value = value * 10 + (c - '0');
    }
    if (value < minimum || value > 65535)
        return PortParse::OutOfRange;
    port = static_cast<quint16>(value);
    return PortParse::Ok;
}

// One "N" or "N-M" of ip_local_reserved_ports, or the message naming what is wrong with it.
Result<PortRange> parseListToken(std::string_view token)
{
    const auto dash = token.find('-');
    const std::string_view lowText = trimmed(token.substr(0, dash));
    const std::string_view highText = dash == std::string_view::npos ? lowText : trimmed(token.substr(dash + 1));
    PortRange range;
    // The reserved-port bitmap covers 0..65535 (net/ipv4/sysctl_net_ipv4.c, 65536 bits).
    const PortParse low = parsePort(lowText, range.low, 0);
    const PortParse high = parsePort(highText, range.high, 0);
    if (low == PortParse::NotANumber || high == PortParse::NotANumber) {
        return Error { QStringLiteral("%1 is not a port or a port range (expected N or N-M, e.g. 8080 or 9000-9010).")
                           .arg(quoted(token)),
            EINVAL };
    }
    if (low == PortParse::OutOfRange || high == PortParse::OutOfRange)
        return Error { QStringLiteral("%1 is out of range: ports are 0 to 65535.").arg(quoted(token)), ERANGE };
    if (range.high < range.low) {
        return Error { QStringLiteral("%1 is reversed: write the lower port first (%2-%3).")
                           .arg(quoted(token))
                           .arg(range.high)
                           .arg(range.low),
            EINVAL };
    }
    return range;
}

// Destinations are grouped with a small open-addressing table: the key is a 20-byte POD,
// and a dump of 100k sockets usually has a few hundred destinations, so no per-entry
// allocation and no rehash of node lists.
struct DestinationKey
{
    std::array<quint8, 16> address;
    quint16 port;
    quint8 family;
    quint8 pad = 0;
    friend bool operator==(const DestinationKey &, const DestinationKey &) = default;
};
static_assert(sizeof(DestinationKey) == 20);

quint64 hashKey(const DestinationKey &key)
{
    quint64 a = 0;
    quint64 b = 0;
    std::memcpy(&a, key.address.data(), 8);
    std::memcpy(&b, key.address.data() + 8, 8);
    const quint32 c = key.port | (quint32 { key.family } << 16);
    quint64 h = (a ^ (b * 0x9e3779b97f4a7c15ull) ^ (quint64 { c } << 17)) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 31);
}

class DestinationTable
{
public:
    explicit DestinationTable(std::vector<DestinationUsage> &destinations) : m_destinations(destinations) { grow(64); }

    DestinationUsage &find(const DestinationKey &key)
    {
        if (2 * (m_destinations.size() + 1) > m_slots.size())
            grow(m_slots.size() * 2);
        std::size_t i = hashKey(key) & (m_slots.size() - 1);
        for (;;) {
            const int index = m_slots[i];
            if (index < 0) {
                m_slots[i] = static_cast<int>(m_destinations.size());
                DestinationUsage usage;
                usage.address = key.address;
                usage.port = key.port;
                usage.family = static_cast<Family>(key.family);
                m_destinations.push_back(usage);
                return m_destinations.back();
            }
            DestinationUsage &candidate = m_destinations[static_cast<std::size_t>(index)];
            if (candidate.port == key.port && candidate.address == key.address
                && static_cast<quint8>(candidate.family) == key.family) {
                return candidate;
            }
            i = (i + 1) & (m_slots.size() - 1);
        }
    }

private:
    void grow(std::size_t size)
    {
        m_slots.assign(size, -1);
        for (std::size_t n = 0; n < m_destinations.size(); ++n) {
            const DestinationUsage &d = m_destinations[n];
            const DestinationKey key { d.address, d.port, static_cast<quint8>(d.family), 0 };
            std::size_t i = hashKey(key) & (size - 1);
            while (m_slots[i] >= 0)
                i = (i + 1) & (size - 1);
            m_slots[i] = static_cast<int>(n);
        }
    }

    std::vector<DestinationUsage> &m_destinations;
    std::vector<int> m_slots;
};

bool isMapped(const std::array<quint8, 16> &a)
{
    static constexpr quint8 prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
    return std::memcmp(a.data(), prefix, sizeof prefix) == 0;
}

} // namespace

bool EphemeralConfig::isReserved(quint16 port) const
{
    const auto it = std::upper_bound(
        reserved.begin(), reserved.end(), port, [](quint16 p, const PortRange &r) { return p < r.low; });
    return it != reserved.begin() && std::prev(it)->contains(port);
}

int EphemeralConfig::usable() const
{
    int count = range.size();
    for (const PortRange &r : reserved) {
        const int low = std::max<int>(r.low, range.low);
        const int high = std::min<int>(r.high, range.high);
        if (high >= low)
            count -= high - low + 1;
    }
    return std::max(count, 0);
}

// ip_local_port_range reads as "32768\t60999". The kernel refuses a reversed range and a
// low end of 0 (net/ipv4/sysctl_net_ipv4.c ipv4_local_port_range), so this does too.
Result<PortRange> parsePortRange(QByteArrayView text)
{
    const std::string_view s = trimmed(std::string_view(text.data(), static_cast<std::size_t>(text.size())));
    const auto gap = s.find_first_of(" \t");
    if (gap == std::string_view::npos) {
        return Error {
            QStringLiteral("%1 is not a port range: expected two ports, e.g. \"32768 60999\".").arg(quoted(s)), EINVAL
        };
    }
    const std::string_view tokens[2] = { s.substr(0, gap), trimmed(s.substr(gap)) };
    quint16 ports[2] = { 0, 0 };
    for (int i = 0; i < 2; ++i) {
        switch (parsePort(tokens[i], ports[i], 1)) {
        case PortParse::Ok:
            break;
        case PortParse::NotANumber:
            return Error { QStringLiteral("%1 is not a port number (in %2).").arg(quoted(tokens[i]), quoted(s)),
                EINVAL };
        case PortParse::OutOfRange:
            return Error {
                QStringLiteral("%1 is out of range: ports are 1 to 65535 (in %2).").arg(quoted(tokens[i]), quoted(s)),
                ERANGE
            };
        }
    }
    if (ports[1] < ports[0]) {
        return Error { QStringLiteral("%1 is reversed: the first port must not be above the second.").arg(quoted(s)),
            EINVAL };
    }
    return PortRange { ports[0], ports[1] };
}

// ip_local_reserved_ports reads as "8080,9000-9010", or an empty line when none are
// reserved (proc_do_large_bitmap prints ranges of set bits separated by commas).
Result<std::vector<PortRange>> parsePortRangeList(QByteArrayView text)
{
    const std::string_view s = trimmed(std::string_view(text.data(), static_cast<std::size_t>(text.size())));
    std::vector<PortRange> ranges;
    if (s.empty())
        return ranges;
    std::size_t start = 0;
    for (;;) {
        const auto comma = s.find(',', start);
        const std::string_view token
            = trimmed(s.substr(start, comma == std::string_view::npos ? s.npos : comma - start));
        if (token.empty())
            return Error {
                QStringLiteral("Empty entry in the port list %1 (a doubled or trailing comma?).").arg(quoted(s)), EINVAL
            };
        Result<PortRange> range = parseListToken(token);
        if (!range)
            return range.failure();
        ranges.push_back(*range);
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    // Sorted and merged, overlapping and adjacent ranges alike, as the kernel's bitmap
    // would print them back.
    std::sort(ranges.begin(), ranges.end(), [](const PortRange &a, const PortRange &b) { return a.low < b.low; });
    std::vector<PortRange> merged;
    merged.reserve(ranges.size());
    for (const PortRange &r : ranges) {
        if (!merged.empty() && static_cast<int>(r.low) <= static_cast<int>(merged.back().high) + 1)
            merged.back().high = std::max(merged.back().high, r.high);
        else
            merged.push_back(r);
    }
    return merged;
}

Result<EphemeralConfig> readEphemeralConfig(const ProcRoot &root)
{
    EphemeralConfig config;

    const Result<QByteArray> rangeText = root.sysctl(u"net/ipv4/ip_local_port_range");
    if (!rangeText)
        return rangeText.failure().prefixed(QStringLiteral("net.ipv4.ip_local_port_range"));
    Result<PortRange> range = parsePortRange(*rangeText);
    if (!range)
        return range.failure().prefixed(QStringLiteral("net.ipv4.ip_local_port_range"));
    config.range = *range;

    // Present since 2.6.35; an empty file means nothing is reserved.
    const Result<QByteArray> reservedText = root.sysctl(u"net/ipv4/ip_local_reserved_ports");
    if (reservedText) {
        Result<std::vector<PortRange>> reserved = parsePortRangeList(*reservedText);
        if (!reserved)
            return reserved.failure().prefixed(QStringLiteral("net.ipv4.ip_local_reserved_ports"));
        config.reserved = std::move(reserved).value();
    } else if (reservedText.errorCode() != ENOENT) {
        return reservedText.failure().prefixed(QStringLiteral("net.ipv4.ip_local_reserved_ports"));
    }

    // Added in 4.11; before that the boundary was the fixed PROT_SOCK, 1024.
    const Result<QByteArray> unprivileged = root.sysctl(u"net/ipv4/ip_unprivileged_port_start");
    if (unprivileged) {
        const std::string_view s
            = trimmed(std::string_view(unprivileged->constData(), static_cast<std::size_t>(unprivileged->size())));
        quint16 port = 0;
        if (parsePort(s, port, 0) != PortParse::Ok) {
            return Error {
                QStringLiteral("net.ipv4.ip_unprivileged_port_start: %1 is not a port number.").arg(quoted(s)), EINVAL
            };
        }
        config.unprivilegedPortStart = port;
    } else if (unprivileged.errorCode() != ENOENT) {
        return unprivileged.failure().prefixed(QStringLiteral("net.ipv4.ip_unprivileged_port_start"));
    }
    return config;
}

// What counts, and why:
// - inUse: TCP sockets other than listeners whose local port lies in the range, TIME_WAIT
//   included, since a TIME_WAIT socket still holds its 4-tuple; connections on a listening
//   port are left out: they are the server side and took no ephemeral port.
// - UDP is left out. connect() on UDP does not pick a port per destination the way TCP's
//   __inet_hash_connect does, and unconnected UDP sockets say nothing about destinations.
// - listenersInRange: TCP listeners on a port inside the range; connect() skips a port
//   that is bound for listening, so each one is a port lost to every destination.
// - destinations: TCP sockets by (remote address, remote port). An AF_INET6 socket talking
//   to ::ffff:a.b.c.d is hashed on the IPv4 4-tuple by the kernel (it goes through
//   tcp_v4_connect), so it competes with AF_INET sockets toward a.b.c.d: fold it to IPv4.
EphemeralUsage analyseEphemeral(const EphemeralConfig &config, const std::vector<SocketRecord> &sockets)
{
    EphemeralUsage usage;
    usage.config = config;
    usage.usable = config.usable();

    const PortRange range = config.range;
    auto portsSeen = std::make_unique<std::bitset<65536>>();
    // Accepted connections keep their listener's local port, and connect() never picks a
    // port a listener is bound to (__inet_hash_connect skips buckets bound with bind()),
    // so a socket on a listening port is a server-side connection, not an ephemeral user.
    auto listening = std::make_unique<std::bitset<65536>>();
    for (const SocketRecord &s : sockets) {
        if (s.protocol == Protocol::Tcp && s.state == SocketState::Listen) {
            listening->set(s.localPort);
            if (range.contains(s.localPort))
                ++usage.listenersInRange;
        }
    }
    DestinationTable table(usage.destinations);
    auto portsLive = std::make_unique<std::bitset<65536>>(); // held by a socket not in TIME_WAIT

    for (const SocketRecord &s : sockets) {
        if (s.protocol != Protocol::Tcp || !range.contains(s.localPort) || listening->test(s.localPort))
            continue;
        ++usage.inUse;
        portsSeen->set(s.localPort);
        if (s.state != SocketState::TimeWait)
            portsLive->set(s.localPort);

        DestinationKey key { s.remoteAddress, s.remotePort, static_cast<quint8>(s.family), 0 };
        if (s.family == Family::IPv6 && isMapped(s.remoteAddress)) {
            key.address = {};
            std::memcpy(key.address.data(), s.remoteAddress.data() + 12, 4);
            key.family = static_cast<quint8>(Family::IPv4);
        }
        DestinationUsage &d = table.find(key);
        ++d.sockets;
        if (s.state == SocketState::TimeWait)
            ++d.timeWait;
    }
    usage.distinctPorts = static_cast<int>(portsSeen->count());
    usage.timeWaitOnlyPorts = usage.distinctPorts - static_cast<int>(portsLive->count());

    for (DestinationUsage &d : usage.destinations)
        d.share = usage.usable > 0 ? static_cast<double>(d.sockets) / usage.usable : 0.0;
    std::sort(
        usage.destinations.begin(), usage.destinations.end(), [](const DestinationUsage &a, const DestinationUsage &b) {
            if (a.sockets != b.sockets)
                return a.sockets > b.sockets;
            if (a.family != b.family)
                return a.family < b.family;
            if (a.address != b.address)
                return a.address < b.address;
            return a.port < b.port;
        });
    return usage;
}

} // namespace Sockpit
