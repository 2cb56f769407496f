// SPDX-License-Identifier: GPL-3.0-or-later
// The window's Apply through real polkit, as an unprivileged user runs it: the Tuning
// page's wizard starts the test install's helper through pkexec, with no authentication
// agent in the session. A rules.d rule allows one user, whose change goes through and is
// verified; for another user no rule applies and no agent could ask for a password, so
// polkit refuses, the wizard says so in plain words, nothing changes, and a picture of
// what that user sees is saved.
//
// Run as root (ctest does), the test builds a private system (tests/support/
// privatesystem.h) with the policy, the rule, both users, a system bus and polkitd, then
// runs itself as each user with --as-user; those runs drive the real widgets.

#include "netns.h"
#include "pages/tuningpage.h"
#include "privatesystem.h"
#include "tuning/sysctltree.h"
#include "wizards/changewizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

const QString FinTimeout = QStringLiteral("net.ipv4.tcp_fin_timeout");
const QString AllowedUser = QStringLiteral("sockpit-gui");
const QString OtherUser = QStringLiteral("sockpit-gui-other");
const QString Prefix = QStringLiteral(SOCKPIT_TEST_PREFIX);
const QString Screenshot = QStringLiteral(SOCKPIT_BUILD_DIR "/polkit-window/not-authorized.png");

QString sysctl(const QString &key)
{
    return SysctlTree().read(key).value();
}

} // namespace

// As root: the private system, then one run of this program per user.
class TestPolkitWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allowedUserAppliesFromTheWindow();
    void refusedUserIsToldAndNothingChanges();

private:
    ProgramRun runAs(const QString &user, const QString &mode);

    PrivateSystem m_system;
};

