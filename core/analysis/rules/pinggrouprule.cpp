// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

namespace Sockpit::AnalysisRules {

void PingGroupRule::run()
{
    const std::vector<qint64> range = m_o.sysctlIntegers(QStringLiteral("net.ipv4.ping_group_range"));
    if (range.size() != 2 || range[0] <= range[1])
        return;
    Finding f;
    f.id = QStringLiteral("ping-group-range");
    f.severity = Severity::Info;
    f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding", "Unprivileged ICMP (ping) sockets are disabled"));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "ping_group_low"), double(range[0]),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "gid"), QStringLiteral("sys/net/ipv4/ping_group_range")));
    f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "ping_group_high"), double(range[1]),
        QT_TRANSLATE_NOOP("Sockpit::Finding", "gid"), QStringLiteral("sys/net/ipv4/ping_group_range")));
    f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                    "ping_group_range \"%1 %2\" (low above high) lets no group create ICMP "
                                    "sockets, so ICMP probes need root or CAP_NET_RAW."))
                        .arg(range[0])
                        .arg(range[1]);
    propose(f, QStringLiteral("net.ipv4.ping_group_range"), QStringLiteral("0 2147483647"));
    f.caveats << FindingText(
        QT_TRANSLATE_NOOP("Sockpit::Finding", "Every local user may then send ICMP echo requests."));
    f.references = {reference(IpSysctl, "ping_group_range")};
    add(std::move(f));
}

} // namespace Sockpit::AnalysisRules
