// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/procnetparser.h"

#include <QString>

#include <cstring>

namespace Sockpit {

namespace {

// Hex digit values, -1 for anything else. The kernel prints upper case (%08X); lower case
// is accepted because it costs nothing.
constexpr std::array<qint8, 256> makeHexTable()
{
    std::array<qint8, 256> table {};
    for (auto &v : table)
        v = -1;
    for (int c = '0'; c <= '9'; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<qint8>(c - '0');
    for (int c = 'A'; c <= 'F'; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<qint8>(c - 'A' + 10);
    for (int c = 'a'; c <= 'f'; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<qint8>(c - 'a' + 10);
    return table;
}
constexpr std::array<qint8, 256> HexTable = makeHexTable();

inline int hexValue(char c)
{
    return HexTable[static_cast<unsigned char>(c)];
}

// A cursor over one line; every reader fails (returns false) rather than read past end.
struct Cursor
{
    const char *p;
    const char *end;

    bool atEnd() const { return p == end; }

    // At least one space: the kernel separates columns with one or more.
    bool spaces()
    {
        if (p == end || *p != ' ')
            return false;
        while (p != end && *p == ' ')
            ++p;
        return true;
    }
    void optionalSpaces()
    {
        while (p != end && *p == ' ')
            ++p;
    }
    bool expect(char c)
    {
        if (p == end || *p != c)
            return false;
        ++p;
        return true;
    }
    // Exactly `digits` hex digits, as %08X and %04X print them.
    bool fixedHex(int digits, quint32 &value)
    {
        if (end - p < digits)
            return false;
        quint32 v = 0;
        for (int i = 0; i < digits; ++i) {
            const int d = hexValue(p[i]);
            if (d < 0)
                return false;
            v = (v << 4) | static_cast<quint32>(d);
        }
        value = v;
        p += digits;
        return true;
    }
    // One to 16 hex digits (tm->when is %08lX and may be wider).
    bool hex(quint64 &value)
    {
        const char *start = p;
        quint64 v = 0;
        while (p != end && hexValue(*p) >= 0) {
            if (p - start == 16)
                return false;
            v = (v << 4) | static_cast<quint64>(hexValue(*p));
            ++p;
        }
        value = v;
        return p != start;
    }
    bool decimal(quint64 &value)
    {
        const char *start = p;
        quint64 v = 0;
        while (p != end && *p >= '0' && *p <= '9') {
            if (p - start == 19) // more than 19 digits may overflow; no column is that wide
                return false;
            v = v * 10 + static_cast<quint64>(*p - '0');
            ++p;
        }
        value = v;
        return p != start;
    }
    bool signedDecimal()
    {
        expect('-');
        quint64 ignored = 0;
        return decimal(ignored);
    }
    // Any run of non-space characters.
    bool token()
    {
        const char *start = p;
        while (p != end && *p != ' ')
            ++p;
        return p != start;
    }
};

// %08X of each 32-bit word of the address as the kernel holds it (network byte order in
// memory), printed as a host-order integer: storing the parsed integer back in host order
// restores the original bytes. A file copied from a host of the other endianness would
// need the words swapped; fixtures come from little-endian machines.
bool readAddress(Cursor &c, Family family, std::array<quint8, 16> &address)
{
    const int words = family == Family::IPv6 ? 4 : 1;
    for (int i = 0; i < words; ++i) {
        quint32 word = 0;
        if (!c.fixedHex(8, word))
            return false;
        std::memcpy(address.data() + 4 * i, &word, sizeof word);
    }
    return true;
}

bool readEndpoint(Cursor &c, Family family, std::array<quint8, 16> &address, quint16 &port)
{
    quint32 value = 0;
    if (!readAddress(c, family, address) || !c.expect(':') || !c.fixedHex(4, value))
        return false;
    port = static_cast<quint16>(value);
    return true;
}

bool fitsU32(quint64 v)
{
    return v <= 0xffffffffu;
}

// One data line, without its '\n'. Fields after inode (ref, pointer, and for TCP the
// timers, for UDP drops) differ between socket kinds and are not used; ref and pointer
// are required so a line cut right after the inode column does not pass as complete.
bool parseLine(const char *begin, const char *end, Family family, SocketRecord &r)
{
    Cursor c { begin, end };
    quint64 number = 0;
    quint64 rxQueue = 0;
    c.optionalSpaces();
    if (!c.decimal(number) || !c.expect(':') || !c.spaces())
        return false;
    if (!readEndpoint(c, family, r.localAddress, r.localPort) || !c.spaces())
        return false;
    if (!readEndpoint(c, family, r.remoteAddress, r.remotePort) || !c.spaces())
        return false;
    quint64 state = 0;
    if (!c.hex(state) || !c.spaces())
        return false;
    r.state = state > 0 && state < StateCount ? static_cast<SocketState>(state) : SocketState::Unknown;
    // tx_queue:rx_queue
    if (!c.hex(number) || !fitsU32(number) || !c.expect(':') || !c.hex(rxQueue) || !fitsU32(rxQueue))
        return false;
    r.sendQueue = static_cast<quint32>(number);
    r.receiveQueue = static_cast<quint32>(rxQueue);
    // tr:tm->when; tr numbers the timers as SocketTimer does
    if (!c.spaces() || !c.hex(number) || !c.expect(':'))
        return false;
    r.timer = number <= 4 ? static_cast<SocketTimer>(number) : SocketTimer::None;
    if (!c.hex(number) || !c.spaces())
        return false;
    // retrnsmt
    if (!c.hex(number) || !fitsU32(number) || !c.spaces())
        return false;
    r.retransmits = static_cast<quint32>(number);
    // uid (%5u)
    if (!c.decimal(number) || !fitsU32(number) || !c.spaces())
        return false;
    r.uid = static_cast<quint32>(number);
    // timeout (%8d: icsk_probes_out for TCP, 0 for UDP)
    if (!c.signedDecimal() || !c.spaces())
        return false;
    // inode (%lu; 0 for TIME_WAIT and request sockets). Socket inodes are 32-bit
    // (get_next_ino), so a wider value is not a socket line.
    if (!c.decimal(number) || !fitsU32(number))
        return false;
    r.inode = static_cast<quint32>(number);
    // ref, pointer
    return c.spaces() && c.token() && c.spaces() && c.token();
}

// The header lines, compared column by column so padding does not matter:
//   tcp:  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
//   tcp6: "  sl  local_address                         remote_address                        st tx_queue ..."
//   udp and udp6 add "ref pointer drops".
// IPv4 files say "rem_address", IPv6 files "remote_address" (net/ipv4/tcp_ipv4.c,
// net/ipv6/tcp_ipv6.c, net/ipv4/udp.c, net/ipv6/udp.c).
bool headerMatches(const char *begin, const char *end, Protocol protocol, Family family)
{
    static constexpr std::string_view TcpColumns[] = {
        "sl",
        "local_address",
        "",
        "st",
        "tx_queue",
        "rx_queue",
        "tr",
        "tm->when",
        "retrnsmt",
        "uid",
        "timeout",
        "inode",
    };
    static constexpr std::string_view UdpExtra[] = { "ref", "pointer", "drops" };
    const std::string_view remote = family == Family::IPv6 ? "remote_address" : "rem_address";

    Cursor c { begin, end };
    auto next = [&c](std::string_view &word) {
        c.optionalSpaces();
        const char *start = c.p;
        if (!c.token())
            return false;
        word = std::string_view(start, static_cast<std::size_t>(c.p - start));
        return true;
    };
    std::string_view word;
    for (std::string_view expected : TcpColumns) {
        if (expected.empty())
            expected = remote;
        if (!next(word) || word != expected)
            return false;
    }
    if (protocol == Protocol::Udp) {
        for (std::string_view expected : UdpExtra) {
            if (!next(word) || word != expected)
                return false;
        }
    }
    return !next(word);
}

QString fileName(Protocol protocol, Family family)
{
    const std::string_view proto = protocolName(protocol);
    QString name = QStringLiteral("/proc/net/") + QLatin1StringView(proto.data(), static_cast<qsizetype>(proto.size()));
    if (family == Family::IPv6)
        name += QLatin1Char('6');
    return name;
}

} // namespace

// Sample lines (tcp; tcp6 has 32 hex digits per address, udp a wider "sl" column and a
// "drops" column at the end). Addresses and ports are hex, the addresses in host byte
// order per 32-bit word: 0100007F is 127.0.0.1 on a little-endian machine. From
// tests/data/proc-ipv4/net/tcp, a listener and a TIME_WAIT socket:
//
// clang-format off
//   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
//    2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12705 1 000000004754f58f 100 0 0 10 0
//   14: 0100007F:9F56 0100007F:0016 06 00000000:00000000 03:0000173D 00000000     0        0 0 3 00000000fc2ff4f5
// clang-format on
//
// Columns: slot, local address:port, remote address:port, state (hex, tcp_states.h),
// tx_queue:rx_queue, timer:expiry, retransmits, uid, probes/timeout, inode, then
// per-kind columns that are not read here.
Result<ProcNetParseStats> parseProcNet(
    QByteArrayView text, Protocol protocol, Family family, std::vector<SocketRecord> &out, quint32 stateMask)
{
    const char *p = text.data();
    const char *const end = p + text.size();

    const char *headerEnd
        = p ? static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))) : nullptr;
    if (!headerEnd) {
        return Error { QStringLiteral("%1 is empty or has no complete header line; was the file read to the end?")
                           .arg(fileName(protocol, family)) };
    }
    if (!headerMatches(p, headerEnd, protocol, family)) {
        const qsizetype shown = std::min<qsizetype>(headerEnd - p, 80);
        return Error { QStringLiteral("Not a %1 table: the first line is \"%2\", not the kernel's column header.")
                           .arg(fileName(protocol, family), QString::fromUtf8(p, shown).trimmed()) };
    }
    p = headerEnd + 1;

