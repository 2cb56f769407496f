// SPDX-License-Identifier: GPL-3.0-or-later
// The threshold state machine: hysteresis and hold counts, with values hovering at the levels.
#include "analysis/alerttracker.h"

#include <QTest>

using namespace Sockpit;

class TestAlertTracker final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hoveringValueDoesNotFlap()
    {
        // Raise at 0.8, clear at 0.6, two samples in a row to change state.
        AlertTracker tracker({0.8, 0.6, 2});
        using C = AlertTracker::Change;
        const std::pair<double, C> sequence[] = {
            {0.79, C::None}, {0.81, C::None},   // one sample past 0.8: not yet
            {0.79, C::None}, {0.80, C::None},   // the run was broken, starts again
            {0.81, C::Raised},                  // second in a row
            {0.79, C::None}, {0.70, C::None},   // between the levels: stays raised
            {0.81, C::None}, {0.59, C::None},   // one below 0.6: not yet
            {0.65, C::None}, {0.60, C::None},   // run broken; 0.60 counts (at the level)
            {0.55, C::Cleared},
            {0.79, C::None}, {0.80, C::None},
        };
        for (const auto &[value, expected] : sequence)
            QCOMPARE(tracker.update(value), expected);
        QVERIFY(!tracker.isRaised());
    }

    void holdOfOneIsImmediate()
    {
        AlertTracker tracker({10, 5, 1});
        QCOMPARE(tracker.update(10), AlertTracker::Change::Raised);
        QCOMPARE(tracker.update(9), AlertTracker::Change::None);
        QCOMPARE(tracker.update(5), AlertTracker::Change::Cleared);
    }

    void fallingThreshold()
    {
        // Free ports: alert when at most 100 are left, clear above 300.
        AlertTracker tracker({100, 300, 1});
        QVERIFY(!tracker.spec().rising());
        QCOMPARE(tracker.update(150), AlertTracker::Change::None);
        QCOMPARE(tracker.update(100), AlertTracker::Change::Raised);
        QCOMPARE(tracker.update(250), AlertTracker::Change::None);
        QCOMPARE(tracker.update(301), AlertTracker::Change::Cleared);
    }

    void invalidHoldIsOne()
    {
        AlertTracker tracker({1, 0, 0});
        QCOMPARE(tracker.spec().hold, 1);
        QVERIFY(!ThresholdSpec({1, 1, 1}).valid());
        QCOMPARE(tracker.update(1), AlertTracker::Change::Raised);
    }
};

QTEST_GUILESS_MAIN(TestAlertTracker)
#include "tst_alerttracker.moc"
