// SPDX-License-Identifier: GPL-3.0-or-later
// Live scenarios in a private network namespace, analysed by sockpit-cli recommend:
// port pressure from real TIME_WAIT sockets in a narrowed port range, a listener that
// never accepts flooded with connects, orphans in FIN_WAIT2 of clients that never close,
// and capture -> recommend --bundle giving the same
// findings as the live analysis. Needs root; skips with the reason otherwise.
#include "clirunner.h"
#include "netns.h"
#include "population.h"

#include <QFile>
#include <QScopeGuard>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

QJsonObject findingFor(const QJsonDocument &document, const QString &id, const QString &subject)
{
    for (const QJsonValue &v : document.object().value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        if (f.value(QStringLiteral("id")).toString() == id && f.value(QStringLiteral("subject")).toString() == subject)
            return f;
    }
    return {};
}

double evidence(const QJsonObject &finding, const char *metric)
{
    for (const QJsonValue &v : finding.value(QStringLiteral("evidence")).toArray())
        if (v.toObject().value(QStringLiteral("metric")).toString() == QLatin1String(metric))
            return v.toObject().value(QStringLiteral("value")).toDouble();
    return -1;
}

QString evidenceSource(const QJsonObject &finding, const char *metric)
{
    for (const QJsonValue &v : finding.value(QStringLiteral("evidence")).toArray())
        if (v.toObject().value(QStringLiteral("metric")).toString() == QLatin1String(metric))
            return v.toObject().value(QStringLiteral("source")).toString();
    return {};
}

QStringList findingKeys(const QJsonDocument &document)
{
    QStringList keys;
    for (const QJsonValue &v : document.object().value(QStringLiteral("findings")).toArray())
        keys << v.toObject().value(QStringLiteral("id")).toString() + QLatin1Char(' ')
                    + v.toObject().value(QStringLiteral("subject")).toString();
    keys.sort();
    return keys;
}

