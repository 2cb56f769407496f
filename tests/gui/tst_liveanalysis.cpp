// SPDX-License-Identifier: GPL-3.0-or-later
// The window's live analysis works on the snapshots it already has: an observation
// built in memory from two takes gives the same findings as the same observation
// written as a capture tree and read back (for every scenario tree, and for real sockets
// in a private namespace), and a live analysis samples nothing and writes no file.
#include "analysis/analyser.h"
#include "analysis/analysisrunner.h"
#include "analysis/findingsexport.h"
#include "base/jsonwriter.h"
#include "capture/livetakes.h"
#include "capture/observationtree.h"
#include "netns.h"
#include "population.h"
#include "sampling/samplehub.h"
#include "sampling/sampler.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>

using namespace Sockpit;

namespace {

// The findings as the JSON output writes them (ids, subjects, severities, evidence,
// changes), without the report's notes on how each take was read.
QByteArray findingsOf(const AnalysisReport &report)
{
    QByteArray out;
    {
        JsonWriter json([&out](std::string_view chunk) { out.append(chunk.data(), qsizetype(chunk.size())); });
        writeFindingsJson(report, json);
    } // the writer hands over its last chunk when it goes
    const QJsonObject object = QJsonDocument::fromJson(out).object();
    return QJsonDocument(object.value(QStringLiteral("findings")).toArray()).toJson(QJsonDocument::Compact);
}

Observation roundTrip(const Observation &observation, QString *error)
{
    QTemporaryDir tree;
    if (auto written = writeObservationTree(observation, tree.path()); !written) {
        *error = written.error();
        return {};
    }
    auto root = ProcRoot::locate(tree.path());
    if (!root) {
        *error = root.error();
        return {};
    }
    auto read = observeTree(root.value());
    if (!read) {
        *error = read.error();
        return {};
    }
    return read.value();
}

// Counts files created anywhere under a directory while it is watched.
class CreationWatch
{
public:
    explicit CreationWatch(const QString &directory)
    {
        m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd >= 0)
            ::inotify_add_watch(m_fd, QFile::encodeName(directory).constData(), IN_CREATE | IN_MOVED_TO);
    }
    ~CreationWatch()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isValid() const { return m_fd >= 0; }
    QStringList names() const { return m_names; }
    int created()
    {
        alignas(inotify_event) char buffer[4096];
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
            if (n <= 0)
                break;
            for (char *p = buffer; p < buffer + n;) {
                const auto *event = reinterpret_cast<const inotify_event *>(p);
                ++m_created;
                if (event->len > 0)
                    m_names << QString::fromLocal8Bit(event->name);
                p += sizeof(inotify_event) + event->len;
            }
        }
        return m_created;
    }

private:
    int m_fd = -1;
    int m_created = 0;
    QStringList m_names;
};

} // namespace

class LiveAnalysisTest final : public QObject
{
    Q_OBJECT

