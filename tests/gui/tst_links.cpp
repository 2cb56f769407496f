// SPDX-License-Identifier: GPL-3.0-or-later
// The Links page: its table model fed with made-up samples (no network), the chart's RTT
// line, jitter band and loss marks, bad targets, persistence, and one real tcp:// probe
// to a listener on 127.0.0.1 through the worker thread.
#include "charts/timechart.h"
#include "models/linktablemodel.h"
#include "models/proberunner.h"
#include "pages/linkspage.h"

#include <QAreaSeries>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTest>

#include <cmath>

using namespace Sockpit;

namespace {

constexpr qint64 Second = 1'000'000'000;

ProbeTarget target(const QString &text)
{
    const Result<ProbeTarget> parsed = parseProbeTarget(text);
    if (!parsed)
        qFatal("bad test target %s", qPrintable(text));
    return parsed.value();
}

ProbeSample reply(qint64 sentAtNs, double rttMs)
{
    ProbeSample sample;
    sample.sentAtNs = sentAtNs;
    sample.rttNs = qint64(rttMs * 1e6);
    return sample;
}

ProbeSample lost(qint64 sentAtNs)
{
    ProbeSample sample;
    sample.sentAtNs = sentAtNs;
    sample.error = QStringLiteral("timeout");
    return sample;
}

QSettings settings()
{
    return QSettings(QStringLiteral("Sockpit"), QStringLiteral("sockpit"));
}

} // namespace

class TestLinks final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void statisticsFromSamples();
    void statsWindowDropsOldSamples();
    void chartDataHasBandAndLosses();
    void worstLinkIsTheLossiest();
    void badTargetsShowAnError_data();
    void badTargetsShowAnError();
    void targetsArePersistedWithoutDuplicates();
    void pageDrawsTheSelectedTarget();
    void realTcpProbeToLocalListener();
};

void TestLinks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLinks::init()
{
    settings().clear();
}

void TestLinks::statisticsFromSamples()
{
    LinkTableModel model;
    QCOMPARE(model.addTarget(target(QStringLiteral("icmp://192.0.2.1"))), 0);
    model.setAddress(QStringLiteral("icmp://192.0.2.1"), QStringLiteral("192.0.2.1"));
    const qint64 now = 1000 * Second;
    // 10, 20, 30, 40 ms and one loss, one a second.
    const double rtts[] = {10, 20, -1, 30, 40};
    for (int i = 0; i < 5; ++i) {
        const qint64 sent = now - (5 - i) * Second;
        model.addSample(QStringLiteral("icmp://192.0.2.1"), rtts[i] < 0 ? lost(sent) : reply(sent, rtts[i]));
    }
    // Samples for a target that is not listed are ignored.
    model.addSample(QStringLiteral("icmp://198.51.100.1"), reply(now, 1));
    model.refresh(now);

    const ProbeStats &stats = model.stats(0);
    QCOMPARE(stats.sent, 5);
    QCOMPARE(stats.received, 4);
    QCOMPARE(stats.lossPct, 20.0);
    QCOMPARE(stats.avgMs, 25.0);
    QCOMPARE(stats.p95Ms, 40.0);
    QCOMPARE(stats.jitterMeanAbsDiffMs, 10.0);

    const auto cell = [&](int column) { return model.index(0, column).data().toString(); };
    QCOMPARE(cell(LinkTableModel::TargetColumn), QStringLiteral("icmp://192.0.2.1"));
    QCOMPARE(cell(LinkTableModel::AddressColumn), QStringLiteral("192.0.2.1"));
    QCOMPARE(cell(LinkTableModel::SentColumn), QStringLiteral("5"));
    QCOMPARE(cell(LinkTableModel::ReceivedColumn), QStringLiteral("4"));
    QCOMPARE(cell(LinkTableModel::LossColumn), QStringLiteral("20.0%"));
    QCOMPARE(cell(LinkTableModel::AverageColumn), QStringLiteral("25.0 ms"));
    QCOMPARE(cell(LinkTableModel::P95Column), QStringLiteral("40.0 ms"));
    QCOMPARE(cell(LinkTableModel::JitterColumn), QStringLiteral("10.0 ms"));
    // 20 % loss is far above the 1 % alert threshold.
    QVERIFY2(stats.level == HealthLevel::Alert || stats.level == HealthLevel::Down, healthLevelName(stats.level));
    QVERIFY(cell(LinkTableModel::HealthColumn).startsWith(LinkTableModel::healthText(stats.level)));
    QCOMPARE(model.index(0, LinkTableModel::LossColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Last failure: timeout"));

    model.setFailure(QStringLiteral("icmp://192.0.2.1"), QStringLiteral("cannot open an ICMP socket"));
    QCOMPARE(cell(LinkTableModel::HealthColumn), QStringLiteral("cannot probe"));
    QCOMPARE(model.index(0, LinkTableModel::HealthColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("cannot open an ICMP socket"));
}

void TestLinks::statsWindowDropsOldSamples()
{
    LinkTableModel model;
    model.addTarget(target(QStringLiteral("tcp://192.0.2.1:80")));
    model.setStatsWindow(std::chrono::seconds(60));
    const qint64 now = 10000 * Second;
    // 50 losses two minutes ago, then 30 good replies in the last 30 s.
    for (int i = 0; i < 50; ++i)
        model.addSample(QStringLiteral("tcp://192.0.2.1:80"), lost(now - 180 * Second + i * Second));
    for (int i = 0; i < 30; ++i)
        model.addSample(QStringLiteral("tcp://192.0.2.1:80"), reply(now - 30 * Second + i * Second, 5));
    model.refresh(now);
    QCOMPARE(model.stats(0).sent, 30);
    QCOMPARE(model.stats(0).lossPct, 0.0);
    QCOMPARE(model.stats(0).level, HealthLevel::Ok);
    model.setStatsWindow(std::chrono::seconds(300));
    model.refresh(now);
    QCOMPARE(model.stats(0).sent, 80);
    QCOMPARE(model.sampleCount(0), 80);
}

void TestLinks::chartDataHasBandAndLosses()
{
    LinkTableModel model;
    model.addTarget(target(QStringLiteral("icmp://192.0.2.1")));
    const qint64 now = 1000 * Second;
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now - 4 * Second, 10));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now - 3 * Second, 20));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), lost(now - 2 * Second));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now - 1 * Second, 30));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now, 40));
    const LinkTableModel::ChartData data = model.chartData(0, now, std::chrono::minutes(5));
    QCOMPARE(data.rtt, (QList<QPointF>{{-4, 10}, {-3, 20}, {-1, 30}, {0, 40}}));
    QCOMPARE(data.losses, (QList<double>{-2}));
    QCOMPARE(data.bandLower.size(), 4);
    QCOMPARE(data.bandUpper.size(), 4);
    // At the last reply: mean of 10, 20, 30, 40 = 25, mean |difference| = 10.
    QCOMPARE(data.bandLower.last(), QPointF(0, 15));
    QCOMPARE(data.bandUpper.last(), QPointF(0, 35));
    // The first reply has no jitter yet: a band of zero width at its RTT.
    QCOMPARE(data.bandLower.first(), QPointF(-4, 10));
    QCOMPARE(data.bandUpper.first(), QPointF(-4, 10));
    // A one-second window keeps only what was sent in it.
    QCOMPARE(model.chartData(0, now, std::chrono::seconds(1)).rtt, (QList<QPointF>{{-1, 30}, {0, 40}}));
}

