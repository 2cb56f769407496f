// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QList>
#include <QSize>
#include <QStringList>

class QAbstractItemModel;

namespace Sockpit {

class TimeChart;

// PNG and CSV exports and the report folder. CSV follows RFC 4180 (CRLF line ends,
// fields with a comma, quote or line break quoted, quotes doubled), times are ISO 8601
// UTC, and the header row names each column's unit.
class Exporter
{
    Q_DECLARE_TR_FUNCTIONS(Exporter)
public:
    static QString csvField(const QString &text);
    static QByteArray csvDocument(const QStringList &header, const QList<QStringList> &rows);

    // One row per sample time; a column per series, empty where a series has no sample.
    static QByteArray chartCsv(const TimeChart &chart);
    // Every row and column the model shows (a filter proxy: the filtered table).
    static QByteArray tableCsv(const QAbstractItemModel &model);

    // Each returns why it failed, or an empty string.
    static Result<void> writeFile(const QString &path, const QByteArray &bytes);
    static Result<void> writeChartPng(TimeChart &chart, const QString &path, const QSize &size, const QString &hostName);

    struct ReportInput
    {
        QString hostName;
        QString kernel;
        QList<TimeChart *> charts;
        const QAbstractItemModel *sockets = nullptr;
        QStringList keyFigures;
        QString findingsSummary; // the analysis' one-paragraph verdict
        QStringList findings;    // one line per finding and per proposed change
        QSize imageSize{1600, 900};
    };
    // Writes charts as PNG and CSV, the socket table as CSV and summary.txt into
    // directory (created if needed). Returns why it failed, or an empty string.
    static Result<void> writeReport(const QString &directory, const ReportInput &input);
    // "timewait-sockets": a file name from a chart title.
    static QString fileStem(const QString &title, int index);
};

} // namespace Sockpit
