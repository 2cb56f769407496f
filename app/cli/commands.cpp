// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "analysiscommands.h"
#include "fleetcommands.h"
#include "probes/probeexport.h"
#include "probes/prober.h"
#include "probes/tlsexport.h"
#include "probes/tlsinspector.h"
#include "recording/snapshotexport.h"
#include "sampling/portinquiry.h"
#include "sampling/sampler.h"
#include "tuningcommands.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QThread>

#include <cstdio>
#include <unistd.h>

namespace Sockpit::Cli {

namespace {

int badInput(const QString &message)
{
    return complain(BadInput, message);
}

int failure(const QString &message)
{
    return complain(Failure, message);
}

void writeOut(std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

enum class Format { Json, Csv, Table, Text };

Result<Format> parseFormat(const QString &name, std::initializer_list<Format> allowed)
{
    const Format format = name == QLatin1String("json")    ? Format::Json
                          : name == QLatin1String("csv")   ? Format::Csv
                          : name == QLatin1String("table") ? Format::Table
                          : name == QLatin1String("text")  ? Format::Text
                                                           : Format(-1);
    QStringList names;
    for (Format f : allowed) {
        names << (f == Format::Json ? QStringLiteral("json") : f == Format::Csv ? QStringLiteral("csv")
                                                           : f == Format::Table ? QStringLiteral("table")
                                                                                : QStringLiteral("text"));
        if (f == format)
            return format;
    }
    return Error{unknownFormat(name, names)};
}

Result<ProcRoot> procRootOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return ProcRoot();
    auto root = ProcRoot::locate(parser.value(option));
    if (!root)
        return root;
    // The root must hold what every snapshot reads first.
    if (auto probe = root->read(u"net/sockstat"); !probe)
        return Error{QStringLiteral("unreadable proc root: %1").arg(probe.error())};
    return root;
}

int snapshotCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the machine's sockets, ephemeral ports and TCP counters."));
    parser.addHelpOption();
    const QCommandLineOption summary(QStringLiteral("summary"),
                                     QStringLiteral("Only the O(1) figures: sockstat, counters, port range; no dump."));
    const QCommandLineOption state(QStringLiteral("state"),
                                   QStringLiteral("Only sockets in state S (kernel names, e.g. TIME_WAIT; repeatable)."),
                                   QStringLiteral("S"));
    const QCommandLineOption owners(QStringLiteral("owners"), QStringLiteral("Map sockets to their processes."));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json, csv or table (default)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption procRoot(QStringLiteral("proc-root"),
                                      QStringLiteral("Read a copied /proc tree (or a root holding proc/) instead."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      QStringLiteral("Sample counters twice MS apart to report per-second rates."),
                                      QStringLiteral("MS"));
    parser.addOptions({summary, state, owners, format, procRoot, interval});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!takesNoArguments(parser, QStringLiteral("snapshot"), exitCode))
        return exitCode;

    auto outputFormat = parseFormat(parser.value(format), {Format::Json, Format::Csv, Format::Table});
    if (!outputFormat)
        return badInput(outputFormat.error());

    SamplerOptions options;
    options.summaryOnly = parser.isSet(summary);
    options.owners = parser.isSet(owners);
    if (parser.isSet(state)) {
        options.states = 0;
        for (const QString &name : parser.values(state)) {
            const SocketState parsed = stateFromName(name.toStdString());
            if (parsed == SocketState::Unknown) {
                QStringList known;
                for (SocketState s : TcpStates)
                    known << QString::fromLatin1(stateName(s).data(), qsizetype(stateName(s).size()));
                return badInput(QStringLiteral("unknown socket state \"%1\"; expected one of: %2")
                                    .arg(name, known.join(QStringLiteral(", "))));
            }
            options.states |= stateBit(parsed);
        }
    }
    int intervalMs = 0;
    if (parser.isSet(interval)) {
        bool ok = false;
        intervalMs = parser.value(interval).toInt(&ok);
        if (!ok || intervalMs < 1 || intervalMs > 600000)
            return badInput(QStringLiteral("bad interval \"%1\": expected milliseconds from 1 to 600000")
                                .arg(parser.value(interval)));
    }
    auto root = procRootOption(parser, procRoot);
    if (!root)
        return badInput(root.error());

