// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/procroot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Sockpit {

namespace {
struct FdCloser
{
    int fd;
    ~FdCloser()
    {
        if (fd >= 0)
            ::close(fd);
    }
};
} // namespace

Result<QByteArray> readWholeFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    FdCloser file{::open(native.constData(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        const int error = errno;
        return Error{QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))), error};
    }
    // /proc files report st_size 0 and are produced in page-sized chunks: read until EOF
    // into a buffer that grows geometrically.
    QByteArray data(16384, Qt::Uninitialized);
    qsizetype used = 0;
    for (;;) {
        if (used == data.size())
            data.resize(data.size() * 2);
        const ssize_t n = ::read(file.fd, data.data() + used, static_cast<size_t>(data.size() - used));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            return Error{QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))), error};
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
