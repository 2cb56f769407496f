// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tuning/journal.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace Sockpit {

// The helper's journal as a table, newest transaction first: when, who, what changed
// from what to what, whether it was persisted, and how it ended.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, TimeColumn, WhoColumn, ActionColumn, ChangesColumn, PersistedColumn, OutcomeColumn, ColumnCount };

    explicit HistoryModel(QObject *parent = nullptr);

    // The "transactions" of a sockpit.helper-result/1 history answer, in journal order.
    static std::vector<JournalEntry> parse(const QJsonObject &result);

    // ENTRIES in journal order (oldest first), as parse() gives them; USER_NAMES maps a
    // uid to its login name where one was found.
    void setEntries(std::vector<JournalEntry> entries, QHash<QString, QString> userNames = {});
    void clear();
    // Transaction -> the symptom a tuning wizard applied it for; shown with the action.
    void setWizardTitles(QHash<qint64, QString> titles);
    const JournalEntry *entry(int row) const;
    // Whether the transaction of ROW is still in force, so that undo would restore it:
    // the journal's own rule (Journal::undoable), or the reason it is not.
    Result<JournalEntry> undoable(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString changesText(const JournalEntry &entry) const;
    QString outcomeText(const JournalEntry &entry) const;

    std::vector<JournalEntry> m_journal; // journal order, for Journal::undoable
    std::vector<size_t> m_rows;          // row -> index into m_journal, newest first
    QHash<QString, QString> m_userNames;
    QHash<qint64, QString> m_wizardTitles;
};

} // namespace Sockpit
