// SPDX-License-Identifier: GPL-3.0-or-later
// The helper's request parser on what it receives from a caller it does not trust, as
// tables: one row per input, named by the input. A refused row states words the message
// must carry, so a vague message fails too.

#include "tuning/helperrequest.h"

#include <QTest>

using namespace Sockpit;

namespace {

QByteArray closeSocketRequest(const QByteArray &socket)
{
    return R"({"schema":"sockpit.helper-request/1","action":"close-socket","socket":)" + socket + "}";
}

} // namespace

class TestHelperRequest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closeSocketAccepted_data();
    void closeSocketAccepted();
    void closeSocketRefused_data();
    void closeSocketRefused();
    void closeSocketRoundTrip();
    void applyAcknowledge_data();
    void applyAcknowledge();
};

void TestHelperRequest::closeSocketAccepted_data()
{
    QTest::addColumn<QByteArray>("socket");
    QTest::addColumn<QString>("cookie"); // empty: none
    QTest::addColumn<uint>("interfaceIndex");
    auto row = [](const char *socket, const char *cookie, uint interfaceIndex) {
        QTest::newRow(socket) << QByteArray(socket) << QString::fromLatin1(cookie) << interfaceIndex;
    };
    row(R"({"local":"127.0.0.1","local_port":8080,"remote":"127.0.0.1","remote_port":41000})", "", 0);
    row(R"({"local":"::1","local_port":1,"remote":"::1","remote_port":65535})", "", 0);
    row(R"({"local":"::ffff:10.0.0.1","local_port":443,"remote":"::ffff:10.0.0.2","remote_port":5000})", "", 0);
    row(R"({"local":"fe80::1","local_port":22,"remote":"fe80::2","remote_port":50000,"interface":3})", "", 3);
    row(R"({"local":"10.0.0.1","local_port":22,"remote":"10.0.0.2","remote_port":2,"cookie":"1"})", "1", 0);
    row(R"({"local":"10.0.0.1","local_port":22,"remote":"10.0.0.2","remote_port":2,"cookie":"18446744073709551614"})",
        "18446744073709551614", 0);
    row(R"({"local":"10.0.0.1","local_port":22,"remote":"10.0.0.2","remote_port":2,"cookie":"4096","interface":0})",
        "4096", 0);
}

void TestHelperRequest::closeSocketAccepted()
{
    QFETCH(QByteArray, socket);
    QFETCH(QString, cookie);
    QFETCH(uint, interfaceIndex);
    auto request = HelperProtocol::parseRequest(closeSocketRequest(socket));
    QVERIFY2(request, qPrintable(request.error()));
    QCOMPARE(request->action, HelperAction::CloseSocket);
    QCOMPARE(request->socket.cookie.has_value(), !cookie.isEmpty());
    if (!cookie.isEmpty())
        QCOMPARE(QString::number(*request->socket.cookie), cookie);
    QCOMPARE(request->socket.interfaceIndex, interfaceIndex);
}