    // The temporary directory of this process alone (TMPDIR), so files that other
    // programs create under /tmp do not count.
    QTemporaryDir m_privateTemp;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_privateTemp.isValid());
        qputenv("TMPDIR", QFile::encodeName(m_privateTemp.path()));
        QCOMPARE(QDir::tempPath(), m_privateTemp.path());
    }

    void scenarioRoundTrip_data()
    {
        QTest::addColumn<QString>("scenario");
        const QDir scenarios(QStringLiteral(SOCKPIT_TEST_DATA "/analysis"));
        for (const QString &name : scenarios.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QTest::newRow(qPrintable(name)) << scenarios.filePath(name);
    }

    // Every scenario tree read, written back by writeObservationTree() and read again
    // gives the findings it gave first.
    void scenarioRoundTrip()
    {
        QFETCH(QString, scenario);
        auto root = ProcRoot::locate(scenario);
        QVERIFY2(root.ok(), qPrintable(root.error()));
        auto first = observeTree(root.value());
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QString error;
        const Observation second = roundTrip(first.value(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const AnalysisReport before = analyse(first.value(), {});
        const AnalysisReport after = analyse(second, {});
        QCOMPARE(after.findings.size(), before.findings.size());
        QCOMPARE(findingsOf(after), findingsOf(before));
    }

    void liveInNamespace()
    {
        if (const QString reason = Test::namespaceSkipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        if (auto entered = Test::enterPrivateNetworkNamespace(); !entered)
            QSKIP(qPrintable(entered.error()));
        auto prepared = Test::prepareNamespaceForPopulation();
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        // 300 usable ports and 240 TIME_WAIT sockets toward one destination: a finding.
        auto narrowed = Test::writeSysctl(QStringLiteral("net.ipv4.ip_local_port_range"), "40000 40299");
        QVERIFY2(narrowed.ok(), qPrintable(narrowed.error()));
        Test::Population population;
        Test::Population::Spec spec;
        spec.listeners = 3;
        spec.established = 20;
        spec.timeWait = 240;
        spec.destinations = 1;
        auto built = population.build(spec);
        QVERIFY2(built.ok(), qPrintable(built.error()));

        // The window's hub samples; the runner is fed what the window is shown.
        SampleHub hub;
        hub.setInterval(std::chrono::milliseconds(500));
        AnalysisRunner runner;
        QVERIFY(runner.takes());
        connect(&hub, &SampleHub::snapshotReady, &runner, &AnalysisRunner::addSnapshot);
        connect(&runner, &AnalysisRunner::sampleNeedChanged, &hub,
                [&hub, &runner](const SampleNeed &need) { hub.need(&runner, need); });
        hub.need(this, SampleNeed::summary());
        QSignalSpy snapshots(&hub, &SampleHub::snapshotReady);
        hub.start();
        // Summary ticks only: nothing for the analysis to keep.
        QVERIFY(snapshots.wait(5000));
        QVERIFY(snapshots.last().at(0).value<Snapshot>().isSummaryOnly());
        QCOMPARE(runner.takes()->serial(), quint64(0));

        // Running, the analysis asks for every socket with owners until it has its takes.
        QSignalSpy reports(&runner, &AnalysisRunner::reportReady);
        QSignalSpy failures(&runner, &AnalysisRunner::failed);
        runner.analyseNow();
        QCOMPARE(hub.unitedNeed(), LiveTakes::need());
        QTRY_VERIFY_WITH_TIMEOUT(!reports.isEmpty() || !failures.isEmpty(), 30000);
        QVERIFY2(failures.isEmpty(), failures.isEmpty() ? "" : qPrintable(failures.first().at(0).toString()));
        QVERIFY(hub.unitedNeed().isSummary());
        const AnalysisReport first = reports.first().at(0).value<AnalysisReport>();
        QVERIFY(first.hasRates);
        QVERIFY(first.intervalSeconds >= 3.0);
        QVERIFY2(findingsOf(first).contains("ephemeral-port-pressure"), findingsOf(first).constData());

        // Another analysis samples nothing itself and writes no file: the hub is stopped,
        // the takes are the ones kept, and the temporary directory stays untouched.
        hub.stop();
        QTRY_VERIFY(!hub.isRunning());
        QTest::qWait(700); // a tick queued before the stop lands now, not during the count
        const auto pair = runner.takes()->pair();
        QVERIFY(pair);
        CreationWatch watch(QDir::tempPath());
        QVERIFY(watch.isValid());
        const quint64 samplers = Sampler::instancesCreated();
        const quint64 samples = Sampler::samplesTaken();
        runner.analyseNow();
        QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 2, 30000);
        QCOMPARE(Sampler::instancesCreated(), samplers);
        QCOMPARE(Sampler::samplesTaken(), samples);
        QVERIFY2(watch.created() == 0, qPrintable(watch.names().join(QStringLiteral(", "))));

        // The same takes written as a tree and read back give the same findings.
        auto observation = observeTakes(pair->earlier, pair->later);
        QVERIFY2(observation.ok(), qPrintable(observation.error()));
        const AnalysisReport inMemory = analyse(observation.value(), {});
        QCOMPARE(findingsOf(inMemory), findingsOf(reports.last().at(0).value<AnalysisReport>()));
        QString error;
        const Observation fromTree = roundTrip(observation.value(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(findingsOf(analyse(fromTree, {})), findingsOf(inMemory));
        QVERIFY(!inMemory.findings.empty());
    }

    // The watch above can fail: the capture path of the CLI samples and writes a tree.
    void captureIsSeen()
    {
        CreationWatch watch(QDir::tempPath());
        QVERIFY(watch.isValid());
        const quint64 samples = Sampler::samplesTaken();
        AnalysisRunner runner(AnalysisRunner::liveSource(10));
        QSignalSpy done(&runner, &AnalysisRunner::runningChanged);
        runner.analyseNow();
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 30000);
        QVERIFY(Sampler::samplesTaken() > samples);
        QVERIFY(watch.created() > 0);
    }
};

QTEST_GUILESS_MAIN(LiveAnalysisTest)
#include "tst_liveanalysis.moc"
