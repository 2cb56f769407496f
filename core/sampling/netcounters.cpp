// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/netcounters.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace Sockpit {

namespace {

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

std::string_view view(QByteArrayView bytes)
{
    return std::string_view(bytes.data(), static_cast<std::size_t>(bytes.size()));
}

std::string_view nextWord(const char *&p, const char *end)
{
    while (p != end && *p == ' ')
        ++p;
    const char *start = p;
    while (p != end && *p != ' ')
        ++p;
    return std::string_view(start, static_cast<std::size_t>(p - start));
}

std::string_view lineAt(const char *&p, const char *end)
{
    const char *lineEnd = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!lineEnd)
        lineEnd = end;
    const std::string_view line(p, static_cast<std::size_t>(lineEnd - p));
    p = lineEnd == end ? end : lineEnd + 1;
    return line;
}

// Signed: most counters are unsigned long, but a few are signed ("Tcp: MaxConn" is -1,
// RFC 2012's "dynamic"). A value that does not fit is not kept.
bool parseValue(std::string_view word, qint64 &value)
{
    bool negative = false;
    if (!word.empty() && word.front() == '-') {
        negative = true;
        word.remove_prefix(1);
    }
    if (word.empty() || word.size() > 18)
        return false;
    qint64 v = 0;
    for (char c : word) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    value = negative ? -v : v;
    return true;
}

std::string_view prefixOf(std::string_view line)
{
    const auto colon = line.find(':');
    return colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
}

// /proc/net/snmp (net/ipv4/proc.c snmp_seq_show) and /proc/net/netstat (netstat_seq_show)
// print each group as a line of names and a line of values with the same label:
//   Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens ...
//   Tcp: 1 200 120000 -1 7 ...
// A pair whose lengths disagree is left out whole rather than misaligned.
void parseGroups(std::vector<Counter> &out, QByteArrayView text)
{
    const char *p = text.data();
    const char *const end = p + text.size();
    while (p < end) {
        const std::string_view names = lineAt(p, end);
        const std::string_view prefix = prefixOf(names);
        if (prefix.empty() || p >= end)
            continue;
        const char *afterNames = p;
        const std::string_view values = lineAt(p, end);
        if (prefixOf(values) != prefix) {
            p = afterNames; // not a pair; the second line may start the next one
            continue;
        }

        const char *n = names.data() + prefix.size() + 1;
        const char *const nEnd = names.data() + names.size();
        const char *v = values.data() + prefix.size() + 1;
        const char *const vEnd = values.data() + values.size();
        const std::size_t first = out.size();
        bool consistent = true;
        for (;;) {
            const std::string_view name = nextWord(n, nEnd);
            const std::string_view valueWord = nextWord(v, vEnd);
            if (name.empty() || valueWord.empty()) {
                consistent = name.empty() && valueWord.empty();
                break;
            }
            Counter counter;
            if (!parseValue(valueWord, counter.value))
                continue;
            counter.name.reserve(static_cast<qsizetype>(prefix.size() + 1 + name.size()));
            counter.name.append(prefix.data(), static_cast<qsizetype>(prefix.size()));
            counter.name.append('.');
            counter.name.append(name.data(), static_cast<qsizetype>(name.size()));
            out.push_back(std::move(counter));
        }
        if (!consistent)
            out.resize(first);
    }
}

} // namespace

CounterSet CounterSet::parse(QByteArrayView snmp, QByteArrayView netstat)
{
    CounterSet set;
    set.m_counters.reserve(512);
    parseGroups(set.m_counters, snmp);
    parseGroups(set.m_counters, netstat);
    std::stable_sort(set.m_counters.begin(), set.m_counters.end(),
        [](const Counter &a, const Counter &b) { return view(a.name) < view(b.name); });
    // A name printed twice (never by one kernel) keeps its first value.
    const auto last = std::unique(set.m_counters.begin(), set.m_counters.end(),
        [](const Counter &a, const Counter &b) { return a.name == b.name; });
    set.m_counters.erase(last, set.m_counters.end());
    return set;
}

const Counter *CounterSet::find(QByteArrayView name) const
{
    const std::string_view key = view(name);
    const auto it = std::lower_bound(m_counters.begin(), m_counters.end(), key,
        [](const Counter &c, std::string_view k) { return view(c.name) < k; });
    if (it == m_counters.end() || view(it->name) != key)
        return nullptr;
    return &*it;
}

std::optional<qint64> CounterSet::value(QByteArrayView name) const
{
    if (const Counter *c = find(name))
        return c->value;
    return std::nullopt;
}

std::optional<double> CounterSet::rate(QByteArrayView name) const
{
    const Counter *c = find(name);
    if (!c || c->perSecond < 0)
        return std::nullopt;
    return c->perSecond;
}

void CounterSet::deriveRates(const CounterSet &earlier, double seconds)
{
    // Both sets are sorted by name, so one merge walk pairs them.
    auto old = earlier.m_counters.begin();
    const auto oldEnd = earlier.m_counters.end();
    for (Counter &counter : m_counters) {
        counter.perSecond = -1;
        while (old != oldEnd && view(old->name) < view(counter.name))
            ++old;
        if (old == oldEnd || old->name != counter.name)
            continue;
        // A counter that went backwards was reset (a namespace recreated, a bundle from
        // another boot); a rate across that would be nonsense. !(seconds > 0) also
        // catches NaN.
        if (!(seconds > 0) || counter.value < old->value)
            continue;
        counter.perSecond = static_cast<double>(counter.value - old->value) / seconds;
    }
}

const std::vector<QByteArray> &keyCounterNames()
{
    // Names as include/uapi/linux/snmp.h's MIBs print them in /proc/net/snmp ("Tcp") and
    // /proc/net/netstat ("TcpExt", net/ipv4/proc.c snmp4_net_list).
    static const std::vector<QByteArray> names = {
        QByteArrayLiteral("Tcp.RetransSegs"),
        QByteArrayLiteral("Tcp.OutSegs"),
        QByteArrayLiteral("Tcp.ActiveOpens"),
        QByteArrayLiteral("Tcp.PassiveOpens"),
        QByteArrayLiteral("Tcp.CurrEstab"),
        QByteArrayLiteral("Tcp.AttemptFails"),
        QByteArrayLiteral("Tcp.EstabResets"),
        QByteArrayLiteral("TcpExt.ListenOverflows"),
        QByteArrayLiteral("TcpExt.ListenDrops"),
        QByteArrayLiteral("TcpExt.TCPTimeWaitOverflow"),
        QByteArrayLiteral("TcpExt.TWRecycled"),
        QByteArrayLiteral("TcpExt.TW"),
        QByteArrayLiteral("TcpExt.TCPAbortOnTimeout"),
        QByteArrayLiteral("TcpExt.TCPAbortOnData"),
        QByteArrayLiteral("TcpExt.SyncookiesSent"),
        QByteArrayLiteral("TcpExt.TCPReqQFullDrop"),
    };
    return names;
}

} // namespace Sockpit