void TestHelperRequest::closeSocketRefused_data()
{
    QTest::addColumn<QByteArray>("socket");
    QTest::addColumn<QString>("mention");
    auto row = [](const char *socket, const char *mention) {
        QTest::newRow(socket) << QByteArray(socket) << QString::fromLatin1(mention);
    };
    // Wildcards name a listener or every connection, never the one a person picked.
    row(R"({"local":"0.0.0.0","local_port":80,"remote":"10.0.0.2","remote_port":5000})", "\"0.0.0.0\" is the unspecified");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"0.0.0.0","remote_port":5000})", "\"0.0.0.0\" is the unspecified");
    row(R"({"local":"::","local_port":80,"remote":"::1","remote_port":5000})", "\"::\" is the unspecified");
    row(R"({"local":"::1","local_port":80,"remote":"::","remote_port":5000})", "\"::\" is the unspecified");
    row(R"({"local":"::0","local_port":80,"remote":"::1","remote_port":5000})", "\"::0\" is the unspecified");
    row(R"({"local":"::ffff:0.0.0.0","local_port":80,"remote":"::ffff:10.0.0.2","remote_port":5000})",
        "\"::ffff:0.0.0.0\" is the unspecified");
    row(R"({"local":"10.0.0.1","local_port":0,"remote":"10.0.0.2","remote_port":5000})", "local_port");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":0})", "remote_port");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"::1","remote_port":5000})", "one family");
    row(R"({"local":"10.0.0.256","local_port":80,"remote":"10.0.0.2","remote_port":5000})", "one family");
    row(R"({"local":"fe80::1%eth0","local_port":80,"remote":"fe80::2","remote_port":5000})", "fe80::1%eth0");
    // The cookie: decimal text of a socket the kernel could have named.
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":"0"})", "cookie 0");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":"18446744073709551615"})",
        "cookie 18446744073709551615");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":"18446744073709551616"})",
        "\"cookie\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":"-1"})", "\"cookie\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":"0x10"})", "\"cookie\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":" 7"})", "\"cookie\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":""})", "\"cookie\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"cookie":12})", "\"cookie\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"interface":-1})", "\"interface\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"interface":1.5})", "\"interface\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"interface":"eth0"})",
        "\"interface\"");
    row(R"({"local":"10.0.0.1","local_port":80,"remote":"10.0.0.2","remote_port":5000,"states":4095})", "\"states\"");
}

void TestHelperRequest::closeSocketRefused()
{
    QFETCH(QByteArray, socket);
    QFETCH(QString, mention);
    auto request = HelperProtocol::parseRequest(closeSocketRequest(socket));
    QVERIFY(!request);
    QVERIFY2(request.error().contains(mention), qPrintable(request.error()));
    QCOMPARE(request.errorCode(), EINVAL);
}

void TestHelperRequest::closeSocketRoundTrip()
{
    HelperRequest request;
    request.action = HelperAction::CloseSocket;
    request.socket = {QStringLiteral("fe80::1"), 22, QStringLiteral("fe80::2"), 50000, quint64(0xfffffffffffffffe), 7};
    auto again = HelperProtocol::parseRequest(HelperProtocol::serializeRequest(request).trimmed());
    QVERIFY2(again, qPrintable(again.error()));
    QCOMPARE(again->socket, request.socket);
}

void TestHelperRequest::applyAcknowledge_data()
{
    // "acknowledge": the keys whose consequence the caller accepts (validator.h).
    QTest::addColumn<QByteArray>("acknowledge");
    QTest::addColumn<QString>("mention"); // empty: accepted
    auto row = [](const char *acknowledge, const char *mention) {
        QTest::newRow(acknowledge) << QByteArray(acknowledge) << QString::fromLatin1(mention);
    };
    row(R"(["net.ipv4.ping_group_range"])", "");
    row(R"([])", "");
    row(R"("net.ipv4.ping_group_range")", "\"acknowledge\" must be an array");
    row(R"([7])", "keys as strings");
    row(R"(["kernel.core_pattern"])", "kernel.core_pattern");
    row(R"(["net/ipv4/../../kernel/core_pattern"])", "net/ipv4/../../kernel/core_pattern");
}

void TestHelperRequest::applyAcknowledge()
{
    QFETCH(QByteArray, acknowledge);
    QFETCH(QString, mention);
    auto request = HelperProtocol::parseRequest(
        R"({"schema":"sockpit.helper-request/1","action":"apply","changes":[{"key":"net.ipv4.ping_group_range","value":"0 2147483647"}],"acknowledge":)"
        + acknowledge + "}");
    if (mention.isEmpty()) {
        QVERIFY2(request, qPrintable(request.error()));
        auto again = HelperProtocol::parseRequest(HelperProtocol::serializeRequest(request.value()).trimmed());
        QVERIFY(again);
        QCOMPARE(again->acknowledged, request->acknowledged);
        return;
    }
    QVERIFY(!request);
    QVERIFY2(request.error().contains(mention), qPrintable(request.error()));
}

QTEST_GUILESS_MAIN(TestHelperRequest)
#include "tst_helperrequest.moc"
