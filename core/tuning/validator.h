// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "tuning/tunable.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace Sockpit {

class SysctlTree;

// What validation needs to know about the running kernel. The defaults describe no
// kernel at all (empty enum lists, every key available), so tests state what they rely on.
struct ValidationContext
{
    // The algorithms tcp_congestion_control accepts here: tcp_available_congestion_control
    // in the initial network namespace, tcp_allowed_congestion_control in any other.
    QStringList congestionControls;
    // Available but refused here (the kernel answers EPERM): named in the refusal only.
    QStringList restrictedCongestionControls;
    QStringList queueDisciplines;                                // accepted default_qdisc names
    std::int64_t unprivilegedPortStart = 1024;                   // ip_unprivileged_port_start
    std::optional<QSet<QString>> availableKeys;                  // nullopt: do not check
    QSet<QString> readOnlyKeys;                                  // present, but not writable here
    QString kernelRelease;                                       // kernel.osrelease; empty: a current kernel
    // For the checks of values that lock a host out (see validateChanges); nullopt or
    // empty: unknown, that check is not made.
    std::optional<std::pair<std::int64_t, std::int64_t>> localPortRange; // ip_local_port_range
    QString reservedPorts;                                       // ip_local_reserved_ports, canonical
    std::optional<std::int64_t> physicalMemoryPages;             // MemTotal / page size
    // Keys whose consequence the caller has confirmed it accepts (the request's
    // "acknowledge"): a value that needs it is refused without it.
    QSet<QString> acknowledged;
    static ValidationContext fromTree(const SysctlTree &tree);  // the live values
};

struct ValidatedChange
{
    const Tunable *tunable = nullptr;
    QString key;
    QString value; // canonical spelling, what is written and what read-back must show
};

using RequestedChange = std::pair<QString, QString>; // key, value as the caller spelled them

// The most changes one request may carry: the catalogue's size, so no request can be
// larger than "every key once".
int maximumChanges();

// The allow-list check: KEY names a catalogue entry, or an error that says why not.
Result<const Tunable *> validateKey(const QString &key);

// One change: the key is on the allow-list, available and writable here, and the value
// parses and lies in the range of this kernel release. Errors name the key, the value
// (escaped) and the allowed values; a key that is read-only here fails with EACCES.
Result<ValidatedChange> validateChange(const QString &key, const QString &value, const ValidationContext &context);

// A whole request: every change valid, no key twice, not more than maximumChanges().
// Then the values that lock a host out, taken together with the current values:
//  - ip_local_reserved_ports and ip_local_port_range that leave no port of the range
//    unreserved: refused, every connect() and bind() to port 0 would fail (EADDRNOTAVAIL);
//  - a tcp_mem MAX above the host's physical memory: refused, the limit would protect
//    nothing and TCP could pin memory until the OOM killer runs;
//  - a ping_group_range that takes in every group (0 to at least 2147483647): applied
//    only when the key is in context.acknowledged, because it opens ICMP sockets to every
//    user and process, including sandboxed services.
// Any error refuses the whole set.
Result<std::vector<ValidatedChange>> validateChanges(const std::vector<RequestedChange> &changes,
                                                     const ValidationContext &context);

// Text from outside made safe to quote in a message: control characters escaped,
// at most 80 characters shown.
QString quoted(const QString &text);

} // namespace Sockpit
