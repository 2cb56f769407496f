// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/rttmeasurement.h"

#include "probes/prober.h"

#include <QEventLoop>

#include <algorithm>
#include <cerrno>

namespace Sockpit {

Result<MeasuredRtt> measureRtt(const ProbeTarget &target)
{
    if (target.kind != ProbeKind::Icmp && target.kind != ProbeKind::Tcp)
        return Error{QStringLiteral("\"%1\": expected an icmp:// or tcp:// target").arg(target.text), EINVAL};
    ProberOptions options;
    options.count = RttProbes;
    options.intervalMs = RttProbeIntervalMs;
    options.timeoutMs = 1000;
    Prober prober(options);
    auto added = prober.addTarget(target);
    if (!added)
        return Error{QStringLiteral("%1: %2").arg(target.text, added.error()), added.errorCode()};
    QEventLoop loop;
    QObject::connect(&prober, &Prober::finished, &loop, &QEventLoop::quit);
    prober.start();
    if (!prober.isFinished())
        loop.exec();
    std::vector<ProbeSample> samples = prober.samples(0);
    std::sort(samples.begin(), samples.end(), [](const ProbeSample &a, const ProbeSample &b) { return a.seq < b.seq; });
    const ProbeStats stats = computeProbeStats(samples, target.thresholds, target.kind != ProbeKind::Icmp);
    if (stats.received == 0) {
        const QString why = samples.empty() ? QStringLiteral("no probe was sent") : samples.back().error;
        return Error{QStringLiteral("%1: none of %2 probes answered (%3)").arg(target.text).arg(stats.sent).arg(why),
                     ETIMEDOUT};
    }
    const QString kind = target.kind == ProbeKind::Icmp ? QStringLiteral("ICMP") : QStringLiteral("TCP");
    const QString answered = stats.received == stats.sent
                                 ? QString()
                                 : QStringLiteral(", %1 of %2 answered").arg(stats.received).arg(stats.sent);
    return MeasuredRtt{stats.avgMs, stats.sent, stats.received,
                       QStringLiteral("measured by %1 %2 probes to %3 (%4): avg %5 ms%6")
                           .arg(stats.sent)
                           .arg(kind, target.text, prober.address(0).text)
                           .arg(stats.avgMs, 0, 'f', 3)
                           .arg(answered)};
}

} // namespace Sockpit
