// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QByteArrayView>

namespace Sockpit::ModelTest {

// Checks every answer and signal of model against QAbstractItemModel's rules for as long
// as the model lives (the tester is its child). Fatal: a broken rule stops the test at the
// change that broke it, with the rule in the message. Watching a model twice is a no-op.
inline void watch(QAbstractItemModel *model)
{
    static constexpr char watched[] = "sockpitModelTester";
    if (!model || model->property(watched).toBool())
        return;
    model->setProperty(watched, true);
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::Fatal, model);
}

// Every model of Sockpit's own under root (a page, the window), so what the test feeds the
// widgets is checked on the models they show.
inline void watchAll(QObject *root)
{
    for (QAbstractItemModel *model : root->findChildren<QAbstractItemModel *>())
        if (QByteArrayView(model->metaObject()->className()).startsWith("Sockpit::"))
            watch(model);
}

} // namespace Sockpit::ModelTest
