// SPDX-License-Identifier: GPL-3.0-or-later
#include "guifixtures.h"
#include "modeltest.h"
#include "models/sockettablecontroller.h"
#include "models/sockettablemodel.h"
#include "sampling/owners.h"

#include <QDir>
#include <QItemSelectionModel>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Sockpit;

namespace {

// The Sockets table as the page wires it: the controller hands its rows to the model, and
// a model tester checks every change the model makes.
struct Table
{
    explicit Table(int workerThreshold = SocketTableController::DefaultWorkerThreshold)
    {
        controller.setWorkerThreshold(workerThreshold);
        QObject::connect(&controller, &SocketTableController::rowsChanged, &model, &SocketTableModel::present);
        ModelTest::watch(&model);
    }
    explicit Table(const Snapshot &snapshot) : Table() { controller.showSnapshotNow(snapshot); }

    SocketTableModel model;
    SocketTableController controller;
};

} // namespace

class TestSocketTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowAndColumnCount();
    void cellText_data();
    void cellText();
    void ownerColumnsFromProcessTable();
    void ownerHiddenWhenFdTableUnreadable();
    void sortByState();
    void sortByLocalEndpoint();
    void filterBySearchText_data();
    void filterBySearchText();
    void filterByState_data();
    void filterByState();
    void filterByStateAndSearch();
    void resetKeepsFilter();
    void diffMapsRowsByIdentity();
    void workerFiltersAndSortsExactRows();
    void workerKeepsSelectionAcrossTicks();
    void filterChangeDuringWorkerTick();
    void staleResultIsDropped();
    void staleWorkerJobsAreDropped();
    void finishNowLandsPendingWork();

private:
    // A /proc-like tree where pid 4242 ("nginx") holds socket inode 5555 on fd 3.
    OwnerTable ownersFromFakeProc(QTemporaryDir &root, bool withUnreadableProcess);
    static QStringList column(const QAbstractItemModel &model, int column);

    std::unique_ptr<Table> m_table;
};

void TestSocketTableModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_table = std::make_unique<Table>(Fixtures::snapshot());
}

QStringList TestSocketTableModel::column(const QAbstractItemModel &model, int column)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, column).data().toString());
    return result;
}

void TestSocketTableModel::rowAndColumnCount()
{
    QCOMPARE(m_table->model.rowCount(), Fixtures::FixedRows + Fixtures::TimeWaitCount);
    QCOMPARE(m_table->model.columnCount(), 11);
    QCOMPARE(m_table->model.headerData(SocketTableModel::RttColumn, Qt::Horizontal).toString(), QStringLiteral("RTT ms"));
    QCOMPARE(m_table->model.rowCount(m_table->model.index(0, 0)), 0); // a table, not a tree
}

void TestSocketTableModel::cellText_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QStringList>("expected");
    // protocol, family, state, local, remote, uid, inode, pid, process, rtt, retrans
    QTest::newRow("tcp ipv4 established")
        << 0
        << QStringList{u"tcp"_qs,  u"ipv4"_qs, u"ESTABLISHED"_qs, u"192.168.1.10:43512"_qs, u"93.184.216.34:443"_qs,
                       u"1000"_qs, u"5555"_qs, QString(),          u"—"_qs,                 u"12.50"_qs,
                       u"3"_qs};
    QTest::newRow("tcp ipv6 listen")
        << 1
        << QStringList{u"tcp"_qs, u"ipv6"_qs, u"LISTEN"_qs, u"[2001:db8::1]:8080"_qs, u"[::]:0"_qs, u"0"_qs,
                       u"6666"_qs, QString(), u"—"_qs,      QString(),                 u"0"_qs};
    QTest::newRow("udp ipv4 unconnected")
        << 2
        << QStringList{u"udp"_qs, u"ipv4"_qs, u"UNCONN"_qs, u"0.0.0.0:53"_qs, u"0.0.0.0:0"_qs, u"0"_qs,
                       u"7777"_qs, QString(), u"—"_qs,      QString(),         QString()};
    QTest::newRow("udp ipv6 connected")
        << 3
        << QStringList{u"udp"_qs,  u"ipv6"_qs, u"ESTABLISHED"_qs, u"[2001:db8::1]:5353"_qs, u"[2001:db8::2]:5353"_qs,
                       u"1000"_qs, u"7778"_qs, QString(),          u"—"_qs,                 QString(),
                       QString()};
    QTest::newRow("time-wait has no inode")
        << Fixtures::FixedRows
        << QStringList{u"tcp"_qs, u"ipv4"_qs, u"TIME_WAIT"_qs, u"10.0.0.5:40000"_qs, u"10.0.0.9:80"_qs, u"0"_qs,
                       QString(), QString(),  u"—"_qs,         QString(),             u"0"_qs};
}

