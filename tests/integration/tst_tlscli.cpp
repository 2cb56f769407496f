// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli tls against openssl s_server on loopback, with certificates this test
// makes with the openssl command: a root CA, an intermediate CA and server certificates
// that are valid, expired, not yet valid, self-signed, for another name, or served
// without their intermediate; and servers that refuse every protocol version or cipher
// the client offers. Each must be reported in plain words with the chain's details.

#include "clirunner.h"
#include "tlsfixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Sockpit::Test;

namespace {

QStringList problemCodes(const QJsonObject &report)
{
    QStringList codes;
    for (const QJsonValue &problem : report.value(QLatin1String("problems")).toArray())
        codes << problem.toObject().value(QLatin1String("code")).toString();
    return codes;
}

QString problemMessages(const QJsonObject &report)
{
    QStringList messages;
    for (const QJsonValue &problem : report.value(QLatin1String("problems")).toArray())
        messages << problem.toObject().value(QLatin1String("message")).toString();
    return messages.join(QLatin1String(" | "));
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << v.toString();
    return out;
}

} // namespace

class TlsCliTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void verification_data();
    void verification();
    void validChainDetails();
    void textReport();
    void refusedPort();
    void badInput_data();
    void badInput();

private:
    struct Served
    {
        QString leaf;            // name in m_leaves
        bool sendIntermediate = true;
        QStringList extraArguments;
    };
    CliRun inspect(const Served &served, const QStringList &options);

    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::map<QString, TestPki::Leaf> m_leaves;
};

