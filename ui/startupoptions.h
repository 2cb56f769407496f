// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Sockpit {

// The GUI's command line: which page to open, and an optional screenshot of the window
// (for the README and packaging) taken after a delay, after which the app quits.
struct StartupOptions
{
    Q_DECLARE_TR_FUNCTIONS(StartupOptions)
public:
    enum class Outcome { Run, ExitOk, ExitBadInput };

    QString page;            // empty: the page restored from the settings
    QString screenshotPath;  // empty: no screenshot
    int screenshotDelayMs = 3000;

    Outcome outcome = Outcome::Run;
    QString message; // --help / --version text, or the reason the input was refused

    // arguments as QCoreApplication::arguments(); pageIds the pages --page accepts.
    static StartupOptions parse(const QStringList &arguments, const QStringList &pageIds);
};

} // namespace Sockpit
