// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Sockpit::Cli {

// Prometheus: the exposition once (to stdout or atomically to a file for node_exporter's
// textfile collector), or served on /metrics. ARGUMENTS start with the command's name.
int metricsCommand(const QStringList &arguments);
int serveCommand(const QStringList &arguments);

} // namespace Sockpit::Cli
