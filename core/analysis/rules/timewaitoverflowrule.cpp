// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"
#include "tuning/catalogue.h"

#include <algorithm>

namespace Sockpit::AnalysisRules {

void TimeWaitOverflowRule::run()
{
    const double overflow = rate(m_o.later, "TcpExt.TCPTimeWaitOverflow");
    if (!(overflow > 0))
        return;
    Finding f = finding();
    f.severity = Severity::Critical;
    f.evidence.insert(f.evidence.begin(),
        evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "time_wait_overflows_per_s"), overflow,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("TcpExt.TCPTimeWaitOverflow")));
    add(std::move(f));
}

Finding TimeWaitOverflowRule::finding()
{
    Finding f;
    f.id = QStringLiteral("time-wait-overflow");
    f.severity = Severity::Warning;
    f.title = FindingText(
        QT_TRANSLATE_NOOP("Sockpit::Finding", "The TIME_WAIT table is full: closing sockets skip TIME_WAIT"));
    const qint64 timeWait = m_o.later.sockStat().timeWait;
    const auto buckets = m_o.sysctlInteger(QStringLiteral("net.ipv4.tcp_max_tw_buckets"));
    if (timeWait >= 0)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "time_wait"), double(timeWait),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("net/sockstat tw")));
    if (buckets)
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "tcp_max_tw_buckets"), double(*buckets),
            QT_TRANSLATE_NOOP("Sockpit::Finding", "sockets"), QStringLiteral("sys/net/ipv4/tcp_max_tw_buckets")));
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "Beyond tcp_max_tw_buckets the kernel destroys a closing socket at once "
        "instead of keeping it in TIME_WAIT, and counts TCPTimeWaitOverflow; late "
        "segments of the old connection can then corrupt a new one."));
    if (buckets) {
        // Never below the catalogue's floor: a table someone shrank below it would
        // otherwise get a proposal the validator refuses, and no proposal at all.
        const Tunable *tunable = Catalogue::find(u"net.ipv4.tcp_max_tw_buckets");
        const qint64 floor = tunable ? tunable->minimum : 0;
        propose(f, QStringLiteral("net.ipv4.tcp_max_tw_buckets"),
                QString::number(std::max({*buckets * 2, std::max<qint64>(timeWait, 0) * 2, floor})));
    }
    f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "Each TIME_WAIT socket costs a few hundred bytes of kernel memory; never lower "
        "the limit to make TIME_WAIT go away."));
    f.references = {reference(IpSysctl, "tcp_max_tw_buckets")};
    return f;
}

} // namespace Sockpit::AnalysisRules
