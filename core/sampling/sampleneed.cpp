// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/sampleneed.h"

#include "sampling/sampler.h"

#include <algorithm>

namespace Sockpit {

SampleNeed SampleNeed::united(const SampleNeed &other) const
{
    return {states | other.states, tcpInfo || other.tcpInfo, owners || other.owners};
}

bool SampleNeed::covers(const SampleNeed &other) const
{
    return (other.states & ~states) == 0 && (tcpInfo || !other.tcpInfo || other.states == 0)
           && (owners || !other.owners || other.states == 0);
}

SamplerOptions SampleNeed::options(SamplerOptions base) const
{
    base.summaryOnly = states == 0;
    base.states = states == 0 ? AllStates : states;
    // tcp_info and owners describe dumped sockets: without a dump there is nothing to ask.
    base.tcpInfo = states != 0 && tcpInfo;
    base.owners = states != 0 && owners;
    return base;
}

bool SampleDemand::set(const void *consumer, SampleNeed need)
{
    const auto it = std::find_if(m_needs.begin(), m_needs.end(), [consumer](const auto &entry) {
        return entry.first == consumer;
    });
    // Owners and tcp_info without sockets mean nothing; keep only what a tick can hold.
    if (need.states == 0)
        need = SampleNeed::summary();
    if (need.isSummary()) {
        if (it != m_needs.end())
            m_needs.erase(it);
    } else if (it != m_needs.end()) {
        it->second = need;
    } else {
        m_needs.emplace_back(consumer, need);
    }
    SampleNeed united;
    for (const auto &entry : m_needs)
        united = united.united(entry.second);
    const bool changed = !(united == m_united);
    m_united = united;
    return changed;
}

SampleNeed SampleDemand::of(const void *consumer) const
{
    for (const auto &entry : m_needs)
        if (entry.first == consumer)
            return entry.second;
    return SampleNeed::summary();
}

} // namespace Sockpit
