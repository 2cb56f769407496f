// SPDX-License-Identifier: GPL-3.0-or-later
#include "netns.h"

#include "sampling/procroot.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Sockpit::Test {

namespace {
QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

QString namespaceSkipReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root to create a private network namespace (CI runs as root)");
    return {};
}

Result<void> enterPrivateNetworkNamespace()
{
    if (QString reason = namespaceSkipReason(); !reason.isEmpty())
        return Error{reason, EPERM};
    if (::unshare(CLONE_NEWNET) != 0)
        return Error{QStringLiteral("unshare(CLONE_NEWNET) refused: %1").arg(errnoText()), errno};
    // A new namespace has only lo, and it is down.
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error{QStringLiteral("socket: %1").arg(errnoText()), errno};
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    int result = ::ioctl(fd, SIOCGIFFLAGS, &request);
    if (result == 0) {
        request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP | IFF_RUNNING);
        result = ::ioctl(fd, SIOCSIFFLAGS, &request);
    }
    const int error = errno;
    ::close(fd);
    if (result != 0)
        return Error{QStringLiteral("cannot bring lo up: %1").arg(QString::fromLocal8Bit(std::strerror(error))), error};
    return {};
}

Result<void> writeSysctl(const QString &key, const QByteArray &value)
{
    QString path = QStringLiteral("/proc/sys/") + key;
    path.replace(QLatin1Char('.'), QLatin1Char('/'));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(value) != value.size() || !file.flush())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

} // namespace Sockpit::Test
