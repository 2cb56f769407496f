// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tuning/plan.h"
#include "base/result.h"

#include <QDateTime>
#include <QString>

namespace Sockpit {

// The sysctl.d file an exported playbook persists the values in, on the managed hosts.
inline constexpr char FleetSysctlFile[] = "/etc/sysctl.d/90-sockpit.conf";

// TuneD's profile for servers, which its own recommendation picks for most physical
// hosts (tuned's recommend.conf): including it keeps the host's usual server tuning and
// lays the plan's sysctls over it, where a profile without include= would replace it.
inline constexpr char DefaultTunedInclude[] = "throughput-performance";

// An Ansible playbook for all hosts that sets every value of PLAN with ansible.posix.sysctl
// (sysctl_set, so the running kernel changes; reload, so the file is loaded with sysctl -p)
// and persists it in the file named by the play variable sockpit_sysctl_file, by default
// FleetSysctlFile (-e sockpit_sysctl_file=PATH chooses another).
QString ansiblePlaybook(const Plan &plan, const QDateTime &when);

// A TuneD profile (tuned.conf): [main] with a summary and, unless INCLUDE is empty,
// include=INCLUDE; then [sysctl] with every value of PLAN.
QString tunedProfile(const Plan &plan, const QString &include, const QDateTime &when);

// INCLUDE as tuned.conf's include= takes it: one or more profile names separated by
// commas, each of letters, digits, '-', '_' and '.', not starting with '.'. The reason otherwise.
Result<void> checkTunedInclude(const QString &include);

} // namespace Sockpit
