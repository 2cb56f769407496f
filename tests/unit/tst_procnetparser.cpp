// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixtures.h"
#include "sampling/procnetparser.h"

#include <QTest>

#include <arpa/inet.h>
#include <cstring>

using namespace Sockpit;

Q_DECLARE_METATYPE(Sockpit::Protocol)
Q_DECLARE_METATYPE(Sockpit::Family)

namespace {

// The kernel's header lines, as net/ipv4/tcp_ipv4.c and net/ipv6/tcp_ipv6.c print them.
const QByteArray Tcp4Header
    = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
const QByteArray Tcp6Header = "  sl  local_address                         remote_address                        st "
                              "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
const QByteArray Udp4Header = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
                              "timeout inode ref pointer drops\n";

// A real line of proc-ipv4/net/tcp (the socket accepted on 8080 holding 100 unread bytes).
const QByteArray ValidTcp4Line = "   5: 0100007F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0    "
                                 "    0 12711 1 000000002cd6ba3e 20 0 0 10 -1\n";

struct Parsed
{
    bool ok = false;
    QString error;
    ProcNetParseStats stats;
    std::vector<SocketRecord> records;
};

Parsed parse(const QByteArray &text, Protocol protocol, Family family, quint32 mask = AllStates)
{
    Parsed p;
    const auto result = parseProcNet(text, protocol, family, p.records, mask);
    p.ok = result.ok();
    if (result)
        p.stats = *result;
    else
        p.error = result.error();
    return p;
}

int countState(const std::vector<SocketRecord> &records, SocketState state)
{
    return static_cast<int>(
        std::count_if(records.begin(), records.end(), [state](const SocketRecord &r) { return r.state == state; }));
}

QByteArray endpoint(const SocketRecord &r, bool remote)
{
    char buffer[56];
    r.formatEndpoint(buffer, remote);
    return QByteArray(buffer);
}

std::array<quint8, 16> bytesOf(Family family, const char *text)
{
    std::array<quint8, 16> bytes {};
    inet_pton(family == Family::IPv6 ? AF_INET6 : AF_INET, text, bytes.data());
    return bytes;
}

bool sameRecord(const SocketRecord &a, const SocketRecord &b)
{
    return a.localAddress == b.localAddress && a.remoteAddress == b.remoteAddress && a.localPort == b.localPort
        && a.remotePort == b.remotePort && a.state == b.state && a.uid == b.uid && a.inode == b.inode
        && a.receiveQueue == b.receiveQueue && a.sendQueue == b.sendQueue && a.retransmits == b.retransmits
        && a.protocol == b.protocol && a.family == b.family;
}

} // namespace

class TestProcNetParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fixtureStates_data();
    void fixtureStates();
    void ipv4Listeners();
    void ipv4QueuesUidInode();
    void addressByteOrder_data();
    void addressByteOrder();
    void v4MappedInTcp6();
    void oddSpacingParsesLikeOriginal_data();
    void oddSpacingParsesLikeOriginal();
    void truncatedLastLine();
    void headerOnly();
    void appendsToExistingRecords();
    void rejectsForeignHeader_data();
    void rejectsForeignHeader();
    void malformedLines_data();
    void malformedLines();
    void stateMask_data();
    void stateMask();
};

void TestProcNetParser::initTestCase()
{
    if (!SockpitTest::hostIsLittleEndian)
        QSKIP("the fixtures hold addresses as a little-endian kernel prints them");
}

