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
    void cumulativeLayersSum();
    void stackedLayersKeepEveryExtremeAndNeverCross();
    void shortLayersUnchanged();
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

void TestDecimation::cumulativeLayersSum()
{
    const QList<QList<QPointF>> layers{{{-2, 1}, {-1, 2}, {0, 3}}, {{-2, 10}, {-1, 20}, {0, 30}}};
    const QList<QList<QPointF>> sums = cumulativeLayers(layers);
    QCOMPARE(sums.size(), 2);
    QCOMPARE(sums[0], layers[0]);
    QCOMPARE(sums[1], (QList<QPointF>{{-2, 11}, {-1, 22}, {0, 33}}));
    // A longer layer is cut to the newest points of the shortest.
    const QList<QList<QPointF>> uneven = cumulativeLayers({{{-1, 1}, {0, 1}}, {{-2, 5}, {-1, 5}, {0, 5}}});
    QCOMPARE(uneven[1], (QList<QPointF>{{-1, 6}, {0, 6}}));
}

void TestDecimation::stackedLayersKeepEveryExtremeAndNeverCross()
{
    // 24 h at 1 Hz of six non-negative layers with spikes, stacked, into 800 columns.
    const int count = 86400;
    const int columns = 800;
    const double xMin = -double(count - 1);
    QRandomGenerator random(7);
    QList<QList<QPointF>> layers(6);
    for (int l = 0; l < 6; ++l) {
        layers[l].reserve(count);
        for (int i = 0; i < count; ++i)
            layers[l].append(QPointF(xMin + i, random.bounded(100.0)));
    }
    layers[2][count / 4].setY(50000);  // a spike in a middle layer
    layers[0][count / 2 + 3].setY(0); // a dip at the bottom
    const QList<QList<QPointF>> edges = cumulativeLayers(layers);
    const QList<QList<QPointF>> drawn = decimateLayers(edges, xMin, 0, columns);
    QCOMPARE(drawn.size(), 6);
    QVERIFY(drawn[0].size() <= columns * (2 + 2 * 6));
    QVERIFY(drawn[0].size() < count / 4);
    const double width = (0 - xMin) / columns;
    for (int l = 0; l < 6; ++l) {
        // Every layer at the same sample times, each an input point of its edge.
        QCOMPARE(drawn[l].size(), drawn[0].size());
        for (qsizetype i = 0; i < drawn[l].size(); ++i) {
            QCOMPARE(drawn[l][i].x(), drawn[0][i].x());
            const qsizetype source = qsizetype(drawn[l][i].x() - xMin);
            QCOMPARE(drawn[l][i], edges[l][source]);
            // Never below the layer under it: the stack does not cross.
            if (l > 0)
                QVERIFY(drawn[l][i].y() >= drawn[l - 1][i].y());
        }
        // Every column keeps this edge's minimum and maximum.
        std::vector<double> low(columns, 1e300), high(columns, -1e300);
        for (const QPointF &p : std::as_const(edges[l])) {
            const int c = std::min(columns - 1, int((p.x() - xMin) / width));
            low[size_t(c)] = std::min(low[size_t(c)], p.y());
            high[size_t(c)] = std::max(high[size_t(c)], p.y());
        }
        std::vector<bool> hasLow(columns, false), hasHigh(columns, false);
        for (const QPointF &p : std::as_const(drawn[l])) {
            const int c = std::min(columns - 1, int((p.x() - xMin) / width));
            hasLow[size_t(c)] = hasLow[size_t(c)] || p.y() == low[size_t(c)];
            hasHigh[size_t(c)] = hasHigh[size_t(c)] || p.y() == high[size_t(c)];
        }
        for (int c = 0; c < columns; ++c)
            QVERIFY2(hasLow[size_t(c)] && hasHigh[size_t(c)], qPrintable(QStringLiteral("layer %1 column %2").arg(l).arg(c)));
    }
    QVERIFY(drawn[2].contains(edges[2][count / 4]));
    QVERIFY(drawn[0].contains(edges[0][count / 2 + 3]));
}

void TestDecimation::shortLayersUnchanged()
{
    const QList<QList<QPointF>> layers{{{-20, 1}, {-3, 1}, {0, 2}}, {{-20, 5}, {-3, 6}, {0, 7}}};
    const QList<QList<QPointF>> drawn = decimateLayers(layers, -10, 0, 100);
    QCOMPARE(drawn[0], (QList<QPointF>{{-3, 1}, {0, 2}}));
    QCOMPARE(drawn[1], (QList<QPointF>{{-3, 6}, {0, 7}}));
    QVERIFY(decimateLayers({}, -10, 0, 100).isEmpty());
    QCOMPARE(decimateLayers(layers, 0, 0, 100), QList<QList<QPointF>>(2));
}

QTEST_GUILESS_MAIN(TestDecimation)
#include "tst_decimation.moc"
