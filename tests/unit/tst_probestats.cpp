// SPDX-License-Identifier: GPL-3.0-or-later
// Link statistics against values worked out by hand (the comments show the working).

#include "probes/probestats.h"

#include <QTest>

#include <vector>

using namespace Sockpit;

namespace {

std::vector<double> parseList(const QString &text)
{
    std::vector<double> values;
    for (const QString &part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        values.push_back(part.toDouble());
    return values;
}

// "o" is a reply of rttMs, "." a timeout.
std::vector<ProbeSample> pattern(const QString &shape, double rttMs = 1.0)
{
    std::vector<ProbeSample> samples;
    quint32 seq = 0;
    for (QChar c : shape) {
        ProbeSample sample;
        sample.seq = seq++;
        if (c == QLatin1Char('o'))
            sample.rttNs = static_cast<qint64>(rttMs * 1e6);
        else
            sample.error = QStringLiteral("timeout");
        samples.push_back(sample);
    }
    return samples;
}

} // namespace

class ProbeStatsTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mdev_data();
    void mdev();
    void percentile_data();
    void percentile();
    void jitter_data();
    void jitter();
    void lossAvailabilityStreak_data();
    void lossAvailabilityStreak();
    void health_data();
    void health();
    void emptyWindow();
    void summaryOfMixedWindow();
    void windowSlides_data();
    void windowSlides();
    void windowKeepsSequenceOrder();
    void windowThresholdsPerTarget();
};

void ProbeStatsTest::mdev_data()
{
    QTest::addColumn<QString>("rtts");
    QTest::addColumn<double>("expected");
    // mean 2.5, mean of squares 7.5: sqrt(7.5 - 6.25) = sqrt(1.25)
    QTest::newRow("1 2 3 4") << QStringLiteral("1 2 3 4") << 1.118033988749895;
    QTest::newRow("constant") << QStringLiteral("10 10 10") << 0.0;
    // mean 1, mean of squares (0.25 + 2.25) / 2 = 1.25: sqrt(0.25)
    QTest::newRow("0.5 1.5") << QStringLiteral("0.5 1.5") << 0.5;
    // mean 2, mean of squares 28 / 4 = 7: sqrt(3)
    QTest::newRow("one outlier") << QStringLiteral("1 1 1 5") << 1.7320508075688772;
    QTest::newRow("single") << QStringLiteral("42") << 0.0;
    // Sub-millisecond loopback RTTs: mean 0.04425, mean of squares 0.00211975,
    // sqrt(0.00211975 - 0.0019580625) = sqrt(0.0001616875)
    QTest::newRow("loopback") << QStringLiteral("0.031 0.043 0.038 0.065") << 0.012715639976029534;
}

void ProbeStatsTest::mdev()
{
    QFETCH(QString, rtts);
    QFETCH(double, expected);
    const std::vector<double> values = parseList(rtts);
    QVERIFY2(qAbs(pingMdev(values) - expected) < 1e-9, qPrintable(QString::number(pingMdev(values), 'g', 17)));
}

void ProbeStatsTest::percentile_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("pct");
    QTest::addColumn<double>("expected");
    // Values 1..count: the nearest rank is ceil(pct/100 * count).
    QTest::newRow("p50 of 10") << 10 << 50.0 << 5.0;
    QTest::newRow("p95 of 10") << 10 << 95.0 << 10.0;
    QTest::newRow("p95 of 100") << 100 << 95.0 << 95.0;
    QTest::newRow("p99 of 100") << 100 << 99.0 << 99.0;
    QTest::newRow("p99 of 1000") << 1000 << 99.0 << 990.0;
    QTest::newRow("p50 of 1") << 1 << 50.0 << 1.0;
    QTest::newRow("p50 of 3") << 3 << 50.0 << 2.0;
}

void ProbeStatsTest::percentile()
{
    QFETCH(int, count);
    QFETCH(double, pct);
    QFETCH(double, expected);
    std::vector<double> values;
    for (int i = 1; i <= count; ++i)
        values.push_back(i);
    QCOMPARE(nearestRankPercentile(values, pct), expected);
}

