// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "capture/observation.h"

#include <QString>

namespace Sockpit {

// Writes OBSERVATION into DIRECTORY laid out as observation.h describes, so that
// observeTree() reads back the same observation: the earlier take in the root and the
// later one under later/ (or the later take alone in the root when there is no earlier),
// the counters as net/snmp and net/netstat, sockstat, the socket dump, the later take's
// owners as PID/{stat,cmdline,status} with one fd link per socket, the sysctls,
// meminfo's two lines, the page size and the kernel log. The format bundles and fixtures
// keep; the window analyses in memory and writes nothing.
Result<void> writeObservationTree(const Observation &observation, const QString &directory);

} // namespace Sockpit
