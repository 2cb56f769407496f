// SPDX-License-Identifier: GPL-3.0-or-later
// The Tuning and History pages applying for real, and the Sockets page closing a
// connection through the same helper: as root in a private network namespace,
// through sockpit-helper's test install (sysctl.d and journal inside the build tree). The
// wizard's apply must change the namespace's sysctl, its verification must show the new
// value, its roll back must restore the old one, and the History page must list both.

#include "models/historymodel.h"
#include "models/sockettablemodel.h"
#include "models/tuningmodel.h"
#include "modeltest.h"
#include "netns.h"
#include "pages/historypage.h"
#include "pages/socketspage.h"
#include "pages/tuningpage.h"
#include "sampling/sampler.h"
#include "tuning/sysctltree.h"
#include "wizards/changewizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

using namespace Sockpit;

namespace {

const QString Prefix = QStringLiteral(SOCKPIT_TEST_PREFIX);
const QString FinTimeout = QStringLiteral("net.ipv4.tcp_fin_timeout");
constexpr int HelperTimeoutMs = 30000;

QString sysctl(const QString &key)
{
    return SysctlTree().read(key).value();
}

QString readFile(const QString &path)
{
    QFile in(path);
    return in.open(QIODevice::ReadOnly) ? QString::fromUtf8(in.readAll()) : QString();
}

} // namespace

class TestTuningApply final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void applyVerifyRollBack();
    void historyListsAndUndoes();
    void socketsPageClosesAConnection();

private:
    TuningEnvironment m_environment;
    qint64 m_applied = 0;
};

void TestTuningApply::initTestCase()
{
    if (const QString reason = Test::namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Threads started from here on (the pages' workers, and the helper they start)
    // inherit the namespace.
    if (auto entered = Test::enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    QVERIFY(QFileInfo(QStringLiteral(SOCKPIT_TEST_HELPER_PATH)).isExecutable());
    // The test install must never point at the real system.
    QVERIFY(Prefix.startsWith(QStringLiteral(SOCKPIT_BUILD_DIR)));
    QDir(Prefix).removeRecursively();
    QVERIFY(Test::writeSysctl(FinTimeout, "60").ok());
    m_environment.helperPath = QStringLiteral(SOCKPIT_TEST_HELPER_PATH);
    m_environment.sysctlDDirectory = Prefix + QStringLiteral("/etc/sysctl.d");
}

void TestTuningApply::applyVerifyRollBack()
{
    TuningPage page(m_environment);
    ModelTest::watchAll(&page);
    QSignalSpy read(&page, &TuningPage::readingFinished);
    QVERIFY(read.wait(10000));
    QVERIFY(page.select(FinTimeout));
    QVERIFY(page.changeButton()->isEnabled());
    QSignalSpy applied(&page, &TuningPage::changeApplied);
    ChangeWizard *wizard = page.openWizard();
    QVERIFY(wizard);
    wizard->valueEdit()->setText(QStringLiteral("41"));
    wizard->persistBox()->setChecked(true);
    wizard->next();
    QCOMPARE(wizard->planLabel()->text(), QStringLiteral("net.ipv4.tcp_fin_timeout: 60 seconds → 41 seconds"));
    wizard->next(); // Apply
    QCOMPARE(wizard->currentId(), int(ChangeWizard::ResultPageId));
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->isBusy(), HelperTimeoutMs);

    QVERIFY2(wizard->statusLabel()->text().startsWith(QStringLiteral("Applied and persisted (transaction ")),
             qPrintable(wizard->statusLabel()->text()));
    QCOMPARE(wizard->verificationLabel()->text(),
             QStringLiteral("net.ipv4.tcp_fin_timeout: 60 → 41; the kernel now shows 41 (verified)"));
    QCOMPARE(sysctl(FinTimeout), QStringLiteral("41"));
    QVERIFY(readFile(m_environment.sysctlFilePath()).endsWith(QStringLiteral("net.ipv4.tcp_fin_timeout = 41\n")));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.first().at(2).toString(), QStringLiteral("tcp_fin_timeout 60 → 41"));
    QVERIFY(applied.first().at(0).toDateTime().isValid());
    QCOMPARE(applied.first().at(1).toLongLong(), -1); // no snapshot yet: no place on the charts' clock
    m_applied = wizard->transaction();
    QVERIFY(m_applied > 0);
    // The page reads the values again after the helper wrote.
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->current(page.model()->indexOf(FinTimeout))->value == QStringLiteral("41"),
                             10000);

    QVERIFY(wizard->rollBackButton()->isVisible());
    QTest::mouseClick(wizard->rollBackButton(), Qt::LeftButton);
    QVERIFY(wizard->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->isBusy(), HelperTimeoutMs);
    QVERIFY2(wizard->statusLabel()->text().startsWith(QStringLiteral("Rolled back: transaction ")),
             qPrintable(wizard->statusLabel()->text()));
    QCOMPARE(wizard->verificationLabel()->text(),
             QStringLiteral("net.ipv4.tcp_fin_timeout: 41 → 60; the kernel now shows 60 (verified)"));
    QCOMPARE(sysctl(FinTimeout), QStringLiteral("60"));
    // The persisted file is back as it was: there was none.
    QVERIFY(!QFileInfo::exists(m_environment.sysctlFilePath()));
    QVERIFY(wizard->rollBackButton()->isHidden());
    wizard->close();
}

