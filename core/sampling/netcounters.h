// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace Sockpit {

struct Counter
{
    QByteArray name; // "Tcp.RetransSegs", "TcpExt.ListenOverflows"
    qint64 value = 0;
    double perSecond = -1; // < 0: no rate yet (first sample, or the counter went backwards)
};

// Every counter of /proc/net/snmp and /proc/net/netstat, kept by name, sorted by name.
class CounterSet
{
public:
    const std::vector<Counter> &counters() const { return m_counters; }
    bool isEmpty() const { return m_counters.empty(); }
    const Counter *find(QByteArrayView name) const;
    std::optional<qint64> value(QByteArrayView name) const;
    std::optional<double> rate(QByteArrayView name) const;

    // Fills perSecond from an earlier set taken `seconds` before this one.
    void deriveRates(const CounterSet &earlier, double seconds);

    // Both files use pairs of lines: "Tcp: Name1 Name2 ..." then "Tcp: 1 2 ...".
    static CounterSet parse(QByteArrayView snmp, QByteArrayView netstat);

private:
    std::vector<Counter> m_counters;
};

// The counters Sockpit names in its views and findings, in display order.
const std::vector<QByteArray> &keyCounterNames();

} // namespace Sockpit
