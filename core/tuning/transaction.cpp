// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/transaction.h"

#include <QJsonObject>

namespace Sockpit {

namespace {

// Writes VALUE and reads it back. The kernel may accept a write and keep a different
// value (clamping), so only the read-back counts.
Result<void> writeVerified(const SysctlTree &tree, KeyOutcome &key, const QString &value)
{
    auto written = tree.write(key.key, value);
    auto now = tree.read(key.key);
    key.now = now ? now.value() : QString();
    if (!written)
        return written;
    if (!now)
        return Error{QStringLiteral("%1 cannot be read back: %2").arg(key.key, now.error()), now.errorCode()};
    if (now.value() != value)
        return Error{QStringLiteral("%1 reads back as \"%2\" after writing \"%3\"").arg(key.key, now.value(), value)};
    return {};
}

void restore(const SysctlTree &tree, TransactionOutcome &outcome)
{
    for (auto it = outcome.keys.rbegin(); it != outcome.keys.rend(); ++it) {
        KeyOutcome &key = *it;
        if (key.state == KeyState::Unchanged) {
            // Not known to be written; the failing key may still have changed.
            auto now = tree.read(key.key);
            key.now = now ? now.value() : QString();
            if (!now || now.value() == key.from)
                continue;
        } else if (key.state != KeyState::Applied) {
            continue;
        }
        if (auto back = writeVerified(tree, key, key.from); back) {
            key.state = KeyState::Restored;
        } else {
            key.state = KeyState::Failed;
            key.error = back.error();
            outcome.restoreComplete = false;
        }
    }
}

} // namespace

QString keyStateName(KeyState state)
{
    switch (state) {
    case KeyState::Unchanged: return QStringLiteral("unchanged");
    case KeyState::Applied: return QStringLiteral("applied");
    case KeyState::Restored: return QStringLiteral("restored");
    case KeyState::Failed: return QStringLiteral("failed");
    }
    return {};
}

QJsonArray TransactionOutcome::keysJson() const
{
    QJsonArray array;
    for (const KeyOutcome &key : keys) {
        QJsonObject object{{QStringLiteral("key"), key.key},
                           {QStringLiteral("from"), key.from},
                           {QStringLiteral("to"), key.to},
                           {QStringLiteral("now"), key.now},
                           {QStringLiteral("state"), keyStateName(key.state)}};
        if (!key.error.isEmpty())
            object.insert(QStringLiteral("error"), key.error);
        array.append(object);
    }
    return array;
}

TransactionOutcome applyTransaction(const SysctlTree &tree, const std::vector<std::pair<QString, QString>> &targets)
{
    TransactionOutcome outcome;
    // Every old value first: a key that cannot be read is refused before anything is written.
    for (const auto &[key, value] : targets) {
        auto current = tree.read(key);
        if (!current) {
            outcome.error = current.error();
            outcome.keys.clear();
            return outcome;
        }
        outcome.keys.push_back({key, current.value(), value, current.value(), KeyState::Unchanged, {}});
    }
    for (KeyOutcome &key : outcome.keys) {
        if (auto written = writeVerified(tree, key, key.to); !written) {
            key.error = written.error();
            outcome.error = written.error();
            restore(tree, outcome);
            return outcome;
        }
        key.state = KeyState::Applied;
    }
    outcome.applied = true;
    return outcome;
}

TransactionOutcome rollBack(const SysctlTree &tree, TransactionOutcome outcome, const QString &reason)
{
    outcome.applied = false;
    outcome.restoreComplete = true;
    outcome.error = reason;
    restore(tree, outcome);
    return outcome;
}

} // namespace Sockpit
