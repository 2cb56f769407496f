// SPDX-License-Identifier: GPL-3.0-or-later
// bench_probe: the prober against iputils ping, on the same fake host in the same run.
// A fake host on a TUN device in a private network namespace (tests/support/fakehost.h)
// answers ICMP echo after a known delay and logs the delay it applied to every packet.
// The prober probes N targets (default 20) every 10 ms on its own thread while
// `ping -i 0.01` probes one more address of the same host; both are then held against
// the log, reply by reply. Prints the prober thread's CPU time as a share of one core,
// and each tool's mean and p95 absolute timing error against the log, with the ratio.
//
//   bench_probe [--duration S] [--targets N] [--interval MS] [--smoke]
//
// --smoke checks only that both were measured and matched the log (for ctest), never a
// timing. Needs root (namespace, TUN, ping -i below 0.2 s); exits 77 (skipped) otherwise.

#include "command.h"
#include "fakehost.h"
#include "netns.h"
#include "probes/prober.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

bool flag(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return true;
    return false;
}

double seconds(const timeval &t)
{
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}

double threadCpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct ErrorStats
{
    size_t matched = 0;
    double biasMs = 0; // mean of rtt - log: positive when the tool measures long
    double meanMs = 0;
    double p95Ms = 0;
    double maxMs = 0;
};

// From signed differences rtt - log, in ms.
ErrorStats errorStats(std::vector<double> errors)
{
    ErrorStats stats;
    stats.matched = errors.size();
    if (errors.empty())
        return stats;
    double bias = 0;
    for (double &e : errors) {
        bias += e;
        e = std::abs(e);
    }
    stats.biasMs = bias / double(errors.size());
    std::sort(errors.begin(), errors.end());
    double sum = 0;
    for (double e : errors)
        sum += e;
    stats.meanMs = sum / double(errors.size());
    stats.p95Ms = nearestRankPercentile(errors, 95);
    stats.maxMs = errors.back();
    return stats;
}

} // namespace

