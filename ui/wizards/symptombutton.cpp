// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/symptombutton.h"

#include "wizards/symptomtext.h"

#include <QMenu>

namespace Sockpit {

SymptomButton::SymptomButton(QWidget *parent)
    : QPushButton(tr("&Fix a Problem…"), parent)
{
    setObjectName(QStringLiteral("symptomButton"));
    setToolTip(tr("Start from what hurts: measure it, plan a fix, apply it safely and verify it"));
    auto *menu = new QMenu(this);
    for (Symptom symptom : allSymptoms()) {
        QAction *action = menu->addAction(SymptomText::title(symptom));
        action->setObjectName(QString::fromLatin1(symptomName(symptom).data()));
        connect(action, &QAction::triggered, this, [this, symptom] { Q_EMIT symptomChosen(symptom); });
    }
    setMenu(menu);
}

} // namespace Sockpit