void TlsCliTest::initTestCase()
{
    if (!opensslAvailable())
        QSKIP("the openssl command is not installed (packaging/bootstrap installs it)");
    QVERIFY(m_dir.isValid());
    m_pki = std::make_unique<TestPki>(m_dir.path());
    auto made = m_pki->createAuthorities();
    QVERIFY2(made.ok(), qPrintable(made.error()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    struct Want
    {
        const char *name;
        TestPki::LeafSpec spec;
    };
    const Want wants[] = {
        {"valid", {QStringLiteral("leaf.test"),
                   {QStringLiteral("DNS:leaf.test"), QStringLiteral("DNS:www.leaf.test"), QStringLiteral("IP:127.0.0.1")},
                   QStringLiteral("rsa"), now.addDays(-1), now.addDays(90).addSecs(3600), false}},
        {"expired", {QStringLiteral("expired.test"), {}, QStringLiteral("ec"), now.addDays(-400), now.addDays(-10).addSecs(-3600), false}},
        {"future", {QStringLiteral("future.test"), {}, QStringLiteral("ec"), now.addDays(10), now.addDays(100), false}},
        {"selfsigned", {QStringLiteral("self.test"), {}, QStringLiteral("ec"), now, now.addDays(30), true}},
        {"othername", {QStringLiteral("other.test"), {QStringLiteral("DNS:other.test")}, QStringLiteral("ec"), now.addDays(-1),
                       now.addDays(30), false}},
    };
    for (const Want &want : wants) {
        auto leaf = m_pki->leaf(QString::fromLatin1(want.name), want.spec);
        QVERIFY2(leaf.ok(), qPrintable(leaf.error()));
        m_leaves[QString::fromLatin1(want.name)] = leaf.value();
    }
}

CliRun TlsCliTest::inspect(const Served &served, const QStringList &options)
{
    TlsServer server;
    const TestPki::Leaf &leaf = m_leaves.at(served.leaf);
    auto started = server.start(leaf.certificate, leaf.key, served.sendIntermediate ? m_pki->intermediateCertificate() : QString(),
                                m_dir.path(), served.extraArguments);
    if (!started) {
        CliRun failed;
        failed.err = started.error().toUtf8();
        return failed;
    }
    return runCli(QStringList{QStringLiteral("tls"), QStringLiteral("127.0.0.1:%1").arg(server.port())} + options);
}

void TlsCliTest::verification_data()
{
    QTest::addColumn<QString>("leaf");
    QTest::addColumn<bool>("sendIntermediate");
    QTest::addColumn<QStringList>("serverArguments");
    QTest::addColumn<QString>("sni");
    QTest::addColumn<bool>("trustRoot");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QString>("words");  // a plain-words phrase the message must hold
    QTest::addColumn<int>("chainLength");
    QTest::addColumn<int>("daysToExpiry"); // of the server's certificate, +-1
    const QStringList none;
    QTest::newRow("valid chain") << "valid" << true << none << "leaf.test" << true << 0 << "verified" << QStringList{} << QString()
                                 << 2 << 90;
    QTest::newRow("valid by IP address") << "valid" << true << none << QString() << true << 0 << "verified" << QStringList{}
                                         << QString() << 2 << 90;
    QTest::newRow("expired") << "expired" << true << none << "expired.test" << true << 1 << "verification_failed"
                             << QStringList{QStringLiteral("expired")} << "expired on" << 2 << -11;
    QTest::newRow("not yet valid") << "future" << true << none << "future.test" << true << 1 << "verification_failed"
                                   << QStringList{QStringLiteral("not_yet_valid")} << "is valid only from" << 2 << 100;
    QTest::newRow("self-signed") << "selfsigned" << false << none << "self.test" << true << 1 << "verification_failed"
                                 << QStringList{QStringLiteral("self_signed")} << "signed by itself" << 1 << 30;
    QTest::newRow("wrong name") << "othername" << true << none << "leaf.test" << true << 1 << "verification_failed"
                                << QStringList{QStringLiteral("name_mismatch")}
                                << "the certificate is for other.test, not for \"leaf.test\"" << 2 << 30;
    QTest::newRow("missing intermediate") << "valid" << false << none << "leaf.test" << true << 1 << "verification_failed"
                                          << QStringList{QStringLiteral("missing_intermediate")}
                                          << "its issuer \"Sockpit Test Intermediate CA\" is neither sent nor trusted" << 1 << 90;
    QTest::newRow("unknown issuer") << "valid" << true << none << "leaf.test" << false << 1 << "verification_failed"
                                    << QStringList{QStringLiteral("unknown_issuer")}
                                    << "the chain ends at \"Sockpit Test Root CA\", a certificate authority this client does not trust"
                                    << 2 << 90;
    // The client speaks TLS 1.2 and 1.3 only; the server only 1.1 (allowed at level 0).
    QTest::newRow("protocol mismatch") << "valid" << true
                                       << QStringList{QStringLiteral("-tls1_1"), QStringLiteral("-cipher"), QStringLiteral("DEFAULT:@SECLEVEL=0")}
                                       << "leaf.test" << true << 1 << "handshake_failed" << QStringList{QStringLiteral("handshake_failure")}
                                       << "no TLS protocol version in common" << 0 << 0;
    // Anonymous Diffie-Hellman only: no client offers it by default.
    QTest::newRow("cipher mismatch") << "valid" << true
                                     << QStringList{QStringLiteral("-tls1_2"), QStringLiteral("-cipher"),
                                                    QStringLiteral("ADH-AES128-SHA:@SECLEVEL=0")}
                                     << "leaf.test" << true << 1 << "handshake_failed" << QStringList{QStringLiteral("handshake_failure")}
                                     << "no cipher suite or key exchange in common" << 0 << 0;
}

void TlsCliTest::verification()
{
    QFETCH(QString, leaf);
    QFETCH(bool, sendIntermediate);
    QFETCH(QStringList, serverArguments);
    QFETCH(QString, sni);
    QFETCH(bool, trustRoot);
    QFETCH(int, exitCode);
    QFETCH(QString, outcome);
    QFETCH(QStringList, codes);
    QFETCH(QString, words);
    QFETCH(int, chainLength);
    QFETCH(int, daysToExpiry);
    QStringList options{QStringLiteral("--format"), QStringLiteral("json")};
    if (!sni.isEmpty())
        options << QStringLiteral("--sni") << sni;
    if (trustRoot)
        options << QStringLiteral("--ca-file") << m_pki->rootCertificate();
    const CliRun run = inspect({leaf, sendIntermediate, serverArguments}, options);
    QVERIFY2(run.exitCode == exitCode, run.err.constData());
    const QJsonObject report = run.json().object();
    QCOMPARE(report.value(QLatin1String("schema")).toString(), QStringLiteral("sockpit.tls/1"));
    QCOMPARE(report.value(QLatin1String("outcome")).toString(), outcome);
    QCOMPARE(report.value(QLatin1String("verified")).toBool(), exitCode == 0);
    QCOMPARE(problemCodes(report), codes);
    QVERIFY2(problemMessages(report).contains(words), qPrintable(problemMessages(report)));
    const QJsonArray chain = report.value(QLatin1String("chain")).toArray();
    QCOMPARE(chain.size(), chainLength);
    if (chainLength > 0) {
        // Reported whatever verification said: it is a diagnosis.
        const QJsonObject server = chain.first().toObject();
        const int days = server.value(QLatin1String("days_to_expiry")).toInt();
        QVERIFY2(qAbs(days - daysToExpiry) <= 1, qPrintable(QString::number(days)));
        QCOMPARE(server.value(QLatin1String("common_name")).toString(),
                 leaf == QLatin1String("valid") ? QStringLiteral("leaf.test")
                 : leaf == QLatin1String("othername") ? QStringLiteral("other.test")
                 : leaf == QLatin1String("selfsigned") ? QStringLiteral("self.test")
                 : leaf == QLatin1String("future") ? QStringLiteral("future.test") : QStringLiteral("expired.test"));
        QVERIFY(!report.value(QLatin1String("protocol")).toString().isEmpty());
        QVERIFY(report.value(QLatin1String("timings_ms")).toObject().value(QLatin1String("handshake")).toDouble() > 0);
    } else {
        QVERIFY(report.value(QLatin1String("timings_ms")).toObject().value(QLatin1String("handshake")).isNull());
        QVERIFY(report.value(QLatin1String("timings_ms")).toObject().value(QLatin1String("connect")).toDouble() > 0);
    }
}

void TlsCliTest::validChainDetails()
{
    const CliRun run = inspect({QStringLiteral("valid"), true, {}},
                               {QStringLiteral("--sni"), QStringLiteral("www.leaf.test"), QStringLiteral("--ca-file"),
                                m_pki->rootCertificate(), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject report = run.json().object();
    QCOMPARE(report.value(QLatin1String("sni")).toString(), QStringLiteral("www.leaf.test"));
    QVERIFY(report.value(QLatin1String("name_matches")).toBool());
    QCOMPARE(report.value(QLatin1String("protocol")).toString(), QStringLiteral("TLSv1.3"));
    QVERIFY(!report.value(QLatin1String("cipher")).toString().isEmpty());
    const QJsonObject timings = report.value(QLatin1String("timings_ms")).toObject();
    QCOMPARE(timings.value(QLatin1String("dns")).toDouble(), 0.0); // an address
    QVERIFY(timings.value(QLatin1String("connect")).toDouble() > 0);
    QVERIFY(timings.value(QLatin1String("handshake")).toDouble() > 0);

    const QJsonArray chain = report.value(QLatin1String("chain")).toArray();
    QCOMPARE(chain.size(), 2);
    const QJsonObject leaf = chain.at(0).toObject();
    QVERIFY2(leaf.value(QLatin1String("subject")).toString().contains(QLatin1String("CN=leaf.test")),
             qPrintable(leaf.value(QLatin1String("subject")).toString()));
    QVERIFY(leaf.value(QLatin1String("subject")).toString().contains(QLatin1String("O=Sockpit Tests")));
    QVERIFY(leaf.value(QLatin1String("issuer")).toString().contains(QLatin1String("CN=Sockpit Test Intermediate CA")));
    QCOMPARE(strings(leaf.value(QLatin1String("sans"))),
             (QStringList{QStringLiteral("DNS:leaf.test"), QStringLiteral("DNS:www.leaf.test"), QStringLiteral("IP:127.0.0.1")}));
    QCOMPARE(leaf.value(QLatin1String("key")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("RSA"));
    QCOMPARE(leaf.value(QLatin1String("key")).toObject().value(QLatin1String("bits")).toInt(), 2048);
    QCOMPARE(leaf.value(QLatin1String("days_to_expiry")).toInt(), 90);
    QVERIFY(!leaf.value(QLatin1String("self_signed")).toBool());
    QVERIFY(leaf.value(QLatin1String("not_after")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(leaf.value(QLatin1String("sha256")).toString().size(), 32 * 3 - 1);

    const QJsonObject intermediate = chain.at(1).toObject();
    QCOMPARE(intermediate.value(QLatin1String("common_name")).toString(), QStringLiteral("Sockpit Test Intermediate CA"));
    QVERIFY(intermediate.value(QLatin1String("issuer")).toString().contains(QLatin1String("CN=Sockpit Test Root CA")));
    QCOMPARE(intermediate.value(QLatin1String("key")).toObject().value(QLatin1String("type")).toString(), QStringLiteral("EC"));
    QCOMPARE(intermediate.value(QLatin1String("key")).toObject().value(QLatin1String("bits")).toInt(), 256);
    QVERIFY(intermediate.value(QLatin1String("days_to_expiry")).toInt() > 3600);
}

void TlsCliTest::textReport()
{
    const CliRun run = inspect({QStringLiteral("expired"), true, {}},
                               {QStringLiteral("--sni"), QStringLiteral("expired.test"), QStringLiteral("--ca-file"), m_pki->rootCertificate()});
    QCOMPARE(run.exitCode, 1);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.contains(QLatin1String("Certificate chain as the server sent it (2)")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("0. CN=expired.test")));
    QVERIFY(text.contains(QLatin1String("key      EC 256 bits")));
    QVERIFY(text.contains(QLatin1String("Name \"expired.test\": matches")));
    QVERIFY(text.contains(QLatin1String("NOT verified:")));
    QVERIFY(text.contains(QLatin1String("  - expired: \"expired.test\" expired on ")));
}

void TlsCliTest::refusedPort()
{
    // A port just released: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    const CliRun run = runCli({QStringLiteral("tls"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--format"),
                               QStringLiteral("json")});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject report = run.json().object();
    QCOMPARE(report.value(QLatin1String("outcome")).toString(), QStringLiteral("connect_failed"));
    QCOMPARE(report.value(QLatin1String("error")).toString(), QStringLiteral("connection refused"));
    QVERIFY(report.value(QLatin1String("chain")).toArray().isEmpty());
}

void TlsCliTest::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no server") << QStringList{} << QStringLiteral("exactly one HOST[:PORT]");
    QTest::newRow("two servers") << QStringList{QStringLiteral("a.test"), QStringLiteral("b.test")} << QStringLiteral("exactly one");
    QTest::newRow("port 99999") << QStringList{QStringLiteral("127.0.0.1:99999")} << QStringLiteral("bad port \"99999\"");
    QTest::newRow("unbalanced bracket") << QStringList{QStringLiteral("[::1")} << QStringLiteral("unbalanced '['");
    QTest::newRow("unresolvable") << QStringList{QStringLiteral("nonexistent.invalid")} << QStringLiteral("cannot resolve");
    QTest::newRow("missing ca file") << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("--ca-file"), QStringLiteral("/nonexistent.pem")}
                                     << QStringLiteral("cannot read --ca-file");
    QTest::newRow("ca file without certificates")
        << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("--ca-file"), m_dir.path() + QStringLiteral("/ca.cnf")}
        << QStringLiteral("no PEM certificate");
    QTest::newRow("format xml") << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("--format"), QStringLiteral("xml")}
                                << QStringLiteral("unknown format \"xml\"");
    QTest::newRow("timeout 0") << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("--timeout"), QStringLiteral("0")}
                               << QStringLiteral("bad --timeout");
}

void TlsCliTest::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliRun run = runCli(QStringList{QStringLiteral("tls")} + arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TlsCliTest)
#include "tst_tlscli.moc"
