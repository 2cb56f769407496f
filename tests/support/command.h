// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace Sockpit::Test {

// "--name VALUE" among a benchmark's arguments, as a number; fallback when absent.
int intArgument(int argc, char **argv, const char *name, int fallback);

// One run of an external program (ss, ping, sockpit-cli) as a benchmark measures it.
struct CommandRun
{
    std::string output;   // stdout, when captured
    double wallMs = 0;    // from before fork() to after the child was reaped
    double cpuSeconds = 0; // the child's user + system time, from wait4()
    int exitCode = -1;    // -1 when it did not exit normally
};

// Runs argv (looked up in PATH) with stdout captured or sent to /dev/null; stderr is
// left alone so a failing reference tool says why.
CommandRun runCommand(const std::vector<std::string> &argv, bool captureOutput);

} // namespace Sockpit::Test
