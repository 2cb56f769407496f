// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/snapshot.h"

namespace Sockpit {

struct Snapshot::Data : QSharedData
{
    QDateTime takenAt;
    qint64 monotonicMs = 0;
    SnapshotSource source = SnapshotSource::Netlink;
    bool summaryOnly = false;
    bool damaged = false;
    bool null = true;
    quint32 stateFilter = AllStates;
    std::vector<SocketRecord> sockets;
    StateCounts tcpCounts{};
    StateCounts udpCounts{};
    SockStat sockStat;
    CounterSet counters;
    EphemeralUsage ephemeral;
    OwnerTable owners;
    bool hasOwners = false;
    bool tcpInfo = false;
    qint64 conntrackCount = -1;
    qint64 conntrackMax = -1;
    QStringList notes;
};

Snapshot::Snapshot() : d(new Data) {}
Snapshot::Snapshot(const Snapshot &other) = default;
Snapshot::Snapshot(Snapshot &&other) noexcept = default;
Snapshot &Snapshot::operator=(const Snapshot &other) = default;
Snapshot &Snapshot::operator=(Snapshot &&other) noexcept = default;
Snapshot::~Snapshot() = default;

QDateTime Snapshot::takenAt() const { return d->takenAt; }
qint64 Snapshot::monotonicMs() const { return d->monotonicMs; }
SnapshotSource Snapshot::source() const { return d->source; }
bool Snapshot::isSummaryOnly() const { return d->summaryOnly; }
bool Snapshot::isComplete() const { return !d->summaryOnly && !d->damaged; }
quint32 Snapshot::stateFilter() const { return d->stateFilter; }
const std::vector<SocketRecord> &Snapshot::sockets() const { return d->sockets; }

const StateCounts &Snapshot::counts(Protocol protocol) const
{
    return protocol == Protocol::Tcp ? d->tcpCounts : d->udpCounts;
}

int Snapshot::count(Protocol protocol, SocketState state) const
{
    return counts(protocol)[static_cast<size_t>(state)];
}

const SockStat &Snapshot::sockStat() const { return d->sockStat; }
qint64 Snapshot::conntrackCount() const { return d->conntrackCount; }
qint64 Snapshot::conntrackMax() const { return d->conntrackMax; }
const CounterSet &Snapshot::counters() const { return d->counters; }
const EphemeralUsage &Snapshot::ephemeral() const { return d->ephemeral; }
const OwnerTable &Snapshot::owners() const { return d->owners; }
bool Snapshot::hasOwners() const { return d->hasOwners; }
bool Snapshot::hasTcpInfo() const { return d->tcpInfo; }

SampleNeed Snapshot::held() const
{
    if (d->null || d->summaryOnly)
        return SampleNeed::summary();
    return {d->stateFilter, d->tcpInfo, d->hasOwners};
}
const QStringList &Snapshot::notes() const { return d->notes; }
bool Snapshot::isNull() const { return d->null; }

SnapshotBuilder::SnapshotBuilder()
{
    m_snapshot.d->null = false;
    m_snapshot.d->takenAt = QDateTime::currentDateTimeUtc();
}

SnapshotBuilder::SnapshotBuilder(const Snapshot &from)
    : m_snapshot(from)
{
    m_snapshot.d->null = false;
}

SnapshotBuilder &SnapshotBuilder::setTakenAt(const QDateTime &utc, qint64 monotonicMs)
{
    m_snapshot.d->takenAt = utc.toUTC();
    m_snapshot.d->monotonicMs = monotonicMs;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setSource(SnapshotSource source)
{
    m_snapshot.d->source = source;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setSummaryOnly(bool summaryOnly)
{
    m_snapshot.d->summaryOnly = summaryOnly;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setStateFilter(quint32 states)
{
    m_snapshot.d->stateFilter = states;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setSockets(std::vector<SocketRecord> sockets)
{
    m_snapshot.d->sockets = std::move(sockets);
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setConntrack(qint64 count, qint64 max)
{
    m_snapshot.d->conntrackCount = count;
    m_snapshot.d->conntrackMax = max;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setSockStat(const SockStat &sockStat)
{
    m_snapshot.d->sockStat = sockStat;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setCounters(CounterSet counters)
{
    m_snapshot.d->counters = std::move(counters);
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setEphemeral(EphemeralUsage ephemeral)
{
    m_snapshot.d->ephemeral = std::move(ephemeral);
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setTcpInfo(bool asked)
{
    m_snapshot.d->tcpInfo = asked;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setOwners(OwnerTable owners)
{
    m_snapshot.d->owners = std::move(owners);
    m_snapshot.d->hasOwners = true;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::setDamaged(bool damaged)
{
    m_snapshot.d->damaged = damaged;
    return *this;
}

SnapshotBuilder &SnapshotBuilder::addNote(const QString &note)
{
    m_snapshot.d->notes.append(note);
    return *this;
}

Snapshot SnapshotBuilder::build()
{
    Snapshot::Data &data = *m_snapshot.d;
    data.tcpCounts.fill(0);
    data.udpCounts.fill(0);
    if (data.summaryOnly) {
        // Without a dump only what O(1) sources state is known: sockstat's tw is every
        // TIME_WAIT socket of the namespace, IPv4 and IPv6 alike.
        data.tcpCounts.fill(-1);
        data.udpCounts.fill(-1);
        if (data.sockStat.timeWait >= 0)
            data.tcpCounts[static_cast<size_t>(SocketState::TimeWait)] = static_cast<int>(data.sockStat.timeWait);
    } else {
        for (const SocketRecord &socket : data.sockets) {
            StateCounts &counts = socket.protocol == Protocol::Tcp ? data.tcpCounts : data.udpCounts;
            ++counts[static_cast<size_t>(socket.state) < counts.size() ? static_cast<size_t>(socket.state) : 0];
        }
        // States the kernel filtered out were not counted: unknown, not zero.
        for (size_t state = 1; state < size_t(StateCount); ++state) {
            if (data.stateFilter & (1u << state))
                continue;
            data.tcpCounts[state] = -1;
            data.udpCounts[state] = -1;
        }
        if (!(data.stateFilter & stateBit(SocketState::TimeWait)) && data.sockStat.timeWait >= 0)
            data.tcpCounts[static_cast<size_t>(SocketState::TimeWait)] = static_cast<int>(data.sockStat.timeWait);
    }
    Snapshot result = m_snapshot;
    m_snapshot = Snapshot();
    m_snapshot.d->null = false;
    return result;
}

} // namespace Sockpit
