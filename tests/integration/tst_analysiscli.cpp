// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli capture and recommend: exit codes, one-line errors, sockpit.findings/1.
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Sockpit::Test;

namespace {
QString scenario(const char *name)
{
    return QStringLiteral(SOCKPIT_TEST_DATA "/analysis/") + QString::fromLatin1(name);
}

QJsonObject finding(const CliRun &run, const char *id)
{
    for (const QJsonValue &v : run.json().object().value(QStringLiteral("findings")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toString() == QLatin1String(id))
            return v.toObject();
    return {};
}

QJsonObject evidence(const QJsonObject &finding, const char *metric)
{
    for (const QJsonValue &v : finding.value(QStringLiteral("evidence")).toArray())
        if (v.toObject().value(QStringLiteral("metric")).toString() == QLatin1String(metric))
            return v.toObject();
    return {};
}
} // namespace

class AnalysisCliTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile wrong(m_dir.filePath(QStringLiteral("snapshot.json")));
        QVERIFY(wrong.open(QIODevice::WriteOnly));
        wrong.write("{\"schema\": \"sockpit.snapshot/1\"}\n");
        wrong.close();
        QFile damaged(m_dir.filePath(QStringLiteral("damaged.json")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"schema\": \"sockpit.bundle/1\", \"files\": {\"net/tcp\": \"x\"");
        damaged.close();
        damaged.setFileName(m_dir.filePath(QStringLiteral("garbled.json")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"schema\": \"sockpit.bundle/1\", \"files\" {}}\n");
        damaged.close();
        damaged.setFileName(m_dir.filePath(QStringLiteral("future.json")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"schema\": \"sockpit.bundle/2\", \"files\": {}}\n");
        damaged.close();
        damaged.setFileName(m_dir.filePath(QStringLiteral("empty.json")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.close();
        QFile escaping(m_dir.filePath(QStringLiteral("escaping.json")));
        QVERIFY(escaping.open(QIODevice::WriteOnly));
        escaping.write("{\"schema\": \"sockpit.bundle/1\", \"taken_at\": \"2026-01-02T03:04:05Z\", "
                       "\"files\": {\"../outside\": \"x\"}, \"links\": {}}");
        escaping.close();
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString wrong = m_dir.filePath(QStringLiteral("snapshot.json"));
        QTest::newRow("unknown profile") << QStringList{QStringLiteral("recommend"), QStringLiteral("--profile"), QStringLiteral("gamer")}
                                         << QStringLiteral("unknown profile \"gamer\"");
        QTest::newRow("missing bundle") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), QStringLiteral("/nonexistent.json")}
                                        << QStringLiteral("does not exist");
        QTest::newRow("wrong schema") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), wrong}
                                      << QStringLiteral("schema \"sockpit.snapshot/1\", expected sockpit.bundle/1");
        QTest::newRow("truncated bundle") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), m_dir.filePath(QStringLiteral("damaged.json"))}
                                          << QStringLiteral("damaged.json is truncated: it ends after 55 bytes");
        QTest::newRow("damaged bundle") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), m_dir.filePath(QStringLiteral("garbled.json"))}
                                        << QStringLiteral("garbled.json is damaged: missing name separator at byte");
        QTest::newRow("future bundle") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), m_dir.filePath(QStringLiteral("future.json"))}
                                       << QStringLiteral("future.json is sockpit.bundle/2, from a newer Sockpit; this version reads sockpit.bundle/1");
        QTest::newRow("empty bundle") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), m_dir.filePath(QStringLiteral("empty.json"))}
                                      << QStringLiteral("empty.json is empty");
        QTest::newRow("path outside the tree") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), m_dir.filePath(QStringLiteral("escaping.json"))}
                                               << QStringLiteral("bad file entry \"../outside\"");
        QTest::newRow("both sources") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), wrong,
                                                     QStringLiteral("--proc-root"), scenario("healthy")}
                                      << QStringLiteral("either --proc-root or --bundle");
        QTest::newRow("missing proc root") << QStringList{QStringLiteral("recommend"), QStringLiteral("--proc-root"), QStringLiteral("/nonexistent")}
                                           << QStringLiteral("does not exist");
        QTest::newRow("bandwidth without rtt") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bandwidth"), QStringLiteral("100")}
                                               << QStringLiteral("go together");
        QTest::newRow("negative rtt") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bandwidth"), QStringLiteral("100"),
                                                     QStringLiteral("--rtt"), QStringLiteral("-5")}
                                      << QStringLiteral("bad --rtt");
        QTest::newRow("unknown format") << QStringList{QStringLiteral("recommend"), QStringLiteral("--format"), QStringLiteral("csv")}
                                        << QStringLiteral("unknown format");
        QTest::newRow("interval 0") << QStringList{QStringLiteral("recommend"), QStringLiteral("--interval-s"), QStringLiteral("0")}
                                    << QStringLiteral("bad --interval-s");
        const QStringList withBandwidth{QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("healthy"),
                                        QStringLiteral("--bandwidth"), QStringLiteral("100")};
        QTest::newRow("rtt and probe") << (withBandwidth + QStringList{QStringLiteral("--rtt"), QStringLiteral("5"),
                                                                       QStringLiteral("--probe"), QStringLiteral("icmp://127.0.0.1")})
                                       << QStringLiteral("either --rtt or --probe, not both");
        QTest::newRow("probe without bandwidth") << QStringList{QStringLiteral("recommend"), QStringLiteral("--probe"),
                                                                QStringLiteral("icmp://127.0.0.1")}
                                                 << QStringLiteral("go together");
        QTest::newRow("probe https") << (withBandwidth + QStringList{QStringLiteral("--probe"), QStringLiteral("https://127.0.0.1/")})
                                     << QStringLiteral("expected an icmp:// or tcp:// target");
        QTest::newRow("probe without port") << (withBandwidth + QStringList{QStringLiteral("--probe"), QStringLiteral("tcp://127.0.0.1")})
                                            << QStringLiteral("bad --probe");
        QTest::newRow("unknown threshold") << QStringList{QStringLiteral("recommend"), QStringLiteral("--threshold"),
                                                          QStringLiteral("port_share=0.4")}
                                           << QStringLiteral("unknown threshold \"port_share\"; expected one of: port_share_warning");
        QTest::newRow("threshold not a number") << QStringList{QStringLiteral("recommend"), QStringLiteral("--threshold"),
                                                               QStringLiteral("port_share_warning=half")}
                                                << QStringLiteral("bad threshold port_share_warning=\"half\"");
        QTest::newRow("ratio above 1") << QStringList{QStringLiteral("recommend"), QStringLiteral("--threshold"),
                                                      QStringLiteral("retrans_warning=2")}
                                       << QStringLiteral("at most 1");
        QTest::newRow("ratio 0") << QStringList{QStringLiteral("recommend"), QStringLiteral("--threshold"),
                                                QStringLiteral("orphan_fill_warning=0")}
                                 << QStringLiteral("above 0");
        QTest::newRow("threshold without =") << QStringList{QStringLiteral("recommend"), QStringLiteral("--threshold"),
                                                            QStringLiteral("port_share_warning")}
                                             << QStringLiteral("expected NAME=VALUE");
        QTest::newRow("warning above critical") << QStringList{QStringLiteral("recommend"), QStringLiteral("--threshold"),
                                                               QStringLiteral("port_share_warning=0.9")}
                                                << QStringLiteral("port_share_warning (0.9) is above port_share_critical (0.8)");
        QTest::newRow("idle timeout of 5 seconds")
            << QStringList{QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("keepalive-nat"),
                           QStringLiteral("--idle-timeout"), QStringLiteral("5")}
            << QStringLiteral("bad --idle-timeout \"5\": expected whole seconds from 10 to 604800");
        QTest::newRow("idle timeout in minutes")
            << QStringList{QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("keepalive-nat"),
                           QStringLiteral("--idle-timeout"), QStringLiteral("5min")}
            << QStringLiteral("bad --idle-timeout \"5min\"");
        QTest::newRow("capture without -o") << QStringList{QStringLiteral("capture")} << QStringLiteral("needs -o FILE");
        QTest::newRow("capture over a file") << QStringList{QStringLiteral("capture"), QStringLiteral("-o"), wrong}
                                             << QStringLiteral("exists; pass --force");
        QTest::newRow("capture into a missing directory")
            << QStringList{QStringLiteral("capture"), QStringLiteral("-o"), QStringLiteral("/nonexistent/dir/b.json")}
            << QStringLiteral("does not exist");
    }

    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QByteArray before = readAll(m_dir.filePath(QStringLiteral("snapshot.json")));
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QCOMPARE(readAll(m_dir.filePath(QStringLiteral("snapshot.json"))), before); // nothing overwritten
    }

    // The same kinds of bad bundle piped in: recommend --bundle - names standard input.
    void badBundleOnStdin_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QByteArray() << QStringLiteral("bundle on standard input is empty");
        QTest::newRow("truncated") << QByteArray("{\"schema\": \"sockpit.bundle/1\", \"files\": {\"net/tcp\": \"  sl")
                                   << QStringLiteral("bundle on standard input is truncated");
        QTest::newRow("damaged") << QByteArray("sockpit-cli: cannot read /proc/net/sockstat\n")
                                 << QStringLiteral("bundle on standard input is damaged: ");
        QTest::newRow("wrong schema") << QByteArray("{\"schema\": \"sockpit.findings/1\", \"findings\": []}")
                                      << QStringLiteral("on standard input is not a capture bundle: schema \"sockpit.findings/1\"");
        QTest::newRow("future version") << QByteArray("{\"schema\": \"sockpit.bundle/3\"}")
                                        << QStringLiteral("bundle on standard input is sockpit.bundle/3, from a newer Sockpit");
    }

    void badBundleOnStdin()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        const CliRun run = runCliWithInput({QStringLiteral("recommend"), QStringLiteral("--bundle"), QStringLiteral("-")}, input);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    }

    void healthyTreeHasNoFindings()
    {
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("healthy"),
                                   QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json().object();
        QCOMPARE(o.value(QStringLiteral("schema")).toString(), QStringLiteral("sockpit.findings/1"));
        QCOMPARE(o.value(QStringLiteral("kernel")).toString(), QStringLiteral("6.1.0-18-amd64"));
        QCOMPARE(o.value(QStringLiteral("profile")).toString(), QStringLiteral("general"));
        QCOMPARE(o.value(QStringLiteral("interval_ms")).toInt(), 5000);
        QVERIFY(o.value(QStringLiteral("kernel_log")).toObject().value(QStringLiteral("available")).toBool());
        QCOMPARE(o.value(QStringLiteral("findings")).toArray().size(), 0);
        const CliRun text = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("healthy")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("No problems found; nothing to change."));
    }

    void damagedTreeIsAnalysedFromTheRest()
    {
        // tests/data/proc-damaged: tcp6 with udp6's header, one malformed tcp line. The
        // rest is analysed; the notes say what was left out.
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"),
                                   QStringLiteral(SOCKPIT_TEST_DATA "/proc-damaged"), QStringLiteral("--format"),
                                   QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray notes = QJsonDocument(run.json().object().value(QStringLiteral("notes")).toArray()).toJson();
        QVERIFY2(notes.contains("net/tcp6 refused") && notes.contains("net/tcp: 1 malformed line(s) left out"),
                 notes.constData());
    }

    void findingsAreExitZero()
    {
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("accept-full"),
                                   QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray findings = run.json().object().value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        const QJsonObject f = findings.at(0).toObject();
        QCOMPARE(f.value(QStringLiteral("id")).toString(), QStringLiteral("accept-queue-overflow"));
        QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        const QJsonObject change = f.value(QStringLiteral("changes")).toArray().at(0).toObject();
        QCOMPARE(change.value(QStringLiteral("key")).toString(), QStringLiteral("net.core.somaxconn"));
        QCOMPARE(change.value(QStringLiteral("value")).toString(), QStringLiteral("4096"));
        QCOMPARE(change.value(QStringLiteral("current")).toString(), QStringLiteral("128"));

        const CliRun text = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("accept-full")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("[CRITICAL] Accept queue of 0.0.0.0:8080 (pid 4242, nginx)"));
        QVERIFY(text.out.contains("    net.core.somaxconn = 4096"));
        QVERIFY(text.out.contains("Caveat: "));
    }

    void idleTimeoutJudgesKeepalive()
    {
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("keepalive-nat"),
                                   QStringLiteral("--idle-timeout"), QStringLiteral("350"), QStringLiteral("--format"),
                                   QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray findings = run.json().object().value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        const QJsonObject f = findings.at(0).toObject();
        QCOMPARE(f.value(QStringLiteral("id")).toString(), QStringLiteral("keepalive-idle-timeout"));
        QStringList changes;
        for (const QJsonValue &c : f.value(QStringLiteral("changes")).toArray())
            changes << c.toObject().value(QStringLiteral("key")).toString() + QLatin1Char('=')
                           + c.toObject().value(QStringLiteral("value")).toString();
        QCOMPARE(changes, (QStringList{QStringLiteral("net.ipv4.tcp_keepalive_time=175"),
                                       QStringLiteral("net.ipv4.tcp_retries2=8")}));
        // Without the timeout the same tree has nothing to say about keepalive.
        const CliRun plain = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("keepalive-nat"),
                                     QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(plain.json().object().value(QStringLiteral("findings")).toArray().size(), 0);
    }

    // ports-borderline holds 499 of 999 usable ports (0.4995): below the default 0.5,
    // above 0.49; ports-warning's 500 (0.5005) is below 0.6.
    void thresholdsFlipFindings()
    {
        auto ports = [](const char *tree, const QStringList &extra) {
            const CliRun run = runCli(QStringList{QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario(tree),
                                                  QStringLiteral("--format"), QStringLiteral("json")}
                                      + extra);
            return std::pair{run.exitCode, finding(run, "ephemeral-port-pressure")};
        };
        QCOMPARE(ports("ports-borderline", {}), std::pair(0, QJsonObject()));
        const auto lowered = ports("ports-borderline", {QStringLiteral("--threshold"), QStringLiteral("port_share_warning=0.49")});
        QCOMPARE(lowered.first, 0);
        QCOMPARE(lowered.second.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        QCOMPARE(evidence(lowered.second, "sockets").value(QStringLiteral("value")).toInt(), 499);
        // Repeatable: a critical level below the share makes it critical.
        const auto critical = ports("ports-borderline", {QStringLiteral("--threshold"), QStringLiteral("port_share_warning=0.3"),
                                                         QStringLiteral("--threshold"), QStringLiteral("port_share_critical=0.4")});
        QCOMPARE(critical.second.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));

        QVERIFY(!ports("ports-warning", {}).second.isEmpty());
        const auto raised = ports("ports-warning", {QStringLiteral("--threshold"), QStringLiteral("port_share_warning=0.6")});
        QCOMPARE(raised, std::pair(0, QJsonObject()));

        const CliRun help = runCli({QStringLiteral("recommend"), QStringLiteral("--help")});
        for (const char *name : {"port_share_warning", "retrans_min_segments_per_s", "orphan_fill_critical", "exhaustion_warning_s"})
            QVERIFY2(help.out.contains(name), name);
    }

    // --probe measures the path: 5 TCP connects to a listener this test opens on
    // 127.0.0.1 (the kernel completes them from the backlog; no root needed).
    void probeMeasuresTheRtt()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(listener >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(::listen(listener, 64), 0);
        QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
        const QString target = QStringLiteral("tcp://127.0.0.1:%1").arg(ntohs(address.sin_port));
        // 10 Tbit/s: even a loopback RTT of a few microseconds needs more than tcp_rmem's 6 MiB.
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("healthy"),
                                   QStringLiteral("--bandwidth"), QStringLiteral("10000000"), QStringLiteral("--probe"),
                                   target, QStringLiteral("--format"), QStringLiteral("json")});
        ::close(listener);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject f = finding(run, "bandwidth-delay-product");
        QVERIFY2(!f.isEmpty(), run.out.constData());
        const QJsonObject rtt = evidence(f, "rtt_ms");
        QVERIFY(rtt.value(QStringLiteral("value")).toDouble() > 0);
        const QString source = rtt.value(QStringLiteral("source")).toString();
        QVERIFY2(source.startsWith(QStringLiteral("measured by 5 TCP probes to %1 (127.0.0.1): avg ").arg(target)),
                 qPrintable(source));
        // The BDP is the measured RTT times the bandwidth, 1.25e12 bytes/s x RTT (both as
        // printed, rounded, hence the tolerance).
        const double expected = 1.25e12 * rtt.value(QStringLiteral("value")).toDouble() / 1000.0;
        const double bdp = evidence(f, "bdp_bytes").value(QStringLiteral("value")).toDouble();
        QVERIFY2(qAbs(bdp / expected - 1) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(bdp).arg(expected)));

        // Nobody listens any more: every probe is refused, and that is a failure, not bad input.
        const CliRun refused = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("healthy"),
                                       QStringLiteral("--bandwidth"), QStringLiteral("100"), QStringLiteral("--probe"), target});
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.err.count('\n'), 1);
        QVERIFY2(refused.err.contains("none of 5 probes answered"), refused.err.constData());
    }

private:
    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(AnalysisCliTest)
#include "tst_analysiscli.moc"
