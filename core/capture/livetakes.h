// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "capture/kernellog.h"
#include "capture/observation.h"
#include "sampling/snapshot.h"

#include <QMutex>

#include <optional>

namespace Sockpit {

// The live machine observed from snapshots a sampler has taken already (a window's
// SampleHub): the analysis needs two takes a few seconds apart, every socket, and the
// owners of the later one. Fed on one thread, read on another; keeps at most five
// snapshots (the earlier take, the candidate to become it, the latest, and the pair
// fixed when its later take came), all shared with what the window holds anyway.
class LiveTakes
{
public:
    // What the analysis needs the later take to hold (sampleneed.h).
    static SampleNeed need() { return SampleNeed::everySocket(false, true); }

    explicit LiveTakes(qint64 minimumGapMs = 3000) : m_gapMs(minimumGapMs) {}

    // Keeps SNAPSHOT if it dumped every socket; the others (summaries, filtered dumps)
    // cannot be analysed and are ignored. Returns whether it was kept.
    bool add(const Snapshot &snapshot);
    void clear();

    struct Pair
    {
        Snapshot earlier;
        Snapshot later;
        quint64 laterSerial = 0; // grows with every snapshot kept
    };
    // The latest take holding owners with one at least the minimum gap before it; with
    // AFTERSERIAL, only when the later take was kept after that serial (a fresh one).
    std::optional<Pair> pair(quint64 afterSerial = 0) const;
    // The serial of the last snapshot kept, 0 before any.
    quint64 serial() const;
    qint64 minimumGapMs() const { return m_gapMs; }

private:
    mutable QMutex m_mutex;
    qint64 m_gapMs;
    Snapshot m_earlier;   // at least the gap before m_later once the gap has passed
    Snapshot m_candidate; // the gap after m_earlier: the next m_earlier
    Snapshot m_later;       // the latest snapshot with owners that has an earlier take
    Snapshot m_pairEarlier; // its earlier take, chosen when it arrived
    Snapshot m_latest;    // the latest snapshot kept, with or without owners
    quint64 m_serial = 0;
    quint64 m_laterSerial = 0;
};

// Where observeTakes() reads what snapshots do not hold.
struct MachineReaders
{
    QString procDirectory = QStringLiteral("/proc");
    KernelLogReaders kernelLog; // /dev/kmsg, then the journal
    qint64 pageSize = -1;       // bytes; -1: the running kernel's
    QString modulesDirectory = QStringLiteral("/lib/modules"); // kernelQueueDisciplines()
    QString sysModuleDirectory = QStringLiteral("/sys/module");
};

// An Observation from two snapshots (EARLIER may be null: no rates) and, read now, the
// analysed sysctls, the kernel release and host name, meminfo, the page size and the
// kernel log. The later take's counter rates are derived over the two takes' interval,
// as observeTree() derives them from a tree. Nothing is written and nothing sampled.
Result<Observation> observeTakes(const Snapshot &earlier, const Snapshot &later, const MachineReaders &readers = {});

} // namespace Sockpit
