// SPDX-License-Identifier: GPL-3.0-or-later
// The tuning wizards end to end, as root in a private network namespace through
// sockpit-helper's test install (sysctl.d and journal inside the build tree), on real
// symptoms: TIME_WAIT toward one destination in a narrowed ip_local_port_range, and a
// TIME_WAIT table too small for a steady stream of closing connections. Measure must show
// the real numbers, Apply change the namespace's values in checkpoint mode, Keep persist
// them, Verify show the figure improving; Revert, no answer, and the wizard's process
// killed during the countdown must each leave every value as it was.

#include "analysis/symptomdiagnosis.h"
#include "fakehost.h"
#include "models/historymodel.h"
#include "pages/historypage.h"
#include "charts/timechart.h"
#include "netns.h"
#include "pages/tuningpage.h"
#include "population.h"
#include "sampling/sampler.h"
#include "tuning/sysctltree.h"
#include "widgets/findingspanel.h"
#include "wizards/symptombutton.h"
#include "wizards/symptomwizard.h"
#include "wizards/wizardreport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTableView>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <thread>

using namespace Sockpit;

namespace {

const QString Prefix = QStringLiteral(SOCKPIT_TEST_PREFIX);
const QString Range = QStringLiteral("net.ipv4.ip_local_port_range");
const QString Reserved = QStringLiteral("net.ipv4.ip_local_reserved_ports");
const QString Reuse = QStringLiteral("net.ipv4.tcp_tw_reuse");
const QString Buckets = QStringLiteral("net.ipv4.tcp_max_tw_buckets");
constexpr int HelperTimeoutMs = 30000;
constexpr int MeasureTimeoutMs = 30000;

QString sysctl(const QString &key)
{
    return SysctlTree().read(key).value();
}

QString readFile(const QString &path)
{
    QFile in(path);
    return in.open(QIODevice::ReadOnly) ? QString::fromUtf8(in.readAll()) : QString();
}

// One sampler for the whole test, as the window has: rates need one monotonic clock.
Snapshot sample()
{
    static Sampler sampler;
    auto snapshot = sampler.sample({});
    return snapshot ? snapshot.value() : Snapshot();
}

// Client sockets that close first toward a listener on 127.0.0.1, one every few
// milliseconds, so the client ends sit in TIME_WAIT: a steady stream like a busy proxy's.
class ClosingStream
{
public:
    ~ClosingStream() { stop(); }
    bool start()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || ::listen(m_listener, 64) != 0)
            return false;
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length);
        m_thread = std::thread([this, address] {
            while (!m_stop.load()) {
                const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                if (::connect(client, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
                    const int peer = ::accept(m_listener, nullptr, nullptr);
                    ::close(client); // the client closes first: its end goes to TIME_WAIT
                    if (peer >= 0)
                        ::close(peer);
                } else {
                    ::close(client);
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        });
        return true;
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
        if (m_listener >= 0)
            ::close(m_listener);
        m_listener = -1;
    }

private:
    int m_listener = -1;
    std::atomic_bool m_stop{false};
    std::thread m_thread;
};

} // namespace

class TestSymptomWizard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsFromTuningPageAndFinding();
    void portsRunOutKeptPersistedVerified();
    void historyNamesTheWizardAndUndoesThePlan();
    void revertRestores();
    void noAnswerRestores();
    void killedDuringCountdownRestores();
    void timeWaitTableTooSmall();
    void serverDropsNewConnections();
    void slowTransfersOnALongPath();
    void idleTimeoutIsValidatedAsTyped_data();
    void idleTimeoutIsValidatedAsTyped();
    void idleConnectionsBehindANat();
    void notYourProblemProposesNothing();
    // Last: it fills the namespace's connection tracking table.
    void conntrackTableFull();

private:
    SymptomWizard *newWizard(Symptom symptom);
    // Measures and waits for the verdict.
    bool measure(SymptomWizard *wizard);
    // From Measure to the pending countdown.
    bool applyToPending(SymptomWizard *wizard);
    void narrowRange();
    void checkReport(SymptomWizard *wizard);

    TuningEnvironment m_environment;
    Test::Population m_population;
    std::vector<std::unique_ptr<SymptomWizard>> m_wizards;
    QTemporaryDir m_records;
    qint64 m_kept = 0;
};

