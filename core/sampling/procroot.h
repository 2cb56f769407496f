// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>

namespace Sockpit {

// Where kernel files are read from. The live machine is "/proc"; tests and capture
// bundles point it at a copied tree with the same layout (net/tcp, sys/net/..., PID/fd).
class ProcRoot
{
public:
    explicit ProcRoot(QString directory = QStringLiteral("/proc"));

    // Accepts either a directory laid out like /proc or a root holding proc/.
    static Result<ProcRoot> locate(const QString &directory);

    const QString &directory() const { return m_directory; }
    bool isLive() const { return m_directory == QLatin1String("/proc"); }
    QString path(QStringView relative) const; // relative to the proc directory

    // Reads a whole file with read(2) until EOF: /proc files report size 0.
    Result<QByteArray> read(QStringView relative) const;
    // A sysctl under sys/, e.g. "net/ipv4/ip_local_port_range", trimmed.
    Result<QByteArray> sysctl(QStringView key) const;

private:
    QString m_directory;
};

Result<QByteArray> readWholeFile(const QString &path);

} // namespace Sockpit
