// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Sockpit::Cli {

// Kernel tuning: plan, apply, history, undo. ARGUMENTS start with the command's name.
int planCommand(const QStringList &arguments);
int applyCommand(const QStringList &arguments);
int historyCommand(const QStringList &arguments);
int undoCommand(const QStringList &arguments);

} // namespace Sockpit::Cli