int main(int argc, char **argv)
{
    const int durationS = Test::intArgument(argc, argv, "--duration", 60);
    const int targets = Test::intArgument(argc, argv, "--targets", 20);
    const int intervalMs = Test::intArgument(argc, argv, "--interval", 10);
    const bool smoke = flag(argc, argv, "--smoke");
    // Before any thread starts: unshare() moves only the calling thread.
    if (auto entered = enterPrivateNetworkNamespace(); !entered) {
        std::printf("bench_probe skipped: %s\n", qPrintable(entered.error()));
        return 77;
    }
    QCoreApplication app(argc, argv);
    if (auto written = writeSysctl(QStringLiteral("net.ipv4.ping_group_range"), "0 2147483647"); !written) {
        std::fprintf(stderr, "%s\n", qPrintable(written.error()));
        return 1;
    }
    FakeHost host;
    FakeHost::Config config;
    // Below 1 ms ping prints microseconds (time=0.612 ms); above it only tens of them.
    config.delayMs = 0.6;
    config.jitterMs = 0.3;
    config.lossPct = 1;
    config.seed = 2024;
    if (auto started = host.start(config); !started) {
        std::fprintf(stderr, "fake host: %s\n", qPrintable(started.error()));
        return 1;
    }

    const int count = durationS * 1000 / intervalMs;
    ProberOptions options;
    options.count = count;
    options.intervalMs = intervalMs;
    options.timeoutMs = 1000;
    options.windowSize = count;
    options.icmpMode = IcmpMode::PingSocket;
    auto *prober = new Prober(options);
    for (int i = 0; i < targets; ++i) {
        auto target = parseProbeTarget(QStringLiteral("icmp://10.77.0.%1").arg(10 + i));
        auto added = prober->addTarget(target.value());
        if (!added) {
            std::fprintf(stderr, "%s\n", qPrintable(added.error()));
            return 1;
        }
    }
    const QString pingAddress = QStringLiteral("10.77.0.200");
    std::printf("bench_probe: %d ICMP targets every %d ms for %d s (ping sockets), and ping -i %.3f to %s; "
                "fake host delay %.1f +- %.1f ms, %.0f%% loss\n",
                targets, intervalMs, durationS, intervalMs / 1000.0, qPrintable(pingAddress), config.delayMs,
                config.jitterMs, config.lossPct);
    std::fflush(stdout);

    QThread worker;
    worker.setObjectName(QStringLiteral("prober"));
    prober->moveToThread(&worker);
    worker.start();
    double cpuBefore = 0, cpuAfter = 0;
    QEventLoop loop;
    QObject::connect(prober, &Prober::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QMetaObject::invokeMethod(prober, [&] {
        cpuBefore = threadCpuSeconds();
        prober->start();
    }, Qt::BlockingQueuedConnection);

    Test::CommandRun ping;
    std::thread pingThread([&] {
        ping = Test::runCommand({"ping", "-n", "-i", std::to_string(intervalMs / 1000.0), "-c", std::to_string(count), "-W", "1",
                                 pingAddress.toStdString()},
                                true);
    });
    const qint64 wallStart = QDateTime::currentMSecsSinceEpoch();
    loop.exec();
    const double wallS = double(QDateTime::currentMSecsSinceEpoch() - wallStart) / 1000.0;
    std::vector<std::pair<QString, std::vector<ProbeSample>>> results;
    QMetaObject::invokeMethod(prober, [&] {
        cpuAfter = threadCpuSeconds();
        for (int i = 0; i < prober->targetCount(); ++i)
            results.emplace_back(prober->address(i).text, prober->samples(i));
    }, Qt::BlockingQueuedConnection);
    QObject::connect(&worker, &QThread::finished, prober, &QObject::deleteLater);
    worker.quit();
    worker.wait();
    pingThread.join();
    QThread::msleep(100); // the last replies' log entries

    // The log, by address and 16-bit sequence number.
    std::map<QString, std::map<quint16, FakeHost::Entry>> log;
    for (const FakeHost::Entry &e : host.log())
        if (e.kind == FakeHost::Kind::Icmp4)
            log[e.destination][e.seq] = e;

    std::vector<double> proberErrors;
    int proberSent = 0, proberReceived = 0, proberUnmatched = 0, lossMismatches = 0;
    for (const auto &[address, samples] : results) {
        const auto &entries = log[address];
        for (const ProbeSample &s : samples) {
            ++proberSent;
            const auto it = entries.find(quint16(s.seq));
            if (it == entries.end()) {
                ++proberUnmatched;
                continue;
            }
            if (s.ok() != !it->second.dropped)
                ++lossMismatches;
            if (s.ok() && !it->second.dropped) {
                ++proberReceived;
                proberErrors.push_back((double(*s.rttNs) - double(it->second.appliedNs)) / 1e6);
            }
        }
    }

    // "64 bytes from 10.77.0.200: icmp_seq=17 ttl=64 time=5.13 ms"
    std::vector<double> pingErrors;
    int pingReplies = 0, pingUnmatched = 0;
    const auto &pingLog = log[pingAddress];
    static const QRegularExpression reply(QStringLiteral("icmp_seq=(\\d+) .*time=([\\d.]+) ms"));
    for (const QString &line : QString::fromStdString(ping.output).split(QLatin1Char('\n'))) {
        const auto match = reply.match(line);
        if (!match.hasMatch())
            continue;
        ++pingReplies;
        const auto it = pingLog.find(quint16(match.captured(1).toUInt()));
        if (it == pingLog.end() || it->second.dropped) {
            ++pingUnmatched;
            continue;
        }
        pingErrors.push_back(match.captured(2).toDouble() - double(it->second.appliedNs) / 1e6);
    }

    const ErrorStats ours = errorStats(proberErrors);
    const ErrorStats theirs = errorStats(pingErrors);
    const double cpuPct = 100.0 * (cpuAfter - cpuBefore) / wallS;
    const double pingCpuPct = 100.0 * ping.cpuSeconds / wallS;
    std::printf("\n%-34s %12s %12s %8s\n", "", "prober", "ping", "ratio");
    std::printf("%-34s %12d %12d\n", "targets", targets, 1);
    std::printf("%-34s %12d %12zu\n", "replies matched to the log", int(ours.matched), theirs.matched);
    std::printf("%-34s %11.2f%% %11.2f%% %8.2f\n", "CPU, share of one core", cpuPct, pingCpuPct,
                pingCpuPct > 0 ? cpuPct / pingCpuPct : 0.0);
    std::printf("%-34s %11.3f%% %12s\n", "CPU per target, share of one core", cpuPct / targets, "");
    std::printf("%-34s %12.4f %12.4f %8.2f\n", "timing error, mean |rtt - log| ms", ours.meanMs, theirs.meanMs,
                theirs.meanMs > 0 ? ours.meanMs / theirs.meanMs : 0.0);
    std::printf("%-34s %12.4f %12.4f %8.2f\n", "timing error, p95 |rtt - log| ms", ours.p95Ms, theirs.p95Ms,
                theirs.p95Ms > 0 ? ours.p95Ms / theirs.p95Ms : 0.0);
    std::printf("%-34s %12.4f %12.4f\n", "timing error, max ms", ours.maxMs, theirs.maxMs);
    std::printf("%-34s %12.4f %12.4f\n", "bias, mean (rtt - log) ms", ours.biasMs, theirs.biasMs);
    std::printf("prober: %d probes, %d answered and matched, %d not in the log, %d loss mismatches; wall %.1f s\n",
                proberSent, proberReceived, proberUnmatched, lossMismatches, wallS);
    std::printf("ping: exit %d, %d replies, %d not matched to an answered log entry\n", ping.exitCode, pingReplies,
                pingUnmatched);

    // Correctness only: both were measured and every probe is accounted for in the log.
    const bool ok = proberSent == targets * count && proberUnmatched == 0 && lossMismatches == 0 && ours.matched > 0
                    && theirs.matched > 0 && pingUnmatched == 0;
    if (!ok)
        std::printf("FAILED: the prober's or ping's replies do not match the fake host's log\n");
    else if (smoke)
        std::printf("smoke: both measured and matched to the log\n");
    return ok ? 0 : 1;
}