void TestSymptomWizard::initTestCase()
{
    if (const QString reason = Test::namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Threads and children started from here on (the wizard's workers, the helper, the
    // driver process) inherit the namespace.
    if (auto entered = Test::enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    QVERIFY(QFileInfo(QStringLiteral(SOCKPIT_TEST_HELPER_PATH)).isExecutable());
    QVERIFY(Prefix.startsWith(QStringLiteral(SOCKPIT_BUILD_DIR)));
    QDir(Prefix).removeRecursively();
    m_environment.helperPath = QStringLiteral(SOCKPIT_TEST_HELPER_PATH);
    m_environment.sysctlDDirectory = Prefix + QStringLiteral("/etc/sysctl.d");
    QVERIFY(Test::prepareNamespaceForPopulation().ok());
    // 150 TIME_WAIT sockets toward 127.1.0.1:9000 in a range of 200 ports: 75 % held.
    narrowRange();
    Test::Population::Spec spec;
    spec.timeWait = 150;
    spec.destinations = 1;
    auto built = m_population.build(spec);
    QVERIFY2(built, qPrintable(built.error()));
}

void TestSymptomWizard::narrowRange()
{
    QVERIFY(Test::writeSysctl(Range, "40000 40199").ok());
    QVERIFY(Test::writeSysctl(Reserved, "\n").ok()); // an empty write leaves the list as it was
    QVERIFY(Test::writeSysctl(Reuse, "0").ok());
}

SymptomWizard *TestSymptomWizard::newWizard(Symptom symptom)
{
    auto wizard = std::make_unique<SymptomWizard>(symptom, m_environment);
    wizard->setSource(SymptomWizard::liveSource(1000));
    wizard->setCountdownSeconds(20);
    wizard->setRecordDirectory(m_records.path());
    m_wizards.push_back(std::move(wizard));
    return m_wizards.back().get();
}

bool TestSymptomWizard::measure(SymptomWizard *wizard)
{
    QSignalSpy measured(wizard, &SymptomWizard::measured);
    wizard->measure();
    return measured.wait(MeasureTimeoutMs) && wizard->diagnosis().has_value();
}

bool TestSymptomWizard::applyToPending(SymptomWizard *wizard)
{
    if (!measure(wizard) || !wizard->diagnosis()->affected)
        return false;
    wizard->restart();
    wizard->next(); // Plan
    wizard->next(); // Review
    if (wizard->currentId() != SymptomWizard::ReviewPageId)
        return false;
    wizard->next(); // Apply
    QDeadlineTimer deadline(HelperTimeoutMs);
    while (wizard->applyState() == SymptomWizard::ApplyState::Applying && !deadline.hasExpired())
        QTest::qWait(50);
    return wizard->applyState() == SymptomWizard::ApplyState::Pending;
}

void TestSymptomWizard::startsFromTuningPageAndFinding()
{
    // The Tuning page's "Fix a Problem…" menu names every symptom and asks for its wizard.
    TuningPage page(m_environment);
    QSignalSpy requested(&page, &TuningPage::wizardRequested);
    const QList<QAction *> actions = page.symptomButton()->menu()->actions();
    QCOMPARE(actions.size(), qsizetype(allSymptoms().size()));
    QCOMPARE(actions.first()->text(), QStringLiteral("Outgoing connections fail or ports run out"));
    actions.at(1)->trigger();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().value<Symptom>(), Symptom::TimeWaitPileUp);

    // A finding of the port rule opens the ports wizard.
    AnalysisReport report;
    Finding finding;
    finding.id = QStringLiteral("ephemeral-port-pressure");
    finding.subject = QStringLiteral("127.1.0.1:9000");
    finding.title = FindingText("Ephemeral ports toward %1").arg(QStringLiteral("127.1.0.1:9000"));
    finding.changes.push_back({Range, QStringLiteral("1024 65535"), QStringLiteral("40000 40199")});
    report.findings.push_back(finding);
    FindingsPanel panel;
    panel.setReport(report);
    panel.setReport(report); // a finding shows once a second analysis confirms it
    QVERIFY(panel.selectRow(0));
    auto *fix = panel.findChild<QPushButton *>(QStringLiteral("wizard:ephemeral-port-pressure"));
    QVERIFY(fix);
    QSignalSpy wanted(&panel, &FindingsPanel::wizardRequested);
    fix->click();
    QCOMPARE(wanted.count(), 1);
    QCOMPARE(wanted.first().first().value<Symptom>(), Symptom::PortsRunOut);
}

void TestSymptomWizard::portsRunOutKeptPersistedVerified()
{
    SymptomWizard *wizard = newWizard(Symptom::PortsRunOut);
    wizard->setVerifySeconds(120);
    wizard->showSnapshot(sample()); // the window's latest: places the chart marker
    QVERIFY(measure(wizard));
    const SymptomDiagnosis &d = *wizard->diagnosis();
    QVERIFY(d.affected);
    QCOMPARE(d.subject, QStringLiteral("127.1.0.1:9000"));
    // The real numbers of the namespace.
    QCOMPARE(d.figure(u"destination_sockets")->value, 150.0);
    QCOMPARE(d.figure(u"usable_ports")->value, 200.0);
    QCOMPARE(d.figure(u"port_share")->value, 0.75);
    QCOMPARE(wizard->figureTable()->rowCount(), int(d.figures.size()));
    QCOMPARE(wizard->figureTable()->item(2, 1)->text(), QStringLiteral("75.0 %"));
    QCOMPARE(wizard->figureTable()->item(2, 2)->text(), QStringLiteral("50.0 % or more"));
    QCOMPARE(wizard->figureTable()->item(2, 3)->text(), QStringLiteral("over the threshold"));
    QVERIFY2(wizard->verdictLabel()->text().startsWith(QStringLiteral("This is your problem: ")),
             qPrintable(wizard->verdictLabel()->text()));

    wizard->restart();
    QVERIFY(wizard->currentPage()->isComplete());
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::PlanPageId));
    // Every key the port rule proposes: the wider range, the listener inside it reserved,
    // TIME_WAIT reuse for outgoing connections.
    QCOMPARE(wizard->planTable()->rowCount(), 3);
    QCOMPARE(wizard->planTable()->item(0, 0)->text(), Range);
    QVERIFY(wizard->plannedValueError(Range).isEmpty());
    // Validated as typed: a bad value says why, and the plan cannot go on.
    QVERIFY(wizard->setPlannedValue(Range, QStringLiteral("1024 70000")));
    QVERIFY(!wizard->plannedValueError(Range).isEmpty());
    QVERIFY(!wizard->currentPage()->isComplete());
    QVERIFY(wizard->setPlannedValue(Range, QStringLiteral("1024 65535")));
    QVERIFY(wizard->currentPage()->isComplete());
    QVERIFY(wizard->cannotFixLabel()->text().contains(QStringLiteral("IP_BIND_ADDRESS_NO_PORT")));

    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::ReviewPageId));
    QVERIFY2(wizard->reviewLabel()->text().contains(QStringLiteral("net.ipv4.ip_local_port_range: 40000 40199 ports → 1024 65535 ports")),
             qPrintable(wizard->reviewLabel()->text()));
    const QString file = wizard->filePreview()->toPlainText();
    QVERIFY2(file.contains(QStringLiteral("net.ipv4.ip_local_port_range = 1024 65535")), qPrintable(file));
    QVERIFY(file.contains(QStringLiteral("net.ipv4.ip_local_reserved_ports = 9000")));

    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::ApplyPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Applying, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Pending);
    // Applied to the namespace, in one transaction, but not persisted before Keep.
    QCOMPARE(sysctl(Range), QStringLiteral("1024 65535"));
    QCOMPARE(sysctl(Reserved), QStringLiteral("9000"));
    QCOMPARE(sysctl(Reuse), QStringLiteral("1"));
    QVERIFY(!QFileInfo::exists(m_environment.sysctlFilePath()));
    QVERIFY2(wizard->countdownLabel()->text().startsWith(QStringLiteral("Keep these settings? Reverting in ")),
             qPrintable(wizard->countdownLabel()->text()));
    QVERIFY(!wizard->keepButton()->isHidden());
    QVERIFY(!wizard->currentPage()->isComplete());

    QTest::mouseClick(wizard->keepButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Pending, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Kept);
    QVERIFY(wizard->persisted());
    QCOMPARE(sysctl(Range), QStringLiteral("1024 65535"));
    const QString persisted = readFile(m_environment.sysctlFilePath());
    QVERIFY2(persisted.contains(QStringLiteral("net.ipv4.ip_local_port_range = 1024 65535\n")), qPrintable(persisted));
    QVERIFY(persisted.contains(QStringLiteral("net.ipv4.tcp_tw_reuse = 1\n")));
    QVERIFY(wizard->currentPage()->isComplete());

    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::VerifyPageId));
    QVERIFY(wizard->isWatching());
    // The same 150 sockets now hold a tiny share of the wider range.
    wizard->showSnapshot(sample());
    QVERIFY(wizard->afterValue().has_value());
    QCOMPARE(*wizard->beforeValue(), 0.75);
    QVERIFY2(*wizard->afterValue() < 0.01, qPrintable(QString::number(*wizard->afterValue())));
    QVERIFY2(wizard->effectLabel()->text().startsWith(
                 QStringLiteral("Share of usable local ports held toward 127.1.0.1:9000 fell from 75.0 % to 0.2 %")),
             qPrintable(wizard->effectLabel()->text()));
    QCOMPARE(wizard->chart()->eventMarkerCount(), 1);
    QVERIFY(wizard->chart()->seriesData(0).size() >= 2);
    // The chart speaks per cent, as the figure table does: the first point is 75, not 0.75.
    QCOMPARE(wizard->chart()->seriesData(0).first().y(), 75.0);
    QCOMPARE(wizard->chart()->unit(), QStringLiteral("%"));
    checkReport(wizard);
    m_kept = wizard->transaction();
}

