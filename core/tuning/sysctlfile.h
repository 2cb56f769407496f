// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <map>

namespace Sockpit::SysctlFile {

// The file Sockpit owns in sysctl.d. Runs late (90-) so it overrides distribution defaults
// but leaves 99- to the administrator.
inline constexpr char FileName[] = "90-sockpit.conf";
inline constexpr char PreviousSuffix[] = ".previous";

// Keys and canonical values, sorted by key: the map's order is the file's order, so the
// same settings always render the same lines.
using Values = std::map<QString, QString>;

// A header naming Sockpit, its version and WHEN (UTC), then one "key = value" per line.
// sysctl.d(5) syntax: '#' starts a comment, "key = value" sets a key.
QString render(const Values &values, const QDateTime &when);

// The "key = value" lines of a sysctl.d file; comments, blank lines and lines without
// '=' are skipped. Sockpit reads back only its own file, so no quoting or '-' prefix.
Values parse(const QString &content);

} // namespace Sockpit::SysctlFile
