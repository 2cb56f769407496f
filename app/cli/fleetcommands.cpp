// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetcommands.h"

#include "commands.h"
#include "fleetoptions.h"
#include "metricsworker.h"
#include "recording/metricscollector.h"
#include "probes/prober.h"
#include "recording/prometheusexport.h"
#include "tuning/validator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <memory>

#ifdef SOCKPIT_HAVE_HTTPSERVER
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QTcpServer>
#include <QThread>

#include <arpa/inet.h>
#endif

namespace Sockpit::Cli {

namespace {

// The exposition format's content type (exposition_formats.md, "Text-based format").
constexpr char ContentType[] = "text/plain; version=0.0.4; charset=utf-8";

// 'metrics' probes each target this often, this many times, the way recommend's --probe
// measures a path: about a second in all.
constexpr int OneShotProbes = 5;
constexpr int OneShotProbeIntervalMs = 200;

// Writes TEXT to PATH the way node_exporter's textfile collector needs it: a temporary
// file in the same directory, renamed over PATH, so a scrape never reads half a file.
// The file is world-readable, as the collector usually runs as its own user.
Result<void> writeAtomically(const QString &path, const QByteArray &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (file.write(text) != text.size() || !file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

} // namespace

int metricsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print the metrics in the Prometheus text format, or write them atomically to FILE for node_exporter's "
        "textfile collector (name it *.prom in the collector's directory)."));
    parser.addHelpOption();
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE (temporary file and rename) instead of stdout."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption procRoot(QStringLiteral("proc-root"),
                                      QStringLiteral("Read a copied /proc tree instead of the live one."),
                                      QStringLiteral("DIR"));
    const FleetOptions fleet;
    parser.addOptions({output, procRoot});
    parser.addOptions(fleet.all());
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!takesNoArguments(parser, QStringLiteral("metrics"), exitCode))
        return exitCode;
    auto settings = fleetSettings(parser, fleet);
    if (!settings)
        return complain(BadInput, settings.error());
    const QString file = parser.value(output);
    if (parser.isSet(output)) {
        const QFileInfo target(file);
        if (file.isEmpty() || target.isDir())
            return complain(BadInput, QStringLiteral("-o %1: expected a file name").arg(quoted(file)));
        if (!QFileInfo(target.absolutePath()).isDir())
            return complain(BadInput, QStringLiteral("directory %1 does not exist").arg(quoted(target.absolutePath())));
    }
    ProcRoot root;
    if (parser.isSet(procRoot)) {
        auto located = ProcRoot::locate(parser.value(procRoot));
        if (!located)
            return complain(BadInput, located.error());
        if (auto probe = located->read(u"net/sockstat"); !probe)
            return complain(BadInput, QStringLiteral("unreadable proc root: %1").arg(probe.error()));
        root = located.value();
    }

    std::vector<ProbeFigures> probes;
    if (!settings->targets.empty()) {
        ProberOptions options;
        options.count = OneShotProbes;
        options.intervalMs = OneShotProbeIntervalMs;
        options.windowSize = OneShotProbes;
        QString error;
        auto prober = makeProber(settings.value(), options, exitCode, error);
        if (!prober)
            return complain(exitCode, error);
        QEventLoop loop;
        QObject::connect(prober.get(), &Prober::finished, &loop, &QEventLoop::quit);
        prober->start();
        if (!prober->isFinished())
            loop.exec();
        probes = probeFigures(*prober);
    }

    MetricsCollector collector(root);
    auto sample = collector.collect();
    if (!sample)
        return complain(parser.isSet(procRoot) ? BadInput : Failure, sample.error());
    sample.value().probes = std::move(probes);
    const QByteArray text = prometheusText(sample.value(), settings->metrics);
    if (parser.isSet(output)) {
        if (auto written = writeAtomically(file, text); !written)
            return complain(Failure, written.error());
        return Success;
    }
    if (std::fwrite(text.constData(), 1, size_t(text.size()), stdout) != size_t(text.size()) || std::fflush(stdout) != 0)
        return complain(Failure, QStringLiteral("cannot write the output"));
    return Success;
}

#ifdef SOCKPIT_HAVE_HTTPSERVER

namespace {

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};

