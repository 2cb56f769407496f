// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/ephemeral.h"
#include "sampling/netcounters.h"
#include "sampling/owners.h"
#include "sampling/sampleneed.h"
#include "sampling/socketrecord.h"
#include "sampling/sockstat.h"

#include <QDateTime>
#include <QMetaType>
#include <QSharedDataPointer>
#include <QStringList>

#include <array>
#include <vector>

namespace Sockpit {

enum class SnapshotSource : quint8 { Netlink, Proc };

using StateCounts = std::array<int, StateCount>; // indexed by SocketState

// Everything one sampling tick saw. Immutable and implicitly shared: it crosses threads
// by value, and every panel showing a tick reads the same numbers.
class Snapshot
{
public:
    Snapshot();
    Snapshot(const Snapshot &other);
    Snapshot(Snapshot &&other) noexcept;
    Snapshot &operator=(const Snapshot &other);
    Snapshot &operator=(Snapshot &&other) noexcept;
    ~Snapshot();

    QDateTime takenAt() const;     // UTC
    qint64 monotonicMs() const;    // for rates and chart x values
    SnapshotSource source() const;
    bool isSummaryOnly() const;    // no per-socket dump of TIME_WAIT: counts from sockstat
    // Every socket of the tables asked for is in it: not summary-only, no table refused, no
    // malformed line left out (the notes say which and why).
    bool isComplete() const;
    quint32 stateFilter() const;   // the kernel-side filter the dump used

    const std::vector<SocketRecord> &sockets() const;
    // Per-state counts; -1 for a state a summary-only snapshot cannot know.
    const StateCounts &counts(Protocol protocol) const;
    int count(Protocol protocol, SocketState state) const;
    const SockStat &sockStat() const;
    const CounterSet &counters() const;
    const EphemeralUsage &ephemeral() const;
    const OwnerTable &owners() const;
    bool hasOwners() const;
    // net.netfilter.nf_conntrack_count and nf_conntrack_max; -1 without nf_conntrack loaded.
    qint64 conntrackCount() const;
    qint64 conntrackMax() const;
    bool hasTcpInfo() const; // the dump asked for tcp_info
    // What this tick holds, in the terms consumers ask in (sampleneed.h): the states
    // dumped (0 when summary-only), tcp_info and owners. A consumer whose need it does
    // not cover shows what it can (counts from sockstat) and waits for a tick that does.
    SampleNeed held() const;
    // Things the user should know about how this snapshot was taken ("udp_diag is not
    // available: UDP sockets read from /proc/net/udp").
    const QStringList &notes() const;

    bool isNull() const;

private:
    friend class Sampler;
    friend class SnapshotBuilder;
    struct Data;
    QSharedDataPointer<Data> d;
};

// For tests and capture bundles: assembles a snapshot from parts.
class SnapshotBuilder
{
public:
    SnapshotBuilder();
    // Starts from every part of FROM, to change a few (counters with other rates, a
    // capture's take given the capture's own times).
    explicit SnapshotBuilder(const Snapshot &from);
    SnapshotBuilder &setTakenAt(const QDateTime &utc, qint64 monotonicMs);
    SnapshotBuilder &setSource(SnapshotSource source);
    SnapshotBuilder &setSummaryOnly(bool summaryOnly);
    SnapshotBuilder &setStateFilter(quint32 states);
    SnapshotBuilder &setSockets(std::vector<SocketRecord> sockets);
    SnapshotBuilder &setSockStat(const SockStat &sockStat);
    SnapshotBuilder &setCounters(CounterSet counters);
    SnapshotBuilder &setEphemeral(EphemeralUsage ephemeral);
    SnapshotBuilder &setOwners(OwnerTable owners);
    SnapshotBuilder &setConntrack(qint64 count, qint64 max);
    SnapshotBuilder &setTcpInfo(bool asked);
    SnapshotBuilder &addNote(const QString &note);
    // A table or some lines could not be read: the sockets are not all there.
    SnapshotBuilder &setDamaged(bool damaged);
    // Counts per state from the sockets; in summary mode TIME_WAIT comes from sockstat.
    // A dump filtered to some states knows nothing of the others: their counts are -1,
    // TIME_WAIT's from sockstat.
    Snapshot build();

private:
    Snapshot m_snapshot;
};

} // namespace Sockpit

Q_DECLARE_METATYPE(Sockpit::Snapshot)
