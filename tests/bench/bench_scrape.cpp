// SPDX-License-Identifier: GPL-3.0-or-later
// bench_scrape: `sockpit-cli serve` on a private network namespace holding about 100k
// TIME_WAIT sockets, scraped on /metrics over and over while its sampler dumps them every
// second. A scrape serves the last sample, so it must never wait for a dump: prints the
// scrape latency p50/p99 over every scrape and over the scrapes that overlapped a dump
// (the sampler thread ran during them, by its schedstat run time), next to the reference
// a blocking scrape would cost, one `sockpit-cli metrics` of the same population.
// Target: p99 < 50 ms. Needs root (namespace); exits 77 (skipped) otherwise.

#include "command.h"
#include "netns.h"
#include "population.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

using namespace Sockpit;

namespace {

constexpr quint16 Port = 19567;

double nowMs()
{
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t rank = size_t(std::max(0.0, std::ceil(p * double(values.size())) - 1));
    return values[std::min(rank, values.size() - 1)];
}

// One GET /metrics on loopback: the body, or nullopt when the server did not answer 200.
// The client resets the connection after the body (SO_LINGER 0), so scrapes leave no
// TIME_WAIT socket behind and the population stays what was built.
std::optional<std::string> scrape()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return std::nullopt;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(Port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::optional<std::string> body;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
        const char request[] = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n";
        if (::send(fd, request, sizeof request - 1, MSG_NOSIGNAL) == ssize_t(sizeof request - 1)) {
            std::string data;
            size_t headerEnd = std::string::npos;
            size_t length = 0;
            char buffer[65536];
            for (;;) {
                const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                data.append(buffer, size_t(n));
                if (headerEnd == std::string::npos && (headerEnd = data.find("\r\n\r\n")) != std::string::npos) {
                    std::string headers = data.substr(0, headerEnd);
                    std::transform(headers.begin(), headers.end(), headers.begin(), ::tolower);
                    const size_t at = headers.find("content-length:");
                    length = at == std::string::npos ? 0 : std::strtoul(headers.c_str() + at + 15, nullptr, 10);
                    if (headers.rfind("http/1.1 200", 0) != 0 || length == 0)
                        break;
                }
                if (headerEnd != std::string::npos && data.size() >= headerEnd + 4 + length) {
                    body = data.substr(headerEnd + 4, length);
                    break;
                }
            }
        }
    }
    const linger abortive{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    ::close(fd);
    return body;
}

// Nanoseconds every thread of PID but its main one (the HTTP server's) has run, from
// /proc/PID/task/TID/schedstat: the sampler's dumps show up as growth.
unsigned long long workerRunNs(pid_t pid)
{
    unsigned long long total = 0;
    const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
    DIR *dir = ::opendir(tasks.c_str());
    if (!dir)
        return 0;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.' || std::atoi(entry->d_name) == pid)
            continue;
        std::ifstream in(tasks + "/" + entry->d_name + "/schedstat");
        unsigned long long ns = 0;
        if (in >> ns)
            total += ns;
    }
    ::closedir(dir);
    return total;
}

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
    const int seconds = Test::intArgument(argc, argv, "--seconds", 20);
    const std::string cli = SOCKPIT_CLI_PATH;

    if (auto entered = Test::enterPrivateNetworkNamespace(); !entered) {
        std::printf("bench_scrape skipped: %s\n", qPrintable(entered.error()));
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
    std::printf("population: %d TIME_WAIT over %d destinations, %d established pairs\n", timeWait, spec.destinations,
                spec.established);

    const pid_t server = ::fork();
    if (server == 0) {
        const std::string listen = "127.0.0.1:" + std::to_string(Port);
        ::execl(cli.c_str(), cli.c_str(), "serve", "--listen", listen.c_str(), "--interval-s", "1",
                static_cast<char *>(nullptr));
        ::_exit(127);
    }
    auto stopServer = [server] {
        ::kill(server, SIGTERM);
        ::waitpid(server, nullptr, 0);
    };
    // The first sample is in once /metrics answers 200 with the population in it.
    std::string first;
    for (int i = 0; i < 600 && first.empty(); ++i) {
        if (auto body = scrape())
            first = *body;
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const long long seen = seriesValue(first, "sockpit_sockets{protocol=\"tcp\",state=\"time_wait\"}");
    std::printf("TIME_WAIT in the first scrape: %lld\n", seen);
    if (seen < timeWait) {
        std::fprintf(stderr, "serve does not see the population\n");
        stopServer();
        return 1;
    }

    std::vector<double> all;
    std::vector<double> duringDump;
    int failed = 0;
    const double end = nowMs() + seconds * 1000.0;
    while (nowMs() < end) {
        const unsigned long long before = workerRunNs(server);
        const double start = nowMs();
        const std::optional<std::string> body = scrape();
        const double took = nowMs() - start;
        const unsigned long long after = workerRunNs(server);
        if (!body || body->find("sockpit_sockets{") == std::string::npos) {
            ++failed;
            continue;
        }
        all.push_back(took);
        // More than a millisecond of sampler time inside the scrape: a dump was under way.
        if (after - before > 1000000ULL)
            duringDump.push_back(took);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    stopServer();

    // The reference: what a scrape would cost if it waited for a dump of its own.
    std::vector<double> oneShot;
    for (int i = 0; i < 5; ++i) {
        const Test::CommandRun run = Test::runCommand({cli, "metrics"}, false);
        if (run.exitCode == 0)
            oneShot.push_back(run.wallMs);
    }
    const double reference = percentile(oneShot, 0.5);

    std::printf("\n%-26s %8s %10s %10s\n", "", "scrapes", "p50 (ms)", "p99 (ms)");
    std::printf("%-26s %8zu %10.2f %10.2f\n", "all scrapes", all.size(), percentile(all, 0.5), percentile(all, 0.99));
    std::printf("%-26s %8zu %10.2f %10.2f\n", "scrapes during a dump", duringDump.size(), percentile(duringDump, 0.5),
                percentile(duringDump, 0.99));
    std::printf("%-26s %8zu %10.2f\n", "reference: metrics (dump)", oneShot.size(), reference);
    std::printf("ratio p99 during a dump / one dump: %.3f\n",
                reference > 0 ? percentile(duringDump, 0.99) / reference : 0.0);
    std::printf("failed scrapes: %d\n", failed);
    std::printf("target: p99 < 50 ms while a dump runs\n");
    if (duringDump.empty())
        std::printf("no scrape overlapped a dump (a small population dumps too fast to catch)\n");
    return failed == 0 ? 0 : 1;
}
