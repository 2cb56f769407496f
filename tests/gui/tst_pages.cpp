// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/timechart.h"
#include "guifixtures.h"
#include "models/sockettablemodel.h"
#include "modeltest.h"
#include "pages/overviewpage.h"
#include "pages/socketspage.h"
#include "widgets/counttile.h"
#include "widgets/statechipbar.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Sockpit;

class TestPages final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void overviewStateCounts_data();
    void overviewStateCounts();
    void overviewBeforeFirstSnapshot();
    void overviewSummaryOnlyTimeWait();
    void overviewEphemeralPorts();
    void overviewTimeWaitTrend();
    void socketsChipCounts();
    void socketsChipFiltersTable();
    void socketsSearchBox();
    void socketsHiddenPageDefersRefresh();
};

void TestPages::initTestCase()
{
    // Grouped thousands prove the tiles format for people, not for machines.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestPages::overviewStateCounts_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("text");
    const auto tcp = int(Protocol::Tcp);
    QTest::newRow("TIME_WAIT") << tcp << int(SocketState::TimeWait) << u"1,500"_qs;
    QTest::newRow("ESTABLISHED") << tcp << int(SocketState::Established) << u"1"_qs;
    QTest::newRow("LISTEN") << tcp << int(SocketState::Listen) << u"1"_qs;
    QTest::newRow("SYN_RECV") << tcp << int(SocketState::SynRecv) << u"1"_qs;
    QTest::newRow("CLOSE_WAIT") << tcp << int(SocketState::CloseWait) << u"1"_qs;
    QTest::newRow("SYN_SENT") << tcp << int(SocketState::SynSent) << u"0"_qs;
    QTest::newRow("FIN_WAIT2") << tcp << int(SocketState::FinWait2) << u"0"_qs;
    QTest::newRow("udp connected") << int(Protocol::Udp) << int(SocketState::Established) << u"1"_qs;
    QTest::newRow("udp unconnected") << int(Protocol::Udp) << int(SocketState::Close) << u"1"_qs;
}

void TestPages::overviewStateCounts()
{
    QFETCH(int, protocol);
    QFETCH(int, state);
    QFETCH(QString, text);
    OverviewPage page;
    ModelTest::watchAll(&page);
    const Snapshot snapshot = Fixtures::snapshot();
    page.showSnapshot(snapshot);
    const CountTile *tile = page.stateTile(Protocol(protocol), SocketState(state));
    QVERIFY(tile);
    QCOMPARE(tile->valueText(), text);
    // The tile agrees with the snapshot it was given.
    QCOMPARE(tile->valueText(), QLocale().toString(snapshot.count(Protocol(protocol), SocketState(state))));
}

void TestPages::overviewBeforeFirstSnapshot()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    QCOMPARE(page.stateTile(Protocol::Tcp, SocketState::TimeWait)->valueText(), u"—"_qs);
    QCOMPARE(page.stateTile(Protocol::Udp, SocketState::Listen), nullptr);
    page.showSnapshot(Snapshot()); // a null snapshot changes nothing
    QCOMPARE(page.stateTile(Protocol::Tcp, SocketState::Established)->valueText(), u"—"_qs);
}

void TestPages::overviewSummaryOnlyTimeWait()
{
    SockStat sockStat;
    sockStat.timeWait = 123456;
    const Snapshot summary = SnapshotBuilder().setSummaryOnly(true).setSockStat(sockStat).build();
    OverviewPage page;
    ModelTest::watchAll(&page);
    page.showSnapshot(summary);
    QCOMPARE(page.stateTile(Protocol::Tcp, SocketState::TimeWait)->valueText(), u"123,456"_qs);
    // What a summary cannot know reads as unknown, not as zero.
    QCOMPARE(page.stateTile(Protocol::Tcp, SocketState::Established)->valueText(), u"—"_qs);
}

