// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "tuning/plan.h"
#include "tuning/sysctlfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

class QWidget;

namespace Sockpit {

// "Export Plan…": a validated plan written for the tools fleets already run, the same
// documents `sockpit-cli plan --format ansible|tuned|sysctl` prints (core/recording/
// planexport.h, Plan::sysctlFile()). The plan comes validated through the catalogue, as
// apply does; nothing here changes a value.
class PlanExportDialog
{
    Q_DECLARE_TR_FUNCTIONS(PlanExportDialog)
public:
    enum class Format { Ansible, Tuned, SysctlD };

    static QList<Format> formats();
    // The save dialog's filter for FORMAT: "Ansible playbook (*.yml *.yaml)".
    static QString filter(Format format);
    static QString defaultFileName(Format format);
    // PERSISTED: what the sysctl.d file holds now, under the plan's values (sysctl.d only).
    static QString render(const Plan &plan, Format format, const SysctlFile::Values &persisted, const QDateTime &when);
    // Writes render() to PATH (replacing it), or says why it could not.
    static Result<void> write(const Plan &plan, Format format, const SysctlFile::Values &persisted, const QString &path);

    // Asks where, with the format as the dialog's file type, and writes the plan there.
    // The path written, or empty when cancelled; a failure is shown in a message box.
    static QString run(QWidget *parent, const Plan &plan, const SysctlFile::Values &persisted);
};

} // namespace Sockpit
