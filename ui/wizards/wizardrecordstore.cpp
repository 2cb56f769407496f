// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/wizardrecordstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <cmath>

namespace Sockpit {

namespace {

constexpr char Schema[] = "sockpit.wizard-record/1";

QJsonValue number(double value)
{
    return std::isnan(value) ? QJsonValue() : QJsonValue(value);
}

QString fileName(qint64 transaction)
{
    return QStringLiteral("%1.json").arg(transaction);
}

} // namespace

WizardRecordStore::WizardRecordStore(QString directory)
    : m_directory(std::move(directory))
{
}

QString WizardRecordStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/wizards");
}

QJsonObject WizardRecordStore::toJson(const WizardReport::Record &r)
{
    const SymptomDiagnosis &d = r.diagnosis;
    QJsonArray figures;
    for (const SymptomFigure &f : d.figures) {
        QJsonObject figure{{QStringLiteral("metric"), f.metric},
                           {QStringLiteral("value"), number(f.value)},
                           {QStringLiteral("threshold"), number(f.threshold)},
                           {QStringLiteral("strictly_above"), f.strictlyAbove},
                           {QStringLiteral("unit"), f.unit},
                           {QStringLiteral("source"), f.source}};
        if (!f.subject.isEmpty())
            figure.insert(QStringLiteral("subject"), f.subject);
        figures.append(figure);
    }
    QJsonArray listeners;
    for (const ListenerNote &l : d.listeners)
        listeners.append(QJsonObject{{QStringLiteral("endpoint"), l.endpoint},
                                     {QStringLiteral("queue"), l.queue},
                                     {QStringLiteral("backlog"), l.backlog},
                                     {QStringLiteral("pid"), l.pid},
                                     {QStringLiteral("process"), l.process},
                                     {QStringLiteral("backlog_from_application"), l.backlogFromApplication}});
    QJsonArray plan;
    for (const WizardReport::Change &c : r.plan)
        plan.append(QJsonObject{{QStringLiteral("key"), c.key}, {QStringLiteral("from"), c.from}, {QStringLiteral("to"), c.to}});
    QJsonArray changes;
    for (const ProposedChange &c : d.changes)
        changes.append(QJsonObject{{QStringLiteral("key"), c.key}, {QStringLiteral("value"), c.value},
                                   {QStringLiteral("current"), c.current}});
    QJsonArray points;
    for (const QPointF &p : r.points)
        points.append(QJsonArray{QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC).toString(Qt::ISODateWithMs), p.y()});
    QJsonObject o{{QStringLiteral("schema"), QLatin1String(Schema)},
                  {QStringLiteral("symptom"), QLatin1String(symptomName(d.symptom).data())},
                  {QStringLiteral("subject"), d.subject},
                  {QStringLiteral("affected"), d.affected},
                  {QStringLiteral("tracked_metric"), d.trackedMetric},
                  {QStringLiteral("figures"), figures},
                  {QStringLiteral("listeners"), listeners},
                  {QStringLiteral("proposed"), changes},
                  {QStringLiteral("caveats"), QJsonArray::fromStringList(d.caveats)},
                  {QStringLiteral("host"), r.hostName},
                  {QStringLiteral("kernel"), r.kernelRelease},
                  {QStringLiteral("measured_at"), r.measuredAt.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("applied_at"), r.appliedAt.isValid() ? r.appliedAt.toUTC().toString(Qt::ISODateWithMs) : QString()},
                  {QStringLiteral("applied_by"), r.appliedBy},
                  {QStringLiteral("transaction"), r.transaction},
                  {QStringLiteral("kept"), r.kept},
                  {QStringLiteral("persisted"), r.persisted},
                  {QStringLiteral("plan"), plan},
                  {QStringLiteral("points"), points}};
    if (r.before)
        o.insert(QStringLiteral("before"), *r.before);
    if (r.after)
        o.insert(QStringLiteral("after"), *r.after);
    return o;
}

