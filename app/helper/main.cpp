// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-helper: the privileged half of Sockpit, started through pkexec. It reads one
// JSON request on stdin and answers one JSON result on stdout. Until the tuning
// catalogue lands it knows no action, so it refuses every request and changes nothing.

#include <cstdio>
#include <unistd.h>

int main()
{
    // Nothing from the caller is trusted: not the environment, not the arguments.
    static const char refusal[] =
        "{\"schema\":\"sockpit.helper-result/1\",\"status\":\"refused\","
        "\"error\":\"this helper supports no action yet; nothing was changed\"}\n";
    std::fputs(refusal, stdout);
    return 2;
}
