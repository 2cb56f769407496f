// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/socketrecord.h"

#include <QTest>

#include <arpa/inet.h>
#include <cstring>
#include <string>

using namespace Sockpit;

Q_DECLARE_METATYPE(Sockpit::SocketState)
Q_DECLARE_METATYPE(Sockpit::Family)

namespace {

std::array<quint8, 16> address(Family family, const char *text)
{
    std::array<quint8, 16> bytes {};
    const int ok = inet_pton(family == Family::IPv6 ? AF_INET6 : AF_INET, text, bytes.data());
    Q_ASSERT(ok == 1);
    return bytes;
}

} // namespace

class TestSocketRecord final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateName_data();
    void stateName();
    void stateFromName_data();
    void stateFromName();
    void stateNamesRoundTrip();
    void stateBits();
    void protocolAndFamilyNames();
    void formatEndpoint_data();
    void formatEndpoint();
    void formatAddressPicksLocalOrRemote();
    void isV4Mapped_data();
    void isV4Mapped();
    void recordStaysSmall();
};

void TestSocketRecord::stateName_data()
{
    QTest::addColumn<SocketState>("state");
    QTest::addColumn<QByteArray>("name");
    // Numbering and spelling of include/net/tcp_states.h.
    QTest::newRow("1") << SocketState::Established << QByteArray("ESTABLISHED");
    QTest::newRow("2") << SocketState::SynSent << QByteArray("SYN_SENT");
    QTest::newRow("3") << SocketState::SynRecv << QByteArray("SYN_RECV");
    QTest::newRow("4") << SocketState::FinWait1 << QByteArray("FIN_WAIT1");
    QTest::newRow("5") << SocketState::FinWait2 << QByteArray("FIN_WAIT2");
    QTest::newRow("6") << SocketState::TimeWait << QByteArray("TIME_WAIT");
    QTest::newRow("7") << SocketState::Close << QByteArray("CLOSE");
    QTest::newRow("8") << SocketState::CloseWait << QByteArray("CLOSE_WAIT");
    QTest::newRow("9") << SocketState::LastAck << QByteArray("LAST_ACK");
    QTest::newRow("10") << SocketState::Listen << QByteArray("LISTEN");
    QTest::newRow("11") << SocketState::Closing << QByteArray("CLOSING");
    QTest::newRow("0") << SocketState::Unknown << QByteArray("UNKNOWN");
    QTest::newRow("12 (out of range)") << static_cast<SocketState>(12) << QByteArray("UNKNOWN");
}

void TestSocketRecord::stateName()
{
    QFETCH(SocketState, state);
    QFETCH(QByteArray, name);
    const std::string_view got = Sockpit::stateName(state);
    QCOMPARE(QByteArray(got.data(), static_cast<qsizetype>(got.size())), name);
}

void TestSocketRecord::stateFromName_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<SocketState>("state");

    const auto row = [](const char *name, SocketState state) { QTest::newRow(name) << QByteArray(name) << state; };
    // The kernel's names.
    row("ESTABLISHED", SocketState::Established);
    row("SYN_SENT", SocketState::SynSent);
    row("SYN_RECV", SocketState::SynRecv);
    row("FIN_WAIT1", SocketState::FinWait1);
    row("FIN_WAIT2", SocketState::FinWait2);
    row("TIME_WAIT", SocketState::TimeWait);
    row("CLOSE", SocketState::Close);
    row("CLOSE_WAIT", SocketState::CloseWait);
    row("LAST_ACK", SocketState::LastAck);
    row("LISTEN", SocketState::Listen);
    row("CLOSING", SocketState::Closing);
    // What ss prints.
    row("ESTAB", SocketState::Established);
    row("SYN-SENT", SocketState::SynSent);
    row("SYN-RECV", SocketState::SynRecv);
    row("FIN-WAIT-1", SocketState::FinWait1);
    row("FIN-WAIT-2", SocketState::FinWait2);
    row("TIME-WAIT", SocketState::TimeWait);
    row("UNCONN", SocketState::Close);
    row("CLOSE-WAIT", SocketState::CloseWait);
    row("LAST-ACK", SocketState::LastAck);
    // What ss's state filter takes.
    row("established", SocketState::Established);
    row("syn-recv", SocketState::SynRecv);
    row("fin-wait-1", SocketState::FinWait1);
    row("time-wait", SocketState::TimeWait);
    row("closed", SocketState::Close);
    row("close-wait", SocketState::CloseWait);
    row("listening", SocketState::Listen);
    row("closing", SocketState::Closing);
    // Any case.
    row("estab", SocketState::Established);
    row("Time-Wait", SocketState::TimeWait);
    row("unconn", SocketState::Close);
    row("fin_wait2", SocketState::FinWait2);
    // None of them.
    row("", SocketState::Unknown);
    row("UNKNOWN", SocketState::Unknown);
    row("bogus", SocketState::Unknown);
    row("time wait", SocketState::Unknown);
    row("TIME_WAIT ", SocketState::Unknown);
    row(" LISTEN", SocketState::Unknown);
    row("TIMEWAIT", SocketState::Unknown);
    row("synchronized", SocketState::Unknown); // an ss filter for several states, not one
    row("new-syn-recv", SocketState::Unknown);
    row("6", SocketState::Unknown);
    row("ESTABLISHED-AND-THEN-SOME", SocketState::Unknown);
}

