// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixtures.h"
#include "sampling/ephemeral.h"
#include "sampling/procnetparser.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>

using namespace Sockpit;

Q_DECLARE_METATYPE(Sockpit::PortRange)
Q_DECLARE_METATYPE(std::vector<Sockpit::PortRange>)

namespace {

std::array<quint8, 16> bytesOf(Family family, const char *text)
{
    std::array<quint8, 16> bytes {};
    const int ok = inet_pton(family == Family::IPv6 ? AF_INET6 : AF_INET, text, bytes.data());
    Q_ASSERT(ok == 1);
    return bytes;
}

SocketRecord tcp(SocketState state, quint16 localPort, const char *remote, quint16 remotePort,
    Family family = Family::IPv4, Protocol protocol = Protocol::Tcp)
{
    SocketRecord r;
    r.protocol = protocol;
    r.family = family;
    r.state = state;
    r.localAddress = bytesOf(family, family == Family::IPv6 ? "::1" : "127.0.0.1");
    r.localPort = localPort;
    r.remoteAddress = bytesOf(family, remote);
    r.remotePort = remotePort;
    return r;
}

QByteArray describe(const DestinationUsage &d)
{
    char buffer[56];
    SocketRecord r;
    r.family = d.family;
    r.remoteAddress = d.address;
    r.remotePort = d.port;
    r.formatEndpoint(buffer, true);
    return QByteArray(buffer) + ' ' + QByteArray::number(d.sockets) + '/' + QByteArray::number(d.timeWait);
}

QByteArrayList describe(const std::vector<DestinationUsage> &destinations)
{
    QByteArrayList out;
    for (const DestinationUsage &d : destinations)
        out.append(describe(d));
    return out;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(path.section(QLatin1Char('/'), 0, -2));
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// The input as a row name: visible whitespace, so "32768\t60999\n" reads as written.
QByteArray rowName(const char *text)
{
    QByteArray name(text);
    if (name.isEmpty())
        return "(empty)";
    return name.replace('\n', "\\n").replace('\t', "\\t");
}

} // namespace

class TestEphemeral final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsePortRange_data();
    void parsePortRange();
    void parsePortRangeList_data();
    void parsePortRangeList();
    void reservedAndUsable_data();
    void reservedAndUsable();
    void analyseConstructed();
    void analyseReservedReducesShare();
    void analyseEmpty();
    void analyseIpv4Fixture();
    void analyseMappedFixture();
    void analyseThousands();
    void readConfigFromFixture();
    void readConfigDefaults();
    void readConfigErrors_data();
    void readConfigErrors();
};

void TestEphemeral::parsePortRange_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<PortRange>("range");
    QTest::addColumn<QString>("errorNames"); // the token the message must quote

    const auto good = [](const char *text, quint16 low, quint16 high) {
        QTest::newRow(rowName(text).constData()) << QByteArray(text) << true << PortRange { low, high } << QString();
    };
    const auto bad = [](const char *text, const char *names) {
        QTest::newRow(rowName(text).constData())
            << QByteArray(text) << false << PortRange {} << QString::fromUtf8(names);
    };
    good("32768\t60999", 32768, 60999); // as the kernel prints it
    good("32768\t60999\n", 32768, 60999);
    good("1024 65535", 1024, 65535);
    good("  40000   40999 ", 40000, 40999);
    good("1 1", 1, 1);
    bad("", "\"\"");
    bad("32768", "\"32768\"");
    bad("60999 32768", "\"60999 32768\"");
    bad("0 100", "\"0\"");
    bad("1024 65536", "\"65536\"");
    bad("1024 999999999999999999999", "\"999999999999999999999\"");
    bad("abc 100", "\"abc\"");
    bad("100 abc", "\"abc\"");
    bad("-1 100", "\"-1\"");
    bad("1024 2048 4096", "\"2048 4096\"");
    bad("0x400 2048", "\"0x400\"");
}

void TestEphemeral::parsePortRange()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(PortRange, range);
    QFETCH(QString, errorNames);

    const Result<PortRange> result = Sockpit::parsePortRange(text);
    QCOMPARE(result.ok(), ok);
    if (ok) {
        QCOMPARE(*result, range);
    } else {
        QVERIFY2(result.error().contains(errorNames), qPrintable(result.error()));
        QVERIFY(result.errorCode() != 0);
    }
}

