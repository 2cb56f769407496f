// SPDX-License-Identifier: GPL-3.0-or-later
// bench_snapshot: builds a socket population in a private network namespace (about 100k
// TIME_WAIT sockets by default) and times, interleaved in the same run,
//   sockpit-cli snapshot --format json          against  ss -tan
//   sockpit-cli snapshot --summary --format json against ss -s
//   sockpit-cli snapshot --owners --format json  against  ss -tanp
// plus the in-process cost of a summary and of a repeat owners sample. Prints medians
// and ratios. Needs root (namespace); exits 77 (skipped) otherwise.

#include "command.h"
#include "benchpopulation.h"
#include "population.h"
#include "sampling/sampler.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

using namespace Sockpit;

namespace {

double nowMs()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Wall time of one run in ms, -1 when it failed: a failed run must not pass for a fast one.
double timeCommand(const std::vector<std::string> &argv)
{
    const Test::CommandRun run = Test::runCommand(argv, false);
    return run.exitCode == 0 ? run.wallMs : -1;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

long countLines(const std::string &text)
{
    return long(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

int main(int argc, char **argv)
{
    const int timeWait = Test::intArgument(argc, argv, "--time-wait", 100000);
    const int destinations = Test::intArgument(argc, argv, "--destinations", 4);
    const int rounds = Test::intArgument(argc, argv, "--rounds", 11);
    const std::string cli = SOCKPIT_CLI_PATH;

    Test::Population population;
    Test::Population::Spec spec;
    spec.listeners = 50;
    spec.established = 1000;
    spec.timeWait = timeWait;
    spec.destinations = destinations;
    spec.udpBound = 20;
    const double buildStart = nowMs();
    if (const int code = Test::setUpBenchPopulation("bench_snapshot", population, spec); code != 0)
        return code;
    std::printf("population: %d TIME_WAIT over %d destinations, %d established pairs, %d listeners (built in %.0f ms)\n",
                timeWait, destinations, spec.established, spec.listeners + destinations, nowMs() - buildStart);

    // Both tools must see the same sockets before their speed means anything.
    std::string ours, theirs;
    ours = Test::runCommand({cli, "snapshot", "--format", "csv"}, true).output;
    theirs = Test::runCommand({"ss", "-tuanH"}, true).output;
    const long ourRows = countLines(ours) - 1; // CSV header
    const long ssRows = countLines(theirs);
    std::printf("sockets seen: sockpit %ld, ss %ld\n", ourRows, ssRows);
    if (ourRows != ssRows || ourRows < timeWait) {
        std::fprintf(stderr, "sockpit and ss disagree on the population\n");
        return 1;
    }

    struct Pair
    {
        const char *name;
        std::vector<std::string> sockpit;
        std::vector<std::string> reference;
        std::vector<double> a, b;
    };
    std::vector<Pair> pairs = {
        {"full snapshot", {cli, "snapshot", "--format", "json"}, {"ss", "-tan"}, {}, {}},
        {"summary", {cli, "snapshot", "--summary", "--format", "json"}, {"ss", "-s"}, {}, {}},
        {"owners", {cli, "snapshot", "--owners", "--format", "json"}, {"ss", "-tanp"}, {}, {}},
    };
    // Warm-up, then interleave: which tool goes first alternates each round so neither
    // gets the warmer cache systematically.
    for (Pair &p : pairs) {
        timeCommand(p.sockpit);
        timeCommand(p.reference);
    }
    for (int round = 0; round < rounds; ++round) {
        for (Pair &p : pairs) {
            if (round % 2 == 0) {
                p.a.push_back(timeCommand(p.sockpit));
                p.b.push_back(timeCommand(p.reference));
            } else {
                p.b.push_back(timeCommand(p.reference));
                p.a.push_back(timeCommand(p.sockpit));
            }
        }
    }

    // Process start-up alone, to tell it from the work: Qt's libraries cost a few ms that
    // a one-shot CLI pays on every run and the GUI pays once.
    std::vector<double> startup;
    for (int i = 0; i < std::max(5, rounds); ++i)
        startup.push_back(timeCommand({cli, "--version"}));

    // In process: what the GUI pays per tick.
    Sampler sampler;
    SamplerOptions summary;
    summary.summaryOnly = true;
    std::vector<double> summaryMs;
    for (int i = 0; i < 200; ++i) {
        const double t = nowMs();
        if (!sampler.sample(summary))
            return 1;
        summaryMs.push_back(nowMs() - t);
    }
    SamplerOptions full;
    full.owners = true;
    std::vector<double> fullMs;
    for (int i = 0; i < std::max(3, rounds); ++i) {
        const double t = nowMs();
        if (!sampler.sample(full))
            return 1;
        fullMs.push_back(nowMs() - t);
    }

    std::printf("\n%-15s %14s %14s %8s\n", "", "sockpit (ms)", "reference (ms)", "ratio");
    for (const Pair &p : pairs) {
        if (std::find(p.a.begin(), p.a.end(), -1.0) != p.a.end() || std::find(p.b.begin(), p.b.end(), -1.0) != p.b.end()) {
            std::fprintf(stderr, "a command failed during the %s runs\n", p.name);
            return 1;
        }
        const double a = median(p.a);
        const double b = median(p.b);
        std::printf("%-15s %14.2f %14.2f %8.2f   (%s vs %s)\n", p.name, a, b, a / b,
                    p.sockpit.size() > 3 ? p.sockpit[2].c_str() : "", p.reference[1].c_str());
    }
    std::printf("\nin process, median of %zu: summary %.3f ms; full sample with cached owners %.2f ms (%zu sockets)\n",
                summaryMs.size(), median(summaryMs), median(fullMs), sampler.sample(full)->sockets().size());
    std::printf("process start-up alone (sockpit-cli --version): %.2f ms\n", median(startup));
    std::printf("targets: full <= 0.5x ss -tan; summary < 1 ms; owners <= 0.5x ss -tanp\n");
    const qint64 left = sampler.sample(summary)->sockStat().timeWait;
    std::printf("TIME_WAIT sockets still present at the end: %lld of %d\n", static_cast<long long>(left), timeWait);
    return 0;
}