void ProbeStatsTest::jitter_data()
{
    QTest::addColumn<QString>("rtts");
    QTest::addColumn<double>("rfc3550");
    QTest::addColumn<double>("meanAbsDiff");
    // |D| = 1 three times: J = 1/16, then J + (1 - J)/16 twice.
    QTest::newRow("steps of 1") << QStringLiteral("1 2 3 4") << 0.176025390625 << 1.0;
    QTest::newRow("constant") << QStringLiteral("5 5 5 5") << 0.0 << 0.0;
    // |D| = 10, 10: J = 0.625, then 0.625 + 9.375/16 = 1.2109375; mean |D| = 10.
    QTest::newRow("alternating") << QStringLiteral("10 20 10") << 1.2109375 << 10.0;
    // |D| = 4, 0: J = 0.25, then 0.25 - 0.25/16 = 0.234375; mean |D| = 2.
    QTest::newRow("one jump") << QStringLiteral("1 5 5") << 0.234375 << 2.0;
}

void ProbeStatsTest::jitter()
{
    QFETCH(QString, rtts);
    QFETCH(double, rfc3550);
    QFETCH(double, meanAbsDiff);
    const std::vector<double> values = parseList(rtts);
    QCOMPARE(rfc3550Jitter(values), rfc3550);
    QCOMPARE(meanAbsoluteDifference(values), meanAbsDiff);
    QVERIFY(qIsNaN(rfc3550Jitter(std::vector<double>{1.0})));
}

void ProbeStatsTest::lossAvailabilityStreak_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<double>("lossPct");
    QTest::addColumn<double>("availabilityPct");
    QTest::addColumn<int>("streak");
    QTest::newRow("oooo") << QStringLiteral("oooo") << 0.0 << 100.0 << 0;
    // Isolated losses are loss, not an outage.
    QTest::newRow("o.o.") << QStringLiteral("o.o.") << 50.0 << 100.0 << 1;
    // Three in a row is an outage: 3 of 10 unavailable.
    QTest::newRow("ooo...oooo") << QStringLiteral("ooo...oooo") << 30.0 << 70.0 << 0;
    QTest::newRow("oo..") << QStringLiteral("oo..") << 50.0 << 100.0 << 2;
    QTest::newRow("o....") << QStringLiteral("o....") << 80.0 << 20.0 << 4;
    QTest::newRow("....") << QStringLiteral("....") << 100.0 << 0.0 << 4;
}

void ProbeStatsTest::lossAvailabilityStreak()
{
    QFETCH(QString, shape);
    QFETCH(double, lossPct);
    QFETCH(double, availabilityPct);
    QFETCH(int, streak);
    const std::vector<ProbeSample> samples = pattern(shape);
    const ProbeStats stats = computeProbeStats(samples);
    QCOMPARE(stats.sent, shape.size());
    QCOMPARE(stats.received, shape.count(QLatin1Char('o')));
    QCOMPARE(stats.lossPct, lossPct);
    QCOMPARE(stats.availabilityPct, availabilityPct);
    QCOMPARE(stats.failureStreak, streak);
}

void ProbeStatsTest::health_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<double>("rttMs");
    QTest::addColumn<bool>("connectKind");
    QTest::addColumn<int>("score");
    QTest::addColumn<QString>("level");
    QTest::newRow("fast, no loss") << QStringLiteral("oooooooooo") << 1.0 << false << 100 << QStringLiteral("ok");
    // p95 200 ms: halfway from warn 100 to alert 300, so 15 of 30.
    QTest::newRow("200 ms") << QStringLiteral("oooooooooo") << 200.0 << false << 85 << QStringLiteral("warn");
    QTest::newRow("400 ms") << QStringLiteral("oooooooooo") << 400.0 << false << 70 << QStringLiteral("alert");
    // 1 loss in 50 = 2 %: 40 points, above the 1 % alert.
    QTest::newRow("2 % loss") << QStringLiteral("oooooooooooooooooooooooo.ooooooooooooooooooooooooo") << 1.0 << false << 60
                              << QStringLiteral("alert");
    QTest::newRow("down") << QStringLiteral("ooooooo...") << 1.0 << false << 0 << QStringLiteral("down");
    // Connect kind: 400 ms is fine (warn starts at 1 s, alert 2 s).
    QTest::newRow("tcp 400 ms") << QStringLiteral("oooooooooo") << 400.0 << true << 100 << QStringLiteral("ok");
    QTest::newRow("tcp 1500 ms") << QStringLiteral("oooooooooo") << 1500.0 << true << 85 << QStringLiteral("warn");
    QTest::newRow("tcp 2500 ms") << QStringLiteral("oooooooooo") << 2500.0 << true << 70 << QStringLiteral("alert");
}

