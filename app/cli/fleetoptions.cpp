// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetoptions.h"

#include "commands.h"
#include "tuning/validator.h"

#include <QCommandLineParser>

#include <cerrno>

namespace Sockpit::Cli {

Result<FleetSettings> fleetSettings(const QCommandLineParser &parser, const FleetOptions &options)
{
    FleetSettings settings;
    bool ok = false;
    settings.metrics.top = parser.value(options.top).toInt(&ok);
    if (!ok || settings.metrics.top < 1 || settings.metrics.top > 1000)
        return Error{QStringLiteral("bad --top %1: expected an integer from 1 to 1000").arg(quoted(parser.value(options.top)))};
    QStringList given;
    for (const QString &text : parser.values(options.probe)) {
        auto target = parseProbeTarget(text);
        if (!target)
            return Error{QStringLiteral("bad --probe: %1").arg(target.error())};
        if (target->kind != ProbeKind::Icmp && target->kind != ProbeKind::Tcp)
            return Error{QStringLiteral("bad --probe %1: expected an icmp:// or tcp:// target").arg(quoted(text))};
        if (given.contains(text))
            return Error{QStringLiteral("--probe %1 given twice").arg(quoted(text))};
        settings.targets.push_back(target.value());
        given << text;
    }
    return settings;
}

std::unique_ptr<Prober> makeProber(const FleetSettings &settings, const ProberOptions &options, int &exitCode,
                                   QString &error)
{
    auto prober = std::make_unique<Prober>(options);
    for (const ProbeTarget &target : settings.targets) {
        auto added = prober->addTarget(target);
        if (!added) {
            exitCode = added.errorCode() == EACCES || added.errorCode() == EPERM ? Failure : BadInput;
            error = QStringLiteral("--probe %1: %2").arg(target.text, added.error());
            return nullptr;
        }
    }
    return prober;
}

std::vector<ProbeFigures> probeFigures(const Prober &prober)
{
    std::vector<ProbeFigures> figures;
    for (int i = 0; i < prober.targetCount(); ++i)
        figures.push_back({prober.target(i).text, prober.stats(i), prober.totals(i)});
    return figures;
}

} // namespace Sockpit::Cli
