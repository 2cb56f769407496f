// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rules/rule.h"

#include "analysis/rules/rules.h"

namespace Sockpit::AnalysisRules {

QString reference(const QString &file, const char *key)
{
    return file + QStringLiteral(": ") + QString::fromLatin1(key);
}

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

Evidence evidence(const char *metric, double value, const char *unit, const QString &source)
{
    return {QString::fromLatin1(metric), value, QString::fromLatin1(unit), source};
}

Evidence evidence(const char *metric, double value, const char *unit, const char *source)
{
    return evidence(metric, value, unit, QString::fromUtf8(source));
}

double rate(const Snapshot &snapshot, const char *name)
{
    const auto r = snapshot.counters().rate(name);
    return r ? *r : -1;
}

Rule::Rule(RuleContext &context)
    : m_context(context), m_o(context.observation), m_options(context.options), m_t(context.options.thresholds),
      m_report(context.report)
{
}

Rule::~Rule() = default;

void Rule::propose(Finding &finding, const QString &key, const QString &value)
{
    auto checked = checkProposal(key, value, m_o);
    if (!checked) {
        m_report.notes.append(QStringLiteral("%1: %2").arg(finding.id, checked.error()));
        return;
    }
    if (checked->value == checked->current.simplified())
        return; // already so: proposing it would change nothing
    finding.changes.push_back(checked.value());
}

void Rule::add(Finding finding)
{
    m_report.findings.push_back(std::move(finding));
}

void runRules(RuleContext &context)
{
    PortPressureRule(context).run();
    AcceptQueueRule(context).run();
    TimeWaitOverflowRule(context).run();
    RetransmissionRule(context).run();
    TcpMemoryRule(context).run();
    OrphanRule(context).run();
    FinWait2Rule(context).run(); // after the orphan rule: it stays quiet when that one spoke
    ConntrackRule(context).run();
    KeepaliveRule(context).run();
    PingGroupRule(context).run();
    BandwidthDelayRule(context).run();
    // Last: it adds the log's evidence to what the rules above found.
    KernelLogRule(context).run();
}

} // namespace Sockpit::AnalysisRules
