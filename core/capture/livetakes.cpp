// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/livetakes.h"

#include "sampling/procroot.h"

#include <QMutexLocker>

#include <unistd.h>

namespace Sockpit {

bool LiveTakes::add(const Snapshot &snapshot)
{
    if (snapshot.isNull() || snapshot.isSummaryOnly() || snapshot.stateFilter() != AllStates)
        return false;
    QMutexLocker lock(&m_mutex);
    ++m_serial;
    const qint64 ms = snapshot.monotonicMs();
    // A sampler restarted (another hub) counts time anew: start over rather than pair
    // takes of two clocks.
    if (!m_latest.isNull() && ms < m_latest.monotonicMs()) {
        m_earlier = m_candidate = m_later = m_pairEarlier = Snapshot();
    }
    m_latest = snapshot;
    if (m_earlier.isNull()) {
        m_earlier = snapshot;
    } else if (m_candidate.isNull()) {
        if (ms - m_earlier.monotonicMs() >= m_gapMs)
            m_candidate = snapshot;
    } else if (ms - m_candidate.monotonicMs() >= m_gapMs) {
        // The earlier take moves up, so the pair never spans much more than twice the gap.
        m_earlier = m_candidate;
        m_candidate = snapshot;
    }
    if (snapshot.hasOwners()) {
        // The pair is fixed when its later take arrives: the earlier takes move on with
        // every tick, and could pass a later take that no newer one replaces.
        Snapshot earlier;
        for (const Snapshot *candidate : {&m_candidate, &m_earlier}) {
            if (!candidate->isNull() && ms - candidate->monotonicMs() >= m_gapMs) {
                earlier = *candidate;
                break;
            }
        }
        // A later take without a take far enough before it keeps the last whole pair.
        if (!earlier.isNull() || m_pairEarlier.isNull()) {
            m_pairEarlier = earlier;
            m_later = snapshot;
            m_laterSerial = m_serial;
        }
    }
    return true;
}

void LiveTakes::clear()
{
    QMutexLocker lock(&m_mutex);
    m_earlier = m_candidate = m_later = m_pairEarlier = m_latest = Snapshot();
    m_laterSerial = 0;
}

std::optional<LiveTakes::Pair> LiveTakes::pair(quint64 afterSerial) const
{
    QMutexLocker lock(&m_mutex);
    if (m_later.isNull() || m_pairEarlier.isNull() || m_laterSerial <= afterSerial)
        return std::nullopt;
    return Pair{m_pairEarlier, m_later, m_laterSerial};
}

quint64 LiveTakes::serial() const
{
    QMutexLocker lock(&m_mutex);
    return m_serial;
}

Result<Observation> observeTakes(const Snapshot &earlier, const Snapshot &later, const MachineReaders &readers)
{
    if (later.isNull() || later.isSummaryOnly())
        return Error{QStringLiteral("no snapshot with every socket to analyse yet")};
    const ProcRoot root(readers.procDirectory);
    Observation observation;
    const auto text = [&root](QStringView file) {
        auto read = root.read(file);
        return read ? QString::fromUtf8(read.value().trimmed()) : QString();
    };
    observation.kernelRelease = text(u"sys/kernel/osrelease");
    observation.hostName = text(u"sys/kernel/hostname");
    for (const QString &key : analysedSysctls()) {
        if (auto value = root.sysctl(key))
            observation.sysctls.insert(key, QString::fromUtf8(value.value()));
    }
    if (auto meminfo = root.read(u"meminfo"))
        observation.memory = parseMemInfo(meminfo.value());
    observation.pageSize = readers.pageSize > 0 ? readers.pageSize : qint64(::sysconf(_SC_PAGESIZE));
    observation.pageSizeKnown = true;
    observation.queueDisciplines = kernelQueueDisciplines(observation.kernelRelease, readers.modulesDirectory,
                                                          readers.sysModuleDirectory);

    const qint64 intervalMs = earlier.isNull() ? 0 : later.monotonicMs() - earlier.monotonicMs();
    if (intervalMs > 0) {
        // The sampler's rates cover one tick; the analysis wants them over its two takes.
        observation.intervalSeconds = double(intervalMs) / 1000.0;
        CounterSet counters = later.counters();
        counters.deriveRates(earlier.counters(), observation.intervalSeconds);
        observation.earlier = earlier;
        observation.later = SnapshotBuilder(later).setCounters(std::move(counters)).build();
    } else {
        observation.later = later;
    }
    observation.kernelLog = readKernelLog(readers.kernelLog);
    return observation;
}

} // namespace Sockpit
