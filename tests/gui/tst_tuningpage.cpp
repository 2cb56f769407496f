// SPDX-License-Identifier: GPL-3.0-or-later
// The Tuning and History pages against a copied sysctl tree and a helper that is not
// installed: values, grouping, evidence from a fixed snapshot, validation as typed, the
// wizard's plan, and failures that change nothing. Applying for real is tst_tuningapply.

#include "guifixtures.h"
#include "models/historymodel.h"
#include "models/socketformat.h"
#include "models/tuningmodel.h"
#include "modeltest.h"
#include "pages/historypage.h"
#include "pages/tuningpage.h"
#include "tuning/catalogue.h"
#include "wizards/changewizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Sockpit;

namespace {

const QString FinTimeout = QStringLiteral("net.ipv4.tcp_fin_timeout");
const QString PortRangeKey = QStringLiteral("net.ipv4.ip_local_port_range");

using Fixtures::writeFile;

QString readFile(const QString &path)
{
    QFile in(path);
    return in.open(QIODevice::ReadOnly) ? QString::fromUtf8(in.readAll()) : QString();
}

} // namespace

class TestTuningPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyTunableHasAGroup();
    void groupsInOrder();
    void currentValues();
    void evidenceFromSnapshot();
    void pageReadsOffTheGuiThread();
    void validation_data();
    void validation();
    void planFieldByField();
    void reviewWithoutPersist();
    void helperNotInstalledChangesNothing();
    void helperNotInstalledSaidOnOpening();
    void historyNewestFirst();
    void historyOutcomes_data();
    void historyOutcomes();
    void historyUnreadableIsNotEmpty();

private:
    ChangeWizard *wizardFor(const QString &key);
    QTemporaryDir m_root;
    TuningEnvironment m_environment;
    TuningReading m_reading;
    std::vector<std::unique_ptr<ChangeWizard>> m_wizards;
};

void TestTuningPage::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(Fixtures::writeTuningTree(m_root.path(),
                                      {{"etc/sysctl.d/90-sockpit.conf", "# earlier\nnet.ipv4.tcp_keepalive_time = 600\n"}}));
    // A child network namespace shows net.core.rmem_max read-only; so does this copy.
    QVERIFY(::chmod(QFile::encodeName(m_root.filePath(QStringLiteral("sys/net/core/rmem_max"))).constData(), 0444) == 0);
    m_environment.helperPath = m_root.filePath(QStringLiteral("libexec/sockpit-helper")); // not installed
    m_environment.sysctlRoot = m_root.filePath(QStringLiteral("sys"));
    m_environment.sysctlDDirectory = m_root.filePath(QStringLiteral("etc/sysctl.d"));
    m_reading = TuningReading::read(m_environment);
    QVERIFY(!m_reading.isNull());
}

ChangeWizard *TestTuningPage::wizardFor(const QString &key)
{
    const Tunable *tunable = Catalogue::find(key);
    if (!tunable)
        return nullptr;
    m_wizards.push_back(std::make_unique<ChangeWizard>(*tunable, m_reading, m_environment));
    m_wizards.back()->show();
    return m_wizards.back().get();
}

void TestTuningPage::everyTunableHasAGroup()
{
    TuningModel model;
    ModelTest::watch(&model);
    int listed = 0;
    for (const Tunable &tunable : Catalogue::all()) {
        if (tunable.removed) {
            QVERIFY2(!model.indexOf(tunable.name()).isValid(), tunable.key);
            continue;
        }
        QVERIFY2(TuningModel::groupOf(tunable).has_value(), tunable.key);
        QVERIFY2(model.indexOf(tunable.name()).isValid(), tunable.key);
        ++listed;
    }
    int rows = 0;
    for (int group = 0; group < model.rowCount(); ++group)
        rows += model.rowCount(model.index(group, 0));
    QCOMPARE(rows, listed);
    QVERIFY(!model.indexOf(u"net.ipv4.tcp_tw_recycle").isValid());
}

