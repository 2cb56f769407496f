// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/finding.h"

namespace Sockpit {

std::string_view severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Critical:
        return "critical";
    }
    return "info";
}

const Evidence *Finding::findEvidence(QStringView metric) const
{
    for (const Evidence &e : evidence)
        if (e.metric == metric)
            return &e;
    return nullptr;
}

const ProposedChange *Finding::findChange(QStringView key) const
{
    for (const ProposedChange &c : changes)
        if (c.key == key)
            return &c;
    return nullptr;
}

} // namespace Sockpit
