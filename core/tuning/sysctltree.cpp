// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/sysctltree.h"

#include "base/systemerror.h"
#include "base/uniquefd.h"

#include "tuning/catalogue.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Sockpit {

SysctlTree::SysctlTree(QString root) : m_root(std::move(root)) {}

QString SysctlTree::path(const QString &key) const
{
    QString relative = key;
    relative.replace(QLatin1Char('.'), QLatin1Char('/'));
    return m_root + QLatin1Char('/') + relative;
}

bool SysctlTree::exists(const QString &key) const
{
    struct stat status{};
    return ::stat(QFile::encodeName(path(key)).constData(), &status) == 0 && S_ISREG(status.st_mode);
}

bool SysctlTree::isWritable(const QString &key) const
{
    struct stat status{};
    return ::stat(QFile::encodeName(path(key)).constData(), &status) == 0 && S_ISREG(status.st_mode)
           && (status.st_mode & S_IWUSR);
}

bool SysctlTree::showsInitialNetworkNamespace() const
{
    return exists(QStringLiteral("net.core.netdev_max_backlog")) && exists(QStringLiteral("net.ipv4.tcp_mem"));
}

QString canonicalFromKernel(const QByteArray &raw)
{
    return QString::fromUtf8(raw).simplified();
}

Result<QString> SysctlTree::read(const QString &key) const
{
    const QByteArray file = QFile::encodeName(path(key));
    UniqueFd fd(::open(file.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return systemError(QStringLiteral("cannot read %1").arg(key), errno);
    // sysctl files are small but report size 0: read until EOF, capped.
    QByteArray data;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return systemError(QStringLiteral("cannot read %1").arg(key), errno);
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > 65536)
            break;
    }
    fd.reset();
    return canonicalFromKernel(data);
}

Result<void> SysctlTree::write(const QString &key, const QString &value) const
{
    const QByteArray file = QFile::encodeName(path(key));
    // No O_CREAT: a sysctl that does not exist is an error, never a new file.
    UniqueFd fd(::open(file.constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return systemError(QStringLiteral("the kernel refused %1").arg(key), errno);
    const QByteArray data = value.toUtf8() + '\n';
    ssize_t written;
    do {
        written = ::write(fd.get(), data.constData(), size_t(data.size()));
    } while (written < 0 && errno == EINTR);
    const int error = errno;
    fd.reset();
    if (written < 0)
        return Error{QStringLiteral("the kernel refused %1 = \"%2\": %3").arg(key, value, errnoText(error)), error};
    if (written != data.size())
        return Error{QStringLiteral("short write to %1").arg(key), EIO};
    return {};
}

std::vector<CurrentValue> readCurrentValues(const SysctlTree &tree)
{
    std::vector<CurrentValue> values;
    for (const Tunable &tunable : Catalogue::all()) {
        CurrentValue current;
        current.tunable = &tunable;
        const QString key = tunable.name();
        auto value = tree.read(key);
        if (value) {
            current.available = true;
            current.value = value.value();
            current.writable = tree.isWritable(key);
        } else if (value.errorCode() != ENOENT) {
            current.available = true;
            current.error = value.error();
        }
        values.push_back(std::move(current));
    }
    return values;
}

} // namespace Sockpit