void TestSocketTableModel::cellText()
{
    QFETCH(int, row);
    QFETCH(QStringList, expected);
    QCOMPARE(expected.size(), SocketTableModel::ColumnCount);
    for (int column = 0; column < SocketTableModel::ColumnCount; ++column) {
        const QString actual = m_table->model.index(row, column).data(Qt::DisplayRole).toString();
        if (actual != expected.at(column))
            QFAIL(qPrintable(QStringLiteral("column %1: got \"%2\", expected \"%3\"")
                                 .arg(m_table->model.headerData(column, Qt::Horizontal).toString(), actual,
                                      expected.at(column))));
    }
}

OwnerTable TestSocketTableModel::ownersFromFakeProc(QTemporaryDir &root, bool withUnreadableProcess)
{
    const QDir dir(root.path());
    dir.mkpath(QStringLiteral("4242/fd"));
    QFile stat(dir.filePath(QStringLiteral("4242/stat")));
    stat.open(QIODevice::WriteOnly);
    stat.write("4242 (nginx) S 1 4242 4242 0 -1 4194624 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0\n");
    stat.close();
    QFile cmdline(dir.filePath(QStringLiteral("4242/cmdline")));
    cmdline.open(QIODevice::WriteOnly);
    cmdline.write(QByteArray("nginx: master process\0", 22));
    cmdline.close();
    QFile status(dir.filePath(QStringLiteral("4242/status")));
    status.open(QIODevice::WriteOnly);
    status.write("Name:\tnginx\nUid:\t0\t0\t0\t0\n");
    status.close();
    QFile::link(QStringLiteral("socket:[5555]"), dir.filePath(QStringLiteral("4242/fd/3")));
    if (withUnreadableProcess) {
        dir.mkpath(QStringLiteral("4343/fd"));
        QFile::setPermissions(dir.filePath(QStringLiteral("4343/fd")), QFileDevice::Permissions());
    }
    OwnerResolver resolver{ProcRoot(root.path())};
    const Snapshot plain = Fixtures::snapshot();
    return resolver.resolve(plain.sockets());
}

void TestSocketTableModel::ownerColumnsFromProcessTable()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    Table table(Fixtures::snapshot(ownersFromFakeProc(root, false)));
    const SocketTableModel &model = table.model;
    QCOMPARE(model.index(0, SocketTableModel::PidColumn).data().toString(), u"4242"_qs);
    QCOMPARE(model.index(0, SocketTableModel::ProcessColumn).data().toString(), u"nginx"_qs);
    QVERIFY(model.index(0, SocketTableModel::ProcessColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"nginx: master process"_qs));
    // Kernel-held sockets (TIME_WAIT, no inode) have no process.
    QCOMPARE(model.index(Fixtures::FixedRows, SocketTableModel::ProcessColumn).data().toString(), u"—"_qs);
    QCOMPARE(model.index(Fixtures::FixedRows, SocketTableModel::PidColumn).data().toString(), QString());

    table.controller.setSearchText(u"NGINX"_qs);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, SocketTableModel::InodeColumn).data().toString(), u"5555"_qs);

    table.controller.setSearchText(QString());
    table.controller.sort(SocketTableModel::ProcessColumn, Qt::AscendingOrder);
    QCOMPARE(model.index(0, SocketTableModel::ProcessColumn).data().toString(), u"nginx"_qs);
}

void TestSocketTableModel::ownerHiddenWhenFdTableUnreadable()
{
    if (::geteuid() == 0)
        QSKIP("root reads every fd table: an unreadable one cannot be staged");
    QTemporaryDir root;
    QVERIFY(root.isValid());
    Table table(Fixtures::snapshot(ownersFromFakeProc(root, true)));
    const SocketTableModel &model = table.model;
    QFile::setPermissions(root.filePath(QStringLiteral("4343/fd")), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                                        | QFileDevice::ExeOwner);
    QCOMPARE(model.index(1, SocketTableModel::ProcessColumn).data().toString(), u"hidden (needs root)"_qs);
    QCOMPARE(model.index(0, SocketTableModel::ProcessColumn).data().toString(), u"nginx"_qs);
}