void TestProcNetParser::fixtureStates_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<Family>("family");
    QTest::addColumn<int>("listen");
    QTest::addColumn<int>("established");
    QTest::addColumn<int>("timeWait");
    QTest::addColumn<int>("close");
    QTest::addColumn<int>("skipped");

    const auto row = [](const char *file, Protocol protocol, Family family, int listen, int established, int timeWait,
                         int close, int skipped) {
        QTest::newRow(file) << QString::fromUtf8(file) << protocol << family << listen << established << timeWait
                            << close << skipped;
    };
    // Counts as tests/data/capture/capture.py built them (see tests/data/README.md).
    row("proc-ipv4/net/tcp", Protocol::Tcp, Family::IPv4, 4, 10, 4, 0, 0);
    row("proc-ipv4/net/udp", Protocol::Udp, Family::IPv4, 0, 1, 0, 2, 0);
    row("proc-ipv4/net/tcp6", Protocol::Tcp, Family::IPv6, 0, 0, 0, 0, 0);
    row("proc-ipv6/net/tcp6", Protocol::Tcp, Family::IPv6, 3, 7, 4, 0, 0);
    row("proc-ipv6/net/udp6", Protocol::Udp, Family::IPv6, 0, 1, 0, 2, 0);
    row("proc-ipv6/net/tcp", Protocol::Tcp, Family::IPv4, 1, 3, 0, 0, 0);
    row("proc-empty/net/tcp", Protocol::Tcp, Family::IPv4, 0, 0, 0, 0, 0);
    row("proc-empty/net/tcp6", Protocol::Tcp, Family::IPv6, 0, 0, 0, 0, 0);
    row("proc-empty/net/udp", Protocol::Udp, Family::IPv4, 0, 0, 0, 0, 0);
    row("proc-empty/net/udp6", Protocol::Udp, Family::IPv6, 0, 0, 0, 0, 0);
    row("proc-thousands/net/tcp", Protocol::Tcp, Family::IPv4, 1, 1000, 2000, 0, 0);
    row("proc-oddspacing/net/tcp", Protocol::Tcp, Family::IPv4, 4, 10, 4, 0, 0);
    row("proc-oddspacing/net/udp", Protocol::Udp, Family::IPv4, 0, 1, 0, 2, 0);
    row("proc-oddspacing/net/tcp6", Protocol::Tcp, Family::IPv6, 3, 7, 4, 0, 0);
    row("proc-oddspacing/net/udp6", Protocol::Udp, Family::IPv6, 0, 1, 0, 2, 0);
    row("proc-truncated/net/tcp", Protocol::Tcp, Family::IPv4, 4, 10, 3, 0, 1);
}

void TestProcNetParser::fixtureStates()
{
    QFETCH(QString, file);
    QFETCH(Protocol, protocol);
    QFETCH(Family, family);
    QFETCH(int, listen);
    QFETCH(int, established);
    QFETCH(int, timeWait);
    QFETCH(int, close);
    QFETCH(int, skipped);

    SOCKPIT_LOAD_FIXTURE(text, file.toUtf8().constData());
    const Parsed p = parse(text, protocol, family);
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(countState(p.records, SocketState::Listen), listen);
    QCOMPARE(countState(p.records, SocketState::Established), established);
    QCOMPARE(countState(p.records, SocketState::TimeWait), timeWait);
    QCOMPARE(countState(p.records, SocketState::Close), close);
    QCOMPARE(p.stats.skipped, skipped);
    QCOMPARE(p.stats.parsed, listen + established + timeWait + close);
    QCOMPARE(p.records.size(), std::size_t(p.stats.parsed));

    // The same counts read the simple way, from the text itself.
    const QList<QByteArray> states = SockpitTest::stateColumn(text);
    QCOMPARE(states.count("0A"), listen);
    QCOMPARE(states.count("01"), established);
    QCOMPARE(states.count("06"), timeWait);
    QCOMPARE(states.count("07"), close);
    QCOMPARE(states.size(), p.stats.parsed);

    for (const SocketRecord &r : p.records) {
        QCOMPARE(r.protocol, protocol);
        QCOMPARE(r.family, family);
    }
}