void TestSocketRecord::stateFromName()
{
    QFETCH(QByteArray, name);
    QFETCH(SocketState, state);
    QCOMPARE(Sockpit::stateFromName(std::string_view(name.constData(), static_cast<std::size_t>(name.size()))), state);
}

void TestSocketRecord::stateNamesRoundTrip()
{
    for (int i = 1; i < StateCount; ++i) {
        const auto state = static_cast<SocketState>(i);
        QCOMPARE(Sockpit::stateFromName(Sockpit::stateName(state)), state);
    }
}

void TestSocketRecord::stateBits()
{
    QCOMPARE(stateBit(SocketState::Established), 0x2u);
    QCOMPARE(stateBit(SocketState::TimeWait), 0x40u);
    QCOMPARE(stateBit(SocketState::Listen), 0x400u);
    QVERIFY(AllStates & stateBit(SocketState::Closing));
    QVERIFY(!(AllStates & stateBit(SocketState::Unknown)));
}

void TestSocketRecord::protocolAndFamilyNames()
{
    QCOMPARE(protocolName(Protocol::Tcp), std::string_view("tcp"));
    QCOMPARE(protocolName(Protocol::Udp), std::string_view("udp"));
    QCOMPARE(familyName(Family::IPv4), std::string_view("ipv4"));
    QCOMPARE(familyName(Family::IPv6), std::string_view("ipv6"));
}

void TestSocketRecord::formatEndpoint_data()
{
    QTest::addColumn<Family>("family");
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<int>("port");

    const auto row = [](const char *expected, Family family, const char *addr, int port) {
        QTest::newRow(expected) << family << QByteArray(addr) << port;
    };
    row("127.0.0.1:80", Family::IPv4, "127.0.0.1", 80);
    row("0.0.0.0:0", Family::IPv4, "0.0.0.0", 0);
    row("255.255.255.255:65535", Family::IPv4, "255.255.255.255", 65535);
    row("10.1.2.3:4660", Family::IPv4, "10.1.2.3", 4660);
    // Every digit count of an octet, and zeros inside numbers (100, 109, 200, 250).
    row("100.109.200.250:1", Family::IPv4, "100.109.200.250", 1);
    row("9.10.99.199:65534", Family::IPv4, "9.10.99.199", 65534);
    row("1.0.20.0:10", Family::IPv4, "1.0.20.0", 10);
    row("[::1]:80", Family::IPv6, "::1", 80);
    row("[::]:0", Family::IPv6, "::", 0);
    row("[::ffff:10.0.0.1]:443", Family::IPv6, "::ffff:10.0.0.1", 443);
    row("[2001:db8::1234:5678]:443", Family::IPv6, "2001:db8::1234:5678", 443);
    row("[fe80::1]:22", Family::IPv6, "fe80::1", 22);
    row("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535", Family::IPv6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        65535);
}

