// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "capture/kernellog.h"
#include "capture/observation.h"
#include "sampling/procroot.h"

#include <QByteArray>
#include <QDateTime>
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

// The schema this version writes and reads.
inline constexpr char BundleSchema[] = "sockpit.bundle/1";

// A capture tree as one document, schema "sockpit.bundle/1": taken_at, kernel, host,
// interval_ms, files {path: content}, links {path: target} (the owners' fd links).
Result<QByteArray> bundleDocument(const QString &treeDirectory);
// The same written to FILE atomically; an existing FILE is replaced only with OVERWRITE.
Result<void> writeBundle(const QString &treeDirectory, const QString &file, bool overwrite);

// What a bundle says of itself.
struct BundleInfo
{
    QString host;      // may be empty: the host's name could not be read
    QString kernel;
    QDateTime takenAt; // UTC, when the later take ended
    qint64 intervalMs = 0;
};

// A bundle unpacked into a private temporary directory, removed with this value.
struct LoadedBundle
{
    std::unique_ptr<QTemporaryDir> directory;
    ProcRoot root;
    BundleInfo info;
};

// Unpacks CONTENT, named NAME in messages (a path, or "standard input"). Refuses, with
// one line that says which: an empty or truncated document, one that is not JSON, a
// schema that is not a bundle, a bundle of a later version than this one reads, a
// missing or malformed field, and a path outside the tree (absolute, "..", a link that
// is not an fd link to a socket).
Result<LoadedBundle> readBundle(const QByteArray &content, const QString &name);
// readBundle() of FILE, after checking it is a readable file of a sane size.
Result<LoadedBundle> loadBundle(const QString &file);
// readBundle() of standard input, read to its end (ssh host sockpit-cli capture -o - | ...).
Result<LoadedBundle> loadBundleFromStdin();

// observeTree() of BUNDLE, with errors naming the bundle NAME instead of its unpacked copy,
// and the takes stamped with the bundle's times: the later one at taken_at, monotonic
// interval_ms; the earlier one interval_ms before, monotonic 0.
Result<Observation> observeBundle(const LoadedBundle &bundle, const QString &name);

} // namespace Sockpit
