// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "tunable.h"

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
// Any error refuses the whole set.
Result<std::vector<ValidatedChange>> validateChanges(const std::vector<RequestedChange> &changes,
                                                     const ValidationContext &context);

// Text from outside made safe to quote in a message: control characters escaped,
// at most 80 characters shown.
QString quoted(const QString &text);

} // namespace Sockpit