void TestSymptomWizard::historyNamesTheWizardAndUndoesThePlan()
{
    if (m_kept == 0)
        QSKIP("needs the transaction of portsRunOutKeptPersistedVerified");
    HistoryPage page(m_environment);
    page.setWizardRecordDirectory(m_records.path());
    QSignalSpy read(&page, &HistoryPage::historyRead);
    page.refresh();
    QVERIFY(read.wait(HelperTimeoutMs));
    HistoryModel *model = page.model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->entry(r)->id == m_kept)
            row = r;
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, HistoryModel::ActionColumn).data().toString(),
             QStringLiteral("Apply (wizard: Outgoing connections fail or ports run out)"));
    page.view()->setCurrentIndex(model->index(row, 0));
    QVERIFY(page.reportButton()->isEnabled());

    // The report again, from the record alone.
    QTemporaryDir directory;
    const QString folder = directory.filePath(QStringLiteral("history-report"));
    QVERIFY(page.writeWizardReport(m_kept, folder));
    QCOMPARE(QImage(folder + QStringLiteral("/chart.png")).size(), WizardReport::ImageSize);
    const QString summary = readFile(folder + QStringLiteral("/summary.txt"));
    QVERIFY2(summary.contains(QStringLiteral("fell from 75.0 % to 0.2 %")), qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("in transaction %1.").arg(m_kept)));
    QVERIFY(!page.writeWizardReport(m_kept + 1000, folder));

    // Undo restores the whole plan, every key of it, and the persisted file.
    QVERIFY(page.undoButton()->isEnabled());
    QSignalSpy undone(&page, &HistoryPage::undoFinished);
    page.undo(m_kept);
    QVERIFY(undone.wait(HelperTimeoutMs));
    QCOMPARE(undone.first().first().toBool(), true);
    QCOMPARE(sysctl(Range), QStringLiteral("40000 40199"));
    QCOMPARE(sysctl(Reserved), QString());
    QCOMPARE(sysctl(Reuse), QStringLiteral("0"));
    QVERIFY(!QFileInfo::exists(m_environment.sysctlFilePath()));
}

void TestSymptomWizard::checkReport(SymptomWizard *wizard)
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString folder = directory.filePath(QStringLiteral("report"));
    QVERIFY(wizard->writeReport(folder));

    // series.csv: RFC 4180 (CRLF), ISO 8601 UTC times, the tracked figure before and after.
    const QByteArray csv = [&] {
        QFile in(folder + QStringLiteral("/series.csv"));
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }();
    QVERIFY(csv.endsWith("\r\n"));
    QList<QByteArray> lines = csv.split('\n');
    lines.removeLast();
    QCOMPARE(lines.first(), QByteArray("time_utc,phase,port_share\r"));
    QCOMPARE(lines.size(), 1 + wizard->trackedPoints().size());
    QStringList phases;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].chopped(1).split(',');
        QCOMPARE(fields.size(), 3);
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(fields[0]), Qt::ISODateWithMs);
        QVERIFY2(when.isValid() && when.timeSpec() == Qt::UTC, fields[0].constData());
        phases << QString::fromLatin1(fields[1]);
        bool ok = false;
        fields[2].toDouble(&ok);
        QVERIFY(ok);
    }
    QCOMPARE(phases.first(), QStringLiteral("before"));
    QCOMPARE(phases.last(), QStringLiteral("after"));
    QCOMPARE(lines[1].chopped(1).split(',').at(2), QByteArray("0.75"));

    // chart.png: the report's size, and not one flat colour.
    QImage image(folder + QStringLiteral("/chart.png"));
    QCOMPARE(image.size(), WizardReport::ImageSize);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 5, qPrintable(QString::number(colours.size())));

    // The summaries hold the numbers, the plan and the outcome, in English and Chinese.
    const QString english = readFile(folder + QStringLiteral("/summary.txt"));
    QVERIFY2(english.contains(QStringLiteral("Share of usable local ports held toward 127.1.0.1:9000: 75.0 % (threshold 50.0 %, over)")),
             qPrintable(english));
    QVERIFY(english.contains(QStringLiteral("net.ipv4.ip_local_port_range: 40000 40199 → 1024 65535")));
    QVERIFY(english.contains(QStringLiteral("in transaction %1.").arg(wizard->transaction())));
    QVERIFY(english.contains(QStringLiteral("Kept, and persisted to sysctl.d.")));
    QVERIFY(english.contains(QStringLiteral("fell from 75.0 % to 0.2 %")));
    QVERIFY(english.contains(QStringLiteral("Kernel: ")));
    const QString chinese = readFile(folder + QStringLiteral("/summary.zh_CN.txt"));
    QVERIFY(chinese.contains(QStringLiteral("75.0 %")));
    QVERIFY(chinese.contains(QStringLiteral("net.ipv4.ip_local_port_range: 40000 40199 → 1024 65535")));
    QVERIFY2(chinese.contains(QStringLiteral("127.1.0.1:9000")), qPrintable(chinese));
    QVERIFY(chinese != english);
    QVERIFY2(!chinese.contains(QStringLiteral("Kept, and persisted")), qPrintable(chinese)); // translated
}

void TestSymptomWizard::revertRestores()
{
    narrowRange();
    const QString fileBefore = readFile(m_environment.sysctlFilePath());
    SymptomWizard *wizard = newWizard(Symptom::PortsRunOut);
    QVERIFY(applyToPending(wizard));
    QCOMPARE(sysctl(Range), QStringLiteral("1024 65535"));
    QTest::mouseClick(wizard->revertButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Pending, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Reverted);
    QCOMPARE(sysctl(Range), QStringLiteral("40000 40199"));
    QCOMPARE(sysctl(Reserved), QString());
    QCOMPARE(sysctl(Reuse), QStringLiteral("0"));
    QCOMPARE(readFile(m_environment.sysctlFilePath()), fileBefore); // nothing persisted
    QVERIFY2(wizard->applyStatusLabel()->text().startsWith(
                 QStringLiteral("Reverted: the helper restored every value (as you asked)")),
             qPrintable(wizard->applyStatusLabel()->text()));
    QVERIFY(!wizard->currentPage()->isComplete()); // no Verify for a change that is gone
}

