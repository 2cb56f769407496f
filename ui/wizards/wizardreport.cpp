// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/wizardreport.h"

#include "charts/timechart.h"
#include "reports/exporter.h"
#include "wizards/symptomtext.h"

#include <QColor>
#include <QDir>
#include <QLocale>
#include <QSysInfo>
#include <QTranslator>

#include <cerrno>

namespace Sockpit {

namespace {

QString utc(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QStringLiteral("—");
}

} // namespace

QString WizardReport::t(const QTranslator *translator, const char *source)
{
    if (translator) {
        const QString text = translator->translate("WizardReport", source);
        return text.isEmpty() ? QString::fromUtf8(source) : text;
    }
    return tr(source);
}

QByteArray WizardReport::seriesCsv(const Record &record)
{
    const QString metric = record.diagnosis.trackedMetric;
    QList<QStringList> rows;
    const double applied = record.appliedAt.isValid() ? double(record.appliedAt.toMSecsSinceEpoch()) : 1e300;
    for (const QPointF &p : record.points) {
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC);
        rows << QStringList{when.toString(Qt::ISODateWithMs), p.x() < applied ? QStringLiteral("before") : QStringLiteral("after"),
                            QString::number(p.y(), 'g', 10)};
    }
    return Exporter::csvDocument({QStringLiteral("time_utc"), QStringLiteral("phase"), metric}, rows);
}

QString WizardReport::summary(const Record &r, const QTranslator *translator)
{
    const SymptomText::Scope scope(translator);
    const SymptomDiagnosis &d = r.diagnosis;
    QStringList lines;
    lines << SymptomText::title(d.symptom) << QString();
    lines << t(translator, QT_TR_NOOP("Host: %1")).arg(r.hostName);
    lines << t(translator, QT_TR_NOOP("Kernel: %1")).arg(r.kernelRelease);
    const QDateTime last = r.points.isEmpty() ? r.measuredAt
                                              : QDateTime::fromMSecsSinceEpoch(qint64(r.points.last().x()), Qt::UTC);
    lines << t(translator, QT_TR_NOOP("Time range: %1 to %2 UTC")).arg(utc(r.measuredAt), utc(last));
    lines << t(translator, QT_TR_NOOP("Symptom: %1")).arg(SymptomText::description(d.symptom));
    lines << QString() << t(translator, QT_TR_NOOP("Evidence (measured at %1 UTC):")).arg(utc(r.measuredAt));
    for (const SymptomFigure &f : d.figures) {
        QString line = QStringLiteral("  %1: %2").arg(SymptomText::figureName(f.metric, d.subjectOf(f)), SymptomText::value(f));
        if (!std::isnan(f.threshold))
            line += QLatin1Char(' ')
                    + t(translator, QT_TR_NOOP("(threshold %1, %2)"))
                          .arg(SymptomText::value(f.metric, f.threshold),
                               f.exceeded() ? t(translator, QT_TR_NOOP("over")) : t(translator, QT_TR_NOOP("fine")));
        lines << line;
    }
    lines << QStringLiteral("  ") + SymptomText::verdict(d);
    if (!d.listeners.empty())
        lines << QStringLiteral("  ") + SymptomText::listenersToRestart(d.listeners);
    lines << QString() << t(translator, QT_TR_NOOP("Plan (old → new):"));
    for (const Change &c : r.plan)
        lines << QStringLiteral("  %1: %2 → %3").arg(c.key, c.from, c.to);
    lines << QString();
    if (r.appliedAt.isValid())
        lines << t(translator, QT_TR_NOOP("Applied by %1 at %2 UTC in transaction %3."))
                     .arg(r.appliedBy, utc(r.appliedAt))
                     .arg(r.transaction);
    else
        lines << t(translator, QT_TR_NOOP("Not applied."));
    lines << (r.kept ? (r.persisted ? t(translator, QT_TR_NOOP("Kept, and persisted to sysctl.d."))
                                    : t(translator, QT_TR_NOOP("Kept, not persisted: it lasts until the next boot.")))
                     : t(translator, QT_TR_NOOP("Not kept: the helper restored every value.")));
    lines << QString() << t(translator, QT_TR_NOOP("Measured effect:"));
    if (r.before && r.after)
        lines << QStringLiteral("  ") + SymptomText::effect(d.trackedMetric, d.subject, *r.before, *r.after);
    else
        lines << QStringLiteral("  ") + t(translator, QT_TR_NOOP("No sample after the change yet."));
    lines << t(translator, QT_TR_NOOP("Samples in series.csv: %1")).arg(r.points.size());
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

Result<void> WizardReport::write(const QString &directory, const Record &record, TimeChart &chart)
{
    if (!QDir().mkpath(directory))
        return Error{tr("Could not create the folder %1").arg(directory), EACCES};
    const QDir dir(directory);
    if (auto written = Exporter::writeChartPng(chart, dir.filePath(QStringLiteral("chart.png")), ImageSize, record.hostName);
        !written)
        return written;
    if (auto written = Exporter::writeFile(dir.filePath(QStringLiteral("series.csv")), seriesCsv(record)); !written)
        return written;
    // English whatever the window speaks, and Chinese from the embedded catalogue.
    QTranslator english; // empty: the source strings
    if (auto written = Exporter::writeFile(dir.filePath(QStringLiteral("summary.txt")), summary(record, &english).toUtf8());
        !written)
        return written;
    QTranslator chinese;
    if (!chinese.load(QStringLiteral(":/i18n/sockpit_zh_CN.qm")))
        return Error{tr("The Chinese catalogue is not built into this program, so summary.zh_CN.txt was not written."),
                     ENOENT};
    return Exporter::writeFile(dir.filePath(QStringLiteral("summary.zh_CN.txt")), summary(record, &chinese).toUtf8());
}

void WizardReport::fillChart(TimeChart &chart, const Record &record)
{
    const SymptomDiagnosis &d = record.diagnosis;
    chart.addSeries(SymptomText::figureName(d.trackedMetric, d.subject), QColor(0x1f, 0x77, 0xb4));
    if (d.trackedMetric.endsWith(QLatin1String("_share")))
        chart.setDecimals(3);
    if (const SymptomFigure *f = d.figure(d.trackedMetric); f && !std::isnan(f->threshold) && f->threshold > 0)
        chart.addThreshold(tr("threshold"), f->threshold, QColor(0xb3, 0x26, 0x1e));
    if (record.points.isEmpty())
        return;
    // The record's own clock: UTC milliseconds stand in for the monotonic one.
    const double now = record.points.last().x();
    chart.setNow(qint64(now), QDateTime::fromMSecsSinceEpoch(qint64(now), Qt::UTC));
    QList<QPointF> relative;
    for (const QPointF &p : record.points)
        relative << QPointF((p.x() - now) / 1000.0, p.y());
    chart.setSeriesPoints(0, relative);
    const double span = (now - record.points.first().x()) / 1000.0;
    for (std::chrono::seconds window : TimeChart::windows()) {
        chart.setWindow(window);
        if (double(window.count()) >= span)
            break;
    }
    if (record.appliedAt.isValid()) {
        QStringList keys;
        for (const Change &c : record.plan)
            keys << c.key.section(QLatin1Char('.'), -1);
        chart.addEventMarker(record.appliedAt.toMSecsSinceEpoch(), tr("Applied: %1").arg(keys.join(QStringLiteral(", "))));
    }
}

Result<void> WizardReport::write(const QString &directory, const Record &record)
{
    TimeChart chart(tr("Before and after"), QString());
    chart.resize(ImageSize);
    fillChart(chart, record);
    return write(directory, record, chart);
}

} // namespace Sockpit