void ProbeStatsTest::health()
{
    QFETCH(QString, shape);
    QFETCH(double, rttMs);
    QFETCH(bool, connectKind);
    QFETCH(int, score);
    QFETCH(QString, level);
    const std::vector<ProbeSample> samples = pattern(shape, rttMs);
    const ProbeStats stats = computeProbeStats(samples, ProbeThresholds{}, connectKind);
    QCOMPARE(stats.healthScore, score);
    QCOMPARE(QString::fromLatin1(healthLevelName(stats.level)), level);
}

void ProbeStatsTest::emptyWindow()
{
    const ProbeStats stats = computeProbeStats({});
    QCOMPARE(stats.sent, 0);
    QVERIFY(qIsNaN(stats.avgMs));
    QCOMPARE(stats.level, HealthLevel::Down);
}

void ProbeStatsTest::summaryOfMixedWindow()
{
    // 3, lost, 1, 2: min 1, max 3, avg 2, mdev sqrt(14/3 - 4) = 0.8165
    std::vector<ProbeSample> samples = pattern(QStringLiteral("o.oo"));
    samples[0].rttNs = 3'000'000;
    samples[2].rttNs = 1'000'000;
    samples[3].rttNs = 2'000'000;
    const ProbeStats stats = computeProbeStats(samples);
    QCOMPARE(stats.minMs, 1.0);
    QCOMPARE(stats.maxMs, 3.0);
    QCOMPARE(stats.avgMs, 2.0);
    QVERIFY(qAbs(stats.mdevMs - 0.816496580927726) < 1e-9);
    QCOMPARE(stats.p50Ms, 2.0);
    QCOMPARE(stats.lossPct, 25.0);
    // Consecutive replies are 3, 1, 2 in sending order, not sorted: |D| = 2, 1.
    QCOMPARE(stats.jitterMeanAbsDiffMs, 1.5);
}

void ProbeStatsTest::windowSlides_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<QString>("shape");    // every sample ever added, oldest first
    QTest::addColumn<QString>("window");   // what the window must hold afterwards
    QTest::addColumn<double>("lossPct");   // over the window only
    QTest::addColumn<int>("streak");
    QTest::addColumn<int>("lifetimeReceived");
    // An outage that scrolled out of the window no longer counts...
    QTest::newRow("outage scrolled out") << 5 << QStringLiteral("....ooooo") << QStringLiteral("ooooo") << 0.0 << 0 << 5;
    // ...one still inside does. 12 added to a window of 5: storage holds up to 9 before
    // it trims, and none of the older ones may leak into the figures.
    QTest::newRow("outage inside") << 5 << QStringLiteral("oooooooooo..") << QStringLiteral("ooo..") << 40.0 << 2 << 10;
    QTest::newRow("exactly full") << 4 << QStringLiteral("o.o.") << QStringLiteral("o.o.") << 50.0 << 1 << 2;
    QTest::newRow("twice over") << 3 << QStringLiteral("ooo...ooo.") << QStringLiteral("oo.") << (100.0 / 3) << 1 << 6;
    QTest::newRow("not yet full") << 1000 << QStringLiteral("oo.") << QStringLiteral("oo.") << (100.0 / 3) << 1 << 2;
}