void TestSymptomWizard::noAnswerRestores()
{
    narrowRange();
    SymptomWizard *wizard = newWizard(Symptom::PortsRunOut);
    wizard->setCountdownSeconds(2);
    QVERIFY(applyToPending(wizard));
    QCOMPARE(sysctl(Range), QStringLiteral("1024 65535"));
    // Nobody answers: the countdown runs out and every value comes back.
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Pending, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Reverted);
    QCOMPARE(sysctl(Range), QStringLiteral("40000 40199"));
    QCOMPARE(sysctl(Reuse), QStringLiteral("0"));
    // The helper's own reason, not the user's: nobody pressed Revert.
    QVERIFY2(!wizard->applyStatusLabel()->text().contains(QStringLiteral("as you asked")),
             qPrintable(wizard->applyStatusLabel()->text()));
}

void TestSymptomWizard::killedDuringCountdownRestores()
{
    narrowRange();
    QProcess driver;
    driver.setProcessChannelMode(QProcess::SeparateChannels);
    driver.start(QStringLiteral(SOCKPIT_WIZARD_DRIVER_PATH),
                 {QStringLiteral("ports-run-out"), m_environment.helperPath, m_environment.sysctlDDirectory});
    QVERIFY(driver.waitForStarted());
    QByteArray out;
    QDeadlineTimer deadline(MeasureTimeoutMs + HelperTimeoutMs);
    while (!out.contains("pending\n") && driver.state() == QProcess::Running && !deadline.hasExpired()) {
        driver.waitForReadyRead(200);
        out += driver.readAllStandardOutput();
    }
    QVERIFY2(out.contains("pending\n"), driver.readAllStandardError().constData());
    QCOMPARE(sysctl(Range), QStringLiteral("1024 65535"));
    // SIGKILL: no destructor, no revert from the wizard. The helper sees its caller gone.
    driver.kill();
    QVERIFY(driver.waitForFinished(5000));
    QTRY_COMPARE_WITH_TIMEOUT(sysctl(Range), QStringLiteral("40000 40199"), HelperTimeoutMs);
    QCOMPARE(sysctl(Reuse), QStringLiteral("0"));
}

void TestSymptomWizard::timeWaitTableTooSmall()
{
    // A table of 32 TIME_WAIT buckets under a steady stream of closing connections: every
    // close beyond it skips TIME_WAIT (TcpExt.TCPTimeWaitOverflow).
    QVERIFY(Test::writeSysctl(Range, "10000 65000").ok());
    QVERIFY(Test::writeSysctl(Buckets, "32").ok());
    ClosingStream stream;
    QVERIFY(stream.start());
    SymptomWizard *wizard = newWizard(Symptom::TimeWaitPileUp);
    wizard->setVerifySeconds(120);
    wizard->showSnapshot(sample());
    QVERIFY(measure(wizard));
    const SymptomDiagnosis &d = *wizard->diagnosis();
    QVERIFY(d.affected);
    QCOMPARE(d.trackedMetric, QStringLiteral("time_wait_overflows_per_s"));
    QVERIFY(d.figure(u"time_wait_overflows_per_s")->value > 0);
    QCOMPARE(d.figure(u"tcp_max_tw_buckets")->value, 32.0);
    QVERIFY(d.figure(u"time_wait")->exceeded());
    QVERIFY2(!d.changes.empty(), qPrintable(wizard->verdictLabel()->text() + d.findingIds.join(u',')));

    wizard->restart();
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::PlanPageId));
    QVERIFY2(wizard->planTable()->rowCount() == 1, qPrintable(wizard->diagnosis()->findingIds.join(u',')));
    QCOMPARE(wizard->planTable()->item(0, 0)->text(), Buckets);
    QVERIFY(wizard->cannotFixLabel()->text().contains(QStringLiteral("tcp_tw_recycle")));
    // Twice the table or its fill, but never below the catalogue's floor of 1024.
    QCOMPARE(wizard->planTable()->cellWidget(0, 2)->property("text").toString(), QStringLiteral("1024"));
    // This stream needs more room than that, and the user says so.
    QVERIFY(wizard->setPlannedValue(Buckets, QStringLiteral("262144")));
    QVERIFY(wizard->currentPage()->isComplete());
    wizard->next();
    wizard->next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Applying, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Pending);
    QCOMPARE(sysctl(Buckets), QStringLiteral("262144"));
    wizard->keep();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Pending, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Kept);
    QVERIFY(readFile(m_environment.sysctlFilePath()).contains(QStringLiteral("net.ipv4.tcp_max_tw_buckets = 262144\n")));
    wizard->next();

    // Two samples after the change, with the stream still running: no overflow between them.
    wizard->showSnapshot(sample());
    QTest::qWait(1200);
    wizard->showSnapshot(sample());
    QVERIFY(wizard->afterValue().has_value());
    QCOMPARE(*wizard->afterValue(), 0.0);
    QVERIFY2(wizard->effectLabel()->text().startsWith(
                 QStringLiteral("Closing sockets that skipped TIME_WAIT because the table was full fell from ")),
             qPrintable(wizard->effectLabel()->text()));
    QVERIFY(wizard->effectLabel()->text().endsWith(QStringLiteral(" to 0.0 per second.")));
    stream.stop();
}

void TestSymptomWizard::serverDropsNewConnections()
{
    // A server that asks listen() for 1024 under a somaxconn of 16, and never accepts:
    // the queue is full at 16 and the kernel drops the rest of a burst of connects.
    const QString Somaxconn = QStringLiteral("net.core.somaxconn");
    QVERIFY(Test::writeSysctl(Somaxconn, "16").ok());
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(listener, 1024), 0);
    socklen_t length = sizeof address;
    QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
    std::vector<int> clients;
    for (int i = 0; i < 60; ++i) {
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        ::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address);
        clients.push_back(client);
    }
    const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(ntohs(address.sin_port));

    SymptomWizard *wizard = newWizard(Symptom::ServerDrops);
    wizard->setVerifySeconds(120);
    wizard->showSnapshot(sample());
    QVERIFY(measure(wizard));
    const SymptomDiagnosis &d = *wizard->diagnosis();
    QVERIFY2(d.affected, qPrintable(wizard->verdictLabel()->text()));
    QCOMPARE(d.subject, endpoint);
    // The listener is named with its process: this test.
    QVERIFY2(d.owner.startsWith(QStringLiteral("pid %1, ").arg(::getpid())), qPrintable(d.owner));
    QCOMPARE(d.figure(u"listen_backlog")->value, 16.0); // 1024 asked, capped by somaxconn
    QVERIFY(d.figure(u"accept_queue")->value >= 16);
    QVERIFY(d.figure(u"accept_queue_fill")->exceeded());
    QCOMPARE(d.figure(u"somaxconn")->value, 16.0);

    wizard->restart();
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::PlanPageId));
    QCOMPARE(wizard->planTable()->rowCount(), 1);
    QCOMPARE(wizard->planTable()->item(0, 0)->text(), Somaxconn);
    QCOMPARE(wizard->planTable()->cellWidget(0, 2)->property("text").toString(), QStringLiteral("4096"));
    QVERIFY(wizard->cannotFixLabel()->text().contains(QStringLiteral("listen() again")));
    wizard->next();
    wizard->next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Applying, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Pending);
    wizard->keep();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Pending, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Kept);
    QCOMPARE(sysctl(Somaxconn), QStringLiteral("4096"));
    wizard->next();

    // The server listens again, as the wizard says it must: now it gets its 1024.
    QCOMPARE(::listen(listener, 1024), 0);
    wizard->showSnapshot(sample());
    QTest::qWait(1200);
    wizard->showSnapshot(sample());
    QVERIFY(wizard->afterValue().has_value());
    QVERIFY2(*wizard->afterValue() < *wizard->beforeValue(),
             qPrintable(QStringLiteral("%1 -> %2").arg(*wizard->beforeValue()).arg(*wizard->afterValue())));
    QVERIFY2(wizard->effectLabel()->text().contains(QStringLiteral(" fell from ")), qPrintable(wizard->effectLabel()->text()));
    for (int client : clients)
        ::close(client);
    ::close(listener);
}