void TestEphemeral::parsePortRangeList_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<std::vector<PortRange>>("ranges");
    QTest::addColumn<QString>("errorNames");

    using Ranges = std::vector<PortRange>;
    const auto good = [](const char *text, Ranges ranges) {
        QTest::newRow(rowName(text).constData()) << QByteArray(text) << true << ranges << QString();
    };
    const auto bad = [](const char *text, const char *names) {
        QTest::newRow(rowName(text).constData()) << QByteArray(text) << false << Ranges {} << QString::fromUtf8(names);
    };
    good("", {});
    good("\n", {}); // what the kernel prints when nothing is reserved
    good("8080", { { 8080, 8080 } });
    good("8080,9000-9010", { { 8080, 8080 }, { 9000, 9010 } });
    good("9000-9010,8080", { { 8080, 8080 }, { 9000, 9010 } });
    good("9000-9010,9005-9020", { { 9000, 9020 } });
    good("9005-9020,9000-9010", { { 9000, 9020 } });
    good("9000-9100,9010-9020", { { 9000, 9100 } });
    good("1-5,6-8", { { 1, 8 } }); // adjacent: one run of bits in the kernel's bitmap
    good("1-5,7-8", { { 1, 5 }, { 7, 8 } });
    good("100,100", { { 100, 100 } });
    good("0", { { 0, 0 } });
    good("65535", { { 65535, 65535 } });
    good(" 8080 , 9000 - 9010 ", { { 8080, 8080 }, { 9000, 9010 } });
    good("40100-40199,40500\n", { { 40100, 40199 }, { 40500, 40500 } });
    bad("80a", "\"80a\"");
    bad("8080,80a,9000", "\"80a\"");
    bad("8080,,9000", "Empty entry");
    bad("8080,", "Empty entry");
    bad(",8080", "Empty entry");
    bad("9010-9000", "\"9010-9000\"");
    bad("70000", "\"70000\"");
    bad("8080-70000", "\"8080-70000\"");
    bad("1-2-3", "\"1-2-3\"");
    bad("-5", "\"-5\"");
    bad("5-", "\"5-\"");
    bad("8080 9000", "\"8080 9000\"");
}

void TestEphemeral::parsePortRangeList()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(std::vector<PortRange>, ranges);
    QFETCH(QString, errorNames);

    const Result<std::vector<PortRange>> result = Sockpit::parsePortRangeList(text);
    QCOMPARE(result.ok(), ok);
    if (ok)
        QVERIFY(*result == ranges);
    else
        QVERIFY2(result.error().contains(errorNames), qPrintable(result.error()));
}

void TestEphemeral::reservedAndUsable_data()
{
    QTest::addColumn<PortRange>("range");
    QTest::addColumn<QByteArray>("reserved");
    QTest::addColumn<int>("usable");

    QTest::newRow("32768-60999, none reserved") << PortRange { 32768, 60999 } << QByteArray() << 28232;
    QTest::newRow("40000-40999, 40100-40199,40500")
        << PortRange { 40000, 40999 } << QByteArray("40100-40199,40500") << 899;
    QTest::newRow("40000-40999, reserved outside")
        << PortRange { 40000, 40999 } << QByteArray("80,8080,50000-51000") << 1000;
    QTest::newRow("40000-40999, reserved straddling both ends")
        << PortRange { 40000, 40999 } << QByteArray("39990-40009,40990-41010") << 980;
    QTest::newRow("40000-40999, all reserved") << PortRange { 40000, 40999 } << QByteArray("1-65535") << 0;
    QTest::newRow("1-1, 1 reserved") << PortRange { 1, 1 } << QByteArray("1") << 0;
}

void TestEphemeral::reservedAndUsable()
{
    QFETCH(PortRange, range);
    QFETCH(QByteArray, reserved);
    QFETCH(int, usable);

    EphemeralConfig config;
    config.range = range;
    const auto list = Sockpit::parsePortRangeList(reserved);
    QVERIFY(list.ok());
    config.reserved = *list;
    QCOMPARE(config.usable(), usable);

    // isReserved agrees with the list, port by port, over the whole port space.
    int reservedInRange = 0;
    for (int port = 0; port <= 65535; ++port) {
        const auto p = static_cast<quint16>(port);
        const bool expected = std::any_of(
            config.reserved.begin(), config.reserved.end(), [p](const PortRange &r) { return r.contains(p); });
        if (config.isReserved(p) != expected)
            QFAIL(qPrintable(QStringLiteral("isReserved(%1) is wrong").arg(port)));
        if (expected && range.contains(p))
            ++reservedInRange;
    }
    QCOMPARE(usable, range.size() - reservedInRange);
}