void TestSocketRecord::formatEndpoint()
{
    QFETCH(Family, family);
    QFETCH(QByteArray, address);
    QFETCH(int, port);

    SocketRecord record;
    record.family = family;
    record.localAddress = ::address(family, address.constData());
    record.localPort = static_cast<quint16>(port);

    char buffer[56];
    std::memset(buffer, 'x', sizeof buffer);
    const int length = record.formatEndpoint(buffer, false);
    QCOMPARE(length, static_cast<int>(std::strlen(buffer)));
    QCOMPARE(QByteArray(buffer), QByteArray(QTest::currentDataTag()));
}

void TestSocketRecord::formatAddressPicksLocalOrRemote()
{
    SocketRecord record;
    record.localAddress = address(Family::IPv4, "192.0.2.1");
    record.remoteAddress = address(Family::IPv4, "198.51.100.7");
    record.localPort = 40000;
    record.remotePort = 443;
    char buffer[56];
    QCOMPARE(record.formatAddress(buffer, false), 9);
    QCOMPARE(QByteArray(buffer), QByteArray("192.0.2.1"));
    QCOMPARE(record.formatAddress(buffer, true), 12);
    QCOMPARE(QByteArray(buffer), QByteArray("198.51.100.7"));
    record.formatEndpoint(buffer, true);
    QCOMPARE(QByteArray(buffer), QByteArray("198.51.100.7:443"));
    record.formatEndpoint(buffer, false);
    QCOMPARE(QByteArray(buffer), QByteArray("192.0.2.1:40000"));
}

void TestSocketRecord::isV4Mapped_data()
{
    QTest::addColumn<Family>("family");
    QTest::addColumn<QByteArray>("local");
    QTest::addColumn<QByteArray>("remote");
    QTest::addColumn<bool>("mapped");

    QTest::newRow("::ffff:127.0.0.1 both ends")
        << Family::IPv6 << QByteArray("::ffff:127.0.0.1") << QByteArray("::ffff:127.0.0.1") << true;
    QTest::newRow("::ffff:127.0.0.1 listener")
        << Family::IPv6 << QByteArray("::ffff:127.0.0.1") << QByteArray("::") << true;
    QTest::newRow(":: to ::ffff:10.0.0.1") << Family::IPv6 << QByteArray("::") << QByteArray("::ffff:10.0.0.1") << true;
    QTest::newRow("::1") << Family::IPv6 << QByteArray("::1") << QByteArray("::1") << false;
    QTest::newRow("::") << Family::IPv6 << QByteArray("::") << QByteArray("::") << false;
    QTest::newRow("::127.0.0.1 (compatible, not mapped)")
        << Family::IPv6 << QByteArray("::127.0.0.1") << QByteArray("::") << false;
    QTest::newRow("::fffe:127.0.0.1") << Family::IPv6 << QByteArray("::fffe:127.0.0.1") << QByteArray("::") << false;
    QTest::newRow("1::ffff:127.0.0.1") << Family::IPv6 << QByteArray("1::ffff:127.0.0.1") << QByteArray("::") << false;
    QTest::newRow("127.0.0.1 (IPv4)") << Family::IPv4 << QByteArray("127.0.0.1") << QByteArray("127.0.0.1") << false;
}

void TestSocketRecord::isV4Mapped()
{
    QFETCH(Family, family);
    QFETCH(QByteArray, local);
    QFETCH(QByteArray, remote);
    QFETCH(bool, mapped);

    SocketRecord record;
    record.family = family;
    record.localAddress = address(family, local.constData());
    record.remoteAddress = address(family, remote.constData());
    QCOMPARE(record.isV4Mapped(), mapped);
}

void TestSocketRecord::recordStaysSmall()
{
    // A dump of 100k sockets is one allocation of this many bytes each (84 before the
    // pending timer, which the keepalive wizard counts, and its explicit padding).
    QCOMPARE(sizeof(SocketRecord), std::size_t { 88 });
}

QTEST_GUILESS_MAIN(TestSocketRecord)
#include "tst_socketrecord.moc"