void TestSymptomWizard::slowTransfersOnALongPath()
{
    // A host 80 ms away behind a TUN device (no netem here), and the buffers Debian ships
    // under a congestion control that is not bbr: 1 Gbit/s over it needs about 20 MB.
    const QString Rmem = QStringLiteral("net.ipv4.tcp_rmem");
    const QString Wmem = QStringLiteral("net.ipv4.tcp_wmem");
    const QString Congestion = QStringLiteral("net.ipv4.tcp_congestion_control");
    constexpr double DelayMs = 80;
    Test::FakeHost host;
    Test::FakeHost::Config config;
    config.delayMs = DelayMs;
    auto started = host.start(config);
    QVERIFY2(started, qPrintable(started.error()));
    QVERIFY(Test::writeSysctl(Rmem, "4096 131072 6291456").ok());
    QVERIFY(Test::writeSysctl(Wmem, "4096 16384 4194304").ok());
    QVERIFY(Test::writeSysctl(Congestion, "reno").ok());
    const bool bbr = sysctl(QStringLiteral("net.ipv4.tcp_available_congestion_control")).split(u' ').contains(u"bbr");

    SymptomWizard *wizard = newWizard(Symptom::SlowTransfers);
    wizard->setVerifySeconds(120);
    wizard->showSnapshot(sample());
    QVERIFY(!wizard->inputBox()->isHidden());
    auto *bandwidth = wizard->inputBox()->findChild<QLineEdit *>(QStringLiteral("bandwidthEdit"));
    auto *target = wizard->inputBox()->findChild<QLineEdit *>(QStringLiteral("targetEdit"));
    auto *status = wizard->findChild<QLabel *>(QStringLiteral("measureStatus"));
    QVERIFY(bandwidth && target && status);

    // Bad input says which field and why, and measures nothing.
    bandwidth->setText(QStringLiteral("fast"));
    target->setText(QString::fromLatin1(Test::FakeHost::HostV4));
    wizard->measure();
    QVERIFY(!wizard->isMeasuring());
    QVERIFY(!wizard->diagnosis());
    QVERIFY2(status->text().startsWith(QStringLiteral("Bandwidth “fast”: expected a number")), qPrintable(status->text()));

    bandwidth->setText(QStringLiteral("1000"));
    QVERIFY(measure(wizard));
    const SymptomDiagnosis &d = *wizard->diagnosis();
    QVERIFY2(d.affected, qPrintable(wizard->verdictLabel()->text()));
    // The RTT the prober measured toward the fake host: its delay, plus little.
    const double rtt = d.figure(u"rtt_ms")->value;
    QVERIFY2(rtt >= DelayMs - 0.5 && rtt <= DelayMs + 5, qPrintable(QString::number(rtt)));
    qInfo("RTT shown %.3f ms for a fake host %.0f ms away", rtt, DelayMs);
    QVERIFY2(status->text().contains(QStringLiteral("measured by 5 ICMP probes to icmp://10.77.0.2 (10.77.0.2): avg ")),
             qPrintable(status->text()));
    const double bdp = 1000e6 / 8 * rtt / 1000;
    QCOMPARE(d.figure(u"bdp_bytes")->value, bdp);
    const auto row = [wizard](const QString &name) {
        for (int r = 0; r < wizard->figureTable()->rowCount(); ++r)
            if (wizard->figureTable()->item(r, 0)->text() == name)
                return r;
        return -1;
    };
    const int rttRow = row(QStringLiteral("Round-trip time of the path"));
    QVERIFY(rttRow >= 0);
    QCOMPARE(wizard->figureTable()->item(rttRow, 1)->text(), QStringLiteral("%1 ms").arg(rtt, 0, 'f', 1));
    const int bdpRow = row(QStringLiteral("Bandwidth-delay product (bandwidth × RTT)"));
    QVERIFY(bdpRow >= 0);
    QVERIFY2(wizard->figureTable()->item(bdpRow, 1)->text().startsWith(QLocale().toString(qint64(bdp)) + QStringLiteral(" bytes")),
             qPrintable(wizard->figureTable()->item(bdpRow, 1)->text()));
    const int ratioRow = row(QStringLiteral("Buffer needed over the smaller autotuning maximum (tcp_rmem / tcp_wmem)"));
    QVERIFY(ratioRow >= 0);
    QCOMPARE(wizard->figureTable()->item(ratioRow, 3)->text(), QStringLiteral("over the threshold"));
    QCOMPARE(d.trackedMetric, QStringLiteral("buffer_need_ratio"));
    QVERIFY2(wizard->verdictLabel()->text().startsWith(QStringLiteral("This is your problem: ")),
             qPrintable(wizard->verdictLabel()->text()));

    // Plan: the buffers rounded up to whole MiB above 2 x BDP, bbr where the kernel has it;
    // rmem_max / wmem_max are read-only in a child namespace, so they stay out of it.
    const qint64 mib = 1 << 20;
    const qint64 buffer = (qint64(std::ceil(2 * bdp)) + mib - 1) / mib * mib;
    const QString rmemPlanned = QStringLiteral("4096 131072 %1").arg(buffer);
    const QString wmemPlanned = QStringLiteral("4096 16384 %1").arg(buffer);
    wizard->restart();
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::PlanPageId));
    auto planned = wizard->plan();
    QVERIFY2(planned, qPrintable(planned ? QString() : planned.error()));
    QStringList keys;
    for (const PlannedChange &change : planned->changes())
        keys << change.key + QLatin1Char('=') + change.to;
    QStringList expected{Rmem + QLatin1Char('=') + rmemPlanned, Wmem + QLatin1Char('=') + wmemPlanned};
    if (bbr)
        expected << Congestion + QStringLiteral("=bbr");
    // The rule's rmem_max / wmem_max are shown, but cannot be set from here.
    for (const char *key : {"net.core.rmem_max", "net.core.wmem_max"}) {
        int r = 0;
        while (r < wizard->planTable()->rowCount() && wizard->planTable()->item(r, 0)->text() != QLatin1String(key))
            ++r;
        QVERIFY2(r < wizard->planTable()->rowCount(), key);
        auto *why = qobject_cast<QLabel *>(wizard->planTable()->cellWidget(r, 3));
        QVERIFY(why && why->text().startsWith(QStringLiteral("Read-only here")));
    }
    keys.sort();
    expected.sort();
    QCOMPARE(keys, expected);
    QVERIFY(wizard->plannedValueError(Rmem).isEmpty());
    QVERIFY(wizard->setPlannedValue(Rmem, QStringLiteral("4096 131072")));
    QVERIFY(!wizard->currentPage()->isComplete());
    QVERIFY(wizard->setPlannedValue(Rmem, rmemPlanned));
    QVERIFY(wizard->currentPage()->isComplete());
    QVERIFY(wizard->cannotFixLabel()->text().contains(QStringLiteral("SO_RCVBUF")));

    wizard->next();
    wizard->next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Applying, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Pending);
    // The namespace's values, not persisted before Keep.
    QCOMPARE(sysctl(Rmem), rmemPlanned);
    QCOMPARE(sysctl(Wmem), wmemPlanned);
    QCOMPARE(sysctl(Congestion), bbr ? QStringLiteral("bbr") : QStringLiteral("reno"));
    const QString fileBefore = readFile(m_environment.sysctlFilePath());
    QVERIFY(!fileBefore.contains(rmemPlanned));
    wizard->keep();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Pending, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Kept);
    QVERIFY(wizard->persisted());
    const QString persisted = readFile(m_environment.sysctlFilePath());
    QVERIFY2(persisted.contains(QStringLiteral("net.ipv4.tcp_rmem = %1\n").arg(rmemPlanned)), qPrintable(persisted));
    QVERIFY(persisted.contains(QStringLiteral("net.ipv4.tcp_wmem = %1\n").arg(wmemPlanned)));
    QCOMPARE(persisted.contains(QStringLiteral("net.ipv4.tcp_congestion_control = bbr\n")), bbr);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::VerifyPageId));

    // Verify reads the buffer maximums again: the need now fits in one.
    wizard->showSnapshot(sample());
    QTRY_VERIFY_WITH_TIMEOUT(wizard->afterValue().has_value(), 5000);
    QCOMPARE(*wizard->beforeValue(), 2 * bdp / 4194304);
    QCOMPARE(*wizard->afterValue(), 2 * bdp / double(buffer));
    QVERIFY(*wizard->afterValue() <= 1);
    QVERIFY2(wizard->effectLabel()->text().startsWith(QStringLiteral(
                 "Buffer needed over the smaller autotuning maximum (tcp_rmem / tcp_wmem) fell from ")),
             qPrintable(wizard->effectLabel()->text()));
    QVERIFY(wizard->effectLabel()->text().contains(QStringLiteral("a transfer toward the far end shows")));
}

