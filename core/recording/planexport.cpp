// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/planexport.h"

#include "tuning/validator.h"

#include <QRegularExpression>

namespace Sockpit {

namespace {

QString header(const QDateTime &when, const QString &format)
{
    return QStringLiteral("# Written by sockpit-cli %1 on %2: sockpit-cli plan --format %3\n")
        .arg(QStringLiteral(SOCKPIT_VERSION), when.toUTC().toString(Qt::ISODate), format);
}

// A YAML single-quoted scalar: nothing is special inside but the quote, written twice.
// Values come validated from the catalogue (no control characters, no newlines).
QString yamlQuoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace

QString ansiblePlaybook(const Plan &plan, const QDateTime &when)
{
    QString text = header(when, QStringLiteral("ansible"));
    text += QStringLiteral(
        "# Sets each value with ansible.posix.sysctl, persists it in sockpit_sysctl_file and reloads\n"
        "# that file. Run: ansible-playbook -i HOSTS sockpit-plan.yml [-e sockpit_sysctl_file=PATH]\n"
        "---\n"
        "- name: Sockpit kernel tuning\n"
        "  hosts: all\n"
        "  become: true\n"
        "  gather_facts: false\n"
        "  vars:\n"
        "    sockpit_sysctl_file: %1\n"
        "  tasks:\n")
                .arg(QLatin1String(FleetSysctlFile));
    for (const PlannedChange &change : plan.changes()) {
        text += QStringLiteral("    - name: %1\n"
                               "      ansible.posix.sysctl:\n"
                               "        name: %2\n"
                               "        value: %3\n"
                               "        sysctl_file: \"{{ sockpit_sysctl_file }}\"\n"
                               "        sysctl_set: true\n"
                               "        state: present\n"
                               "        reload: true\n")
                    .arg(yamlQuoted(QStringLiteral("%1 = %2").arg(change.key, change.to)), yamlQuoted(change.key),
                         yamlQuoted(change.to));
    }
    return text;
}

QString tunedProfile(const Plan &plan, const QString &include, const QDateTime &when)
{
    QString text = header(when, QStringLiteral("tuned"));
    text += QStringLiteral("# Install as /etc/tuned/sockpit/tuned.conf, then: tuned-adm profile sockpit\n"
                           "[main]\n"
                           "summary=Sockpit kernel tuning (%1 sysctl%2)\n")
                .arg(plan.changes().size())
                .arg(plan.changes().size() == 1 ? QString() : QStringLiteral("s"));
    if (!include.isEmpty())
        text += QStringLiteral("include=%1\n").arg(include);
    text += QStringLiteral("\n[sysctl]\n");
    for (const PlannedChange &change : plan.changes())
        text += QStringLiteral("%1=%2\n").arg(change.key, change.to);
    return text;
}

Result<void> checkTunedInclude(const QString &include)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9_.-]*$"));
    if (include.isEmpty())
        return {};
    for (const QString &part : include.split(QLatin1Char(','))) {
        if (!name.match(part.trimmed()).hasMatch())
            return Error{QStringLiteral("bad --tuned-include %1: expected TuneD profile names separated by commas, "
                                        "e.g. throughput-performance")
                             .arg(quoted(include))};
    }
    return {};
}

} // namespace Sockpit
