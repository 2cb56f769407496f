// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixtures.h"
#include "sampling/netcounters.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Sockpit;

namespace {

CounterSet loadCounters(const char *directory, bool &ok)
{
    QByteArray snmp;
    QByteArray netstat;
    const QByteArray snmpPath = QByteArray(directory) + "/net/snmp";
    const QByteArray netstatPath = QByteArray(directory) + "/net/netstat";
    ok = SockpitTest::readFixture(snmpPath.constData(), snmp)
        && SockpitTest::readFixture(netstatPath.constData(), netstat);
    return CounterSet::parse(snmp, netstat);
}

// Counter names counted the simple way: every word after the label on the first line of
// each pair.
int namesInPairs(const QByteArray &text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    int names = 0;
    for (qsizetype i = 0; i + 1 < lines.size(); i += 2)
        names += int(lines.at(i).simplified().split(' ').size()) - 1;
    return names;
}

} // namespace

class TestNetCounters final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureValues_data();
    void fixtureValues();
    void everyCounterOfTheFiles();
    void sortedAndFound();
    void keyCountersExistInTheKernel_data();
    void keyCountersExistInTheKernel();
    void malformedPairs_data();
    void malformedPairs();
    void rates_data();
    void rates();
    void ratesBetweenCaptures();
};

void TestNetCounters::fixtureValues_data()
{
    QTest::addColumn<QByteArray>("directory");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<qint64>("value");

    // What capture.py did in each namespace: ipv4 opened 3 + 2 + 4 connections and kept
    // 10 established ends; thousands opened 2000 + 500 and kept 1000.
    const auto row = [](const char *directory, const char *name, qint64 value) {
        QTest::addRow("%s %s", directory, name) << QByteArray(directory) << QByteArray(name) << value;
    };
    row("proc-ipv4", "Tcp.ActiveOpens", 9);
    row("proc-ipv4", "Tcp.PassiveOpens", 9);
    row("proc-ipv4", "Tcp.CurrEstab", 10);
    row("proc-ipv4", "Tcp.MaxConn", -1); // RFC 2012: -1 means dynamic
    row("proc-ipv4", "Tcp.OutSegs", 41);
    row("proc-ipv4", "TcpExt.TW", 4);
    row("proc-thousands", "Tcp.ActiveOpens", 2500);
    row("proc-thousands", "Tcp.CurrEstab", 1000);
    row("proc-thousands", "Tcp.OutSegs", 13503);
    row("proc-thousands", "TcpExt.TW", 2000);
    row("proc-thousands", "TcpExt.ListenOverflows", 0);
    row("proc-empty", "Tcp.ActiveOpens", 0);
    row("proc-empty", "Tcp.MaxConn", -1);
    row("proc-empty", "Ip.DefaultTTL", 64);
    row("proc-empty", "Ip.Forwarding", 2); // 2: not forwarding (RFC 1213 ipForwarding)
}

void TestNetCounters::fixtureValues()
{
    QFETCH(QByteArray, directory);
    QFETCH(QByteArray, name);
    QFETCH(qint64, value);

    bool ok = false;
    const CounterSet set = loadCounters(directory.constData(), ok);
    QVERIFY(ok);
    QCOMPARE(set.value(name), std::optional<qint64>(value));
    QVERIFY(!set.rate(name)); // no earlier sample
}

void TestNetCounters::everyCounterOfTheFiles()
{
    SOCKPIT_LOAD_FIXTURE(snmp, "proc-thousands/net/snmp");
    SOCKPIT_LOAD_FIXTURE(netstat, "proc-thousands/net/netstat");
    const CounterSet set = CounterSet::parse(snmp, netstat);
    QCOMPARE(int(set.counters().size()), namesInPairs(snmp) + namesInPairs(netstat));
    QCOMPARE(set.counters().size(), std::size_t { 311 });
    QCOMPARE(int(CounterSet::parse(snmp, {}).counters().size()), namesInPairs(snmp));
    QVERIFY(CounterSet::parse({}, {}).isEmpty());
}