void TestSymptomWizard::idleTimeoutIsValidatedAsTyped_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("seconds"); // -1: refused, 0: none given
    QTest::newRow("350") << u"350"_qs << 350;
    QTest::newRow("350 s") << u"350 s"_qs << 350;
    QTest::newRow("4 min") << u"4 min"_qs << 240;
    QTest::newRow("5.5m") << u"5.5m"_qs << 330;
    QTest::newRow(" 10 sec ") << u" 10 sec "_qs << 10;
    QTest::newRow("5 分钟") << u"5 分钟"_qs << 300;
    QTest::newRow("90秒") << u"90秒"_qs << 90;
    QTest::newRow("empty") << u""_qs << 0;
    QTest::newRow("9 s") << u"9 s"_qs << -1;
    QTest::newRow("a week and a minute") << u"10081 min"_qs << -1;
    QTest::newRow("5 hours") << u"5 hours"_qs << -1;
    QTest::newRow("-30") << u"-30"_qs << -1;
    QTest::newRow("1.2.3") << u"1.2.3"_qs << -1;
    QTest::newRow("min") << u"min"_qs << -1;
}

void TestSymptomWizard::idleTimeoutIsValidatedAsTyped()
{
    QFETCH(QString, typed);
    QFETCH(int, seconds);
    const auto parsed = SymptomWizard::parseIdleTimeout(typed);
    QCOMPARE(parsed.ok(), seconds >= 0);
    if (seconds > 0)
        QCOMPARE(parsed.value(), std::optional<int>(seconds));
    else if (seconds == 0)
        QCOMPARE(parsed.value(), std::optional<int>());
    else
        QVERIFY(!parsed.error().isEmpty());
}

