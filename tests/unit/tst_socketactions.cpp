// SPDX-License-Identifier: GPL-3.0-or-later
// What the Sockets table may do to a socket: close its connection through the helper, or
// terminate the process holding it. One row per input, named by the input.
#include "analysis/socketactions.h"

#include <QTest>

#include <arpa/inet.h>
#include <csignal>

using namespace Sockpit;

Q_DECLARE_METATYPE(SocketRecord)
Q_DECLARE_METATYPE(SocketActions::CloseVerdict)
Q_DECLARE_METATYPE(SocketActions::TerminateVerdict)

namespace {

// "tcp ESTABLISHED 10.0.0.1:40000 -> 10.0.0.2:80" as a record; IPv6 when the local
// address has a colon.
SocketRecord record(Protocol protocol, SocketState state, const char *local, quint16 localPort, const char *remote,
                    quint16 remotePort)
{
    SocketRecord socket;
    socket.protocol = protocol;
    socket.state = state;
    const bool v6 = QByteArray(local).contains(':');
    socket.family = v6 ? Family::IPv6 : Family::IPv4;
    ::inet_pton(v6 ? AF_INET6 : AF_INET, local, socket.localAddress.data());
    ::inet_pton(v6 ? AF_INET6 : AF_INET, remote, socket.remoteAddress.data());
    socket.localPort = localPort;
    socket.remotePort = remotePort;
    return socket;
}

} // namespace

class TestSocketActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void close_data();
    void close();
    void closeCarriesCookieAndDevice();
    void terminate_data();
    void terminate();
};

void TestSocketActions::close_data()
{
    using V = SocketActions::CloseVerdict;
    QTest::addColumn<SocketRecord>("socket");
    QTest::addColumn<V>("verdict");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("remote");

    const auto tcp = [](SocketState state) {
        return record(Protocol::Tcp, state, "10.0.0.1", 40000, "10.0.0.2", 80);
    };
    QTest::newRow("tcp ESTABLISHED 10.0.0.1:40000 -> 10.0.0.2:80")
        << tcp(SocketState::Established) << V::Closable << u"10.0.0.1"_qs << u"10.0.0.2"_qs;
    QTest::newRow("tcp SYN_SENT") << tcp(SocketState::SynSent) << V::Closable << u"10.0.0.1"_qs << u"10.0.0.2"_qs;
    QTest::newRow("tcp FIN_WAIT1") << tcp(SocketState::FinWait1) << V::Closable << u"10.0.0.1"_qs << u"10.0.0.2"_qs;
    QTest::newRow("tcp FIN_WAIT2") << tcp(SocketState::FinWait2) << V::Closable << u"10.0.0.1"_qs << u"10.0.0.2"_qs;
    QTest::newRow("tcp CLOSE_WAIT") << tcp(SocketState::CloseWait) << V::Closable << u"10.0.0.1"_qs << u"10.0.0.2"_qs;
    QTest::newRow("tcp LAST_ACK") << tcp(SocketState::LastAck) << V::Closable << u"10.0.0.1"_qs << u"10.0.0.2"_qs;
    QTest::newRow("tcp CLOSING") << tcp(SocketState::Closing) << V::Closable << u"10.0.0.1"_qs << u"10.0.0.2"_qs;
    QTest::newRow("tcp LISTEN (the kernel's fallback, never closed)")
        << tcp(SocketState::Listen) << V::NoConnection << QString() << QString();
    QTest::newRow("tcp TIME_WAIT (a minisocket)") << tcp(SocketState::TimeWait) << V::NoConnection << QString() << QString();
    QTest::newRow("tcp SYN_RECV (a request socket)") << tcp(SocketState::SynRecv) << V::NoConnection << QString() << QString();
    QTest::newRow("tcp CLOSE") << tcp(SocketState::Close) << V::NoConnection << QString() << QString();
    QTest::newRow("udp ESTABLISHED (no connection to reset)")
        << record(Protocol::Udp, SocketState::Established, "10.0.0.1", 5353, "10.0.0.2", 5353) << V::NotTcp
        << QString() << QString();
    QTest::newRow("tcp ESTABLISHED [2001:db8::1]:443 -> [2001:db8::2]:50000")
        << record(Protocol::Tcp, SocketState::Established, "2001:db8::1", 443, "2001:db8::2", 50000) << V::Closable
        << u"2001:db8::1"_qs << u"2001:db8::2"_qs;
    QTest::newRow("tcp ESTABLISHED v4-mapped [::ffff:10.0.0.1] -> [::ffff:10.0.0.2]")
        << record(Protocol::Tcp, SocketState::Established, "::ffff:10.0.0.1", 8080, "::ffff:10.0.0.2", 50000)
        << V::Closable << u"::ffff:10.0.0.1"_qs << u"::ffff:10.0.0.2"_qs;
    QTest::newRow("tcp ESTABLISHED remote 0.0.0.0 (unspecified)")
        << record(Protocol::Tcp, SocketState::Established, "10.0.0.1", 40000, "0.0.0.0", 80) << V::UnusableEndpoints
        << QString() << QString();
    QTest::newRow("tcp CLOSE_WAIT local :: (unspecified)")
        << record(Protocol::Tcp, SocketState::CloseWait, "::", 40000, "2001:db8::2", 80) << V::UnusableEndpoints
        << QString() << QString();
    QTest::newRow("tcp ESTABLISHED remote port 0")
        << record(Protocol::Tcp, SocketState::Established, "10.0.0.1", 40000, "10.0.0.2", 0) << V::UnusableEndpoints
        << QString() << QString();
}

