// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/historymodel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace Sockpit {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

std::vector<JournalEntry> HistoryModel::parse(const QJsonObject &result)
{
    std::vector<JournalEntry> entries;
    for (const QJsonValue &value : result.value(QLatin1String("transactions")).toArray()) {
        const QJsonObject object = value.toObject();
        JournalEntry entry;
        entry.id = object.value(QLatin1String("id")).toInteger();
        entry.time = object.value(QLatin1String("time")).toString();
        entry.uid = object.value(QLatin1String("uid")).toString();
        entry.action = object.value(QLatin1String("action")).toString();
        entry.undoes = object.value(QLatin1String("undoes")).toInteger();
        entry.changes = object.value(QLatin1String("changes")).toArray();
        entry.persist = object.value(QLatin1String("persist")).toBool();
        entry.status = object.value(QLatin1String("status")).toString();
        entry.undone = object.value(QLatin1String("undone")).toBool();
        entries.push_back(std::move(entry));
    }
    return entries;
}

void HistoryModel::setEntries(std::vector<JournalEntry> entries, QHash<QString, QString> userNames)
{
    beginResetModel();
    m_journal = std::move(entries);
    m_userNames = std::move(userNames);
    m_rows.resize(m_journal.size());
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_rows[i] = i;
    // Newest first; ids grow with time, so they order the rows even where clocks jumped.
    std::sort(m_rows.begin(), m_rows.end(), [this](size_t a, size_t b) { return m_journal[a].id > m_journal[b].id; });
    endResetModel();
}

void HistoryModel::clear()
{
    setEntries({});
}

const JournalEntry *HistoryModel::entry(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_journal[m_rows[size_t(row)]] : nullptr;
}

Result<JournalEntry> HistoryModel::undoable(int row) const
{
    const JournalEntry *selected = entry(row);
    if (!selected)
        return Error{tr("no transaction selected")};
    return Journal::undoable(m_journal, selected->id);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::changesText(const JournalEntry &entry) const
{
    QStringList lines;
    for (const QJsonValue &value : entry.changes) {
        const QJsonObject change = value.toObject();
        auto shown = [](const QString &text) { return text.isEmpty() ? tr("(empty)") : text; };
        lines << tr("%1: %2 → %3")
                     .arg(change.value(QLatin1String("key")).toString(),
                          shown(change.value(QLatin1String("from")).toString()),
                          shown(change.value(QLatin1String("to")).toString()));
    }
    return lines.join(QLatin1Char('\n'));
}

QString HistoryModel::outcomeText(const JournalEntry &entry) const
{
    QString status;
    // The helper's words for how a transaction ended (helperservice.cpp, the "end" and
    // "recovery" records of the journal).
    if (entry.status == QLatin1String("applied"))
        status = entry.action == QLatin1String("undo") ? tr("restored") : tr("applied");
    else if (entry.status == QLatin1String("reverted"))
        status = tr("not confirmed, old values restored");
    else if (entry.status == QLatin1String("failed-restored"))
        status = tr("failed, old values restored");
    else if (entry.status == QLatin1String("restore-incomplete"))
        status = tr("failed, and restoring the old values failed too");
    else if (entry.status == QLatin1String("recovered"))
        status = tr("interrupted, old values restored by the next run");
    else if (entry.status == QLatin1String("recovery-failed"))
        status = tr("interrupted, and restoring it on the next run failed");
    else if (entry.status == QLatin1String("started"))
        status = tr("interrupted (no outcome recorded)");
    else
        status = entry.status;
    return entry.undone ? tr("%1, undone later").arg(status) : status;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const JournalEntry *row = index.isValid() ? entry(index.row()) : nullptr;
    if (!row)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case IdColumn:
            return row->id;
        case TimeColumn: {
            const QDateTime time = QDateTime::fromString(row->time, Qt::ISODateWithMs);
            return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : row->time;
        }
        case WhoColumn: {
            const QString name = m_userNames.value(row->uid);
            return name.isEmpty() ? tr("uid %1").arg(row->uid) : tr("%1 (uid %2)").arg(name, row->uid);
        }
        case ActionColumn:
            if (row->action == QLatin1String("undo"))
                return tr("Undo of %1").arg(row->undoes);
            if (const auto title = m_wizardTitles.constFind(row->id); title != m_wizardTitles.cend())
                return tr("Apply (wizard: %1)").arg(*title);
            return tr("Apply");
        case ChangesColumn:
            return changesText(*row);
        case PersistedColumn:
            return row->persist ? tr("yes") : tr("no");
        case OutcomeColumn:
            return outcomeText(*row);
        case ColumnCount:
            break;
        }
    } else if (role == Qt::ToolTipRole && index.column() == TimeColumn) {
        return row->time;
    } else if (role == Qt::TextAlignmentRole && index.column() == IdColumn) {
        return int(Qt::AlignRight | Qt::AlignTop);
    } else if (role == Qt::TextAlignmentRole) {
        return int(Qt::AlignLeft | Qt::AlignTop);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case IdColumn:
        return tr("#");
    case TimeColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case ChangesColumn:
        return tr("Changes (old → new)");
    case PersistedColumn:
        return tr("Persisted");
    case OutcomeColumn:
        return tr("Outcome");
    case ColumnCount:
        break;
    }
    return {};
}

void HistoryModel::setWizardTitles(QHash<qint64, QString> titles)
{
    m_wizardTitles = std::move(titles);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, ActionColumn), index(rowCount() - 1, ActionColumn));
}

} // namespace Sockpit
