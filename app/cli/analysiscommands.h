// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Sockpit::Cli {

// capture -o FILE: everything the analysis reads, as one sockpit.bundle/1 file.
int captureCommand(const QStringList &arguments);
// recommend: findings with evidence and proposed sysctl changes (sockpit.findings/1).
int recommendCommand(const QStringList &arguments);

} // namespace Sockpit::Cli
