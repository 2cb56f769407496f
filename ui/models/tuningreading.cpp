// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/tuningreading.h"

#include "base/atomicfile.h"

#include <QFileInfo>

#ifndef SOCKPIT_UI_HELPER_PATH
#error "SOCKPIT_UI_HELPER_PATH must come from the build configuration"
#endif
#ifndef SOCKPIT_UI_SYSCTL_D_DIR
#error "SOCKPIT_UI_SYSCTL_D_DIR must come from the build configuration"
#endif

namespace Sockpit {

TuningEnvironment TuningEnvironment::installed()
{
    TuningEnvironment environment;
    environment.helperPath = QStringLiteral(SOCKPIT_UI_HELPER_PATH);
    environment.sysctlDDirectory = QStringLiteral(SOCKPIT_UI_SYSCTL_D_DIR);
    return environment;
}

QString TuningEnvironment::sysctlFilePath() const
{
    return sysctlDDirectory + QLatin1Char('/') + QLatin1String(SysctlFile::FileName);
}

TuningReading TuningReading::read(const TuningEnvironment &environment)
{
    const SysctlTree tree(environment.sysctlRoot);
    TuningReading reading;
    reading.values = readCurrentValues(tree);
    reading.context = ValidationContext::fromTree(tree);
    if (auto content = AtomicFile::read(environment.sysctlFilePath()); !content)
        reading.persistedError = content.error();
    else if (content->has_value())
        reading.persisted = SysctlFile::parse(QString::fromUtf8(**content));
    // Looked at here, off the GUI thread, so the page can say before anything is typed
    // that changes cannot be applied.
    reading.helperInstalled = QFileInfo(environment.helperPath).isExecutable();
    return reading;
}

} // namespace Sockpit