void TestTuningPage::groupsInOrder()
{
    TuningModel model;
    ModelTest::watch(&model);
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Ephemeral ports"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("TIME_WAIT and connection teardown"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Accept queues and SYN handling"));
    const QModelIndex ports = model.index(0, 0);
    QCOMPARE(model.rowCount(ports), 2);
    QCOMPARE(model.index(0, TuningModel::SettingColumn, ports).data().toString(), PortRangeKey);
    QCOMPARE(model.index(1, TuningModel::SettingColumn, ports).data().toString(),
             QStringLiteral("net.ipv4.ip_local_reserved_ports"));
    QCOMPARE(model.indexOf(u"net.core.somaxconn").parent().data().toString(),
             QStringLiteral("Accept queues and SYN handling"));
    QCOMPARE(model.indexOf(FinTimeout).parent().data().toString(), QStringLiteral("TIME_WAIT and connection teardown"));
    QCOMPARE(model.indexOf(u"net.ipv4.tcp_congestion_control").parent().data().toString(),
             QStringLiteral("Congestion control and path"));
    // Group rows have no values of their own.
    QVERIFY(!model.index(0, TuningModel::CurrentColumn).data().isValid());
    QCOMPARE(model.tunable(model.index(0, 0)), nullptr);
}

void TestTuningPage::currentValues()
{
    TuningModel model;
    ModelTest::watch(&model);
    QCOMPARE(model.indexOf(FinTimeout, TuningModel::CurrentColumn).data().toString(), QStringLiteral("reading…"));
    model.setReading(m_reading);
    QCOMPARE(model.indexOf(FinTimeout, TuningModel::CurrentColumn).data().toString(), QStringLiteral("60 seconds"));
    QCOMPARE(model.indexOf(FinTimeout, TuningModel::DefaultColumn).data().toString(), QStringLiteral("60 seconds"));
    QVERIFY2(model.indexOf(FinTimeout, TuningModel::AllowedColumn).data().toString().contains(QStringLiteral("600")),
             qPrintable(model.indexOf(FinTimeout, TuningModel::AllowedColumn).data().toString()));
    // Tabs from the kernel, one space in Sockpit's spelling.
    QCOMPARE(model.indexOf(PortRangeKey, TuningModel::CurrentColumn).data().toString(), QStringLiteral("32768 60999 ports"));
    QCOMPARE(model.indexOf(u"net.ipv4.tcp_rmem", TuningModel::CurrentColumn).data().toString(),
             QStringLiteral("4096 131072 6291456 bytes"));
    QCOMPARE(model.indexOf(u"net.ipv4.tcp_keepalive_time", TuningModel::CurrentColumn).data().toString(),
             QStringLiteral("not on this kernel"));
    QVERIFY(model.indexOf(u"net.core.rmem_max", TuningModel::CurrentColumn).data().toString().endsWith(
        QStringLiteral("(read-only here)")));
    const CurrentValue *fin = model.current(model.indexOf(FinTimeout));
    QVERIFY(fin);
    QVERIFY(fin->available && fin->writable);
    QCOMPARE(fin->value, QStringLiteral("60"));
    // The congestion controls this kernel offers are the allowed values.
    const QString allowed =
        model.indexOf(u"net.ipv4.tcp_congestion_control", TuningModel::AllowedColumn).data().toString();
    QVERIFY2(allowed.contains(QStringLiteral("reno")) && allowed.contains(QStringLiteral("cubic")), qPrintable(allowed));
}

void TestTuningPage::evidenceFromSnapshot()
{
    TuningModel model;
    ModelTest::watch(&model);
    model.setReading(m_reading);
    const Tunable &range = *Catalogue::find(PortRangeKey);
    QCOMPARE(model.evidence(range).size(), 1);
    QVERIFY(model.evidence(range).first().startsWith(QStringLiteral("No sample yet")));

    const Snapshot snapshot = Fixtures::snapshot();
    model.setSnapshot(snapshot);
    // 32768-60999 is 28,232 ports, 100 of them reserved.
    QCOMPARE(snapshot.ephemeral().usable, 28132);
    const QStringList lines = model.evidence(range);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QStringLiteral("Usable ephemeral ports: %1 (range 32768–60999, 100 of them reserved)")
                           .arg(SocketFormat::count(28132)));
    QVERIFY2(lines[2].startsWith(QStringLiteral("TIME_WAIT sockets: %1 ").arg(SocketFormat::count(Fixtures::TimeWaitCount))),
             qPrintable(lines[2]));
    QVERIFY2(lines[3].startsWith(QStringLiteral("Busiest destination: 10.0.0.9:80 with %1 sockets")
                                     .arg(SocketFormat::count(Fixtures::TimeWaitCount))),
             qPrintable(lines[3]));

    const QStringList fin = model.evidence(*Catalogue::find(FinTimeout));
    QVERIFY2(fin.first().startsWith(QStringLiteral("FIN_WAIT2 sockets: 0 ")), qPrintable(fin.first()));
    const QStringList listeners = model.evidence(*Catalogue::find(u"net.core.somaxconn"));
    QVERIFY2(listeners.contains(QStringLiteral("TCP listeners: 1")), qPrintable(listeners.join(u'|')));
    QVERIFY2(listeners.filter(QStringLiteral("Fullest accept queue: port 8080")).size() == 1,
             qPrintable(listeners.join(u'|')));
    // Nothing is made up for a tunable Sockpit has no figure for.
    QVERIFY(model.evidence(*Catalogue::find(u"net.ipv4.tcp_timestamps")).isEmpty());
}

