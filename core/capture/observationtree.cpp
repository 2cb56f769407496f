// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/observationtree.h"

#include "capture/socketdump.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace Sockpit {

namespace {

Result<void> writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

// net/netstat holds the extension groups (net/ipv4/proc.c netstat_seq_show); the others
// are net/snmp's (snmp_seq_show).
bool inNetstat(QByteArrayView group)
{
    return group == "TcpExt" || group == "IpExt" || group == "MPTcpExt";
}

// "Tcp: Name1 Name2\nTcp: 1 2\n" per group, in the order the set keeps them.
void renderCounters(const CounterSet &counters, QByteArray &snmp, QByteArray &netstat)
{
    QByteArray group;
    QByteArray names;
    QByteArray values;
    const auto flush = [&] {
        if (group.isEmpty())
            return;
        QByteArray &out = inNetstat(group) ? netstat : snmp;
        out += group + ':' + names + '\n' + group + ':' + values + '\n';
    };
    for (const Counter &counter : counters.counters()) {
        const qsizetype dot = counter.name.indexOf('.');
        if (dot <= 0)
            continue;
        const QByteArray prefix = counter.name.first(dot);
        if (prefix != group) {
            flush();
            group = prefix;
            names.clear();
            values.clear();
        }
        names += ' ' + counter.name.sliced(dot + 1);
        values += ' ' + QByteArray::number(counter.value);
    }
    flush();
}

// The lines of net/sockstat and net/sockstat6 parseSockStat() reads; absent figures (-1)
// are left out, as an older kernel leaves them out.
void renderSockStat(const SockStat &s, QByteArray &v4, QByteArray &v6)
{
    const auto line = [](const char *label, std::initializer_list<std::pair<const char *, qint64>> pairs) {
        QByteArray out = label;
        out += ':';
        bool any = false;
        for (const auto &[key, value] : pairs) {
            if (value < 0)
                continue;
            out += ' ' + QByteArray(key) + ' ' + QByteArray::number(value);
            any = true;
        }
        return any ? out + '\n' : QByteArray();
    };
    v4 = line("sockets", {{"used", s.socketsUsed}})
         + line("TCP", {{"inuse", s.tcpInUse}, {"orphan", s.tcpOrphans}, {"tw", s.timeWait}, {"alloc", s.tcpAllocated},
                        {"mem", s.tcpMemoryPages}})
         + line("UDP", {{"inuse", s.udpInUse}, {"mem", s.udpMemoryPages}}) + line("RAW", {{"inuse", s.rawInUse}});
    v6 = line("TCP6", {{"inuse", s.tcp6InUse}}) + line("UDP6", {{"inuse", s.udp6InUse}})
         + line("RAW6", {{"inuse", s.raw6InUse}});
}

Result<void> writeTake(const Snapshot &take, const QString &directory)
{
    QByteArray snmp, netstat, sockstat, sockstat6;
    renderCounters(take.counters(), snmp, netstat);
    renderSockStat(take.sockStat(), sockstat, sockstat6);
    for (const auto &[name, content] : {std::pair{"net/snmp", &snmp}, std::pair{"net/netstat", &netstat},
                                        std::pair{"net/sockstat", &sockstat}, std::pair{"net/sockstat6", &sockstat6}})
        if (auto written = writeFile(directory + QLatin1Char('/') + QLatin1String(name), *content); !written)
            return written;
    // The dump replaces the tables when read back; an empty net/tcp marks the directory
    // as a proc tree (ProcRoot::locate) as a copied /proc would.
    if (auto written = writeFile(directory + QStringLiteral("/net/tcp"),
                                 "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
                                 "timeout inode\n");
        !written)
        return written;
    return writeFile(directory + QStringLiteral("/sockpit/sockets.json"), writeSocketDump(take.sockets()));
}

// /proc/PID/stat as the owner lookup reads it: the name between the parentheses and the
// start time as field 22 (kept 0: the tree is read once, pid reuse cannot happen).
QByteArray statLine(const ProcessInfo &process)
{
    QByteArray line = QByteArray::number(process.pid) + " (" + process.name.toUtf8() + ") S";
    for (int field = 4; field <= 22; ++field)
        line += " 0";
    return line + '\n';
}

Result<void> writeOwners(const Snapshot &take, const QString &directory)
{
    QHash<int, int> nextFd;
    QSet<int> written;
    for (const SocketRecord &socket : take.sockets()) {
        const ProcessInfo *owner = socket.inode ? take.owners().owner(socket.inode) : nullptr;
        if (!owner)
            continue;
        const QString base = directory + QLatin1Char('/') + QString::number(owner->pid);
        if (!written.contains(owner->pid)) {
            written.insert(owner->pid);
            QByteArray cmdline = owner->commandLine.toUtf8();
            cmdline.replace(' ', '\0');
            const QByteArray uid = QByteArray::number(owner->uid);
            const QByteArray status = "Name:\t" + owner->name.toUtf8() + "\nUid:\t" + uid + '\t' + uid + '\t' + uid + '\t'
                                      + uid + '\n';
            for (const auto &[name, content] : {std::pair{"/stat", statLine(*owner)},
                                                std::pair{"/cmdline", cmdline.isEmpty() ? cmdline : cmdline + '\0'},
                                                std::pair{"/status", status}})
                if (auto done = writeFile(base + QLatin1String(name), content); !done)
                    return done;
        }
        const QString link = base + QStringLiteral("/fd/") + QString::number(nextFd[owner->pid]++);
        QDir().mkpath(QFileInfo(link).path());
        const QByteArray target = QStringLiteral("socket:[%1]").arg(socket.inode).toUtf8();
        if (::symlink(target.constData(), QFile::encodeName(link).constData()) != 0)
            return Error{QStringLiteral("cannot create %1: %2").arg(link, QString::fromLocal8Bit(std::strerror(errno)))};
    }
    return {};
}

QString sysctlPath(const QString &key)
{
    return QStringLiteral("sys/") + QString(key).replace(QLatin1Char('.'), QLatin1Char('/'));
}

} // namespace

