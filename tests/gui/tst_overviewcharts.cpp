// SPDX-License-Identifier: GPL-3.0-or-later
// The Overview's charts (TCP sockets by state, stacked; ephemeral ports by destination),
// the chart's stacked mode, bands, marks, event markers and palette, and their exports.
#include "charts/timechart.h"
#include "guifixtures.h"
#include "mainwindow.h"
#include "models/destinationtablemodel.h"
#include "models/destinationtrends.h"
#include "modeltest.h"
#include "pages/overviewpage.h"
#include "pages/portspage.h"
#include "reports/exporter.h"
#include "widgets/counttile.h"
#include "widgets/findingspanel.h"

#include <QAreaSeries>
#include <QChart>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace Sockpit;

namespace {

// A snapshot at monotonicMs with `established` ESTABLISHED and `timeWait` TIME_WAIT
// sockets, the TIME_WAIT ones toward `destinations` destinations 10.0.1.x:80, the first
// taking the most.
Snapshot tick(qint64 monotonicMs, int established, int timeWait, int destinations = 1)
{
    std::vector<SocketRecord> sockets;
    EphemeralUsage ephemeral;
    ephemeral.config.range = {32768, 60999};
    ephemeral.usable = 28232;
    for (int i = 0; i < established; ++i)
        sockets.push_back(Fixtures::socket(Protocol::Tcp, SocketState::Established, "10.0.0.5", quint16(20000 + i),
                                           "10.0.0.7", 5432, 1000, quint32(100 + i)));
    int left = timeWait;
    for (int d = 0; d < destinations; ++d) {
        const int share = d == 0 ? timeWait - (destinations - 1) * (timeWait / (destinations + 1)) : timeWait / (destinations + 1);
        DestinationUsage usage;
        usage.address = Fixtures::address(qPrintable(QStringLiteral("10.0.1.%1").arg(d + 1)));
        usage.port = 80;
        usage.sockets = share;
        usage.timeWait = share;
        usage.share = double(share) / ephemeral.usable;
        ephemeral.destinations.push_back(usage);
        for (int i = 0; i < share && left > 0; ++i, --left)
            sockets.push_back(Fixtures::socket(Protocol::Tcp, SocketState::TimeWait, "10.0.0.5",
                                               quint16(33000 + (timeWait - left)),
                                               qPrintable(QStringLiteral("10.0.1.%1").arg(d + 1)), 80));
    }
    ephemeral.inUse = timeWait;
    SockStat sockStat;
    sockStat.timeWait = timeWait;
    return SnapshotBuilder()
        .setTakenAt(Fixtures::TakenAt.addMSecs(monotonicMs - Fixtures::TakenAtMonotonicMs), monotonicMs)
        .setSource(SnapshotSource::Netlink)
        .setSockets(std::move(sockets))
        .setSockStat(sockStat)
        .setEphemeral(std::move(ephemeral))
        .build();
}

} // namespace

class TestOverviewCharts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stackedStatesFollowSnapshots();
    void hidingALayerClosesTheGap();
    void destinationChartShowsTheBusiest();
    void destinationTrendsAreBounded();
    void portsForecastFromGrowth();
    void worstLinkTileAndFindingsNote();
    void bandAndMarksExportToCsv();
    void eventMarkerHasItsLabel();
    void darkPaletteDarkensTheChart();
    void reportHasEveryOverviewChart();
};

void TestOverviewCharts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(QStringLiteral("Sockpit"), QStringLiteral("sockpit")).clear();
}

void TestOverviewCharts::stackedStatesFollowSnapshots()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    const qint64 start = Fixtures::TakenAtMonotonicMs;
    page.showSnapshot(tick(start, 3, 10));
    page.showSnapshot(tick(start + 1000, 5, 20));
    page.showSnapshot(tick(start + 2000, 4, 7));
    TimeChart *chart = page.stateChart();
    QVERIFY(chart->isStacked());
    QCOMPARE(chart->seriesCount(), OverviewPage::StateLayers);
    QCOMPARE(chart->seriesName(0), QStringLiteral("ESTABLISHED"));
    QCOMPARE(chart->seriesName(1), QStringLiteral("TIME_WAIT"));
    // The raw layers, for the crosshair and CSV.
    QCOMPARE(chart->seriesData(0), (QList<QPointF>{{-2, 3}, {-1, 5}, {0, 4}}));
    QCOMPARE(chart->seriesData(1), (QList<QPointF>{{-2, 10}, {-1, 20}, {0, 7}}));
    // Drawn: ESTABLISHED from zero, TIME_WAIT on top of it, the rest adding nothing.
    QCOMPARE(chart->seriesLowerEdge(0)->points(), (QList<QPointF>{{-2, 0}, {-1, 0}, {0, 0}}));
    QCOMPARE(chart->series(0)->points(), (QList<QPointF>{{-2, 3}, {-1, 5}, {0, 4}}));
    QCOMPARE(chart->seriesLowerEdge(1)->points(), chart->series(0)->points());
    QCOMPARE(chart->series(1)->points(), (QList<QPointF>{{-2, 13}, {-1, 25}, {0, 11}}));
    QCOMPARE(chart->series(OverviewPage::StateLayers - 1)->points(), chart->series(1)->points());
    QVERIFY(chart->valueAxis()->max() >= 25);
    QVERIFY(chart->readout(-1).contains(QStringLiteral("TIME_WAIT: 20 sockets")));

    // A summary-only snapshot knows TIME_WAIT only: the stack skips it, every layer alike.
    page.showSnapshot(SnapshotBuilder().setTakenAt(Fixtures::TakenAt, start + 3000).setSummaryOnly(true).build());
    QCOMPARE(chart->seriesData(0).size(), chart->seriesData(1).size());
}

