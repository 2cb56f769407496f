// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "tuning/sysctlfile.h"
#include "tuning/validator.h"

#include <QDateTime>
#include <QJsonObject>

#include <vector>

namespace Sockpit {

class SysctlTree;
struct CurrentValue;

struct PlannedChange
{
    const Tunable *tunable = nullptr;
    QString key;
    QString from; // current value, canonical
    QString to;   // validated, canonical
    bool changes() const { return from != to; }
};

// A validated set of changes against the values a kernel shows now, in key order.
class Plan
{
public:
    Plan() = default;
    explicit Plan(std::vector<PlannedChange> changes);

    const std::vector<PlannedChange> &changes() const { return m_changes; }
    bool isEmpty() const { return m_changes.empty(); }
    // The requested values as a plain list, as a helper request carries them.
    std::vector<RequestedChange> requested() const;

    // "net.ipv4.tcp_fin_timeout   60 -> 30 seconds", one line per key.
    QString diff() const;
    // The sysctl.d file after this plan: PERSISTED (what the file holds now) with the
    // plan's values laid over it.
    QString sysctlFile(const SysctlFile::Values &persisted, const QDateTime &when) const;
    // sockpit.plan/1
    QJsonObject toJson(const SysctlFile::Values &persisted, const QDateTime &when) const;

private:
    std::vector<PlannedChange> m_changes;
};

// Validates REQUESTED against the kernel behind TREE (enum lists, availability, current
// values) and reads each key's current value.
Result<Plan> makePlan(const std::vector<RequestedChange> &requested, const SysctlTree &tree);
// The same from what was read earlier (ValidationContext::fromTree, readCurrentValues), so
// a caller that must not touch the tree again, the GUI thread, plans with the same code.
Result<Plan> makePlan(const std::vector<RequestedChange> &requested, const ValidationContext &context,
                      const std::vector<CurrentValue> &current);

} // namespace Sockpit
