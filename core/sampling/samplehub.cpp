// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/samplehub.h"

#include <QTimer>

namespace Sockpit {

// Lives on the hub's thread; owns the Sampler so the kernel is only touched there.
class SamplerWorker : public QObject
{
    Q_OBJECT
public:
    explicit SamplerWorker(ProcRoot root) : m_sampler(std::move(root)) {}

    void configure(const SamplerOptions &options, std::chrono::milliseconds interval)
    {
        m_options = options;
        if (!m_timer) {
            m_timer = new QTimer(this);
            m_timer->setTimerType(Qt::PreciseTimer);
            connect(m_timer, &QTimer::timeout, this, &SamplerWorker::sampleOnce);
        }
        m_timer->setInterval(interval);
    }
    void start()
    {
        sampleOnce();
        m_timer->start();
    }
    void stop()
    {
        if (m_timer)
            m_timer->stop();
    }
    void sampleOnce()
    {
        auto snapshot = m_sampler.sample(m_options);
        if (snapshot)
            Q_EMIT sampled(snapshot.value());
        else
            Q_EMIT failed(snapshot.error());
    }

Q_SIGNALS:
    void sampled(const Sockpit::Snapshot &snapshot);
    void failed(const QString &message);

private:
    Sampler m_sampler;
    SamplerOptions m_options;
    QTimer *m_timer = nullptr;
};

SampleHub::SampleHub(ProcRoot root, QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Sockpit::Snapshot>();
    m_thread.setObjectName(QStringLiteral("sockpit-sampler"));
    auto *worker = new SamplerWorker(std::move(root));
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &SamplerWorker::sampled, this, &SampleHub::onSnapshot, Qt::QueuedConnection);
    connect(worker, &SamplerWorker::failed, this, &SampleHub::samplingFailed, Qt::QueuedConnection);
    m_worker = worker;
    m_thread.start();
    QMetaObject::invokeMethod(worker, [worker, options = m_options, interval = m_interval] {
        worker->configure(options, interval);
    });
}

SampleHub::~SampleHub()
{
    m_thread.quit();
    m_thread.wait();
}

void SampleHub::setInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
    sendConfiguration();
}

void SampleHub::setOptions(const SamplerOptions &options)
{
    m_options = options;
    sendConfiguration();
}

void SampleHub::need(const QObject *consumer, const SampleNeed &need)
{
    if (!consumer)
        return;
    const bool known = !m_demand.of(consumer).isSummary();
    const bool changed = m_demand.set(consumer, need);
    const bool listed = !m_demand.of(consumer).isSummary();
    // One connection per listed consumer: its destruction withdraws the need.
    if (listed && !known)
        connect(consumer, &QObject::destroyed, this, [this, consumer] { this->need(consumer, SampleNeed::summary()); });
    else if (!listed && known)
        disconnect(consumer, &QObject::destroyed, this, nullptr);
    if (changed || !m_demandDriven) {
        m_demandDriven = true;
        sendConfiguration();
    }
}

SamplerOptions SampleHub::effectiveOptions() const
{
    return m_demandDriven ? m_demand.united().options(m_options) : m_options;
}

void SampleHub::sendConfiguration()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, options = effectiveOptions(), interval = m_interval] {
        worker->configure(options, interval);
    });
}

void SampleHub::start()
{
    if (m_running)
        return;
    m_running = true;
    QMetaObject::invokeMethod(m_worker, &SamplerWorker::start);
    Q_EMIT runningChanged(true);
}

void SampleHub::stop()
{
    if (!m_running)
        return;
    m_running = false;
    QMetaObject::invokeMethod(m_worker, &SamplerWorker::stop);
    Q_EMIT runningChanged(false);
}

void SampleHub::sampleNow()
{
    QMetaObject::invokeMethod(m_worker, &SamplerWorker::sampleOnce);
}

void SampleHub::onSnapshot(const Snapshot &snapshot)
{
    m_latest = snapshot;
    Q_EMIT snapshotReady(snapshot);
}

} // namespace Sockpit

#include "samplehub.moc"
