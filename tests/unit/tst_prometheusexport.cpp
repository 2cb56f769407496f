// SPDX-License-Identifier: GPL-3.0-or-later
// The Prometheus exposition of core/recording: label escaping as a table, the format's
// rules (HELP and TYPE before every family, no timestamps, _total on counters, --top
// bounding the series), promtool's verdict on it, and the files in packaging/ built on
// its names: the alerting rules (promtool check rules) and the Grafana dashboard.
#include "capture/observation.h"
#include "recording/prometheusexport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <arpa/inet.h>

using namespace Sockpit;

namespace {

SocketRecord socket(const char *local, quint16 localPort, const char *remote, quint16 remotePort, SocketState state)
{
    SocketRecord r;
    r.protocol = Protocol::Tcp;
    r.family = Family::IPv4;
    r.state = state;
    ::inet_pton(AF_INET, local, r.localAddress.data());
    ::inet_pton(AF_INET, remote, r.remoteAddress.data());
    r.localPort = localPort;
    r.remotePort = remotePort;
    return r;
}

// Three destinations (5, 3 and 1 sockets), two listeners, a probe target whose name
// holds every character the format escapes.
MetricsSample sample()
{
    std::vector<SocketRecord> sockets;
    sockets.push_back(socket("127.0.0.1", 8080, "0.0.0.0", 0, SocketState::Listen));
    sockets.back().receiveQueue = 3;
    sockets.back().sendQueue = 4;
    sockets.push_back(socket("127.0.0.1", 8081, "0.0.0.0", 0, SocketState::Listen));
    sockets.back().sendQueue = 128;
    for (int i = 0; i < 5; ++i)
        sockets.push_back(socket("127.0.0.1", quint16(40000 + i), "10.0.0.1", 443, SocketState::TimeWait));
    for (int i = 0; i < 3; ++i)
        sockets.push_back(socket("127.0.0.1", quint16(41000 + i), "10.0.0.2", 443, SocketState::Established));
    sockets.push_back(socket("127.0.0.1", 42000, "10.0.0.3", 80, SocketState::Established));
    EphemeralConfig config;
    config.range = {40000, 49999};
    SockStat sockStat;
    sockStat.timeWait = 5;
    SnapshotBuilder builder;
    builder.setSockStat(sockStat);
    builder.setCounters(CounterSet::parse("Tcp: ActiveOpens OutSegs RetransSegs\nTcp: 9 100 2\n",
                                          "TcpExt: ListenOverflows ListenDrops\nTcpExt: 7 8\n"));
    builder.setEphemeral(analyseEphemeral(config, sockets));
    builder.setSockets(sockets);
    MetricsSample s;
    s.snapshot = builder.build();
    Observation o;
    o.later = s.snapshot;
    s.destinations = portPressure(o);
    s.acceptQueues = acceptQueues(o);
    s.findings = {1, 2, 0};
    ProbeFigures probe;
    probe.target = QStringLiteral("tcp://a\"b\\c\nd:1");
    probe.stats.sent = 4;
    probe.stats.received = 3;
    probe.stats.lossPct = 25;
    probe.stats.avgMs = 1.5;
    probe.stats.jitterRfc3550Ms = 0.25;
    probe.totals = {4, 3};
    s.probes.push_back(probe);
    return s;
}

// "name{labels} value" lines, keyed by the whole series, the value as written.
QHash<QByteArray, QByteArray> series(const QByteArray &text)
{
    QHash<QByteArray, QByteArray> out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        out.insert(line.left(space), line.mid(space + 1));
    }
    return out;
}

// What promtool says about TEXT on stdin of "promtool check metrics"; empty when it
// accepts it.
QString promtoolComplaint(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(QStringLiteral("promtool"), arguments);
    if (!promtool.waitForStarted())
        return QStringLiteral("promtool did not start");
    promtool.write(input);
    promtool.closeWriteChannel();
    if (!promtool.waitForFinished(60000))
        return QStringLiteral("promtool did not finish");
    const QString output = QString::fromUtf8(promtool.readAll());
    return promtool.exitCode() == 0 ? QString() : output;
}

} // namespace

class PrometheusExportTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapeLabelValue_data();
    void escapeLabelValue();
    void everyFamilyHasHelpAndType();
    void values();
    void topBoundsTheSeries();
    void promtoolAcceptsIt();
    void rulesPassPromtool();
    void packagingUsesExportedNames_data();
    void packagingUsesExportedNames();
};

