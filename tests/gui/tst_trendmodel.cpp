// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/trendchart.h"
#include "models/trendmodel.h"

#include <QLineSeries>
#include <QTest>
#include <QValueAxis>

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
    void chartShowsPointsAndWindow();
};

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
    TrendChart chart(u"TIME_WAIT"_qs, u"sockets"_qs);
    QCOMPARE(chart.name(), u"TIME_WAIT"_qs);
    chart.setWindow(300s);
    TrendModel trend;
    for (int i = 0; i < 5; ++i)
        trend.add(i * 1000, 100 * i);
    chart.setPoints(trend.points());
    QCOMPARE(chart.series()->points(), trend.points());
    QCOMPARE(chart.series()->count(), 5);
    // The axis leaves headroom above the highest point (400).
    QVERIFY(chart.valueAxis()->max() > 400);
    QCOMPARE(chart.valueAxis()->min(), 0.0);
}

QTEST_MAIN(TestTrendModel)
#include "tst_trendmodel.moc"
