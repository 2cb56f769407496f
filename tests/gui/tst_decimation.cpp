// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/decimation.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace Sockpit;

class TestDecimation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyAndDegenerate();
    void shortInputUnchanged();
    void clipsToRange();
    void everyColumnKeepsItsExtremes_data();
    void everyColumnKeepsItsExtremes();
    void outputIsSortedAndBounded();
};

void TestDecimation::emptyAndDegenerate()
{
    QVERIFY(decimateMinMax({}, -10, 0, 100).isEmpty());
    QVERIFY(decimateMinMax({{0, 1}}, 0, 0, 100).isEmpty()); // no range
    QVERIFY(decimateMinMax({{0, 1}}, -1, 0, 0).isEmpty());  // no columns
}

void TestDecimation::shortInputUnchanged()
{
    const QList<QPointF> points{{-3, 1}, {-2, 5}, {-1, 2}, {0, 4}};
    QCOMPARE(decimateMinMax(points, -10, 0, 10), points);
}

void TestDecimation::clipsToRange()
{
    const QList<QPointF> points{{-20, 9}, {-5, 1}, {0, 2}, {3, 9}};
    QCOMPARE(decimateMinMax(points, -10, 0, 10), (QList<QPointF>{{-5, 1}, {0, 2}}));
}

void TestDecimation::everyColumnKeepsItsExtremes_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("columns");
    QTest::newRow("24 h at 1 Hz into 1000 px") << 86400 << 1000;
    QTest::newRow("1 h at 10 Hz into 300 px") << 36000 << 300;
    QTest::newRow("uneven: 10007 into 97") << 10007 << 97;
}

void TestDecimation::everyColumnKeepsItsExtremes()
{
    QFETCH(int, count);
    QFETCH(int, columns);
    QRandomGenerator random(42);
    QList<QPointF> points;
    points.reserve(count);
    const double xMin = -double(count - 1);
    for (int i = 0; i < count; ++i)
        points.append(QPointF(xMin + i, random.bounded(1000.0)));
    // One-sample spikes that a naive every-nth decimation would miss.
    points[count / 3].setY(1e6);
    points[count / 2].setY(-1e6);
    const QList<QPointF> result = decimateMinMax(points, xMin, 0, columns);
    QVERIFY(result.size() <= columns * 4);
    QVERIFY(result.contains(points[count / 3]));
    QVERIFY(result.contains(points[count / 2]));
    // For every column: its minimum and maximum are in the output, and every output
    // point is an input point.
    const double width = (0 - xMin) / columns;
    for (int column = 0; column < columns; ++column) {
        double low = 1e300, high = -1e300;
        bool any = false;
        for (const QPointF &p : std::as_const(points)) {
            const int c = std::min(columns - 1, int((p.x() - xMin) / width));
            if (c != column)
                continue;
            any = true;
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
        if (!any)
            continue;
        bool hasLow = false, hasHigh = false;
        for (const QPointF &p : result) {
            const int c = std::min(columns - 1, int((p.x() - xMin) / width));
            if (c != column)
                continue;
            hasLow = hasLow || p.y() == low;
            hasHigh = hasHigh || p.y() == high;
        }
        QVERIFY2(hasLow && hasHigh, qPrintable(QStringLiteral("column %1").arg(column)));
    }
    for (const QPointF &p : result)
        QVERIFY(std::binary_search(points.cbegin(), points.cend(), p,
                                   [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
}

void TestDecimation::outputIsSortedAndBounded()
{
    QList<QPointF> points;
    for (int i = 0; i < 5000; ++i)
        points.append(QPointF(i, (i * 7919) % 113));
    const QList<QPointF> result = decimateMinMax(points, 0, 4999, 50);
    QVERIFY(std::is_sorted(result.cbegin(), result.cend(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
    QVERIFY(result.size() <= 200);
    QCOMPARE(result.first(), points.first());
    QCOMPARE(result.last(), points.last());
}

QTEST_GUILESS_MAIN(TestDecimation)
#include "tst_decimation.moc"
