// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <map>
#include <optional>

namespace Sockpit::SysctlFile {

// The file Sockpit owns in sysctl.d. Runs late (90-) so it overrides distribution defaults
// but leaves 99- to the administrator.
inline constexpr char FileName[] = "90-sockpit.conf";
inline constexpr char PreviousSuffix[] = ".previous";

// Keys and canonical values, sorted by key: the map's order is the file's order, so the
// same settings always render the same lines.
using Values = std::map<QString, QString>;

// What a transaction does to the file: a key's new value, or nullopt to drop the key.
using Updates = std::map<QString, std::optional<QString>>;

// A header naming Sockpit, its version and WHEN (UTC), then one "key = value" per line.
// sysctl.d(5) syntax: '#' or ';' starts a comment, "key = value" sets a key.
QString render(const Values &values, const QDateTime &when);

// The key as systemd-sysctl compares it (sysctl_normalize(), src/shared/sysctl-util.c
// in systemd): when the first separator is a '.', dots and slashes swap, so
// "net.ipv4.tcp_fin_timeout" and "net/ipv4/tcp_fin_timeout" are one key; then the path
// is simplified (no empty or "." components, no leading or trailing '/'). A leading '-'
// (ignore errors) is not part of the key and is dropped first.
QString normalizedKey(QStringView key);

// The key in sysctl(8)'s dotted spelling: the normalised path with '/' and '.' swapped.
QString dottedKey(QStringView key);

// The "key = value" lines of a sysctl.d file as systemd-sysctl reads them: keys in
// dotted spelling whatever way they were written, and the last assignment of a key wins.
// Comments, blank lines and lines without '=' are skipped.
Values parse(const QString &content);

// The file after UPDATES, computed from CURRENT (nullopt: no file), as systemd-sysctl
// will read it at boot: every spelling of an updated key is replaced, the first in place
// and the others dropped, so no older line can come after Sockpit's; keys not yet in the
// file are appended in key order. Everything else (comments, other keys, bytes that are
// not UTF-8) is kept byte for byte, and Sockpit's header gets WHEN. nullopt when nothing
// but Sockpit's header would be left: the file should go.
std::optional<QByteArray> update(const std::optional<QByteArray> &current, const Updates &updates,
                                 const QDateTime &when);

} // namespace Sockpit::SysctlFile
