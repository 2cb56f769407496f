// SPDX-License-Identifier: GPL-3.0-or-later
// bench_eventloop: how late the GUI thread's event loop runs while the window shows live
// snapshots of a large socket table. Builds a population in a private network namespace
// (about 100k TIME_WAIT sockets by default), wires a SampleHub to a shown MainWindow as
// the app does (ticks sample what the page shown and the analysis need), and serves a
// 1 ms precise timer on the GUI thread, for each page of --pages in turn (default the
// Overview, then the Sockets page, which needs every socket with owners and tcp_info). Prints the timer's lateness (max, p99, p50) over the run and, as the
// reference, over the same time with the window shown but no sampling; and the Sockets
// table's share: its worker thread's time per update and the GUI thread's time to swap
// each prepared update in; and, to tell what holds the loop up from a machine too busy to
// run it, the longest event dispatches on the GUI thread with their receiver, their wall
// time and the thread's CPU time in them. Needs root (namespace); exits 77 (skipped)
// otherwise.

#include "analysis/analyser.h"
#include "analysis/analysisrunner.h"
#include "benchpopulation.h"
#include "capture/capturebundle.h"
#include "capture/livetakes.h"
#include "command.h"
#include "latencymeter.h"
#include "mainwindow.h"
#include "models/sockettablecontroller.h"
#include "pages/socketspage.h"
#include "sampling/samplehub.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>

using namespace Sockpit;

namespace {

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Times every event the GUI thread dispatches (the outermost only: nested dispatches are
// inside it), in wall time and in the thread's CPU time. A dispatch with far less CPU than
// wall time waited for a core; one with as much CPU is the code's own.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    struct Dispatch
    {
        double wallMs = 0;
        double cpuMs = 0;
        QByteArray what; // receiver class (object name), event type
    };

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer wall;
        wall.start();
        const double cpuBefore = threadCpuMs();
        const auto type = event->type(); // the event may be gone after delivery
        const QByteArray what = QByteArray(receiver->metaObject()->className()) + " ("
                                + receiver->objectName().toLatin1() + "), event " + QByteArray::number(int(type));
        const bool result = QApplication::notify(receiver, event);
        const double cpu = threadCpuMs() - cpuBefore;
        const double ms = double(wall.nsecsElapsed()) / 1e6;
        --m_depth;
        m_cpuByWhat[what] += cpu;
        m_longest.push_back({ms, cpu, what});
        std::sort(m_longest.begin(), m_longest.end(),
                  [](const Dispatch &a, const Dispatch &b) { return a.wallMs > b.wallMs; });
        if (m_longest.size() > 5)
            m_longest.pop_back();
        return result;
    }

    void reset()
    {
        m_longest.clear();
        m_cpuByWhat.clear();
    }
    void print() const
    {
        for (const Dispatch &dispatch : m_longest)
            std::printf("   longest dispatch: %.2f ms wall, %.2f ms CPU: %s\n", dispatch.wallMs, dispatch.cpuMs,
                        dispatch.what.constData());
        std::vector<std::pair<double, QByteArray>> byCpu;
        for (const auto &[what, cpu] : m_cpuByWhat)
            byCpu.emplace_back(cpu, what);
        std::sort(byCpu.begin(), byCpu.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        for (size_t i = 0; i < byCpu.size() && i < 5; ++i)
            std::printf("   GUI-thread CPU in all: %.1f ms: %s\n", byCpu[i].first, byCpu[i].second.constData());
    }

private:
    int m_depth = 0;
    std::vector<Dispatch> m_longest;
    std::map<QByteArray, double> m_cpuByWhat;
};

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    const int timeWait = Test::intArgument(argc, argv, "--time-wait", 100000);
    const int seconds = Test::intArgument(argc, argv, "--seconds", 15);
    const int intervalMs = Test::intArgument(argc, argv, "--interval", 1000);

    QStringList pages;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--pages") == 0)
            pages = QString::fromLocal8Bit(argv[i + 1]).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (pages.isEmpty())
        pages = {QStringLiteral("overview"), QStringLiteral("sockets")};

    // Before QApplication and before any thread: the sampler's thread inherits it.
    Test::Population population;
    Test::Population::Spec spec;
    spec.listeners = 50;
    spec.established = 1000;
    spec.timeWait = timeWait;
    spec.destinations = 4;
    if (const int code = Test::setUpBenchPopulation("bench_eventloop", population, spec); code != 0)
        return code;

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    MainWindow window;
    window.resize(1280, 860);
    window.show();
    window.showPage(pages.first());

    Test::LatencyMeter meter;
    meter.start();
    runFor(3000);
    const double idleMax = meter.maxMs();
    const double idleP99 = meter.percentileMs(99);
    const int idleTicks = meter.ticks();
    std::printf("population: %d TIME_WAIT, %d established pairs, %d listeners\n", timeWait, spec.established,
                spec.listeners + spec.destinations);
    std::printf("idle (window shown, no sampling, %d ticks): max %.2f ms, p99 %.2f ms\n", idleTicks, idleMax, idleP99);

