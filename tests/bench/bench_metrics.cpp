// SPDX-License-Identifier: GPL-3.0-or-later
// bench_metrics: builds a socket population in a private network namespace (about 100k
// TIME_WAIT sockets by default) and times, interleaved in the same run,
//   sockpit-cli metrics   against   ss -tan
// Both walk every TCP socket; metrics also runs the analysis rules and writes the
// exposition. Prints the medians and their ratio. Before timing, both tools must agree
// on the TIME_WAIT count, and each destination's TIME_WAIT in the exposition must be
// what the population made. Needs root (namespace); exits 77 (skipped) otherwise.

#include "command.h"
#include "benchpopulation.h"
#include "population.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace Sockpit;

namespace {

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

// The value of the series written exactly as SERIES ("name{labels}"), -1 when absent.
long long seriesValue(const std::string &exposition, const std::string &series)
{
    const std::string prefix = "\n" + series + " ";
    const size_t at = exposition.find(prefix);
    return at == std::string::npos ? -1 : std::atoll(exposition.c_str() + at + prefix.size());
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
    if (const int code = Test::setUpBenchPopulation("bench_metrics", population, spec); code != 0)
        return code;
    std::printf("population: %d TIME_WAIT over %d destinations, %d established pairs, %d listeners\n", timeWait,
                destinations, spec.established, spec.listeners + destinations);

    // Both tools must see the same sockets before their speed means anything.
    const std::string exposition = Test::runCommand({cli, "metrics"}, true).output;
    const std::string ss = Test::runCommand({"ss", "-tanH", "state", "time-wait"}, true).output;
    const long ssTimeWait = long(std::count(ss.begin(), ss.end(), '\n'));
    const long long ours = seriesValue(exposition, "sockpit_sockets{protocol=\"tcp\",state=\"time_wait\"}");
    std::printf("TIME_WAIT seen: sockpit %lld, ss %ld\n", ours, ssTimeWait);
    if (ours != ssTimeWait || ours < timeWait) {
        std::fprintf(stderr, "sockpit and ss disagree on the population\n");
        return 1;
    }
    for (int i = 0; i < destinations; ++i) {
        const std::string series = "sockpit_destination_time_wait_sockets{destination=\""
                                   + Test::Population::destinationAddress(i).toStdString() + ":"
                                   + std::to_string(spec.destinationPort) + "\"}";
        if (seriesValue(exposition, series) != population.timeWaitTo(i)) {
            std::fprintf(stderr, "%s is %lld, the population made %d\n", series.c_str(), seriesValue(exposition, series),
                         population.timeWaitTo(i));
            return 1;
        }
    }

    const std::vector<std::string> metrics = {cli, "metrics"};
    const std::vector<std::string> reference = {"ss", "-tan"};
    std::vector<double> a, b;
    timeCommand(metrics); // warm-up
    timeCommand(reference);
    // Interleaved, alternating which goes first, so neither gets the warmer cache.
    for (int round = 0; round < rounds; ++round) {
        if (round % 2 == 0) {
            a.push_back(timeCommand(metrics));
            b.push_back(timeCommand(reference));
        } else {
            b.push_back(timeCommand(reference));
            a.push_back(timeCommand(metrics));
        }
    }
    if (std::find(a.begin(), a.end(), -1.0) != a.end() || std::find(b.begin(), b.end(), -1.0) != b.end()) {
        std::fprintf(stderr, "a command failed during the runs\n");
        return 1;
    }
    std::printf("\n%-10s %14s %14s %8s\n", "", "sockpit (ms)", "ss -tan (ms)", "ratio");
    std::printf("%-10s %14.2f %14.2f %8.2f   (median of %d)\n", "metrics", median(a), median(b), median(a) / median(b),
                rounds);
    std::printf("target: metrics <= 0.5x ss -tan\n");
    return 0;
}
