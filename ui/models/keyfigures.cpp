// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/keyfigures.h"

#include "models/socketformat.h"
#include "sampling/snapshot.h"

#include <QLocale>

namespace Sockpit {

KeyFigures KeyFigures::compute(const Snapshot &snapshot, const UiSettings &settings)
{
    KeyFigures result;
    if (snapshot.isNull())
        return result;
    const EphemeralUsage &usage = snapshot.ephemeral();

    // sockstat counts TIME_WAIT in O(1) even when the dump left those sockets out.
    qint64 timeWait = snapshot.count(Protocol::Tcp, SocketState::TimeWait);
    if (timeWait < 0)
        timeWait = snapshot.sockStat().timeWait;
    if (timeWait >= 0 && usage.usable > 0) {
        result.timeWait.value = double(timeWait) / usage.usable;
        result.timeWait.level = settings.timeWaitRatio.classify(result.timeWait.value);
        result.timeWait.text = SocketFormat::percent(result.timeWait.value);
        result.timeWait.caption =
            tr("%1 of %2 usable ports").arg(SocketFormat::count(timeWait), SocketFormat::count(usage.usable));
    }

    if (usage.usable > 0) {
        const double share = usage.destinations.empty() ? 0.0 : usage.destinations.front().share;
        result.worstDestination.value = share;
        result.worstDestination.level = settings.destinationShare.classify(share);
        result.worstDestination.text = SocketFormat::percent(share);
        result.worstDestination.caption = usage.destinations.empty()
            ? tr("no outgoing connections")
            : tr("%1 sockets to one destination").arg(SocketFormat::count(usage.destinations.front().sockets));
    }

    const CounterSet &counters = snapshot.counters();
    if (const auto overflows = counters.rate("TcpExt.ListenOverflows"); overflows && *overflows >= 0) {
        result.listenOverflows.value = *overflows;
        result.listenOverflows.level = settings.listenOverflowsPerSecond.classify(*overflows);
        result.listenOverflows.text = tr("%1/s").arg(QLocale().toString(*overflows, 'f', 1));
        result.listenOverflows.caption = tr("dropped on a full accept queue");
    }

    const auto retrans = counters.rate("Tcp.RetransSegs");
    const auto out = counters.rate("Tcp.OutSegs");
    if (retrans && out && *retrans >= 0 && *out >= 0) {
        // No segments sent: nothing could be retransmitted either.
        const double percent = *out > 0 ? 100.0 * *retrans / *out : 0.0;
        result.retransmissions.value = percent;
        result.retransmissions.level = settings.retransmitPercent.classify(percent);
        result.retransmissions.text = tr("%1%").arg(QLocale().toString(percent, 'f', 2));
        result.retransmissions.caption = tr("%1 of %2 segments/s")
                                             .arg(QLocale().toString(*retrans, 'f', 1), QLocale().toString(*out, 'f', 1));
    }
    return result;
}

QStringList KeyFigures::summaryLines() const
{
    const auto line = [](const QString &name, const KeyFigure &figure) {
        if (figure.text.isEmpty())
            return tr("%1: not known").arg(name);
        return tr("%1: %2 (%3)").arg(name, figure.text, figure.caption);
    };
    return {
        line(tr("TIME_WAIT against usable ports"), timeWait),
        line(tr("Busiest destination's share of ports"), worstDestination),
        line(tr("Listen overflows"), listenOverflows),
        line(tr("Retransmissions"), retransmissions),
    };
}

} // namespace Sockpit
