// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Sockpit::Cli {

// Exit codes shared by every command (DESIGN.md "Contracts").
enum ExitCode : int { Success = 0, Failure = 1, BadInput = 2 };

// arguments as QCoreApplication::arguments(): program name first.
int run(const QStringList &arguments);

} // namespace Sockpit::Cli
