// SPDX-License-Identifier: GPL-3.0-or-later
// bench_eventloop: how late the GUI thread's event loop runs while the window shows live
// snapshots of a large socket table. Builds a population in a private network namespace
// (about 100k TIME_WAIT sockets by default), wires a SampleHub (owners and tcp_info, as
// the app samples) to a shown MainWindow, and serves a 1 ms precise timer on the GUI
// thread. Prints the timer's lateness (max, p99, p50) over the run and, as the
// reference, over the same time with the window shown but no sampling; and the Sockets
// table's share: its worker thread's time per update and the GUI thread's time to swap
// each prepared update in. Needs root
// (namespace); exits 77 (skipped) otherwise.

#include "command.h"
#include "latencymeter.h"
#include "mainwindow.h"
#include "models/sockettablecontroller.h"
#include "netns.h"
#include "pages/socketspage.h"
#include "population.h"
#include "sampling/samplehub.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace Sockpit;

namespace {

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

    // Before QApplication and before any thread: the sampler's thread inherits it.
    if (auto entered = Test::enterPrivateNetworkNamespace(); !entered) {
        std::printf("bench_eventloop skipped: %s\n", qPrintable(entered.error()));
        return 77;
    }
    if (auto prepared = Test::prepareNamespaceForPopulation(); !prepared) {
        std::fprintf(stderr, "%s\n", qPrintable(prepared.error()));
        return 1;
    }
    Test::Population population;
    Test::Population::Spec spec;
    spec.listeners = 50;
    spec.established = 1000;
    spec.timeWait = timeWait;
    spec.destinations = 4;
    if (auto built = population.build(spec); !built) {
        std::fprintf(stderr, "cannot build the population: %s\n", qPrintable(built.error()));
        return 1;
    }

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    MainWindow window;
    window.resize(1280, 860);
    window.show();
    window.showPage(QStringLiteral("sockets")); // the costliest page to keep current

    Test::LatencyMeter meter;
    meter.start();
    runFor(3000);
    const double idleMax = meter.maxMs();
    const double idleP99 = meter.percentileMs(99);
    const int idleTicks = meter.ticks();

    SampleHub hub;
    SamplerOptions options;
    options.owners = true;
    options.tcpInfo = true;
    hub.setOptions(options);
    hub.setInterval(std::chrono::milliseconds(intervalMs));
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
    meter.reset();
    hub.start();
    runFor(seconds * 1000);
    hub.stop();
    meter.stop();

    std::printf("population: %d TIME_WAIT, %d established pairs, %d listeners; window on the Sockets page\n",
                timeWait, spec.established, spec.listeners + spec.destinations);
    std::printf("idle (window shown, no sampling, %d ticks): max %.2f ms, p99 %.2f ms\n", idleTicks, idleMax, idleP99);
    std::printf("sampling every %d ms for %d s: %d snapshots of %lld sockets; showSnapshot on the GUI thread: "
                "mean %.1f ms, max %.1f ms\n",
                intervalMs, seconds, snapshots, sockets, snapshots ? guiMsTotal / snapshots : 0.0, guiMsMax);
    std::printf("sockets table: %d prepared updates swapped in; worker thread mean %.1f ms, max %.1f ms; "
                "swap-in on the GUI thread mean %.2f ms, max %.2f ms\n",
                swaps, swaps ? workerMsTotal / swaps : 0.0, workerMsMax, swaps ? swapMsTotal / swaps : 0.0, swapMsMax);
    std::printf("1 ms timer lateness while sampling (%d ticks): max %.2f ms, p99 %.2f ms, p50 %.3f ms\n",
                meter.ticks(), meter.maxMs(), meter.percentileMs(99), meter.percentileMs(50));
    std::printf("max lateness against idle: %.1fx\n", idleMax > 0 ? meter.maxMs() / idleMax : 0.0);
    return snapshots > 0 ? 0 : 1;
}
