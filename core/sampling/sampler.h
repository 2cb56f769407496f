// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sampling/owners.h"
#include "sampling/procroot.h"
#include "sampling/snapshot.h"

#include <QElapsedTimer>

#include <memory>
#include <optional>

namespace Sockpit {

class SockDiag;

struct SamplerOptions
{
    quint32 states = AllStates; // kernel-side state filter for the dump
    bool tcpInfo = true;        // ask for tcp_info (rtt, rttvar, retransmits, cwnd)
    bool owners = false;        // map sockets to processes
    bool summaryOnly = false;   // O(1) sources only: sockstat, counters, sysctls; no dump
    bool forceProc = false;     // read /proc/net/* even when netlink works
};

// Takes snapshots. Not a QObject and not thread-safe: one Sampler lives on one thread
// (SampleHub's worker, or the CLI's main thread) and keeps what repeats cheap between
// ticks: the netlink socket, the owner cache, the previous counters for rates.
class Sampler
{
public:
    explicit Sampler(ProcRoot root = ProcRoot());
    ~Sampler();
    Sampler(const Sampler &) = delete;
    Sampler &operator=(const Sampler &) = delete;

    Result<Snapshot> sample(const SamplerOptions &options);

    // Samplers constructed and samples taken in this process, by any of them: lets a
    // test prove that a path reuses snapshots instead of sampling again.
    static quint64 instancesCreated();
    static quint64 samplesTaken();

    const ProcRoot &root() const { return m_root; }
    const OwnerResolver &ownerResolver() const { return m_owners; }

private:
    Result<SnapshotSource> dumpSockets(const SamplerOptions &options, std::vector<SocketRecord> &out,
                                       QStringList &notes, bool &damaged);
    // Reads one table of /proc/net on its own: a file that is missing, unreadable or not
    // the kernel's table is left out with a note naming it and why, and so are malformed
    // lines (counted); either makes the snapshot incomplete.
    enum class TableRead { Read, Absent, Refused };
    TableRead readProcNet(Protocol protocol, Family family, quint32 states, std::vector<SocketRecord> &out,
                     QStringList &notes, bool &damaged) const;

    ProcRoot m_root;
    std::unique_ptr<SockDiag> m_diag;
    bool m_netlinkRefused = false;
    QString m_netlinkRefusal;
    OwnerResolver m_owners;
    CounterSet m_previousCounters;
    qint64 m_previousCountersMs = -1;
    QElapsedTimer m_clock;
    size_t m_lastSocketCount = 0;
};

} // namespace Sockpit
