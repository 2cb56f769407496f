// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/observation.h"

#include "capture/socketdump.h"
#include "sampling/owners.h"
#include "sampling/procnetparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>

namespace Sockpit {

namespace {

QString fileError(const ProcRoot &root, QStringView file, const QString &why)
{
    return QStringLiteral("%1: %2").arg(root.path(file), why);
}

// The sockets of one take: the sock_diag dump when the capture kept one, else the
// /proc/net tables (whose LISTEN lines carry no backlog). Each table is read or left out
// on its own, with a note in NOTES naming the file and why; so are malformed lines,
// counted. Either sets DAMAGED. An error only when no table at all could be read.
Result<std::vector<SocketRecord>> readSockets(const ProcRoot &take, QStringList &notes, bool &damaged)
{
    if (QFileInfo::exists(take.path(u"sockpit/sockets.json"))) {
        auto json = take.read(u"sockpit/sockets.json");
        if (!json)
            return Error{json.error()};
        auto sockets = readSocketDump(json.value());
        if (!sockets)
            return Error{fileError(take, u"sockpit/sockets.json", sockets.error())};
        return sockets;
    }
    std::vector<SocketRecord> sockets;
    int read = 0;
    QStringList refused;
    for (const ProcNetTable &table : ProcNetTables) {
        const QStringView file(table.file);
        auto text = take.read(file);
        if (!text) {
            if (table.family == Family::IPv6 && text.errorCode() == ENOENT)
                continue; // a kernel without IPv6
            notes << QStringLiteral("%1: its sockets are left out").arg(text.error());
            refused << take.path(file);
            damaged = true;
            continue;
        }
        const size_t before = sockets.size();
        auto parsed = parseProcNet(text.value(), table.protocol, table.family, sockets);
        if (!parsed) {
            sockets.resize(before);
            notes << QStringLiteral("%1 refused, its sockets are left out: %2").arg(take.path(file), parsed.error());
            refused << take.path(file);
            damaged = true;
            continue;
        }
        if (parsed->skipped > 0) {
            notes << QStringLiteral("%1: %2 malformed line(s) left out").arg(take.path(file)).arg(parsed->skipped);
            damaged = true;
        }
        ++read;
    }
    if (read == 0 && !refused.isEmpty())
        return Error{QStringLiteral("no socket table could be read (%1): %2")
                         .arg(refused.join(QStringLiteral(", ")), notes.last())};
    return sockets;
}

struct Take
{
    std::vector<SocketRecord> sockets;
    SockStat sockStat;
    CounterSet counters;
    QStringList notes; // tables or lines left out
    bool damaged = false;
};

Result<Take> readTake(const ProcRoot &take)
{
    Take out;
    auto sockstat = take.read(u"net/sockstat");
    if (!sockstat)
        return Error{sockstat.error()};
    auto sockstat6 = take.read(u"net/sockstat6");
    out.sockStat = parseSockStat(sockstat.value(), sockstat6 ? QByteArrayView(sockstat6.value()) : QByteArrayView());
    auto snmp = take.read(u"net/snmp");
    if (!snmp)
        return Error{snmp.error()};
    auto netstat = take.read(u"net/netstat");
    if (!netstat)
        return Error{netstat.error()};
    out.counters = CounterSet::parse(snmp.value(), netstat.value());
    auto sockets = readSockets(take, out.notes, out.damaged);
    if (!sockets)
        return Error{sockets.error()};
    out.sockets = std::move(sockets).value();
    return out;
}

Snapshot buildSnapshot(Take take, const EphemeralConfig &config, const OwnerTable *owners)
{
    SnapshotBuilder builder;
    builder.setSource(SnapshotSource::Proc);
    builder.setSockStat(take.sockStat);
    builder.setCounters(std::move(take.counters));
    builder.setEphemeral(analyseEphemeral(config, take.sockets));
    if (owners)
        builder.setOwners(*owners);
    builder.setSockets(std::move(take.sockets));
    builder.setDamaged(take.damaged);
    for (const QString &note : std::as_const(take.notes))
        builder.addNote(note);
    return builder.build();
}

QString trimmedText(const ProcRoot &root, QStringView file)
{
    auto text = root.read(file);
    return text ? QString::fromUtf8(text.value().trimmed()) : QString();
}

} // namespace

MemInfo parseMemInfo(QByteArrayView text)
{
    MemInfo info;
    for (const QByteArray &line : text.toByteArray().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.first(colon);
        qint64 *field = name == "MemTotal" ? &info.totalKb : name == "MemAvailable" ? &info.availableKb : nullptr;
        if (!field)
            continue;
        const QList<QByteArray> words = line.sliced(colon + 1).simplified().split(' ');
        bool ok = false;
        const qint64 value = words.value(0).toLongLong(&ok);
        // Every figure in the file is in kB (1024 bytes) despite the spelling.
        if (ok && value >= 0 && (words.size() == 1 || words.at(1) == "kB"))
            *field = value;
    }
    return info;
}

const QStringList &analysedSysctls()
{
    static const QStringList keys = {
        QStringLiteral("net.ipv4.ip_local_port_range"),  QStringLiteral("net.ipv4.ip_local_reserved_ports"),
        QStringLiteral("net.ipv4.ip_unprivileged_port_start"), QStringLiteral("net.ipv4.tcp_tw_reuse"),
        QStringLiteral("net.ipv4.tcp_timestamps"),       QStringLiteral("net.ipv4.tcp_max_tw_buckets"),
        QStringLiteral("net.core.somaxconn"),            QStringLiteral("net.ipv4.tcp_max_syn_backlog"),
        QStringLiteral("net.ipv4.tcp_syncookies"),       QStringLiteral("net.ipv4.tcp_mem"),
        QStringLiteral("net.ipv4.tcp_rmem"),             QStringLiteral("net.ipv4.tcp_wmem"),
        QStringLiteral("net.core.rmem_max"),             QStringLiteral("net.core.wmem_max"),
        QStringLiteral("net.ipv4.tcp_max_orphans"),      QStringLiteral("net.ipv4.tcp_fin_timeout"),
        QStringLiteral("net.ipv4.ping_group_range"),     QStringLiteral("net.ipv4.tcp_adv_win_scale"),
        QStringLiteral("net.ipv4.tcp_slow_start_after_idle"), QStringLiteral("net.ipv4.tcp_notsent_lowat"),
        QStringLiteral("net.netfilter.nf_conntrack_count"), QStringLiteral("net.netfilter.nf_conntrack_max"),
        QStringLiteral("net.ipv4.tcp_congestion_control"), QStringLiteral("net.ipv4.tcp_available_congestion_control"),
        QStringLiteral("net.core.default_qdisc"),
        QStringLiteral("net.ipv4.tcp_keepalive_time"),   QStringLiteral("net.ipv4.tcp_keepalive_intvl"),
        QStringLiteral("net.ipv4.tcp_keepalive_probes"), QStringLiteral("net.ipv4.tcp_retries2"),
    };
    return keys;
}

std::optional<qint64> Observation::sysctlInteger(const QString &key) const
{
    const auto it = sysctls.constFind(key);
    if (it == sysctls.cend())
        return std::nullopt;
    bool ok = false;
    const qint64 value = it->trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::vector<qint64> Observation::sysctlIntegers(const QString &key) const
{
    std::vector<qint64> fields;
    const auto it = sysctls.constFind(key);
    if (it == sysctls.cend())
        return fields;
    for (const QString &word : it->simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 value = word.toLongLong(&ok);
        if (!ok)
            return {};
        fields.push_back(value);
    }
    return fields;
}

Result<Observation> observeTree(const ProcRoot &root)
{
    Observation observation;
    observation.kernelRelease = trimmedText(root, u"sys/kernel/osrelease");
    observation.hostName = trimmedText(root, u"sys/kernel/hostname");

    for (const QString &key : analysedSysctls()) {
        if (auto value = root.sysctl(key))
            observation.sysctls.insert(key, QString::fromUtf8(value.value()));
    }

    EphemeralConfig config;
    if (auto read = readEphemeralConfig(root); read)
        config = read.value();
    else
        return Error{read.error()};

    auto first = readTake(root);
    if (!first)
        return Error{first.error()};

    const ProcRoot laterRoot(root.path(u"later"));
    const bool hasLater = QFileInfo::exists(laterRoot.path(u"net/snmp"));
    std::optional<Take> second;
    if (hasLater) {
        auto take = readTake(laterRoot);
        if (!take)
            return Error{take.error()};
        bool ok = false;
        const QString interval = trimmedText(laterRoot, u"interval_ms");
        const qint64 intervalMs = interval.toLongLong(&ok);
        if (!ok || intervalMs <= 0)
            return Error{QStringLiteral("%1: expected the milliseconds between the two takes")
                             .arg(laterRoot.path(u"interval_ms"))};
        observation.intervalSeconds = double(intervalMs) / 1000.0;
        // The second take's conntrack count is the current one.
        if (auto count = laterRoot.sysctl(u"net/netfilter/nf_conntrack_count"))
            observation.sysctls.insert(QStringLiteral("net.netfilter.nf_conntrack_count"),
                                       QString::fromUtf8(count.value()));
        second = std::move(take).value();
    }

    // Owners are resolved for the take the findings describe: the later one if any.
    OwnerResolver resolver(root);
    const Take &current = second ? *second : first.value();
    const OwnerTable owners = resolver.resolve(current.sockets);

    if (second) {
        second->counters.deriveRates(first->counters, observation.intervalSeconds);
        observation.earlier = buildSnapshot(std::move(first).value(), config, nullptr);
        observation.later = buildSnapshot(std::move(*second), config, &owners);
    } else {
        observation.later = buildSnapshot(std::move(first).value(), config, &owners);
    }

    if (QFileInfo::exists(root.path(u"meminfo"))) {
        auto text = root.read(u"meminfo");
        if (!text)
            return Error{text.error()};
        observation.memory = parseMemInfo(text.value());
    }
    if (const QString pageSize = trimmedText(root, u"sockpit/page_size"); !pageSize.isEmpty()) {
        bool ok = false;
        const qint64 bytes = pageSize.toLongLong(&ok);
        // Page sizes are powers of two from 4 KiB (x86) to 64 KiB (arm64, ppc64le).
        if (!ok || bytes < 4096 || bytes > 1 << 20 || (bytes & (bytes - 1)) != 0)
            return Error{QStringLiteral("%1: expected the page size in bytes, a power of two, got \"%2\"")
                             .arg(root.path(u"sockpit/page_size"), pageSize.left(40))};
        observation.pageSize = bytes;
        observation.pageSizeKnown = true;
    }

    if (QFileInfo::exists(root.path(u"sockpit/qdiscs"))) {
        auto text = root.read(u"sockpit/qdiscs");
        if (!text)
            return Error{text.error()};
        auto qdiscs = parseQueueDisciplines(text.value());
        if (!qdiscs)
            return Error{QStringLiteral("%1: expected \"complete\" or \"partial\" and qdisc names, got \"%2\"")
                             .arg(root.path(u"sockpit/qdiscs"), QString::fromUtf8(text.value().left(40)).trimmed())};
        observation.queueDisciplines = std::move(qdiscs).value();
    }

    if (QFileInfo::exists(root.path(u"sockpit/kmsg"))) {
        auto text = root.read(u"sockpit/kmsg");
        if (!text)
            return Error{text.error()};
        observation.kernelLog.available = true;
        observation.kernelLog.lines = relevantKernelLogLines(parseKmsgLines(text.value()));
        // Trees written before the journal fallback existed read /dev/kmsg only.
        const QString source = trimmedText(root, u"sockpit/kmsg-source");
        observation.kernelLog.source = source.isEmpty() ? QStringLiteral("/dev/kmsg") : source.left(80);
    } else {
        const QString reason = trimmedText(root, u"sockpit/kmsg-unavailable");
        observation.kernelLog.unavailableReason =
            reason.isEmpty() ? QStringLiteral("the capture holds no kernel log") : reason;
    }
    return observation;
}

std::optional<bool> QueueDisciplines::has(QStringView name) const
{
    if (names.contains(name))
        return true;
    return complete ? std::optional<bool>(false) : std::nullopt;
}

QueueDisciplines kernelQueueDisciplines(QStringView release, const QString &modules, const QString &sysModule)
{
    QueueDisciplines q;
    const auto add = [&q](QString name) {
        if (!q.names.contains(name))
            q.names << std::move(name);
    };
    // "sch_fq.ko", "sch_fq.ko.xz", "sch_fq.ko.zst": a qdisc the kernel can load.
    const auto qdiscOf = [](QStringView file) -> QString {
        const qsizetype ko = file.indexOf(u".ko");
        if (!file.startsWith(u"sch_") || ko < 0)
            return {};
        return file.mid(4, ko - 4).toString();
    };
    const QString tree = modules + QLatin1Char('/') + release;
    if (!release.isEmpty() && QFileInfo(tree).isDir()) {
        QFile builtin(tree + QStringLiteral("/modules.builtin"));
        if (builtin.open(QIODevice::ReadOnly)) {
            q.complete = true;
            while (!builtin.atEnd()) {
                const QString line = QString::fromUtf8(builtin.readLine()).trimmed();
                if (line.startsWith(u"kernel/net/sched/"))
                    if (QString name = qdiscOf(QStringView(line).mid(17)); !name.isEmpty())
                        add(std::move(name));
            }
        }
        QDirIterator it(tree + QStringLiteral("/kernel/net/sched"), {QStringLiteral("sch_*.ko*")}, QDir::Files);
        while (it.hasNext()) {
            it.next();
            if (QString name = qdiscOf(it.fileName()); !name.isEmpty())
                add(std::move(name));
        }
    }
    // Loaded ones (and built-in ones with parameters) show in /sys/module.
    for (const QString &entry : QDir(sysModule).entryList({QStringLiteral("sch_*")}, QDir::Dirs | QDir::NoDotAndDotDot))
        add(entry.mid(4));
    q.names.sort();
    return q;
}

QByteArray queueDisciplinesText(const QueueDisciplines &qdiscs)
{
    QByteArray text = qdiscs.complete ? "complete" : "partial";
    for (const QString &name : qdiscs.names)
        text += ' ' + name.toUtf8();
    return text + '\n';
}

std::optional<QueueDisciplines> parseQueueDisciplines(QByteArrayView text)
{
    const QStringList fields = QString::fromUtf8(text).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.isEmpty() || (fields.first() != u"complete" && fields.first() != u"partial"))
        return std::nullopt;
    QueueDisciplines q;
    q.complete = fields.first() == u"complete";
    for (qsizetype i = 1; i < fields.size(); ++i) {
        const QString &name = fields.at(i);
        const bool valid = name.size() <= 32 && std::all_of(name.cbegin(), name.cend(), [](QChar c) {
            return c.isLetterOrNumber() || c == u'_';
        });
        if (!valid)
            return std::nullopt;
        q.names << name;
    }
    return q;
}

} // namespace Sockpit
