// SPDX-License-Identifier: GPL-3.0-or-later
// bench_window: what the window costs while it sits on the Overview at 1 Hz.
//  1. CPU: builds about 10,000 sockets in a private network namespace and runs, side by
//     side for the same SECONDS (default 300), the sockpit window (offscreen, Overview
//     shown, as a user starts it) and bare_sockdiag_count, which dumps every TCP and UDP
//     socket once a second and only counts them. Both CPU times come from
//     /proc/PID/stat (utime + stime) between the same two instants; prints both and the
//     ratio (target: at most 1.5x).
//  2. Memory: a MainWindow in this process fed 86,400 synthetic snapshots of the same
//     population one simulated second apart (24 h of history for every chart and
//     model) as fast as it takes them, behind the Settings page so that nothing is
//     drawn meanwhile, then shown on the Overview; prints VmRSS then (target: under
//     150 MB).
// Needs root (namespace); exits 77 (skipped) otherwise.
//   bench_window [--seconds N] [--sockets N] [--samples N]

#include "benchpopulation.h"
#include "command.h"
#include "mainwindow.h"
#include "sampling/sampler.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace Sockpit;

namespace {

// utime + stime of PID, in clock ticks (proc(5), /proc/PID/stat fields 14 and 15).
long long cpuTicks(pid_t pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = file.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return -1;
    // After ')': state is field 3, so utime (14) is the 12th word and stime the 13th.
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return fields.at(11).toLongLong() + fields.at(12).toLongLong();
}

long long rssKb()
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

pid_t spawn(const std::vector<std::string> &argv, const std::vector<std::string> &environment)
{
    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    for (const std::string &assignment : environment)
        ::putenv(const_cast<char *>(assignment.c_str()));
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    std::vector<char *> args;
    for (const std::string &arg : argv)
        args.push_back(const_cast<char *>(arg.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
}

} // namespace

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is known
    const int seconds = Test::intArgument(argc, argv, "--seconds", 300);
    const int sockets = Test::intArgument(argc, argv, "--sockets", 10000);
    const int samples = Test::intArgument(argc, argv, "--samples", 86400);

    // Established pairs (two sockets each) outlast any run; TIME_WAIT would expire in 60 s.
    Test::Population population;
    Test::Population::Spec spec;
    spec.listeners = 50;
    spec.established = std::max(1, (sockets - spec.listeners) / 2);
    if (const int code = Test::setUpBenchPopulation("bench_window", population, spec); code != 0)
        return code;
    std::printf("population: %d established pairs and %d listeners (%d sockets)\n", spec.established, spec.listeners,
                spec.established * 2 + spec.listeners);

    // 1. CPU, the window and the bare dump over the same seconds.
    QTemporaryDir home;
    const std::vector<std::string> environment = {"QT_QPA_PLATFORM=offscreen", "HOME=" + home.path().toStdString(),
                                                  "XDG_CONFIG_HOME=" + home.path().toStdString() + "/config"};
    const int warmUp = 5;
    const pid_t window = spawn({SOCKPIT_GUI_PATH, "--page", "overview"}, environment);
    const pid_t bare = spawn({BARE_SOCKDIAG_COUNT_PATH, "--interval", "1000", "--seconds",
                              std::to_string(seconds + warmUp + 5)},
                             environment);
    QThread::sleep(warmUp); // both started, the window past its first tick and analysis
    const long long windowStart = cpuTicks(window);
    const long long bareStart = cpuTicks(bare);
    QElapsedTimer clock;
    clock.start();
    QThread::sleep(unsigned(seconds));
    const long long windowEnd = cpuTicks(window);
    const long long bareEnd = cpuTicks(bare);
    const double elapsed = double(clock.elapsed()) / 1000.0;
    ::kill(window, SIGTERM);
    ::kill(bare, SIGTERM);
    int status = 0;
    ::waitpid(window, &status, 0);
    ::waitpid(bare, &status, 0);
    if (windowStart < 0 || windowEnd < 0 || bareStart < 0 || bareEnd < 0) {
        std::fprintf(stderr, "bench_window: a process ended before the measurement did\n");
        return 1;
    }
    const double hz = double(::sysconf(_SC_CLK_TCK));
    const double windowCpu = double(windowEnd - windowStart) / hz;
    const double bareCpu = double(bareEnd - bareStart) / hz;
    std::printf("over %.0f s at 1 Hz: window (Overview) %.2f s CPU (%.2f%% of a core), bare sock_diag count %.2f s "
                "(%.2f%%)\n",
                elapsed, windowCpu, 100.0 * windowCpu / elapsed, bareCpu, 100.0 * bareCpu / elapsed);
    std::printf("window against the bare dump: %.2fx (target at most 1.5x)\n", bareCpu > 0 ? windowCpu / bareCpu : 0.0);

    // 2. RSS after 24 h of samples through the window's pages, models and charts.
    for (const std::string &assignment : environment)
        ::putenv(const_cast<char *>(assignment.c_str()));
    QApplication app(argc, argv);
    Sampler sampler;
    SamplerOptions options;
    auto base = sampler.sample(options);
    if (!base) {
        std::fprintf(stderr, "bench_window: %s\n", qPrintable(base.error()));
        return 1;
    }
    MainWindow shown;
    shown.resize(1280, 860);
    shown.show();
    // Fed behind the Settings page, every tick lands in every page's history (trends,
    // destinations, counters) without drawing; the Overview then shows 24 h at once.
    shown.showPage(QStringLiteral("settings"));
    const long long rssBefore = rssKb();
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-samples);
    QElapsedTimer feeding;
    feeding.start();
    CounterSet counters = base->counters();
    for (int i = 0; i < samples; ++i) {
        // Every tick a new time; the sockets stay, as a steady host's do.
        SnapshotBuilder builder(base.value());
        builder.setTakenAt(start.addSecs(i), qint64(i) * 1000);
        shown.showSnapshot(builder.build());
        if (i % 64 == 0)
            QCoreApplication::processEvents();
    }
    shown.showPage(QStringLiteral("overview"));
    QCoreApplication::processEvents();
    const long long rssAfter = rssKb();
    std::printf("%d snapshots of %zu sockets fed in %.1f s; VmRSS %.1f MB before, %.1f MB after (target under 150 MB)\n",
                samples, base->sockets().size(), double(feeding.elapsed()) / 1000.0, double(rssBefore) / 1024.0,
                double(rssAfter) / 1024.0);
    return 0;
}