void TestPages::overviewEphemeralPorts()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    page.showSnapshot(Fixtures::snapshot());
    QCOMPARE(page.portTile(OverviewPage::PortTile::Range)->valueText(), u"32768–60999"_qs);
    QCOMPARE(page.portTile(OverviewPage::PortTile::Usable)->valueText(), u"28,132"_qs);
    QCOMPARE(page.portTile(OverviewPage::PortTile::Usable)->caption(), u"100 reserved"_qs);
    QCOMPARE(page.portTile(OverviewPage::PortTile::InUse)->valueText(), u"1,501"_qs);
    QCOMPARE(page.portTile(OverviewPage::PortTile::TopDestination)->valueText(), u"10.0.0.9:80"_qs);
    // 1500 / 28132 = 5.33%: two decimals below 10%
    QCOMPARE(page.portTile(OverviewPage::PortTile::TopDestination)->caption(),
             u"1,500 sockets, 1,500 in TIME_WAIT\n5.33% of usable ports"_qs);
}

void TestPages::overviewTimeWaitTrend()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    const QDateTime start = Fixtures::TakenAt;
    for (int second = 0; second < 400; ++second) {
        SockStat sockStat;
        sockStat.timeWait = second;
        page.showSnapshot(SnapshotBuilder()
                              .setTakenAt(start.addSecs(second), 1000 * qint64(second))
                              .setSummaryOnly(true)
                              .setSockStat(sockStat)
                              .build());
    }
    const QList<QPointF> points = page.timeWaitChart()->series()->points();
    QCOMPARE(points.size(), 301); // five minutes at one sample a second, both ends included
    QCOMPARE(points.first(), QPointF(-300, 99));
    QCOMPARE(points.last(), QPointF(0, 399));
}

void TestPages::socketsChipCounts()
{
    SocketsPage page;
    ModelTest::watchAll(&page);
    page.show();
    page.showSnapshot(Fixtures::snapshot());
    QCOMPARE(page.chipBar()->chipText({Protocol::Tcp, SocketState::TimeWait}), u"TIME_WAIT  1,500"_qs);
    QCOMPARE(page.chipBar()->chipText({Protocol::Tcp, SocketState::Listen}), u"LISTEN  1"_qs);
    QCOMPARE(page.chipBar()->chipText({Protocol::Tcp, SocketState::FinWait1}), u"FIN_WAIT1  0"_qs);
    QCOMPARE(page.chipBar()->chipText({Protocol::Udp, SocketState::Close}), u"UDP unconnected  1"_qs);
    QCOMPARE(page.model()->rowCount(), Fixtures::FixedRows + Fixtures::TimeWaitCount);
    QCOMPARE(page.shownLabel()->text(), u"1,506 of 1,506 sockets"_qs);
}

void TestPages::socketsChipFiltersTable()
{
    SocketsPage page;
    ModelTest::watchAll(&page);
    page.show();
    page.showSnapshot(Fixtures::snapshot());
    auto *chips = page.chipBar();
    QToolButton *listen = nullptr;
    for (QToolButton *button : chips->findChildren<QToolButton *>())
        if (button->text().startsWith(u"LISTEN"_qs))
            listen = button;
    QVERIFY(listen);
    listen->click();
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.stateCombo()->currentText(), u"TCP LISTEN"_qs);
    QCOMPARE(page.shownLabel()->text(), u"1 of 1,506 sockets"_qs);
    listen->click(); // again: everything
    QCOMPARE(page.model()->rowCount(), 1506);
    QCOMPARE(page.stateCombo()->currentIndex(), 0);

    page.stateCombo()->setCurrentIndex(page.stateCombo()->findText(u"TCP TIME_WAIT"_qs));
    QCOMPARE(page.model()->rowCount(), Fixtures::TimeWaitCount);
    QVERIFY(page.chipBar()->findChildren<QToolButton *>().size() == int(StateChipBar::keys().size()));
}

void TestPages::socketsSearchBox()
{
    SocketsPage page;
    ModelTest::watchAll(&page);
    page.show();
    page.showSnapshot(Fixtures::snapshot());
    QTest::keyClicks(page.searchEdit(), u"93.184"_qs);
    // The search waits for a pause in typing.
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, SocketTableModel::RemoteColumn).data().toString(), u"93.184.216.34:443"_qs);
}

void TestPages::socketsHiddenPageDefersRefresh()
{
    SocketsPage page; // never shown
    ModelTest::watchAll(&page);
    page.showSnapshot(Fixtures::snapshot());
    QCOMPARE(page.model()->rowCount(), 0);
    page.show();
    QCOMPARE(page.model()->rowCount(), Fixtures::FixedRows + Fixtures::TimeWaitCount);
}

QTEST_MAIN(TestPages)
#include "tst_pages.moc"
