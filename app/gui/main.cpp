// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app: wires a SampleHub to the main window, nothing more.
#include "mainwindow.h"
#include "sampling/samplehub.h"
#include "startupoptions.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Sockpit"));
    QApplication::setApplicationName(QStringLiteral("sockpit"));
    QApplication::setApplicationVersion(QStringLiteral(SOCKPIT_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/sockpit/sockpit.svg")));

    // Qt's own strings (dialog buttons, context menus) and ours, for the user's locale.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("sockpit"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    const auto options = Sockpit::StartupOptions::parse(QApplication::arguments(), Sockpit::MainWindow::pageIds());
    if (options.outcome != Sockpit::StartupOptions::Outcome::Run) {
        const QByteArray text = options.message.toLocal8Bit();
        std::fputs(text.constData(), options.outcome == Sockpit::StartupOptions::Outcome::ExitOk ? stdout : stderr);
        if (!text.endsWith('\n'))
            std::fputc('\n', options.outcome == Sockpit::StartupOptions::Outcome::ExitOk ? stdout : stderr);
        return options.outcome == Sockpit::StartupOptions::Outcome::ExitOk ? 0 : 2;
    }

    Sockpit::SampleHub hub;
    Sockpit::SamplerOptions samplerOptions;
    samplerOptions.owners = true;
    samplerOptions.tcpInfo = true;
    hub.setOptions(samplerOptions);

    Sockpit::MainWindow window;
    hub.setInterval(window.settings().samplingInterval);
    window.setSamplingInterval(hub.interval());
    QObject::connect(&window, &Sockpit::MainWindow::samplingIntervalRequested, &hub,
                     [&hub](std::chrono::milliseconds interval) { hub.setInterval(interval); });
    QObject::connect(&hub, &Sockpit::SampleHub::snapshotReady, &window, &Sockpit::MainWindow::showSnapshot);
    QObject::connect(&hub, &Sockpit::SampleHub::samplingFailed, &window, &Sockpit::MainWindow::showSamplingFailure);
    QObject::connect(&hub, &Sockpit::SampleHub::runningChanged, &window, &Sockpit::MainWindow::setLive);
    QObject::connect(&window, &Sockpit::MainWindow::pauseRequested, &hub, [&hub](bool paused) {
        if (paused)
            hub.stop();
        else
            hub.start();
    });
    QObject::connect(&window, &Sockpit::MainWindow::sampleNowRequested, &hub, &Sockpit::SampleHub::sampleNow);
    // Ticks sample what the page shown and the analysis need, no more.
    QObject::connect(&window, &Sockpit::MainWindow::sampleNeedRequested, &hub, &Sockpit::SampleHub::need);
    window.announceSampleNeeds();

    if (!options.page.isEmpty())
        window.showPage(options.page);
    hub.start();
    window.setLive(hub.isRunning());
    window.show();

    if (!options.screenshotPath.isEmpty()) {
        QTimer::singleShot(options.screenshotDelayMs, &window, [&window, path = options.screenshotPath] {
            const auto saved = window.saveScreenshot(path);
            if (!saved)
                std::fprintf(stderr, "%s\n", qPrintable(saved.error()));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