void TestEphemeral::analyseConstructed()
{
    EphemeralConfig config;
    config.range = { 40000, 40009 };
    config.reserved = { { 40005, 40005 } };

    const std::vector<SocketRecord> sockets = {
        tcp(SocketState::Listen, 40001, "0.0.0.0", 0), // a listener inside the range
        tcp(SocketState::Listen, 80, "0.0.0.0", 0), // and one outside
        tcp(SocketState::Established, 40000, "10.0.0.1", 443),
        // Accepted by the listener on 40001: the server side, holding no ephemeral port.
        tcp(SocketState::Established, 40001, "10.0.0.1", 51000),
        tcp(SocketState::TimeWait, 40001, "10.0.0.3", 52000),
        tcp(SocketState::SynSent, 40002, "10.0.0.1", 443),
        tcp(SocketState::TimeWait, 40003, "10.0.0.1", 443),
        // AF_INET6 sockets toward ::ffff:10.0.0.1 share the IPv4 4-tuple space.
        tcp(SocketState::Established, 40007, "::ffff:10.0.0.1", 443, Family::IPv6),
        tcp(SocketState::TimeWait, 40008, "::ffff:10.0.0.1", 443, Family::IPv6),
        tcp(SocketState::Established, 40004, "2001:db8::1", 443, Family::IPv6),
        // The same local port toward another destination: allowed, counted once.
        tcp(SocketState::Established, 40000, "10.0.0.2", 80),
        tcp(SocketState::CloseWait, 40009, "10.0.0.1", 8443),
        // Ignored: outside the range, and UDP.
        tcp(SocketState::Established, 50000, "10.0.0.1", 443),
        tcp(SocketState::Established, 40006, "10.0.0.1", 53, Family::IPv4, Protocol::Udp),
        tcp(SocketState::Close, 40006, "0.0.0.0", 0, Family::IPv4, Protocol::Udp),
    };

    const EphemeralUsage usage = analyseEphemeral(config, sockets);
    QCOMPARE(usage.config.range, config.range);
    QCOMPARE(usage.usable, 9);
    QCOMPARE(usage.inUse, 8);
    QCOMPARE(usage.distinctPorts, 7); // 40000, 40002-40004, 40007-40009
    QCOMPARE(usage.timeWaitOnlyPorts, 2); // 40003 and 40008: only TIME_WAIT sockets hold them
    QCOMPARE(usage.listenersInRange, 1);
    QCOMPARE(describe(usage.destinations),
        (QByteArrayList { "10.0.0.1:443 5/2", "10.0.0.1:8443 1/0", "10.0.0.2:80 1/0", "[2001:db8::1]:443 1/0" }));
    QCOMPARE(usage.destinations.front().family, Family::IPv4);
    QCOMPARE(usage.destinations.front().address, bytesOf(Family::IPv4, "10.0.0.1"));
    QCOMPARE(usage.destinations.front().share, 5.0 / 9.0);
    QCOMPARE(usage.destinations.back().share, 1.0 / 9.0);
}

void TestEphemeral::analyseReservedReducesShare()
{
    EphemeralConfig config;
    config.range = { 40000, 40003 };
    std::vector<SocketRecord> sockets = { tcp(SocketState::Established, 40000, "10.0.0.1", 443),
        tcp(SocketState::Established, 40001, "10.0.0.1", 443) };
    QCOMPARE(analyseEphemeral(config, sockets).destinations.front().share, 0.5);
    config.reserved = { { 40002, 40003 } };
    const EphemeralUsage usage = analyseEphemeral(config, sockets);
    QCOMPARE(usage.usable, 2);
    QCOMPARE(usage.destinations.front().share, 1.0);
    config.reserved = { { 40000, 40003 } };
    QCOMPARE(analyseEphemeral(config, sockets).destinations.front().share, 0.0); // nothing usable: no ratio
}

