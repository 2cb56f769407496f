// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetoptions.h"
#include "recording/metricscollector.h"

#include <QByteArray>
#include <QObject>

#include <memory>

class QTimer;

namespace Sockpit::Cli {

// 'serve's sampler. Lives on its own thread and samples on its own schedule, so a scrape
// is answered from the last exposition and never waits for a socket dump.
class MetricsWorker final : public QObject
{
    Q_OBJECT

public:
    MetricsWorker(FleetSettings settings, int intervalMs);
    ~MetricsWorker() override;

    // Call on the worker thread (connect it to QThread::started): the collector and the
    // prober, which touch the kernel, are made there.
    void start();

Q_SIGNALS:
    void published(const QByteArray &exposition);
    void failed(int exitCode, const QString &message);

private:
    void tick();

    FleetSettings m_settings;
    int m_intervalMs;
    std::unique_ptr<MetricsCollector> m_collector;
    std::unique_ptr<Prober> m_prober;
    QTimer *m_timer = nullptr;
};

} // namespace Sockpit::Cli
