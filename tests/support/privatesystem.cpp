// SPDX-License-Identifier: GPL-3.0-or-later
#include "privatesystem.h"

#include "netns.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

namespace Sockpit::Test {

namespace {

// The tmpfs that holds the overlays' upper and work directories is /run itself: an empty
// /run is wanted anyway (the host's bus sockets and pid files stay out of reach).
constexpr char Scratch[] = "/run/sockpit-private";
const char *const Overlaid[] = {"usr", "etc", "var"};

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Result<void> mountOrError(const char *source, const char *target, const char *type, unsigned long flags, const QByteArray &data)
{
    if (::mount(source, target, type, flags, data.isEmpty() ? nullptr : data.constData()) != 0) {
        const int error = errno;
        return Error{QStringLiteral("mount %1 on %2: %3").arg(QLatin1StringView(type ? type : "(bind)"),
                                                             QLatin1StringView(target), errnoText(error)),
                     error};
    }
    return {};
}

bool polkitOwnsItsName()
{
    const ProgramRun run = runProgram(QStringLiteral("dbus-send"),
                                      {QStringLiteral("--system"), QStringLiteral("--print-reply"),
                                       QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                                       QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                                       QStringLiteral("string:org.freedesktop.PolicyKit1")});
    return run.exitCode == 0 && run.out.contains("boolean true");
}

} // namespace

ProgramRun runProgram(const QString &program, const QStringList &arguments, uid_t uid, gid_t gid)
{
    QProcess process;
    if (uid != 0) {
        process.setChildProcessModifier([uid, gid] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
                ::_exit(99);
        });
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        environment.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
        process.setProcessEnvironment(environment);
    }
    process.start(program, arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {-1, process.readAllStandardOutput(), process.readAllStandardError() + process.errorString().toUtf8()};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

PrivateSystem::~PrivateSystem()
{
    stopPolkit();
}

QString PrivateSystem::skipReason()
{
    if (const QString reason = namespaceSkipReason(); !reason.isEmpty())
        return reason;
    QFile filesystems(QStringLiteral("/proc/filesystems"));
    if (!filesystems.open(QIODevice::ReadOnly) || !filesystems.readAll().contains("\toverlay\n"))
        return QStringLiteral("the kernel has no overlayfs, which the private system's /usr, /etc and /var need");
    return {};
}

Result<void> PrivateSystem::enter()
{
    if (const QString reason = skipReason(); !reason.isEmpty())
        return Error{reason, EPERM};
    if (::unshare(CLONE_NEWNS) != 0) {
        const int error = errno;
        return Error{QStringLiteral("unshare(CLONE_NEWNS) refused: %1").arg(errnoText(error)), error};
    }
    // Nothing mounted from here on propagates back to the host.
    if (auto done = mountOrError(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, {}); !done)
        return done;
    if (auto done = mountOrError("sockpit-run", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755"); !done)
        return done;
    for (const char *top : Overlaid) {
        const QString upper = QStringLiteral("%1/upper/%2").arg(QLatin1StringView(Scratch), QLatin1StringView(top));
        const QString work = QStringLiteral("%1/work/%2").arg(QLatin1StringView(Scratch), QLatin1StringView(top));
        if (!QDir().mkpath(upper) || !QDir().mkpath(work))
            return Error{QStringLiteral("cannot make %1 and %2").arg(upper, work)};
        const QByteArray target = QByteArray("/") + top;
        const QByteArray options = "lowerdir=" + target + ",upperdir=" + QFile::encodeName(upper) + ",workdir="
                                   + QFile::encodeName(work);
        if (auto done = mountOrError("sockpit-overlay", target.constData(), "overlay", 0, options); !done)
            return done;
    }
    return enterPrivateNetworkNamespace();
}

Result<void> PrivateSystem::startPolkit()
{
    QDir().mkpath(QStringLiteral("/run/dbus"));
    const ProgramRun bus = runProgram(QStringLiteral("/usr/bin/dbus-daemon"),
                                      {QStringLiteral("--system"), QStringLiteral("--fork"), QStringLiteral("--print-pid")});
    if (bus.exitCode != 0)
        return Error{QStringLiteral("dbus-daemon --system failed: %1").arg(QString::fromLocal8Bit(bus.err).trimmed())};
    m_busPid = bus.out.trimmed().toLongLong();

    m_polkitd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_polkitd.start(QStringLiteral("/usr/lib/polkit-1/polkitd"), {QStringLiteral("--no-debug")});
    if (!m_polkitd.waitForStarted())
        return Error{QStringLiteral("polkitd did not start: %1").arg(m_polkitd.errorString())};
    // Ready when it owns its name; waiting for that, not for a fixed time.
    QElapsedTimer waited;
    waited.start();
    while (!polkitOwnsItsName()) {
        if (m_polkitd.state() == QProcess::NotRunning)
            return Error{QStringLiteral("polkitd exited (status %1) before it owned its bus name").arg(m_polkitd.exitCode())};
        if (waited.elapsed() > 30000)
            return Error{QStringLiteral("polkitd did not own org.freedesktop.PolicyKit1 within 30 s")};
        QThread::msleep(50);
    }
    return {};
}

void PrivateSystem::stopPolkit()
{
    if (m_polkitd.state() != QProcess::NotRunning) {
        m_polkitd.terminate();
        if (!m_polkitd.waitForFinished(5000))
            m_polkitd.kill();
        m_polkitd.waitForFinished();
    }
    if (m_busPid > 0)
        ::kill(pid_t(m_busPid), SIGTERM);
    m_busPid = 0;
}

Result<void> PrivateSystem::addUser(const QString &name, uid_t *uid, gid_t *gid)
{
    if (!::getpwnam(name.toLatin1().constData())) {
        const ProgramRun added = runProgram(QStringLiteral("/usr/sbin/useradd"),
                                            {QStringLiteral("--system"), QStringLiteral("--no-create-home"),
                                             QStringLiteral("--shell"), QStringLiteral("/bin/sh"), name});
        if (added.exitCode != 0)
            return Error{QStringLiteral("useradd %1: %2").arg(name, QString::fromLocal8Bit(added.err).trimmed())};
    }
    const passwd *user = ::getpwnam(name.toLatin1().constData());
    if (!user)
        return Error{QStringLiteral("user %1 not found after useradd").arg(name)};
    *uid = user->pw_uid;
    *gid = user->pw_gid;
    return {};
}

Result<void> PrivateSystem::grantWithoutPassword(const QString &prefix, const QString &user)
{
    const QString directory = QStringLiteral("/etc/polkit-1/rules.d");
    QDir().mkpath(directory);
    QFile rule(QStringLiteral("%1/49-sockpit-test-%2.rules").arg(directory, user));
    if (!rule.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write %1: %2").arg(rule.fileName(), rule.errorString())};
    rule.write("// A Sockpit test's rule, inside its private system only.\n"
               "polkit.addRule(function(action, subject) {\n"
               "    if (action.id.indexOf(\"" + prefix.toUtf8() + "\") == 0 && subject.user == \"" + user.toUtf8() + "\")\n"
               "        return polkit.Result.YES;\n"
               "});\n");
    return {};
}

} // namespace Sockpit::Test
