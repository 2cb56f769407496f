// SPDX-License-Identifier: GPL-3.0-or-later
// End to end with real polkit: a system bus, polkitd, pkexec, the test install's policy,
// and an unprivileged user running sockpit-cli-testinstall. With a rules.d rule granting
// the action the change goes through; without it the CLI says "not authorized" and
// nothing changes. Runs in a private network namespace so the host's sysctls stay as
// they are; installs its policy, rule and user for the duration and removes them after.

#include "netns.h"
#include "sysctltree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Sockpit;

namespace {

const QString TestUser = QStringLiteral("sockpit-e2e");
const QString PolicyTarget = QStringLiteral("/usr/share/polkit-1/actions/io.github.sockpit.testinstall.policy");
const QString RuleTarget = QStringLiteral("/etc/polkit-1/rules.d/49-sockpit-testinstall.rules");
const QString SystemBus = QStringLiteral("/run/dbus/system_bus_socket");
const QString Polkitd = QStringLiteral("/usr/lib/polkit-1/polkitd");

bool busAnswers()
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray path = QFile::encodeName(SystemBus);
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

int run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(60000);
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestPolkit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void authorizedUserApplies();
    void unauthorizedUserIsRefused();

private:
    Run runAsUser(const QStringList &arguments);
    void writeRule(bool grant);

    QString m_skip;
    bool m_createdUser = false;
    qint64 m_busPid = 0;
    QProcess m_polkitd;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
};

void TestPolkit::initTestCase()
{
    if (const QString reason = Test::namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    for (const QString &tool : {QStringLiteral("/usr/bin/pkexec"), Polkitd, QStringLiteral("/usr/bin/dbus-daemon"),
                                QStringLiteral("/usr/sbin/useradd")}) {
        if (!QFileInfo::exists(tool))
            QSKIP(qPrintable(tool + QStringLiteral(" is missing (packaging/bootstrap installs it)")));
    }
    // Everything below, polkitd and the helper included, lives in this namespace.
    if (auto entered = Test::enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    QDir(QStringLiteral(SOCKPIT_TEST_PREFIX)).removeRecursively();

    if (!busAnswers()) {
        QFile::remove(QStringLiteral("/run/dbus/pid")); // left by a bus that is gone
        QDir().mkpath(QStringLiteral("/run/dbus"));
        QProcess bus;
        bus.start(QStringLiteral("/usr/bin/dbus-daemon"), {QStringLiteral("--system"), QStringLiteral("--fork"),
                                                           QStringLiteral("--print-pid")});
        QVERIFY(bus.waitForFinished(20000));
        QVERIFY2(bus.exitCode() == 0, bus.readAllStandardError().constData());
        m_busPid = bus.readAllStandardOutput().trimmed().toLongLong();
        for (int i = 0; i < 50 && !busAnswers(); ++i)
            QThread::msleep(100);
        QVERIFY(busAnswers());
    }

    if (!::getpwnam(TestUser.toLatin1().constData())) {
        QCOMPARE(run(QStringLiteral("/usr/sbin/useradd"), {QStringLiteral("--system"), QStringLiteral("--no-create-home"),
                                                           QStringLiteral("--shell"), QStringLiteral("/bin/sh"), TestUser}),
                 0);
        m_createdUser = true;
    }
    const passwd *user = ::getpwnam(TestUser.toLatin1().constData());
    QVERIFY(user);
    m_uid = user->pw_uid;
    m_gid = user->pw_gid;

    QFile::remove(PolicyTarget);
    QVERIFY(QFile::copy(QStringLiteral(SOCKPIT_TEST_POLICY), PolicyTarget));
    writeRule(true);

    // Our own polkitd, so it reads the policy just installed.
    m_polkitd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_polkitd.start(Polkitd, {QStringLiteral("--replace"), QStringLiteral("--no-debug")});
    QVERIFY(m_polkitd.waitForStarted());
    QThread::sleep(2); // until it owns org.freedesktop.PolicyKit1 on the bus
    QCOMPARE(m_polkitd.state(), QProcess::Running);
}

void TestPolkit::cleanupTestCase()
{
    QFile::remove(RuleTarget);
    QFile::remove(PolicyTarget);
    if (m_polkitd.state() != QProcess::NotRunning) {
        m_polkitd.terminate();
        if (!m_polkitd.waitForFinished(5000))
            m_polkitd.kill();
    }
    if (m_busPid > 0)
        ::kill(pid_t(m_busPid), SIGTERM);
    if (m_createdUser)
        run(QStringLiteral("/usr/sbin/userdel"), {TestUser});
    QDir(QStringLiteral(SOCKPIT_TEST_PREFIX)).removeRecursively();
}

void TestPolkit::writeRule(bool grant)
{
    QFile::remove(RuleTarget);
    if (!grant)
        return;
    QFile rule(RuleTarget);
    QVERIFY(rule.open(QIODevice::WriteOnly));
    rule.write("// Installed by Sockpit's polkit test while it runs.\n"
               "polkit.addRule(function(action, subject) {\n"
               "    if (action.id.indexOf(\"io.github.sockpit.testinstall.\") == 0 && subject.user == \""
               + TestUser.toLatin1() + "\")\n"
                                       "        return polkit.Result.YES;\n"
                                       "});\n");
}

Run TestPolkit::runAsUser(const QStringList &arguments)
{
    QProcess process;
    const uid_t uid = m_uid;
    const gid_t gid = m_gid;
    process.setChildProcessModifier([uid, gid] {
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
            ::_exit(99);
    });
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SOCKPIT_TEST_CLI_PATH), arguments);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

void TestPolkit::authorizedUserApplies()
{
    const Run apply = runAsUser({QStringLiteral("apply"), QStringLiteral("--set"),
                                 QStringLiteral("net.ipv4.tcp_fin_timeout=41"), QStringLiteral("--format"),
                                 QStringLiteral("json")});
    QVERIFY2(apply.exitCode == 0, apply.err.constData());
    const QJsonObject result = QJsonDocument::fromJson(apply.out).object();
    QCOMPARE(result.value(QLatin1String("status")).toString(), QStringLiteral("applied"));
    QCOMPARE(SysctlTree().read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value(), QStringLiteral("41"));
    // The journal names the user who asked (PKEXEC_UID), not root.
    QFile journal(QStringLiteral(SOCKPIT_TEST_PREFIX "/var/lib/sockpit/journal.jsonl"));
    QVERIFY(journal.open(QIODevice::ReadOnly));
    QVERIFY(journal.readAll().contains(QByteArray("\"uid\":\"" + QByteArray::number(m_uid) + "\"")));
}

void TestPolkit::unauthorizedUserIsRefused()
{
    writeRule(false);
    QThread::sleep(2); // polkitd reloads rules.d when it changes
    const QString before = SysctlTree().read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value();
    const Run apply = runAsUser({QStringLiteral("apply"), QStringLiteral("--set"),
                                 QStringLiteral("net.ipv4.tcp_fin_timeout=42")});
    QCOMPARE(apply.exitCode, 1);
    QVERIFY2(apply.err.startsWith("sockpit-cli: not authorized"), apply.err.constData());
    QCOMPARE(apply.err.count('\n'), 1);
    QCOMPARE(SysctlTree().read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value(), before);
}

QTEST_GUILESS_MAIN(TestPolkit)
#include "tst_polkit.moc"