void TestPolkitWindow::initTestCase()
{
    if (const QString reason = PrivateSystem::skipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    for (const char *tool : {"/usr/bin/pkexec", "/usr/lib/polkit-1/polkitd", "/usr/bin/dbus-daemon", "/usr/bin/dbus-send"}) {
        if (!QFileInfo::exists(QLatin1String(tool)))
            QFAIL(qPrintable(QStringLiteral("%1 is missing (packaging/bootstrap installs it)").arg(QLatin1String(tool))));
    }
    auto entered = m_system.enter();
    QVERIFY2(entered.ok(), qPrintable(entered.error()));
    QVERIFY(Prefix.startsWith(QStringLiteral(SOCKPIT_BUILD_DIR))); // never the real /etc
    QDir(Prefix).removeRecursively();
    QVERIFY(writeSysctl(FinTimeout, "60").ok());
    uid_t uid = 0;
    gid_t gid = 0;
    for (const QString &user : {AllowedUser, OtherUser}) {
        auto added = m_system.addUser(user, &uid, &gid);
        QVERIFY2(added.ok(), qPrintable(added.error()));
    }
    const QString policy = QStringLiteral("/usr/share/polkit-1/actions/io.github.sockpit.testinstall.policy");
    QFile::remove(policy);
    QVERIFY(QFile::copy(QStringLiteral(SOCKPIT_TEST_POLICY), policy));
    auto granted = m_system.grantWithoutPassword(QStringLiteral("io.github.sockpit.testinstall."), AllowedUser);
    QVERIFY2(granted.ok(), qPrintable(granted.error()));
    auto started = m_system.startPolkit();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    // Where the refused user's run saves its picture.
    QDir().mkpath(QFileInfo(Screenshot).path());
    QFile::remove(Screenshot);
    QVERIFY(::chmod(QFile::encodeName(QFileInfo(Screenshot).path()).constData(), 01777) == 0);
}

ProgramRun TestPolkitWindow::runAs(const QString &user, const QString &mode)
{
    uid_t uid = 0;
    gid_t gid = 0;
    if (!m_system.addUser(user, &uid, &gid).ok())
        return {};
    return runProgram(QCoreApplication::applicationFilePath(),
                      {QStringLiteral("--as-user"), mode, QStringLiteral("-platform"), QStringLiteral("offscreen")}, uid, gid);
}

void TestPolkitWindow::allowedUserAppliesFromTheWindow()
{
    const ProgramRun run = runAs(AllowedUser, QStringLiteral("allowed"));
    QVERIFY2(run.exitCode == 0, run.both().constData());
    QCOMPARE(sysctl(FinTimeout), QStringLiteral("43"));
}

void TestPolkitWindow::refusedUserIsToldAndNothingChanges()
{
    const QString before = sysctl(FinTimeout);
    const ProgramRun run = runAs(OtherUser, QStringLiteral("refused"));
    QVERIFY2(run.exitCode == 0, run.both().constData());
    QCOMPARE(sysctl(FinTimeout), before);
    QVERIFY(QFileInfo(Screenshot).size() > 0);
    qInfo("what a user without an authentication agent sees: %s", qPrintable(Screenshot));
}

// As a user: the window's wizard, Apply, and what it says.
class TestWindowAsUser final : public QObject
{
    Q_OBJECT

public:
    explicit TestWindowAsUser(QString mode) : m_mode(std::move(mode)) {}

private Q_SLOTS:
    void applyFromTheTuningPage();

private:
    QString m_mode;
};

void TestWindowAsUser::applyFromTheTuningPage()
{
    QVERIFY(::geteuid() != 0);
    TuningEnvironment environment;
    environment.helperPath = QStringLiteral(SOCKPIT_TEST_HELPER_PATH);
    environment.sysctlDDirectory = Prefix + QStringLiteral("/etc/sysctl.d");
    TuningPage page(environment);
    page.resize(1000, 700);
    page.show();
    QSignalSpy read(&page, &TuningPage::readingFinished);
    QVERIFY(read.wait(10000));
    QVERIFY(page.helperNotice()->isHidden()); // the helper is there; polkit decides
    QVERIFY(page.select(FinTimeout));
    ChangeWizard *wizard = page.openWizard();
    QVERIFY(wizard);
    // A value other than the one the allowed user's run left.
    wizard->valueEdit()->setText(m_mode == QLatin1String("allowed") ? QStringLiteral("43") : QStringLiteral("47"));
    wizard->next();
    wizard->next(); // Apply: pkexec, as this user would
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->isBusy(), 60000);
    const QString status = wizard->statusLabel()->text();
    if (m_mode == QLatin1String("allowed")) {
        QVERIFY2(status.startsWith(QStringLiteral("Applied (transaction ")), qPrintable(status));
        QCOMPARE(wizard->verificationLabel()->text(),
                 QStringLiteral("net.ipv4.tcp_fin_timeout: 60 → 43; the kernel now shows 43 (verified)"));
        QCOMPARE(sysctl(FinTimeout), QStringLiteral("43"));
    } else {
        QVERIFY2(status.startsWith(QStringLiteral("Not authorized: polkit refused, or no authentication agent runs in "
                                                  "this session"))
                     && status.contains(QStringLiteral("Nothing was changed."))
                     && status.contains(QStringLiteral("sockpit-cli apply")),
                 qPrintable(status));
        QVERIFY(wizard->rollBackButton()->isHidden());
        QCOMPARE(wizard->transaction(), 0);
        QVERIFY(wizard->grab().save(Screenshot));
    }
    wizard->close();
}

int main(int argc, char **argv)
{
    // "--as-user MODE": the run as an unprivileged user, with widgets.
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--as-user") == 0) {
            const QString mode = QString::fromLatin1(argv[i + 1]);
            std::vector<char *> rest;
            for (int j = 0; j < argc; ++j)
                if (j != i && j != i + 1)
                    rest.push_back(argv[j]);
            int restCount = int(rest.size());
            rest.push_back(nullptr);
            QApplication app(restCount, rest.data());
            QStandardPaths::setTestModeEnabled(true);
            TestWindowAsUser test(mode);
            return QTest::qExec(&test, restCount, rest.data());
        }
    }
    QCoreApplication app(argc, argv);
    TestPolkitWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_polkitwindow.moc"
