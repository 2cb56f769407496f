// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/tuningreading.h"
#include "tuning/helperrequest.h"
#include "wizards/helperjob.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace Sockpit {

// Runs one apply in the helper's checkpoint mode on a worker thread: the helper applies
// the whole request, reports "pending-confirmation" (pending()), and keeps the change
// only if keep() is called before its deadline. revert(), the deadline, this object's
// destruction or the death of this process all end in the helper restoring every value
// by itself (stdin closed, or the caller gone), and it persists only once kept.
class CheckpointJob final : public QObject
{
    Q_OBJECT
public:
    explicit CheckpointJob(TuningEnvironment environment, QObject *parent = nullptr);
    // Answers "revert" when the helper still waits, so nothing unconfirmed stays.
    ~CheckpointJob() override;

    const TuningEnvironment &environment() const { return m_environment; }
    bool isRunning() const { return m_running; }
    // The helper applied and waits for keep() or revert().
    bool isPending() const { return m_pending; }

    // REQUEST must be an apply with confirmWithinSeconds > 0; false (and nothing starts)
    // otherwise or while a request runs.
    bool start(const HelperRequest &request, const QStringList &readBackKeys);
    void keep();
    void revert();

Q_SIGNALS:
    // The helper applied and waits: its report (keys, confirm_within).
    void pending(const QJsonObject &report);
    void finished(const Sockpit::HelperOutcome &outcome);

private:
    struct Shared;
    void answer(bool keep);

    TuningEnvironment m_environment;
    std::shared_ptr<Shared> m_shared;
    bool m_running = false;
    bool m_pending = false;
};

} // namespace Sockpit