void TestProcNetParser::ipv4Listeners()
{
    SOCKPIT_LOAD_FIXTURE(text, "proc-ipv4/net/tcp");
    const Parsed p = parse(text, Protocol::Tcp, Family::IPv4, stateBit(SocketState::Listen));
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(p.records.size(), std::size_t { 4 });
    // In the kernel's hash order, as the file lists them.
    QCOMPARE(endpoint(p.records[0], false), QByteArray("0.0.0.0:22"));
    QCOMPARE(endpoint(p.records[1], false), QByteArray("127.0.0.1:8081"));
    QCOMPARE(endpoint(p.records[2], false), QByteArray("127.0.0.1:8080"));
    QCOMPARE(endpoint(p.records[3], false), QByteArray("127.1.2.3:4660"));
    for (const SocketRecord &r : p.records) {
        QCOMPARE(endpoint(r, true), QByteArray("0.0.0.0:0"));
        QVERIFY(r.inode != 0); // a listener has a file
    }
    // The listener on 4660 never accepts: its two connections wait in the accept queue.
    QCOMPARE(p.records[3].receiveQueue, 2u);
    QCOMPARE(p.records[0].receiveQueue, 0u);
}

void TestProcNetParser::ipv4QueuesUidInode()
{
    SOCKPIT_LOAD_FIXTURE(text, "proc-ipv4/net/tcp");
    const Parsed p = parse(text, Protocol::Tcp, Family::IPv4);
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(p.records.size(), std::size_t { 18 });

    // Line 1: the listener opened by uid 65534 (nobody).
    QCOMPARE(p.records[1].uid, 65534u);
    QCOMPARE(p.records[1].inode, 12709u);
    QCOMPARE(p.records[0].uid, 0u);

    // Line 5: the accepted socket the client sent 100 bytes to, unread.
    const SocketRecord &accepted = p.records[5];
    QCOMPARE(endpoint(accepted, false), QByteArray("127.0.0.1:8080"));
    QCOMPARE(endpoint(accepted, true), QByteArray("127.0.0.1:40560"));
    QCOMPARE(accepted.receiveQueue, 100u);
    QCOMPARE(accepted.sendQueue, 0u);
    QCOMPARE(accepted.inode, 12711u);
    QCOMPARE(accepted.retransmits, 0u);

    // Lines 4 and 6: connections still in the accept queue have no file yet.
    QCOMPARE(p.records[4].inode, 0u);
    QCOMPARE(p.records[6].inode, 0u);

    // TIME_WAIT sockets have no file either, and keep the client's ephemeral port.
    int timeWait = 0;
    for (const SocketRecord &r : p.records) {
        if (r.state != SocketState::TimeWait)
            continue;
        ++timeWait;
        QCOMPARE(r.inode, 0u);
        QCOMPARE(endpoint(r, true), QByteArray("127.0.0.1:22"));
        QVERIFY(r.localPort >= 40000 && r.localPort <= 40999); // the fixture's ip_local_port_range
    }
    QCOMPARE(timeWait, 4);
    // The "tr" column: the TIME_WAIT timer (3) on those four, no timer on the idle rest.
    for (const SocketRecord &r : p.records)
        QCOMPARE(r.timer, r.state == SocketState::TimeWait ? SocketTimer::TimeWait : SocketTimer::None);
}

