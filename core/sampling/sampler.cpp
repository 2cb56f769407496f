// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/sampler.h"

#include "sampling/procnetparser.h"
#include "sampling/sockdiag.h"

#include <atomic>
#include <cerrno>

namespace Sockpit {

namespace {

constexpr quint32 UdpStates = stateBit(SocketState::Established) | stateBit(SocketState::Close);

bool isRefusal(int error)
{
    return error == EPERM || error == EACCES || error == EPROTONOSUPPORT || error == EAFNOSUPPORT;
}

} // namespace

namespace {
std::atomic<quint64> samplersCreated{0};
std::atomic<quint64> samplesCount{0};
} // namespace

Sampler::Sampler(ProcRoot root) : m_root(root), m_owners(root)
{
    m_clock.start();
    samplersCreated.fetch_add(1, std::memory_order_relaxed);
}

quint64 Sampler::instancesCreated()
{
    return samplersCreated.load(std::memory_order_relaxed);
}

quint64 Sampler::samplesTaken()
{
    return samplesCount.load(std::memory_order_relaxed);
}

Sampler::~Sampler() = default;

Sampler::TableRead Sampler::readProcNet(Protocol protocol, Family family, quint32 states, std::vector<SocketRecord> &out,
                          QStringList &notes, bool &damaged) const
{
    for (const ProcNetTable &table : ProcNetTables) {
        if (table.protocol != protocol || table.family != family)
            continue;
        const QStringView file(table.file);
        auto text = m_root.read(file);
        if (!text) {
            // No IPv6 in this kernel: its tables are absent, not broken.
            if (family == Family::IPv6 && text.errorCode() == ENOENT)
                return TableRead::Absent;
            notes.append(QStringLiteral("%1: its sockets are left out").arg(text.error()));
            damaged = true;
            return TableRead::Refused;
        }
        const size_t before = out.size();
        auto parsed = parseProcNet(text.value(), protocol, family, out, states);
        if (!parsed) {
            out.resize(before);
            notes.append(QStringLiteral("%1 refused, its sockets are left out: %2").arg(m_root.path(file), parsed.error()));
            damaged = true;
            return TableRead::Refused;
        }
        if (parsed->skipped > 0) {
            notes.append(QStringLiteral("%1: %2 malformed line(s) left out").arg(m_root.path(file)).arg(parsed->skipped));
            damaged = true;
        }
        return TableRead::Read;
    }
    return TableRead::Absent;
}

Result<SnapshotSource> Sampler::dumpSockets(const SamplerOptions &options, std::vector<SocketRecord> &out,
                                            QStringList &notes, bool &damaged)
{
    bool useNetlink = m_root.isLive() && !options.forceProc && !m_netlinkRefused;
    if (useNetlink && !m_diag) {
        auto diag = SockDiag::open();
        if (diag) {
            m_diag = std::move(diag).value();
        } else if (isRefusal(diag.errorCode())) {
            m_netlinkRefused = true;
            m_netlinkRefusal = diag.error();
            useNetlink = false;
        } else {
            return diag.failure();
        }
    }
    if (m_netlinkRefused && m_root.isLive() && !options.forceProc)
        notes.append(QStringLiteral("netlink refused (%1): sockets read from /proc/net").arg(m_netlinkRefusal));

    int readable = 0; // tables read, by netlink or from /proc
    QStringList refused;
    for (const ProcNetTable &table : ProcNetTables) {
        const quint32 states = table.protocol == Protocol::Udp ? options.states & UdpStates : options.states;
        if (states == 0)
            continue;
        if (useNetlink) {
            DumpRequest request{table.protocol, table.family, states, options.tcpInfo};
            const size_t before = out.size();
            Result<void> dumped = m_diag->dump(request, out);
            if (dumped) {
                // A dump the kernel flagged may have missed or doubled sockets: say so, and
                // do not pass the snapshot off as whole.
                if (m_diag->lastDumpInconsistent()) {
                    notes.append(QStringLiteral("the %1 table changed during every dump attempt: sockets may be missing or "
                                                "counted twice")
                                     .arg(QString::fromUtf16(table.file).section(QLatin1Char('/'), 1)));
                    damaged = true;
                }
                ++readable;
                continue;
            }
            out.resize(before);
            // Unloaded diag module (udp_diag), or a refusal that only dumps hit: read this
            // table from /proc instead and say so.
            if (dumped.errorCode() != ENOENT && dumped.errorCode() != EOPNOTSUPP && !isRefusal(dumped.errorCode()))
                return dumped.failure();
            notes.append(QStringLiteral("%1: read from %2 instead").arg(dumped.error(), m_root.path(QStringView(table.file))));
        }
        switch (readProcNet(table.protocol, table.family, states, out, notes, damaged)) {
        case TableRead::Read: ++readable; break;
        case TableRead::Absent: break;
        case TableRead::Refused: refused << m_root.path(QStringView(table.file)); break;
        }
    }
    // Some tables refused: the others are still worth showing, with notes. None readable
    // at all: there is nothing to show the sockets from.
    if (readable == 0 && !refused.isEmpty())
        return Error{QStringLiteral("no socket table could be read (%1): %2")
                         .arg(refused.join(QStringLiteral(", ")), notes.isEmpty() ? QString() : notes.last()),
                     EPROTO};
    return useNetlink ? SnapshotSource::Netlink : SnapshotSource::Proc;
}

Result<Snapshot> Sampler::sample(const SamplerOptions &options)
{
    samplesCount.fetch_add(1, std::memory_order_relaxed);
    SnapshotBuilder builder;
    builder.setTakenAt(QDateTime::currentDateTimeUtc(), m_clock.elapsed());
    builder.setSummaryOnly(options.summaryOnly);
    builder.setTcpInfo(!options.summaryOnly && options.tcpInfo);
    builder.setStateFilter(options.states);
    QStringList notes;

    // O(1) sources first: they are what a summary is made of.
    auto sockstat = m_root.read(u"net/sockstat");
    if (!sockstat)
        return sockstat.failure();
    auto sockstat6 = m_root.read(u"net/sockstat6");
    const SockStat sockStat = parseSockStat(sockstat.value(), sockstat6 ? QByteArrayView(sockstat6.value()) : QByteArrayView());
    builder.setSockStat(sockStat);
    // Two small files, there only while nf_conntrack is loaded (nf_conntrack-sysctl.rst):
    // the conntrack wizard's Verify follows the count from them.
    const auto sysctlNumber = [this](QStringView key) -> qint64 {
        auto text = m_root.sysctl(key);
        bool ok = false;
        const qint64 value = text ? text->trimmed().toLongLong(&ok) : -1;
        return ok ? value : -1;
    };
    builder.setConntrack(sysctlNumber(u"net/netfilter/nf_conntrack_count"), sysctlNumber(u"net/netfilter/nf_conntrack_max"));

    auto snmp = m_root.read(u"net/snmp");
    auto netstat = m_root.read(u"net/netstat");
    if (!snmp)
        notes.append(snmp.error());
    CounterSet counters = CounterSet::parse(snmp ? QByteArrayView(snmp.value()) : QByteArrayView(),
                                            netstat ? QByteArrayView(netstat.value()) : QByteArrayView());
    const qint64 now = m_clock.elapsed();
    if (m_previousCountersMs >= 0 && now > m_previousCountersMs)
        counters.deriveRates(m_previousCounters, double(now - m_previousCountersMs) / 1000.0);
    m_previousCounters = counters;
    m_previousCountersMs = now;
    builder.setCounters(std::move(counters));

    EphemeralConfig ports;
    if (auto config = readEphemeralConfig(m_root))
        ports = config.value();
    else
        notes.append(config.error());

    if (options.summaryOnly) {
        EphemeralUsage usage;
        usage.config = ports;
        usage.usable = ports.usable();
        usage.inUse = -1;
        usage.distinctPorts = -1;
        usage.listenersInRange = -1;
        builder.setEphemeral(std::move(usage));
        builder.setSource(SnapshotSource::Proc); // every figure came from a /proc file
    } else {
        // The snapshot owns its sockets, so the vector is handed over each tick; reserving
        // last tick's size keeps it to one allocation without regrowth.
        // sockstat counts what the dump is about to return, so even a first sample (the
        // CLI's only one) allocates once.
        size_t expected = m_lastSocketCount;
        for (qint64 n : {sockStat.tcpInUse, sockStat.tcp6InUse, sockStat.timeWait, sockStat.udpInUse, sockStat.udp6InUse})
            expected += m_lastSocketCount == 0 && n > 0 ? size_t(n) : 0;
        std::vector<SocketRecord> sockets;
        sockets.reserve(expected + expected / 8 + 64);
        bool damaged = false;
        auto source = dumpSockets(options, sockets, notes, damaged);
        if (!source)
            return source.failure();
        m_lastSocketCount = sockets.size();
        builder.setSource(source.value());
        builder.setEphemeral(analyseEphemeral(ports, sockets));
        if (options.owners)
            builder.setOwners(m_owners.resolve(sockets));
        builder.setSockets(std::move(sockets));
        builder.setDamaged(damaged);
    }
    for (const QString &note : std::as_const(notes))
        builder.addNote(note);
    return builder.build();
}

} // namespace Sockpit