void TestEphemeral::analyseEmpty()
{
    const EphemeralUsage usage = analyseEphemeral(EphemeralConfig {}, {});
    QCOMPARE(usage.usable, 28232);
    QCOMPARE(usage.inUse, 0);
    QCOMPARE(usage.distinctPorts, 0);
    QCOMPARE(usage.listenersInRange, 0);
    QVERIFY(usage.destinations.empty());
}

void TestEphemeral::analyseIpv4Fixture()
{
    if (!SockpitTest::hostIsLittleEndian)
        QSKIP("the fixtures hold addresses as a little-endian kernel prints them");
    const auto config = readEphemeralConfig(ProcRoot(SockpitTest::dataPath("proc-ipv4")));
    QVERIFY2(config.ok(), qPrintable(config.error()));
    SOCKPIT_LOAD_FIXTURE(tcpText, "proc-ipv4/net/tcp");
    SOCKPIT_LOAD_FIXTURE(udpText, "proc-ipv4/net/udp");
    std::vector<SocketRecord> sockets;
    QVERIFY(parseProcNet(tcpText, Protocol::Tcp, Family::IPv4, sockets).ok());
    QVERIFY(parseProcNet(udpText, Protocol::Udp, Family::IPv4, sockets).ok());

    const EphemeralUsage usage = analyseEphemeral(*config, sockets);
    // Clients: 3 to 8080, 2 waiting on 4660, 4 closed (TIME_WAIT) to 22; the connected UDP
    // socket's port is in the range too but does not count.
    QCOMPARE(usage.inUse, 9);
    QCOMPARE(usage.distinctPorts, 9);
    QCOMPARE(usage.listenersInRange, 0);
    QCOMPARE(usage.usable, 899);
    QCOMPARE(describe(usage.destinations),
        (QByteArrayList { "127.0.0.1:22 4/4", "127.0.0.1:8080 3/0", "127.1.2.3:4660 2/0" }));

    // The same count taken from the text: TCP lines not LISTEN with a local port in range.
    int independent = 0;
    const QList<QByteArray> lines = tcpText.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> words = lines.at(i).simplified().split(' ');
        if (words.size() < 4 || words.at(3) == "0A")
            continue;
        const int port = words.at(1).split(':').at(1).toInt(nullptr, 16);
        if (port >= 40000 && port <= 40999)
            ++independent;
    }
    QCOMPARE(usage.inUse, independent);
}

void TestEphemeral::analyseMappedFixture()
{
    if (!SockpitTest::hostIsLittleEndian)
        QSKIP("the fixtures hold addresses as a little-endian kernel prints them");
    SOCKPIT_LOAD_FIXTURE(tcpText, "proc-ipv6/net/tcp");
    SOCKPIT_LOAD_FIXTURE(tcp6Text, "proc-ipv6/net/tcp6");
    std::vector<SocketRecord> sockets;
    QVERIFY(parseProcNet(tcpText, Protocol::Tcp, Family::IPv4, sockets).ok());
    QVERIFY(parseProcNet(tcp6Text, Protocol::Tcp, Family::IPv6, sockets).ok());

    const EphemeralUsage usage = analyseEphemeral(EphemeralConfig {}, sockets); // the capture kept 32768-60999
    // [::1]:8080: 2 open clients and 3 in TIME_WAIT. 127.0.0.1:9000: 2 IPv4 clients of the
    // dual-stack listener. 127.0.0.1:9100: an AF_INET6 client through ::ffff:127.0.0.1,
    // open, and its earlier connection in TIME_WAIT, folded to IPv4.
    QCOMPARE(describe(usage.destinations),
        (QByteArrayList { "[::1]:8080 5/3", "127.0.0.1:9000 2/0", "127.0.0.1:9100 2/1" }));
    QCOMPARE(usage.inUse, 9);
    QCOMPARE(usage.listenersInRange, 0);
}

