// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "capture/kernellog.h"
#include "capture/observation.h"
#include "sampling/procroot.h"

#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace Sockpit {

struct CaptureOptions
{
    int intervalMs = 3000;                       // between the two takes of the counters
    QString procDirectory = QStringLiteral("/proc");
    KernelLogReaders kernelLog;                  // /dev/kmsg, then the journal
    // Waits INTERVAL between the takes; returns false to abandon the capture (a window
    // closing while it runs). Empty: sleep.
    std::function<bool(int ms)> wait;
};

// Copies everything the analysis reads from the live machine into DIRECTORY, laid out
// as observation.h describes: the proc files and sysctls, the kernel release and host
// name, a sock_diag dump with LISTEN backlogs, the owners' /proc/PID entries, a second
// take INTERVAL later, /proc/meminfo and the page size (proposals are bounded by
// physical memory), and the kernel log lines that name a problem with where they were
// read (or why neither /dev/kmsg nor the journal was readable).
Result<void> captureTree(const QString &directory, const CaptureOptions &options);

// The live machine as the analysis reads it: captureTree() into a private temporary
// directory, read back with observeTree(), the directory removed. What 'recommend' and
// the window's findings analyse.
Result<Observation> observeLive(const CaptureOptions &options);

// A capture tree as one file, schema "sockpit.bundle/1": taken_at, kernel, host,
// interval_ms, files {path: content}, links {path: target} (the owners' fd links).
// Written atomically; an existing FILE is replaced only with OVERWRITE.
Result<void> writeBundle(const QString &treeDirectory, const QString &file, bool overwrite);

// A bundle unpacked into a private temporary directory, removed with this value.
struct LoadedBundle
{
    std::unique_ptr<QTemporaryDir> directory;
    ProcRoot root;
};

// Refuses a file that is not JSON, has another schema, or names a path outside the tree
// (absolute, "..", a link that is not an fd link to a socket).
Result<LoadedBundle> loadBundle(const QString &file);

} // namespace Sockpit