    Sampler sampler(root.value());
    if (intervalMs > 0) {
        SamplerOptions first = options;
        first.summaryOnly = true; // only the counters matter for the first reading
        if (auto warmUp = sampler.sample(first); !warmUp)
            return failure(warmUp.error());
        QThread::msleep(static_cast<unsigned long>(intervalMs));
    }
    auto snapshot = sampler.sample(options);
    // A tree the user handed in that cannot be read is bad input; the live machine
    // failing to be sampled is a failure (DESIGN.md, "Contracts").
    if (!snapshot)
        return parser.isSet(procRoot) ? badInput(snapshot.error()) : failure(snapshot.error());

    static char outputBuffer[1 << 20];
    std::setvbuf(stdout, outputBuffer, _IOFBF, sizeof outputBuffer);
    const SnapshotExportOptions exportOptions{!options.summaryOnly, options.owners};
    switch (outputFormat.value()) {
    case Format::Json: {
        JsonWriter json(writeOut);
        writeSnapshotJson(snapshot.value(), exportOptions, json);
        break;
    }
    case Format::Csv:
        writeSnapshotCsv(snapshot.value(), exportOptions, writeOut);
        break;
    default:
        writeSnapshotTable(snapshot.value(), exportOptions, writeOut);
        break;
    }
    return std::fflush(stdout) == 0 ? Success : failure(QStringLiteral("cannot write the output"));
}

const char *verdictName(BindVerdict verdict)
{
    switch (verdict) {
    case BindVerdict::Free: return "free";
    case BindVerdict::Listening: return "listening";
    case BindVerdict::Bound: return "bound";
    case BindVerdict::TimeWait: return "time_wait";
    case BindVerdict::Privileged: return "privileged";
    }
    return "unknown";
}

void writePortUser(JsonWriter &json, const PortUser &user)
{
    char endpoint[64];
    json.beginObject();
    json.key("proto").plainString(protocolName(user.socket.protocol));
    json.key("state").plainString(stateName(user.socket.state));
    json.key("local").plainString(std::string_view(endpoint, size_t(user.socket.formatEndpoint(endpoint, false))));
    json.key("remote").plainString(std::string_view(endpoint, size_t(user.socket.formatEndpoint(endpoint, true))));
    json.key("uid").value(user.socket.uid);
    json.key("owner").plainString(ownershipName(user.ownership));
    if (user.process) {
        json.key("pid").value(user.process->pid);
        json.key("process").value(user.process->name);
        json.key("cmdline").value(user.process->commandLine);
        json.key("user").value(user.process->user);
    } else {
        json.key("pid").null();
        json.key("process").null();
    }
    json.endObject();
}

QString describeUser(const PortUser &user)
{
    char endpoint[64];
    QString line = QStringLiteral("  %1 %2 %3")
                       .arg(QLatin1StringView(protocolName(user.socket.protocol).data()))
                       .arg(QLatin1StringView(stateName(user.socket.state).data()), -11)
                       .arg(QString::fromLatin1(endpoint, user.socket.formatEndpoint(endpoint, false)), -24);
    if (user.socket.state != SocketState::Listen && user.socket.state != SocketState::Close)
        line += QStringLiteral(" -> ") + QString::fromLatin1(endpoint, user.socket.formatEndpoint(endpoint, true));
    if (user.process)
        line += QStringLiteral("  %1 (pid %2, user %3)").arg(user.process->name).arg(user.process->pid).arg(user.process->user);
    else if (user.ownership == Ownership::Hidden)
        line += QStringLiteral("  owner hidden: run as root to see it");
    return line + QLatin1Char('\n');
}

int portCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Who uses port N, and could a server bind it now?"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("N"), QStringLiteral("Port number, 1 to 65535."));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json or text (default)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption procRoot(QStringLiteral("proc-root"),
                                      QStringLiteral("Read a copied /proc tree instead (no live bind test)."),
                                      QStringLiteral("DIR"));
    parser.addOptions({format, procRoot});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return badInput(QStringLiteral("port takes exactly one port number"));
    bool ok = false;
    const uint port = positional.first().toUInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return badInput(QStringLiteral("bad port number \"%1\": expected an integer from 1 to 65535").arg(positional.first()));
    auto outputFormat = parseFormat(parser.value(format), {Format::Json, Format::Text});
    if (!outputFormat)
        return badInput(outputFormat.error());
    auto root = procRootOption(parser, procRoot);
    if (!root)
        return badInput(root.error());

    Sampler sampler(root.value());
    SamplerOptions options;
    options.owners = true;
    options.tcpInfo = false;
    auto snapshot = sampler.sample(options);
    if (!snapshot)
        return failure(snapshot.error());
    // Root, or a capability-holding process, may bind below ip_unprivileged_port_start.
    const bool privileged = ::geteuid() == 0;
    PortReport report = inquirePort(snapshot.value(), static_cast<quint16>(port), privileged);
    if (root->isLive()) {
        report.liveTcp = tryBindNow(report.port, false, report);
        report.liveTcpReuseAddr = tryBindNow(report.port, true, report);
    }

    if (outputFormat.value() == Format::Json) {
        JsonWriter json(writeOut);
        json.beginObject();
        json.key("schema").plainString("sockpit.port/1");
        json.key("taken_at").plainString(isoUtc(snapshot->takenAt()).toStdString());
        json.key("port").value(report.port);
        json.key("in_ephemeral_range").value(report.inEphemeralRange);
        json.key("reserved").value(report.reserved);
        json.key("privileged").value(report.privileged);
        json.key("listeners").beginArray();
        for (const PortUser &user : report.listeners)
            writePortUser(json, user);
        json.endArray();
        json.key("connections").beginArray();
        for (const PortUser &user : report.connections)
            writePortUser(json, user);
        json.endArray();
        json.key("bind").beginObject();
        auto answer = [&json](const char *name, const BindAnswer &a) {
            json.key(name).beginObject().key("verdict").plainString(verdictName(a.verdict)).key("reason").value(a.reason).endObject();
        };
        answer("predicted", report.tcp);
        if (report.liveTcp)
            answer("tried", *report.liveTcp);
        if (report.liveTcpReuseAddr)
            answer("tried_reuseaddr", *report.liveTcpReuseAddr);
        json.endObject();
        json.endObject().newline();
        return Success;
    }

    QString text = QStringLiteral("Port %1").arg(report.port);
    const EphemeralConfig &config = snapshot->ephemeral().config;
    if (report.inEphemeralRange)
        text += QStringLiteral(": inside the ephemeral range %1-%2, so connect() may pick it")
                    .arg(config.range.low).arg(config.range.high);
    else
        text += QStringLiteral(": outside the ephemeral range %1-%2").arg(config.range.low).arg(config.range.high);
    if (report.reserved)
        text += QStringLiteral(", reserved (ip_local_reserved_ports)");
    if (report.privileged)
        text += QStringLiteral(", privileged (below %1)").arg(config.unprivilegedPortStart);
    text += QStringLiteral("\n");
    text += QStringLiteral("Listeners: %1\n").arg(report.listeners.size());
    for (const PortUser &user : report.listeners)
        text += describeUser(user);
    text += QStringLiteral("Connections: %1\n").arg(report.connections.size());
    for (size_t i = 0; i < report.connections.size() && i < 20; ++i)
        text += describeUser(report.connections[i]);
    if (report.connections.size() > 20)
        text += QStringLiteral("  ... and %1 more (use --format json)\n").arg(report.connections.size() - 20);
    text += QStringLiteral("Bind on the wildcard address: %1 (%2)\n").arg(QLatin1StringView(verdictName(report.tcp.verdict)), report.tcp.reason);
    if (report.liveTcp)
        text += QStringLiteral("  tried now: %1\n").arg(report.liveTcp->reason);
    if (report.liveTcpReuseAddr)
        text += QStringLiteral("  tried now with SO_REUSEADDR: %1\n").arg(report.liveTcpReuseAddr->reason);
    writeOut(text.toStdString());
    return Success;
}

