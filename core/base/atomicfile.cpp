// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/atomicfile.h"

#include "base/systemerror.h"
#include "base/uniquefd.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Sockpit::AtomicFile {

namespace {

bool writeAll(int fd, const QByteArray &content)
{
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + done, size_t(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

} // namespace

Result<std::optional<QByteArray>> read(const QString &path)
{
    UniqueFd file(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!file) {
        if (errno == ENOENT)
            return std::optional<QByteArray>();
        return systemError(QStringLiteral("cannot read %1").arg(path), errno);
    }
    QByteArray content;
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return systemError(QStringLiteral("cannot read %1").arg(path), errno);
        if (n == 0)
            break;
        content.append(buffer, n);
        if (content.size() > 16 * 1024 * 1024)
            return Error{QStringLiteral("%1 is implausibly large").arg(path), EFBIG};
    }
    return std::optional<QByteArray>(content);
}

Result<void> write(const QString &directory, const QString &name, const QByteArray &content, mode_t mode)
{
    if (!QDir().mkpath(directory))
        return Error{QStringLiteral("cannot create %1").arg(directory), EIO};
    UniqueFd dir(::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir)
        return systemError(QStringLiteral("cannot open %1").arg(directory), errno);

    QByteArray temporary = QFile::encodeName(directory + QStringLiteral("/.") + name + QStringLiteral(".XXXXXX"));
    UniqueFd file(::mkostemp(temporary.data(), O_CLOEXEC));
    if (!file)
        return systemError(QStringLiteral("cannot create a temporary file in %1").arg(directory), errno);
    auto discard = [&temporary](const Error &error) {
        ::unlink(temporary.constData());
        return error;
    };
    if (::fchmod(file.get(), mode) != 0)
        return discard(systemError(QStringLiteral("cannot set the mode of %1").arg(name), errno));
    if (!writeAll(file.get(), content))
        return discard(systemError(QStringLiteral("cannot write %1").arg(name), errno ? errno : EIO));
    if (::fsync(file.get()) != 0)
        return discard(systemError(QStringLiteral("cannot sync %1").arg(name), errno));
    file.reset();
    const QByteArray finalName = QFile::encodeName(name);
    const char *base = std::strrchr(temporary.constData(), '/') + 1;
    if (::renameat(dir.get(), base, dir.get(), finalName.constData()) != 0)
        return discard(systemError(QStringLiteral("cannot rename into %1").arg(name), errno));
    if (::fsync(dir.get()) != 0)
        return systemError(QStringLiteral("cannot sync %1").arg(directory), errno);
    return {};
}

Result<void> remove(const QString &directory, const QString &name)
{
    UniqueFd dir(::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir)
        return errno == ENOENT ? Result<void>() : systemError(QStringLiteral("cannot open %1").arg(directory), errno);
    if (::unlinkat(dir.get(), QFile::encodeName(name).constData(), 0) != 0 && errno != ENOENT)
        return systemError(QStringLiteral("cannot remove %1").arg(name), errno);
    if (::fsync(dir.get()) != 0)
        return systemError(QStringLiteral("cannot sync %1").arg(directory), errno);
    return {};
}

} // namespace Sockpit::AtomicFile
