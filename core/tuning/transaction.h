// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tuning/sysctltree.h"

#include <QJsonArray>
#include <QString>

#include <utility>
#include <vector>

namespace Sockpit {

// Where one key stands after a transaction.
enum class KeyState {
    Unchanged, // never written, or written and found unchanged
    Applied,   // holds the new value, verified by reading it back
    Restored,  // was written, then set back to the old value, verified
    Failed,    // neither the new nor the old value could be established: see "now"
};

struct KeyOutcome
{
    QString key;
    QString from;
    QString to;
    QString now; // as read back last; empty with an error when unreadable
    KeyState state = KeyState::Unchanged;
    QString error;
};

struct TransactionOutcome
{
    bool applied = false;        // every key holds its new value
    bool restoreComplete = true; // when not applied: every key holds its old value again
    QString error;               // the first failure
    std::vector<KeyOutcome> keys;

    QJsonArray keysJson() const;
};

QString keyStateName(KeyState state);

// Records every old value, writes the new ones in order, reads each back and compares.
// On the first failure every key written so far (and the failing one, if the kernel took
// part of it) is set back to its old value, last written first, and verified again.
// TARGETS hold validated, canonical values.
TransactionOutcome applyTransaction(const SysctlTree &tree, const std::vector<std::pair<QString, QString>> &targets);

// Sets every Applied key of OUTCOME back to its old value (a checkpoint that was not
// confirmed, a persist that failed). Returns the outcome with the keys' new states.
TransactionOutcome rollBack(const SysctlTree &tree, TransactionOutcome outcome, const QString &reason);

} // namespace Sockpit
