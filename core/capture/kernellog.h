// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace Sockpit {

// One record of the kernel's log buffer as /dev/kmsg hands it out
// (Documentation/ABI/testing/dev-kmsg).
struct KmsgRecord
{
    int priority = 0;      // syslog facility * 8 + level
    quint64 sequence = 0;
    qint64 timestampUs = 0; // CLOCK_MONOTONIC microseconds since boot
    QByteArray message;     // first line only; continuation lines (" KEY=value") dropped
};

std::optional<KmsgRecord> parseKmsgRecord(QByteArrayView record);

// Problems a kernel log line names, and the analysis rule each belongs to.
enum class KernelLogProblem : quint8 {
    TimeWaitOverflow, // "TCP: time wait bucket table overflow"
    SynFlood,         // "TCP: request_sock_TCP: Possible SYN flooding on port 8080. ..."
    ConntrackFull,    // "nf_conntrack: nf_conntrack: table full, dropping packet"
    TcpOutOfMemory,   // "TCP: out of memory -- consider tuning tcp_mem"
};

// Which problem RECORD names, if any. For SYN flooding, *port receives the port.
std::optional<KernelLogProblem> classifyKernelLog(QByteArrayView message, int *port = nullptr);

struct KernelLogLine
{
    KernelLogProblem problem = KernelLogProblem::TimeWaitOverflow;
    int port = 0; // SynFlood only
    KmsgRecord record;
};

// The log as the analysis sees it: only the lines that name a known problem, or why the
// log could not be read (the analysis goes on without it and says so).
struct KernelLog
{
    bool available = false;
    QString source; // where it was read when available: "/dev/kmsg" or "journal"
    QString unavailableReason;
    std::vector<KernelLogLine> lines;
};

// Keeps the records that name a problem, in order.
std::vector<KernelLogLine> relevantKernelLogLines(const std::vector<KmsgRecord> &records);
// Splits a file of records, one per line, as the capture writes them.
std::vector<KmsgRecord> parseKmsgLines(QByteArrayView text);
// The record as /dev/kmsg spells it, without continuation lines: "6,1234,5678,-;message".
QByteArray formatKmsgRecord(const KmsgRecord &record);

// Reads /dev/kmsg (or PATH) without blocking, every record the buffer still holds.
KernelLog readKmsg(const QString &path = QStringLiteral("/dev/kmsg"));

// The records of `journalctl -k -b -o json`: one JSON object per line, MESSAGE a string
// or (for bytes that are not UTF-8) an array of byte values, PRIORITY and SYSLOG_FACILITY
// decimal strings, _SOURCE_MONOTONIC_TIMESTAMP the kernel's own time stamp in
// microseconds (__MONOTONIC_TIMESTAMP, journald's receive time, when it is missing).
// The journal keeps no kmsg sequence number, so `sequence` is the record's position.
// Lines that are not such objects, and messages journalctl left out (null), are skipped.
std::vector<KmsgRecord> parseJournalJson(QByteArrayView text);

// Runs `journalctl -k -b -o json --no-pager -q` with stdin closed, for at most TIMEOUTMS;
// its standard output, or why it could not: not installed, did not finish in time,
// failed (with its first line of stderr).
Result<QByteArray> runJournalctl(int timeoutMs = 5000);

// Where the kernel log comes from, tried in order: /dev/kmsg, then the systemd journal
// (for hosts where dmesg_restrict keeps /dev/kmsg from the user but the journal is
// readable). Tests replace both.
struct KernelLogReaders
{
    QString kmsgPath = QStringLiteral("/dev/kmsg");
    std::function<Result<QByteArray>()> journal = [] { return runJournalctl(); };
};

// The log from the first reader that works, with `source` saying which; otherwise
// unavailable, with both reasons.
KernelLog readKernelLog(const KernelLogReaders &readers = {});

} // namespace Sockpit
