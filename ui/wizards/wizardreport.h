// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/symptomdiagnosis.h"
#include "base/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

class QTranslator;

namespace Sockpit {

class TimeChart;

// The before/after report of one tuning wizard: what hurt, the evidence, the plan, who
// applied it and when, whether it was kept, and what it did to the figure measured.
class WizardReport
{
    Q_DECLARE_TR_FUNCTIONS(WizardReport)
public:
    struct Change
    {
        QString key;
        QString from;
        QString to;
    };
    struct Record
    {
        SymptomDiagnosis diagnosis; // symptom, subject, evidence, tracked metric
        QString hostName;
        QString kernelRelease;
        QDateTime measuredAt; // UTC
        QDateTime appliedAt;  // UTC; invalid when never applied
        QString appliedBy;    // "uid 1000 (alice)"
        qint64 transaction = 0;
        bool kept = false;
        bool persisted = false;
        std::vector<Change> plan;
        QList<QPointF> points; // (UTC ms since the epoch, value), oldest first
        std::optional<double> before;
        std::optional<double> after;
    };

    static constexpr QSize ImageSize{1200, 600};

    // time_utc (ISO 8601), phase (before / after), the tracked figure: RFC 4180.
    static QByteArray seriesCsv(const Record &record);
    // The summary in the language of TRANSLATOR (nullptr: the application's).
    static QString summary(const Record &record, const QTranslator *translator = nullptr);
    // chart.png, series.csv, summary.txt (English) and summary.zh_CN.txt into DIRECTORY
    // (created if needed), or why it could not.
    static Result<void> write(const QString &directory, const Record &record, TimeChart &chart);
    // The same from the record alone (the History page): the chart is drawn from its points.
    static Result<void> write(const QString &directory, const Record &record);
    // Fills CHART (with no series yet) with the record's tracked figure, its threshold and
    // the change's marker, and sets its clock to the last point.
    static void fillChart(TimeChart &chart, const Record &record);

private:
    static QString t(const QTranslator *translator, const char *source);
};

} // namespace Sockpit
