// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <sys/types.h>

namespace Sockpit::AtomicFile {

// The whole file, or nullopt when it does not exist. Refuses symlinks.
Result<std::optional<QByteArray>> read(const QString &path);

// Replaces DIRECTORY/NAME so that a reader (or a crash at any moment) sees either the old
// or the new content, never a mix: a temporary file in the same directory, fsync, rename
// over the old name, fsync of the directory. The temporary name starts with '.' and does
// not end in ".conf", so systemd-sysctl never reads one left by a crash. DIRECTORY is
// created (0755) when missing.
Result<void> write(const QString &directory, const QString &name, const QByteArray &content, mode_t mode);

// Removes DIRECTORY/NAME (if present) and syncs the directory.
Result<void> remove(const QString &directory, const QString &name);

} // namespace Sockpit::AtomicFile