void TestSocketTableModel::sortByState()
{
    Table table(Fixtures::snapshot());
    const SocketTableModel &model = table.model;
    table.controller.sort(SocketTableModel::StateColumn, Qt::AscendingOrder);
    QCOMPARE(model.rowCount(), Fixtures::FixedRows + Fixtures::TimeWaitCount);

    QStringList states = column(model, SocketTableModel::StateColumn);
    states.removeDuplicates();
    // Kernel order: ESTABLISHED(1), SYN_RECV(3), TIME_WAIT(6), CLOSE(7, UDP: UNCONN),
    // CLOSE_WAIT(8), LISTEN(10); TCP before UDP within a state.
    QCOMPARE(states, (QStringList{u"ESTABLISHED"_qs, u"SYN_RECV"_qs, u"TIME_WAIT"_qs, u"UNCONN"_qs,
                                  u"CLOSE_WAIT"_qs, u"LISTEN"_qs}));
    QCOMPARE(model.index(0, SocketTableModel::ProtocolColumn).data().toString(), u"tcp"_qs);
    QCOMPARE(model.index(1, SocketTableModel::ProtocolColumn).data().toString(), u"udp"_qs);

    table.controller.sort(SocketTableModel::StateColumn, Qt::DescendingOrder);
    QCOMPARE(model.index(0, SocketTableModel::StateColumn).data().toString(), u"LISTEN"_qs);
    QCOMPARE(model.index(model.rowCount() - 1, SocketTableModel::StateColumn).data().toString(), u"ESTABLISHED"_qs);
}

void TestSocketTableModel::sortByLocalEndpoint()
{
    Table table(Fixtures::snapshot());
    const SocketTableModel &model = table.model;
    table.controller.sort(SocketTableModel::LocalColumn, Qt::AscendingOrder);
    // IPv4 before IPv6, then address bytes, then port (numerically: 40000 before 40001 .. 41499).
    QCOMPARE(model.index(0, SocketTableModel::LocalColumn).data().toString(), u"0.0.0.0:53"_qs);
    QCOMPARE(model.index(1, SocketTableModel::LocalColumn).data().toString(), u"10.0.0.5:40000"_qs);
    QCOMPARE(model.index(2, SocketTableModel::LocalColumn).data().toString(), u"10.0.0.5:40001"_qs);
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last - 1, SocketTableModel::LocalColumn).data().toString(), u"[2001:db8::1]:5353"_qs);
    QCOMPARE(model.index(last, SocketTableModel::LocalColumn).data().toString(), u"[2001:db8::1]:8080"_qs);
}

void TestSocketTableModel::filterBySearchText_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("rows");
    QTest::newRow("remote address prefix") << u"93.184"_qs << 1;
    QTest::newRow("ipv6 address") << u"2001:db8::1"_qs << 2;
    QTest::newRow("port") << u":5432"_qs << 1;
    QTest::newRow("state, any case") << u"time_wait"_qs << Fixtures::TimeWaitCount;
    QTest::newRow("ss spelling of unconnected") << u"unconn"_qs << 1;
    QTest::newRow("protocol") << u"udp"_qs << 2;
    QTest::newRow("inode") << u"7778"_qs << 1;
    QTest::newRow("spaces around") << u"  93.184.216.34:443 "_qs << 1;
    QTest::newRow("no match") << u"203.0.113.1"_qs << 0;
    QTest::newRow("empty shows all") << QString() << Fixtures::FixedRows + Fixtures::TimeWaitCount;
}

void TestSocketTableModel::filterBySearchText()
{
    QFETCH(QString, search);
    QFETCH(int, rows);
    Table table(Fixtures::snapshot());
    table.controller.setSearchText(search);
    QCOMPARE(table.model.rowCount(), rows);
}