void TestOverviewCharts::hidingALayerClosesTheGap()
{
    TimeChart chart(QStringLiteral("states"), QStringLiteral("sockets"));
    chart.show(); // legend markers are graphics items: visible only in a shown chart
    chart.setStacked(true);
    chart.addSeries(QStringLiteral("a"), Qt::red);
    chart.addSeries(QStringLiteral("b"), Qt::blue);
    chart.addSeries(QStringLiteral("c"), Qt::green);
    chart.setAllSeriesPoints({{{-1, 1}, {0, 2}}, {{-1, 10}, {0, 20}}, {{-1, 100}, {0, 200}}});
    QCOMPARE(chart.series(2)->points(), (QList<QPointF>{{-1, 111}, {0, 222}}));
    chart.setSeriesVisible(1, false);
    QVERIFY(!chart.seriesArea(1)->isVisible());
    QCOMPARE(chart.seriesLowerEdge(2)->points(), (QList<QPointF>{{-1, 1}, {0, 2}}));
    QCOMPARE(chart.series(2)->points(), (QList<QPointF>{{-1, 101}, {0, 202}}));
    // The legend entry stays, dimmed, to bring the layer back.
    const auto markers = chart.chart()->legend()->markers(chart.seriesArea(1));
    QCOMPARE(markers.size(), 1);
    QCOMPARE(markers.first()->labelBrush().color().alphaF(), 0.4f);
    QVERIFY(markers.first()->isVisible());
    Q_EMIT markers.first()->clicked();
    QVERIFY(chart.isSeriesVisible(1));
    QCOMPARE(chart.series(2)->points(), (QList<QPointF>{{-1, 111}, {0, 222}}));
    // Only before the first series.
    chart.setStacked(false);
    QVERIFY(chart.isStacked());
}

void TestOverviewCharts::destinationChartShowsTheBusiest()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    page.show();
    const qint64 start = Fixtures::TakenAtMonotonicMs;
    page.showSnapshot(tick(start, 0, 300, 2));
    page.showSnapshot(tick(start + 1000, 0, 600, 3));
    TimeChart *chart = page.destinationChart();
    QCOMPARE(chart->seriesCount(), OverviewPage::TopDestinations);
    // On a tab out of sight the chart waits; its tab brings it up to date.
    QVERIFY(page.chartTabs()->currentWidget() != chart);
    QVERIFY(chart->seriesName(0).isEmpty());
    page.chartTabs()->setCurrentWidget(chart);
    // 600 over three: 10.0.1.1 gets 600 - 2 * 150 = 300, the others 150 each.
    QCOMPARE(chart->seriesName(0), QStringLiteral("10.0.1.1:80"));
    QCOMPARE(chart->seriesData(0), (QList<QPointF>{{-1, 200}, {0, 300}}));
    QCOMPARE(chart->seriesData(1).last(), QPointF(0, 150));
    QCOMPARE(chart->seriesData(2).last(), QPointF(0, 150));
    // 10.0.1.3 appeared with the second snapshot only.
    QVERIFY(chart->seriesName(1) == QStringLiteral("10.0.1.3:80") || chart->seriesName(2) == QStringLiteral("10.0.1.3:80"));
    // Unused slots: no name, no points, no legend entry.
    QCOMPARE(chart->seriesName(3), QString());
    QVERIFY(chart->seriesData(3).isEmpty());
    const auto markers = chart->chart()->legend()->markers(chart->series(3));
    QVERIFY(!markers.isEmpty());
    QVERIFY(!markers.first()->isVisible());

    // A destination that lets go of its ports drops to zero and out of the top.
    page.showSnapshot(tick(start + 2000, 0, 100, 1));
    QCOMPARE(chart->seriesName(0), QStringLiteral("10.0.1.1:80"));
    QCOMPARE(chart->seriesName(1), QString());
    QCOMPARE(page.destinationTrends().latest(QStringLiteral("10.0.1.2:80")), 0.0);
}