void TestSymptomWizard::idleConnectionsBehindANat()
{
    // Five connections over loopback, three of whose clients set SO_KEEPALIVE, under the
    // kernel's defaults (a fresh namespace: tcp_keepalive_time 7200, intvl 75, probes 9,
    // tcp_retries2 15) and a NAT said to forget idle flows after 4 minutes.
    const QString Time = QStringLiteral("net.ipv4.tcp_keepalive_time");
    const QString Intvl = QStringLiteral("net.ipv4.tcp_keepalive_intvl");
    QCOMPARE(sysctl(Time), QStringLiteral("7200"));
    QCOMPARE(sysctl(Intvl), QStringLiteral("75"));
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(listener, 16), 0);
    socklen_t length = sizeof address;
    QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
    std::vector<int> sockets;
    for (int i = 0; i < 5; ++i) {
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int on = 1;
        if (i < 3)
            QCOMPARE(::setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on), 0);
        QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        sockets.push_back(client);
        sockets.push_back(::accept(listener, nullptr, nullptr));
    }
    const Snapshot now = sample();
    int established = 0;
    for (const SocketRecord &r : now.sockets())
        established += r.protocol == Protocol::Tcp && r.state == SocketState::Established ? 1 : 0;

    SymptomWizard *wizard = newWizard(Symptom::IdleConnectionsDie);
    QVERIFY(!wizard->inputBox()->isHidden()); // the box for what no sampler sees
    QVERIFY(wizard->idleTimeoutEdit());
    wizard->setVerifySeconds(120);
    wizard->showSnapshot(sample());
    // Without the timeout there is nothing to judge keepalive against.
    QVERIFY(measure(wizard));
    QVERIFY(!wizard->diagnosis()->affected);
    QVERIFY2(wizard->verdictLabel()->text().startsWith(QStringLiteral("Enter the idle timeout")),
             qPrintable(wizard->verdictLabel()->text()));
    QCOMPARE(wizard->diagnosis()->figure(u"keepalive_sockets")->value, 3.0);
    // The window's sampler (sock_diag's idiag_timer) sees the same three.
    QCOMPARE(trackedFigure(QStringLiteral("keepalive_sockets"), {}, {}, sample()), std::optional(3.0));
    QCOMPARE(wizard->diagnosis()->figure(u"established")->value, double(established));

    // A typo says why and changes nothing: no new measurement, no input.
    QSignalSpy measured(wizard, &SymptomWizard::measured);
    wizard->idleTimeoutEdit()->setText(QStringLiteral("4 hours"));
    QTest::keyClick(wizard->idleTimeoutEdit(), Qt::Key_Return);
    QVERIFY2(wizard->idleTimeoutError()->text().contains(QStringLiteral("is not a duration")),
             qPrintable(wizard->idleTimeoutError()->text()));
    QVERIFY(!wizard->idleTimeoutError()->isHidden());
    QVERIFY(!wizard->inputs().idleTimeoutSeconds);
    QVERIFY(!wizard->isMeasuring());
    QCOMPARE(measured.count(), 0);
    // Typed right, it measures again with it.
    wizard->idleTimeoutEdit()->setText(QStringLiteral("4 min"));
    QTest::keyClick(wizard->idleTimeoutEdit(), Qt::Key_Return);
    QVERIFY(wizard->idleTimeoutError()->isHidden());
    QCOMPARE(wizard->inputs().idleTimeoutSeconds, std::optional<int>(240));
    QVERIFY(measured.wait(MeasureTimeoutMs));
    const SymptomDiagnosis &d = *wizard->diagnosis();
    QVERIFY2(d.affected, qPrintable(wizard->verdictLabel()->text()));
    QCOMPARE(d.figure(u"idle_timeout")->value, 240.0);
    QCOMPARE(d.figure(u"tcp_keepalive_time")->value, 7200.0);
    QCOMPARE(d.figure(u"tcp_keepalive_time")->threshold, 240.0);
    QVERIFY(d.figure(u"tcp_keepalive_time")->exceeded());
    QCOMPARE(d.figure(u"keepalive_dead_after_s")->value, 7200.0 + 75 * 9);
    QCOMPARE(d.figure(u"tcp_retries2")->value, 15.0);
    QCOMPARE(d.figure(u"retries2_timeout_s")->value, 924.6);
    QCOMPARE(d.figure(u"keepalive_sockets")->value, 3.0);
    QCOMPARE(d.trackedMetric, QStringLiteral("timeout_aborts_per_s"));
    int timeRow = -1;
    int retriesRow = -1;
    for (int row = 0; row < wizard->figureTable()->rowCount(); ++row) {
        const QString name = wizard->figureTable()->item(row, 0)->text();
        timeRow = name.contains(QStringLiteral("(tcp_keepalive_time)")) ? row : timeRow;
        retriesRow = name.startsWith(QStringLiteral("A vanished peer")) ? row : retriesRow;
    }
    QVERIFY(timeRow >= 0 && retriesRow >= 0);
    QCOMPARE(wizard->figureTable()->item(timeRow, 1)->text(), QLocale().toString(7200.0, 'f', 0) + u" s"_qs);
    QCOMPARE(wizard->figureTable()->item(timeRow, 2)->text(), QStringLiteral("240 s or more"));
    QCOMPARE(wizard->figureTable()->item(timeRow, 3)->text(), QStringLiteral("over the threshold"));
    QCOMPARE(wizard->figureTable()->item(retriesRow, 1)->text(), QStringLiteral("924.6 s"));
    QVERIFY2(wizard->verdictLabel()->text().startsWith(QStringLiteral("This is your problem: ")),
             qPrintable(wizard->verdictLabel()->text()));

    wizard->restart();
    QVERIFY(wizard->currentPage()->isComplete());
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::PlanPageId));
    // The first probe at half the timeout, the interval at a quarter; no connection timed
    // out here, so tcp_retries2 stays.
    QCOMPARE(wizard->planTable()->rowCount(), 2);
    QCOMPARE(wizard->planTable()->item(0, 0)->text(), Time);
    QCOMPARE(wizard->planTable()->cellWidget(0, 2)->property("text").toString(), QStringLiteral("120"));
    QCOMPARE(wizard->planTable()->item(1, 0)->text(), Intvl);
    QCOMPARE(wizard->planTable()->cellWidget(1, 2)->property("text").toString(), QStringLiteral("60"));
    QVERIFY(wizard->setPlannedValue(Time, QStringLiteral("0")));
    QVERIFY(!wizard->plannedValueError(Time).isEmpty());
    QVERIFY(!wizard->currentPage()->isComplete());
    QVERIFY(wizard->setPlannedValue(Time, QStringLiteral("120")));
    QVERIFY(wizard->currentPage()->isComplete());
    QVERIFY2(wizard->caveatsLabel()->text().contains(QStringLiteral("3 of %1 established sockets").arg(established)),
             qPrintable(wizard->caveatsLabel()->text()));
    QVERIFY(wizard->cannotFixLabel()->text().contains(QStringLiteral("SO_KEEPALIVE")));

    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::ReviewPageId));
    QVERIFY(wizard->filePreview()->toPlainText().contains(QStringLiteral("net.ipv4.tcp_keepalive_time = 120")));
    wizard->next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Applying, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Pending);
    QCOMPARE(sysctl(Time), QStringLiteral("120"));
    QCOMPARE(sysctl(Intvl), QStringLiteral("60"));
    wizard->keep();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->applyState() != SymptomWizard::ApplyState::Pending, HelperTimeoutMs);
    QCOMPARE(wizard->applyState(), SymptomWizard::ApplyState::Kept);
    QVERIFY(wizard->persisted());
    const QString persisted = readFile(m_environment.sysctlFilePath());
    QVERIFY2(persisted.contains(QStringLiteral("net.ipv4.tcp_keepalive_time = 120\n")), qPrintable(persisted));
    QVERIFY(persisted.contains(QStringLiteral("net.ipv4.tcp_keepalive_intvl = 60\n")));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::VerifyPageId));

    // Verify watches connections given up on: none before, none after.
    wizard->showSnapshot(sample());
    QTest::qWait(1200);
    wizard->showSnapshot(sample());
    QCOMPARE(wizard->afterValue(), std::optional<double>(0.0));
    QVERIFY2(wizard->effectLabel()->text().endsWith(QStringLiteral(" stayed at 0.0 per second.")),
             qPrintable(wizard->effectLabel()->text()));

    // The same namespace, now probing after 120 s: before a 4 minute timeout.
    SymptomWizard *again = newWizard(Symptom::IdleConnectionsDie);
    SymptomInputs inputs;
    inputs.idleTimeoutSeconds = 240;
    again->setInputs(inputs);
    QVERIFY(measure(again));
    QVERIFY(!again->diagnosis()->affected);
    QVERIFY(again->diagnosis()->changes.empty());
    QVERIFY2(again->verdictLabel()->text().startsWith(QStringLiteral("This is not your problem: the first keepalive "
                                                                     "probe goes after 120 s idle")),
             qPrintable(again->verdictLabel()->text()));
    for (int fd : sockets)
        ::close(fd);
    ::close(listener);
}