void TestSocketTableModel::filterByState_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("rows");
    QTest::newRow("tcp TIME_WAIT") << int(Protocol::Tcp) << int(SocketState::TimeWait) << Fixtures::TimeWaitCount;
    QTest::newRow("tcp ESTABLISHED") << int(Protocol::Tcp) << int(SocketState::Established) << 1;
    QTest::newRow("udp ESTABLISHED (connected)") << int(Protocol::Udp) << int(SocketState::Established) << 1;
    QTest::newRow("udp CLOSE (unconnected)") << int(Protocol::Udp) << int(SocketState::Close) << 1;
    QTest::newRow("tcp CLOSE: none") << int(Protocol::Tcp) << int(SocketState::Close) << 0;
}

void TestSocketTableModel::filterByState()
{
    QFETCH(int, protocol);
    QFETCH(int, state);
    QFETCH(int, rows);
    Table table(Fixtures::snapshot());
    const SocketTableModel &model = table.model;
    table.controller.setStateFilter(StateKey{Protocol(protocol), SocketState(state)});
    QCOMPARE(model.rowCount(), rows);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, SocketTableModel::ProtocolColumn).data().toString(),
                 protocol == int(Protocol::Tcp) ? u"tcp"_qs : u"udp"_qs);
    table.controller.setStateFilter(std::nullopt);
    QCOMPARE(model.rowCount(), Fixtures::FixedRows + Fixtures::TimeWaitCount);
}

void TestSocketTableModel::filterByStateAndSearch()
{
    Table table(Fixtures::snapshot());
    table.controller.setStateFilter(StateKey{Protocol::Tcp, SocketState::TimeWait});
    table.controller.setSearchText(u"10.0.0.5:4100"_qs); // 41000 .. 41009
    QCOMPARE(table.model.rowCount(), 10);
    table.controller.setStateFilter(StateKey{Protocol::Tcp, SocketState::Established});
    QCOMPARE(table.model.rowCount(), 0);
}

void TestSocketTableModel::resetKeepsFilter()
{
    Table table;
    table.controller.setStateFilter(StateKey{Protocol::Tcp, SocketState::Listen});
    QCOMPARE(table.model.rowCount(), 0);
    table.controller.showSnapshot(Fixtures::snapshot());
    QCOMPARE(table.model.rowCount(), 1);
    QCOMPARE(table.model.index(0, SocketTableModel::LocalColumn).data().toString(), u"[2001:db8::1]:8080"_qs);
}

namespace {

// count TIME_WAIT sockets 10.0.0.5:(1024 + n) -> 10.1.0.1:80 for n = shift .. shift + count - 1,
// listed in the kernel order a dump gives: descending local port, so any sort is real work.
Snapshot ports(int count, int shift)
{
    std::vector<SocketRecord> sockets;
    for (int i = count - 1; i >= 0; --i)
        sockets.push_back(Fixtures::socket(Protocol::Tcp, SocketState::TimeWait, "10.0.0.5", quint16(1024 + shift + i),
                                           "10.1.0.1", 80, 0));
    return SnapshotBuilder().setTakenAt(Fixtures::TakenAt, 0).setSockets(std::move(sockets)).build();
}

QList<int> localPorts(const SocketTableModel &model)
{
    QList<int> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.record(row).localPort);
    return result;
}

QList<int> portRange(int first, int last, int step = 1)
{
    QList<int> result;
    for (int port = first; step > 0 ? port <= last : port >= last; port += step)
        result.append(port);
    return result;
}

} // namespace