Result<int> intOption(const QCommandLineParser &parser, const QCommandLineOption &option, int low, int high)
{
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < low || value > high)
        return Error{QStringLiteral("bad --%1 \"%2\": expected an integer from %3 to %4")
                         .arg(option.names().first(), parser.value(option)).arg(low).arg(high)};
    return value;
}

// --ca-file: every PEM certificate in FILE; bad input when there is none.
Result<QList<QSslCertificate>> caFileOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return QList<QSslCertificate>{};
    const QString path = parser.value(option);
    if (!QFileInfo(path).isReadable())
        return Error{QStringLiteral("cannot read --ca-file \"%1\"").arg(path)};
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (certificates.isEmpty())
        return Error{QStringLiteral("no PEM certificate in --ca-file \"%1\"").arg(path)};
    return certificates;
}

int probeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RTT, jitter and loss to icmp://, tcp:// and https:// targets."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("TARGET"),
                                 QStringLiteral("icmp://HOST, tcp://HOST:PORT or https://HOST[:PORT][/PATH]"),
                                 QStringLiteral("TARGET..."));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Probes per target (default 5)."),
                                   QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption interval(QStringLiteral("interval"), QStringLiteral("Milliseconds between probes, 10 and up (default 1000)."),
                                      QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Milliseconds to wait for each reply (default 1000)."),
                                     QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json or text (default)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption raw(QStringLiteral("raw"), QStringLiteral("Send ICMP through a raw socket (root)."));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    QStringLiteral("https: also trust the CA certificates in FILE (PEM), like curl --cacert."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption authEnv(QStringLiteral("auth-env"),
                                     QStringLiteral("https: credentials from environment variable VAR, \"USER:PASSWORD\" for basic "
                                                    "authentication or \"Bearer TOKEN\"; never written anywhere."),
                                     QStringLiteral("VAR"));
    parser.addOptions({count, interval, timeout, format, raw, caFile, authEnv});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().isEmpty())
        return badInput(QStringLiteral("probe needs at least one target, e.g. icmp://192.0.2.1 or tcp://example.org:443"));
    auto outputFormat = parseFormat(parser.value(format), {Format::Json, Format::Text});
    if (!outputFormat)
        return badInput(outputFormat.error());
    ProberOptions options;
    for (auto [option, field, low, high] : {std::tuple{&count, &options.count, 1, 1000000},
                                            std::tuple{&interval, &options.intervalMs, 10, 3600000},
                                            std::tuple{&timeout, &options.timeoutMs, 1, 600000}}) {
        auto value = intOption(parser, *option, low, high);
        if (!value)
            return badInput(value.error());
        *field = value.value();
    }
    options.windowSize = options.count; // the report covers the whole run, like ping's
    if (parser.isSet(raw))
        options.icmpMode = IcmpMode::Raw;
    auto caCertificates = caFileOption(parser, caFile);
    if (!caCertificates)
        return badInput(caCertificates.error());
    QByteArray authorization;
    if (parser.isSet(authEnv)) {
        const QByteArray name = parser.value(authEnv).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData()))
            return badInput(QStringLiteral("--auth-env: the environment variable %1 is not set").arg(parser.value(authEnv)));
        const QString credentials = qEnvironmentVariable(name.constData());
        if (credentials.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
            authorization = bearerAuthorization(credentials.mid(7).trimmed().toUtf8());
        else if (credentials.contains(QLatin1Char(':')))
            authorization = basicAuthorization(credentials.section(QLatin1Char(':'), 0, 0), credentials.section(QLatin1Char(':'), 1));
        else
            return badInput(QStringLiteral("--auth-env: %1 holds neither \"USER:PASSWORD\" nor \"Bearer TOKEN\"").arg(parser.value(authEnv)));
    }

    Prober prober(options);
    for (const QString &text : parser.positionalArguments()) {
        auto target = parseProbeTarget(text);
        if (!target)
            return badInput(target.error());
        if (target->kind == ProbeKind::Https) {
            target.value().caCertificates = caCertificates.value();
            target.value().authorization = authorization;
        }
        auto added = prober.addTarget(target.value());
        if (!added)
            return added.errorCode() == EACCES || added.errorCode() == EPERM ? failure(added.error()) : badInput(added.error());
    }
    std::vector<ProbeReport> reports(size_t(prober.targetCount()));
    for (int i = 0; i < prober.targetCount(); ++i) {
        reports[size_t(i)].target = prober.target(i);
        reports[size_t(i)].target.authorization.clear(); // reports never carry credentials
        reports[size_t(i)].address = prober.address(i).text;
        reports[size_t(i)].resolveMs = prober.address(i).resolveMs;
    }
    const bool text = outputFormat.value() == Format::Text;
    QObject::connect(&prober, &Prober::sampleReady, &prober, [&](int index, const ProbeSample &sample) {
        if (text) {
            writeOut(probeSampleLine(reports[size_t(index)], sample).toStdString());
            std::fflush(stdout);
        }
    });
    QEventLoop loop;
    QObject::connect(&prober, &Prober::finished, &loop, &QEventLoop::quit);
    prober.start();
    if (!prober.isFinished())
        loop.exec();
    bool anyReply = false;
    for (int i = 0; i < prober.targetCount(); ++i) {
        ProbeReport &report = reports[size_t(i)];
        report.samples = prober.samples(i);
        report.stats = prober.stats(i);
        anyReply = anyReply || report.stats.received > 0;
    }
    if (text) {
        for (const ProbeReport &report : reports)
            writeOut(probeSummaryText(report).toStdString());
    } else {
        JsonWriter json(writeOut);
        writeProbeJson(reports, json);
    }
    if (std::fflush(stdout) != 0)
        return failure(QStringLiteral("cannot write the output"));
    // Like ping: a run in which no target answered at all is a failure.
    return anyReply ? Success : Failure;
}

int tlsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Inspect a server's TLS: protocol, cipher, handshake time, the certificate chain, and what fails "
        "verification, in plain words. Exit 0 when verified, 1 when not (or no handshake), 2 on bad input."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("HOST[:PORT]"), QStringLiteral("Server to inspect; port 443 by default."));
    const QCommandLineOption sni(QStringLiteral("sni"), QStringLiteral("Server name to send (SNI) and verify, instead of HOST."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    QStringLiteral("Also trust the CA certificates in FILE (PEM), like curl --cacert."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Milliseconds for connect and handshake (default 10000)."),
                                     QStringLiteral("MS"), QStringLiteral("10000"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json or text (default)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addOptions({sni, caFile, timeout, format});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1)
        return badInput(QStringLiteral("tls takes exactly one HOST[:PORT], e.g. example.org or 192.0.2.1:8443"));
    auto outputFormat = parseFormat(parser.value(format), {Format::Json, Format::Text});
    if (!outputFormat)
        return badInput(outputFormat.error());
    const QString server = parser.positionalArguments().first();
    auto hostPort = parseHostPort(server);
    if (!hostPort)
        return badInput(QStringLiteral("bad server \"%1\": %2").arg(server, hostPort.error()));
    TlsRequest request;
    request.host = hostPort->host;
    request.port = hostPort->port.value_or(443);
    request.sni = parser.value(sni);
    if (parser.isSet(sni) && (request.sni.isEmpty() || request.sni.contains(QLatin1Char(' '))))
        return badInput(QStringLiteral("bad --sni \"%1\": expected a host name").arg(request.sni));
    auto timeoutMs = intOption(parser, timeout, 1, 600000);
    if (!timeoutMs)
        return badInput(timeoutMs.error());
    request.timeoutMs = timeoutMs.value();
    auto caCertificates = caFileOption(parser, caFile);
    if (!caCertificates)
        return badInput(caCertificates.error());
    request.caCertificates = caCertificates.value();

    TlsInspector inspector;
    TlsReport report;
    QEventLoop loop;
    QObject::connect(&inspector, &TlsInspector::finished, &loop, [&](const TlsReport &done) {
        report = done;
        loop.quit();
    });
    inspector.start(request);
    loop.exec();
    if (report.outcome == TlsReport::Outcome::ResolveFailed)
        return badInput(report.error);
    if (outputFormat.value() == Format::Json) {
        JsonWriter json(writeOut);
        writeTlsJson(report, json);
    } else {
        writeOut(tlsReportText(report).toStdString());
    }
    if (std::fflush(stdout) != 0)
        return failure(QStringLiteral("cannot write the output"));
    return report.verified() ? Success : Failure;
}

const char Usage[] =
    "Usage: sockpit-cli COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  snapshot   sockets per state, sockstat, ephemeral ports and TCP counters\n"
    "  port N     who uses port N, and whether a server could bind it now\n"
    "  plan       validate kernel tuning and show the diff and sysctl.d file it would write\n"
    "  apply      apply kernel tuning through sockpit-helper (polkit), optionally persisted\n"
    "  history    the tuning transactions sockpit-helper has recorded\n"
    "  undo [ID]  restore the values from before a transaction\n"
    "  probe T... RTT, jitter and loss to icmp://, tcp:// and https:// targets\n"
    "  capture    write everything 'recommend' reads into one bundle file\n"
    "  recommend  findings with evidence and proposed sysctl changes\n"
    "  tls HOST   a server's TLS: protocol, cipher, certificate chain, verification in plain words\n"
    "  metrics    the metrics in the Prometheus text format, to stdout or a textfile collector's file\n"
    "  serve      the same metrics on http://127.0.0.1:9567/metrics for Prometheus to scrape\n"
    "\n"
    "Run 'sockpit-cli COMMAND --help' for a command's options.\n";

} // namespace

int complain(int code, const QString &message)
{
    std::fprintf(stderr, "sockpit-cli: %s\n", qUtf8Printable(message));
    return code;
}

bool parseOptions(QCommandLineParser &parser, const QStringList &arguments, int &exitCode)
{
    if (!parser.parse(arguments)) {
        exitCode = complain(BadInput, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        writeOut(parser.helpText().toStdString());
        exitCode = Success;
        return false;
    }
    return true;
}

bool takesNoArguments(const QCommandLineParser &parser, const QString &command, int &exitCode)
{
    if (parser.positionalArguments().isEmpty())
        return true;
    exitCode = complain(BadInput, QStringLiteral("%1 takes no arguments, got \"%2\"").arg(command, parser.positionalArguments().first()));
    return false;
}

QString unknownFormat(const QString &format, const QStringList &allowed)
{
    return QStringLiteral("unknown format \"%1\"; expected one of: %2").arg(format, allowed.join(QStringLiteral(", ")));
}

bool formatIsOneOf(const QString &format, const QStringList &allowed, int &exitCode)
{
    if (allowed.contains(format))
        return true;
    exitCode = complain(BadInput, unknownFormat(format, allowed));
    return false;
}

int run(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return writeOut(Usage), BadInput;
    const QString command = arguments.at(1);
    QStringList rest = arguments.mid(1);
    rest[0] = arguments.first() + QLatin1Char(' ') + command;
    if (command == QLatin1String("snapshot"))
        return snapshotCommand(rest);
    if (command == QLatin1String("port"))
        return portCommand(rest);
    if (command == QLatin1String("plan"))
        return planCommand(rest);
    if (command == QLatin1String("apply"))
        return applyCommand(rest);
    if (command == QLatin1String("history"))
        return historyCommand(rest);
    if (command == QLatin1String("undo"))
        return undoCommand(rest);
    if (command == QLatin1String("probe"))
        return probeCommand(rest);
    if (command == QLatin1String("capture"))
        return captureCommand(rest);
    if (command == QLatin1String("recommend"))
        return recommendCommand(rest);
    if (command == QLatin1String("tls"))
        return tlsCommand(rest);
    if (command == QLatin1String("metrics"))
        return metricsCommand(rest);
    if (command == QLatin1String("serve"))
        return serveCommand(rest);
    if (command == QLatin1String("help") || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        writeOut(Usage);
        return Success;
    }
    if (command == QLatin1String("--version")) {
        writeOut("sockpit-cli " SOCKPIT_VERSION "\n");
        return Success;
    }
    return badInput(QStringLiteral("unknown command \"%1\"; run 'sockpit-cli --help'").arg(command));
}

} // namespace Sockpit::Cli
