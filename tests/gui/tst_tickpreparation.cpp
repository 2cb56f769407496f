// SPDX-License-Identifier: GPL-3.0-or-later
// The Overview, Ports and Counters pages prepare each tick off the GUI thread: with the
// worker threshold at zero every preparation runs on the page's TickPreparer thread, the
// result says which thread computed it, and what the page then shows equals a
// straightforward computation from the same snapshots (trends fed by hand, counts and key
// figures read from the snapshot, a least-squares slope worked out here). A page out of
// sight keeps only its history until it catches up.
#include "charts/timechart.h"
#include "guifixtures.h"
#include "modeltest.h"
#include "models/countertablemodel.h"
#include "models/destinationtablemodel.h"
#include "models/destinationtrends.h"
#include "models/keyfigures.h"
#include "models/tickpreparer.h"
#include "models/trendmodel.h"
#include "pages/counterspage.h"
#include "pages/overviewpage.h"
#include "pages/portspage.h"
#include "widgets/counttile.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QThread>

#include <cmath>

using namespace Sockpit;

namespace {

// A snapshot at monotonicMs with `established` ESTABLISHED sockets and `timeWait`
// TIME_WAIT sockets toward 10.0.1.1:80 (and a third of them more toward 10.0.1.2:80),
// with counters whose rates grow with `second`.
Snapshot tick(int second, int established, int timeWait)
{
    const qint64 ms = Fixtures::TakenAtMonotonicMs + 1000 * qint64(second);
    std::vector<SocketRecord> sockets;
    EphemeralUsage ephemeral;
    ephemeral.config.range = {32768, 60999};
    ephemeral.usable = 28232;
    for (int i = 0; i < established; ++i)
        sockets.push_back(Fixtures::socket(Protocol::Tcp, SocketState::Established, "10.0.0.5", quint16(20000 + i),
                                           "10.0.0.7", 5432, 1000, quint32(100 + i)));
    const int counts[] = {timeWait, timeWait / 3};
    int port = 33000;
    for (int d = 0; d < 2; ++d) {
        const QByteArray remote = "10.0.1." + QByteArray::number(d + 1);
        DestinationUsage usage;
        usage.address = Fixtures::address(remote.constData());
        usage.port = 80;
        usage.sockets = counts[d];
        usage.timeWait = counts[d];
        usage.share = double(counts[d]) / ephemeral.usable;
        ephemeral.destinations.push_back(usage);
        for (int i = 0; i < counts[d]; ++i)
            sockets.push_back(
                Fixtures::socket(Protocol::Tcp, SocketState::TimeWait, "10.0.0.5", quint16(port++), remote.constData(), 80));
    }
    ephemeral.inUse = counts[0] + counts[1];
    ephemeral.distinctPorts = ephemeral.inUse;
    SockStat sockStat;
    sockStat.timeWait = counts[0] + counts[1];

    const QByteArray snmp = "Tcp: RetransSegs OutSegs ActiveOpens\nTcp: 0 0 0\n";
    const QByteArray netstat = "TcpExt: ListenOverflows TCPTimeWaitOverflow TW\nTcpExt: 0 0 0\n";
    const CounterSet earlier = CounterSet::parse(snmp, netstat);
    const QByteArray n = QByteArray::number(second);
    const QByteArray laterSnmp =
        QByteArray("Tcp: RetransSegs OutSegs ActiveOpens\nTcp: ") + n + ' ' + QByteArray::number(100 * second + 100) + " 7\n";
    const QByteArray laterNetstat = QByteArray("TcpExt: ListenOverflows TCPTimeWaitOverflow TW\nTcpExt: ")
                                    + QByteArray::number(2 * second) + " 1 " + n + '\n';
    CounterSet later = CounterSet::parse(laterSnmp, laterNetstat);
    later.deriveRates(earlier, 1.0);
    return SnapshotBuilder()
        .setTakenAt(Fixtures::TakenAt.addMSecs(ms - Fixtures::TakenAtMonotonicMs), ms)
        .setSource(SnapshotSource::Netlink)
        .setSockets(std::move(sockets))
        .setSockStat(sockStat)
        .setEphemeral(std::move(ephemeral))
        .setCounters(later)
        .build();
}

QList<Snapshot> ticks(int count)
{
    QList<Snapshot> result;
    for (int second = 0; second < count; ++second)
        result << tick(second, 3 + second % 4, 300 + 10 * second);
    return result;
}

// Every preparation on the preparer's own thread, and the test waits for it.
void offTheGuiThread(TickPreparer *preparer)
{
    preparer->setWorkerThreshold(0);
}

bool landed(TickPreparer *preparer)
{
    return QTest::qWaitFor([preparer] { return !preparer->isPreparing(); }, 20000);
}

bool preparedElsewhere(QThread *thread)
{
    return thread && thread != QThread::currentThread() && thread != qApp->thread();
}

// Least-squares slope of (seconds, value), the forecast's growth worked out directly.
double slope(const std::vector<std::pair<double, double>> &samples)
{
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto &[x, y] : samples) {
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

} // namespace

class TestTickPreparation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void overviewPreparedOffTheGuiThread();
    void overviewOutOfSightKeepsOnlyHistory();
    void portsPreparedOffTheGuiThread();
    void countersPreparedOffTheGuiThread();
    void newestResultWins();
};

