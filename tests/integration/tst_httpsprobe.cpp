// SPDX-License-Identifier: GPL-3.0-or-later
// https:// and named targets: sockpit-cli probe against openssl s_server on loopback
// serving tiny HTTP responses (phases, status, per-sample errors), credentials handed in
// by the caller reaching the server and nothing else, and names resolved again in every
// round, followed through an /etc/hosts of the test's own in a private mount namespace
// (root only; skipped with the reason otherwise).

#include "clirunner.h"
#include "probes/probeexport.h"
#include "probes/prober.h"
#include "tlsfixture.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

// sockpit-cli with the event loop running, so an in-process server can answer it.
CliRun runCliAsync(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    process.start(QStringLiteral(SOCKPIT_CLI_PATH), arguments);
    loop.exec();
    CliRun run;
    run.exitCode = process.state() == QProcess::NotRunning && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    // In place: a bind mount follows the inode, so the file must not be replaced.
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size() && file.flush();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

} // namespace

class HttpsProbeTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void phasesAndStatus();
    void namedTargetPhases();
    void certificateErrorPerSample();
    void refusedPort();
    void unresolvableName();
    void credentialsReachOnlyTheServer();
    void namesResolvedEveryRound();

private:
    void requireTls();
    void requireHosts();
    CliRun probeJson(const QStringList &arguments);

    QTemporaryDir m_dir;
    QString m_hostsFile;    // bind-mounted over /etc/hosts, or empty
    QString m_hostsSkip;
    QString m_tlsSkip;
    std::unique_ptr<TestPki> m_pki;
    TestPki::Leaf m_leaf;
    TlsServer m_server;
};

void HttpsProbeTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // First, while this is the only thread: a private mount namespace whose /etc/hosts
    // and /etc/resolv.conf the test writes. The CLI it starts inherits it.
    if (::geteuid() != 0) {
        m_hostsSkip = QStringLiteral("needs root for a private mount namespace with its own /etc/hosts (CI runs as root)");
    } else if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        m_hostsSkip = QStringLiteral("private mount namespace refused: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
    } else {
        m_hostsFile = m_dir.filePath(QStringLiteral("hosts"));
        const QString resolver = m_dir.filePath(QStringLiteral("resolv.conf"));
        // No DNS server at all: a name missing from hosts fails at once, and no query
        // leaves the machine.
        QVERIFY(writeFile(m_hostsFile, "127.0.0.1 localhost\n127.0.0.1 leaf.test\n"));
        QVERIFY(writeFile(resolver, "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n"));
        QVERIFY2(::mount(qPrintable(m_hostsFile), "/etc/hosts", nullptr, MS_BIND, nullptr) == 0, std::strerror(errno));
        QVERIFY2(::mount(qPrintable(resolver), "/etc/resolv.conf", nullptr, MS_BIND, nullptr) == 0, std::strerror(errno));
    }
    if (!opensslAvailable()) {
        m_tlsSkip = QStringLiteral("the openssl command is not installed (packaging/bootstrap installs it)");
        return;
    }
    m_pki = std::make_unique<TestPki>(m_dir.path());
    auto made = m_pki->createAuthorities();
    QVERIFY2(made.ok(), qPrintable(made.error()));
    TestPki::LeafSpec spec;
    spec.commonName = QStringLiteral("leaf.test");
    spec.subjectAltNames = {QStringLiteral("DNS:leaf.test"), QStringLiteral("IP:127.0.0.1")};
    spec.key = QStringLiteral("rsa");
    auto leaf = m_pki->leaf(QStringLiteral("leaf"), spec);
    QVERIFY2(leaf.ok(), qPrintable(leaf.error()));
    m_leaf = leaf.value();
    // s_server -HTTP answers "GET /FILE" with FILE as it is, status line included.
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("teapot")), "HTTP/1.0 418 I'm a teapot\r\nContent-Type: text/plain\r\n\r\nshort and stout\r\n"));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("ok")), "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nok\r\n"));
    auto started = m_server.start(m_leaf.certificate, m_leaf.key, m_pki->intermediateCertificate(), m_dir.path());
    QVERIFY2(started.ok(), qPrintable(started.error()));
}