std::optional<WizardReport::Record> WizardRecordStore::fromJson(const QJsonObject &o)
{
    if (o.value(QStringLiteral("schema")).toString() != QLatin1String(Schema))
        return std::nullopt;
    const auto symptom = symptomFromName(o.value(QStringLiteral("symptom")).toString());
    if (!symptom)
        return std::nullopt;
    WizardReport::Record r;
    SymptomDiagnosis &d = r.diagnosis;
    d.symptom = *symptom;
    d.subject = o.value(QStringLiteral("subject")).toString();
    d.affected = o.value(QStringLiteral("affected")).toBool();
    d.trackedMetric = o.value(QStringLiteral("tracked_metric")).toString();
    for (const QJsonValue &item : o.value(QStringLiteral("figures")).toArray()) {
        const QJsonObject f = item.toObject();
        SymptomFigure figure{f.value(QStringLiteral("metric")).toString(), f.value(QStringLiteral("value")).toDouble(),
                             f.value(QStringLiteral("threshold")).isDouble() ? f.value(QStringLiteral("threshold")).toDouble()
                                                                              : std::nan(""),
                             f.value(QStringLiteral("unit")).toString(), f.value(QStringLiteral("source")).toString()};
        figure.strictlyAbove = f.value(QStringLiteral("strictly_above")).toBool();
        figure.subject = f.value(QStringLiteral("subject")).toString();
        d.figures.push_back(figure);
    }
    for (const QJsonValue &item : o.value(QStringLiteral("listeners")).toArray()) {
        const QJsonObject l = item.toObject();
        d.listeners.push_back({l.value(QStringLiteral("endpoint")).toString(), l.value(QStringLiteral("queue")).toInt(),
                               l.value(QStringLiteral("backlog")).toInt(), l.value(QStringLiteral("pid")).toInt(),
                               l.value(QStringLiteral("process")).toString(),
                               l.value(QStringLiteral("backlog_from_application")).toBool()});
    }
    for (const QJsonValue &item : o.value(QStringLiteral("proposed")).toArray()) {
        const QJsonObject c = item.toObject();
        d.changes.push_back({c.value(QStringLiteral("key")).toString(), c.value(QStringLiteral("value")).toString(),
                             c.value(QStringLiteral("current")).toString()});
    }
    for (const QJsonValue &item : o.value(QStringLiteral("caveats")).toArray())
        d.caveats << item.toString();
    r.hostName = o.value(QStringLiteral("host")).toString();
    r.kernelRelease = o.value(QStringLiteral("kernel")).toString();
    r.measuredAt = QDateTime::fromString(o.value(QStringLiteral("measured_at")).toString(), Qt::ISODateWithMs);
    r.appliedAt = QDateTime::fromString(o.value(QStringLiteral("applied_at")).toString(), Qt::ISODateWithMs);
    r.appliedBy = o.value(QStringLiteral("applied_by")).toString();
    r.transaction = o.value(QStringLiteral("transaction")).toInteger();
    r.kept = o.value(QStringLiteral("kept")).toBool();
    r.persisted = o.value(QStringLiteral("persisted")).toBool();
    for (const QJsonValue &item : o.value(QStringLiteral("plan")).toArray()) {
        const QJsonObject c = item.toObject();
        r.plan.push_back({c.value(QStringLiteral("key")).toString(), c.value(QStringLiteral("from")).toString(),
                          c.value(QStringLiteral("to")).toString()});
    }
    for (const QJsonValue &item : o.value(QStringLiteral("points")).toArray()) {
        const QJsonArray p = item.toArray();
        const QDateTime when = QDateTime::fromString(p.at(0).toString(), Qt::ISODateWithMs);
        if (when.isValid())
            r.points << QPointF(double(when.toMSecsSinceEpoch()), p.at(1).toDouble());
    }
    if (o.value(QStringLiteral("before")).isDouble())
        r.before = o.value(QStringLiteral("before")).toDouble();
    if (o.value(QStringLiteral("after")).isDouble())
        r.after = o.value(QStringLiteral("after")).toDouble();
    return r;
}

Result<void> WizardRecordStore::save(const WizardReport::Record &record) const
{
    if (record.transaction <= 0)
        return Error{QStringLiteral("the wizard's change has no transaction to file it under")};
    if (!QDir().mkpath(m_directory))
        return Error{QStringLiteral("cannot create %1").arg(m_directory)};
    QSaveFile file(QDir(m_directory).filePath(fileName(record.transaction)));
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString())};
    file.write(QJsonDocument(toJson(record)).toJson());
    if (!file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString())};
    return {};
}

std::optional<WizardReport::Record> WizardRecordStore::load(qint64 transaction) const
{
    QFile file(QDir(m_directory).filePath(fileName(transaction)));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return fromJson(QJsonDocument::fromJson(file.readAll()).object());
}

QHash<qint64, Symptom> WizardRecordStore::symptoms() const
{
    QHash<qint64, Symptom> out;
    const QStringList names = QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : names) {
        bool ok = false;
        const qint64 transaction = name.chopped(5).toLongLong(&ok);
        if (!ok)
            continue;
        if (auto record = load(transaction))
            out.insert(transaction, record->diagnosis.symptom);
    }
    return out;
}

} // namespace Sockpit
