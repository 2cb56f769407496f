// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-side costs per sampling tick, measured on the offscreen platform:
//   1. the Sockets table (a shown QTableView, sorted by local endpoint, one row selected)
//      taking a new snapshot of N sockets with 1 % of them replaced, as TIME_WAIT churn
//      does: as the page does it (match, filter and sort on the worker thread, the GUI
//      thread only swaps the result in) against the reference, the same work done on the
//      GUI thread; prints GUI-thread time per update (mean, max), worker time and ratio;
//   2. decimating and replacing 8 series x 24 h at 1 Hz in one chart (the 16 ms frame).
// ctest runs a small round that only checks it completes.
#include "charts/decimation.h"
#include "charts/timechart.h"
#include "models/sockettablecontroller.h"
#include "models/sockettablemodel.h"
#include "sampling/snapshot.h"

#include <QApplication>
#include <QEventLoop>
#include <QHeaderView>
#include <QTableView>
#include <QElapsedTimer>
#include <QLineSeries>

#include <algorithm>
#include <cstdio>
#include <limits>
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

double mean(const std::vector<double> &values)
{
    double sum = 0;
    for (double value : values)
        sum += value;
    return values.empty() ? 0 : sum / double(values.size());
}

double maximum(const std::vector<double> &values)
{
    return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

struct TableRun
{
    std::vector<double> gui;    // GUI thread per update, ms
    std::vector<double> worker; // worker thread per update, ms
    bool selectionKept = true;
};

// One table as the Sockets page builds it; threshold decides where the work runs.
TableRun runTable(int rows, int rounds, int churn, int threshold)
{
    SocketTableController controller;
    SocketTableModel model;
    controller.setWorkerThreshold(threshold);
    QObject::connect(&controller, &SocketTableController::rowsChanged, &model, &SocketTableModel::present);
    QTableView view;
    view.setModel(&model);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 6);
    view.setSortingEnabled(true);
    view.resize(1200, 700);
    view.show();
    QObject::connect(view.horizontalHeader(), &QHeaderView::sortIndicatorChanged, &controller,
                     [&controller](int column, Qt::SortOrder order) { controller.sort(column, order); });
    view.sortByColumn(SocketTableModel::LocalColumn, Qt::AscendingOrder);
    controller.showSnapshotNow(population(rows, 0, 0));
    QApplication::processEvents();
    view.selectRow(rows / 2);
    const SocketRecord chosen = model.record(rows / 2);

    TableRun run;
    QElapsedTimer timer;
    for (int round = 1; round <= rounds; ++round) {
        // Keeps the chosen socket: churn replaces the lowest-numbered ones.
        const Snapshot next = population(rows, round * churn, round * 1000);
        QEventLoop loop;
        const auto connection = QObject::connect(&controller, &SocketTableController::prepared, &loop, &QEventLoop::quit);
        timer.start();
        controller.showSnapshot(next);
        double gui = double(timer.nsecsElapsed()) / 1e6;
        if (controller.isPreparing()) {
            loop.exec();
            gui += controller.counters().lastApplyMs;
            run.worker.push_back(controller.counters().lastWorkerMs);
        }
        QObject::disconnect(connection);
        run.gui.push_back(gui);
        QApplication::processEvents(); // paint, as the next frame would
        const QModelIndexList selected = view.selectionModel()->selectedRows();
        if (selected.size() != 1) {
            run.selectionKept = false;
            continue;
        }
        const SocketRecord &now = model.record(selected.first().row());
        if (now.localPort != chosen.localPort || now.remoteAddress != chosen.remoteAddress
            || now.remotePort != chosen.remotePort)
            run.selectionKept = false;
    }
    return run;
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

    // The model alone first: what matching a snapshot costs, wherever it runs.
    {
        Snapshot shown = population(rows, 0, 0);
        std::shared_ptr<const SocketRows::Keys> keys = SocketRows::match(Snapshot(), nullptr, shown).keys;
        std::vector<double> bareTimes;
        QElapsedTimer bareTimer;
        for (int round = 1; round <= rounds; ++round) {
            const Snapshot next = population(rows, round * churn, round * 1000);
            bareTimer.start();
            keys = SocketRows::match(shown, keys, next).keys;
            bareTimes.push_back(double(bareTimer.nsecsElapsed()) / 1e6);
            shown = next;
        }
        std::printf("sockets table: matching %d rows by identity (match alone): median %.1f ms\n", rows,
                    median(bareTimes));
    }

    const TableRun reference = runTable(rows, rounds, churn, std::numeric_limits<int>::max());
    const TableRun worker = runTable(rows, rounds, churn, SocketTableController::DefaultWorkerThreshold);
    std::printf("sockets table: update of %d rows (%d replaced), sorted, shown, one row selected; %d rounds\n", rows,
                churn, rounds);
    std::printf("  reference, all on the GUI thread: GUI thread mean %.1f ms, max %.1f ms\n", mean(reference.gui),
                maximum(reference.gui));
    std::printf("  worker thread prepares, GUI thread swaps in: GUI thread mean %.2f ms, max %.2f ms; "
                "worker mean %.1f ms, max %.1f ms\n",
                mean(worker.gui), maximum(worker.gui), mean(worker.worker), maximum(worker.worker));
    std::printf("  GUI thread time, reference / worker: mean %.0fx, max %.0fx; selection kept: %s\n",
                mean(worker.gui) > 0 ? mean(reference.gui) / mean(worker.gui) : 0.0,
                maximum(worker.gui) > 0 ? maximum(reference.gui) / maximum(worker.gui) : 0.0,
                reference.selectionKept && worker.selectionKept ? "yes" : "NO");
    if (!reference.selectionKept || !worker.selectionKept || worker.worker.size() != size_t(rounds))
        return 1;

    QElapsedTimer timer;
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
