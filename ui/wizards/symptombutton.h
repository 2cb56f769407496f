// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/symptomdiagnosis.h"

#include <QPushButton>

namespace Sockpit {

// "Fix a Problem…": a button with one menu entry per symptom, where the tuning wizards
// start from what the user sees rather than from a sysctl name.
class SymptomButton final : public QPushButton
{
    Q_OBJECT
public:
    explicit SymptomButton(QWidget *parent = nullptr);

Q_SIGNALS:
    void symptomChosen(Sockpit::Symptom symptom);
};

} // namespace Sockpit
