// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/procroot.h"

#include "base/systemerror.h"
#include "base/uniquefd.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Sockpit {

Result<QByteArray> readWholeFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    UniqueFd file(::open(native.constData(), O_RDONLY | O_CLOEXEC));
    if (!file)
        return systemError(QStringLiteral("cannot read %1").arg(path), errno);
    // /proc files report st_size 0 and are produced in page-sized chunks: read until EOF
    // into a buffer that grows geometrically.
    QByteArray data(16384, Qt::Uninitialized);
    qsizetype used = 0;
    for (;;) {
        if (used == data.size())
            data.resize(data.size() * 2);
        const ssize_t n = ::read(file.get(), data.data() + used, static_cast<size_t>(data.size() - used));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return systemError(QStringLiteral("cannot read %1").arg(path), errno);
        }
        if (n == 0)
            break;
        used += n;
    }
    data.truncate(used);
    return data;
}

ProcRoot::ProcRoot(QString directory) : m_directory(std::move(directory))
{
    while (m_directory.size() > 1 && m_directory.endsWith(QLatin1Char('/')))
        m_directory.chop(1);
}

Result<ProcRoot> ProcRoot::locate(const QString &directory)
{
    const QFileInfo info(directory);
    if (!info.exists())
        return Error{QStringLiteral("proc root %1 does not exist").arg(directory), ENOENT};
    if (!info.isDir())
        return Error{QStringLiteral("proc root %1 is not a directory").arg(directory), ENOTDIR};
    const QDir dir(directory);
    if (QFileInfo(dir.filePath(QStringLiteral("net/tcp"))).isFile())
        return ProcRoot(dir.absolutePath());
    if (QFileInfo(dir.filePath(QStringLiteral("proc/net/tcp"))).isFile())
        return ProcRoot(dir.absoluteFilePath(QStringLiteral("proc")));
    return Error{QStringLiteral("proc root %1 holds neither net/tcp nor proc/net/tcp").arg(directory), ENOENT};
}

QString ProcRoot::path(QStringView relative) const
{
    return m_directory + QLatin1Char('/') + relative;
}

Result<QByteArray> ProcRoot::read(QStringView relative) const
{
    return readWholeFile(path(relative));
}

Result<QByteArray> ProcRoot::sysctl(QStringView key) const
{
    QString relative = QStringLiteral("sys/") + key;
    relative.replace(QLatin1Char('.'), QLatin1Char('/'));
    auto text = read(relative);
    if (!text)
        return text;
    return text.value().trimmed();
}

} // namespace Sockpit