    SampleHub hub;
    SamplerOptions options;
    options.owners = true;
    options.tcpInfo = true;
    hub.setOptions(options);
    hub.setInterval(std::chrono::milliseconds(intervalMs));
    QObject::connect(&window, &MainWindow::sampleNeedRequested, &hub, &SampleHub::need);
    window.announceSampleNeeds();
    int snapshots = 0;
    qint64 sockets = 0;
    double guiMsTotal = 0;
    double guiMsMax = 0;
    QObject::connect(&hub, &SampleHub::snapshotReady, &window, [&](const Snapshot &snapshot) {
        QElapsedTimer gui;
        gui.start();
        window.showSnapshot(snapshot);
        const double ms = double(gui.nsecsElapsed()) / 1e6;
        guiMsTotal += ms;
        guiMsMax = std::max(guiMsMax, ms);
        ++snapshots;
        sockets = qint64(snapshot.sockets().size());
    });
    auto *socketsPage = qobject_cast<SocketsPage *>(window.page(QStringLiteral("sockets")));
    if (!socketsPage) {
        std::fprintf(stderr, "no Sockets page\n");
        return 1;
    }
    SocketTableController *table = socketsPage->controller();
    int swaps = 0;
    double swapMsTotal = 0;
    double swapMsMax = 0;
    double workerMsTotal = 0;
    double workerMsMax = 0;
    QObject::connect(table, &SocketTableController::prepared, &window, [&](bool applied) {
        if (!applied)
            return;
        const auto counters = table->counters();
        ++swaps;
        swapMsTotal += counters.lastApplyMs;
        swapMsMax = std::max(swapMsMax, counters.lastApplyMs);
        workerMsTotal += counters.lastWorkerMs;
        workerMsMax = std::max(workerMsMax, counters.lastWorkerMs);
    });
    // The analysis runs on its own schedule; here it runs once per page, at the start.
    hub.start();
    bool allMet = true;
    for (const QString &page : std::as_const(pages)) {
        if (!window.showPage(page)) {
            std::fprintf(stderr, "no page %s\n", qPrintable(page));
            return 1;
        }
        runFor(2 * intervalMs); // the first ticks with this page's need
        snapshots = 0;
        guiMsTotal = guiMsMax = 0;
        swaps = 0;
        swapMsTotal = swapMsMax = workerMsTotal = workerMsMax = 0;
        meter.reset();
        app.reset();
        window.resetPageTimings();
        window.analysisRunner()->analyseNow();
        runFor(seconds * 1000);
        const double worst = meter.maxMs();
        std::printf("-- page %s: sampling every %d ms for %d s: %d snapshots of %lld sockets (need: states %#x%s%s)\n",
                    qPrintable(page), intervalMs, seconds, snapshots, sockets, hub.unitedNeed().states,
                    hub.unitedNeed().tcpInfo ? ", tcp_info" : "", hub.unitedNeed().owners ? ", owners" : "");
        std::printf("   showSnapshot on the GUI thread: mean %.2f ms, max %.2f ms\n",
                    snapshots ? guiMsTotal / snapshots : 0.0, guiMsMax);
        for (const QString &id : MainWindow::pageIds()) {
            const MainWindow::PageTiming timing = window.pageTiming(id);
            if (timing.calls > 0 && timing.maxMs >= 0.05)
                std::printf("     %s page's showSnapshot: mean %.3f ms, max %.3f ms\n", qPrintable(id),
                            timing.totalMs / timing.calls, timing.maxMs);
        }
        std::printf("   sockets table: %d prepared updates swapped in; worker thread mean %.1f ms, max %.1f ms; "
                    "swap-in on the GUI thread mean %.2f ms, max %.2f ms\n",
                    swaps, swaps ? workerMsTotal / swaps : 0.0, workerMsMax, swaps ? swapMsTotal / swaps : 0.0,
                    swapMsMax);
        std::printf("   1 ms timer lateness (%d ticks): max %.2f ms, p99 %.2f ms, p50 %.3f ms; against idle %.1fx\n",
                    meter.ticks(), worst, meter.percentileMs(99), meter.percentileMs(50),
                    idleMax > 0 ? worst / idleMax : 0.0);
        std::printf("   the worst gap between two ticks: %.2f ms, of which the GUI thread ran %.2f ms\n",
                    meter.maxMs() + 1, meter.maxGapCpuMs());
        app.print();
        std::printf("   worst lateness against the 16 ms target: %s (%.2f ms %s)\n", worst < 16.0 ? "met" : "NOT met",
                    std::abs(16.0 - worst), worst < 16.0 ? "to spare" : "over");
        allMet = allMet && snapshots > 0;
    }
    hub.stop();
    meter.stop();

    // Time per live analysis: the window's (observation from the takes it keeps, in
    // memory) against the capture path it replaced (a second sampler, a temporary tree
    // written and read back; no wait between its takes here), on the same sockets.
    if (const auto pair = window.analysisRunner()->takes()->pair()) {
        std::vector<double> inMemory;
        std::vector<double> captured;
        size_t findings = 0;
        for (int round = 0; round < 5; ++round) {
            QElapsedTimer clock;
            clock.start();
            auto observation = observeTakes(pair->earlier, pair->later);
            if (observation)
                findings = analyse(observation.value(), {}).findings.size();
            inMemory.push_back(double(clock.nsecsElapsed()) / 1e6);
            clock.restart();
            CaptureOptions capture;
            capture.intervalMs = 0;
            if (auto live = observeLive(capture))
                analyse(live.value(), {});
            captured.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
        std::sort(inMemory.begin(), inMemory.end());
        std::sort(captured.begin(), captured.end());
        std::printf("live analysis of %zu sockets (%zu findings), median of 5: in memory %.1f ms, through a captured "
                    "tree %.1f ms (%.2fx)\n",
                    pair->later.sockets().size(), findings, inMemory[2], captured[2],
                    captured[2] > 0 ? inMemory[2] / captured[2] : 0.0);
    } else {
        std::printf("live analysis: no pair of takes was kept\n");
    }
    return allMet ? 0 : 1;
}
