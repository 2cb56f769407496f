// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli metrics and serve as commands: the file for node_exporter's textfile
// collector written atomically and accepted by promtool, and exit 2 with one line on
// stderr for bad options, bad addresses and a port already in use.
#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

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

QTEST_GUILESS_MAIN(MetricsCliTest)
#include "tst_metricscli.moc"
