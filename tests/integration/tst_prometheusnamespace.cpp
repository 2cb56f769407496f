// SPDX-License-Identifier: GPL-3.0-or-later
// Sockpit's metrics as a fleet reads them, with the real tools, in a private network
// namespace holding a known socket population: a Prometheus server scrapes
// 'sockpit-cli serve' and a node_exporter whose textfile collector reads what
// 'sockpit-cli metrics -o' wrote, and its query API must return the TIME_WAIT and
// per-destination values the population holds. The alerting rules are loaded into the
// same server and must evaluate without error. Needs root, prometheus and
// prometheus-node-exporter; skips saying which is missing otherwise.
#include "clirunner.h"
#include "httpget.h"
#include "netns.h"
#include "population.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <memory>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

// A port nothing listens on in this namespace: bound to port 0 and released.
quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

// Generous: the machine may be busy with other suites. Nothing waits for a fixed time.
constexpr int PatienceMs = 50000;

} // namespace

class PrometheusNamespaceTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void serveAndTextfileReachPrometheus();
    void rulesEvaluateWithoutError();
    void serveExpositionPassesPromtool();
    void serveFollowsTheHost();

private:
    std::unique_ptr<QProcess> start(const QString &program, const QStringList &arguments);
    // The query's single value, or nullopt while there is none.
    std::optional<double> query(const QString &expression);
    bool waitFor(const QString &expression, double expected, QString &last);

    QTemporaryDir m_dir;
    Population m_population;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    quint16 m_servePort = 0;
    quint16 m_nodePort = 0;
    quint16 m_prometheusPort = 0;
};

std::unique_ptr<QProcess> PrometheusNamespaceTest::start(const QString &program, const QStringList &arguments)
{
    // Their logs go to files beside the data, read when something fails.
    auto process = std::make_unique<QProcess>();
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(m_dir.filePath(QFileInfo(program).fileName() + QStringLiteral(".log")));
    process->start(program, arguments);
    return process;
}

void PrometheusNamespaceTest::initTestCase()
{
    if (const QString reason = namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    for (const char *tool : {"prometheus", "prometheus-node-exporter", "promtool"}) {
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (packaging/bootstrap installs it)").arg(QLatin1String(tool))));
    }
    if (auto entered = enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    auto prepared = prepareNamespaceForPopulation();
    QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("textfile")));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("tsdb")));

    m_servePort = freePort();
    m_nodePort = freePort();
    m_prometheusPort = freePort();
    QVERIFY(m_servePort && m_nodePort && m_prometheusPort);

    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("global:\n"
                              "  scrape_interval: 1s\n"
                              "  evaluation_interval: 1s\n"
                              "rule_files:\n"
                              "  - %1\n"
                              "scrape_configs:\n"
                              "  - job_name: serve\n"
                              "    static_configs:\n"
                              "      - targets: ['127.0.0.1:%2']\n"
                              "  - job_name: textfile\n"
                              "    static_configs:\n"
                              "      - targets: ['127.0.0.1:%3']\n")
                   .arg(QStringLiteral(SOCKPIT_SOURCE_DIR "/packaging/prometheus/sockpit-rules.yml"))
                   .arg(m_servePort)
                   .arg(m_nodePort)
                   .toUtf8());
    file.close();

    m_processes.push_back(start(QStringLiteral(SOCKPIT_CLI_PATH),
                                {QStringLiteral("serve"), QStringLiteral("--listen"),
                                 QStringLiteral("127.0.0.1:%1").arg(m_servePort), QStringLiteral("--interval-s"),
                                 QStringLiteral("1")}));
    m_processes.push_back(start(QStringLiteral("prometheus-node-exporter"),
                                {QStringLiteral("--collector.disable-defaults"), QStringLiteral("--collector.textfile"),
                                 QStringLiteral("--collector.textfile.directory=") + m_dir.filePath(QStringLiteral("textfile")),
                                 QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_nodePort)}));
    m_processes.push_back(start(QStringLiteral("prometheus"),
                                {QStringLiteral("--config.file=") + config,
                                 QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("tsdb")),
                                 QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_prometheusPort)}));
    for (const auto &process : m_processes)
        QVERIFY2(process->waitForStarted(), qPrintable(process->program() + QLatin1Char(' ') + process->errorString()));

    // Both targets up, as Prometheus itself says.
    QString last;
    if (!waitFor(QStringLiteral("sum(up{job=~\"serve|textfile\"})"), 2, last)) {
        for (const char *log : {"sockpit-cli.log", "prometheus-node-exporter.log", "prometheus.log"}) {
            QFile logFile(m_dir.filePath(QLatin1String(log)));
            if (logFile.open(QIODevice::ReadOnly))
                last += QStringLiteral("\n%1: ...%2").arg(QLatin1String(log), QString::fromUtf8(logFile.readAll().right(600)));
        }
        QFAIL(qPrintable(last));
    }

    // The population once everything runs, so its TIME_WAIT sockets (60 s) outlast the
    // checks however long the servers took to start; then the file for the textfile job.
    Population::Spec spec;
    spec.listeners = 2;
    spec.established = 4;
    spec.timeWait = 500;
    spec.destinations = 3;
    spec.destinationPort = 9000;
    auto built = m_population.build(spec);
    QVERIFY2(built.ok(), qPrintable(built.error()));
    const CliRun metrics = runCli({QStringLiteral("metrics"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("textfile/sockpit.prom"))});
    QVERIFY2(metrics.exitCode == 0, metrics.err.constData());
}