void TestTuningPage::pageReadsOffTheGuiThread()
{
    TuningPage page(m_environment);
    ModelTest::watchAll(&page);
    QSignalSpy read(&page, &TuningPage::readingFinished);
    QVERIFY(page.isReading());
    QVERIFY(read.wait(10000));
    page.showSnapshot(Fixtures::snapshot());
    QVERIFY(page.select(FinTimeout));
    QVERIFY(page.changeButton()->isEnabled());
    QVERIFY2(page.evidenceLabel()->text().startsWith(QStringLiteral("FIN_WAIT2 sockets: 0")),
             qPrintable(page.evidenceLabel()->text()));
    QVERIFY(page.detailsLabel()->text().contains(Catalogue::explanation(*Catalogue::find(FinTimeout))));
    QVERIFY(page.select(u"net.ipv4.tcp_keepalive_time")); // not in this tree
    QVERIFY(!page.changeButton()->isEnabled());
    QCOMPARE(page.openWizard(), nullptr);
    QVERIFY(page.select(u"net.core.rmem_max")); // read-only
    QVERIFY(!page.changeButton()->isEnabled());
    QVERIFY(page.select(FinTimeout));
    ChangeWizard *wizard = page.openWizard();
    QVERIFY(wizard);
    QCOMPARE(wizard->valueEdit()->text(), QStringLiteral("60"));
    wizard->close(); // deletes itself
}

void TestTuningPage::validation_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error"); // a part of the message; empty: valid

    QTest::newRow("30") << FinTimeout << u"30"_qs << QString();
    QTest::newRow("600, the maximum") << FinTimeout << u"600"_qs << QString();
    QTest::newRow("601, above the maximum") << FinTimeout << u"601"_qs << u"from 1 to 600"_qs;
    QTest::newRow("0, below the minimum") << FinTimeout << u"0"_qs << u"from 1 to 600"_qs;
    QTest::newRow("abc") << FinTimeout << u"abc"_qs << u"\"abc\""_qs;
    QTest::newRow("30s") << FinTimeout << u"30s"_qs << u"\"30s\""_qs;
    QTest::newRow("empty") << FinTimeout << QString() << FinTimeout;
    QTest::newRow("60, the current value") << FinTimeout << u"60"_qs << u"current value"_qs;
    QTest::newRow("range 15000 65000") << PortRangeKey << u"15000 65000"_qs << QString();
    QTest::newRow("range reversed") << PortRangeKey << u"40000 30000"_qs << u"40000 30000"_qs;
    QTest::newRow("range one field") << PortRangeKey << u"15000"_qs << u"\"15000\""_qs;
    QTest::newRow("range with newline") << PortRangeKey << u"15000 65000\nnet.core.somaxconn=1"_qs << PortRangeKey;
    QTest::newRow("congestion reno") << u"net.ipv4.tcp_congestion_control"_qs << u"reno"_qs << QString();
    QTest::newRow("congestion bbr, not offered") << u"net.ipv4.tcp_congestion_control"_qs << u"bbr"_qs << u"bbr"_qs;
}

void TestTuningPage::validation()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, error);
    ChangeWizard *wizard = wizardFor(key);
    QVERIFY(wizard);
    QAbstractButton *next = wizard->button(QWizard::NextButton);
    wizard->valueEdit()->setText(value);
    const QString shown = wizard->errorLabel()->text();
    if (error.isEmpty()) {
        QVERIFY2(shown.isEmpty(), qPrintable(shown));
        QVERIFY(next->isEnabled());
        QVERIFY(wizard->plan().ok());
    } else {
        QVERIFY2(shown.contains(error), qPrintable(shown));
        QVERIFY(!next->isEnabled());
        QVERIFY(!wizard->plan().ok());
    }
}