void TestProcNetParser::addressByteOrder_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Family>("family");
    QTest::addColumn<QByteArray>("local");
    QTest::addColumn<int>("localPort");
    QTest::addColumn<QByteArray>("remote");
    QTest::addColumn<int>("remotePort");

    // Address columns taken from the fixtures: each 32-bit word of the address in host
    // (little-endian) order, ports as plain hex numbers.
    const auto v4 = [](const char *columns) -> QByteArray {
        return Tcp4Header + "   0: " + columns
            + " 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0\n";
    };
    const auto v6 = [](const char *columns) -> QByteArray {
        return Tcp6Header + "   0: " + columns
            + " 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 20 0 0 10 -1\n";
    };
    QTest::newRow("0302017F:1234 00000000:0000") << v4("0302017F:1234 00000000:0000") << Family::IPv4
                                                 << QByteArray("127.1.2.3") << 0x1234 << QByteArray("0.0.0.0") << 0;
    QTest::newRow("0100007F:9E70 0100007F:1F90") << v4("0100007F:9E70 0100007F:1F90") << Family::IPv4
                                                 << QByteArray("127.0.0.1") << 40560 << QByteArray("127.0.0.1") << 8080;
    QTest::newRow("B80D0120000000000000000078563412:01BB")
        << v6("B80D0120000000000000000078563412:01BB 00000000000000000000000000000000:0000") << Family::IPv6
        << QByteArray("2001:db8::1234:5678") << 443 << QByteArray("::") << 0;
    QTest::newRow("00000000000000000000000001000000:CAB8")
        << v6("00000000000000000000000001000000:CAB8 00000000000000000000000001000000:1F90") << Family::IPv6
        << QByteArray("::1") << 51896 << QByteArray("::1") << 8080;
    QTest::newRow("0000000000000000FFFF00000100007F:2328")
        << v6("0000000000000000FFFF00000100007F:2328 0000000000000000FFFF00000100007F:D73E") << Family::IPv6
        << QByteArray("::ffff:127.0.0.1") << 9000 << QByteArray("::ffff:127.0.0.1") << 55102;
    QTest::newRow("lower-case 0100007f:1f90") << v4("0100007f:1f90 00000000:0000") << Family::IPv4
                                              << QByteArray("127.0.0.1") << 8080 << QByteArray("0.0.0.0") << 0;
}

void TestProcNetParser::addressByteOrder()
{
    QFETCH(QByteArray, text);
    QFETCH(Family, family);
    QFETCH(QByteArray, local);
    QFETCH(int, localPort);
    QFETCH(QByteArray, remote);
    QFETCH(int, remotePort);

    const Parsed p = parse(text, Protocol::Tcp, family);
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(p.stats.skipped, 0);
    QCOMPARE(p.records.size(), std::size_t { 1 });
    const SocketRecord &r = p.records.front();
    QCOMPARE(r.localAddress, bytesOf(family, local.constData()));
    QCOMPARE(r.remoteAddress, bytesOf(family, remote.constData()));
    QCOMPARE(int(r.localPort), localPort);
    QCOMPARE(int(r.remotePort), remotePort);
}

void TestProcNetParser::v4MappedInTcp6()
{
    SOCKPIT_LOAD_FIXTURE(text, "proc-ipv6/net/tcp6");
    const Parsed p = parse(text, Protocol::Tcp, Family::IPv6);
    QVERIFY2(p.ok, qPrintable(p.error));

    // Two IPv4 clients accepted by the dual-stack listener on [::]:9000, one AF_INET6
    // client of the IPv4 listener on 127.0.0.1:9100, and that client's earlier
    // connection now in TIME_WAIT.
    QList<QByteArray> mapped;
    for (const SocketRecord &r : p.records) {
        if (r.isV4Mapped())
            mapped.append(endpoint(r, false) + " " + endpoint(r, true) + " " + QByteArray(stateName(r.state).data()));
    }
    QCOMPARE(mapped.size(), 4);
    QCOMPARE(mapped.count("[::ffff:127.0.0.1]:9000 [::ffff:127.0.0.1]:55102 ESTABLISHED"), 1);
    QCOMPARE(mapped.count("[::ffff:127.0.0.1]:9000 [::ffff:127.0.0.1]:55116 ESTABLISHED"), 1);
    QCOMPARE(mapped.count("[::ffff:127.0.0.1]:35522 [::ffff:127.0.0.1]:9100 ESTABLISHED"), 1);
    QCOMPARE(mapped.count("[::ffff:127.0.0.1]:35534 [::ffff:127.0.0.1]:9100 TIME_WAIT"), 1);

    // The independent way: mapped addresses start with 0000000000000000FFFF0000.
    QCOMPARE(text.count("0000000000000000FFFF0000"), 8);

    // And the listeners, by address.
    QList<QByteArray> listeners;
    for (const SocketRecord &r : p.records) {
        if (r.state == SocketState::Listen)
            listeners.append(endpoint(r, false));
    }
    QCOMPARE(listeners, (QList<QByteArray> { "[2001:db8::1234:5678]:443", "[::]:9000", "[::1]:8080" }));
}

