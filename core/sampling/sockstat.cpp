// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/sockstat.h"

#include <cstring>
#include <string_view>

namespace Sockpit {

namespace {

// Next whitespace-separated word of [p, end), or empty at the end.
std::string_view nextWord(const char *&p, const char *end)
{
    while (p != end && (*p == ' ' || *p == '\t'))
        ++p;
    const char *start = p;
    while (p != end && *p != ' ' && *p != '\t')
        ++p;
    return std::string_view(start, static_cast<std::size_t>(p - start));
}

// A non-negative decimal, or -1 when the word is not one (a key without its value).
qint64 number(std::string_view word)
{
    if (word.empty() || word.size() > 18)
        return -1;
    qint64 v = 0;
    for (char c : word) {
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

struct Field
{
    std::string_view prefix; // the line's label without ':'
    std::string_view key;
    qint64 SockStat::*member;
};

// net/ipv4/proc.c sockstat_seq_show and net/ipv6/proc.c sockstat6_seq_show. "mem" is in
// pages; "tw" counts the namespace's TIME_WAIT sockets of both families.
constexpr Field Fields[] = {
    { "sockets", "used", &SockStat::socketsUsed },
    { "TCP", "inuse", &SockStat::tcpInUse },
    { "TCP", "orphan", &SockStat::tcpOrphans },
    { "TCP", "tw", &SockStat::timeWait },
    { "TCP", "alloc", &SockStat::tcpAllocated },
    { "TCP", "mem", &SockStat::tcpMemoryPages },
    { "UDP", "inuse", &SockStat::udpInUse },
    { "UDP", "mem", &SockStat::udpMemoryPages },
    { "RAW", "inuse", &SockStat::rawInUse },
    { "TCP6", "inuse", &SockStat::tcp6InUse },
    { "UDP6", "inuse", &SockStat::udp6InUse },
    { "RAW6", "inuse", &SockStat::raw6InUse },
};

// Lines look like "TCP: inuse 5 orphan 0 tw 0 alloc 8 mem 1": a label, then key/value pairs.
void parseInto(SockStat &stat, QByteArrayView text)
{
    const char *p = text.data();
    const char *const end = p + text.size();
    while (p < end) {
        const char *lineEnd = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!lineEnd)
            lineEnd = end;
        const char *q = p;
        std::string_view label = nextWord(q, lineEnd);
        if (!label.empty() && label.back() == ':') {
            label.remove_suffix(1);
            for (;;) {
                const std::string_view key = nextWord(q, lineEnd);
                if (key.empty())
                    break;
                const qint64 value = number(nextWord(q, lineEnd));
                for (const Field &field : Fields) {
                    if (field.prefix == label && field.key == key)
                        stat.*field.member = value;
                }
            }
        }
        p = lineEnd + 1;
    }
}

} // namespace

SockStat parseSockStat(QByteArrayView sockstat, QByteArrayView sockstat6)
{
    SockStat stat;
    parseInto(stat, sockstat);
    parseInto(stat, sockstat6);
    return stat;
}

} // namespace Sockpit
