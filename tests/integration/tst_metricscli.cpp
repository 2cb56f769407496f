// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli metrics and serve as commands: the file for node_exporter's textfile
// collector written atomically and accepted by promtool, and exit 2 with one line on
// stderr for bad options, bad addresses and a port already in use.
#include "clirunner.h"
#include "httpget.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using namespace Sockpit::Test;

class MetricsCliTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metricsToStdout();
    void metricsToFile();
    void badInput_data();
    void badInput();
    void servePortInUse();
    void metricsProbes();
    void serveProbesOnItsSchedule();
};

void MetricsCliTest::metricsToStdout()
{
    const CliRun run = runCli({QStringLiteral("metrics"), QStringLiteral("--top"), QStringLiteral("3")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.isEmpty());
    QVERIFY(run.out.contains("# TYPE sockpit_tcp_time_wait_sockets gauge\n"));
    QVERIFY(run.out.contains("# TYPE sockpit_destination_port_share_ratio gauge\n"));
}

void MetricsCliTest::metricsToFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("sockpit.prom"));
    // A reader holding the old file (here a second link to it) keeps it whole: the new
    // file is another inode renamed over the name, never the old one rewritten in place.
    const QString held = dir.filePath(QStringLiteral("held"));
    ino_t first = 0;
    for (int round = 0; round < 2; ++round) { // the second replaces the first
        const CliRun run = runCli({QStringLiteral("metrics"), QStringLiteral("-o"), file});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.isEmpty());
        struct stat written{};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &written), 0);
        if (round == 0) {
            first = written.st_ino;
            QCOMPARE(::link(QFile::encodeName(file).constData(), QFile::encodeName(held).constData()), 0);
        } else {
            QVERIFY(written.st_ino != first);
        }
    }
    QVERIFY(QFile::remove(held));
    // Nothing but the file is left behind: the temporary file was renamed over it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("sockpit.prom")});
    struct stat status{};
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &status), 0);
    QCOMPARE(status.st_mode & 0777, mode_t(0644)); // node_exporter runs as its own user
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray text = in.readAll();
    QVERIFY(text.startsWith("# HELP sockpit_"));

    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        QSKIP("promtool is not installed (packaging/bootstrap installs prometheus)");
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.setStandardInputFile(file);
    promtool.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(promtool.waitForFinished(60000));
    QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
}

void MetricsCliTest::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("says");
    const auto row = [](const char *name, QStringList arguments, const char *says) {
        QTest::newRow(name) << arguments << QByteArray(says);
    };
    row("metrics --top 0", {QStringLiteral("metrics"), QStringLiteral("--top"), QStringLiteral("0")}, "bad --top \"0\"");
    row("metrics --top 1001", {QStringLiteral("metrics"), QStringLiteral("--top"), QStringLiteral("1001")}, "1 to 1000");
    row("metrics --top many", {QStringLiteral("metrics"), QStringLiteral("--top"), QStringLiteral("many")}, "bad --top");
    row("metrics -o into a missing directory",
        {QStringLiteral("metrics"), QStringLiteral("-o"), QStringLiteral("/nonexistent/sockpit/x.prom")}, "does not exist");
    row("metrics -o a directory", {QStringLiteral("metrics"), QStringLiteral("-o"), QDir::tempPath()}, "expected a file name");
    row("metrics extra", {QStringLiteral("metrics"), QStringLiteral("extra")}, "takes no arguments");
    row("metrics --probe https://", {QStringLiteral("metrics"), QStringLiteral("--probe"), QStringLiteral("https://example.org")},
        "expected an icmp:// or tcp:// target");
    row("metrics --probe ftp://", {QStringLiteral("metrics"), QStringLiteral("--probe"), QStringLiteral("ftp://x")}, "bad --probe");
    row("metrics --probe twice",
        {QStringLiteral("metrics"), QStringLiteral("--probe"), QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("--probe"),
         QStringLiteral("tcp://127.0.0.1:1")},
        "given twice");
    row("metrics --proc-root missing", {QStringLiteral("metrics"), QStringLiteral("--proc-root"), QStringLiteral("/nonexistent")}, "");
    row("serve --listen 1.2.3:80", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("1.2.3:80")},
        "is not an IPv4 address");
    row("serve --listen localhost:9567", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("localhost:9567")},
        "is not an IPv4 address");
    row("serve --listen 127.0.0.1", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1")},
        "expected ADDRESS:PORT");
    row("serve --listen ::1:9567", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("::1:9567")},
        "expected ADDRESS:PORT");
    row("serve --listen [::1]", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("[::1]")}, "expected [IPV6]:PORT");
    row("serve --listen [127.0.0.1]:9567", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("[127.0.0.1]:9567")},
        "is not an IPv6 address");
    row("serve --listen 127.0.0.1:0", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        "from 1 to 65535");
    row("serve --listen 127.0.0.1:65536", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:65536")},
        "from 1 to 65535");
    row("serve --listen 192.0.2.1:9567 (not this host's)",
        {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("192.0.2.1:9567")}, "cannot listen on \"192.0.2.1:9567\"");
    row("serve --listen with a newline", {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:1\n2")},
        "bad --listen");
    row("metrics --top with a newline", {QStringLiteral("metrics"), QStringLiteral("--top"), QStringLiteral("1\n2")}, "bad --top");
    row("serve --interval-s 0", {QStringLiteral("serve"), QStringLiteral("--interval-s"), QStringLiteral("0")}, "bad --interval-s");
    row("serve --top 0", {QStringLiteral("serve"), QStringLiteral("--top"), QStringLiteral("0")}, "bad --top");
    row("serve extra", {QStringLiteral("serve"), QStringLiteral("extra")}, "takes no arguments");
}