void TestNetCounters::sortedAndFound()
{
    bool ok = false;
    const CounterSet set = loadCounters("proc-ipv4", ok);
    QVERIFY(ok);
    const auto &counters = set.counters();
    for (std::size_t i = 1; i < counters.size(); ++i)
        QVERIFY2(counters[i - 1].name < counters[i].name, counters[i].name.constData());
    for (const Counter &c : counters) {
        const Counter *found = set.find(c.name);
        QVERIFY(found);
        QCOMPARE(found, &c);
    }
    QVERIFY(!set.find("Tcp."));
    QVERIFY(!set.find("tcp.ActiveOpens")); // names are case-sensitive, as the kernel prints them
    QVERIFY(!set.find("Tcp.ActiveOpen"));
    QVERIFY(!set.find("ActiveOpens"));
    QVERIFY(!set.find(""));
    QVERIFY(!set.find("ZZZ.last"));
    QVERIFY(!set.value("AAA.first"));
    // Groups from both files.
    QVERIFY(set.find("Udp.InDatagrams"));
    QVERIFY(set.find("IpExt.InOctets"));
    QVERIFY(set.find("MPTcpExt.MPCapableSYNRX"));
}

void TestNetCounters::keyCountersExistInTheKernel_data()
{
    QTest::addColumn<QByteArray>("name");
    for (const QByteArray &name : keyCounterNames())
        QTest::newRow(name.constData()) << name;
}

void TestNetCounters::keyCountersExistInTheKernel()
{
    QFETCH(QByteArray, name);
    for (const char *directory : { "proc-ipv4", "proc-empty", "proc-thousands" }) {
        bool ok = false;
        const CounterSet set = loadCounters(directory, ok);
        QVERIFY(ok);
        QVERIFY2(set.find(name), directory);
    }
}

void TestNetCounters::malformedPairs_data()
{
    QTest::addColumn<QByteArray>("snmp");
    QTest::addColumn<QByteArray>("names"); // what is kept, comma-separated

    QTest::newRow("Tcp: A B / Tcp: 1 2") << QByteArray("Tcp: A B\nTcp: 1 2\n") << QByteArray("Tcp.A,Tcp.B");
    QTest::newRow("more names than values")
        << QByteArray("Tcp: A B C\nTcp: 1 2\nUdp: X\nUdp: 5\n") << QByteArray("Udp.X");
    QTest::newRow("more values than names") << QByteArray("Tcp: A\nTcp: 1 2\n") << QByteArray();
    QTest::newRow("header without values") << QByteArray("Tcp: A B\nUdp: X\nUdp: 5\n") << QByteArray("Udp.X");
    QTest::newRow("values of another group") << QByteArray("Tcp: A\nUdp: 1\n") << QByteArray();
    QTest::newRow("non-numeric value dropped") << QByteArray("Tcp: A B\nTcp: 1 x\n") << QByteArray("Tcp.A");
    QTest::newRow("negative value") << QByteArray("Tcp: MaxConn\nTcp: -1\n") << QByteArray("Tcp.MaxConn");
    QTest::newRow("no final newline") << QByteArray("Tcp: A\nTcp: 1") << QByteArray("Tcp.A");
    QTest::newRow("lone header at end") << QByteArray("Tcp: A\nTcp: 1\nUdp: X\n") << QByteArray("Tcp.A");
    QTest::newRow("blank lines") << QByteArray("\n\nTcp: A\nTcp: 1\n\n") << QByteArray("Tcp.A");
}

void TestNetCounters::malformedPairs()
{
    QFETCH(QByteArray, snmp);
    QFETCH(QByteArray, names);

    const CounterSet set = CounterSet::parse(snmp, {});
    QByteArrayList kept;
    for (const Counter &c : set.counters())
        kept.append(c.name);
    QCOMPARE(kept.join(','), names);
}