void PrometheusExportTest::escapeLabelValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("escaped");
    QTest::newRow("10.0.0.1:443") << QStringLiteral("10.0.0.1:443") << QByteArray("10.0.0.1:443");
    QTest::newRow("[2001:db8::1]:443") << QStringLiteral("[2001:db8::1]:443") << QByteArray("[2001:db8::1]:443");
    QTest::newRow("back\\slash") << QStringLiteral("back\\slash") << QByteArray("back\\\\slash");
    QTest::newRow("double\"quote") << QStringLiteral("double\"quote") << QByteArray("double\\\"quote");
    QTest::newRow("line\\nfeed") << QStringLiteral("line\nfeed") << QByteArray("line\\nfeed");
    QTest::newRow("tab\\tkept") << QStringLiteral("tab\tkept") << QByteArray("tab\tkept");
    QTest::newRow("utf-8 é") << QStringLiteral("é") << QByteArray("\xc3\xa9");
    QTest::newRow("empty") << QString() << QByteArray();
}

void PrometheusExportTest::escapeLabelValue()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, escaped);
    QCOMPARE(Sockpit::escapeLabelValue(value), escaped);
}

void PrometheusExportTest::everyFamilyHasHelpAndType()
{
    const QByteArray text = prometheusText(sample(), {});
    QVERIFY(text.endsWith('\n'));
    QByteArray help, type, typeName;
    QSet<QByteArray> seen;
    static const QRegularExpression sampleLine(QStringLiteral(R"(^(sockpit_[a-z_]+)(\{[^}]*\})? (\S+)$)"));
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        if (line.startsWith("# HELP ")) {
            help = line.split(' ').value(2);
            QVERIFY2(!seen.contains(help), line.constData()); // one block per family
            seen.insert(help);
            continue;
        }
        if (line.startsWith("# TYPE ")) {
            const QList<QByteArray> words = line.split(' ');
            typeName = words.value(2);
            type = words.value(3);
            QCOMPARE(typeName, help);
            QVERIFY2(type == "gauge" || type == "counter", line.constData());
            QCOMPARE(type == "counter", typeName.endsWith("_total"));
            continue;
        }
        // Exactly name, labels and value: no timestamp.
        const QRegularExpressionMatch match = sampleLine.match(QString::fromUtf8(line));
        QVERIFY2(match.hasMatch(), line.constData());
        const QByteArray name = line.left(line.indexOf(line.contains('{') ? '{' : ' '));
        QCOMPARE(name, typeName);
    }
    for (const char *family : {"sockpit_sockets", "sockpit_tcp_time_wait_sockets", "sockpit_ephemeral_range_ports",
                               "sockpit_ephemeral_usable_ports", "sockpit_ephemeral_in_use_ports",
                               "sockpit_destination_sockets", "sockpit_destination_time_wait_sockets",
                               "sockpit_destination_port_share_ratio", "sockpit_listen_queue_fill_ratio",
                               "sockpit_tcp_listen_overflows_total", "sockpit_findings", "sockpit_probe_rtt_seconds",
                               "sockpit_probe_loss_ratio", "sockpit_probe_jitter_seconds"})
        QVERIFY2(seen.contains(family), family);
}

void PrometheusExportTest::values()
{
    const auto s = series(prometheusText(sample(), {}));
    QCOMPARE(s.value("sockpit_tcp_time_wait_sockets"), QByteArray("5"));
    QCOMPARE(s.value("sockpit_sockets{protocol=\"tcp\",state=\"time_wait\"}"), QByteArray("5"));
    QCOMPARE(s.value("sockpit_sockets{protocol=\"tcp\",state=\"listen\"}"), QByteArray("2"));
    QCOMPARE(s.value("sockpit_sockets{protocol=\"udp\",state=\"close\"}"), QByteArray("0"));
    QCOMPARE(s.value("sockpit_ephemeral_range_ports"), QByteArray("10000"));
    QCOMPARE(s.value("sockpit_ephemeral_usable_ports"), QByteArray("10000"));
    QCOMPARE(s.value("sockpit_ephemeral_in_use_ports"), QByteArray("9"));
    QCOMPARE(s.value("sockpit_destinations"), QByteArray("3"));
    QCOMPARE(s.value("sockpit_destination_sockets{destination=\"10.0.0.1:443\"}"), QByteArray("5"));
    QCOMPARE(s.value("sockpit_destination_time_wait_sockets{destination=\"10.0.0.1:443\"}"), QByteArray("5"));
    QCOMPARE(s.value("sockpit_destination_time_wait_sockets{destination=\"10.0.0.2:443\"}"), QByteArray("0"));
    QCOMPARE(s.value("sockpit_destination_port_share_ratio{destination=\"10.0.0.1:443\"}").toDouble(), 0.0005);
    QCOMPARE(s.value("sockpit_listen_queue_connections{listener=\"127.0.0.1:8080\"}"), QByteArray("3"));
    QCOMPARE(s.value("sockpit_listen_backlog_connections{listener=\"127.0.0.1:8080\"}"), QByteArray("4"));
    QCOMPARE(s.value("sockpit_listen_queue_fill_ratio{listener=\"127.0.0.1:8080\"}"), QByteArray("0.75"));
    QCOMPARE(s.value("sockpit_tcp_listen_overflows_total"), QByteArray("7"));
    QCOMPARE(s.value("sockpit_tcp_listen_drops_total"), QByteArray("8"));
    QCOMPARE(s.value("sockpit_tcp_retransmitted_segments_total"), QByteArray("2"));
    QVERIFY(!s.contains("sockpit_tcp_syncookies_sent_total")); // not in this kernel's counters
    QCOMPARE(s.value("sockpit_findings{severity=\"warning\"}"), QByteArray("2"));
    QCOMPARE(s.value("sockpit_findings{severity=\"critical\"}"), QByteArray("0"));
    const QByteArray target = "{target=\"tcp://a\\\"b\\\\c\\nd:1\"}";
    QCOMPARE(s.value("sockpit_probe_rtt_seconds" + target).toDouble(), 0.0015);
    QCOMPARE(s.value("sockpit_probe_jitter_seconds" + target).toDouble(), 0.00025);
    QCOMPARE(s.value("sockpit_probe_loss_ratio" + target), QByteArray("0.25"));
    QCOMPARE(s.value("sockpit_probe_sent_total" + target), QByteArray("4"));
    QCOMPARE(s.value("sockpit_probe_received_total" + target), QByteArray("3"));
}

