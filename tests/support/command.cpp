// SPDX-License-Identifier: GPL-3.0-or-later
#include "command.h"

#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace Sockpit::Test {

namespace {

double monotonicMs()
{
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double seconds(const timeval &t)
{
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}

} // namespace

int intArgument(int argc, char **argv, const char *name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    return fallback;
}

CommandRun runCommand(const std::vector<std::string> &argv, bool captureOutput)
{
    CommandRun run;
    int pipeFds[2] = {-1, -1};
    if (captureOutput && ::pipe(pipeFds) != 0)
        return run;
    const double start = monotonicMs();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int out = captureOutput ? pipeFds[1] : ::open("/dev/null", O_WRONLY);
        ::dup2(out, STDOUT_FILENO);
        if (captureOutput)
            ::close(pipeFds[0]);
        std::vector<char *> args;
        for (const std::string &a : argv)
            args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    if (captureOutput) {
        ::close(pipeFds[1]);
        char buffer[65536];
        ssize_t n;
        while ((n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
            run.output.append(buffer, size_t(n));
        ::close(pipeFds[0]);
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    run.wallMs = monotonicMs() - start;
    run.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace Sockpit::Test