void TestEphemeral::analyseThousands()
{
    if (!SockpitTest::hostIsLittleEndian)
        QSKIP("the fixtures hold addresses as a little-endian kernel prints them");
    SOCKPIT_LOAD_FIXTURE(tcpText, "proc-thousands/net/tcp");
    std::vector<SocketRecord> sockets;
    QVERIFY(parseProcNet(tcpText, Protocol::Tcp, Family::IPv4, sockets).ok());
    QCOMPARE(sockets.size(), std::size_t { 3001 });

    const EphemeralUsage usage = analyseEphemeral(EphemeralConfig {}, sockets);
    // 2000 closed clients in TIME_WAIT and 500 open ones, all toward 127.0.0.1:8080; the
    // 500 accepted ends have local port 8080, outside the range.
    QCOMPARE(usage.inUse, 2500);
    QCOMPARE(describe(usage.destinations), QByteArrayList { "127.0.0.1:8080 2500/2000" });
    QCOMPARE(usage.destinations.front().share, 2500.0 / 28232.0);
    QVERIFY(usage.distinctPorts <= 2500);
    QVERIFY(usage.distinctPorts > 2000);
}

void TestEphemeral::readConfigFromFixture()
{
    const auto config = readEphemeralConfig(ProcRoot(SockpitTest::dataPath("proc-ipv4")));
    QVERIFY2(config.ok(), qPrintable(config.error()));
    QCOMPARE(config->range, (PortRange { 40000, 40999 }));
    QVERIFY(config->reserved == (std::vector<PortRange> { { 40100, 40199 }, { 40500, 40500 } }));
    QCOMPARE(config->unprivilegedPortStart, quint16 { 1000 });
    QCOMPARE(config->usable(), 899);
    QVERIFY(config->isReserved(40150));
    QVERIFY(!config->isReserved(40200));
}

void TestEphemeral::readConfigDefaults()
{
    // A fresh namespace: the kernel's defaults, nothing reserved.
    const auto fresh = readEphemeralConfig(ProcRoot(SockpitTest::dataPath("proc-empty")));
    QVERIFY2(fresh.ok(), qPrintable(fresh.error()));
    QCOMPARE(fresh->range, (PortRange { 32768, 60999 }));
    QVERIFY(fresh->reserved.empty());
    QCOMPARE(fresh->unprivilegedPortStart, quint16 { 1024 });

    // A kernel before 4.11 has no ip_unprivileged_port_start; one before 2.6.35 no
    // reserved ports either.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("sys/net/ipv4/ip_local_port_range")), "1024\t4999\n"));
    const auto old = readEphemeralConfig(ProcRoot(dir.path()));
    QVERIFY2(old.ok(), qPrintable(old.error()));
    QCOMPARE(old->range, (PortRange { 1024, 4999 }));
    QVERIFY(old->reserved.empty());
    QCOMPARE(old->unprivilegedPortStart, quint16 { 1024 });
}

void TestEphemeral::readConfigErrors_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<QByteArray>("reserved");
    QTest::addColumn<QByteArray>("unprivileged");
    QTest::addColumn<QString>("message");

    QTest::newRow("range missing") << QByteArray() << QByteArray("\n") << QByteArray("1024\n")
                                   << QStringLiteral("ip_local_port_range");
    QTest::newRow("range 61000 32768") << QByteArray("61000\t32768\n") << QByteArray("\n") << QByteArray("1024\n")
                                       << QStringLiteral("ip_local_port_range");
    QTest::newRow("reserved 80a") << QByteArray("32768\t60999\n") << QByteArray("80a\n") << QByteArray("1024\n")
                                  << QStringLiteral("\"80a\"");
    QTest::newRow("unprivileged start x") << QByteArray("32768\t60999\n") << QByteArray("\n") << QByteArray("x\n")
                                          << QStringLiteral("ip_unprivileged_port_start");
}

void TestEphemeral::readConfigErrors()
{
    QFETCH(QByteArray, range);
    QFETCH(QByteArray, reserved);
    QFETCH(QByteArray, unprivileged);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.filePath(QStringLiteral("sys/net/ipv4/"));
    if (!range.isEmpty())
        QVERIFY(writeFile(base + QStringLiteral("ip_local_port_range"), range));
    QVERIFY(writeFile(base + QStringLiteral("ip_local_reserved_ports"), reserved));
    QVERIFY(writeFile(base + QStringLiteral("ip_unprivileged_port_start"), unprivileged));

    const auto config = readEphemeralConfig(ProcRoot(dir.path()));
    QVERIFY(!config.ok());
    QVERIFY2(config.error().contains(message), qPrintable(config.error()));
}

QTEST_GUILESS_MAIN(TestEphemeral)
#include "tst_ephemeral.moc"