void TestSocketTableModel::diffMapsRowsByIdentity()
{
    // Ports 1024..1033 (rows 0..9, descending), then 1027..1036: 1024..1026 gone (the last
    // three rows, one run), 1034..1036 new, the rest moved down by three rows.
    const Snapshot before = ports(10, 0);
    const Snapshot after = ports(10, 3);
    const SocketRows::Match match = SocketRows::match(before, nullptr, after);
    QCOMPARE(match.stats.removed, 3);
    QCOMPARE(match.stats.removedRanges, 1);
    QCOMPARE(match.stats.inserted, 3);
    QCOMPARE(match.stats.changed, 0);
    QVERIFY(!match.stats.reset);
    QCOMPARE(match.rowMap, (std::vector<int>{3, 4, 5, 6, 7, 8, 9, -1, -1, -1}));
    QCOMPARE(match.keys->size(), size_t(10));
    // The same snapshot maps every row to itself.
    const SocketRows::Match same = SocketRows::match(after, match.keys, after);
    QCOMPARE(same.rowMap, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    QCOMPARE(same.keys, match.keys);

    // What the model is handed maps shown rows, not sockets: sorted by port, the rows of
    // 1027..1033 move up three places and the three sorted last (1024..1026) go.
    SocketFilter sorted;
    sorted.sortColumn = SocketTableModel::LocalColumn;
    const auto shown = std::make_shared<const SocketRows>(before, nullptr, SocketRows::order(before, sorted));
    const SocketTableController::Prepared prepared = SocketTableController::prepare({1, shown, after, sorted});
    QCOMPARE(prepared.update.rowMap, (std::vector<int>{-1, -1, -1, 0, 1, 2, 3, 4, 5, 6}));
    QCOMPARE(prepared.update.rows->record(0).localPort, quint16(1027));
    QVERIFY(!prepared.update.reset);
}

void TestSocketTableModel::workerFiltersAndSortsExactRows()
{
    Table table(0); // everything through the worker
    SocketTableController &controller = table.controller;
    const SocketTableModel &model = table.model;
    controller.setStateFilter(StateKey{Protocol::Tcp, SocketState::Listen});
    controller.showSnapshot(Fixtures::snapshot());
    // The snapshot is there at once; with a filter set, no row shows until the worker's order.
    QCOMPARE(model.snapshot().sockets().size(), size_t(Fixtures::FixedRows + Fixtures::TimeWaitCount));
    QVERIFY(controller.isPreparing());
    QCOMPARE(model.rowCount(), 0);
    QTRY_VERIFY(!controller.isPreparing());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, SocketTableModel::LocalColumn).data().toString(), u"[2001:db8::1]:8080"_qs);

    // A new sort and search go through the worker too; until then the table is unchanged.
    controller.setStateFilter(std::nullopt);
    controller.setSearchText(u"10.0.0.5:4000"_qs); // 40000 .. 40009
    controller.sort(SocketTableModel::LocalColumn, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), 1);
    QTRY_VERIFY(!controller.isPreparing());
    QCOMPARE(controller.counters().applied, 2);
    QCOMPARE(column(model, SocketTableModel::LocalColumn),
             (QStringList{u"10.0.0.5:40009"_qs, u"10.0.0.5:40008"_qs, u"10.0.0.5:40007"_qs, u"10.0.0.5:40006"_qs,
                          u"10.0.0.5:40005"_qs, u"10.0.0.5:40004"_qs, u"10.0.0.5:40003"_qs, u"10.0.0.5:40002"_qs,
                          u"10.0.0.5:40001"_qs, u"10.0.0.5:40000"_qs}));
}

