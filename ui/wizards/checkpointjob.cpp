// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/checkpointjob.h"

#include "tuning/applyclient.h"
#include "tuning/sysctltree.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace Sockpit {

// What the worker and the GUI thread share: the user's answer, given once.
struct CheckpointJob::Shared
{
    enum class Answer { None, Keep, Revert };
    std::mutex mutex;
    std::condition_variable changed;
    Answer answer = Answer::None;
};

CheckpointJob::CheckpointJob(TuningEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
{
}

CheckpointJob::~CheckpointJob()
{
    if (m_running)
        answer(false);
}

bool CheckpointJob::start(const HelperRequest &request, const QStringList &readBackKeys)
{
    if (m_running || request.action != HelperAction::Apply || request.confirmWithinSeconds <= 0)
        return false;
    m_running = true;
    m_pending = false;
    m_shared = std::make_shared<Shared>();
    auto outcome = std::make_shared<HelperOutcome>();
    QPointer<CheckpointJob> self(this);
    QThread *thread = QThread::create([outcome, shared = m_shared, environment = m_environment, request,
                                       readBackKeys, self] {
        if (!QFileInfo(environment.helperPath).isExecutable()) {
            outcome->error = environment.helperPath;
            outcome->errorCode = HelperJob::NotInstalled;
            return;
        }
        const auto confirm = [&](const QJsonObject &report) {
            // Tell the GUI thread, then wait for its answer: a little longer than the
            // helper's own deadline, after which the helper has restored anyway.
            QMetaObject::invokeMethod(
                qApp, [self, report] {
                    if (self) {
                        self->m_pending = true;
                        Q_EMIT self->pending(report);
                    }
                },
                Qt::QueuedConnection);
            std::unique_lock lock(shared->mutex);
            shared->changed.wait_for(lock, std::chrono::seconds(request.confirmWithinSeconds + 5),
                                     [&] { return shared->answer != Shared::Answer::None; });
            return shared->answer == Shared::Answer::Keep;
        };
        auto reply = ApplyClient(environment.helperPath).run(request, confirm);
        if (!reply) {
            outcome->error = reply.error();
            outcome->errorCode = reply.errorCode();
            return;
        }
        outcome->reply = std::move(reply).value();
        const SysctlTree tree(environment.sysctlRoot);
        for (const QString &key : readBackKeys) {
            auto value = tree.read(key);
            outcome->readBack.push_back({key, value ? value.value() : QString(), value.error()});
        }
    });
    // As in HelperJob: the connection is queued and dropped once this object is gone.
    connect(thread, &QThread::finished, this, [this, outcome] {
        m_running = false;
        m_pending = false;
        Q_EMIT finished(*outcome);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    return true;
}

void CheckpointJob::keep()
{
    answer(true);
}

void CheckpointJob::revert()
{
    answer(false);
}

void CheckpointJob::answer(bool keep)
{
    if (!m_shared)
        return;
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_shared->answer != Shared::Answer::None)
            return;
        m_shared->answer = keep ? Shared::Answer::Keep : Shared::Answer::Revert;
    }
    m_shared->changed.notify_all();
    m_pending = false;
}

} // namespace Sockpit