void PrometheusExportTest::topBoundsTheSeries()
{
    MetricsOptions options;
    options.top = 1;
    const auto s = series(prometheusText(sample(), options));
    QStringList destinations, listeners;
    for (auto it = s.cbegin(); it != s.cend(); ++it) {
        if (it.key().startsWith("sockpit_destination_sockets{"))
            destinations << QString::fromUtf8(it.key());
        if (it.key().startsWith("sockpit_listen_queue_fill_ratio{"))
            listeners << QString::fromUtf8(it.key());
    }
    // The destination with the most sockets and the fullest listener.
    QCOMPARE(destinations, QStringList{QStringLiteral("sockpit_destination_sockets{destination=\"10.0.0.1:443\"}")});
    QCOMPARE(listeners, QStringList{QStringLiteral("sockpit_listen_queue_fill_ratio{listener=\"127.0.0.1:8080\"}")});
    QCOMPARE(s.value("sockpit_destinations"), QByteArray("3")); // the total still says how many there are
}

void PrometheusExportTest::promtoolAcceptsIt()
{
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        QSKIP("promtool is not installed (packaging/bootstrap installs prometheus)");
    const QString complaint = promtoolComplaint({QStringLiteral("check"), QStringLiteral("metrics")}, prometheusText(sample(), {}));
    QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
    // An empty host: no destinations, listeners or probes, families without samples.
    MetricsSample empty;
    const QString emptyComplaint = promtoolComplaint({QStringLiteral("check"), QStringLiteral("metrics")},
                                                     prometheusText(empty, {}));
    QVERIFY2(emptyComplaint.isEmpty(), qPrintable(emptyComplaint));
}

void PrometheusExportTest::rulesPassPromtool()
{
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        QSKIP("promtool is not installed (packaging/bootstrap installs prometheus)");
    const QString complaint = promtoolComplaint(
        {QStringLiteral("check"), QStringLiteral("rules"), QStringLiteral(SOCKPIT_SOURCE_DIR "/packaging/prometheus/sockpit-rules.yml")});
    QVERIFY2(complaint.isEmpty(), qPrintable(complaint));
}

void PrometheusExportTest::packagingUsesExportedNames_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("grafana/sockpit-dashboard.json") << QStringLiteral("grafana/sockpit-dashboard.json");
    QTest::newRow("prometheus/sockpit-rules.yml") << QStringLiteral("prometheus/sockpit-rules.yml");
}

void PrometheusExportTest::packagingUsesExportedNames()
{
    QFETCH(QString, file);
    QFile in(QStringLiteral(SOCKPIT_SOURCE_DIR "/packaging/") + file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray content = in.readAll();
    if (file.endsWith(QLatin1String(".json"))) {
        QJsonParseError error;
        const QJsonDocument dashboard = QJsonDocument::fromJson(content, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(!dashboard.object().value(QStringLiteral("panels")).toArray().isEmpty());
    }
    // Every sockpit_ name in the file is one the exposition writes.
    QSet<QString> exported;
    for (const QByteArray &line : prometheusText(sample(), {}).split('\n'))
        if (line.startsWith("# TYPE "))
            exported.insert(QString::fromUtf8(line.split(' ').value(2)));
    static const QRegularExpression name(QStringLiteral(R"(\bsockpit_[a-z_]+)"));
    int names = 0;
    for (auto it = name.globalMatch(QString::fromUtf8(content)); it.hasNext();) {
        const QString used = it.next().captured();
        ++names;
        QVERIFY2(exported.contains(used), qPrintable(QStringLiteral("%1 uses %2, which no exposition has").arg(file, used)));
    }
    QVERIFY(names > 0);
}

QTEST_GUILESS_MAIN(PrometheusExportTest)
#include "tst_prometheusexport.moc"