void TestSocketTableModel::workerKeepsSelectionAcrossTicks()
{
    Table table(0);
    SocketTableController &controller = table.controller;
    SocketTableModel &model = table.model;
    QItemSelectionModel selection(&model);
    controller.sort(SocketTableModel::LocalColumn, Qt::AscendingOrder);
    controller.showSnapshot(ports(100, 0));
    QTRY_VERIFY(!controller.isPreparing());
    QCOMPARE(localPorts(model), portRange(1024, 1123));

    // Select ports 1074 and 1075 (rows 50, 51), current on 1075; and 1030, which goes.
    selection.select(model.index(50, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.select(model.index(6, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.setCurrentIndex(model.index(51, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);

    // The next tick loses ports 1024..1033 and gains 1124..1133.
    controller.showSnapshot(ports(100, 10));
    QCOMPARE(localPorts(model), portRange(1024, 1123)); // still the old tick until it is prepared
    QTRY_VERIFY(!controller.isPreparing());
    QCOMPARE(model.lastUpdate().removed, 10);
    QCOMPARE(model.lastUpdate().inserted, 10);
    QCOMPARE(localPorts(model), portRange(1034, 1133));
    QList<int> selected;
    for (const QModelIndex &index : selection.selectedRows())
        selected.append(model.record(index.row()).localPort);
    std::sort(selected.begin(), selected.end());
    QCOMPARE(selected, (QList<int>{1074, 1075}));
    QCOMPARE(selection.currentIndex().row(), 1075 - 1034);

    // Sorting the other way keeps them too.
    controller.sort(SocketTableModel::LocalColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!controller.isPreparing());
    QCOMPARE(localPorts(model), portRange(1133, 1034, -1));
    QCOMPARE(selection.currentIndex().row(), 1133 - 1075);
    QCOMPARE(selection.selectedRows().size(), 2);
}

void TestSocketTableModel::filterChangeDuringWorkerTick()
{
    // A filter change while a snapshot is being prepared: the newer request carries both,
    // and the table never shows the new snapshot with the old filter.
    Table table(0);
    SocketTableController &controller = table.controller;
    controller.showSnapshotNow(ports(50, 0));
    controller.showSnapshot(ports(50, 100));
    controller.setSearchText(u":115"_qs); // 1150 .. 1159
    QTRY_VERIFY(!controller.isPreparing());
    QCOMPARE(controller.counters().applied, 1);
    QCOMPARE(controller.counters().dropped, 1);
    QCOMPARE(localPorts(table.model), portRange(1159, 1150, -1)); // kernel order: descending
}

void TestSocketTableModel::staleResultIsDropped()
{
    Table table;
    SocketTableController &controller = table.controller;
    const SocketTableModel &model = table.model;
    controller.showSnapshotNow(ports(20, 0));
    // Prepared by hand for the next snapshot, then overtaken by a filter change.
    SocketTableController::Request job = controller.currentRequest();
    job.target = ports(20, 5);
    const SocketTableController::Prepared stale = SocketTableController::prepare(job);
    QCOMPARE(stale.update.rows->size(), 20);
    controller.setSearchText(u":103"_qs); // 1030 .. 1039 of the current snapshot, on this thread
    QVERIFY(!controller.applyPrepared(stale));
    QCOMPARE(controller.counters().dropped, 1);
    QCOMPARE(model.snapshot().sockets().size(), size_t(20));
    QCOMPARE(model.snapshot().sockets().front().localPort, quint16(1043)); // still the first snapshot
    QCOMPARE(localPorts(model), portRange(1039, 1030, -1));

    // The same job prepared for the current generation lands.
    job = controller.currentRequest();
    job.target = ports(20, 5);
    QVERIFY(controller.applyPrepared(SocketTableController::prepare(job)));
    QCOMPARE(model.snapshot().sockets().front().localPort, quint16(1048));
    QCOMPARE(localPorts(model), portRange(1039, 1030, -1));
    // A result whose base is no longer shown is stale too, whatever its generation.
    SocketTableController::Request old = controller.currentRequest();
    old.target = ports(20, 7);
    SocketTableController::Prepared moved = SocketTableController::prepare(old);
    controller.showSnapshotNow(ports(20, 9));
    moved.generation = controller.generation();
    QVERIFY(!controller.applyPrepared(moved));
    QCOMPARE(model.snapshot().sockets().front().localPort, quint16(1052));
}

void TestSocketTableModel::staleWorkerJobsAreDropped()
{
    Table table(0);
    SocketTableController &controller = table.controller;
    controller.sort(SocketTableModel::LocalColumn, Qt::AscendingOrder);
    controller.showSnapshotNow(ports(30, 0));
    // Three ticks before the event loop runs: only the last one may land.
    controller.showSnapshot(ports(30, 1));
    controller.showSnapshot(ports(30, 2));
    controller.showSnapshot(ports(30, 3));
    QTRY_VERIFY(!controller.isPreparing());
    QCOMPARE(controller.counters().applied, 1);
    QCOMPARE(controller.counters().dropped, 2);
    QCOMPARE(localPorts(table.model), portRange(1027, 1056));
    // Matched against what the table showed (ports 1024..1053), not a dropped tick.
    QCOMPARE(table.model.lastUpdate().removed, 3);
    QCOMPARE(table.model.lastUpdate().inserted, 3);
}

void TestSocketTableModel::finishNowLandsPendingWork()
{
    Table table(0);
    SocketTableController &controller = table.controller;
    controller.showSnapshotNow(ports(30, 0));
    controller.showSnapshot(ports(30, 10));
    controller.sort(SocketTableModel::LocalColumn, Qt::AscendingOrder);
    QVERIFY(controller.isPreparing());
    controller.finishNow(); // before an export: no waiting for the worker
    QVERIFY(!controller.isPreparing());
    QCOMPARE(localPorts(table.model), portRange(1034, 1063));
    // The worker's two answers (snapshot, then sort), when they come, are stale.
    QTRY_COMPARE(controller.counters().dropped, 2);
    QCOMPARE(localPorts(table.model), portRange(1034, 1063));
}

QTEST_MAIN(TestSocketTableModel)
#include "tst_sockettablemodel.moc"
