// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/plan.h"

#include "tuning/catalogue.h"
#include "tuning/sysctltree.h"

#include <QJsonArray>

#include <algorithm>
#include <cerrno>

namespace Sockpit {

Plan::Plan(std::vector<PlannedChange> changes) : m_changes(std::move(changes))
{
    std::sort(m_changes.begin(), m_changes.end(),
              [](const PlannedChange &a, const PlannedChange &b) { return a.key < b.key; });
}

std::vector<RequestedChange> Plan::requested() const
{
    std::vector<RequestedChange> list;
    for (const PlannedChange &change : m_changes)
        list.emplace_back(change.key, change.to);
    return list;
}

QString Plan::diff() const
{
    qsizetype width = 0;
    for (const PlannedChange &change : m_changes)
        width = std::max(width, change.key.size());
    QString text;
    for (const PlannedChange &change : m_changes) {
        const QString unit = *change.tunable->unit ? QLatin1Char(' ') + Catalogue::unit(*change.tunable) : QString();
        auto shown = [](const QString &value) { return value.isEmpty() ? QStringLiteral("(empty)") : value; };
        text += QStringLiteral("%1  %2 -> %3%4%5\n")
                    .arg(change.key, -int(width))
                    .arg(shown(change.from), shown(change.to), unit,
                         change.changes() ? QString() : QStringLiteral("  (unchanged)"));
    }
    return text;
}

QString Plan::sysctlFile(const SysctlFile::Values &persisted, const QDateTime &when) const
{
    SysctlFile::Values values = persisted;
    for (const PlannedChange &change : m_changes)
        values[change.key] = change.to;
    return SysctlFile::render(values, when);
}

QJsonObject Plan::toJson(const SysctlFile::Values &persisted, const QDateTime &when) const
{
    QJsonArray changes;
    for (const PlannedChange &change : m_changes) {
        changes.append(QJsonObject{{QStringLiteral("key"), change.key},
                                   {QStringLiteral("from"), change.from},
                                   {QStringLiteral("to"), change.to},
                                   {QStringLiteral("unit"), Catalogue::unit(*change.tunable)},
                                   {QStringLiteral("changes"), change.changes()}});
    }
    return QJsonObject{{QStringLiteral("schema"), QStringLiteral("sockpit.plan/1")},
                       {QStringLiteral("created_at"), when.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("sysctl_d"), sysctlFile(persisted, when)}};
}

Result<Plan> makePlan(const std::vector<RequestedChange> &requested, const SysctlTree &tree)
{
    return makePlan(requested, ValidationContext::fromTree(tree), readCurrentValues(tree));
}

Result<Plan> makePlan(const std::vector<RequestedChange> &requested, const ValidationContext &context,
                      const std::vector<CurrentValue> &current)
{
    auto valid = validateChanges(requested, context);
    if (!valid)
        return valid.failure();
    std::vector<PlannedChange> changes;
    for (const ValidatedChange &change : valid.value()) {
        const auto found = std::find_if(current.begin(), current.end(),
                                        [&](const CurrentValue &value) { return value.tunable == change.tunable; });
        if (found == current.end() || !found->available)
            return Error{QStringLiteral("%1 is not available on this kernel").arg(change.key), ENOENT};
        if (!found->error.isEmpty())
            return Error{found->error, EIO};
        changes.push_back({change.tunable, change.key, found->value, change.value});
    }
    return Plan(std::move(changes));
}

} // namespace Sockpit