void TestSocketActions::close()
{
    QFETCH(SocketRecord, socket);
    QFETCH(SocketActions::CloseVerdict, verdict);
    QFETCH(QString, local);
    QFETCH(QString, remote);
    const SocketActions::CloseDecision decision = SocketActions::close(socket);
    QCOMPARE(decision.verdict, verdict);
    QCOMPARE(decision.allowed(), verdict == SocketActions::CloseVerdict::Closable);
    if (!decision.allowed()) {
        QCOMPARE(decision.tuple, SocketTuple{}); // nothing to send
        return;
    }
    QCOMPARE(decision.tuple.localAddress, local);
    QCOMPARE(decision.tuple.localPort, socket.localPort);
    QCOMPARE(decision.tuple.remoteAddress, remote);
    QCOMPARE(decision.tuple.remotePort, socket.remotePort);
    // What the page offers, the helper accepts: the same check it runs on every request.
    QVERIFY(HelperProtocol::checkSocketTuple(decision.tuple));
}

void TestSocketActions::closeCarriesCookieAndDevice()
{
    SocketRecord socket = record(Protocol::Tcp, SocketState::Established, "fe80::1", 22, "fe80::2", 50000);
    QCOMPARE(SocketActions::close(socket).tuple.cookie, std::nullopt); // from /proc: no cookie
    socket.cookie = {0x1234, 0x1};
    socket.interfaceIndex = 3;
    const SocketActions::CloseDecision decision = SocketActions::close(socket);
    QVERIFY(decision.allowed());
    QCOMPARE(decision.tuple.cookie, std::optional<quint64>(0x100001234ULL));
    QCOMPARE(decision.tuple.interfaceIndex, quint32(3));
}

void TestSocketActions::terminate_data()
{
    using V = SocketActions::TerminateVerdict;
    QTest::addColumn<bool>("known");
    QTest::addColumn<int>("pid");
    QTest::addColumn<uint>("owner");
    QTest::addColumn<uint>("caller");
    QTest::addColumn<V>("verdict");
    QTest::newRow("no owner known") << false << 0 << 0u << 1000u << V::NoProcess;
    QTest::newRow("pid 4242 of uid 1000, asked by uid 1000") << true << 4242 << 1000u << 1000u << V::Allowed;
    QTest::newRow("pid 4242 of uid 0, asked by uid 1000") << true << 4242 << 0u << 1000u << V::NotYours;
    QTest::newRow("pid 4242 of uid 1001, asked by uid 1000") << true << 4242 << 1001u << 1000u << V::NotYours;
    QTest::newRow("pid 4242 of uid 1000, asked by root") << true << 4242 << 1000u << 0u << V::NotYours;
    QTest::newRow("pid 1 (init) of uid 0, asked by root") << true << 1 << 0u << 0u << V::NotAProcess;
    QTest::newRow("pid 0 (the caller's group)") << true << 0 << 1000u << 1000u << V::NotAProcess;
    QTest::newRow("pid -1 (every process)") << true << -1 << 1000u << 1000u << V::NotAProcess;
}

void TestSocketActions::terminate()
{
    QFETCH(bool, known);
    QFETCH(int, pid);
    QFETCH(uint, owner);
    QFETCH(uint, caller);
    QFETCH(SocketActions::TerminateVerdict, verdict);
    ProcessInfo info;
    info.pid = pid;
    info.name = u"nginx"_qs;
    info.uid = owner;
    const SocketActions::TerminateDecision decision = SocketActions::terminate(known ? &info : nullptr, caller);
    QCOMPARE(decision.verdict, verdict);
    QCOMPARE(decision.allowed(), verdict == SocketActions::TerminateVerdict::Allowed);
    // SIGTERM lets the process close its connections; nothing is sent when refused.
    QCOMPARE(decision.signal, decision.allowed() ? SIGTERM : 0);
    if (known) {
        QCOMPARE(decision.pid, pid);
        QCOMPARE(decision.name, u"nginx"_qs);
    }
}

QTEST_GUILESS_MAIN(TestSocketActions)
#include "tst_socketactions.moc"