void MetricsCliTest::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, says);
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("sockpit-cli: ") && run.err.endsWith('\n') && run.err.count('\n') == 1, run.err.constData());
    QVERIFY2(run.err.contains(says), run.err.constData());
}

void MetricsCliTest::servePortInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const CliRun run = runCli({QStringLiteral("serve"), QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1:%1").arg(taken.serverPort())});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.count('\n') == 1 && run.err.contains("cannot listen on") && run.err.contains("in use"), run.err.constData());
}

namespace {

// The value of the series written exactly as SERIES, or NaN when absent.
double seriesValue(const QByteArray &exposition, const QByteArray &series)
{
    for (const QByteArray &line : exposition.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return qQNaN();
}

} // namespace

void MetricsCliTest::metricsProbes()
{
    // tcp:// probes connect; the kernel completes the handshake without accept().
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QString target = QStringLiteral("tcp://127.0.0.1:%1").arg(server.serverPort());
    const CliRun run = runCli({QStringLiteral("metrics"), QStringLiteral("--probe"), target});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QByteArray label = "{target=\"" + target.toUtf8() + "\"}";
    QCOMPARE(seriesValue(run.out, "sockpit_probe_sent_total" + label), 5.0);
    QCOMPARE(seriesValue(run.out, "sockpit_probe_received_total" + label), 5.0);
    QCOMPARE(seriesValue(run.out, "sockpit_probe_loss_ratio" + label), 0.0);
    const double rtt = seriesValue(run.out, "sockpit_probe_rtt_seconds" + label);
    QVERIFY2(rtt > 0 && rtt < 1, run.out.constData());
    QVERIFY(seriesValue(run.out, "sockpit_probe_jitter_seconds" + label) >= 0);
}

void MetricsCliTest::serveProbesOnItsSchedule()
{
    QTcpServer probed;
    QVERIFY(probed.listen(QHostAddress::LocalHost, 0));
    QTcpServer reserve; // a free port for serve: taken here, released just before
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    const QString target = QStringLiteral("tcp://127.0.0.1:%1").arg(probed.serverPort());
    QProcess serve;
    serve.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    serve.start(QStringLiteral(SOCKPIT_CLI_PATH), {QStringLiteral("serve"), QStringLiteral("--listen"),
                                                   QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--interval-s"),
                                                   QStringLiteral("1"), QStringLiteral("--probe"), target});
    QVERIFY(serve.waitForStarted());
    // Probes once a second, sampled once a second: the count a scrape sees goes up on
    // its own, without a scrape asking for anything.
    const QByteArray series = "sockpit_probe_received_total{target=\"" + target.toUtf8() + "\"}";
    QDeadlineTimer deadline(60000);
    double received = qQNaN();
    while (!deadline.hasExpired() && !(received >= 3)) {
        if (const auto reply = httpGet(port, "/metrics"); reply && reply->status == 200)
            received = seriesValue(reply->body, series);
        QThread::msleep(200);
    }
    serve.terminate();
    serve.waitForFinished(10000);
    QVERIFY2(received >= 3, qPrintable(QStringLiteral("%1 was %2").arg(QString::fromUtf8(series)).arg(received)));
}

QTEST_GUILESS_MAIN(MetricsCliTest)
#include "tst_metricscli.moc"
