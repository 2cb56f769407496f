// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "base/jsonwriter.h"

#include <functional>
#include <string_view>

namespace Sockpit {

// Schema "sockpit.findings/1": kernel, host, profile, rates (interval_ms), kernel_log
// (available, reason, lines), notes, and findings with id, subject, severity, title,
// evidence [{metric, value, unit, source}], explanation, changes [{key, value, current}],
// caveats, references.
void writeFindingsJson(const AnalysisReport &report, JsonWriter &json);
// For an engineer at a terminal: severity, title, evidence numbers, the sysctl lines to
// apply, caveats; "no problems found" when there are no findings.
void writeFindingsText(const AnalysisReport &report, const std::function<void(std::string_view)> &sink);

} // namespace Sockpit