void TestTickPreparation::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTickPreparation::overviewPreparedOffTheGuiThread()
{
    OverviewPage page;
    ModelTest::watchAll(&page);
    offTheGuiThread(page.preparer());
    // The same snapshots on the calling thread: what the page showed before the worker.
    OverviewPage inlinePage;
    inlinePage.preparer()->setWorkerThreshold(1 << 30);

    TrendModel timeWait(std::chrono::hours(24), 24 * 3600 + 60);
    std::vector<TrendModel> layers(OverviewPage::StateLayers, TrendModel(std::chrono::hours(24), 24 * 3600 + 60));
    DestinationTrends destinations;
    const QList<Snapshot> snapshots = ticks(12);
    for (const Snapshot &snapshot : snapshots) {
        page.showSnapshot(snapshot);
        inlinePage.showSnapshot(snapshot);
        const qint64 ms = snapshot.monotonicMs();
        timeWait.add(ms, snapshot.count(Protocol::Tcp, SocketState::TimeWait));
        const int tcp[] = {
            snapshot.count(Protocol::Tcp, SocketState::Established),
            snapshot.count(Protocol::Tcp, SocketState::TimeWait),
            snapshot.count(Protocol::Tcp, SocketState::CloseWait),
            snapshot.count(Protocol::Tcp, SocketState::SynSent) + snapshot.count(Protocol::Tcp, SocketState::SynRecv),
            snapshot.count(Protocol::Tcp, SocketState::FinWait1) + snapshot.count(Protocol::Tcp, SocketState::FinWait2)
                + snapshot.count(Protocol::Tcp, SocketState::Closing) + snapshot.count(Protocol::Tcp, SocketState::LastAck)
                + snapshot.count(Protocol::Tcp, SocketState::Close),
            snapshot.count(Protocol::Tcp, SocketState::Listen),
        };
        for (int i = 0; i < OverviewPage::StateLayers; ++i)
            layers[size_t(i)].add(ms, tcp[i]);
        destinations.add(snapshot);
    }
    QVERIFY(landed(page.preparer()));
    QVERIFY2(preparedElsewhere(page.prepared().preparedOn), "the Overview's tick was prepared on the GUI thread");
    QCOMPARE(inlinePage.prepared().preparedOn, QThread::currentThread());
    QVERIFY(page.preparer()->counters().onWorker >= snapshots.size());

    const Snapshot &last = snapshots.last();
    const qint64 now = last.monotonicMs();
    // Tiles: the snapshot's own counts and key figures.
    for (SocketState state : {SocketState::Established, SocketState::TimeWait, SocketState::Listen}) {
        QCOMPARE(page.stateTile(Protocol::Tcp, state)->valueText(),
                 QLocale().toString(last.count(Protocol::Tcp, state)));
    }
    const KeyFigures figures = KeyFigures::compute(last, UiSettings());
    QCOMPARE(page.figureTile(OverviewPage::FigureTile::TimeWait)->valueText(), figures.timeWait.text);
    QCOMPARE(page.figureTile(OverviewPage::FigureTile::TimeWait)->caption(), figures.timeWait.caption);
    QCOMPARE(page.figureTile(OverviewPage::FigureTile::Retransmissions)->valueText(), figures.retransmissions.text);
    QCOMPARE(page.figureTile(OverviewPage::FigureTile::ListenOverflows)->valueText(), figures.listenOverflows.text);
    QCOMPARE(page.portTile(OverviewPage::PortTile::TopDestination)->valueText(), QStringLiteral("10.0.1.1:80"));
    QCOMPARE(page.portTile(OverviewPage::PortTile::InUse)->valueText(),
             QLocale().toString(last.ephemeral().inUse));

    // Charts: the trends fed by hand.
    const auto window = std::chrono::seconds(300);
    QCOMPARE(page.timeWaitChart()->seriesData(0), timeWait.points(now, window));
    for (int i = 0; i < OverviewPage::StateLayers; ++i)
        QCOMPARE(page.stateChart()->seriesData(i), layers[size_t(i)].points(now, window));
    const QStringList top = destinations.top(OverviewPage::TopDestinations);
    QCOMPARE(top, (QStringList{QStringLiteral("10.0.1.1:80"), QStringLiteral("10.0.1.2:80")}));
    for (int i = 0; i < top.size(); ++i) {
        QCOMPARE(page.destinationChart()->seriesName(i), top[i]);
        QCOMPARE(page.destinationChart()->seriesData(i), destinations.points(top[i], now, window));
    }

    // Everything the tiles show equals the calling thread's preparation.
    for (auto which : {OverviewPage::FigureTile::TimeWait, OverviewPage::FigureTile::WorstDestination,
                       OverviewPage::FigureTile::ListenOverflows, OverviewPage::FigureTile::Retransmissions}) {
        QCOMPARE(page.figureTile(which)->valueText(), inlinePage.figureTile(which)->valueText());
        QCOMPARE(page.figureTile(which)->caption(), inlinePage.figureTile(which)->caption());
        QCOMPARE(page.figureTile(which)->level(), inlinePage.figureTile(which)->level());
    }
    for (auto which : {OverviewPage::PortTile::Range, OverviewPage::PortTile::Usable, OverviewPage::PortTile::InUse,
                       OverviewPage::PortTile::TopDestination}) {
        QCOMPARE(page.portTile(which)->valueText(), inlinePage.portTile(which)->valueText());
        QCOMPARE(page.portTile(which)->caption(), inlinePage.portTile(which)->caption());
    }
}