void TestLinks::worstLinkIsTheLossiest()
{
    LinkTableModel model;
    QVERIFY(model.worstLink().text.isEmpty());
    QCOMPARE(model.worstLink().level, Level::Unknown);
    model.addTarget(target(QStringLiteral("icmp://192.0.2.1")));
    model.addTarget(target(QStringLiteral("icmp://192.0.2.2")));
    const qint64 now = 1000 * Second;
    for (int i = 0; i < 20; ++i) {
        const qint64 sent = now - (20 - i) * Second;
        model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(sent, 2));
        model.addSample(QStringLiteral("icmp://192.0.2.2"), i % 4 == 0 ? lost(sent) : reply(sent, 3));
    }
    model.refresh(now);
    const KeyFigure worst = model.worstLink();
    QCOMPARE(worst.caption, QStringLiteral("icmp://192.0.2.2"));
    QCOMPARE(worst.text, QStringLiteral("3.00 ms, 25.0% loss"));
    QCOMPARE(worst.level, Level::Critical);
}

void TestLinks::badTargetsShowAnError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << QStringLiteral("Enter a target");
    QTest::newRow("ftp://host") << QStringLiteral("ftp://host") << QStringLiteral("unknown scheme");
    QTest::newRow("tcp://host") << QStringLiteral("tcp://host") << QStringLiteral("port");
    QTest::newRow("no scheme") << QStringLiteral("192.0.2.1") << QStringLiteral("192.0.2.1");
}

void TestLinks::badTargetsShowAnError()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    LinksPage page;
    page.show();
    QVERIFY(page.errorLabel()->isHidden());
    page.targetEdit()->setText(text);
    QTest::keyClick(page.targetEdit(), Qt::Key_Return);
    QVERIFY(page.errorLabel()->isVisible());
    QVERIFY2(page.errorLabel()->text().contains(message), qPrintable(page.errorLabel()->text()));
    QCOMPARE(page.model()->rowCount(), 0);
    QCOMPARE(page.targetEdit()->text(), text); // kept for correcting
    QVERIFY(!settings().contains(QStringLiteral("links/targets")));
    // Typing hides the complaint.
    QTest::keyClick(page.targetEdit(), Qt::Key_X);
    QVERIFY(page.errorLabel()->isHidden());
}

