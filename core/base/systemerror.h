// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QString>

namespace Sockpit {

// The C library's words for ERROR ("Permission denied"), for messages a user reads.
QString errnoText(int error);

// "WHAT: <errnoText(ERROR)>", with ERROR kept as the code so callers can still choose a
// fallback (ENOENT, EPERM). The one way core turns an errno into an Error.
Error systemError(const QString &what, int error);

} // namespace Sockpit