void TestProcNetParser::oddSpacingParsesLikeOriginal_data()
{
    QTest::addColumn<QString>("original");
    QTest::addColumn<QString>("respaced");
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<Family>("family");
    QTest::newRow("tcp") << QStringLiteral("proc-ipv4/net/tcp") << QStringLiteral("proc-oddspacing/net/tcp")
                         << Protocol::Tcp << Family::IPv4;
    QTest::newRow("udp") << QStringLiteral("proc-ipv4/net/udp") << QStringLiteral("proc-oddspacing/net/udp")
                         << Protocol::Udp << Family::IPv4;
    QTest::newRow("tcp6") << QStringLiteral("proc-ipv6/net/tcp6") << QStringLiteral("proc-oddspacing/net/tcp6")
                          << Protocol::Tcp << Family::IPv6;
    QTest::newRow("udp6") << QStringLiteral("proc-ipv6/net/udp6") << QStringLiteral("proc-oddspacing/net/udp6")
                          << Protocol::Udp << Family::IPv6;
}

void TestProcNetParser::oddSpacingParsesLikeOriginal()
{
    QFETCH(QString, original);
    QFETCH(QString, respaced);
    QFETCH(Protocol, protocol);
    QFETCH(Family, family);

    SOCKPIT_LOAD_FIXTURE(a, original.toUtf8().constData());
    SOCKPIT_LOAD_FIXTURE(b, respaced.toUtf8().constData());
    QVERIFY(a != b);
    const Parsed pa = parse(a, protocol, family);
    const Parsed pb = parse(b, protocol, family);
    QVERIFY2(pa.ok && pb.ok, qPrintable(pa.error + pb.error));
    QCOMPARE(pb.stats.skipped, 0);
    QVERIFY(!pa.records.empty());
    QCOMPARE(pb.records.size(), pa.records.size());
    for (std::size_t i = 0; i < pa.records.size(); ++i)
        QVERIFY2(sameRecord(pa.records[i], pb.records[i]), qPrintable(QStringLiteral("record %1 differs").arg(i)));
}

void TestProcNetParser::truncatedLastLine()
{
    SOCKPIT_LOAD_FIXTURE(original, "proc-ipv4/net/tcp");
    SOCKPIT_LOAD_FIXTURE(truncated, "proc-truncated/net/tcp");
    QVERIFY(!truncated.endsWith('\n'));
    QVERIFY(original.startsWith(truncated));

    const Parsed whole = parse(original, Protocol::Tcp, Family::IPv4);
    const Parsed cut = parse(truncated, Protocol::Tcp, Family::IPv4);
    QVERIFY2(cut.ok, qPrintable(cut.error));
    QCOMPARE(cut.stats.skipped, 1);
    QCOMPARE(cut.stats.parsed, 17);
    QCOMPARE(cut.records.size(), whole.records.size() - 1);
    for (std::size_t i = 0; i < cut.records.size(); ++i)
        QVERIFY(sameRecord(cut.records[i], whole.records[i]));
}

void TestProcNetParser::headerOnly()
{
    SOCKPIT_LOAD_FIXTURE(text, "proc-empty/net/tcp");
    QCOMPARE(text.count('\n'), 1);
    const Parsed p = parse(text, Protocol::Tcp, Family::IPv4);
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(p.stats.parsed, 0);
    QCOMPARE(p.stats.skipped, 0);
    QVERIFY(p.records.empty());
}

void TestProcNetParser::appendsToExistingRecords()
{
    SOCKPIT_LOAD_FIXTURE(tcp, "proc-ipv6/net/tcp");
    SOCKPIT_LOAD_FIXTURE(tcp6, "proc-ipv6/net/tcp6");
    std::vector<SocketRecord> records;
    QVERIFY(parseProcNet(tcp, Protocol::Tcp, Family::IPv4, records).ok());
    QCOMPARE(records.size(), std::size_t { 4 });
    QVERIFY(parseProcNet(tcp6, Protocol::Tcp, Family::IPv6, records).ok());
    QCOMPARE(records.size(), std::size_t { 18 });
    QCOMPARE(records.front().family, Family::IPv4);
    QCOMPARE(records.back().family, Family::IPv6);
}

