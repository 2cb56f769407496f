// SPDX-License-Identifier: GPL-3.0-or-later
// Findings in the window: the model against a scenario tree's report, debouncing, the
// runner on its worker thread, a proposal opened in the change wizard, and the key
// figures' colours with hysteresis.
#include "analysis/analysisrunner.h"
#include "guifixtures.h"
#include "mainwindow.h"
#include "models/findingsmodel.h"
#include "models/leveltracker.h"
#include "modeltest.h"
#include "pages/overviewpage.h"
#include "pages/tuningpage.h"
#include "widgets/counttile.h"
#include "widgets/findingspanel.h"
#include "wizards/changewizard.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeView>

#include <atomic>

using namespace Sockpit;

namespace {

QString scenario(const char *name)
{
    return QStringLiteral(SOCKPIT_TEST_DATA "/analysis/") + QLatin1String(name);
}

AnalysisReport reportOf(const char *name)
{
    auto root = ProcRoot::locate(scenario(name));
    if (!root)
        return {};
    auto observation = observeTree(root.value());
    if (!observation)
        return {};
    return analyse(observation.value(), AnalysisOptions{});
}

using Fixtures::writeFile;

} // namespace

class TestFindings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelShowsScenarioFindings();
    void findingsNeedTwoAnalysesToComeAndGo();
    void nothingNeedsAttention();
    void panelShowsEvidenceAndProposals();
    void reviewOpensWizardPrefilled();
    void runnerDeliversFromWorkerThread();
    void runnerReportsFailure();
    void levelHysteresisOnHoveringValue();
    void worstLinkTileDoesNotFlap();
    void reportSummaryListsFindings();
};

void TestFindings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(QStringLiteral("Sockpit"), QStringLiteral("sockpit")).clear();
    QLocale::setDefault(QLocale::c());
}

void TestFindings::modelShowsScenarioFindings()
{
    const AnalysisReport report = reportOf("ports-critical");
    QVERIFY(!report.findings.empty());
    FindingsModel model;
    ModelTest::watch(&model);
    model.setReport(report);
    // One analysis is not enough to show a finding.
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.hasPendingChanges());
    model.setReport(report);
    QCOMPARE(model.rowCount(), int(report.findings.size()));
    QVERIFY(!model.hasPendingChanges());

    const int row = model.rowOf(QStringLiteral("ephemeral-port-pressure 10.0.0.5:443"));
    QVERIFY2(row >= 0, qPrintable(model.key(0)));
    QCOMPARE(row, 0); // the critical one first
    const Finding *finding = model.finding(row);
    QVERIFY(finding);
    QCOMPARE(finding->severity, Severity::Critical);
    QCOMPARE(model.index(row, FindingsModel::SeverityColumn).data().toString(), QStringLiteral("critical"));
    QCOMPARE(model.index(row, FindingsModel::SeverityColumn).data(Qt::ForegroundRole).value<QColor>(),
             FindingsModel::severityColor(Severity::Critical));
    QVERIFY(!model.index(row, FindingsModel::SeverityColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(row, FindingsModel::TitleColumn).data().toString(),
             QStringLiteral("Ephemeral ports toward 10.0.0.5:443: 650 of 999 usable ports held (65.1 %)"));
    // The key evidence with its numbers, as the scenario has them.
    QCOMPARE(model.index(row, FindingsModel::EvidenceColumn).data().toString(),
             QStringLiteral("sockets: 650 sockets; usable_ports: 999 ports"));
    const Evidence *share = finding->findEvidence(u"share");
    QVERIFY(share);
    QCOMPARE(FindingsModel::evidenceText(*share), QStringLiteral("share: 65.1% (sockets / usable_ports)"));
    const Evidence *left = finding->findEvidence(u"seconds_to_exhaustion");
    QVERIFY(left);
    QCOMPARE(FindingsModel::evidenceText(*left),
             QStringLiteral("seconds_to_exhaustion: 34.9 seconds ((usable_ports - sockets) / growth_per_s)"));
    QVERIFY2(model.summary().startsWith(QStringLiteral("%1 finding").arg(report.findings.size())),
             qPrintable(model.summary()));
}

void TestFindings::findingsNeedTwoAnalysesToComeAndGo()
{
    const AnalysisReport critical = reportOf("ports-critical");
    const AnalysisReport healthy = reportOf("healthy");
    QVERIFY(!critical.findings.empty());
    QVERIFY(healthy.findings.empty());
    FindingsModel model;
    ModelTest::watch(&model);
    // Seen, gone, seen: never twice in a row, never shown.
    for (const AnalysisReport *report : {&critical, &healthy, &critical, &healthy}) {
        model.setReport(*report);
        QCOMPARE(model.rowCount(), 0);
    }
    model.setReport(critical);
    model.setReport(critical);
    const int shown = model.rowCount();
    QVERIFY(shown > 0);
    // One healthy analysis keeps it; the second in a row clears it.
    model.setReport(healthy);
    QCOMPARE(model.rowCount(), shown);
    QVERIFY(model.hasPendingChanges());
    model.setReport(critical);
    QCOMPARE(model.rowCount(), shown);
    model.setReport(healthy);
    model.setReport(healthy);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasPendingChanges());
}