sockaddr_in loopback(quint16 port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// A TCP listener on ADDRESS with BACKLOG, or -1.
int listenOn(const sockaddr_in &address, int backlog)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 || ::listen(fd, backlog) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

class AnalysisNamespaceTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString reason = namespaceSkipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        if (auto entered = enterPrivateNetworkNamespace(); !entered)
            QSKIP(qPrintable(entered.error()));
        auto prepared = prepareNamespaceForPopulation();
        QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
        // Narrowed inside this namespace only: 1000 usable ports.
        auto narrowed = writeSysctl(QStringLiteral("net.ipv4.ip_local_port_range"), "40000 40999");
        QVERIFY2(narrowed.ok(), qPrintable(narrowed.error()));
        Population::Spec spec;
        spec.timeWait = 600;
        spec.destinations = 1;
        spec.destinationPort = 9000;
        auto built = m_population.build(spec);
        QVERIFY2(built.ok(), qPrintable(built.error()));
    }

    void portPressureNamesTheDestination()
    {
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--format"), QStringLiteral("json"),
                                   QStringLiteral("--interval-s"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 0);
        const QString destination = Population::destinationAddress(0) + QStringLiteral(":9000");
        const QJsonObject f = findingFor(run.json(), QStringLiteral("ephemeral-port-pressure"), destination);
        QVERIFY2(!f.isEmpty(), run.out.constData());
        const int made = m_population.timeWaitTo(0);
        QCOMPARE(made, 600);
        QCOMPARE(evidence(f, "sockets"), double(made));
        QCOMPARE(evidence(f, "time_wait"), double(made));
        QCOMPARE(evidence(f, "usable_ports"), 1000.0);
        QCOMPARE(evidence(f, "share"), 0.6);
        QCOMPARE(evidence(f, "time_wait_share"), 1.0);
        QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        // tcp_tw_reuse is 0 in this namespace; the destination is on loopback.
        bool reuse = false;
        for (const QJsonValue &c : f.value(QStringLiteral("changes")).toArray())
            reuse |= c.toObject().value(QStringLiteral("key")).toString() == QLatin1String("net.ipv4.tcp_tw_reuse")
                     && c.toObject().value(QStringLiteral("value")).toString() == QLatin1String("1");
        QVERIFY(reuse);
    }

    void bundleGivesTheSameFindings()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString bundle = dir.filePath(QStringLiteral("capture.json"));
        const CliRun capture = runCli({QStringLiteral("capture"), QStringLiteral("-o"), bundle,
                                       QStringLiteral("--interval-s"), QStringLiteral("1")});
        QVERIFY2(capture.exitCode == 0, capture.err.constData());
        const CliRun again = runCli({QStringLiteral("capture"), QStringLiteral("-o"), bundle});
        QCOMPARE(again.exitCode, 2); // never overwritten without --force

        const CliRun offline = runCli({QStringLiteral("recommend"), QStringLiteral("--bundle"), bundle,
                                       QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(offline.exitCode == 0, offline.err.constData());
        const CliRun live = runCli({QStringLiteral("recommend"), QStringLiteral("--format"), QStringLiteral("json"),
                                    QStringLiteral("--interval-s"), QStringLiteral("1")});
        QCOMPARE(live.exitCode, 0);
        QCOMPARE(findingKeys(offline.json()), findingKeys(live.json()));
        const QString destination = Population::destinationAddress(0) + QStringLiteral(":9000");
        const QJsonObject a = findingFor(offline.json(), QStringLiteral("ephemeral-port-pressure"), destination);
        const QJsonObject b = findingFor(live.json(), QStringLiteral("ephemeral-port-pressure"), destination);
        QVERIFY(!a.isEmpty());
        for (const char *metric : {"sockets", "time_wait", "usable_ports", "share"})
            QCOMPARE(evidence(a, metric), evidence(b, metric));
        QCOMPARE(a.value(QStringLiteral("changes")), b.value(QStringLiteral("changes")));
        QCOMPARE(offline.json().object().value(QStringLiteral("kernel")), live.json().object().value(QStringLiteral("kernel")));
    }

    // ssh host sockpit-cli capture -o - > host.json, then recommend --bundle - < host.json:
    // stdout holds the bundle and nothing else, and the piped bundle reads as the file does.
    void bundleThroughAPipe()
    {
        const CliRun capture = runCli({QStringLiteral("capture"), QStringLiteral("-o"), QStringLiteral("-"),
                                       QStringLiteral("--interval-s"), QStringLiteral("1")});
        QVERIFY2(capture.exitCode == 0, capture.err.constData());
        QVERIFY2(capture.err.isEmpty(), capture.err.constData());
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(capture.out, &error);
        QVERIFY2(!document.isNull(), qPrintable(error.errorString())); // the whole of stdout is one document
        QCOMPARE(document.object().value(QStringLiteral("schema")).toString(), QStringLiteral("sockpit.bundle/1"));

        const CliRun piped = runCliWithInput({QStringLiteral("recommend"), QStringLiteral("--bundle"), QStringLiteral("-"),
                                              QStringLiteral("--format"), QStringLiteral("json")},
                                             capture.out);
        QVERIFY2(piped.exitCode == 0, piped.err.constData());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("web1.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(capture.out);
        file.close();
        const CliRun fromFile = runCli({QStringLiteral("recommend"), QStringLiteral("--bundle"), file.fileName(),
                                        QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(fromFile.exitCode == 0, fromFile.err.constData());
        QCOMPARE(piped.json(), fromFile.json());
        const QString destination = Population::destinationAddress(0) + QStringLiteral(":9000");
        const QJsonObject f = findingFor(piped.json(), QStringLiteral("ephemeral-port-pressure"), destination);
        QVERIFY2(!f.isEmpty(), piped.out.constData());
        QCOMPARE(evidence(f, "time_wait"), double(m_population.timeWaitTo(0)));

        // Cut short on the way (a dropped connection): refused, saying so.
        const CliRun cut = runCliWithInput({QStringLiteral("recommend"), QStringLiteral("--bundle"), QStringLiteral("-")},
                                           capture.out.left(capture.out.size() / 3));
        QCOMPARE(cut.exitCode, 2);
        QVERIFY2(cut.err.contains("bundle on standard input is truncated"), cut.err.constData());
    }

    void acceptQueueOverflowNamesTheOwner()
    {
        // A listener with a backlog of 2 that never accepts.
        const sockaddr_in address = loopback(7070);
        const int listener = listenOn(address, 2);
        QVERIFY(listener >= 0);
        std::vector<int> clients;
        auto flood = [&](int count) {
            for (int i = 0; i < count; ++i) {
                const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
                if (fd < 0)
                    return;
                ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);
                clients.push_back(fd);
            }
        };
        flood(20);
        // Keep connecting while the CLI takes its two samples, so ListenOverflows rises
        // between them.
        QProcess process;
        process.start(QStringLiteral(SOCKPIT_CLI_PATH), {QStringLiteral("recommend"), QStringLiteral("--format"),
                                                         QStringLiteral("json"), QStringLiteral("--interval-s"),
                                                         QStringLiteral("2")});
        QVERIFY(process.waitForStarted());
        while (!process.waitForFinished(100))
            flood(5);
        const QByteArray out = process.readAllStandardOutput();
        for (int fd : clients)
            ::close(fd);
        ::close(listener);
        QCOMPARE(process.exitCode(), 0);

        const QJsonObject f = findingFor(QJsonDocument::fromJson(out), QStringLiteral("accept-queue-overflow"),
                                         QStringLiteral("port 7070"));
        QVERIFY2(!f.isEmpty(), out.constData());
        QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QCOMPARE(evidence(f, "port"), 7070.0);
        QCOMPARE(evidence(f, "backlog"), 2.0);
        // The kernel lets the queue reach backlog + 1 (sk_acceptq_is_full() uses ">").
        QVERIFY(evidence(f, "queue") >= 2);
        QCOMPARE(evidence(f, "owner_pid"), double(::getpid()));
        QVERIFY2(evidenceSource(f, "owner_pid").contains(QStringLiteral("tst_analysisnam")),
                 qPrintable(evidenceSource(f, "owner_pid"))); // comm is cut to 15 characters
        QVERIFY(evidence(f, "listen_overflows_per_s") > 0);
    }

    // Last: its sockets linger in the namespace for tcp_fin_timeout.
    void finWait2OrphansOfPeersThatNeverClose()
    {
        // The server closes every connection; the clients keep their half open (CLOSE_WAIT),
        // so each server socket is an orphan in FIN_WAIT2 until tcp_fin_timeout (60 s here).
        const sockaddr_in address = loopback(7171);
        const int listener = listenOn(address, 512);
        QVERIFY(listener >= 0);
        constexpr int Count = 300;
        std::vector<int> clients;
        for (int i = 0; i < Count; ++i) {
            const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            QVERIFY(client >= 0);
            QCOMPARE(::connect(client, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
            clients.push_back(client);
            const int server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            QVERIFY(server >= 0);
            ::close(server);
        }
        const auto closeAll = qScopeGuard([&] {
            for (int fd : clients)
                ::close(fd);
            ::close(listener);
        });

        const CliRun quiet = runCli({QStringLiteral("recommend"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY(findingFor(quiet.json(), QStringLiteral("fin-wait2-orphans"), QString()).isEmpty()); // 300 < 1000

        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--format"), QStringLiteral("json"),
                                   QStringLiteral("--threshold"), QStringLiteral("fin_wait2_orphans_warning=%1").arg(Count)});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject f = findingFor(run.json(), QStringLiteral("fin-wait2-orphans"), QString());
        QVERIFY2(!f.isEmpty(), run.out.constData());
        QCOMPARE(evidence(f, "fin_wait2_orphans"), double(Count));
        QCOMPARE(evidence(f, "tcp_fin_timeout"), 60.0);
        const QJsonArray changes = f.value(QStringLiteral("changes")).toArray();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().toObject().value(QStringLiteral("key")).toString(),
                 QStringLiteral("net.ipv4.tcp_fin_timeout"));
        QCOMPARE(changes.first().toObject().value(QStringLiteral("value")).toString(), QStringLiteral("30"));
    }

private:
    Population m_population;
};

QTEST_GUILESS_MAIN(AnalysisNamespaceTest)
#include "tst_analysisnamespace.moc"