void TestProcNetParser::rejectsForeignHeader_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<Family>("family");

    QTest::newRow("empty text") << QByteArray() << Protocol::Tcp << Family::IPv4;
    QTest::newRow("header without its newline") << Tcp4Header.chopped(1) << Protocol::Tcp << Family::IPv4;
    QTest::newRow("tcp header read as tcp6") << Tcp4Header << Protocol::Tcp << Family::IPv6;
    QTest::newRow("tcp6 header read as tcp") << Tcp6Header << Protocol::Tcp << Family::IPv4;
    QTest::newRow("udp header read as tcp") << Udp4Header << Protocol::Tcp << Family::IPv4;
    QTest::newRow("tcp header read as udp") << Tcp4Header << Protocol::Udp << Family::IPv4;
    QTest::newRow("data line first") << ValidTcp4Line << Protocol::Tcp << Family::IPv4;
    QTest::newRow("sockstat text") << QByteArray("sockets: used 17\nTCP: inuse 14 orphan 0 tw 4 alloc 15 mem 268\n")
                                   << Protocol::Tcp << Family::IPv4;
    QTest::newRow("header with an extra column")
        << QByteArray(Tcp4Header.chopped(1) + " extra\n") << Protocol::Tcp << Family::IPv4;
    QTest::newRow("header missing inode")
        << QByteArray(Tcp4Header).replace(" inode", "") << Protocol::Tcp << Family::IPv4;
}

void TestProcNetParser::rejectsForeignHeader()
{
    QFETCH(QByteArray, text);
    QFETCH(Protocol, protocol);
    QFETCH(Family, family);

    std::vector<SocketRecord> records;
    const auto bare = parseProcNet(text, protocol, family, records);
    QVERIFY(!bare.ok());
    QVERIFY(!bare.error().isEmpty());
    QVERIFY2(bare.error().contains(QStringLiteral("/proc/net/")), qPrintable(bare.error()));
    QVERIFY(records.empty());

    // Good lines after a foreign header change nothing.
    const QByteArray withLines = text + ValidTcp4Line + ValidTcp4Line;
    QVERIFY(!parseProcNet(withLines, protocol, family, records).ok());
    QVERIFY(records.empty());
}

void TestProcNetParser::malformedLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("parsed");
    QTest::addColumn<int>("skipped");

    const auto row = [](const char *name, const QByteArray &line, int parsed, int skipped) {
        QTest::newRow(name) << line << parsed << skipped;
    };
    row("a real line", ValidTcp4Line, 1, 0);
    row("blank line", "\n", 0, 0);
    row("spaces only", "        \n", 0, 0);
    row("sl without colon",
        "   5 0100007F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0        0 12711 1 "
        "0000000000000000\n",
        0, 1);
    row("address of 7 digits",
        "   5: 100007F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0        0 12711 1 "
        "0000000000000000\n",
        0, 1);
    row("IPv6 address in tcp",
        "   0: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:CAB8 01 00000000:00000000 "
        "00:00000000 00000000     0        0 12749 1 0000000000000000\n",
        0, 1);
    row("port of 3 digits",
        "   5: 0100007F:F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0        0 12711 1 "
        "0000000000000000\n",
        0, 1);
    row("non-hex address",
        "   5: 0100G07F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0        0 12711 1 "
        "0000000000000000\n",
        0, 1);
    row("non-hex state",
        "   5: 0100007F:1F90 0100007F:9E70 0Z 00000000:00000064 00:00000000 00000000     0        0 12711 1 "
        "0000000000000000\n",
        0, 1);
    row("queues without colon",
        "   5: 0100007F:1F90 0100007F:9E70 01 00000000 00000064 00:00000000 00000000     0        0 12711 1 "
        "0000000000000000\n",
        0, 1);
    row("uid not a number",
        "   5: 0100007F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000  root        0 12711 1 "
        "0000000000000000\n",
        0, 1);
    row("inode wider than 32 bits",
        "   5: 0100007F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0        0 4294967296 1 "
        "0000000000000000\n",
        0, 1);
    row("cut after the inode",
        "   5: 0100007F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0        0 12711\n", 0, 1);
    row("cut after ref",
        "   5: 0100007F:1F90 0100007F:9E70 01 00000000:00000064 00:00000000 00000000     0        0 12711 1\n", 0, 1);
    row("state 0 kept as Unknown but filtered",
        "   5: 0100007F:1F90 0100007F:9E70 00 00000000:00000064 00:00000000 00000000     0        0 12711 1 "
        "0000000000000000\n",
        0, 0);
    row("bad line between good ones", ValidTcp4Line + "   6: garbage\n" + ValidTcp4Line, 2, 1);
    row("no final newline", ValidTcp4Line.chopped(1), 0, 1);
}

