// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/planexportdialog.h"

#include "recording/planexport.h"
#include "reports/exporter.h"

#include <QFileDialog>
#include <QMessageBox>

#include <cerrno>

namespace Sockpit {

QList<PlanExportDialog::Format> PlanExportDialog::formats()
{
    return {Format::Ansible, Format::Tuned, Format::SysctlD};
}

QString PlanExportDialog::filter(Format format)
{
    switch (format) {
    case Format::Ansible:
        return tr("Ansible playbook (*.yml *.yaml)");
    case Format::Tuned:
        return tr("TuneD profile (tuned.conf)");
    case Format::SysctlD:
        return tr("sysctl.d file (*.conf)");
    }
    return {};
}

QString PlanExportDialog::defaultFileName(Format format)
{
    switch (format) {
    case Format::Ansible:
        return QStringLiteral("sockpit-sysctl.yml");
    case Format::Tuned:
        return QStringLiteral("tuned.conf");
    case Format::SysctlD:
        return QStringLiteral("90-sockpit.conf");
    }
    return {};
}

QString PlanExportDialog::render(const Plan &plan, Format format, const SysctlFile::Values &persisted,
                                 const QDateTime &when)
{
    switch (format) {
    case Format::Ansible:
        return ansiblePlaybook(plan, when);
    case Format::Tuned:
        return tunedProfile(plan, QLatin1String(DefaultTunedInclude), when);
    case Format::SysctlD:
        return plan.sysctlFile(persisted, when);
    }
    return {};
}

Result<void> PlanExportDialog::write(const Plan &plan, Format format, const SysctlFile::Values &persisted,
                                     const QString &path)
{
    if (plan.isEmpty())
        return Error{tr("The plan holds no change to export."), EINVAL};
    return Exporter::writeFile(path, render(plan, format, persisted, QDateTime::currentDateTimeUtc()).toUtf8());
}

QString PlanExportDialog::run(QWidget *parent, const Plan &plan, const SysctlFile::Values &persisted)
{
    QStringList filters;
    for (Format format : formats())
        filters << filter(format);
    QString chosen = filters.first();
    const QString path = QFileDialog::getSaveFileName(parent, tr("Export Plan"), defaultFileName(Format::Ansible),
                                                      filters.join(QStringLiteral(";;")), &chosen);
    if (path.isEmpty())
        return {};
    const Format format = formats().value(std::max<qsizetype>(0, filters.indexOf(chosen)));
    if (const auto written = write(plan, format, persisted, path); !written) {
        QMessageBox::warning(parent, tr("Export Plan"), written.error());
        return {};
    }
    return path;
}

} // namespace Sockpit
