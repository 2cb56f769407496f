// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

#include <vector>

namespace Sockpit {

// "6.1.0-18-amd64" -> {6, 1, 0}; {} when it does not start with a version.
std::vector<int> parseKernelVersion(QStringView release);
// True when RELEASE is at least VERSION ("4.12"); unknown releases count as new.
bool kernelAtLeast(QStringView release, const char *version);

} // namespace Sockpit