void TestProcNetParser::malformedLines()
{
    QFETCH(QByteArray, line);
    QFETCH(int, parsed);
    QFETCH(int, skipped);

    const Parsed p = parse(Tcp4Header + line, Protocol::Tcp, Family::IPv4);
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(p.stats.parsed, parsed);
    QCOMPARE(p.stats.skipped, skipped);
    QCOMPARE(p.records.size(), std::size_t(parsed));
}

void TestProcNetParser::stateMask_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<quint32>("mask");
    QTest::addColumn<int>("parsed");

    const auto row = [](const char *name, const char *file, quint32 mask, int parsed) {
        QTest::newRow(name) << QString::fromUtf8(file) << mask << parsed;
    };
    row("ipv4 LISTEN", "proc-ipv4/net/tcp", stateBit(SocketState::Listen), 4);
    row("ipv4 TIME_WAIT", "proc-ipv4/net/tcp", stateBit(SocketState::TimeWait), 4);
    row("ipv4 ESTABLISHED|TIME_WAIT", "proc-ipv4/net/tcp",
        stateBit(SocketState::Established) | stateBit(SocketState::TimeWait), 14);
    row("ipv4 SYN_SENT", "proc-ipv4/net/tcp", stateBit(SocketState::SynSent), 0);
    row("ipv4 no state", "proc-ipv4/net/tcp", 0u, 0);
    row("thousands TIME_WAIT", "proc-thousands/net/tcp", stateBit(SocketState::TimeWait), 2000);
    row("thousands all but TIME_WAIT", "proc-thousands/net/tcp", AllStates & ~stateBit(SocketState::TimeWait), 1001);
    row("udp CLOSE (unconnected)", "proc-ipv4/net/udp", stateBit(SocketState::Close), 2);
    row("tcp6 ESTABLISHED", "proc-ipv6/net/tcp6", stateBit(SocketState::Established), 7);
}

void TestProcNetParser::stateMask()
{
    QFETCH(QString, file);
    QFETCH(quint32, mask);
    QFETCH(int, parsed);

    SOCKPIT_LOAD_FIXTURE(text, file.toUtf8().constData());
    const bool udp = file.contains(QStringLiteral("udp"));
    const bool v6 = file.endsWith(QLatin1Char('6'));
    const Parsed p = parse(text, udp ? Protocol::Udp : Protocol::Tcp, v6 ? Family::IPv6 : Family::IPv4, mask);
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(p.stats.parsed, parsed);
    QCOMPARE(p.stats.skipped, 0);
    QCOMPARE(p.records.size(), std::size_t(parsed));
    for (const SocketRecord &r : p.records)
        QVERIFY(mask & stateBit(r.state));
}

QTEST_GUILESS_MAIN(TestProcNetParser)
#include "tst_procnetparser.moc"