void ProbeStatsTest::windowSlides()
{
    QFETCH(int, capacity);
    QFETCH(QString, shape);
    QFETCH(QString, window);
    QFETCH(double, lossPct);
    QFETCH(int, streak);
    QFETCH(int, lifetimeReceived);
    ProbeWindow w{size_t(capacity)};
    const std::vector<ProbeSample> all = pattern(shape);
    for (const ProbeSample &sample : all) {
        w.add(sample);
        // The window never reports more than its capacity, whenever it is looked at.
        QVERIFY(w.window().size() <= size_t(capacity));
    }
    const ProbeStats stats = w.stats(ProbeThresholds{}, false);
    QCOMPARE(stats.sent, window.size());
    QCOMPARE(stats.received, window.count(QLatin1Char('o')));
    QVERIFY2(qAbs(stats.lossPct - lossPct) < 1e-9, qPrintable(QString::number(stats.lossPct)));
    QCOMPARE(stats.failureStreak, streak);
    QCOMPARE(w.totals().sent, qint64(shape.size()));
    QCOMPARE(w.totals().received, qint64(lifetimeReceived));
    // samples() is the same window, oldest first, ending with the newest probe.
    const std::vector<ProbeSample> &kept = w.samples();
    QCOMPARE(kept.size(), size_t(window.size()));
    for (size_t i = 0; i < kept.size(); ++i) {
        QCOMPARE(kept[i].seq, quint32(shape.size() - window.size() + qsizetype(i)));
        QCOMPARE(kept[i].ok(), window.at(qsizetype(i)) == QLatin1Char('o'));
    }
    // Trimming for samples() changes no figure.
    QCOMPARE(w.stats(ProbeThresholds{}, false).lossPct, stats.lossPct);
}

void ProbeStatsTest::windowKeepsSequenceOrder()
{
    // Probe 2 times out after 3 and 4 were answered: it still sits between 1 and 3, so
    // jitter and the failure streak see the probes in the order they were sent.
    std::vector<ProbeSample> samples = pattern(QStringLiteral("oo.oo"));
    for (size_t i = 0; i < samples.size(); ++i)
        if (samples[i].ok())
            samples[i].rttNs = qint64(i + 1) * 1'000'000;
    ProbeWindow w(4);
    for (int i : {0, 1, 3, 4, 2})
        w.add(samples[size_t(i)]);
    const std::vector<ProbeSample> &kept = w.samples();
    QCOMPARE(kept.size(), size_t(4));
    QCOMPARE(kept.front().seq, 1u);
    QCOMPARE(kept[1].seq, 2u);
    QVERIFY(!kept[1].ok());
    QCOMPARE(kept.back().seq, 4u);
    const ProbeStats stats = w.stats(ProbeThresholds{}, false);
    QCOMPARE(stats.failureStreak, 0);
    // Replies in order 2, 4, 5 ms: |D| = 2, 1.
    QCOMPARE(stats.jitterMeanAbsDiffMs, 1.5);
    // A result older than the whole window is counted in the totals and trimmed away.
    ProbeSample ancient;
    ancient.seq = 0;
    ancient.error = QStringLiteral("timeout");
    w.add(ancient);
    QCOMPARE(w.totals().sent, qint64(6));
    QCOMPARE(w.samples().front().seq, 1u);
}

void ProbeStatsTest::windowThresholdsPerTarget()
{
    // The same window judged with two targets' thresholds: 150 ms is a warning by
    // default and fine where a target allows 200 ms.
    ProbeWindow w(10);
    for (const ProbeSample &sample : pattern(QStringLiteral("oooooooooo"), 150.0))
        w.add(sample);
    QCOMPARE(w.stats(ProbeThresholds{}, false).level, HealthLevel::Warn);
    ProbeThresholds relaxed;
    relaxed.rttWarnMs = 200;
    relaxed.rttAlertMs = 500;
    QCOMPARE(w.stats(relaxed, false).level, HealthLevel::Ok);
    QCOMPARE(w.stats(relaxed, false).healthScore, 100);
}

QTEST_GUILESS_MAIN(ProbeStatsTest)
#include "tst_probestats.moc"
