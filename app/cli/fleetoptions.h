// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/prometheusexport.h"
#include "probes/prober.h"
#include "probes/probetarget.h"
#include "base/result.h"

#include <QCommandLineOption>
#include <QList>

#include <memory>

class QCommandLineParser;

namespace Sockpit::Cli {

// The options 'metrics' and 'serve' share: --top and --probe.
struct FleetOptions
{
    QCommandLineOption top{QStringLiteral("top"),
                           QStringLiteral("Series for the N destinations and N listeners with the most sockets and "
                                          "fullest queues, 1 to 1000 (default 20)."),
                           QStringLiteral("N"), QStringLiteral("20")};
    QCommandLineOption probe{QStringLiteral("probe"),
                             QStringLiteral("Also probe TARGET (icmp://HOST, tcp://HOST:PORT; repeatable) and export its "
                                            "RTT, jitter and loss."),
                             QStringLiteral("TARGET")};

    QList<QCommandLineOption> all() const { return {top, probe}; }
};

struct FleetSettings
{
    MetricsOptions metrics;
    std::vector<ProbeTarget> targets; // their text, as given, is the metrics' label
};

// Bad input as one line when --top or a --probe target is not valid.
Result<FleetSettings> fleetSettings(const QCommandLineParser &parser, const FleetOptions &options);

// A prober for SETTINGS' targets, or null with EXITCODE and ERROR set: Failure when the
// kernel refuses the probe socket (EACCES, EPERM), BadInput otherwise.
std::unique_ptr<Prober> makeProber(const FleetSettings &settings, const ProberOptions &options, int &exitCode,
                                   QString &error);
// Each target's window statistics and totals, labelled with the target as given.
std::vector<ProbeFigures> probeFigures(const Prober &prober);

} // namespace Sockpit::Cli
