// SPDX-License-Identifier: GPL-3.0-or-later
// File → Open Capture… with a real bundle: sockpit-cli capture of a known population in a
// private network namespace (as root; the "ports-critical" scenario tree bundled by core
// otherwise). While it is open the window is frozen on it: title and status bar name the
// host and time, the pages show the bundle's figures and both takes, the findings are the
// bundle's, the Tuning page shows the server's values with Apply off and exports plans.
// Closing returns to live; a damaged bundle leaves the window live with a message.
#include "capturemode/capturecontroller.h"
#include "capture/capturebundle.h"
#include "charts/timechart.h"
#include "guifixtures.h"
#include "mainwindow.h"
#include "models/findingsmodel.h"
#include "models/sockettablemodel.h"
#include "models/tuningmodel.h"
#include "netns.h"
#include "pages/overviewpage.h"
#include "pages/socketspage.h"
#include "pages/tuningpage.h"
#include "population.h"
#include "reports/planexportdialog.h"
#include "tuning/sysctlfile.h"
#include "widgets/counttile.h"
#include "widgets/findingspanel.h"
#include "wizards/changewizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Sockpit;

namespace {

constexpr int PopulationTimeWait = 700;
const QString PortRangeKey = QStringLiteral("net.ipv4.ip_local_port_range");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList findingIds(const FindingsModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.finding(row)->id;
    return ids;
}

QMessageBox *captureError(QWidget &window)
{
    return window.findChild<QMessageBox *>(QStringLiteral("captureError"));
}

} // namespace

class TestCaptureWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QVERIFY(m_dir.isValid());
        m_bundle = m_dir.filePath(QStringLiteral("web1.json"));
        if (Test::namespaceSkipReason().isEmpty() && Test::enterPrivateNetworkNamespace()) {
            // A known population in a narrowed range: the port-pressure finding is certain.
            QVERIFY(Test::prepareNamespaceForPopulation());
            QVERIFY(Test::writeSysctl(PortRangeKey, "40000 40999"));
            Test::Population::Spec spec;
            spec.timeWait = PopulationTimeWait;
            spec.destinations = 1;
            QVERIFY(m_population.build(spec));
            QProcess capture;
            capture.setStandardOutputFile(m_bundle);
            capture.start(QStringLiteral(SOCKPIT_CLI_PATH),
                          {QStringLiteral("capture"), QStringLiteral("-o"), QStringLiteral("-"),
                           QStringLiteral("--interval-s"), QStringLiteral("1")});
            QVERIFY(capture.waitForFinished(60000));
            QVERIFY2(capture.exitCode() == 0, capture.readAllStandardError().constData());
            m_fromPopulation = true;
        } else {
            QVERIFY(writeBundle(QStringLiteral(SOCKPIT_TEST_DATA "/analysis/ports-critical"), m_bundle, false));
        }
        // What the bundle says, read the way recommend --bundle reads it.
        auto loaded = loadBundle(m_bundle);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        auto observed = observeBundle(loaded.value(), m_bundle);
        QVERIFY2(observed, qPrintable(observed.error()));
        m_observation = std::move(observed).value();
        m_info = loaded->info;
        QVERIFY(m_observation.hasRates()); // two takes
    }

    void opensFrozenOnTheBundle()
    {
        MainWindow window(Fixtures::notInstalledTuning());
        window.show();
        const Snapshot live = Fixtures::snapshot();
        window.showSnapshot(live);
        auto *sockets = qobject_cast<SocketsPage *>(window.page(SocketsPage::Id.toString()));
        auto *overview = qobject_cast<OverviewPage *>(window.page(OverviewPage::Id.toString()));
        auto *tuning = qobject_cast<TuningPage *>(window.page(TuningPage::Id.toString()));
        QVERIFY(sockets && overview && tuning);
        QVERIFY(!window.captureController()->closeAction()->isEnabled());

        CaptureController *capture = window.captureController();
        capture->open(m_bundle);
        QTRY_VERIFY_WITH_TIMEOUT(capture->isOpen(), 30000);
        QVERIFY(!captureError(window));

        // Title and status bar: "capture of HOST taken at TIME".
        const QString expected = QStringLiteral("capture of %1 taken at %2")
                                     .arg(m_info.host, m_info.takenAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")));
        QVERIFY(!m_info.host.isEmpty());
        QCOMPARE(window.windowTitle(), QStringLiteral("Sockpit — ") + expected);
        QVERIFY2(window.statusText().contains(expected), qPrintable(window.statusText()));
        QVERIFY2(!window.statusText().contains(QStringLiteral("Live")), qPrintable(window.statusText()));
        QVERIFY(window.captureController()->closeAction()->isEnabled());
        QVERIFY(!window.pauseAction()->isEnabled());

        // The pages show the bundle's later take, and stay on it while live snapshots arrive.
        window.showSnapshot(live);
        sockets->flush();
        const Snapshot &shown = sockets->model()->snapshot();
        QCOMPARE(shown.sockets().size(), m_observation.later.sockets().size());
        QCOMPARE(shown.count(Protocol::Tcp, SocketState::TimeWait),
                 m_observation.later.count(Protocol::Tcp, SocketState::TimeWait));
        QCOMPARE(shown.takenAt(), m_info.takenAt);
        QCOMPARE(sockets->model()->rowCount(), int(m_observation.later.sockets().size()));
        if (m_fromPopulation)
            QVERIFY(shown.count(Protocol::Tcp, SocketState::TimeWait) >= PopulationTimeWait);
        QCOMPARE(overview->stateTile(Protocol::Tcp, SocketState::TimeWait)->valueText(),
                 QLocale().toString(m_observation.later.count(Protocol::Tcp, SocketState::TimeWait)));

        // A report written now is the capture's, and leaves the pages on it.
        QTemporaryDir reportDir;
        QVERIFY(reportDir.isValid());
        QVERIFY(window.writeReport(reportDir.filePath(QStringLiteral("report"))));
        sockets->flush();
        QCOMPARE(sockets->model()->snapshot().takenAt(), m_info.takenAt);

        // The server's PIDs and sockets: nothing here may act on them on this machine.
        int terminations = 0;
        sockets->sendSignal = [&terminations](int, int) { ++terminations; return 0; };
        sockets->confirm = [](const QString &) { return true; };
        int ownRows = 0; // rows whose owner this user could signal, were they local
        for (int row = 0; row < sockets->view()->model()->rowCount(); ++row) {
            sockets->view()->selectRow(row);
            const QList<int> selected = sockets->selectedRows();
            QCOMPARE(selected.size(), 1);
            const ProcessInfo *owner = sockets->model()->process(sockets->model()->record(selected.first()));
            ownRows += owner && owner->uid == ::getuid();
            QVERIFY(!sockets->terminateAction()->isEnabled());
            QVERIFY(!sockets->closeConnectionAction()->isEnabled());
            sockets->terminateAction()->trigger();
            if (ownRows > 3)
                break;
        }
        QCOMPARE(terminations, 0);
        if (m_fromPopulation)
            QVERIFY(ownRows > 0); // the population's sockets are this process's

        // The TIME_WAIT chart holds both takes, the interval apart, and nothing live.
        const QList<QPointF> points = overview->timeWaitChart()->seriesData(0);
        QCOMPARE(points.size(), 2);
        QCOMPARE(points.last().x(), 0.0);
        QCOMPARE(points.first().x(), -double(qint64(m_observation.intervalSeconds * 1000.0)) / 1000.0);
        QCOMPARE(points.first().y(), double(m_observation.earlier.count(Protocol::Tcp, SocketState::TimeWait)));
        QCOMPARE(points.last().y(), double(m_observation.later.count(Protocol::Tcp, SocketState::TimeWait)));

        // Findings: the bundle's own analysis, shown at once.
        const FindingsModel &findings = *overview->findings()->model();
        const AnalysisReport expectedReport = analyse(m_observation, AnalysisOptions{});
        QVERIFY(!expectedReport.findings.empty());
        QStringList expectedIds;
        for (const Finding &f : expectedReport.findings)
            expectedIds << f.id;
        QStringList shownIds = findingIds(findings);
        shownIds.sort();
        expectedIds.sort();
        QCOMPARE(shownIds, expectedIds);
        QVERIFY(shownIds.contains(QStringLiteral("ephemeral-port-pressure")));

        // Tuning: the server's values, Apply off with the reason, plans exported.
        QTRY_VERIFY_WITH_TIMEOUT(!tuning->isReading(), 10000);
        const QString serverRange = m_observation.sysctls.value(PortRangeKey).simplified();
        const CurrentValue *current = tuning->model()->current(tuning->model()->indexOf(PortRangeKey));
        QVERIFY(current && current->available);
        QCOMPARE(current->value.simplified(), serverRange);
        if (m_fromPopulation)
            QCOMPARE(serverRange, QStringLiteral("40000 40999")); // the namespace's, not this machine's
        QVERIFY(!tuning->helperNotice()->isHidden());
        QVERIFY2(tuning->helperNotice()->text().contains(expected), qPrintable(tuning->helperNotice()->text()));
        // A catalogue key the bundle does not carry is not known, not absent from its kernel.
        const QModelIndex synRetries = tuning->model()->indexOf(u"net.ipv4.tcp_syn_retries", TuningModel::CurrentColumn);
        QVERIFY(!m_observation.sysctls.contains(QStringLiteral("net.ipv4.tcp_syn_retries")));
        QCOMPARE(synRetries.data().toString(), QStringLiteral("not in the capture"));
        QVERIFY(tuning->select(PortRangeKey));
        QVERIFY(tuning->changeButton()->isEnabled());
        ChangeWizard *wizard = tuning->openWizard();
        QVERIFY(wizard);
        QVERIFY(!wizard->applyBlockedReason().isEmpty());
        QVERIFY(wizard->persistBox()->isHidden());
        wizard->valueEdit()->setText(QStringLiteral("10000 60999"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(ChangeWizard::ReviewPageId));
        QVERIFY(!wizard->button(QWizard::CommitButton)->isEnabled());
        QVERIFY(wizard->button(QWizard::CommitButton)->toolTip().contains(expected));
        QVERIFY(wizard->exportButton()->isEnabled());
        auto plan = wizard->plan();
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->changes().size(), size_t(1));
        QCOMPARE(plan->changes().front().from.simplified(), serverRange); // against the server's value
        QCOMPARE(plan->changes().front().to.simplified(), QStringLiteral("10000 60999"));

        const QString sysctlD = m_dir.filePath(QStringLiteral("90-sockpit.conf"));
        QVERIFY(PlanExportDialog::write(plan.value(), PlanExportDialog::Format::SysctlD, {}, sysctlD));
        const SysctlFile::Values values = SysctlFile::parse(QString::fromUtf8(readAll(sysctlD)));
        QCOMPARE(values.size(), size_t(1));
        QCOMPARE(values.begin()->first, PortRangeKey);
        QCOMPARE(values.begin()->second.simplified(), QStringLiteral("10000 60999"));
        const QString playbook = m_dir.filePath(QStringLiteral("web1.yml"));
        QVERIFY(PlanExportDialog::write(plan.value(), PlanExportDialog::Format::Ansible, {}, playbook));
        const QByteArray yaml = readAll(playbook);
        QVERIFY2(yaml.contains("ansible.posix.sysctl") && yaml.contains("name: 'net.ipv4.ip_local_port_range'") && yaml.contains("value: '10000 60999'"),
                 yaml.constData());
        if (!QStandardPaths::findExecutable(QStringLiteral("ansible-playbook")).isEmpty()) {
            QProcess check;
            check.start(QStringLiteral("ansible-playbook"), {QStringLiteral("--syntax-check"), playbook});
            QVERIFY(check.waitForFinished(120000));
            QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());
        }
        const QString profile = m_dir.filePath(QStringLiteral("tuned.conf"));
        QVERIFY(PlanExportDialog::write(plan.value(), PlanExportDialog::Format::Tuned, {}, profile));
        const QString tuned = QString::fromUtf8(readAll(profile));
        QVERIFY2(tuned.contains(QStringLiteral("[sysctl]")) && tuned.contains(QStringLiteral("include=throughput-performance")),
                 qPrintable(tuned));
        QVERIFY2(tuned.contains(PortRangeKey + QLatin1Char('=')), qPrintable(tuned));
        wizard->close();

        // The wizards measure and change this machine: on a capture they say so and stay shut.
        QSignalSpy wizards(&window, &MainWindow::wizardOpened);
        Q_EMIT overview->findings()->wizardRequested(Symptom::PortsRunOut);
        QCOMPARE(wizards.count(), 0);
        auto *refusal = window.findChild<QMessageBox *>(QStringLiteral("wizardOnCapture"));
        QVERIFY(refusal);
        QVERIFY2(refusal->text().contains(m_info.host), qPrintable(refusal->text()));
        refusal->close();

        // Closing: the pages get the live snapshot again, the Tuning page this machine.
        window.captureController()->closeAction()->trigger();
        QVERIFY(!capture->isOpen());
        QCOMPARE(window.windowTitle(), QStringLiteral("Sockpit"));
        QVERIFY(!window.statusText().contains(QStringLiteral("capture of")));
        sockets->flush();
        QCOMPARE(sockets->model()->snapshot().count(Protocol::Tcp, SocketState::TimeWait), Fixtures::TimeWaitCount);
        // Afresh from the live snapshot; a chart on a tab out of sight catches up when shown.
        overview->chartTabs()->setCurrentWidget(overview->timeWaitChart());
        QCOMPARE(overview->timeWaitChart()->seriesData(0).size(), 1);
        QCOMPARE(findings.rowCount(), 0); // the server's findings are gone, this machine's to come
        QVERIFY(!findings.hasReport());
        QVERIFY(tuning->applyBlockedReason().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!tuning->isReading(), 10000);
        QVERIFY(!tuning->helperNotice()->text().contains(QStringLiteral("capture of")));
    }

    void damagedBundleLeavesTheWindowLive_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        const QByteArray good = readAll(m_bundle);
        QTest::newRow("truncated") << good.left(good.size() / 2) << QStringLiteral("is truncated");
        QByteArray future = good;
        future.replace("\"sockpit.bundle/1\"", "\"sockpit.bundle/2\"");
        QTest::newRow("future version") << future << QStringLiteral("is sockpit.bundle/2, from a newer Sockpit");
        QTest::newRow("not a bundle") << QByteArray("{\"schema\": \"sockpit.findings/1\"}")
                                      << QStringLiteral("is not a capture bundle");
    }

    void damagedBundleLeavesTheWindowLive()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(QStringLiteral("broken-%1.json").arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'-'));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();

        MainWindow window(Fixtures::notInstalledTuning());
        window.show();
        window.showSnapshot(Fixtures::snapshot());
        const QString statusBefore = window.statusText();
        window.captureController()->open(path);
        QTRY_VERIFY_WITH_TIMEOUT(captureError(window), 30000);
        QMessageBox *box = captureError(window);
        QVERIFY2(box->text().contains(QFileInfo(path).fileName()), qPrintable(box->text()));
        QVERIFY2(box->informativeText().contains(message), qPrintable(box->informativeText()));
        QVERIFY(box->informativeText().contains(path));
        QVERIFY(!window.captureController()->isOpen());
        QCOMPARE(window.windowTitle(), QStringLiteral("Sockpit"));
        QCOMPARE(window.statusText(), statusBefore);
        auto *sockets = qobject_cast<SocketsPage *>(window.page(SocketsPage::Id.toString()));
        sockets->flush();
        QCOMPARE(sockets->model()->snapshot().count(Protocol::Tcp, SocketState::TimeWait), Fixtures::TimeWaitCount);
        box->close();
    }

private:
    QTemporaryDir m_dir;
    QString m_bundle;
    Test::Population m_population;
    Observation m_observation;
    BundleInfo m_info;
    bool m_fromPopulation = false;
};

QTEST_MAIN(TestCaptureWindow)
#include "tst_capturewindow.moc"