void TestFindings::nothingNeedsAttention()
{
    const AnalysisReport healthy = reportOf("healthy");
    FindingsModel model;
    ModelTest::watch(&model);
    QCOMPARE(model.summary(), QStringLiteral("Analysing this machine…"));
    model.setReport(healthy);
    QVERIFY2(model.summary().startsWith(QStringLiteral("Nothing needs attention: checked ephemeral ports per "
                                                       "destination, accept queues")),
             qPrintable(model.summary()));

    AnalysisReport unreadable = reportOf("kmsg-unreadable");
    QVERIFY(!unreadable.kernelLog.available);
    model.setReport(unreadable);
    QVERIFY2(model.summary().contains(QStringLiteral("Kernel log not read (%1)").arg(unreadable.kernelLog.unavailableReason)),
             qPrintable(model.summary()));
}

void TestFindings::panelShowsEvidenceAndProposals()
{
    const AnalysisReport report = reportOf("ports-critical");
    FindingsPanel panel;
    panel.setReport(report);
    panel.setReport(report);
    QCOMPARE(panel.view()->currentIndex().row(), 0);
    const Finding *finding = panel.model()->finding(0);
    const QString details = panel.detailsLabel()->text();
    QVERIFY(details.startsWith(finding->explanation.translated()));
    for (const Evidence &evidence : finding->evidence)
        QVERIFY2(details.contains(FindingsModel::evidenceText(evidence)), qPrintable(evidence.metric));
    for (const FindingText &caveat : finding->caveats)
        QVERIFY(details.contains(caveat.translated()));
    for (const QString &reference : finding->references)
        QVERIFY(details.contains(reference));
    QCOMPARE(panel.reviewButtons().size(), int(finding->changes.size()));

    QSignalSpy review(&panel, &FindingsPanel::reviewRequested);
    QPushButton *reuse = panel.findChild<QPushButton *>(QStringLiteral("review:net.ipv4.tcp_tw_reuse"));
    QVERIFY(reuse);
    QTest::mouseClick(reuse, Qt::LeftButton);
    QCOMPARE(review.size(), 1);
    QCOMPARE(review.at(0).at(0).toString(), QStringLiteral("net.ipv4.tcp_tw_reuse"));
    QCOMPARE(review.at(0).at(1).toString(), QStringLiteral("1"));
    QCOMPARE(review.at(0).at(2).toString(), finding->title.translated());

    // The selection stays on its finding when the next analysis arrives.
    if (panel.model()->rowCount() > 1) {
        QVERIFY(panel.selectRow(1));
        const QString key = panel.model()->key(1);
        panel.setReport(report);
        QCOMPARE(panel.model()->key(panel.view()->currentIndex().row()), key);
    }
}

