// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/kernellog.h"

#include "base/systemerror.h"
#include "base/uniquefd.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Sockpit {

namespace {

std::optional<qint64> number(QByteArrayView field)
{
    bool ok = false;
    const qint64 value = field.toLongLong(&ok);
    return ok && value >= 0 ? std::optional<qint64>(value) : std::nullopt;
}

bool containsNoCase(QByteArrayView haystack, QByteArrayView needle)
{
    return haystack.toByteArray().toLower().contains(needle.toByteArray().toLower());
}

} // namespace

// A record of /dev/kmsg, one per read(2) (Documentation/ABI/testing/dev-kmsg):
//   6,1234,5678901,-;TCP: request_sock_TCP: Possible SYN flooding on port [::]:8080. Sending cookies.
//    SUBSYSTEM=net
// "priority,sequence,timestamp_us,flags[,more fields];message", then optional
// continuation lines that start with a space. Later kernels may append fields before
// the ';', which the format allows: they are ignored.
std::optional<KmsgRecord> parseKmsgRecord(QByteArrayView record)
{
    const qsizetype semicolon = record.indexOf(';');
    if (semicolon < 0)
        return std::nullopt;
    const QList<QByteArray> prefix = record.first(semicolon).toByteArray().split(',');
    if (prefix.size() < 4)
        return std::nullopt;
    const auto priority = number(prefix.at(0));
    const auto sequence = number(prefix.at(1));
    const auto timestamp = number(prefix.at(2));
    if (!priority || !sequence || !timestamp || *priority > 1023)
        return std::nullopt;
    QByteArrayView message = record.sliced(semicolon + 1);
    if (const qsizetype newline = message.indexOf('\n'); newline >= 0)
        message = message.first(newline);
    KmsgRecord out;
    out.priority = int(*priority);
    out.sequence = quint64(*sequence);
    out.timestampUs = *timestamp;
    out.message = message.toByteArray();
    return out;
}

std::optional<KernelLogProblem> classifyKernelLog(QByteArrayView message, int *port)
{
    // net/ipv4/tcp_minisocks.c, inet_twsk_alloc() failing in tcp_time_wait().
    if (containsNoCase(message, "time wait bucket table overflow"))
        return KernelLogProblem::TimeWaitOverflow;
    // net/ipv4/tcp_input.c, tcp_syn_flood_action(): "port %u" on older kernels,
    // "port [%pISbc]:%u" on newer ones.
    static constexpr QByteArrayView synFlood = "possible syn flooding on port ";
    const QByteArray lower = message.toByteArray().toLower();
    if (const qsizetype at = lower.indexOf(synFlood); at >= 0) {
        QByteArrayView rest = QByteArrayView(lower).sliced(at + synFlood.size());
        if (rest.startsWith('[')) {
            const qsizetype close = rest.indexOf("]:");
            rest = close >= 0 ? rest.sliced(close + 2) : QByteArrayView();
        }
        qsizetype digits = 0;
        while (digits < rest.size() && rest.at(digits) >= '0' && rest.at(digits) <= '9')
            ++digits;
        if (port)
            *port = digits > 0 && digits <= 5 ? rest.first(digits).toInt() : 0;
        return KernelLogProblem::SynFlood;
    }
    // net/netfilter/nf_conntrack_core.c, __nf_conntrack_alloc().
    if (containsNoCase(message, "nf_conntrack: table full, dropping packet"))
        return KernelLogProblem::ConntrackFull;
    // net/ipv4/tcp_timer.c, tcp_out_of_resources(): "out of memory -- consider tuning tcp_mem".
    if (containsNoCase(message, "TCP: out of memory"))
        return KernelLogProblem::TcpOutOfMemory;
    return std::nullopt;
}

std::vector<KernelLogLine> relevantKernelLogLines(const std::vector<KmsgRecord> &records)
{
    std::vector<KernelLogLine> lines;
    for (const KmsgRecord &record : records) {
        int port = 0;
        if (const auto problem = classifyKernelLog(record.message, &port))
            lines.push_back({*problem, port, record});
    }
    return lines;
}

std::vector<KmsgRecord> parseKmsgLines(QByteArrayView text)
{
    std::vector<KmsgRecord> records;
    for (const QByteArray &line : text.toByteArray().split('\n')) {
        if (line.isEmpty() || line.startsWith(' '))
            continue;
        if (auto record = parseKmsgRecord(line))
            records.push_back(std::move(*record));
    }
    return records;
}

QByteArray formatKmsgRecord(const KmsgRecord &record)
{
    return QByteArray::number(record.priority) + ',' + QByteArray::number(record.sequence) + ','
           + QByteArray::number(record.timestampUs) + ",-;" + record.message;
}

