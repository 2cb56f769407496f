// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-side costs per sampling tick, measured on the offscreen platform:
//   1. the Sockets table taking a new snapshot of N sockets (sorted proxy attached), with
//      a share of sockets replaced, as TIME_WAIT churn does;
//   2. decimating and replacing 8 series x 24 h at 1 Hz in one chart (the 16 ms frame).
// Prints medians; ctest runs a small round that only checks it completes.
#include "charts/decimation.h"
#include "charts/timechart.h"
#include "models/socketfilterproxymodel.h"
#include "models/sockettablemodel.h"
#include "sampling/snapshot.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineSeries>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Sockpit;

namespace {

Snapshot population(int count, int shift, qint64 ms)
{
    std::vector<SocketRecord> sockets;
    sockets.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const int n = i + shift;
        SocketRecord record;
        record.protocol = Protocol::Tcp;
        record.state = n % 5 == 0 ? SocketState::Established : SocketState::TimeWait;
        record.localAddress = {10, 0, 0, 5};
        record.remoteAddress = {10, 1, quint8(n / 3840000), quint8(1 + (n / 60000) % 64)};
        record.localPort = quint16(1024 + n % 60000);
        record.remotePort = 80;
        record.inode = record.state == SocketState::Established ? quint32(100000 + n) : 0;
        sockets.push_back(record);
    }
    return SnapshotBuilder().setTakenAt(QDateTime::currentDateTimeUtc(), ms).setSockets(std::move(sockets)).build();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const int rows = args.contains(QStringLiteral("--small")) ? 10000 : 100000;
    const int rounds = args.contains(QStringLiteral("--small")) ? 3 : 10;
    const int churn = rows / 100; // 1 % of sockets replaced per tick

    // The model alone first: what the diff costs without a view's proxy.
    {
        SocketTableModel bare;
        bare.setSnapshot(population(rows, 0, 0));
        std::vector<double> bareTimes;
        QElapsedTimer bareTimer;
        for (int round = 1; round <= rounds; ++round) {
            const Snapshot next = population(rows, round * churn, round * 1000);
            bareTimer.start();
            bare.setSnapshot(next);
            bareTimes.push_back(double(bareTimer.nsecsElapsed()) / 1e6);
        }
        std::printf("sockets table: update of %d rows, model alone (diff, no proxy): median %.1f ms\n", rows,
                    median(bareTimes));
    }

    SocketTableModel model;
    SocketFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(SocketTableModel::LocalColumn);
    QElapsedTimer timer;
    timer.start();
    model.setSnapshot(population(rows, 0, 0));
    std::printf("sockets table: first snapshot of %d rows (reset + sort): %.1f ms\n", rows, double(timer.nsecsElapsed()) / 1e6);
    std::vector<double> times;
    for (int round = 1; round <= rounds; ++round) {
        const Snapshot next = population(rows, round * churn, round * 1000);
        timer.restart();
        model.setSnapshot(next);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const auto stats = model.lastUpdate();
    std::printf("sockets table: update of %d rows, %d removed (%d ranges) and %d inserted, sorted proxy: median %.1f ms\n",
                rows, stats.removed, stats.removedRanges, stats.inserted, median(times));

    // 8 series x 24 h at 1 Hz.
    TimeChart chart(QStringLiteral("bench"), QStringLiteral("u"));
    chart.resize(1200, 400);
    chart.setWindow(std::chrono::hours(24));
    QList<QList<QPointF>> series;
    for (int s = 0; s < 8; ++s) {
        chart.addSeries(QStringLiteral("s%1").arg(s), Qt::blue);
        QList<QPointF> points;
        points.reserve(86401);
        for (int second = -86400; second <= 0; ++second)
            points.append(QPointF(second, (second * (s + 3)) % 977));
        series << points;
    }
    std::vector<double> decimateTimes;
    std::vector<double> chartTimes;
    for (int round = 0; round < rounds; ++round) {
        timer.restart();
        for (const QList<QPointF> &points : std::as_const(series))
            (void)decimateMinMax(points, -86400, 0, 1200);
        decimateTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        for (int s = 0; s < 8; ++s)
            chart.setSeriesPoints(s, series[s]);
        chartTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("chart: decimate 8 series x 86400 points to 1200 columns: median %.1f ms\n", median(decimateTimes));
    std::printf("chart: decimate + replace() 8 series x 24 h: median %.1f ms (%lld points drawn per series)\n",
                median(chartTimes), qint64(chart.series(0)->count()));
    return 0;
}
