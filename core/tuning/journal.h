// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "base/uniquefd.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Sockpit {

// One transaction as the journal tells it: the "begin" record (who, what, old values,
// the sysctl.d file before and after) merged with the latest record about its outcome.
struct JournalEntry
{
    qint64 id = 0;
    QString time;   // ISO 8601 UTC, when it began
    QString uid;    // PKEXEC_UID of the caller, or the uid that ran the helper directly
    QString action; // "apply" or "undo"
    qint64 undoes = 0;
    QJsonArray changes; // [{key, from, to}]
    bool persist = false;
    QJsonValue fileBefore; // null: the file did not exist (fileToJson's form)
    QJsonValue fileAfter;
    QString status; // "started" until an outcome is recorded
    bool undone = false;

    QJsonObject toJson() const;
};

// A sysctl.d file's bytes in a journal record: a string when they are UTF-8, otherwise
// {"base64": "..."}, so that undo puts back exactly the bytes that were there; null for
// no file.
QJsonValue fileToJson(const std::optional<QByteArray> &content);
std::optional<QByteArray> fileFromJson(const QJsonValue &value);

// The root-owned record of every transaction: JSON lines in DIRECTORY/journal.jsonl
// (0600, directory 0700), appended and synced before and after each change so that even
// a helper killed halfway leaves the old values on record. Opening takes an exclusive
// lock that serialises helpers until this object is destroyed.
class Journal
{
public:
    explicit Journal(QString directory);
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    Result<void> open();
    // Every transaction on record. A line that is not a record (cut short by a full disk
    // or a power loss) is left out and named in problems().
    Result<std::vector<JournalEntry>> entries() const;
    // "line N: why" for each unreadable line the last entries() met.
    const QStringList &problems() const { return m_problems; }
    Result<qint64> nextId() const;
    Result<void> append(const QJsonObject &record);

    // The transaction `undo` restores: ID, or the latest apply still in force.
    static Result<JournalEntry> undoable(const std::vector<JournalEntry> &entries, std::optional<qint64> id);

private:
    QString m_directory;
    mutable QStringList m_problems;
    // Destroyed in reverse: the journal file closes first, then the lock, which releases
    // the flock.
    UniqueFd m_lock;
    UniqueFd m_file;
};

} // namespace Sockpit