// "127.0.0.1:9567", "[::1]:9567", "0.0.0.0:9567": an address literal and a port; names
// are refused, so what is listened on is exactly what was written.
Result<ListenAddress> parseListen(const QString &text)
{
    const auto bad = [&text](const QString &why) {
        return Error{QStringLiteral("bad --listen %1: %2").arg(quoted(text), why)};
    };
    QString host;
    QString port;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1String("]:"));
        if (close < 0)
            return bad(QStringLiteral("expected [IPV6]:PORT"));
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0 || text.indexOf(QLatin1Char(':')) != colon)
            return bad(QStringLiteral("expected ADDRESS:PORT, e.g. 127.0.0.1:9567 or [::1]:9567"));
        host = text.left(colon);
        port = text.mid(colon + 1);
    }
    // inet_pton, not QHostAddress: the latter also takes inet_aton's "1.2.3" and "0x7f.1".
    const bool v6 = text.startsWith(QLatin1Char('['));
    unsigned char bytes[16];
    if (::inet_pton(v6 ? AF_INET6 : AF_INET, host.toLatin1().constData(), bytes) != 1)
        return bad(v6 ? QStringLiteral("%1 is not an IPv6 address").arg(quoted(host))
                      : QStringLiteral("%1 is not an IPv4 address").arg(quoted(host)));
    ListenAddress listen;
    listen.address.setAddress(host);
    bool ok = false;
    const uint number = port.toUInt(&ok);
    if (!ok || number < 1 || number > 65535)
        return bad(QStringLiteral("port %1 is not an integer from 1 to 65535").arg(quoted(port)));
    listen.port = quint16(number);
    return listen;
}

} // namespace

int serveCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Serve the metrics on http://ADDRESS:PORT/metrics for Prometheus to scrape. Sampling runs on its own "
        "schedule; a scrape gets the latest sample."));
    parser.addHelpOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address and port to listen on (default 127.0.0.1:9567, this host only)."),
                                    QStringLiteral("ADDRESS:PORT"), QStringLiteral("127.0.0.1:9567"));
    const QCommandLineOption interval(QStringLiteral("interval-s"),
                                      QStringLiteral("Seconds between samples, 1 to 3600 (default 5)."),
                                      QStringLiteral("N"), QStringLiteral("5"));
    const FleetOptions fleet;
    parser.addOptions({listen, interval});
    parser.addOptions(fleet.all());
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!takesNoArguments(parser, QStringLiteral("serve"), exitCode))
        return exitCode;
    auto settings = fleetSettings(parser, fleet);
    if (!settings)
        return complain(BadInput, settings.error());
    bool ok = false;
    const int seconds = parser.value(interval).toInt(&ok);
    if (!ok || seconds < 1 || seconds > 3600)
        return complain(BadInput, QStringLiteral("bad --interval-s %1: expected seconds from 1 to 3600").arg(quoted(parser.value(interval))));
    auto address = parseListen(parser.value(listen));
    if (!address)
        return complain(BadInput, address.error());

    // Listen first: a taken port or an address this host does not have is bad input,
    // reported before any sampling starts.
    auto *socket = new QTcpServer();
    if (!socket->listen(address->address, address->port)) {
        const QString why = socket->errorString();
        delete socket;
        return complain(BadInput, QStringLiteral("cannot listen on %1: %2").arg(quoted(parser.value(listen)), why));
    }
    QHttpServer server;
    server.bind(socket); // takes ownership

    QByteArray latest;
    server.route(QStringLiteral("/metrics"), [&latest]() {
        if (latest.isEmpty())
            return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("no sample yet\n"),
                                       QHttpServerResponse::StatusCode::ServiceUnavailable);
        return QHttpServerResponse(QByteArray(ContentType), latest);
    });

    QThread thread;
    auto *worker = new MetricsWorker(std::move(settings).value(), seconds * 1000);
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QObject::connect(&thread, &QThread::started, worker, &MetricsWorker::start);
    QObject::connect(worker, &MetricsWorker::published, &server, [&latest](const QByteArray &text) { latest = text; });
    QObject::connect(worker, &MetricsWorker::failed, &server, [](int code, const QString &message) {
        QCoreApplication::exit(complain(code, message));
    });
    thread.start();
    std::fprintf(stderr, "sockpit-cli: serving http://%s/metrics\n", qUtf8Printable(parser.value(listen)));
    const int code = QCoreApplication::exec();
    thread.quit();
    thread.wait();
    return code;
}

#else

int serveCommand(const QStringList &)
{
    return complain(Failure, QStringLiteral("serve is not built in: sockpit-cli was configured without Qt HttpServer "
                                            "(install qt6-httpserver-dev and reconfigure)"));
}

#endif

} // namespace Sockpit::Cli