void TestTuningApply::historyListsAndUndoes()
{
    if (m_applied == 0)
        QSKIP("needs the transaction of applyVerifyRollBack");
    HistoryPage page(m_environment);
    ModelTest::watchAll(&page);
    QSignalSpy read(&page, &HistoryPage::historyRead);
    page.refresh();
    QVERIFY(read.wait(HelperTimeoutMs));
    QCOMPARE(read.takeFirst().first().toBool(), true);
    HistoryModel *model = page.model();
    QCOMPARE(model->rowCount(), 2);
    auto cell = [&](int row, int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(cell(0, HistoryModel::ActionColumn), QStringLiteral("Undo of %1").arg(m_applied));
    QCOMPARE(cell(0, HistoryModel::ChangesColumn), QStringLiteral("net.ipv4.tcp_fin_timeout: 41 → 60"));
    QCOMPARE(cell(1, HistoryModel::IdColumn), QString::number(m_applied));
    QCOMPARE(cell(1, HistoryModel::ChangesColumn), QStringLiteral("net.ipv4.tcp_fin_timeout: 60 → 41"));
    QCOMPARE(cell(1, HistoryModel::PersistedColumn), QStringLiteral("yes"));
    QCOMPARE(cell(1, HistoryModel::OutcomeColumn), QStringLiteral("applied, undone later"));
    QVERIFY(cell(1, HistoryModel::WhoColumn).contains(QStringLiteral("uid 0")));
    QVERIFY(!model->undoable(1).ok());

    // A second change, undone from the History page.
    TuningPage tuning(m_environment);
    QSignalSpy tuningRead(&tuning, &TuningPage::readingFinished);
    QVERIFY(tuningRead.wait(10000));
    QVERIFY(tuning.select(FinTimeout));
    ChangeWizard *wizard = tuning.openWizard();
    QVERIFY(wizard);
    wizard->valueEdit()->setText(QStringLiteral("42"));
    wizard->next();
    wizard->next();
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->isBusy(), HelperTimeoutMs);
    QCOMPARE(sysctl(FinTimeout), QStringLiteral("42"));
    const qint64 second = wizard->transaction();
    wizard->close();

    page.refresh();
    QVERIFY(read.wait(HelperTimeoutMs));
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(cell(0, HistoryModel::IdColumn), QString::number(second));
    QCOMPARE(cell(0, HistoryModel::PersistedColumn), QStringLiteral("no"));
    page.view()->setCurrentIndex(model->index(0, 0));
    QVERIFY(page.undoButton()->isEnabled());
    QSignalSpy undone(&page, &HistoryPage::undoFinished);
    page.undo(second);
    QVERIFY(undone.wait(HelperTimeoutMs));
    QCOMPARE(undone.first().first().toBool(), true);
    QCOMPARE(sysctl(FinTimeout), QStringLiteral("60"));
    // It reads the journal again by itself, and keeps the undo's outcome in view.
    QVERIFY(read.wait(HelperTimeoutMs));
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(cell(0, HistoryModel::ActionColumn), QStringLiteral("Undo of %1").arg(second));
    QVERIFY2(page.stateLabel()->text().contains(QStringLiteral("the kernel now shows 60 (verified)")),
             qPrintable(page.stateLabel()->text()));
    QCOMPARE(cell(1, HistoryModel::OutcomeColumn), QStringLiteral("applied, undone later"));
    QVERIFY(!model->undoable(1).ok());
}

