// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/exporter.h"

#include "charts/timechart.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QImage>
#include <QMap>
#include <QSaveFile>

#include <cmath>

namespace Sockpit {

QString Exporter::csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray Exporter::csvDocument(const QStringList &header, const QList<QStringList> &rows)
{
    QByteArray out;
    const auto appendRow = [&out](const QStringList &cells) {
        QStringList fields;
        fields.reserve(cells.size());
        for (const QString &cell : cells)
            fields << csvField(cell);
        out += fields.join(QLatin1Char(',')).toUtf8();
        out += "\r\n";
    };
    appendRow(header);
    for (const QStringList &row : rows)
        appendRow(row);
    return out;
}

QByteArray Exporter::chartCsv(const TimeChart &chart)
{
    // Column names stay English and unit-suffixed: CSV is for tools, not for reading.
    QStringList header{QStringLiteral("time (ISO 8601 UTC)")};
    // Every column as relative points: the series, the two edges of each band, and the
    // marks (1 where one is).
    QList<QList<QPointF>> columns;
    for (int i = 0; i < chart.seriesCount(); ++i) {
        header << QStringLiteral("%1 (%2)").arg(chart.seriesName(i), chart.unit());
        columns << chart.seriesData(i);
    }
    for (int i = 0; i < chart.bandCount(); ++i) {
        header << QStringLiteral("%1 low (%2)").arg(chart.bandName(i), chart.unit())
               << QStringLiteral("%1 high (%2)").arg(chart.bandName(i), chart.unit());
        columns << chart.bandLower(i) << chart.bandUpper(i);
    }
    for (int i = 0; i < chart.marksCount(); ++i) {
        header << QStringLiteral("%1 (count)").arg(chart.marksName(i));
        QList<QPointF> marks;
        const QList<double> x = chart.marksData(i);
        for (double at : x)
            marks << QPointF(at, 1);
        columns << marks;
    }
    // Keyed by milliseconds relative to now, so equal sample times of different columns
    // share a row.
    QMap<qint64, QStringList> rows;
    const qsizetype count = columns.size();
    const QDateTime now = chart.nowUtc().isValid() ? chart.nowUtc() : QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < count; ++i) {
        for (const QPointF &point : std::as_const(columns[i])) {
            if (point.x() < -double(chart.window().count()))
                continue;
            const qint64 ms = std::llround(point.x() * 1000.0);
            QStringList &row = rows[ms];
            if (row.isEmpty()) {
                row.resize(count + 1);
                row[0] = now.addMSecs(ms).toString(Qt::ISODateWithMs);
            }
            row[i + 1] = QString::number(point.y(), 'g', 12);
        }
    }
    return csvDocument(header, rows.values());
}

QByteArray Exporter::tableCsv(const QAbstractItemModel &model)
{
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << model.headerData(column, Qt::Horizontal).toString();
    QList<QStringList> rows;
    rows.reserve(model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data().toString();
        rows << cells;
    }
    return csvDocument(header, rows);
}

Result<void> Exporter::writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{tr("Could not write %1: %2").arg(path, file.errorString())};
    file.write(bytes);
    if (!file.commit())
        return Error{tr("Could not write %1: %2").arg(path, file.errorString())};
    return {};
}

Result<void> Exporter::writeChartPng(TimeChart &chart, const QString &path, const QSize &size, const QString &hostName)
{
    if (size.width() < 200 || size.height() < 150 || size.width() > 10000 || size.height() > 10000)
        return Error{tr("An image size of %1×%2 pixels is outside 200×150 to 10000×10000.")
                         .arg(size.width())
                         .arg(size.height())};
    const QImage image = chart.renderImage(size, hostName);
    if (!image.save(path, "PNG"))
        return Error{tr("Could not write the image to %1").arg(path)};
    return {};
}

QString Exporter::fileStem(const QString &title, int index)
{
    QString stem;
    for (const QChar c : title.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            stem += c;
        else if (!stem.isEmpty() && !stem.endsWith(QLatin1Char('-')))
            stem += QLatin1Char('-');
    }
    while (stem.endsWith(QLatin1Char('-')))
        stem.chop(1);
    // Translated titles may leave nothing: fall back to a number.
    return stem.isEmpty() ? QStringLiteral("chart-%1").arg(index + 1) : stem;
}

Result<void> Exporter::writeReport(const QString &directory, const ReportInput &input)
{
    if (!QDir().mkpath(directory))
        return Error{tr("Could not create the folder %1").arg(directory)};
    const QDir dir(directory);
    QStringList files;
    QString range;
    for (int i = 0; i < input.charts.size(); ++i) {
        TimeChart *chart = input.charts[i];
        const QString stem = fileStem(chart->title(), i);
        if (auto written = writeChartPng(*chart, dir.filePath(stem + QStringLiteral(".png")), input.imageSize,
                                         input.hostName);
            !written)
            return written;
        if (auto written = writeFile(dir.filePath(stem + QStringLiteral(".csv")), chartCsv(*chart)); !written)
            return written;
        files << stem + QStringLiteral(".png") << stem + QStringLiteral(".csv");
        if (range.isEmpty())
            range = chart->timeRangeText();
    }
    if (input.sockets) {
        if (auto written = writeFile(dir.filePath(QStringLiteral("sockets.csv")), tableCsv(*input.sockets)); !written)
            return written;
        files << QStringLiteral("sockets.csv");
    }
    QStringList summary;
    summary << tr("Sockpit report") << QString();
    summary << tr("Host: %1").arg(input.hostName);
    summary << tr("Kernel: %1").arg(input.kernel);
    summary << tr("Written: %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    summary << tr("Time range: %1").arg(range.isEmpty() ? tr("no chart") : range);
    summary << QString() << tr("Key figures:");
    for (const QString &line : input.keyFigures)
        summary << QStringLiteral("  ") + line;
    summary << QString() << tr("Findings:");
    summary << QStringLiteral("  ") + (input.findingsSummary.isEmpty() ? tr("no analysis has run yet") : input.findingsSummary);
    for (const QString &line : input.findings)
        summary << QStringLiteral("  ") + line;
    summary << QString() << tr("Files:");
    for (const QString &file : std::as_const(files))
        summary << QStringLiteral("  ") + file;
    return writeFile(dir.filePath(QStringLiteral("summary.txt")), (summary.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
}

} // namespace Sockpit