void TestTickPreparation::overviewOutOfSightKeepsOnlyHistory()
{
    QWidget window;
    auto *page = new OverviewPage(&window);
    offTheGuiThread(page->preparer());
    window.show();
    page->hide(); // another page is shown
    const QList<Snapshot> snapshots = ticks(5);
    TrendModel timeWait(std::chrono::hours(24), 24 * 3600 + 60);
    for (const Snapshot &snapshot : snapshots) {
        page->showSnapshot(snapshot);
        timeWait.add(snapshot.monotonicMs(), snapshot.count(Protocol::Tcp, SocketState::TimeWait));
    }
    QVERIFY(landed(page->preparer()));
    // The history kept up; nothing was prepared to show.
    QCOMPARE(page->timeWaitTrend().size(), snapshots.size());
    QCOMPARE(page->prepared().preparedOn, nullptr);
    QCOMPARE(page->stateTile(Protocol::Tcp, SocketState::TimeWait)->valueText(), QStringLiteral("—"));

    // Back in sight: one preparation from the latest, landed before catchUp() returns.
    page->show();
    page->catchUp();
    QVERIFY(!page->preparer()->isPreparing());
    QVERIFY(preparedElsewhere(page->prepared().preparedOn));
    QCOMPARE(page->stateTile(Protocol::Tcp, SocketState::TimeWait)->valueText(),
             QLocale().toString(snapshots.last().count(Protocol::Tcp, SocketState::TimeWait)));
    page->chartTabs()->setCurrentWidget(page->timeWaitChart());
    QCOMPARE(page->timeWaitChart()->seriesData(0), timeWait.points(snapshots.last().monotonicMs(), std::chrono::seconds(300)));
}