void TestTuningApply::socketsPageClosesAConnection()
{
    // A real connection on loopback in the namespace: listener, client, accepted peer.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(listener, 4), 0);
    socklen_t length = sizeof address;
    QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    const int peer = ::accept(listener, nullptr, nullptr);
    QVERIFY(peer >= 0);
    sockaddr_in clientAddress{};
    length = sizeof clientAddress;
    QCOMPARE(::getsockname(client, reinterpret_cast<sockaddr *>(&clientAddress), &length), 0);
    const quint16 listenPort = ntohs(address.sin_port);
    const quint16 clientPort = ntohs(clientAddress.sin_port);

    Sampler sampler;
    auto snapshot = sampler.sample({});
    QVERIFY2(snapshot, qPrintable(snapshot.error()));

    SocketsPage page(m_environment);
    ModelTest::watchAll(&page);
    page.resize(900, 500);
    page.show();
    page.showSnapshot(snapshot.value());
    page.flush();
    auto rowOf = [&](SocketState state, quint16 localPort) {
        for (int row = 0; row < page.model()->rowCount(); ++row) {
            const SocketRecord &record = page.model()->record(row);
            if (record.protocol == Protocol::Tcp && record.state == state && record.localPort == localPort)
                return row;
        }
        return -1;
    };
    auto select = [&](int row) {
        page.view()->clearSelection();
        page.view()->selectRow(row);
    };

    // A listener has no peer to reset: the action stays disabled.
    const int listenRow = rowOf(SocketState::Listen, listenPort);
    QVERIFY(listenRow >= 0);
    select(listenRow);
    QVERIFY(page.closeConnectionAction()->isVisible());
    QVERIFY(!page.closeConnectionAction()->isEnabled());

    const int clientRow = rowOf(SocketState::Established, clientPort);
    QVERIFY(clientRow >= 0);
    select(clientRow);
    QVERIFY(page.closeConnectionAction()->isEnabled());

    // Declining the question sends nothing.
    QString asked;
    page.confirm = [&asked](const QString &question) {
        asked = question;
        return false;
    };
    QSignalSpy finished(&page, &SocketsPage::connectionCloseFinished);
    page.closeConnectionAction()->trigger();
    QVERIFY2(asked.startsWith(QStringLiteral("Close the connection 127.0.0.1:%1 → 127.0.0.1:%2?").arg(clientPort).arg(listenPort)),
             qPrintable(asked));
    QVERIFY(!finished.wait(300));
    char byte = 0;
    QCOMPARE(::recv(client, &byte, 1, MSG_DONTWAIT), ssize_t(-1));
    QCOMPARE(errno, EAGAIN); // still open

    page.confirm = [](const QString &) { return true; };
    page.closeConnectionAction()->trigger();
    QVERIFY(!page.closeConnectionAction()->isEnabled()); // one request at a time
    QVERIFY(finished.wait(HelperTimeoutMs));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(page.closeStatusLabel()->text(),
             QStringLiteral("Closed 127.0.0.1:%1 → 127.0.0.1:%2.").arg(clientPort).arg(listenPort));
    // SOCK_DESTROY: the owner sees the connection aborted, the peer a reset.
    QCOMPARE(::recv(client, &byte, 1, MSG_DONTWAIT), ssize_t(-1));
    QCOMPARE(errno, ECONNABORTED);
    QCOMPARE(::recv(peer, &byte, 1, MSG_DONTWAIT), ssize_t(-1));
    QCOMPARE(errno, ECONNRESET);

    // A connection that is gone by the time the helper looks: a plain failure.
    select(clientRow);
    QVERIFY(page.closeConnectionAction()->isEnabled()); // the table still shows the old sample
    page.closeConnectionAction()->trigger();
    QVERIFY(finished.wait(HelperTimeoutMs));
    QVERIFY(!finished.last().at(0).toBool());
    QVERIFY2(page.closeStatusLabel()->text().startsWith(QStringLiteral("Could not close 127.0.0.1:%1").arg(clientPort)),
             qPrintable(page.closeStatusLabel()->text()));
    // The accepted side's row, gone too since the reset: its tuple leads the kernel's lookup
    // to the listener on the same port, which must not be destroyed in its place.
    int peerRow = -1;
    for (int row = 0; row < page.model()->rowCount() && peerRow < 0; ++row) {
        const SocketRecord &record = page.model()->record(row);
        if (record.protocol == Protocol::Tcp && record.state == SocketState::Established
            && record.localPort == listenPort && record.remotePort == clientPort)
            peerRow = row;
    }
    QVERIFY(peerRow >= 0);
    select(peerRow);
    page.closeConnectionAction()->trigger();
    QVERIFY(finished.wait(HelperTimeoutMs));
    QVERIFY(!finished.last().at(0).toBool());
    const int late = ::socket(AF_INET, SOCK_STREAM, 0);
    QCOMPARE(::connect(late, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    ::close(late);

    ::close(peer);
    ::close(client);
    ::close(listener);
}

QTEST_MAIN(TestTuningApply)
#include "tst_tuningapply.moc"