KernelLog readKmsg(const QString &path)
{
    KernelLog log;
    const QByteArray native = QFile::encodeName(path);
    const UniqueFd file(::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!file) {
        log.unavailableReason = systemError(QStringLiteral("cannot read %1").arg(path), errno).message;
        return log;
    }
    // Each read returns exactly one record; the buffer must hold the longest one
    // (the kernel refuses a short buffer with EINVAL). EAGAIN: no more records.
    // EPIPE: the reader fell behind and records were overwritten; reading goes on.
    std::vector<KmsgRecord> records;
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR || errno == EPIPE)
                continue;
            if (errno != EAGAIN) {
                log.unavailableReason = systemError(QStringLiteral("cannot read %1").arg(path), errno).message;
                return log;
            }
            break;
        }
        if (n == 0)
            break;
        if (auto record = parseKmsgRecord(QByteArrayView(buffer, n)))
            records.push_back(std::move(*record));
    }
    log.available = true;
    log.source = QStringLiteral("/dev/kmsg");
    log.lines = relevantKernelLogLines(records);
    return log;
}

// One line of `journalctl -o json` for a kernel record (systemd 252, fields trimmed):
//   {"__MONOTONIC_TIMESTAMP":"912346001","_TRANSPORT":"kernel","PRIORITY":"4",
//    "SYSLOG_FACILITY":"0","_SOURCE_MONOTONIC_TIMESTAMP":"912345678",
//    "MESSAGE":"TCP: out of memory -- consider tuning tcp_mem", ...}
std::vector<KmsgRecord> parseJournalJson(QByteArrayView text)
{
    auto decimal = [](const QJsonValue &value) -> std::optional<qint64> {
        bool ok = false;
        const qint64 n = value.toString().toLongLong(&ok);
        return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
    };
    std::vector<KmsgRecord> records;
    for (const QByteArray &line : text.toByteArray().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject())
            continue;
        const QJsonObject o = document.object();
        const QJsonValue message = o.value(QLatin1String("MESSAGE"));
        KmsgRecord record;
        if (message.isString()) {
            record.message = message.toString().toUtf8();
        } else if (message.isArray()) {
            for (const QJsonValue &byte : message.toArray())
                record.message += char(byte.toInt());
        } else {
            continue; // null: journalctl leaves out fields above 4096 bytes
        }
        if (const qsizetype newline = record.message.indexOf('\n'); newline >= 0)
            record.message.truncate(newline);
        const auto level = decimal(o.value(QLatin1String("PRIORITY")));
        const auto facility = decimal(o.value(QLatin1String("SYSLOG_FACILITY")));
        record.priority = int(std::min<qint64>(facility.value_or(0), 127) * 8 + std::min<qint64>(level.value_or(6), 7));
        auto timestamp = decimal(o.value(QLatin1String("_SOURCE_MONOTONIC_TIMESTAMP")));
        if (!timestamp)
            timestamp = decimal(o.value(QLatin1String("__MONOTONIC_TIMESTAMP")));
        record.timestampUs = timestamp.value_or(0);
        record.sequence = quint64(records.size());
        records.push_back(std::move(record));
    }
    return records;
}

Result<QByteArray> runJournalctl(int timeoutMs)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("journalctl"));
    if (program.isEmpty())
        return Error{QStringLiteral("journalctl is not installed"), ENOENT};
    QProcess process;
    process.setProgram(program);
    process.setArguments({QStringLiteral("-k"), QStringLiteral("-b"), QStringLiteral("-o"), QStringLiteral("json"),
                          QStringLiteral("--no-pager"), QStringLiteral("-q")});
    process.setStandardInputFile(QProcess::nullDevice());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C")); // messages as quoted in reasons
    environment.insert(QStringLiteral("SYSTEMD_PAGER"), QString());
    process.setProcessEnvironment(environment);
    process.start();
    if (!process.waitForStarted(timeoutMs))
        return Error{QStringLiteral("cannot run %1: %2").arg(program, process.errorString())};
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return Error{QStringLiteral("journalctl did not finish within %1 ms").arg(timeoutMs), ETIMEDOUT};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QByteArray err = process.readAllStandardError().trimmed();
        const QString first = QString::fromLocal8Bit(err.left(err.indexOf('\n') < 0 ? err.size() : err.indexOf('\n')));
        return Error{QStringLiteral("journalctl failed (exit %1)%2")
                         .arg(process.exitCode())
                         .arg(first.isEmpty() ? QString() : QStringLiteral(": ") + first.left(200))};
    }
    return process.readAllStandardOutput();
}

KernelLog readKernelLog(const KernelLogReaders &readers)
{
    KernelLog kmsg = readKmsg(readers.kmsgPath);
    if (kmsg.available || !readers.journal)
        return kmsg;
    KernelLog log;
    auto output = readers.journal();
    if (!output) {
        log.unavailableReason = QStringLiteral("%1; journal: %2").arg(kmsg.unavailableReason, output.error());
        return log;
    }
    const std::vector<KmsgRecord> records = parseJournalJson(output.value());
    // The kernel logs from the first moment of every boot, so a readable journal holds
    // kernel records for this boot; none means journalctl saw only what the user may read
    // (it says so on stderr, which -q silences) or journald does not store kernel messages.
    if (records.empty()) {
        log.unavailableReason = QStringLiteral("%1; journal: journalctl -k -b printed no kernel records (no "
                                               "permission to read the system journal, or none kept)")
                                    .arg(kmsg.unavailableReason);
        return log;
    }
    log.available = true;
    log.source = QStringLiteral("journal");
    log.lines = relevantKernelLogLines(records);
    return log;
}

} // namespace Sockpit