void TestTuningPage::planFieldByField()
{
    ChangeWizard *wizard = wizardFor(FinTimeout);
    QVERIFY(wizard);
    wizard->valueEdit()->setText(QStringLiteral("30"));
    wizard->persistBox()->setChecked(true);
    auto plan = wizard->plan();
    QVERIFY2(plan.ok(), qPrintable(plan.error()));
    QCOMPARE(plan->changes().size(), size_t(1));
    const PlannedChange &change = plan->changes().front();
    QCOMPARE(change.key, FinTimeout);
    QCOMPARE(change.tunable, Catalogue::find(FinTimeout));
    QCOMPARE(change.from, QStringLiteral("60"));
    QCOMPARE(change.to, QStringLiteral("30"));
    QVERIFY(change.changes());
    QCOMPARE(plan->requested(), (std::vector<RequestedChange>{{FinTimeout, QStringLiteral("30")}}));
    QVERIFY(wizard->persist());

    wizard->next();
    QCOMPARE(wizard->currentId(), int(ChangeWizard::ReviewPageId));
    QCOMPARE(wizard->planLabel()->text(), QStringLiteral("net.ipv4.tcp_fin_timeout: 60 seconds → 30 seconds"));
    const QString conf = m_environment.sysctlFilePath();
    QCOMPARE(wizard->persistLabel()->text(),
             QStringLiteral("Yes: also written to %1, so it holds after a reboot; the file's previous content is kept "
                            "as %1.previous.")
                 .arg(conf));
    QCOMPARE(wizard->limitsLabel()->text(), TuningModel::limitations(*Catalogue::find(FinTimeout)));
    QVERIFY(wizard->limitsLabel()->text().contains(QStringLiteral("TIME_WAIT still lasts 60 seconds")));
    // The file as it would be written: the earlier key kept, the new one added.
    const QString file = wizard->filePreview()->toPlainText();
    QVERIFY2(file.endsWith(QStringLiteral("net.ipv4.tcp_fin_timeout = 30\nnet.ipv4.tcp_keepalive_time = 600\n")),
             qPrintable(file));
    QVERIFY(wizard->filePreview()->isVisibleTo(wizard));
    QCOMPARE(wizard->button(QWizard::CommitButton)->text(), QStringLiteral("&Apply"));
    QVERIFY(wizard->button(QWizard::CommitButton)->isEnabled());
    // The review read nothing and wrote nothing.
    QCOMPARE(readFile(conf), QStringLiteral("# earlier\nnet.ipv4.tcp_keepalive_time = 600\n"));
}

void TestTuningPage::reviewWithoutPersist()
{
    ChangeWizard *wizard = wizardFor(PortRangeKey);
    QVERIFY(wizard);
    wizard->valueEdit()->setText(QStringLiteral("15000   65000"));
    auto plan = wizard->plan();
    QVERIFY2(plan.ok(), qPrintable(plan.error()));
    QCOMPARE(plan->changes().front().from, QStringLiteral("32768 60999"));
    QCOMPARE(plan->changes().front().to, QStringLiteral("15000 65000")); // canonical spelling
    QVERIFY(!wizard->persist());
    wizard->next();
    QCOMPARE(wizard->persistLabel()->text(), QStringLiteral("No: the kernel's own value returns at the next boot."));
    QVERIFY(!wizard->filePreview()->isVisibleTo(wizard));
    QVERIFY(wizard->limitsLabel()->text().startsWith(QStringLiteral("Sockets already open keep their ports")));
}

void TestTuningPage::helperNotInstalledChangesNothing()
{
    ChangeWizard *wizard = wizardFor(FinTimeout);
    QVERIFY(wizard);
    QSignalSpy applied(wizard, &ChangeWizard::changeApplied);
    wizard->valueEdit()->setText(QStringLiteral("25"));
    wizard->persistBox()->setChecked(true);
    wizard->next();
    wizard->next(); // Apply
    QCOMPARE(wizard->currentId(), int(ChangeWizard::ResultPageId));
    QVERIFY(wizard->isBusy());
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->isBusy(), 10000);
    const QString status = wizard->statusLabel()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Sockpit's helper is not installed at %1").arg(m_environment.helperPath))
                 && status.endsWith(QStringLiteral("Nothing was changed.")),
             qPrintable(status));
    QVERIFY(wizard->rollBackButton()->isHidden());
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    QCOMPARE(applied.count(), 0);
    QCOMPARE(wizard->transaction(), 0);
    QCOMPARE(readFile(m_environment.sysctlRoot + QStringLiteral("/net/ipv4/tcp_fin_timeout")), QStringLiteral("60\n"));
    QCOMPARE(readFile(m_environment.sysctlFilePath()), QStringLiteral("# earlier\nnet.ipv4.tcp_keepalive_time = 600\n"));
}

