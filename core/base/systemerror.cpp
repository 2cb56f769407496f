// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/systemerror.h"

#include <cstring>

namespace Sockpit {

QString errnoText(int error)
{
    // strerror() may share one buffer between threads; strerrordesc_np() (glibc 2.32)
    // returns a constant string, the same words in every locale, and NULL where
    // strerror() would say "Unknown error N".
    const char *text = ::strerrordesc_np(error);
    return text ? QString::fromLocal8Bit(text) : QStringLiteral("Unknown error %1").arg(error);
}

Error systemError(const QString &what, int error)
{
    return Error{QStringLiteral("%1: %2").arg(what, errnoText(error)), error};
}

} // namespace Sockpit