void TestOverviewCharts::destinationTrendsAreBounded()
{
    DestinationTrends trends(std::chrono::minutes(5), 400, 3);
    const qint64 start = 1000;
    trends.add(tick(start, 0, 400, 3));
    QCOMPARE(trends.trackedCount(), 3);
    // Five destinations now: still three tracked, the busiest ones.
    trends.add(tick(start + 1000, 0, 1200, 5));
    QCOMPARE(trends.trackedCount(), 3);
    const QStringList top = trends.top(10);
    QCOMPARE(top.size(), 3);
    QCOMPARE(top.first(), QStringLiteral("10.0.1.1:80"));
    QCOMPARE(trends.points(QStringLiteral("10.0.1.1:80"), start + 1000, std::chrono::minutes(5)).size(), 2);
}

void TestOverviewCharts::portsForecastFromGrowth()
{
    QCOMPARE(DestinationTableModel::secondsToExhaustion(100, 1100, 10), 100.0);
    QVERIFY(std::isinf(DestinationTableModel::secondsToExhaustion(100, 1100, 0)));
    QVERIFY(std::isinf(DestinationTableModel::secondsToExhaustion(100, 1100, -3)));
    QVERIFY(std::isnan(DestinationTableModel::secondsToExhaustion(100, 1100, std::nan(""))));
    QCOMPARE(DestinationTableModel::secondsToExhaustion(1100, 1100, 5), 0.0);
    QCOMPARE(DestinationTableModel::forecastText(90), QStringLiteral("full in 90 s"));
    QCOMPARE(DestinationTableModel::forecastText(45 * 60), QStringLiteral("full in 45 min"));
    QCOMPARE(DestinationTableModel::forecastText(std::numeric_limits<double>::infinity()), QStringLiteral("not growing"));

    PortsPage page;
    ModelTest::watchAll(&page);
    const qint64 start = Fixtures::TakenAtMonotonicMs;
    page.showSnapshot(tick(start, 0, 300));
    const QModelIndex first = page.destinations()->index(0, DestinationTableModel::ForecastColumn);
    QCOMPARE(first.data().toString(), QStringLiteral("collecting history"));
    // 10 more sockets a second toward 10.0.1.1:80 for 30 s: 600 held, 28232 usable.
    for (int i = 1; i <= 30; ++i)
        page.showSnapshot(tick(start + i * 1000, 0, 300 + 10 * i));
    const QModelIndex forecast = page.destinations()->index(0, DestinationTableModel::ForecastColumn);
    QCOMPARE(page.destinations()->index(0, DestinationTableModel::DestinationColumn).data().toString(),
             QStringLiteral("10.0.1.1:80"));
    QCOMPARE(forecast.data(DestinationTableModel::SortRole).toDouble(), (28232.0 - 600.0) / 10.0);
    QCOMPARE(forecast.data().toString(), QStringLiteral("full in 46 min"));
}

void TestOverviewCharts::worstLinkTileAndFindingsNote()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    page.show();
    CountTile *tile = page.figureTile(OverviewPage::FigureTile::WorstLink);
    QVERIFY(tile);
    QVERIFY(!tile->isVisible()); // no targets on the Links page
    KeyFigure figure;
    figure.text = QStringLiteral("12.0 ms, 0.0% loss");
    figure.caption = QStringLiteral("icmp://192.0.2.1");
    figure.level = Level::Normal;
    page.showWorstLink(figure);
    QVERIFY(tile->isVisible());
    QCOMPARE(tile->valueText(), figure.text);
    QCOMPARE(tile->caption(), figure.caption);
    QCOMPARE(tile->level(), Level::Normal);
    page.showWorstLink(KeyFigure());
    QVERIFY(!tile->isVisible());
    // Before the first analysis the findings box says one is under way.
    QCOMPARE(page.findings()->statusLabel()->text(), QStringLiteral("Analysing this machine…"));
}