void TestFindings::reviewOpensWizardPrefilled()
{
    // A sysctl tree like the scenario's machine, with no helper installed.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const std::pair<const char *, QByteArray> files[] = {
        {"sys/net/ipv4/ip_local_port_range", "40000\t40999\n"},
        {"sys/net/ipv4/ip_local_reserved_ports", "40500\n"},
        {"sys/net/ipv4/ip_unprivileged_port_start", "1024\n"},
        {"sys/net/ipv4/tcp_tw_reuse", "2\n"},
        {"sys/net/ipv4/tcp_fin_timeout", "60\n"},
    };
    for (const auto &[path, content] : files)
        QVERIFY(writeFile(root.filePath(QString::fromLatin1(path)), content));
    TuningEnvironment environment;
    environment.helperPath = root.filePath(QStringLiteral("libexec/sockpit-helper"));
    environment.sysctlRoot = root.filePath(QStringLiteral("sys"));
    environment.sysctlDDirectory = root.filePath(QStringLiteral("etc/sysctl.d"));

    TuningPage page(environment);
    ModelTest::watchAll(&page);
    QSignalSpy read(&page, &TuningPage::readingFinished);
    // Asked while the values are still read: the wizard opens once they are in.
    QVERIFY(page.isReading());
    QCOMPARE(page.proposeChange(QStringLiteral("net.ipv4.tcp_tw_reuse"), QStringLiteral("1"), QStringLiteral("early")),
             nullptr);
    QVERIFY(read.wait(10000));
    auto early = page.findChildren<ChangeWizard *>();
    QCOMPARE(early.size(), 1);
    QCOMPARE(early.first()->valueEdit()->text(), QStringLiteral("1"));
    early.first()->close();
    delete early.first();

    const AnalysisReport report = reportOf("ports-critical");
    FindingsPanel panel;
    panel.setReport(report);
    panel.setReport(report);
    ChangeWizard *wizard = nullptr;
    connect(&panel, &FindingsPanel::reviewRequested, &page,
            [&](const QString &key, const QString &value, const QString &origin) {
                wizard = page.proposeChange(key, value, origin);
            });
    QPushButton *range = panel.findChild<QPushButton *>(QStringLiteral("review:net.ipv4.ip_local_port_range"));
    QVERIFY(range);
    QTest::mouseClick(range, Qt::LeftButton);
    QVERIFY(wizard);
    QCOMPARE(wizard->tunable().name(), QStringLiteral("net.ipv4.ip_local_port_range"));
    QCOMPARE(wizard->currentId(), int(ChangeWizard::ValuePageId));
    QCOMPARE(wizard->valueEdit()->text(), QStringLiteral("1024 65535"));
    // Validated like a typed value: no error, a plan, and Next may be pressed.
    QVERIFY2(wizard->errorLabel()->text().isEmpty(), qPrintable(wizard->errorLabel()->text()));
    QVERIFY2(wizard->plan().ok(), qPrintable(wizard->plan().error()));
    QVERIFY(wizard->currentPage()->isComplete());
    QVERIFY(wizard->originLabel()->text().contains(panel.model()->finding(0)->title.translated()));
    QCOMPARE(wizard->transaction(), 0); // nothing applied

    // A value the catalogue refuses is shown refused, not applied.
    wizard = page.proposeChange(QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("0"), QStringLiteral("test"));
    QVERIFY(wizard);
    QVERIFY(!wizard->errorLabel()->text().isEmpty());
    QVERIFY(!wizard->currentPage()->isComplete());
    // A key outside the catalogue opens nothing.
    QCOMPARE(page.proposeChange(QStringLiteral("net.ipv4.tcp_tw_recycle"), QStringLiteral("1"), QString()), nullptr);
}

void TestFindings::runnerDeliversFromWorkerThread()
{
    QThread *sourceThread = nullptr;
    const AnalysisRunner::Source fixture = AnalysisRunner::treeSource(scenario("ports-critical"));
    AnalysisRunner runner([&sourceThread, fixture](const std::function<bool(int)> &wait) {
        sourceThread = QThread::currentThread();
        wait(10);
        return fixture(wait);
    });
    runner.setProfile(Profile::ShortOutbound);
    QSignalSpy reports(&runner, &AnalysisRunner::reportReady);
    QSignalSpy running(&runner, &AnalysisRunner::runningChanged);
    runner.analyseNow();
    QVERIFY(runner.isRunning());
    runner.analyseNow(); // one at a time
    QVERIFY(reports.wait(10000));
    QCOMPARE(reports.size(), 1);
    QVERIFY(sourceThread);
    QVERIFY(sourceThread != QThread::currentThread());
    QVERIFY(!runner.isRunning());
    QCOMPARE(running.size(), 2);
    const auto report = reports.at(0).at(0).value<AnalysisReport>();
    QCOMPARE(report.profile, Profile::ShortOutbound);
    QVERIFY(!report.findings.empty());
    QCOMPARE(report.findings.front().id, QStringLiteral("ephemeral-port-pressure"));
    QCOMPARE(report.hostName, QStringLiteral("fixture"));

    // The periodic timer and the early confirmation both run it again.
    runner.setInterval(std::chrono::seconds(3600));
    runner.start();
    QVERIFY(runner.isActive());
    QVERIFY(reports.wait(10000));
    runner.analyseSoon(std::chrono::milliseconds(10));
    QVERIFY(reports.wait(10000));
    QCOMPARE(reports.size(), 3);
    runner.stop();
    QVERIFY(!runner.isActive());
}

void TestFindings::runnerReportsFailure()
{
    AnalysisRunner runner(AnalysisRunner::treeSource(QStringLiteral("/nonexistent/sockpit-tree")));
    QSignalSpy failed(&runner, &AnalysisRunner::failed);
    QSignalSpy reports(&runner, &AnalysisRunner::reportReady);
    runner.analyseNow();
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("/nonexistent/sockpit-tree")));
    QCOMPARE(reports.size(), 0);

    // Destroying a runner in the middle of a capture abandons it at its next wait. The
    // runner goes once the capture has begun, whenever the worker got to it.
    std::atomic<bool> begun = false;
    std::atomic<bool> abandoned = false;
    {
        AnalysisRunner slow([&begun, &abandoned](const std::function<bool(int)> &wait) -> Result<Observation> {
            begun = true;
            abandoned = !wait(60000);
            return Error{QStringLiteral("abandoned")};
        });
        slow.analyseNow();
        QTRY_VERIFY_WITH_TIMEOUT(begun, 10000);
    }
    QVERIFY(abandoned);
}

