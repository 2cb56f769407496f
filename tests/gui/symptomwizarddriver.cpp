// SPDX-License-Identifier: GPL-3.0-or-later
// A tuning wizard in a process of its own, for tst_symptomwizard to kill while the
// helper waits for Keep: it measures SYMPTOM live, goes through Plan and Review, applies
// in checkpoint mode with a 60 s countdown, prints "pending" once the helper applied, and
// then waits for nothing. Runs in its parent's network namespace.
//
//   symptomwizarddriver SYMPTOM HELPER SYSCTL_D_DIRECTORY [--tour DIRECTORY]
//                       [--fake-host DELAY_MS] [--bandwidth MBIT] [--target HOST]
//
// With --tour it runs on the display it is given instead, keeps every step, feeds the
// wizard a live snapshot each second as the window does, and saves each step's picture as
// DIRECTORY/wizard-SYMPTOM-N-STEP.png (the README's screenshots), then exits.
// --fake-host starts the tests' fake host (10.77.0.2 behind a TUN device) DELAY_MS away;
// --bandwidth and --target are typed into the Measure page's inputs before it measures.

#include "fakehost.h"
#include "sampling/sampler.h"
#include "wizards/symptomwizard.h"

#include <QApplication>
#include <QHash>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <functional>

using namespace Sockpit;

namespace {

void shoot(SymptomWizard &wizard, const QString &directory, const QString &name, int step, const char *what)
{
    const QString path = QStringLiteral("%1/wizard-%2-%3-%4.png").arg(directory, name).arg(step).arg(QLatin1String(what));
    wizard.grab().save(path);
    std::printf("%s\n", qPrintable(path));
    std::fflush(stdout);
}

// Each step in turn, a moment apart so the window has drawn it.
void runTour(QApplication &app, SymptomWizard &wizard, const QString &name, const QString &directory)
{
    auto *sampler = new Sampler;
    auto *ticks = new QTimer(&wizard);
    QObject::connect(ticks, &QTimer::timeout, &wizard, [&wizard, sampler] {
        if (auto snapshot = sampler->sample({}))
            wizard.showSnapshot(snapshot.value());
    });
    ticks->start(1000);
    wizard.resize(960, 760);
    const auto later = [&wizard](int ms, std::function<void()> step) { QTimer::singleShot(ms, &wizard, std::move(step)); };
    QObject::connect(&wizard, &SymptomWizard::measured, &wizard, [&, later] {
        later(500, [&, later] {
            shoot(wizard, directory, name, 1, "measure");
            if (!wizard.diagnosis() || !wizard.diagnosis()->affected) {
                app.exit(1);
                return;
            }
            wizard.next();
            later(500, [&, later] {
                shoot(wizard, directory, name, 2, "plan");
                wizard.next();
                later(500, [&] {
                    shoot(wizard, directory, name, 3, "review");
                    wizard.next();
                });
            });
        });
    });
    QObject::connect(&wizard, &SymptomWizard::applyStateChanged, &wizard, [&, later](SymptomWizard::ApplyState state) {
        if (state == SymptomWizard::ApplyState::Pending) {
            later(3000, [&] {
                shoot(wizard, directory, name, 4, "apply");
                wizard.keep();
            });
        } else if (state == SymptomWizard::ApplyState::Kept) {
            later(500, [&, later] {
                wizard.next();
                later(8000, [&] {
                    shoot(wizard, directory, name, 5, "verify");
                    app.exit(0);
                });
            });
        } else if (state == SymptomWizard::ApplyState::Failed || state == SymptomWizard::ApplyState::Reverted) {
            std::fprintf(stderr, "%s\n", qPrintable(wizard.applyStatusLabel()->text()));
            app.exit(1);
        }
    });
    wizard.show();
}

} // namespace

int main(int argc, char **argv)
{
    const bool tour = argc >= 6 && argc % 2 == 0 && std::strcmp(argv[4], "--tour") == 0;
    if (!tour)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4 && !tour) {
        std::fprintf(stderr, "usage: symptomwizarddriver SYMPTOM HELPER SYSCTL_D_DIRECTORY [--tour DIRECTORY "
                             "[--fake-host DELAY_MS] [--bandwidth MBIT] [--target HOST]]\n");
        return 2;
    }
    QHash<QString, QString> options;
    for (qsizetype i = 6; i + 1 < args.size(); i += 2)
        options.insert(args.at(i), args.at(i + 1));
    for (const QString &option : options.keys()) {
        if (option != QLatin1String("--fake-host") && option != QLatin1String("--bandwidth")
            && option != QLatin1String("--target")) {
            std::fprintf(stderr, "unknown option %s\n", qPrintable(option));
            return 2;
        }
    }
    const auto symptom = symptomFromName(args.at(1));
    if (!symptom) {
        std::fprintf(stderr, "unknown symptom %s\n", qPrintable(args.at(1)));
        return 2;
    }
    TuningEnvironment environment;
    environment.helperPath = args.at(2);
    environment.sysctlDDirectory = args.at(3);
    SymptomWizard wizard(*symptom, environment);
    wizard.setSource(SymptomWizard::liveSource(1000));
    wizard.setCountdownSeconds(60);
    Test::FakeHost host;
    if (options.contains(QStringLiteral("--fake-host"))) {
        Test::FakeHost::Config config;
        config.delayMs = options.value(QStringLiteral("--fake-host")).toDouble();
        if (auto started = host.start(config); !started) {
            std::fprintf(stderr, "fake host: %s\n", qPrintable(started.error()));
            return 1;
        }
    }
    for (const auto &[option, field] : {std::pair{"--bandwidth", "bandwidthEdit"}, std::pair{"--target", "targetEdit"}}) {
        if (!options.contains(QLatin1String(option)))
            continue;
        auto *edit = wizard.inputBox()->findChild<QLineEdit *>(QLatin1String(field));
        if (!edit) {
            std::fprintf(stderr, "%s: this wizard asks for no such input\n", option);
            return 2;
        }
        edit->setText(options.value(QLatin1String(option)));
    }
    if (wizard.idleTimeoutEdit()) {
        // What the keepalive wizard needs from the user: a NAT that forgets after 4 minutes.
        SymptomInputs inputs;
        inputs.idleTimeoutSeconds = 240;
        wizard.setInputs(inputs);
        wizard.idleTimeoutEdit()->setText(QStringLiteral("4 min"));
    }
    if (tour) {
        runTour(app, wizard, args.at(1), args.at(5));
        return app.exec();
    }
    QObject::connect(&wizard, &SymptomWizard::measured, &wizard, [&] {
        if (!wizard.diagnosis() || !wizard.diagnosis()->affected) {
            std::fprintf(stderr, "not affected: %s\n", qPrintable(wizard.measureError()));
            app.exit(1);
            return;
        }
        wizard.next(); // Plan
        wizard.next(); // Review
        wizard.next(); // Apply
    });
    QObject::connect(&wizard, &SymptomWizard::applyStateChanged, &wizard, [&](SymptomWizard::ApplyState state) {
        if (state == SymptomWizard::ApplyState::Pending) {
            std::fputs("pending\n", stdout);
            std::fflush(stdout);
        } else if (state == SymptomWizard::ApplyState::Failed) {
            std::fprintf(stderr, "failed: %s\n", qPrintable(wizard.applyStatusLabel()->text()));
            app.exit(1);
        }
    });
    wizard.show(); // the Measure page measures when it is shown
    return app.exec();
}
