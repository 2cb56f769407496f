// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/socketrecord.h"

#include <QMetaType>

#include <vector>

namespace Sockpit {

struct SamplerOptions;

// What one consumer of snapshots needs a tick to hold. Every tick reads the O(1) sources
// (sockstat, snmp and netstat counters, the port range) whatever is asked; a dump of the
// sockets costs in proportion to the table, tcp_info to the sockets it covers, and owners
// a walk of every process's fd table, so each is taken only when someone shows it.
struct SampleNeed
{
    quint32 states = 0;   // sockets dumped, by the kernel's state filter; 0: no dump
    bool tcpInfo = false; // rtt, rttvar, retransmits, cwnd of every dumped TCP socket
    bool owners = false;  // the processes holding the dumped sockets

    static SampleNeed summary() { return {}; }
    static SampleNeed everySocket(bool tcpInfo = false, bool owners = false) { return {AllStates, tcpInfo, owners}; }

    bool isSummary() const { return states == 0; }
    // What both need: the union of the states, tcp_info or owners if either wants them.
    SampleNeed united(const SampleNeed &other) const;
    // Whether a snapshot holding THIS serves a consumer needing OTHER.
    bool covers(const SampleNeed &other) const;
    // The sampler's options for this need; the rest of BASE (forceProc) is kept.
    SamplerOptions options(SamplerOptions base) const;
    bool operator==(const SampleNeed &other) const = default;
};

// The needs of the consumers of one hub, each under its own key (a page, a wizard, the
// analysis while it is due), and their union. Plain value, not thread-safe: the hub keeps
// it on the GUI thread and sends the union to its sampler.
class SampleDemand
{
public:
    // Replaces CONSUMER's need; a summary need removes it. Returns whether the union changed.
    bool set(const void *consumer, SampleNeed need);
    bool remove(const void *consumer) { return set(consumer, SampleNeed::summary()); }
    SampleNeed united() const { return m_united; }
    SampleNeed of(const void *consumer) const;
    int consumers() const { return int(m_needs.size()); }

private:
    std::vector<std::pair<const void *, SampleNeed>> m_needs;
    SampleNeed m_united;
};

} // namespace Sockpit

Q_DECLARE_METATYPE(Sockpit::SampleNeed)
