// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

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
KernelLog readKernelLog(const QString &path = QStringLiteral("/dev/kmsg"));

} // namespace Sockpit
