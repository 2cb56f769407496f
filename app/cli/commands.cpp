// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "analysiscommands.h"
#include "portinquiry.h"
#include "probeexport.h"
#include "prober.h"
#include "sampler.h"
#include "snapshotexport.h"
#include "tuningcommands.h"

#include <QCommandLineParser>
#include <QEventLoop>
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
    if (!snapshot)
        return failure(snapshot.error());

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
    parser.addOptions({count, interval, timeout, format, raw});
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
    if (parser.isSet(raw))
        options.icmpMode = IcmpMode::Raw;

    Prober prober(options);
    for (const QString &text : parser.positionalArguments()) {
        auto target = parseProbeTarget(text);
        if (!target)
            return badInput(target.error());
        auto added = prober.addTarget(target.value());
        if (!added)
            return added.errorCode() == EACCES || added.errorCode() == EPERM ? failure(added.error()) : badInput(added.error());
    }
    std::vector<ProbeReport> reports(size_t(prober.targetCount()));
    for (int i = 0; i < prober.targetCount(); ++i) {
        reports[size_t(i)].target = prober.target(i);
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
    for (int i = 0; i < prober.targetCount(); ++i) {
        ProbeReport &report = reports[size_t(i)];
        report.samples = prober.samples(i);
        std::sort(report.samples.begin(), report.samples.end(), [](const ProbeSample &a, const ProbeSample &b) { return a.seq < b.seq; });
        report.stats = computeProbeStats(report.samples, report.target.thresholds, report.target.kind != ProbeKind::Icmp);
    }
    if (text) {
        for (const ProbeReport &report : reports)
            writeOut(probeSummaryText(report).toStdString());
    } else {
        JsonWriter json(writeOut);
        writeProbeJson(reports, json);
    }
    return std::fflush(stdout) == 0 ? Success : failure(QStringLiteral("cannot write the output"));
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
