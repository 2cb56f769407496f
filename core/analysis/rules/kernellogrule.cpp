// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rules.h"

#include <map>

namespace Sockpit::AnalysisRules {

// Log lines confirm a rule's finding, or raise one when the numbers alone did not
// (the counters may have been reset, or the problem came and went between takes).
void KernelLogRule::run()
{
    std::map<std::pair<int, int>, std::pair<int, QByteArray>> seen; // (problem, port) -> count, last message
    for (const KernelLogLine &line : m_o.kernelLog.lines) {
        auto &entry = seen[{int(line.problem), line.port}];
        ++entry.first;
        entry.second = line.record.message;
    }
    for (const auto &[key, value] : seen) {
        const auto problem = KernelLogProblem(key.first);
        const int port = key.second;
        const Evidence logEvidence = evidence(QT_TRANSLATE_NOOP("Sockpit::Finding", "kernel_log_lines"),
            double(value.first), QT_TRANSLATE_NOOP("Sockpit::Finding", "lines"),
            QStringLiteral("%1: \"%2\"").arg(m_o.kernelLog.source, QString::fromUtf8(value.second)));
        Finding *existing = nullptr;
        switch (problem) {
        case KernelLogProblem::TimeWaitOverflow:
            existing = findingWith(QStringLiteral("time-wait-overflow"));
            if (!existing) {
                add(TimeWaitOverflowRule(m_context).finding());
                logOnly(FindingText(
                    QT_TRANSLATE_NOOP("Sockpit::Finding", "The kernel log reports TIME_WAIT bucket table overflows")));
                existing = &m_report.findings.back();
            }
            break;
        case KernelLogProblem::SynFlood:
            existing = findingWith(QStringLiteral("accept-queue-overflow"), QStringLiteral("port %1").arg(port));
            if (!existing) {
                Finding f;
                f.id = QStringLiteral("syn-flood");
                f.subject = QStringLiteral("port %1").arg(port);
                f.severity = Severity::Warning;
                f.title = FindingText(
                    QT_TRANSLATE_NOOP("Sockpit::Finding", "The kernel reported possible SYN flooding on port %1"))
                              .arg(port);
                f.explanation = FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                    "The listener's SYN queue (tcp_max_syn_backlog) or accept queue "
                    "overflowed; with tcp_syncookies the kernel answered with cookies. "
                    "Either a flood or a server that accepts too slowly."));
                f.caveats << FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
                    "Check the listener's backlog while the load lasts; a larger "
                    "somaxconn does nothing until the application passes a larger "
                    "backlog to listen()."));
                f.references = {reference(IpSysctl, "tcp_syncookies"), reference(IpSysctl, "tcp_max_syn_backlog")};
                add(std::move(f));
                existing = &m_report.findings.back();
            }
            break;
        case KernelLogProblem::ConntrackFull:
            existing = findingWith(QStringLiteral("conntrack-fill"));
            if (!existing) {
                add(ConntrackRule(m_context).finding());
                logOnly(FindingText(
                    QT_TRANSLATE_NOOP("Sockpit::Finding", "The kernel log reports a full connection tracking table")));
                existing = &m_report.findings.back();
            }
            break;
        case KernelLogProblem::TcpOutOfMemory:
            existing = findingWith(QStringLiteral("tcp-memory-pressure"));
            if (!existing) {
                add(TcpMemoryRule(m_context).finding());
                logOnly(FindingText(
                    QT_TRANSLATE_NOOP("Sockpit::Finding", "The kernel log reports TCP running out of memory")));
                existing = &m_report.findings.back();
            }
            break;
        }
        existing->evidence.push_back(logEvidence);
    }
}

Finding *KernelLogRule::findingWith(const QString &id, const QString &subject)
{
    for (Finding &f : m_report.findings)
        if (f.id == id && (subject.isEmpty() || f.subject == subject))
            return &f;
    return nullptr;
}

// A finding raised by the log alone: the current figures do not show the problem,
// so a change sized from them would not address it.
void KernelLogRule::logOnly(const FindingText &title)
{
    Finding &f = m_report.findings.back();
    f.title = title;
    f.changes.clear();
    f.caveats.prepend(FindingText(QT_TRANSLATE_NOOP("Sockpit::Finding",
        "Only the kernel log shows this; the current figures do not, so no change is "
        "proposed. Capture again while the problem happens.")));
}

} // namespace Sockpit::AnalysisRules