    ProcNetParseStats stats;
    bool reserved = stateMask != AllStates; // with a filter the count is unknown; let it grow
    SocketRecord record;
    record.protocol = protocol;
    record.family = family;

    while (p < end) {
        const char *lineEnd = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        // The kernel ends every line with '\n'; a last line without one was cut short
        // (a read that stopped early, a truncated copy), so its last column cannot be trusted.
        const bool complete = lineEnd != nullptr;
        if (!complete)
            lineEnd = end;

        const char *first = p;
        while (first != lineEnd && *first == ' ')
            ++first;
        if (first == lineEnd) { // blank line: not a socket, not an error
            p = lineEnd + 1;
            continue;
        }

        if (!reserved) {
            // Lines in one file have nearly the same length (tcp pads them to 149
            // columns), so the first one predicts the count.
            const auto lineLength = std::max<std::ptrdiff_t>(lineEnd - p, 64);
            out.reserve(out.size() + static_cast<std::size_t>((end - p) / lineLength) + 1);
            reserved = true;
        }

        record.state = SocketState::Unknown;
        if (!complete || !parseLine(p, lineEnd, family, record)) {
            ++stats.skipped;
        } else if (stateMask & stateBit(record.state)) {
            out.push_back(record);
            ++stats.parsed;
        }
        p = lineEnd + 1;
    }
    return stats;
}

} // namespace Sockpit