void TestTuningPage::helperNotInstalledSaidOnOpening()
{
    // Before anything is typed: as soon as the page has read the kernel's values, it says
    // that changes cannot be applied and names the command that installs the helper.
    {
        TuningPage page(m_environment);
        ModelTest::watchAll(&page);
        page.show();
        QSignalSpy read(&page, &TuningPage::readingFinished);
        QVERIFY(read.wait(10000));
        QVERIFY(page.helperNotice()->isVisible());
        const QString notice = page.helperNotice()->text();
        QVERIFY2(notice.contains(m_environment.helperPath) && notice.contains(QStringLiteral("packaging/install")),
                 qPrintable(notice));
    }
    // With an executable where the helper belongs, nothing is said.
    TuningEnvironment installed = m_environment;
    installed.helperPath = m_root.filePath(QStringLiteral("libexec/installed-helper"));
    QVERIFY(writeFile(installed.helperPath, "#!/bin/sh\nexit 0\n"));
    QVERIFY(::chmod(QFile::encodeName(installed.helperPath).constData(), 0755) == 0);
    TuningPage page(installed);
    ModelTest::watchAll(&page);
    page.show();
    QSignalSpy read(&page, &TuningPage::readingFinished);
    QVERIFY(read.wait(10000));
    QVERIFY(page.helperNotice()->isHidden());
}

void TestTuningPage::historyOutcomes_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("undone");
    QTest::addColumn<QString>("outcome");
    auto row = [](const char *status, const char *action, bool undone, const char *outcome) {
        QTest::newRow(status) << QString::fromLatin1(action) << undone << QString::fromUtf8(outcome);
    };
    row("applied", "apply", false, "applied");
    row("reverted", "apply", false, "not confirmed, old values restored");
    row("failed-restored", "apply", false, "failed, old values restored");
    row("restore-incomplete", "apply", false, "failed, and restoring the old values failed too");
    row("recovered", "apply", false, "interrupted, old values restored by the next run");
    row("recovery-failed", "apply", false, "interrupted, and restoring it on the next run failed");
    row("started", "apply", false, "interrupted (no outcome recorded)");
    row("something-new", "apply", false, "something-new");
}

void TestTuningPage::historyOutcomes()
{
    QFETCH(QString, action);
    QFETCH(bool, undone);
    QFETCH(QString, outcome);
    const QJsonObject result{
        {u"schema"_qs, u"sockpit.helper-result/1"_qs},
        {u"status"_qs, u"ok"_qs},
        {u"transactions"_qs, QJsonArray{QJsonObject{{u"id"_qs, 1}, {u"time"_qs, u"2024-05-01T12:00:00Z"_qs}, {u"uid"_qs, u"0"_qs},
                                                    {u"action"_qs, action}, {u"changes"_qs, QJsonArray{}},
                                                    {u"persist"_qs, false}, {u"status"_qs, QString::fromLatin1(QTest::currentDataTag())},
                                                    {u"undone"_qs, undone}}}},
    };
    HistoryModel model;
    ModelTest::watch(&model);
    model.setEntries(HistoryModel::parse(result), {});
    QCOMPARE(model.index(0, HistoryModel::OutcomeColumn).data().toString(), outcome);
}