Result<void> writeObservationTree(const Observation &observation, const QString &directory)
{
    if (observation.later.isNull())
        return Error{QStringLiteral("the observation holds no take to write")};
    const auto write = [&directory](const QString &file, const QByteArray &content) {
        return writeFile(directory + QLatin1Char('/') + file, content);
    };
    for (auto it = observation.sysctls.cbegin(); it != observation.sysctls.cend(); ++it)
        if (auto done = write(sysctlPath(it.key()), it.value().toUtf8() + '\n'); !done)
            return done;
    if (!observation.kernelRelease.isEmpty())
        if (auto done = write(QStringLiteral("sys/kernel/osrelease"), observation.kernelRelease.toUtf8() + '\n'); !done)
            return done;
    if (!observation.hostName.isEmpty())
        if (auto done = write(QStringLiteral("sys/kernel/hostname"), observation.hostName.toUtf8() + '\n'); !done)
            return done;
    if (observation.memory.known()) {
        QByteArray meminfo = "MemTotal:       " + QByteArray::number(observation.memory.totalKb) + " kB\n";
        if (observation.memory.availableKb >= 0)
            meminfo += "MemAvailable:   " + QByteArray::number(observation.memory.availableKb) + " kB\n";
        if (auto done = write(QStringLiteral("meminfo"), meminfo); !done)
            return done;
    }
    if (observation.pageSizeKnown)
        if (auto done = write(QStringLiteral("sockpit/page_size"), QByteArray::number(observation.pageSize) + '\n'); !done)
            return done;
    if (observation.queueDisciplines.complete || !observation.queueDisciplines.names.isEmpty())
        if (auto done = write(QStringLiteral("sockpit/qdiscs"), queueDisciplinesText(observation.queueDisciplines)); !done)
            return done;

    const bool twoTakes = observation.hasRates();
    if (auto done = writeTake(twoTakes ? observation.earlier : observation.later, directory); !done)
        return done;
    if (twoTakes) {
        const QString later = directory + QStringLiteral("/later");
        if (auto done = writeTake(observation.later, later); !done)
            return done;
        const qint64 ms = qRound64(observation.intervalSeconds * 1000.0);
        if (auto done = writeFile(later + QStringLiteral("/interval_ms"), QByteArray::number(ms) + '\n'); !done)
            return done;
        const QString conntrack = QStringLiteral("net.netfilter.nf_conntrack_count");
        if (observation.sysctls.contains(conntrack))
            if (auto done = writeFile(later + QLatin1Char('/') + sysctlPath(conntrack),
                                      observation.sysctls.value(conntrack).toUtf8() + '\n');
                !done)
                return done;
    }
    // Owners belong to the take the findings describe; /proc keeps them in its root.
    if (auto done = writeOwners(observation.later, directory); !done)
        return done;

    const KernelLog &log = observation.kernelLog;
    if (log.available) {
        QByteArray lines;
        for (const KernelLogLine &line : log.lines)
            lines += formatKmsgRecord(line.record) + '\n';
        if (auto done = write(QStringLiteral("sockpit/kmsg"), lines); !done)
            return done;
        return write(QStringLiteral("sockpit/kmsg-source"), log.source.toUtf8() + '\n');
    }
    return write(QStringLiteral("sockpit/kmsg-unavailable"), log.unavailableReason.toUtf8() + '\n');
}

} // namespace Sockpit
