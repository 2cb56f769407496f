// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/tickpreparer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

namespace Sockpit {

TickPreparer::TickPreparer(const QString &name, QObject *parent)
    : QObject(parent)
    , m_name(name)
{
}

TickPreparer::~TickPreparer()
{
    if (m_thread) {
        // Jobs still queued run to the end (they hold what they read); their results,
        // posted to this object, go with it.
        m_thread->quit();
        m_thread->wait();
        delete m_worker;
    }
}

void TickPreparer::post(size_t sockets, Job job)
{
    const quint64 sequence = ++m_posted;
    if (m_pending == 0 && sockets <= size_t(std::max(0, m_workerThreshold))) {
        ++m_counters.onCaller;
        Apply apply = job();
        if (apply)
            apply();
        Q_EMIT prepared();
        return;
    }
    if (!m_thread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(m_name);
        m_worker = new QObject;
        m_worker->moveToThread(m_thread);
        m_thread->start();
    }
    ++m_pending;
    ++m_counters.onWorker;
    QMetaObject::invokeMethod(
        m_worker,
        [this, sequence, job = std::move(job)] {
            QElapsedTimer timer;
            timer.start();
            Apply apply = job();
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            QMetaObject::invokeMethod(
                this, [this, sequence, apply = std::move(apply), ms] { land(sequence, apply, ms); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void TickPreparer::land(quint64 sequence, Apply apply, double workerMs)
{
    --m_pending;
    m_counters.lastWorkerMs = workerMs;
    if (sequence != m_posted) {
        ++m_counters.dropped;
        return;
    }
    if (apply)
        apply();
    Q_EMIT prepared();
}

void TickPreparer::finishNow()
{
    if (m_pending == 0)
        return;
    // The thread runs its jobs in order: an empty one queued behind them returns after
    // the last, whose result is then waiting for this object.
    QMetaObject::invokeMethod(m_worker, [] {}, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

} // namespace Sockpit
