// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

namespace Sockpit::Test {

// Moves the calling process into a new, private network namespace with loopback up.
// Call it before any thread starts: unshare(CLONE_NEWNET) moves only the calling thread,
// and threads and children created afterwards inherit it. Sysctls under net/ written
// afterwards change this namespace only.
Result<void> enterPrivateNetworkNamespace();

// Why namespace tests cannot run here ("needs root", "unshare refused: ..."), or empty.
QString namespaceSkipReason();

// Writes /proc/sys/KEY (dots or slashes) in the current namespace.
Result<void> writeSysctl(const QString &key, const QByteArray &value);

} // namespace Sockpit::Test