void TestTuningPage::historyNewestFirst()
{
    auto change = [](const char *from, const char *to) {
        return QJsonArray{QJsonObject{{u"key"_qs, FinTimeout}, {u"from"_qs, QLatin1String(from)}, {u"to"_qs, QLatin1String(to)}}};
    };
    const QJsonObject result{
        {u"schema"_qs, u"sockpit.helper-result/1"_qs},
        {u"status"_qs, u"ok"_qs},
        {u"transactions"_qs,
         QJsonArray{QJsonObject{{u"id"_qs, 1}, {u"time"_qs, u"2024-05-01T12:00:00Z"_qs}, {u"uid"_qs, u"1000"_qs},
                                {u"action"_qs, u"apply"_qs}, {u"changes"_qs, change("60", "30")}, {u"persist"_qs, true},
                                {u"status"_qs, u"applied"_qs}, {u"undone"_qs, true}},
                    QJsonObject{{u"id"_qs, 2}, {u"time"_qs, u"2024-05-01T12:05:00Z"_qs}, {u"uid"_qs, u"0"_qs},
                                {u"action"_qs, u"undo"_qs}, {u"undoes"_qs, 1}, {u"changes"_qs, change("30", "60")},
                                {u"persist"_qs, true}, {u"status"_qs, u"applied"_qs}, {u"undone"_qs, false}},
                    QJsonObject{{u"id"_qs, 3}, {u"time"_qs, u"2024-05-01T12:10:00Z"_qs}, {u"uid"_qs, u"1000"_qs},
                                {u"action"_qs, u"apply"_qs}, {u"changes"_qs, change("60", "45")}, {u"persist"_qs, false},
                                {u"status"_qs, u"applied"_qs}, {u"undone"_qs, false}},
                    QJsonObject{{u"id"_qs, 4}, {u"time"_qs, u"2024-05-01T12:11:00Z"_qs}, {u"uid"_qs, u"1000"_qs},
                                {u"action"_qs, u"apply"_qs}, {u"changes"_qs, change("45", "")}, {u"persist"_qs, false},
                                {u"status"_qs, u"reverted"_qs}, {u"undone"_qs, false}}}},
    };
    HistoryModel model;
    ModelTest::watch(&model);
    model.setEntries(HistoryModel::parse(result), {{u"0"_qs, u"root"_qs}});
    QCOMPARE(model.rowCount(), 4);
    auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(0, HistoryModel::IdColumn), QStringLiteral("4"));
    QCOMPARE(cell(0, HistoryModel::OutcomeColumn), QStringLiteral("not confirmed, old values restored"));
    QCOMPARE(cell(0, HistoryModel::ChangesColumn), QStringLiteral("net.ipv4.tcp_fin_timeout: 45 → (empty)"));
    QCOMPARE(cell(1, HistoryModel::IdColumn), QStringLiteral("3"));
    QCOMPARE(cell(1, HistoryModel::ActionColumn), QStringLiteral("Apply"));
    QCOMPARE(cell(1, HistoryModel::ChangesColumn), QStringLiteral("net.ipv4.tcp_fin_timeout: 60 → 45"));
    QCOMPARE(cell(1, HistoryModel::PersistedColumn), QStringLiteral("no"));
    QCOMPARE(cell(1, HistoryModel::WhoColumn), QStringLiteral("uid 1000"));
    QCOMPARE(cell(2, HistoryModel::ActionColumn), QStringLiteral("Undo of 1"));
    QCOMPARE(cell(2, HistoryModel::WhoColumn), QStringLiteral("root (uid 0)"));
    QCOMPARE(cell(2, HistoryModel::OutcomeColumn), QStringLiteral("restored"));
    QCOMPARE(cell(3, HistoryModel::IdColumn), QStringLiteral("1"));
    QCOMPARE(cell(3, HistoryModel::PersistedColumn), QStringLiteral("yes"));
    QCOMPARE(cell(3, HistoryModel::OutcomeColumn), QStringLiteral("applied, undone later"));
    QCOMPARE(model.index(3, HistoryModel::TimeColumn).data(Qt::ToolTipRole).toString(), u"2024-05-01T12:00:00Z"_qs);
    // Only a transaction still in force can be undone.
    QVERIFY(model.undoable(1).ok());
    QCOMPARE(model.undoable(1)->id, 3);
    QVERIFY(model.undoable(0).error().contains(QStringLiteral("not in force")));
    QVERIFY(model.undoable(2).error().contains(QStringLiteral("an undo itself")));
    QVERIFY(model.undoable(3).error().contains(QStringLiteral("already undone")));
    QVERIFY(!model.undoable(4).ok());
}

void TestTuningPage::historyUnreadableIsNotEmpty()
{
    HistoryPage page(m_environment);
    ModelTest::watchAll(&page);
    QSignalSpy read(&page, &HistoryPage::historyRead);
    page.refresh();
    QVERIFY(page.isBusy());
    QVERIFY(read.wait(10000));
    QCOMPARE(read.first().first().toBool(), false);
    QVERIFY(!page.hasRead());
    QCOMPARE(page.model()->rowCount(), 0);
    const QString state = page.stateLabel()->text();
    QVERIFY2(state.startsWith(QStringLiteral("The history could not be read, so it is not shown: Sockpit's helper is "
                                             "not installed")),
             qPrintable(state));
    QVERIFY(!state.contains(QStringLiteral("No tuning changes")));
    QVERIFY(!page.undoButton()->isEnabled());
}

QTEST_MAIN(TestTuningPage)
#include "tst_tuningpage.moc"