void HttpsProbeTest::requireTls()
{
    if (!m_tlsSkip.isEmpty())
        QSKIP(qPrintable(m_tlsSkip));
}

void HttpsProbeTest::requireHosts()
{
    if (!m_hostsSkip.isEmpty())
        QSKIP(qPrintable(m_hostsSkip));
}

CliRun HttpsProbeTest::probeJson(const QStringList &arguments)
{
    return runCli(QStringList{QStringLiteral("probe"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--interval"),
                              QStringLiteral("100"), QStringLiteral("--timeout"), QStringLiteral("5000")}
                  + arguments);
}

void HttpsProbeTest::phasesAndStatus()
{
    requireTls();
    const CliRun run = probeJson({QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--ca-file"), m_pki->rootCertificate(),
                                  QStringLiteral("https://127.0.0.1:%1/teapot").arg(m_server.port())});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject target = run.json().object().value(QLatin1String("targets")).toArray().first().toObject();
    QCOMPARE(target.value(QLatin1String("kind")).toString(), QStringLiteral("https"));
    QCOMPARE(target.value(QLatin1String("received")).toInt(), 3);
    QCOMPARE(target.value(QLatin1String("status")).toInt(), 418);
    const QJsonArray samples = target.value(QLatin1String("samples")).toArray();
    QCOMPARE(samples.size(), 3);
    for (const QJsonValue &value : samples) {
        const QJsonObject sample = value.toObject();
        QVERIFY2(sample.value(QLatin1String("error")).isNull(), qPrintable(sample.value(QLatin1String("error")).toString()));
        QCOMPARE(sample.value(QLatin1String("status")).toInt(), 418);
        const QJsonObject phases = sample.value(QLatin1String("phases_ms")).toObject();
        const double dns = phases.value(QLatin1String("dns")).toDouble(-1);
        const double connect = phases.value(QLatin1String("connect")).toDouble(-1);
        const double tls = phases.value(QLatin1String("tls")).toDouble(-1);
        const double firstByte = phases.value(QLatin1String("first_byte")).toDouble(-1);
        const double total = sample.value(QLatin1String("rtt_ms")).toDouble(-1);
        QCOMPARE(dns, 0.0); // an address needs no lookup
        QVERIFY(connect > 0);
        QVERIFY(tls > 0);
        QVERIFY(firstByte > 0);
        // One after the other, and together no longer than the whole probe.
        QVERIFY2(dns + connect + tls + firstByte <= total + 0.01,
                 qPrintable(QStringLiteral("%1 + %2 + %3 + %4 > %5").arg(dns).arg(connect).arg(tls).arg(firstByte).arg(total)));
    }
    const QJsonObject medians = target.value(QLatin1String("phases_ms")).toObject();
    QVERIFY(medians.value(QLatin1String("tls")).toDouble() > 0);
}

void HttpsProbeTest::namedTargetPhases()
{
    requireTls();
    requireHosts();
    const CliRun run = probeJson({QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--ca-file"), m_pki->rootCertificate(),
                                  QStringLiteral("https://leaf.test:%1/ok").arg(m_server.port())});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject target = run.json().object().value(QLatin1String("targets")).toArray().first().toObject();
    QCOMPARE(target.value(QLatin1String("address")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(target.value(QLatin1String("status")).toInt(), 200);
    for (const QJsonValue &value : target.value(QLatin1String("samples")).toArray()) {
        const QJsonObject sample = value.toObject();
        QVERIFY2(sample.value(QLatin1String("error")).isNull(), qPrintable(sample.value(QLatin1String("error")).toString()));
        // Looked up again for this probe, and timed: the lookup is the first phase, so it
        // and the others fit inside the probe's own time.
        const QJsonObject phases = sample.value(QLatin1String("phases_ms")).toObject();
        const double dns = phases.value(QLatin1String("dns")).toDouble(-1);
        double sum = 0;
        for (const char *phase : {"dns", "connect", "tls", "first_byte"})
            sum += phases.value(QLatin1String(phase)).toDouble(-1);
        const double total = sample.value(QLatin1String("rtt_ms")).toDouble(-1);
        QVERIFY2(dns > 0, qPrintable(QString::number(dns)));
        QVERIFY2(sum <= total + 0.01, qPrintable(QStringLiteral("%1 > %2").arg(sum).arg(total)));
    }
}

void HttpsProbeTest::certificateErrorPerSample()
{
    requireTls();
    // The root is not trusted without --ca-file: every sample says why, none answers.
    const CliRun run = probeJson({QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("https://127.0.0.1:%1/ok").arg(m_server.port())});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject target = run.json().object().value(QLatin1String("targets")).toArray().first().toObject();
    QCOMPARE(target.value(QLatin1String("received")).toInt(), 0);
    for (const QJsonValue &value : target.value(QLatin1String("samples")).toArray()) {
        const QString error = value.toObject().value(QLatin1String("error")).toString();
        QVERIFY2(error.startsWith(QLatin1String("certificate: unknown issuer or missing intermediate")), qPrintable(error));
        QVERIFY(value.toObject().value(QLatin1String("status")).isNull());
    }
}

void HttpsProbeTest::refusedPort()
{
    const CliRun run = probeJson({QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("https://127.0.0.1:%1/").arg(freePort())});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject target = run.json().object().value(QLatin1String("targets")).toArray().first().toObject();
    QCOMPARE(target.value(QLatin1String("loss_pct")).toDouble(), 100.0);
    for (const QJsonValue &value : target.value(QLatin1String("samples")).toArray()) {
        const QJsonObject sample = value.toObject();
        QCOMPARE(sample.value(QLatin1String("error")).toString(), QStringLiteral("connection refused"));
        QVERIFY(sample.value(QLatin1String("phases_ms")).toObject().value(QLatin1String("tls")).isNull());
    }
}

void HttpsProbeTest::unresolvableName()
{
    const CliRun run = probeJson({QStringLiteral("https://nonexistent.invalid/")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains("cannot resolve \"nonexistent.invalid\""), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void HttpsProbeTest::credentialsReachOnlyTheServer()
{
    requireTls();
    RecordingTlsServer server;
    server.chain = QSslCertificate::fromPath(m_leaf.certificate) + QSslCertificate::fromPath(m_pki->intermediateCertificate());
    QFile keyFile(m_leaf.key);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    server.key = QSslKey(keyFile.readAll(), QSsl::Rsa);
    QVERIFY(!server.key.isNull());
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QString url = QStringLiteral("https://127.0.0.1:%1/private").arg(server.serverPort());

    // Through the API: the caller hands the credentials in with the target.
    ProberOptions options;
    options.count = 1;
    Prober prober(options);
    auto target = parseProbeTarget(url);
    QVERIFY(target.ok());
    target.value().authorization = basicAuthorization(QStringLiteral("probe-user"), QStringLiteral("s3cret:with colon"));
    target.value().caCertificates = QSslCertificate::fromPath(m_pki->rootCertificate());
    QVERIFY(prober.addTarget(target.value()).ok());
    QEventLoop loop;
    QObject::connect(&prober, &Prober::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    prober.start();
    loop.exec();
    QCOMPARE(prober.samples(0).size(), size_t(1));
    QVERIFY2(prober.samples(0).front().ok(), qPrintable(prober.samples(0).front().error));
    QCOMPARE(prober.samples(0).front().httpStatus, 204);
    QCOMPARE(server.requests.size(), 1);
    // base64("probe-user:s3cret:with colon")
    QVERIFY2(server.requests.first().contains("\r\nAuthorization: Basic cHJvYmUtdXNlcjpzM2NyZXQ6d2l0aCBjb2xvbg==\r\n"),
             server.requests.first().constData());

    // Through the CLI: from an environment variable, never echoed in its report.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SOCKPIT_TEST_TOKEN"), QStringLiteral("Bearer tok3n.value"));
    const CliRun run = runCliAsync({QStringLiteral("probe"), QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--format"),
                                    QStringLiteral("json"), QStringLiteral("--ca-file"), m_pki->rootCertificate(),
                                    QStringLiteral("--auth-env"), QStringLiteral("SOCKPIT_TEST_TOKEN"), url},
                                   environment);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(server.requests.size(), 2);
    QVERIFY2(server.requests.last().contains("\r\nAuthorization: Bearer tok3n.value\r\n"), server.requests.last().constData());
    QVERIFY(!run.out.contains("tok3n"));
    QVERIFY(!run.err.contains("tok3n"));
}

void HttpsProbeTest::namesResolvedEveryRound()
{
    requireHosts();
    // probe.test moves from 127.0.0.1 to 127.0.0.2 after the second probe and is gone
    // after the fourth; a listener on every address answers on both.
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::AnyIPv4));
    QVERIFY(writeFile(m_hostsFile, "127.0.0.1 localhost\n127.0.0.1 probe.test\n"));
    ProberOptions options;
    options.count = 6;
    options.intervalMs = 150;
    options.timeoutMs = 2000;
    Prober prober(options);
    auto target = parseProbeTarget(QStringLiteral("tcp://probe.test:%1").arg(listener.serverPort()));
    QVERIFY(target.ok());
    QVERIFY(prober.addTarget(target.value()).ok());
    std::map<quint32, QString> addressAt;
    QObject::connect(&prober, &Prober::sampleReady, &prober, [&](int, const ProbeSample &sample) {
        addressAt[sample.seq] = prober.address(0).text;
        if (sample.seq == 1)
            writeFile(m_hostsFile, "127.0.0.1 localhost\n127.0.0.2 probe.test\n");
        if (sample.seq == 3)
            writeFile(m_hostsFile, "127.0.0.1 localhost\n");
    });
    QEventLoop loop;
    QObject::connect(&prober, &Prober::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    prober.start();
    loop.exec();
    const std::vector<ProbeSample> samples = prober.samples(0);
    QCOMPARE(samples.size(), size_t(6));
    for (const ProbeSample &s : samples) {
        // Every probe looked the name up again and timed it; a lookup that waited for its
        // deadline would end as "DNS timeout", which the error checks refuse.
        QVERIFY2(s.dnsMs > 0, qPrintable(QString::number(s.dnsMs)));
        if (s.seq < 4)
            QVERIFY2(s.ok(), qPrintable(QStringLiteral("seq %1: %2").arg(s.seq).arg(s.error)));
        else
            QVERIFY2(s.error.startsWith(QLatin1String("DNS failure: ")), qPrintable(s.error));
    }
    QCOMPARE(addressAt[0], QStringLiteral("127.0.0.1"));
    QCOMPARE(addressAt[1], QStringLiteral("127.0.0.1"));
    QCOMPARE(addressAt[2], QStringLiteral("127.0.0.2"));
    QCOMPARE(addressAt[3], QStringLiteral("127.0.0.2"));
    // DNS failures are losses like any other, and an outage once they run on.
    const ProbeStats stats = prober.stats(0);
    QCOMPARE(stats.sent, 6);
    QCOMPARE(stats.received, 4);
    QCOMPARE(stats.failureStreak, 2);
    QCOMPARE(prober.totals(0).received, qint64(4));
    // The per-sample lookup time is in the export of a named tcp target.
    ProbeReport report;
    report.target = prober.target(0);
    report.samples = samples;
    report.stats = stats;
    QByteArray json;
    JsonWriter writer([&json](std::string_view text) { json.append(text.data(), qsizetype(text.size())); });
    writeProbeJson({report}, writer);
    QVERIFY2(json.contains("\"dns_ms\":"), json.constData());
}

QTEST_GUILESS_MAIN(HttpsProbeTest)
#include "tst_httpsprobe.moc"
