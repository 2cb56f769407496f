// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysiscommands.h"

#include "analysis/analyser.h"
#include "analysis/findingsexport.h"
#include "capture/capturebundle.h"
#include "capture/observation.h"
#include "commands.h"
#include "probes/prober.h"
#include "probes/rttmeasurement.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace Sockpit::Cli {

namespace {

void writeOut(std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

QCommandLineOption intervalOption()
{
    return QCommandLineOption(QStringLiteral("interval-s"),
                              QStringLiteral("Seconds between the two takes of the counters, 1 to 60 (default 3)."),
                              QStringLiteral("N"), QStringLiteral("3"));
}

Result<int> intervalSeconds(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    bool ok = false;
    const int seconds = parser.value(option).toInt(&ok);
    if (!ok || seconds < 1 || seconds > 60)
        return Error{QStringLiteral("bad --interval-s \"%1\": expected seconds from 1 to 60").arg(parser.value(option))};
    return seconds;
}

Result<double> positiveNumber(const QCommandLineParser &parser, const QCommandLineOption &option, double maximum)
{
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok || !(value > 0) || value > maximum)
        return Error{QStringLiteral("bad --%1 \"%2\": expected a number above 0 and at most %3")
                         .arg(option.names().first(), parser.value(option))
                         .arg(maximum)};
    return value;
}

// The path's RTT for the bandwidth-delay product (probes/rttmeasurement.h). Failure (1)
// when nothing answered or probing is not allowed: the path or the privileges are the
// problem then, not the input.
Result<MeasuredRtt> measureRtt(const QString &text, int &exitCode)
{
    exitCode = BadInput;
    auto target = parseProbeTarget(text);
    if (!target)
        return Error{QStringLiteral("bad --probe: %1").arg(target.error())};
    if (target->kind != ProbeKind::Icmp && target->kind != ProbeKind::Tcp)
        return Error{QStringLiteral("bad --probe \"%1\": expected an icmp:// or tcp:// target").arg(text)};
    auto measured = Sockpit::measureRtt(target.value());
    if (!measured) {
        const int code = measured.errorCode();
        if (code == EACCES || code == EPERM || code == ETIMEDOUT)
            exitCode = Failure;
        return Error{QStringLiteral("--probe %1").arg(measured.error())};
    }
    return measured;
}

QString thresholdHelp()
{
    QStringList lines;
    for (const ThresholdName &t : thresholdNames())
        lines << QStringLiteral("%1: %2 (default %3)").arg(QLatin1String(t.name), QLatin1String(t.meaning)).arg(t.defaultValue);
    return lines.join(QStringLiteral("; "));
}

} // namespace

int captureCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write everything 'recommend' reads into one file (sockpit.bundle/1), to analyse here or on another host."));
    parser.addHelpOption();
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The bundle file to write; - writes it to standard output."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption interval = intervalOption();
    const QCommandLineOption force(QStringLiteral("force"), QStringLiteral("Replace FILE if it exists."));
    parser.addOptions({output, interval, force});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!takesNoArguments(parser, QStringLiteral("capture"), exitCode))
        return exitCode;
    if (!parser.isSet(output) || parser.value(output).isEmpty())
        return complain(BadInput, QStringLiteral("capture needs -o FILE (or -o - for standard output)"));
    auto seconds = intervalSeconds(parser, interval);
    if (!seconds)
        return complain(BadInput, seconds.error());
    const QString file = parser.value(output);
    // "-": the bundle alone on stdout, so `ssh host sockpit-cli capture -o - > host.json`
    // carries nothing but the document.
    const bool toStdout = file == QLatin1String("-");
    const QFileInfo target(file);
    if (!toStdout) {
        if (target.exists() && !parser.isSet(force))
            return complain(BadInput, QStringLiteral("%1 exists; pass --force to replace it").arg(file));
        if (target.isDir())
            return complain(BadInput, QStringLiteral("%1 is a directory").arg(file));
        if (!QFileInfo(target.absolutePath()).isDir())
            return complain(BadInput, QStringLiteral("directory %1 does not exist").arg(target.absolutePath()));
    }

    QTemporaryDir tree;
    if (!tree.isValid())
        return complain(Failure, QStringLiteral("cannot create a temporary directory: %1").arg(tree.errorString()));
    CaptureOptions options;
    options.intervalMs = seconds.value() * 1000;
    if (auto captured = captureTree(tree.path(), options); !captured)
        return complain(Failure, captured.error());
    if (toStdout) {
        auto document = bundleDocument(tree.path());
        if (!document)
            return complain(Failure, document.error());
        writeOut(std::string_view(document->constData(), size_t(document->size())));
        return std::fflush(stdout) == 0 && !std::ferror(stdout)
                   ? Success
                   : complain(Failure, QStringLiteral("cannot write the bundle to standard output"));
    }
    if (auto written = writeBundle(tree.path(), file, parser.isSet(force)); !written)
        return complain(Failure, written.error());
    return Success;
}

int recommendCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Analyse the machine (or a copied /proc tree, or a capture bundle) and propose sysctl changes with the "
        "evidence behind them. Exits 0 whether or not there are findings."));
    parser.addHelpOption();
    const QCommandLineOption procRoot(QStringLiteral("proc-root"),
                                      QStringLiteral("Analyse a copied /proc tree (a later/ copy gives rates)."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption bundle(QStringLiteral("bundle"),
                                    QStringLiteral("Analyse a capture bundle (- reads it from standard input)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("What the host is for: %1 (default general).")
                                         .arg(profileNames().join(QStringLiteral(", "))),
                                     QStringLiteral("NAME"), QStringLiteral("general"));
    const QCommandLineOption bandwidth(QStringLiteral("bandwidth"),
                                       QStringLiteral("Path bandwidth in Mbit/s, for the bandwidth-delay product."),
                                       QStringLiteral("MBIT"));
    const QCommandLineOption rtt(QStringLiteral("rtt"), QStringLiteral("Path round-trip time in ms (e.g. from 'probe')."),
                                 QStringLiteral("MS"));
    const QCommandLineOption probe(QStringLiteral("probe"),
                                   QStringLiteral("Measure the path's round-trip time instead of --rtt: %1 probes %2 ms "
                                                  "apart to icmp://HOST or tcp://HOST:PORT, their average.")
                                       .arg(RttProbes)
                                       .arg(RttProbeIntervalMs),
                                   QStringLiteral("TARGET"));
    const QCommandLineOption threshold(QStringLiteral("threshold"),
                                       QStringLiteral("Set a level the rules compare against, repeatable. Names: %1.")
                                           .arg(thresholdHelp()),
                                       QStringLiteral("NAME=VALUE"));
    const QCommandLineOption idleTimeout(QStringLiteral("idle-timeout"),
                                         QStringLiteral("Idle timeout of a NAT or firewall on the path, in seconds "
                                                        "(%1 to %2): keepalive is judged against it.")
                                             .arg(MinIdleTimeoutSeconds)
                                             .arg(MaxIdleTimeoutSeconds),
                                         QStringLiteral("SECONDS"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("text (default) or json."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption interval = intervalOption();
    parser.addOptions({procRoot, bundle, profile, bandwidth, rtt, probe, threshold, idleTimeout, format, interval});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!takesNoArguments(parser, QStringLiteral("recommend"), exitCode))
        return exitCode;
    if (!formatIsOneOf(parser.value(format), {QStringLiteral("text"), QStringLiteral("json")}, exitCode))
        return exitCode;
    if (parser.isSet(procRoot) && parser.isSet(bundle))
        return complain(BadInput, QStringLiteral("give either --proc-root or --bundle, not both"));

    AnalysisOptions options;
    const auto chosen = profileFromName(parser.value(profile));
    if (!chosen)
        return complain(BadInput, QStringLiteral("unknown profile \"%1\"; expected one of: %2")
                                      .arg(parser.value(profile), profileNames().join(QStringLiteral(", "))));
    options.profile = *chosen;
    for (const QString &assignment : parser.values(threshold)) {
        if (auto set = setThreshold(options.thresholds, assignment); !set)
            return complain(BadInput, set.error());
    }
    if (auto consistent = checkThresholds(options.thresholds); !consistent)
        return complain(BadInput, consistent.error());
    if (parser.isSet(rtt) && parser.isSet(probe))
        return complain(BadInput, QStringLiteral("give either --rtt or --probe, not both"));
    if (parser.isSet(bandwidth) != (parser.isSet(rtt) || parser.isSet(probe)))
        return complain(BadInput, QStringLiteral("--bandwidth and --rtt (or --probe) go together"));
    std::optional<double> mbit;
    if (parser.isSet(bandwidth)) {
        // 10 Tbit/s and 10 minutes: beyond any path, but far from overflowing a double.
        auto given = positiveNumber(parser, bandwidth, 1e7);
        if (!given)
            return complain(BadInput, given.error());
        mbit = given.value();
    }
    if (parser.isSet(rtt)) {
        auto ms = positiveNumber(parser, rtt, 600000);
        if (!ms)
            return complain(BadInput, ms.error());
        options.path = PathSpec{*mbit, ms.value()};
    }
    if (parser.isSet(idleTimeout)) {
        bool ok = false;
        const int idle = parser.value(idleTimeout).toInt(&ok);
        if (!ok || idle < MinIdleTimeoutSeconds || idle > MaxIdleTimeoutSeconds)
            return complain(BadInput, QStringLiteral("bad --idle-timeout \"%1\": expected whole seconds from %2 to %3")
                                          .arg(parser.value(idleTimeout).left(40))
                                          .arg(MinIdleTimeoutSeconds)
                                          .arg(MaxIdleTimeoutSeconds));
        options.idleTimeoutSeconds = idle;
    }
    auto seconds = intervalSeconds(parser, interval);
    if (!seconds)
        return complain(BadInput, seconds.error());

    // Every source becomes a proc tree, so the same readers and rules run on all three.
    std::optional<Observation> observation;
    if (parser.isSet(bundle) || parser.isSet(procRoot)) {
        if (parser.isSet(bundle)) {
            const bool fromStdin = parser.value(bundle) == QLatin1String("-");
            auto opened = fromStdin ? loadBundleFromStdin() : loadBundle(parser.value(bundle));
            if (!opened)
                return complain(BadInput, opened.error());
            auto read = observeBundle(opened.value(), fromStdin ? QStringLiteral("on standard input")
                                                                : parser.value(bundle));
            if (!read)
                return complain(BadInput, read.error());
            observation = std::move(read).value();
        } else {
            auto located = ProcRoot::locate(parser.value(procRoot));
            if (!located)
                return complain(BadInput, located.error());
            auto read = observeTree(located.value());
            if (!read)
                return complain(BadInput, read.error());
            observation = std::move(read).value();
        }
    } else {
        CaptureOptions capture;
        capture.intervalMs = seconds.value() * 1000;
        auto live = observeLive(capture);
        if (!live)
            return complain(Failure, live.error());
        observation = std::move(live).value();
    }

    // The probes run once every input has been checked and read, so bad input costs no waiting.
    if (parser.isSet(probe)) {
        int failureCode = BadInput;
        auto measured = measureRtt(parser.value(probe), failureCode);
        if (!measured)
            return complain(failureCode, measured.error());
        options.path = PathSpec{*mbit, measured->avgMs, measured->source};
    }
    const AnalysisReport report = analyse(*observation, options);
    if (parser.value(format) == QLatin1String("json")) {
        JsonWriter json(writeOut);
        writeFindingsJson(report, json);
    } else {
        writeFindingsText(report, writeOut);
    }
    return std::fflush(stdout) == 0 ? Success : complain(Failure, QStringLiteral("cannot write the output"));
}

} // namespace Sockpit::Cli