void TestNetCounters::rates_data()
{
    QTest::addColumn<QByteArray>("earlier");
    QTest::addColumn<QByteArray>("later");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<double>("perSecond"); // -1: no rate

    const QByteArray before = "Tcp: RetransSegs OutSegs CurrEstab\nTcp: 10 1000 5\n";
    QTest::newRow("10 -> 30 in 2 s") << before << QByteArray("Tcp: RetransSegs OutSegs CurrEstab\nTcp: 30 1000 5\n")
                                     << 2.0 << QByteArray("Tcp.RetransSegs") << 10.0;
    QTest::newRow("unchanged") << before << QByteArray("Tcp: RetransSegs OutSegs CurrEstab\nTcp: 30 1000 5\n") << 2.0
                               << QByteArray("Tcp.OutSegs") << 0.0;
    QTest::newRow("1000 -> 1001 in 0.5 s")
        << before << QByteArray("Tcp: RetransSegs OutSegs CurrEstab\nTcp: 10 1001 5\n") << 0.5
        << QByteArray("Tcp.OutSegs") << 2.0;
    QTest::newRow("went backwards (reset)")
        << before << QByteArray("Tcp: RetransSegs OutSegs CurrEstab\nTcp: 3 1000 5\n") << 2.0
        << QByteArray("Tcp.RetransSegs") << -1.0;
    QTest::newRow("zero interval") << before << QByteArray("Tcp: RetransSegs OutSegs CurrEstab\nTcp: 30 1000 5\n")
                                   << 0.0 << QByteArray("Tcp.RetransSegs") << -1.0;
    QTest::newRow("negative interval") << before << QByteArray("Tcp: RetransSegs OutSegs CurrEstab\nTcp: 30 1000 5\n")
                                       << -1.0 << QByteArray("Tcp.RetransSegs") << -1.0;
    QTest::newRow("NaN interval") << before << QByteArray("Tcp: RetransSegs OutSegs CurrEstab\nTcp: 30 1000 5\n")
                                  << std::numeric_limits<double>::quiet_NaN() << QByteArray("Tcp.RetransSegs") << -1.0;
    QTest::newRow("absent before") << QByteArray("Tcp: OutSegs\nTcp: 1\n")
                                   << QByteArray("Tcp: RetransSegs OutSegs\nTcp: 30 3\n") << 1.0
                                   << QByteArray("Tcp.RetransSegs") << -1.0;
    QTest::newRow("present before and after, others absent")
        << QByteArray("Tcp: OutSegs\nTcp: 1\n") << QByteArray("Tcp: RetransSegs OutSegs\nTcp: 30 3\n") << 1.0
        << QByteArray("Tcp.OutSegs") << 2.0;
    QTest::newRow("negative gauge constant")
        << QByteArray("Tcp: MaxConn\nTcp: -1\n") << QByteArray("Tcp: MaxConn\nTcp: -1\n") << 1.0
        << QByteArray("Tcp.MaxConn") << 0.0;
}

void TestNetCounters::rates()
{
    QFETCH(QByteArray, earlier);
    QFETCH(QByteArray, later);
    QFETCH(double, seconds);
    QFETCH(QByteArray, name);
    QFETCH(double, perSecond);

    const CounterSet before = CounterSet::parse(earlier, {});
    CounterSet after = CounterSet::parse(later, {});
    after.deriveRates(before, seconds);
    const Counter *c = after.find(name);
    QVERIFY(c);
    QCOMPARE(c->perSecond, perSecond);
    if (perSecond < 0)
        QVERIFY(!after.rate(name));
    else
        QCOMPARE(after.rate(name), std::optional<double>(perSecond));
}

// Real counters: the empty namespace taken as "earlier", the thousands one 10 s later.
void TestNetCounters::ratesBetweenCaptures()
{
    bool ok = false;
    const CounterSet empty = loadCounters("proc-empty", ok);
    QVERIFY(ok);
    CounterSet busy = loadCounters("proc-thousands", ok);
    QVERIFY(ok);
    busy.deriveRates(empty, 10.0);
    QCOMPARE(busy.rate("Tcp.ActiveOpens"), std::optional<double>(250.0));
    QCOMPARE(busy.rate("TcpExt.TW"), std::optional<double>(200.0));
    QCOMPARE(busy.rate("Tcp.MaxConn"), std::optional<double>(0.0));

    // The other way round every counter that grew has gone backwards.
    CounterSet backwards = loadCounters("proc-empty", ok);
    backwards.deriveRates(busy, 10.0);
    QVERIFY(!backwards.rate("Tcp.ActiveOpens"));
    QCOMPARE(backwards.rate("Tcp.RetransSegs"), std::optional<double>(0.0));
}

QTEST_GUILESS_MAIN(TestNetCounters)
#include "tst_netcounters.moc"
