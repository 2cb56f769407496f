// SPDX-License-Identifier: GPL-3.0-or-later
#include "startupoptions.h"

#include <QCommandLineParser>

namespace Sockpit {

StartupOptions StartupOptions::parse(const QStringList &arguments, const QStringList &pageIds)
{
    StartupOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Live socket states, ephemeral ports and TCP counters."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption pageOption(QStringLiteral("page"),
                                        tr("Open on page NAME (%1).").arg(pageIds.join(QStringLiteral(", "))),
                                        tr("NAME"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              tr("Save a PNG of the window to FILE after the delay, then quit."),
                                              tr("FILE"));
    const QCommandLineOption delayOption(QStringLiteral("screenshot-delay"),
                                         tr("Milliseconds to wait before the screenshot (default %1).")
                                             .arg(options.screenshotDelayMs),
                                         tr("MS"));
    parser.addOptions({pageOption, screenshotOption, delayOption});

    if (!parser.parse(arguments)) {
        options.outcome = Outcome::ExitBadInput;
        options.message = parser.errorText();
        return options;
    }
    if (parser.isSet(helpOption)) {
        options.outcome = Outcome::ExitOk;
        options.message = parser.helpText();
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.outcome = Outcome::ExitOk;
        options.message = QCoreApplication::applicationName() + QLatin1Char(' ')
            + QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return options;
    }
    if (!parser.positionalArguments().isEmpty()) {
        options.outcome = Outcome::ExitBadInput;
        options.message = tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return options;
    }
    if (parser.isSet(pageOption)) {
        options.page = parser.value(pageOption).toLower();
        if (!pageIds.contains(options.page)) {
            options.outcome = Outcome::ExitBadInput;
            options.message = tr("Unknown page \"%1\"; choose one of: %2.")
                                  .arg(parser.value(pageOption), pageIds.join(QStringLiteral(", ")));
            return options;
        }
    }
    options.screenshotPath = parser.value(screenshotOption);
    if (parser.isSet(delayOption)) {
        bool ok = false;
        const int delay = parser.value(delayOption).toInt(&ok);
        if (!ok || delay < 0 || delay > 600000) {
            options.outcome = Outcome::ExitBadInput;
            options.message = tr("--screenshot-delay takes milliseconds between 0 and 600000, not \"%1\".")
                                  .arg(parser.value(delayOption));
            return options;
        }
        options.screenshotDelayMs = delay;
    }
    return options;
}

} // namespace Sockpit
