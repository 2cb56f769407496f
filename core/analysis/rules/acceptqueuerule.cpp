// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

#include <algorithm>

namespace Sockpit::AnalysisRules {

void AcceptQueueRule::run()
{
    const double overflows = rate(m_o.later, "TcpExt.ListenOverflows");
    const double drops = rate(m_o.later, "TcpExt.ListenDrops");
    const auto somaxconn = m_o.sysctlInteger(QStringLiteral("net.core.somaxconn"));
    bool anyFlagged = false;
    for (const AcceptQueue &q : acceptQueues(m_o)) {
        if (q.backlog <= 0 || q.fill < m_t.acceptQueueFillWarning)
            continue;
        anyFlagged = true;
        Finding f;
        f.id = QStringLiteral("accept-queue-overflow");
        f.subject = QStringLiteral("port %1").arg(q.port);
        f.severity = overflows > 0 ? Severity::Critical : Severity::Warning;
        // The owner is its own template rather than a piece glued into the title: a
        // translation may need to place it elsewhere in the sentence.
        if (q.pid > 0)
            f.title = FindingText(
                QT_TRANSLATE_NOOP("Sockpit::Finding", "Accept queue of %1 (pid %2, %3) is %4 % full: %5 of %6"))
                          .arg(q.endpoint)
                          .arg(q.pid)
                          .arg(q.process)
                          .arg(number(q.fill * 100, 0))
                          .arg(q.queue)
                          .arg(q.backlog);
        else
            f.title = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding", "Accept queue of %1 is %2 % full: %3 of %4"))
                          .arg(q.endpoint)
                          .arg(number(q.fill * 100, 0))
                          .arg(q.queue)
                          .arg(q.backlog);
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "port"), q.port,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "port"), QStringLiteral("sock_diag LISTEN")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "queue"), q.queue,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "connections"), QStringLiteral("sock_diag rqueue")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "backlog"), q.backlog,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "connections"), QStringLiteral("sock_diag wqueue")));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "fill"), q.fill,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "ratio"), QStringLiteral("queue / backlog")));
        if (q.pid > 0)
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "owner_pid"), double(q.pid),
                QT_TRANSLATE_NOOP("Sockpit::Finding", "pid"),
                QStringLiteral("/proc/%1/fd (%2)").arg(q.pid).arg(q.process)));
        if (somaxconn)
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "somaxconn"), double(*somaxconn),
                QT_TRANSLATE_NOOP("Sockpit::Finding", "connections"), QStringLiteral("sys/net/core/somaxconn")));
        if (overflows >= 0)
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "listen_overflows_per_s"), overflows,
                QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("TcpExt.ListenOverflows")));
        if (drops >= 0)
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "listen_drops_per_s"), drops,
                QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("TcpExt.ListenDrops")));
        f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "Connections that finished the handshake wait in the accept queue until the application calls "
            "accept(). When it is full the kernel drops the final ACK or the SYN and counts ListenOverflows; "
            "clients see delays of a second or more (SYN retransmission)."));
        const bool capped = somaxconn && q.backlog >= *somaxconn;
        if (capped) {
            const qint64 factor = m_options.profile == Profile::BusyServer ? 4 : 2;
            const qint64 floor = m_options.profile == Profile::BusyServer ? 8192 : 4096;
            propose(f, QStringLiteral("net.core.somaxconn"), QString::number(std::max(floor, *somaxconn * factor)));
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                         "The backlog is capped by somaxconn (%1). A larger somaxconn does nothing "
                                         "until the application passes a larger backlog to listen()."))
                             .arg(*somaxconn);
        } else {
            f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                                         "The application asked listen() for a backlog of %1, below somaxconn: "
                                         "raise it in the application (or accept faster); a larger somaxconn "
                                         "does nothing until the application passes a larger backlog to listen()."))
                             .arg(q.backlog);
        }
        f.references = {reference(NetRst, "somaxconn"), reference(IpSysctl, "tcp_max_syn_backlog"),
                        reference(SnmpCounters, "TcpExtListenOverflows and TcpExtListenDrops")};
        add(std::move(f));
    }
    if (!anyFlagged && overflows > 0) {
        Finding f;
        f.id = QStringLiteral("listen-overflows");
        f.severity = Severity::Warning;
        f.title = FindingText(
            QT_TRANSLATE_NOOP("Sockpit::Finding", "Accept queues overflowed %1 times per second, but none is full now"))
                      .arg(number(overflows, 1));
        f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "listen_overflows_per_s"), overflows,
            QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("TcpExt.ListenOverflows")));
        if (drops >= 0)
            f.evidence.push_back(evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "listen_drops_per_s"), drops,
                QT_TRANSLATE_NOOP("Sockpit::Finding", "per second"), QStringLiteral("TcpExt.ListenDrops")));
        f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
            "A listener's queue filled between the two takes and has drained since: "
            "bursts longer than the application's accept rate. Sample again during a "
            "burst to name the listener."));
        f.references = {reference(SnmpCounters, "TcpExtListenOverflows and TcpExtListenDrops")};
        add(std::move(f));
    }
}

} // namespace Sockpit::AnalysisRules
