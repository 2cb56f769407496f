// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "wizards/wizardreport.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Sockpit {

// The wizards' records, one JSON file per helper transaction ("sockpit.wizard-record/1"),
// in the user's own data directory: the History page names each wizard transaction's
// symptom and writes its before/after report from them. The helper's journal stays the
// record of what changed; this is what the wizard saw around it.
class WizardRecordStore
{
public:
    explicit WizardRecordStore(QString directory = defaultDirectory());

    // QStandardPaths' AppLocalDataLocation + "/wizards".
    static QString defaultDirectory();
    const QString &directory() const { return m_directory; }

    Result<void> save(const WizardReport::Record &record) const;
    std::optional<WizardReport::Record> load(qint64 transaction) const;
    // Transaction -> symptom, for every record in the store.
    QHash<qint64, Symptom> symptoms() const;

    static QJsonObject toJson(const WizardReport::Record &record);
    static std::optional<WizardReport::Record> fromJson(const QJsonObject &object);

private:
    QString m_directory;
};

} // namespace Sockpit