void TestSymptomWizard::notYourProblemProposesNothing()
{
    // A wide range, a roomy table, nothing closing: TIME_WAIT (the population's, if it
    // is still there) is normal.
    QVERIFY(Test::writeSysctl(Range, "10000 65000").ok());
    QVERIFY(Test::writeSysctl(Buckets, "400000").ok());
    for (Symptom symptom : allSymptoms()) {
        SymptomWizard *wizard = newWizard(symptom);
        SymptomInputs inputs;
        inputs.idleTimeoutSeconds = 3 * 3600; // longer than any keepalive here
        wizard->setInputs(inputs);
        // A slow modem's path: any buffer holds it.
        if (auto *bandwidth = wizard->inputBox()->findChild<QLineEdit *>(QStringLiteral("bandwidthEdit"))) {
            bandwidth->setText(QStringLiteral("1"));
            wizard->inputBox()->findChild<QLineEdit *>(QStringLiteral("rttEdit"))->setText(QStringLiteral("20"));
        }
        QVERIFY(measure(wizard));
        QVERIFY(!wizard->diagnosis()->affected);
        QVERIFY(wizard->diagnosis()->changes.empty());
        QVERIFY2(wizard->verdictLabel()->text().startsWith(QStringLiteral("This is not your problem")),
                 qPrintable(wizard->verdictLabel()->text()));
        wizard->restart();
        QVERIFY(!wizard->currentPage()->isComplete()); // no plan to go on to
        // With nf_conntrack loaded the namespace has its own, empty table, and the window's
        // samples carry its count for Verify.
        if (const SymptomFigure *count = wizard->diagnosis()->figure(u"conntrack_count"))
            QCOMPARE(trackedFigure(QStringLiteral("conntrack_count"), {}, {}, sample()), std::optional(count->value));
    }
}

void TestSymptomWizard::conntrackTableFull()
{
    // nf_conntrack counts per namespace against the one global nf_conntrack_max: a table
    // in this namespace filled with unanswered UDP flows is full here and nowhere else.
    const QString Max = QStringLiteral("net.netfilter.nf_conntrack_max");
    const qint64 max = sysctl(Max).toLongLong();
    if (max <= 0)
        QSKIP("nf_conntrack is not loaded");
    if (max > 1'000'000)
        QSKIP("nf_conntrack_max is above a million: too many flows to fill it in a test");
    if (QStandardPaths::findExecutable(QStringLiteral("nft")).isEmpty())
        QSKIP("nft is not installed (packaging/bootstrap installs nftables)");
    // A rule that asks for connection state makes netfilter track this namespace's flows.
    const QString Table = QStringLiteral("sockpit_test");
    QCOMPARE(QProcess::execute(QStringLiteral("nft"), {QStringLiteral("add"), QStringLiteral("table"), QStringLiteral("inet"), Table}), 0);
    const auto dropTable = qScopeGuard([&] {
        QProcess::execute(QStringLiteral("nft"), {QStringLiteral("delete"), QStringLiteral("table"), QStringLiteral("inet"), Table});
    });
    QCOMPARE(QProcess::execute(QStringLiteral("nft"), {QStringLiteral("add chain inet %1 out { type filter hook output priority 0 ; }").arg(Table)}), 0);
    QCOMPARE(QProcess::execute(QStringLiteral("nft"), {QStringLiteral("add rule inet %1 out ct state new counter").arg(Table)}), 0);
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    QVERIFY(fd >= 0);
    for (qint64 i = 0; i < max + 64; ++i) {
        // One flow per destination port and loopback address: 127.1.0.1 .. onwards.
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(quint16(1024 + i % 60000));
        to.sin_addr.s_addr = htonl((127u << 24) + (1u << 16) + quint32(1 + i / 60000));
        ::sendto(fd, "x", 1, 0, reinterpret_cast<const sockaddr *>(&to), sizeof to); // drops once full
    }
    ::close(fd);
    const qint64 count = sysctl(QStringLiteral("net.netfilter.nf_conntrack_count")).toLongLong();
    QVERIFY2(count >= max * 95 / 100, qPrintable(QStringLiteral("%1 of %2").arg(count).arg(max)));
    qInfo("conntrack table filled to %lld of %lld", count, max);

    SymptomWizard *wizard = newWizard(Symptom::ConntrackFull);
    QVERIFY(wizard->inputBox()->isHidden()); // the sampler sees all it needs
    QVERIFY(measure(wizard));
    const SymptomDiagnosis &d = *wizard->diagnosis();
    QVERIFY2(d.affected, qPrintable(wizard->verdictLabel()->text()));
    QCOMPARE(d.figure(u"conntrack_max")->value, double(max));
    QVERIFY(d.figure(u"conntrack_count")->value >= max * 0.95);
    QVERIFY(d.figure(u"conntrack_fill")->exceeded());
    QVERIFY2(wizard->verdictLabel()->text().startsWith(QStringLiteral("This is your problem: ")),
             qPrintable(wizard->verdictLabel()->text()));
    QCOMPARE(d.changes.size(), size_t(1));
    QCOMPARE(d.changes.front().key, Max);
    QCOMPARE(d.changes.front().value, QString::number(2 * max));
    QCOMPARE(trackedFigure(d.trackedMetric, {}, {}, sample()).has_value(), true);

    // nf_conntrack_max belongs to the first namespace: the plan shows it and why it cannot
    // be set from here, and there is nothing to apply.
    wizard->restart();
    wizard->next();
    QCOMPARE(wizard->currentId(), int(SymptomWizard::PlanPageId));
    QCOMPARE(wizard->planTable()->rowCount(), 1);
    QCOMPARE(wizard->planTable()->item(0, 0)->text(), Max);
    auto *why = qobject_cast<QLabel *>(wizard->planTable()->cellWidget(0, 3));
    QVERIFY2(why && why->text().startsWith(QStringLiteral("Read-only here")), why ? qPrintable(why->text()) : "no label");
    QVERIFY(!wizard->currentPage()->isComplete());
    QVERIFY(wizard->cannotFixLabel()->text().contains(QStringLiteral("NOTRACK")));
}

QTEST_MAIN(TestSymptomWizard)
#include "tst_symptomwizard.moc"