void TestTickPreparation::portsPreparedOffTheGuiThread()
{
    PortsPage page;
    ModelTest::watchAll(&page);
    offTheGuiThread(page.preparer());
    const QList<Snapshot> snapshots = ticks(30);
    std::vector<std::pair<double, double>> samples;
    for (const Snapshot &snapshot : snapshots) {
        page.showSnapshot(snapshot);
        samples.emplace_back(double(snapshot.monotonicMs()) / 1000.0, snapshot.ephemeral().destinations.front().sockets);
    }
    QVERIFY(landed(page.preparer()));
    QVERIFY2(preparedElsewhere(page.prepared().preparedOn), "the Ports page's tick was prepared on the GUI thread");

    const EphemeralUsage &usage = snapshots.last().ephemeral();
    DestinationTableModel *model = page.destinations();
    QCOMPARE(model->rowCount(), int(usage.destinations.size()));
    QCOMPARE(model->index(0, DestinationTableModel::DestinationColumn).data().toString(), QStringLiteral("10.0.1.1:80"));
    QCOMPARE(model->index(0, DestinationTableModel::SocketsColumn).data().toString(),
             QLocale().toString(usage.destinations.front().sockets));
    // 10 more sockets a second toward the first: its growth from the samples themselves.
    const double growth = slope(samples);
    QVERIFY(std::abs(growth - 10.0) < 1e-9);
    const double seconds = DestinationTableModel::secondsToExhaustion(usage.destinations.front().sockets, usage.usable, growth);
    QCOMPARE(model->index(0, DestinationTableModel::ForecastColumn).data(DestinationTableModel::SortRole).toDouble(),
             seconds);
    QCOMPARE(model->index(0, DestinationTableModel::ForecastColumn).data().toString(),
             DestinationTableModel::forecastText(seconds));
    QCOMPARE(page.prepared().split.size, 60999 - 32768 + 1);
}

void TestTickPreparation::countersPreparedOffTheGuiThread()
{
    CountersPage page;
    ModelTest::watchAll(&page);
    offTheGuiThread(page.preparer());
    const QList<Snapshot> snapshots = ticks(8);
    std::vector<TrendModel> trends(CountersPage::chartedCounters().size(),
                                   TrendModel(std::chrono::hours(24), 24 * 3600 + 60));
    for (const Snapshot &snapshot : snapshots) {
        page.showSnapshot(snapshot);
        for (size_t i = 0; i < trends.size(); ++i)
            if (const auto rate = snapshot.counters().rate(CountersPage::chartedCounters()[i]); rate && *rate >= 0)
                trends[i].add(snapshot.monotonicMs(), *rate);
    }
    QVERIFY(landed(page.preparer()));
    QVERIFY2(preparedElsewhere(page.prepared().preparedOn), "the Counters page's tick was prepared on the GUI thread");

    // The key counters first, in Sockpit's order, then the others as the kernel lists them.
    const CounterSet &counters = snapshots.last().counters();
    QStringList expected;
    for (const QByteArray &name : keyCounterNames())
        if (counters.find(name))
            expected << QString::fromLatin1(name);
    for (const Counter &counter : counters.counters())
        if (!expected.contains(QString::fromLatin1(counter.name)))
            expected << QString::fromLatin1(counter.name);
    CounterTableModel *model = page.model();
    QStringList shown;
    for (int row = 0; row < model->rowCount(); ++row)
        shown << model->index(row, CounterTableModel::NameColumn).data().toString();
    QCOMPARE(shown, expected);
    const int retrans = int(expected.indexOf(QStringLiteral("Tcp.RetransSegs")));
    QVERIFY(retrans >= 0);
    QCOMPARE(model->index(retrans, CounterTableModel::ValueColumn).data().toString(),
             QLocale().toString(qint64(snapshots.size() - 1)));

    const qint64 now = snapshots.last().monotonicMs();
    for (size_t i = 0; i < trends.size(); ++i)
        QCOMPARE(page.ratesChart()->seriesData(int(i)), trends[i].points(now, std::chrono::seconds(300)));
}

void TestTickPreparation::newestResultWins()
{
    // Ticks faster than they land: what is shown at the end is the last one's.
    OverviewPage page;
    offTheGuiThread(page.preparer());
    QSignalSpy prepared(page.preparer(), &TickPreparer::prepared);
    const QList<Snapshot> snapshots = ticks(20);
    for (const Snapshot &snapshot : snapshots)
        page.showSnapshot(snapshot);
    QVERIFY(landed(page.preparer()));
    const TickPreparer::Counters counters = page.preparer()->counters();
    QCOMPARE(counters.onWorker, snapshots.size());
    QCOMPARE(prepared.size() + counters.dropped, snapshots.size());
    QCOMPARE(page.prepared().nowMs, snapshots.last().monotonicMs());
    QCOMPARE(page.timeWaitTrend().size(), snapshots.size());
    QCOMPARE(page.stateTile(Protocol::Tcp, SocketState::TimeWait)->valueText(),
             QLocale().toString(snapshots.last().count(Protocol::Tcp, SocketState::TimeWait)));
}

QTEST_MAIN(TestTickPreparation)
#include "tst_tickpreparation.moc"
