// SPDX-License-Identifier: GPL-3.0-or-later
// A tuning wizard in a process of its own, for tst_symptomwizard to kill while the
// helper waits for Keep: it measures SYMPTOM live, goes through Plan and Review, applies
// in checkpoint mode with a 60 s countdown, prints "pending" once the helper applied, and
// then waits for nothing. Runs in its parent's network namespace.
//
//   symptomwizarddriver SYMPTOM HELPER SYSCTL_D_DIRECTORY

#include "wizards/symptomwizard.h"

#include <QApplication>
#include <QLabel>

#include <cstdio>

using namespace Sockpit;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: symptomwizarddriver SYMPTOM HELPER SYSCTL_D_DIRECTORY\n");
        return 2;
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
