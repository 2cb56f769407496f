// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/timechart.h"

#include <QComboBox>
#include <QImage>
#include <QToolButton>
#include "models/trendmodel.h"

#include <QChart>
#include <QLineSeries>
#include <QTest>
#include <QValueAxis>
#include <QSet>

using namespace Sockpit;
using namespace std::chrono_literals;

class TestTrendModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void empty();
    void relativeSeconds();
    void keepsOnlyTheWindow();
    void pointsRelativeToALaterNow();
    void capacityDropsOldest();
    void clockGoingBackRestarts();
    void pointsForAShorterWindow();
    void chartShowsPointsAndWindow();
    void chartDecimatesLongWindows();
    void chartPauseFreezes();
    void chartWindowBox();
    void chartLegendToggles();
    void chartCrosshairReads();
    void chartThresholdAndMarkers();
    void chartImageHasHeaderAndSize();
};

void TestTrendModel::pointsForAShorterWindow()
{
    TrendModel trend(24h, 100000);
    for (qint64 second = 0; second <= 3600; ++second)
        trend.add(second * 1000, double(second));
    const QList<QPointF> lastFive = trend.points(3600'000, 5min);
    QCOMPARE(lastFive.size(), 301);
    QCOMPARE(lastFive.first(), QPointF(-300, 3300));
    QCOMPARE(trend.points(3600'000).size(), 3601);
}

void TestTrendModel::empty()
{
    const TrendModel trend;
    QVERIFY(trend.isEmpty());
    QCOMPARE(trend.window(), std::chrono::milliseconds(5min));
    QVERIFY(trend.points(1000).isEmpty());
}

void TestTrendModel::relativeSeconds()
{
    TrendModel trend(5min);
    trend.add(10'000, 5);
    trend.add(11'000, 7);
    trend.add(12'500, 9);
    const QList<QPointF> expected{{-2.5, 5}, {-1.5, 7}, {0, 9}};
    QCOMPARE(trend.points(), expected);
    QCOMPARE(trend.latestValue(), 9.0);
    QCOMPARE(trend.maximum(), 9.0);
}

void TestTrendModel::keepsOnlyTheWindow()
{
    TrendModel trend(5min);
    // One sample a second for ten minutes: only the last five minutes stay.
    for (qint64 second = 0; second <= 600; ++second)
        trend.add(second * 1000, double(second));
    QCOMPARE(trend.size(), 301); // 300 .. 600, both ends inside the window
    const QList<QPointF> points = trend.points();
    QCOMPARE(points.size(), 301);
    QCOMPARE(points.first(), QPointF(-300, 300));
    QCOMPARE(points.last(), QPointF(0, 600));
    QCOMPARE(trend.maximum(), 600.0);
    for (const QPointF &point : points)
        QVERIFY(point.x() >= -300 && point.x() <= 0);
}

void TestTrendModel::pointsRelativeToALaterNow()
{
    TrendModel trend(60s);
    trend.add(0, 1);
    trend.add(30'000, 2);
    trend.add(60'000, 3);
    // 40 s after the last point the first two have left the window.
    const QList<QPointF> expected{{-40, 3}};
    QCOMPARE(trend.points(100'000), expected);
    // Points after "now" are not drawn.
    QCOMPARE(trend.points(30'000), (QList<QPointF>{{-30, 1}, {0, 2}}));
}

void TestTrendModel::capacityDropsOldest()
{
    TrendModel trend(5min, 4);
    for (int i = 0; i < 10; ++i)
        trend.add(i * 100, i);
    QCOMPARE(trend.size(), 4);
    QCOMPARE(trend.points(), (QList<QPointF>{{-0.3, 6}, {-0.2, 7}, {-0.1, 8}, {0, 9}}));
}

void TestTrendModel::clockGoingBackRestarts()
{
    TrendModel trend;
    trend.add(50'000, 1);
    trend.add(51'000, 2);
    trend.add(1'000, 3); // a new sampler: a new clock
    QCOMPARE(trend.size(), 1);
    QCOMPARE(trend.points(), (QList<QPointF>{{0, 3}}));
}

void TestTrendModel::chartShowsPointsAndWindow()
{
    TimeChart chart(u"TIME_WAIT"_qs, u"sockets"_qs);
    QCOMPARE(chart.title(), u"TIME_WAIT"_qs);
    QCOMPARE(chart.addSeries(u"TIME_WAIT"_qs, Qt::blue), 0);
    chart.setWindow(300s);
    QCOMPARE(chart.timeAxis()->min(), -300.0);
    QCOMPARE(chart.timeAxis()->max(), 0.0);
    TrendModel trend;
    for (int i = 0; i < 5; ++i)
        trend.add(i * 1000, 100 * i);
    chart.setSeriesPoints(0, trend.points());
    QCOMPARE(chart.series()->points(), trend.points());
    QCOMPARE(chart.series()->count(), 5);
    // The axis leaves headroom above the highest point (400).
    QVERIFY(chart.valueAxis()->max() > 400);
    QCOMPARE(chart.valueAxis()->min(), 0.0);
}

void TestTrendModel::chartDecimatesLongWindows()
{
    TimeChart chart(u"load"_qs, u"sockets"_qs);
    chart.addSeries(u"load"_qs, Qt::blue);
    chart.setWindow(24h);
    QList<QPointF> day;
    for (int second = -86400; second <= 0; ++second)
        day.append(QPointF(second, second == -40000 ? 1e6 : 1.0));
    chart.setSeriesPoints(0, day);
    const QList<QPointF> drawn = chart.series()->points();
    QVERIFY2(drawn.size() < day.size() / 10, qPrintable(QString::number(drawn.size())));
    QVERIFY(drawn.contains(QPointF(-40000, 1e6))); // the one spike survives
    QCOMPARE(chart.seriesData(0).size(), day.size()); // exports still get every sample
}

void TestTrendModel::chartPauseFreezes()
{
    TimeChart chart(u"x"_qs, u"u"_qs);
    chart.addSeries(u"x"_qs, Qt::blue);
    chart.setSeriesPoints(0, {{-2, 1}, {0, 2}});
    chart.pauseButton()->click();
    QVERIFY(chart.isPaused());
    chart.setSeriesPoints(0, {{-2, 5}, {-1, 6}, {0, 7}});
    QCOMPARE(chart.series()->count(), 2); // frozen
    chart.pauseButton()->click();
    QVERIFY(!chart.isPaused());
    QCOMPARE(chart.series()->count(), 3); // the latest data on resume
}

void TestTrendModel::chartWindowBox()
{
    TimeChart chart(u"x"_qs, u"u"_qs);
    QCOMPARE(chart.windowBox()->count(), 3);
    int changes = 0;
    connect(&chart, &TimeChart::windowChanged, &chart, [&changes] { ++changes; });
    chart.windowBox()->setCurrentIndex(1);
    QCOMPARE(chart.window(), std::chrono::seconds(1h));
    QCOMPARE(chart.timeAxis()->min(), -3600.0);
    QCOMPARE(changes, 1);
    chart.setWindow(24h);
    QCOMPARE(chart.windowBox()->currentIndex(), 2);
}

void TestTrendModel::chartLegendToggles()
{
    TimeChart chart(u"rates"_qs, u"/s"_qs);
    chart.addSeries(u"a"_qs, Qt::blue);
    chart.addSeries(u"b"_qs, Qt::red);
    chart.setSeriesPoints(0, {{-1, 1}, {0, 1}});
    chart.setSeriesPoints(1, {{-1, 500}, {0, 500}});
    QVERIFY(chart.valueAxis()->max() >= 500);
    chart.setSeriesVisible(1, false);
    QVERIFY(!chart.isSeriesVisible(1));
    // The axis follows what is shown.
    QVERIFY(chart.valueAxis()->max() < 500);
    QVERIFY(!chart.readout(0).contains(u"b:"_qs));
}

void TestTrendModel::chartCrosshairReads()
{
    QLocale::setDefault(QLocale::c());
    TimeChart chart(u"rates"_qs, u"/s"_qs);
    chart.addSeries(u"a"_qs, Qt::blue);
    chart.addSeries(u"b"_qs, Qt::red);
    chart.setSeriesPoints(0, {{-10, 1}, {-5, 2}, {0, 3}});
    chart.setSeriesPoints(1, {{-10, 7}, {0, 9}});
    const QString text = chart.readout(-4.5);
    QVERIFY2(text.contains(u"a: 2 /s"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"b: 9 /s"_qs), qPrintable(text));
    QVERIFY(text.contains(u"4 s before now"_qs) || text.contains(u"5 s before now"_qs));
}

void TestTrendModel::chartThresholdAndMarkers()
{
    TimeChart chart(u"x"_qs, u"u"_qs);
    chart.addSeries(u"x"_qs, Qt::blue);
    chart.setNow(100'000, QDateTime::currentDateTimeUtc());
    chart.addThreshold(u"warn"_qs, 5, Qt::yellow);
    chart.addEventMarker(40'000, u"tuning applied"_qs);
    chart.setSeriesPoints(0, {{-10, 1}, {0, 20}});
    QCOMPARE(chart.eventMarkerCount(), 1);
    bool foundMarker = false;
    bool foundBand = false;
    for (QAbstractSeries *series : chart.chart()->series()) {
        if (series->name() == u"tuning applied"_qs) {
            const auto *line = static_cast<QLineSeries *>(series);
            QCOMPARE(line->count(), 2);
            QCOMPARE(line->at(0).x(), -60.0); // 60 s before now
            foundMarker = true;
        }
        if (series->name() == u"warn"_qs)
            foundBand = true;
    }
    QVERIFY(foundMarker);
    QVERIFY(foundBand);
}

void TestTrendModel::chartImageHasHeaderAndSize()
{
    TimeChart chart(u"TIME_WAIT sockets"_qs, u"sockets"_qs);
    chart.addSeries(u"TIME_WAIT"_qs, Qt::blue);
    chart.setNow(10'000, QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    chart.setSeriesPoints(0, {{-100, 10}, {-50, 300}, {0, 20}});
    const QImage image = chart.renderImage(QSize(1024, 600), u"testhost"_qs);
    QCOMPARE(image.size(), QSize(1024, 600));
    QCOMPARE(chart.timeRangeText(), u"2024-05-01 11:55:00 – 2024-05-01 12:00:00 UTC"_qs);
    // Not blank: many distinct colours (text, grid, line).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

QTEST_MAIN(TestTrendModel)
#include "tst_trendmodel.moc"
