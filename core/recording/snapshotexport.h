// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/jsonwriter.h"
#include "sampling/snapshot.h"

#include <functional>
#include <string_view>

namespace Sockpit {

struct SnapshotExportOptions
{
    bool sockets = true; // the per-socket list; off for --summary
    bool owners = false; // pid, process, user, owner columns were asked for
};

using TextSink = std::function<void(std::string_view)>;

// Schema "sockpit.snapshot/1": taken_at, source, summary, sockstat, ephemeral, counters,
// notes and, unless options.sockets is off, sockets.
void writeSnapshotJson(const Snapshot &snapshot, const SnapshotExportOptions &options, JsonWriter &json);
// RFC 4180: a header row, one row per socket (or per protocol and state for a summary).
void writeSnapshotCsv(const Snapshot &snapshot, const SnapshotExportOptions &options, const TextSink &sink);
// Aligned text for a terminal.
void writeSnapshotTable(const Snapshot &snapshot, const SnapshotExportOptions &options, const TextSink &sink);


} // namespace Sockpit