void TestFindings::levelHysteresisOnHoveringValue()
{
    LevelTracker tracker(LevelThresholds{0.5, 0.8});
    QCOMPARE(tracker.update(0.2), Level::Normal);
    // Hovering around the warning level: one sample past it never changes the colour.
    int changes = 0;
    Level last = tracker.level();
    for (double value : {0.51, 0.49, 0.52, 0.48, 0.50, 0.47, 0.53, 0.49, 0.51, 0.46}) {
        const Level level = tracker.update(value);
        changes += level != last;
        last = level;
    }
    QCOMPARE(changes, 0);
    QCOMPARE(last, Level::Normal);
    // Twice in a row past it: warning, and it stays while the value hovers just under.
    tracker.update(0.55);
    QCOMPARE(tracker.update(0.56), Level::Warning);
    for (double value : {0.49, 0.51, 0.47, 0.50, 0.46, 0.52}) // all above 0.45, the clear level
        QCOMPARE(tracker.update(value), Level::Warning);
    QCOMPARE(tracker.update(0.44), Level::Warning);
    QCOMPARE(tracker.update(0.40), Level::Normal);
    // Critical likewise, and Unknown for a value not known.
    tracker.update(0.9);
    QCOMPARE(tracker.level(), Level::Normal);
    QCOMPARE(tracker.update(0.95), Level::Critical);
    QCOMPARE(tracker.update(std::nan("")), Level::Unknown);
    // The first value is taken as it is.
    LevelTracker fresh(LevelThresholds{0.5, 0.8});
    QCOMPARE(fresh.update(0.9), Level::Critical);
    // A level at 0 is reached by every value, as LevelThresholds::classify has it.
    LevelTracker zero(LevelThresholds{0, 0.8});
    QCOMPARE(zero.update(0), Level::Warning);
}

void TestFindings::worstLinkTileDoesNotFlap()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    CountTile *tile = page.figureTile(OverviewPage::FigureTile::WorstLink);
    KeyFigure figure;
    figure.text = QStringLiteral("12.0 ms, 0.0% loss");
    figure.caption = QStringLiteral("icmp://192.0.2.1");
    figure.level = Level::Normal;
    page.showWorstLink(figure);
    QCOMPARE(tile->level(), Level::Normal);
    for (int i = 0; i < 6; ++i) {
        figure.level = i % 2 == 0 ? Level::Warning : Level::Normal;
        page.showWorstLink(figure);
        QCOMPARE(tile->level(), Level::Normal);
    }
    figure.level = Level::Critical;
    page.showWorstLink(figure);
    QCOMPARE(tile->level(), Level::Normal);
    page.showWorstLink(figure);
    QCOMPARE(tile->level(), Level::Critical);
}

void TestFindings::reportSummaryListsFindings()
{
    QTemporaryDir dir;
    MainWindow window(Fixtures::notInstalledTuning());
    ModelTest::watchAll(&window);
    auto readSummary = [&](const QString &folder) {
        QFile summary(QDir(folder).filePath(QStringLiteral("summary.txt")));
        return summary.open(QIODevice::ReadOnly) ? QString::fromUtf8(summary.readAll()) : QString();
    };

    // Before any analysis the report says so rather than claiming all is well.
    const QString before = dir.filePath(QStringLiteral("before"));
    const auto writtenBefore = window.writeReport(before);
    QVERIFY2(writtenBefore.ok(), qPrintable(writtenBefore.error()));
    QVERIFY2(readSummary(before).contains(QStringLiteral("Findings:\n  Analysing this machine")),
             qPrintable(readSummary(before)));

    auto *overview = qobject_cast<OverviewPage *>(window.page(OverviewPage::Id.toString()));
    QVERIFY(overview);
    const AnalysisReport report = reportOf("ports-critical");
    overview->findings()->model()->setReport(report);
    overview->findings()->model()->setReport(report);
    const QString after = dir.filePath(QStringLiteral("after"));
    const auto writtenAfter = window.writeReport(after);
    QVERIFY2(writtenAfter.ok(), qPrintable(writtenAfter.error()));
    const QString text = readSummary(after);
    QVERIFY2(text.contains(QStringLiteral("  %1 finding").arg(report.findings.size())), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("  critical: Ephemeral ports toward 10.0.0.5:443: 650 of 999 usable ports held "
                                          "(65.1 %) (sockets: 650 sockets; usable_ports: 999 ports)")),
             qPrintable(text));
    const ProposedChange &change = report.findings.front().changes.front();
    QVERIFY2(text.contains(QStringLiteral("      proposed: %1 = %2 (now ").arg(change.key, change.value)), qPrintable(text));
}

QTEST_MAIN(TestFindings)
#include "tst_findings.moc"