void PrometheusNamespaceTest::cleanupTestCase()
{
    for (const auto &process : m_processes) {
        process->terminate();
        if (!process->waitForFinished(10000))
            process->kill();
    }
    m_processes.clear();
}

std::optional<double> PrometheusNamespaceTest::query(const QString &expression)
{
    const QByteArray path = "/api/v1/query?query=" + QUrl::toPercentEncoding(expression);
    const auto reply = httpGet(m_prometheusPort, path);
    if (!reply || reply->status != 200)
        return std::nullopt;
    const QJsonObject root = QJsonDocument::fromJson(reply->body).object();
    const QJsonArray result = root.value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toArray();
    if (root.value(QStringLiteral("status")).toString() != QLatin1String("success") || result.size() != 1)
        return std::nullopt;
    return result.first().toObject().value(QStringLiteral("value")).toArray().at(1).toString().toDouble();
}

bool PrometheusNamespaceTest::waitFor(const QString &expression, double expected, QString &last)
{
    QDeadlineTimer deadline(PatienceMs);
    std::optional<double> value;
    while (!deadline.hasExpired()) {
        value = query(expression);
        if (value && qFuzzyCompare(*value + 1, expected + 1))
            return true;
        QThread::msleep(200);
    }
    last = QStringLiteral("%1: expected %2, last answer %3")
               .arg(expression)
               .arg(expected)
               .arg(value ? QString::number(*value) : QStringLiteral("none"));
    return false;
}

void PrometheusNamespaceTest::serveAndTextfileReachPrometheus()
{
    const int usable = 65000 - 10000 + 1; // prepareNamespaceForPopulation's range
    for (const QString &job : {QStringLiteral("serve"), QStringLiteral("textfile")}) {
        QString last;
        QVERIFY2(waitFor(QStringLiteral("sockpit_tcp_time_wait_sockets{job=\"%1\"}").arg(job),
                         m_population.spec().timeWait, last),
                 qPrintable(last));
        QVERIFY2(waitFor(QStringLiteral("sockpit_ephemeral_usable_ports{job=\"%1\"}").arg(job), usable, last),
                 qPrintable(last));
        for (int i = 0; i < m_population.spec().destinations; ++i) {
            const QString destination = Population::destinationAddress(i) + QStringLiteral(":9000");
            const int timeWait = m_population.timeWaitTo(i);
            QVERIFY2(waitFor(QStringLiteral("sockpit_destination_time_wait_sockets{job=\"%1\",destination=\"%2\"}")
                                 .arg(job, destination),
                             timeWait, last),
                     qPrintable(last));
            QVERIFY2(waitFor(QStringLiteral("sockpit_destination_sockets{job=\"%1\",destination=\"%2\"}").arg(job, destination),
                             timeWait, last),
                     qPrintable(last));
            QVERIFY2(waitFor(QStringLiteral("sockpit_destination_port_share_ratio{job=\"%1\",destination=\"%2\"} * %3")
                                 .arg(job, destination)
                                 .arg(usable),
                             timeWait, last),
                     qPrintable(last));
        }
    }
}