void TestLinks::targetsArePersistedWithoutDuplicates()
{
    {
        LinksPage page;
        QVERIFY(page.addTarget(QStringLiteral("icmp://127.0.0.1")));
        QVERIFY(page.addTarget(QStringLiteral(" tcp://127.0.0.1:9 ")));
        QVERIFY(!page.addTarget(QStringLiteral("icmp://127.0.0.1")));
        QVERIFY(page.errorLabel()->text().contains(QStringLiteral("listed already")));
        QCOMPARE(page.model()->rowCount(), 2);
        QCOMPARE(settings().value(QStringLiteral("links/targets")).toStringList(),
                 (QStringList{QStringLiteral("icmp://127.0.0.1"), QStringLiteral("tcp://127.0.0.1:9")}));
    }
    {
        LinksPage page;
        QCOMPARE(page.model()->targetTexts(),
                 (QStringList{QStringLiteral("icmp://127.0.0.1"), QStringLiteral("tcp://127.0.0.1:9")}));
        page.removeTarget(0);
        QCOMPARE(settings().value(QStringLiteral("links/targets")).toStringList(),
                 QStringList{QStringLiteral("tcp://127.0.0.1:9")});
    }
}

void TestLinks::pageDrawsTheSelectedTarget()
{
    LinksPage page;
    page.resize(1000, 700);
    page.show();
    // Targets nobody answers are fine here: the samples below are made up, and the
    // prober's own samples for them cannot arrive within this test (1 s timeout).
    QVERIFY(page.addTarget(QStringLiteral("icmp://192.0.2.1")));
    QVERIFY(page.addTarget(QStringLiteral("icmp://192.0.2.2")));
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    const qint64 now = qint64(ts.tv_sec) * Second + ts.tv_nsec;
    for (int i = 0; i < 30; ++i) {
        const qint64 sent = now - (60 - i) * Second;
        page.model()->addSample(QStringLiteral("icmp://192.0.2.1"), i == 10 ? lost(sent) : reply(sent, 5 + i % 3));
        page.model()->addSample(QStringLiteral("icmp://192.0.2.2"), reply(sent, 50));
    }
    page.table()->selectRow(0);
    page.refresh();
    TimeChart *chart = page.chart();
    QCOMPARE(chart->seriesName(0), QStringLiteral("RTT to icmp://192.0.2.1"));
    QCOMPARE(chart->seriesData(0).size(), 29);
    QCOMPARE(chart->series(0)->count(), 29);
    QCOMPARE(chart->marksData(0).size(), 1);
    QCOMPARE(chart->marksSeries(0)->count(), 1);
    QCOMPARE(chart->bandLower(0).size(), 29);
    QVERIFY(chart->bandArea(0)->upperSeries()->count() > 0);
    // The loss mark sits at the top of the axis, above every RTT.
    QVERIFY(chart->marksSeries(0)->at(0).y() > 7);
    QVERIFY(chart->readout(chart->seriesData(0).last().x()).contains(QStringLiteral("Mean ± jitter")));

    QSignalSpy worst(&page, &LinksPage::worstLinkChanged);
    page.table()->selectRow(1);
    QCOMPARE(chart->seriesName(0), QStringLiteral("RTT to icmp://192.0.2.2"));
    QCOMPARE(chart->marksData(0).size(), 0);
    QVERIFY(std::abs(chart->seriesData(0).last().y() - 50) < 1e-9);
    page.refresh();
    QVERIFY(!worst.isEmpty());
    QCOMPARE(worst.last().at(0).value<KeyFigure>().caption, QStringLiteral("icmp://192.0.2.1"));
}

void TestLinks::realTcpProbeToLocalListener()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QString text = QStringLiteral("tcp://127.0.0.1:%1").arg(server.serverPort());
    LinksPage page;
    QSignalSpy opened(page.runner(), &ProbeRunner::targetOpened);
    QSignalSpy samples(page.runner(), &ProbeRunner::sampleReady);
    QVERIFY(page.addTarget(text));
    // The kernel completes the handshake from the listen backlog: the probe succeeds
    // without the server accepting.
    QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().at(1).toString(), QStringLiteral("127.0.0.1"));
    const auto sample = samples.first().at(1).value<ProbeSample>();
    QVERIFY2(sample.ok(), qPrintable(sample.error));
    // Probing ran on the worker thread; the sample reached the model on this one.
    QVERIFY(page.runner()->thread() != QThread::currentThread());
    page.refresh();
    const int row = page.model()->rowOf(text);
    QCOMPARE(page.model()->index(row, LinkTableModel::AddressColumn).data().toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(page.model()->stats(row).received >= 1);
    QVERIFY(page.model()->stats(row).avgMs < 1000);
    QVERIFY(!page.chart()->seriesData(0).isEmpty());

    // A name that does not resolve is reported on its row, not as a freeze.
    QSignalSpy failed(page.runner(), &ProbeRunner::targetFailed);
    QVERIFY(page.addTarget(QStringLiteral("tcp://no-such-host.invalid:80")));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 15000);
    const int badRow = page.model()->rowOf(QStringLiteral("tcp://no-such-host.invalid:80"));
    QCOMPARE(page.model()->index(badRow, LinkTableModel::HealthColumn).data().toString(), QStringLiteral("cannot probe"));
}

QTEST_MAIN(TestLinks)
#include "tst_links.moc"
