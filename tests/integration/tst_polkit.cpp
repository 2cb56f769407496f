// SPDX-License-Identifier: GPL-3.0-or-later
// End to end with real polkit: a system bus, polkitd, pkexec, the test install's policy,
// and unprivileged users running sockpit-cli-testinstall. A rules.d rule grants the
// action to one user, whose change goes through; the other user's CLI says "not
// authorized" and nothing changes. Everything (policy, rule, users, bus, polkitd, and the
// sysctls) lives in a private system (tests/support/privatesystem.h): a crash can never
// leave a password-less rule or a test user on the machine.

#include "privatesystem.h"
#include "tuning/sysctltree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

const QString AllowedUser = QStringLiteral("sockpit-e2e");
const QString OtherUser = QStringLiteral("sockpit-e2e-other");
const QString PolicyTarget = QStringLiteral("/usr/share/polkit-1/actions/io.github.sockpit.testinstall.policy");

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
    ProgramRun runCli(uid_t uid, gid_t gid, const QStringList &arguments);

    PrivateSystem m_system;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    uid_t m_otherUid = 0;
    gid_t m_otherGid = 0;
};

void TestPolkit::initTestCase()
{
    if (const QString reason = PrivateSystem::skipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    for (const QString &tool : {QStringLiteral("/usr/bin/pkexec"), QStringLiteral("/usr/lib/polkit-1/polkitd"),
                                QStringLiteral("/usr/bin/dbus-daemon"), QStringLiteral("/usr/bin/dbus-send"),
                                QStringLiteral("/usr/sbin/useradd")}) {
        if (!QFileInfo::exists(tool))
            QFAIL(qPrintable(tool + QStringLiteral(" is missing (packaging/bootstrap installs it)")));
    }
    // Everything below, polkitd and the helper included, lives in the private system.
    auto entered = m_system.enter();
    QVERIFY2(entered.ok(), qPrintable(entered.error()));
    QDir(QStringLiteral(SOCKPIT_TEST_PREFIX)).removeRecursively();

    auto added = m_system.addUser(AllowedUser, &m_uid, &m_gid);
    QVERIFY2(added.ok(), qPrintable(added.error()));
    added = m_system.addUser(OtherUser, &m_otherUid, &m_otherGid);
    QVERIFY2(added.ok(), qPrintable(added.error()));

    QFile::remove(PolicyTarget);
    QVERIFY(QFile::copy(QStringLiteral(SOCKPIT_TEST_POLICY), PolicyTarget));
    auto granted = m_system.grantWithoutPassword(QStringLiteral("io.github.sockpit.testinstall."), AllowedUser);
    QVERIFY2(granted.ok(), qPrintable(granted.error()));

    auto started = m_system.startPolkit();
    QVERIFY2(started.ok(), qPrintable(started.error()));
}

void TestPolkit::cleanupTestCase()
{
    m_system.stopPolkit();
    QDir(QStringLiteral(SOCKPIT_TEST_PREFIX)).removeRecursively();
}

ProgramRun TestPolkit::runCli(uid_t uid, gid_t gid, const QStringList &arguments)
{
    return runProgram(QStringLiteral(SOCKPIT_TEST_CLI_PATH), arguments, uid, gid);
}

void TestPolkit::authorizedUserApplies()
{
    const ProgramRun apply = runCli(m_uid, m_gid,
                                    {QStringLiteral("apply"), QStringLiteral("--set"), QStringLiteral("net.ipv4.tcp_fin_timeout=41"),
                                     QStringLiteral("--format"), QStringLiteral("json")});
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
    // Another user, whom no rule allows: no reload of rules.d to wait for.
    const QString before = SysctlTree().read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value();
    const ProgramRun apply = runCli(m_otherUid, m_otherGid,
                                    {QStringLiteral("apply"), QStringLiteral("--set"), QStringLiteral("net.ipv4.tcp_fin_timeout=42")});
    QCOMPARE(apply.exitCode, 1);
    QVERIFY2(apply.err.startsWith("sockpit-cli: not authorized"), apply.err.constData());
    QCOMPARE(apply.err.count('\n'), 1);
    QCOMPARE(SysctlTree().read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value(), before);
}

QTEST_GUILESS_MAIN(TestPolkit)
#include "tst_polkit.moc"
