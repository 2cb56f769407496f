// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "capture/kernellog.h"
#include "sampling/procroot.h"
#include "sampling/snapshot.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sockpit {

// Everything the analysis reads, taken from one proc tree: the live /proc (through a
// capture into a temporary tree), a copied fixture, or an unpacked capture bundle.
//
// The tree is laid out like /proc, plus what /proc cannot hold:
//   net/{snmp,netstat,sockstat,sockstat6,tcp,tcp6,udp,udp6}
//   sys/net/...            the sysctls in analysedSysctls()
//   sys/kernel/osrelease   kernel release (uname -r), sys/kernel/hostname
//   PID/{stat,cmdline,status}, PID/fd/N -> "socket:[INODE]"   owners of the sockets
//   sockpit/sockets.json   optional: the sock_diag dump (LISTEN backlogs); replaces net/tcp*
//   meminfo                optional: /proc/meminfo (MemTotal, MemAvailable bound proposals)
//   sockpit/page_size      optional: bytes per page (sockstat and tcp_mem count pages); 4096 if absent
//   sockpit/qdiscs         optional: "complete NAME..." or "partial NAME...", the queue
//                          disciplines the kernel has (kernelQueueDisciplines())
//   sockpit/kmsg           optional: kernel log records that name a problem (/dev/kmsg format)
//   sockpit/kmsg-source    optional: where they were read, "/dev/kmsg" (if absent) or "journal"
//   sockpit/kmsg-unavailable  optional: why the log could not be read
//   later/                 optional second take, INTERVAL later: net/*, sockpit/sockets.json,
//                          sys/net/netfilter/nf_conntrack_count, and interval_ms
// The two lines of /proc/meminfo the rules use, in KiB (the file says "kB"); -1 when absent.
struct MemInfo
{
    qint64 totalKb = -1;
    qint64 availableKb = -1; // MemAvailable, 3.14 and later
    bool known() const { return totalKb > 0; }
};

// "MemTotal:       24684084 kB" ... (Documentation/filesystems/proc.rst, meminfo).
MemInfo parseMemInfo(QByteArrayView text);

// The queue disciplines (qdiscs) the running kernel has, built in or as modules, by name
// without "sch_" ("fq", "fq_codel"). /proc/sys does not say; the kernel's module tree does.
struct QueueDisciplines
{
    QStringList names;
    // true: NAMES is all of them (the module tree was read); false: only those seen loaded
    // in /sys/module, or none known.
    bool complete = false;
    // true / false when the kernel is known to have NAME or not to; nullopt when unknown.
    std::optional<bool> has(QStringView name) const;
};

// From MODULES/RELEASE (modules.builtin and kernel/net/sched/sch_*.ko*) and the loaded
// SYS_MODULE/sch_* entries.
QueueDisciplines kernelQueueDisciplines(QStringView release, const QString &modules = QStringLiteral("/lib/modules"),
                                        const QString &sysModule = QStringLiteral("/sys/module"));
// "complete fq fq_codel ..." as a tree keeps it, and back; nullopt for text that is neither.
QByteArray queueDisciplinesText(const QueueDisciplines &qdiscs);
std::optional<QueueDisciplines> parseQueueDisciplines(QByteArrayView text);

struct Observation
{
    QString kernelRelease; // "6.1.0-18-amd64"; empty when unknown
    QString hostName;
    Snapshot earlier;      // null without a second take
    Snapshot later;        // the current state; counter rates when earlier exists
    double intervalSeconds = 0;
    QHash<QString, QString> sysctls; // dotted key -> value as read (tabs kept); absent keys missing
    KernelLog kernelLog;
    MemInfo memory;
    qint64 pageSize = 4096;     // bytes
    bool pageSizeKnown = false; // false: the tree does not say, 4096 assumed
    QueueDisciplines queueDisciplines;

    std::optional<qint64> sysctlInteger(const QString &key) const;
    // The whitespace-separated fields of a multi-value sysctl (tcp_rmem, tcp_mem).
    std::vector<qint64> sysctlIntegers(const QString &key) const;
    bool hasRates() const { return !earlier.isNull() && intervalSeconds > 0; }
};

// The sysctls the rules read, dotted.
const QStringList &analysedSysctls();

// Reads a tree laid out as above. Errors name the file that is missing or broken.
Result<Observation> observeTree(const ProcRoot &root);

} // namespace Sockpit
