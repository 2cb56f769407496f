// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/proberunner.h"

#include <memory>

namespace Sockpit {

ProbeRunner::ProbeRunner(ProberOptions options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_thread.setObjectName(QStringLiteral("sockpit-probes"));
    m_thread.start();
}

ProbeRunner::~ProbeRunner()
{
    stopCurrent(Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ProbeRunner::stopCurrent(Qt::ConnectionType connection)
{
    if (!m_prober)
        return;
    Prober *prober = m_prober;
    m_prober = nullptr;
    // Stopped and destroyed on its own thread, where its socket notifiers live.
    QMetaObject::invokeMethod(prober, [prober] {
        prober->stop();
        delete prober;
    }, connection);
}

void ProbeRunner::setTargets(const QList<ProbeTarget> &targets)
{
    stopCurrent(Qt::QueuedConnection);
    const int generation = ++m_generation;
    m_targets = targets;
    if (targets.isEmpty())
        return;
    auto *prober = new Prober(m_options);
    prober->moveToThread(&m_thread);
    m_prober = prober;
    // Everything below runs on the worker thread: getaddrinfo() may block for seconds.
    // Results come back as queued calls that a newer generation ignores. The runner
    // outlives the thread's work (its destructor waits for the thread), and calls queued
    // to it are discarded with it.
    ProbeRunner *self = this;
    QMetaObject::invokeMethod(prober, [self, prober, targets, generation] {
        auto texts = std::make_shared<std::vector<QString>>();
        for (const ProbeTarget &target : targets) {
            const Result<int> added = prober->addTarget(target);
            if (!added) {
                const QString error = added.error();
                QMetaObject::invokeMethod(self, [self, generation, text = target.text, error] {
                    if (self->m_generation == generation)
                        Q_EMIT self->targetFailed(text, error);
                }, Qt::QueuedConnection);
                continue;
            }
            texts->push_back(target.text);
            const QString address = prober->address(added.value()).text;
            const QString method = prober->icmpMethod(added.value());
            QMetaObject::invokeMethod(self, [self, generation, text = target.text, address, method] {
                if (self->m_generation == generation)
                    Q_EMIT self->targetOpened(text, address, method);
            }, Qt::QueuedConnection);
        }
        QObject::connect(prober, &Prober::sampleReady, prober, [self, generation, texts](int index, const ProbeSample &sample) {
            const QString text = texts->at(size_t(index));
            QMetaObject::invokeMethod(self, [self, generation, text, sample] {
                if (self->m_generation == generation)
                    Q_EMIT self->sampleReady(text, sample);
            }, Qt::QueuedConnection);
        });
        prober->start();
    }, Qt::QueuedConnection);
}

} // namespace Sockpit
