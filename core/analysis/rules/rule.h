// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "analysis/finding.h"
#include "capture/observation.h"

#include <QString>

namespace Sockpit::AnalysisRules {

// Where the rules' references point, in the kernel's documentation tree.
inline const QString IpSysctl = QStringLiteral("Documentation/networking/ip-sysctl.rst");
inline const QString NetRst = QStringLiteral("Documentation/admin-guide/sysctl/net.rst");
inline const QString SnmpCounters = QStringLiteral("Documentation/networking/snmp_counter.rst");
inline const QString NfSysctl = QStringLiteral("Documentation/networking/nf_conntrack-sysctl.rst");

// "Documentation/networking/ip-sysctl.rst: tcp_mem"
QString reference(const QString &file, const char *key);
QString number(double value, int decimals = 0);
// METRIC and UNIT (and a worded SOURCE) are literals marked with
// QT_TRANSLATE_NOOP("Sockpit::Finding", ...), so the window can show them translated.
Evidence evidence(const char *metric, double value, const char *unit, const QString &source);
Evidence evidence(const char *metric, double value, const char *unit, const char *source);
// The counter's rate per second between the two takes; -1 without rates.
double rate(const Snapshot &snapshot, const char *name);

// What every rule reads and writes: one observation, the options it is analysed with,
// and the report its findings go to.
struct RuleContext
{
    const Observation &observation;
    const AnalysisOptions &options;
    AnalysisReport &report;
};

// One rule of the analysis: looks at the observation and adds findings, with the changes
// it proposes, to the report. runRules() runs them in a fixed order; a later rule may
// add to an earlier rule's finding (the kernel log rule does).
class Rule
{
public:
    explicit Rule(RuleContext &context);
    virtual ~Rule();
    Rule(const Rule &) = delete;
    Rule &operator=(const Rule &) = delete;

    virtual void run() = 0;

protected:
    // Adds KEY=VALUE to FINDING when the catalogue and this kernel allow it; otherwise
    // notes why it was left out.
    void propose(Finding &finding, const QString &key, const QString &value);
    void add(Finding finding);

    RuleContext &m_context;
    const Observation &m_o;
    const AnalysisOptions &m_options;
    const Thresholds &m_t;
    AnalysisReport &m_report;
};

// Every rule, in order, on CONTEXT.
void runRules(RuleContext &context);

} // namespace Sockpit::AnalysisRules
