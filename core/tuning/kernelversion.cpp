// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/kernelversion.h"

#include <QString>

namespace Sockpit {

std::vector<int> parseKernelVersion(QStringView release)
{
    std::vector<int> parts;
    int current = -1;
    for (const QChar c : release) {
        if (c.isDigit()) {
            current = (current < 0 ? 0 : current * 10) + c.digitValue();
            if (current > 100000)
                return {};
        } else if (c == QLatin1Char('.') && current >= 0) {
            parts.push_back(current);
            current = -1;
        } else {
            break;
        }
    }
    if (current >= 0)
        parts.push_back(current);
    return parts;
}

bool kernelAtLeast(QStringView release, const char *version)
{
    const std::vector<int> have = parseKernelVersion(release);
    if (have.empty())
        return true;
    const std::vector<int> want = parseKernelVersion(QString::fromLatin1(version));
    for (size_t i = 0; i < want.size(); ++i) {
        const int h = i < have.size() ? have[i] : 0;
        if (h != want[i])
            return h > want[i];
    }
    return true;
}

} // namespace Sockpit