void TestOverviewCharts::bandAndMarksExportToCsv()
{
    TimeChart chart(QStringLiteral("Round-trip time"), QStringLiteral("ms"));
    chart.addSeries(QStringLiteral("RTT"), Qt::blue);
    chart.addBand(QStringLiteral("Mean ± jitter"), Qt::blue);
    chart.addMarks(QStringLiteral("Lost probe"), Qt::red);
    chart.setNow(10'000, QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    chart.setSeriesPoints(0, {{-2, 10}, {0, 30}});
    chart.setBandPoints(0, {{-2, 10}, {0, 15}}, {{-2, 10}, {0, 35}});
    chart.setMarks(0, {-1});
    QCOMPARE(chart.marksSeries(0)->count(), 1);
    const QList<QStringList> rows = Fixtures::parseCsv(Exporter::chartCsv(chart));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0], (QStringList{QStringLiteral("time (ISO 8601 UTC)"), QStringLiteral("RTT (ms)"),
                                   QStringLiteral("Mean ± jitter low (ms)"), QStringLiteral("Mean ± jitter high (ms)"),
                                   QStringLiteral("Lost probe (count)")}));
    QCOMPARE(rows[2], (QStringList{QStringLiteral("2024-05-01T11:59:59.000Z"), QString(), QString(), QString(),
                                   QStringLiteral("1")}));
    QCOMPARE(rows[3], (QStringList{QStringLiteral("2024-05-01T12:00:00.000Z"), QStringLiteral("30"),
                                   QStringLiteral("15"), QStringLiteral("35"), QString()}));
}

void TestOverviewCharts::eventMarkerHasItsLabel()
{
    TimeChart chart(QStringLiteral("TIME_WAIT"), QStringLiteral("sockets"));
    chart.resize(800, 400);
    chart.show();
    chart.addSeries(QStringLiteral("TIME_WAIT"), Qt::blue);
    chart.setNow(100'000, QDateTime::currentDateTimeUtc());
    chart.setSeriesPoints(0, {{-120, 5}, {0, 9}});
    chart.addEventMarker(40'000, QStringLiteral("tcp_fin_timeout = 30"));
    QCOMPARE(chart.eventMarkerCount(), 1);
    QCOMPARE(chart.eventMarkerLabel(0), QStringLiteral("tcp_fin_timeout = 30"));
    QCOMPARE(chart.eventMarkerX(0), -60.0);
    const auto texts = chart.chart()->childItems();
    bool labelShown = false;
    for (QGraphicsItem *item : texts)
        if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item))
            labelShown = labelShown || (text->isVisible() && text->text() == QStringLiteral("tcp_fin_timeout = 30"));
    QVERIFY(labelShown);
    // Six minutes on, it has left the five-minute window.
    chart.setNow(460'000, QDateTime::currentDateTimeUtc());
    chart.setSeriesPoints(0, {{0, 9}});
    QVERIFY(std::isnan(chart.eventMarkerX(0)));
}

void TestOverviewCharts::darkPaletteDarkensTheChart()
{
    TimeChart chart(QStringLiteral("TIME_WAIT"), QStringLiteral("sockets"));
    chart.addSeries(QStringLiteral("TIME_WAIT"), QColor(0x2b, 0x6c, 0xb0));
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Window, QColor(0x2a, 0x2a, 0x2a));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    chart.setPalette(dark);
    QCOMPARE(chart.chart()->backgroundBrush().color(), QColor(0x20, 0x20, 0x20));
    QCOMPARE(chart.valueAxis()->labelsBrush().color(), QColor(0xee, 0xee, 0xee));
    // Series keep their colours.
    QCOMPARE(chart.series(0)->pen().color(), QColor(0x2b, 0x6c, 0xb0));
    const QImage image = chart.renderImage(QSize(600, 400), QStringLiteral("host"));
    QVERIFY(qGray(image.pixel(2, 2)) < 60);
}

void TestOverviewCharts::reportHasEveryOverviewChart()
{
    QTemporaryDir dir;
    MainWindow window(Fixtures::notInstalledTuning());
    ModelTest::watchAll(&window);
    window.showSnapshot(Fixtures::snapshot());
    const QString folder = dir.filePath(QStringLiteral("report"));
    const auto writtenFolder = window.writeReport(folder);
    QVERIFY2(writtenFolder.ok(), qPrintable(writtenFolder.error()));
    const QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
    for (const QString &stem : {QStringLiteral("tcp-sockets-by-state"), QStringLiteral("ephemeral-ports-by-destination"),
                                QStringLiteral("round-trip-time")}) {
        QVERIFY2(files.contains(stem + QStringLiteral(".png")), qPrintable(files.join(u' ')));
        QVERIFY(files.contains(stem + QStringLiteral(".csv")));
    }
    QFile csv(QDir(folder).filePath(QStringLiteral("ephemeral-ports-by-destination.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = Fixtures::parseCsv(csv.readAll());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0][1], QStringLiteral("10.0.0.9:80 (sockets)"));
    QCOMPARE(rows[1][1], QString::number(Fixtures::TimeWaitCount));
}

QTEST_MAIN(TestOverviewCharts)
#include "tst_overviewcharts.moc"