void PrometheusNamespaceTest::rulesEvaluateWithoutError()
{
    // Every rule of packaging/prometheus/sockpit-rules.yml evaluated against the real
    // series without an error.
    QDeadlineTimer deadline(PatienceMs);
    QString why = QStringLiteral("no answer from /api/v1/rules");
    while (!deadline.hasExpired()) {
        const auto reply = httpGet(m_prometheusPort, "/api/v1/rules");
        QStringList unhealthy;
        int rules = 0;
        if (reply && reply->status == 200) {
            const QJsonArray groups = QJsonDocument::fromJson(reply->body)
                                          .object()
                                          .value(QStringLiteral("data"))
                                          .toObject()
                                          .value(QStringLiteral("groups"))
                                          .toArray();
            for (const QJsonValue &group : groups) {
                for (const QJsonValue &rule : group.toObject().value(QStringLiteral("rules")).toArray()) {
                    ++rules;
                    const QJsonObject r = rule.toObject();
                    if (r.value(QStringLiteral("health")).toString() != QLatin1String("ok"))
                        unhealthy << r.value(QStringLiteral("name")).toString() + QLatin1Char(' ')
                                         + r.value(QStringLiteral("health")).toString() + QLatin1Char(' ')
                                         + r.value(QStringLiteral("lastError")).toString();
                }
            }
            if (rules > 0 && unhealthy.isEmpty())
                return;
            why = rules == 0 ? QStringLiteral("no rules loaded") : unhealthy.join(QStringLiteral("; "));
        }
        QThread::msleep(200);
    }
    QFAIL(qPrintable(why));
}

void PrometheusNamespaceTest::serveExpositionPassesPromtool()
{
    const auto reply = httpGet(m_servePort, "/metrics");
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QVERIFY2(reply->headers.contains("text/plain; version=0.0.4"), reply->headers.constData());
    QProcess promtool;
    promtool.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(promtool.waitForStarted());
    promtool.write(reply->body);
    promtool.closeWriteChannel();
    QVERIFY(promtool.waitForFinished(30000));
    QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
}

void PrometheusNamespaceTest::serveFollowsTheHost()
{
    // More TIME_WAIT toward a new destination: serve's own schedule picks them up, while
    // the textfile job keeps what 'metrics -o' wrote once.
    Population more;
    Population::Spec spec;
    spec.timeWait = 40;
    spec.destinations = 1;
    spec.listenPort = 21000;
    spec.destinationPort = 9100;
    auto built = more.build(spec);
    QVERIFY2(built.ok(), qPrintable(built.error()));
    const int total = m_population.spec().timeWait + spec.timeWait;
    QString last;
    QVERIFY2(waitFor(QStringLiteral("sockpit_tcp_time_wait_sockets{job=\"serve\"}"), total, last), qPrintable(last));
    QVERIFY2(waitFor(QStringLiteral("sockpit_destination_time_wait_sockets{job=\"serve\",destination=\"%1:9100\"}")
                         .arg(Population::destinationAddress(0)),
                     spec.timeWait, last),
             qPrintable(last));
    QVERIFY2(waitFor(QStringLiteral("sockpit_tcp_time_wait_sockets{job=\"textfile\"}"), m_population.spec().timeWait, last),
             qPrintable(last));
}

QTEST_GUILESS_MAIN(PrometheusNamespaceTest)
#include "tst_prometheusnamespace.moc"
