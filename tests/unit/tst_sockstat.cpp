// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixtures.h"
#include "sampling/sockstat.h"

#include <QTest>

using namespace Sockpit;

namespace {

// The fields in a fixed order, so a table row can list them all.
QList<qint64> fields(const SockStat &s)
{
    return { s.socketsUsed, s.tcpInUse, s.tcpOrphans, s.timeWait, s.tcpAllocated, s.tcpMemoryPages, s.udpInUse,
        s.udpMemoryPages, s.tcp6InUse, s.udp6InUse, s.rawInUse, s.raw6InUse };
}

} // namespace

class TestSockStat final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void timeWaitMatchesTable();
    void partialInput_data();
    void partialInput();
};

void TestSockStat::fixtures_data()
{
    QTest::addColumn<QString>("directory");
    QTest::addColumn<QList<qint64>>("expected");

    // used, TCP inuse/orphan/tw/alloc/mem, UDP inuse/mem, TCP6, UDP6, RAW, RAW6 as the
    // captures show them. "TCP: mem" is the host-wide page count (268 on the capturing
    // machine), not the namespace's.
    QTest::newRow("proc-ipv4") << QStringLiteral("proc-ipv4")
                               << QList<qint64> { 17, 14, 0, 4, 15, 268, 3, 0, 0, 0, 0, 0 };
    QTest::newRow("proc-ipv6") << QStringLiteral("proc-ipv6")
                               << QList<qint64> { 17, 4, 0, 4, 15, 268, 0, 0, 10, 3, 0, 0 };
    QTest::newRow("proc-empty") << QStringLiteral("proc-empty")
                                << QList<qint64> { 0, 0, 0, 0, 1, 268, 0, 0, 0, 0, 0, 0 };
    QTest::newRow("proc-thousands") << QStringLiteral("proc-thousands")
                                    << QList<qint64> { 1001, 1001, 0, 2000, 1002, 268, 0, 0, 0, 0, 0, 0 };
}

void TestSockStat::fixtures()
{
    QFETCH(QString, directory);
    QFETCH(QList<qint64>, expected);

    SOCKPIT_LOAD_FIXTURE(v4, (directory + QStringLiteral("/net/sockstat")).toUtf8().constData());
    SOCKPIT_LOAD_FIXTURE(v6, (directory + QStringLiteral("/net/sockstat6")).toUtf8().constData());
    QCOMPARE(fields(parseSockStat(v4, v6)), expected);
}

// sockstat's "tw" is the namespace's TIME_WAIT count; the thousands capture has every
// one of them in /proc/net/tcp.
void TestSockStat::timeWaitMatchesTable()
{
    SOCKPIT_LOAD_FIXTURE(sockstat, "proc-thousands/net/sockstat");
    SOCKPIT_LOAD_FIXTURE(tcp, "proc-thousands/net/tcp");
    const SockStat stat = parseSockStat(sockstat, {});
    QCOMPARE(stat.timeWait, qint64(SockpitTest::stateColumn(tcp).count("06")));
    QCOMPARE(stat.timeWait, qint64 { 2000 });
}

void TestSockStat::partialInput_data()
{
    QTest::addColumn<QByteArray>("sockstat");
    QTest::addColumn<QByteArray>("sockstat6");
    QTest::addColumn<QList<qint64>>("expected");

    const QList<qint64> none(12, -1);
    QTest::newRow("both empty") << QByteArray() << QByteArray() << none;
    QTest::newRow("sockstat6 missing") << QByteArray(
        "sockets: used 5\nTCP: inuse 2 orphan 1 tw 3 alloc 4 mem 9\nUDP: inuse 1 mem 2\nRAW: inuse 0\n")
                                       << QByteArray() << QList<qint64> { 5, 2, 1, 3, 4, 9, 1, 2, -1, -1, 0, -1 };
    QTest::newRow("TCP: inuse 7 (no other keys)") << QByteArray("TCP: inuse 7\n") << QByteArray()
                                                  << QList<qint64> { -1, 7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };
    QTest::newRow("TCP: inuse (key without value)") << QByteArray("TCP: inuse\n") << QByteArray() << none;
    QTest::newRow("TCP: inuse x tw 4") << QByteArray("TCP: inuse x tw 4\n") << QByteArray()
                                       << QList<qint64> { -1, -1, -1, 4, -1, -1, -1, -1, -1, -1, -1, -1 };
    QTest::newRow("TCP: tw 4 newkey 9") << QByteArray("TCP: tw 4 newkey 9\n") << QByteArray()
                                        << QList<qint64> { -1, -1, -1, 4, -1, -1, -1, -1, -1, -1, -1, -1 };
    QTest::newRow("no final newline") << QByteArray("UDP: inuse 3 mem 1") << QByteArray("TCP6: inuse 2")
                                      << QList<qint64> { -1, -1, -1, -1, -1, -1, 3, 1, 2, -1, -1, -1 };
    QTest::newRow("UDPLITE is not UDP") << QByteArray("UDPLITE: inuse 8\n") << QByteArray("UDPLITE6: inuse 8\n")
                                        << none;
    QTest::newRow("label without colon") << QByteArray("TCP inuse 7\n") << QByteArray() << none;
}

void TestSockStat::partialInput()
{
    QFETCH(QByteArray, sockstat);
    QFETCH(QByteArray, sockstat6);
    QFETCH(QList<qint64>, expected);
    QCOMPARE(fields(parseSockStat(sockstat, sockstat6)), expected);
}

QTEST_GUILESS_MAIN(TestSockStat)
#include "tst_sockstat.moc"
