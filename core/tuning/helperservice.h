// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Sockpit {

// Everything the privileged helper needs to know about where it works. sockpit-helper
// fills it from compile-time constants only (the install layout); nothing a caller sends
// can change it.
struct HelperConfig
{
    QString sysctlRoot = QStringLiteral("/proc/sys");
    QString sysctlDDirectory; // where 90-sockpit.conf lives
    QString journalDirectory;
    QString callerUid; // PKEXEC_UID, or the real uid when started directly
    int input = 0;     // the request, then the checkpoint confirmation
    int output = 1;    // the result, one JSON object per line
};

// Handles one request: reads it from config.input, answers on config.output and returns
// the exit code (HelperProtocol::ExitCode). INVOKED_AS is the helper's first argument,
// the action polkit authorised; a request for any other action is refused.
int runHelper(const HelperConfig &config, const QString &invokedAs);

} // namespace Sockpit
