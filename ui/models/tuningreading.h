// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tuning/sysctlfile.h"
#include "tuning/sysctltree.h"
#include "tuning/validator.h"

#include <QString>

#include <vector>

namespace Sockpit {

// Where the tuning pages read and which helper they start. The installed paths are
// compile-time constants of the build; tests point them at the test install.
struct TuningEnvironment
{
    QString helperPath;
    QString sysctlRoot = QStringLiteral("/proc/sys");
    QString sysctlDDirectory; // where the helper persists 90-sockpit.conf

    static TuningEnvironment installed();
    QString sysctlFilePath() const;
};

// What the Tuning page shows of the kernel, read in one go on a worker thread: every
// catalogue entry's value, what validation needs to know, and the persisted file.
struct TuningReading
{
    std::vector<CurrentValue> values; // catalogue order
    ValidationContext context;
    SysctlFile::Values persisted;
    QString persistedError; // the sysctl.d file exists but could not be read
    bool helperInstalled = false; // environment.helperPath is an executable file
    // Read from a capture bundle, which holds only the sysctls the analysis reads: a key
    // it lacks is not known, rather than missing from the kernel.
    bool fromCapture = false;
    bool isNull() const { return values.empty(); }

    // Blocking (a few dozen small reads): call it off the GUI thread.
    static TuningReading read(const TuningEnvironment &environment);
};

} // namespace Sockpit
