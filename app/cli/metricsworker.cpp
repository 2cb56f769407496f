// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricsworker.h"

#include "recording/prometheusexport.h"

#include <QTimer>

#include <cstdio>

namespace Sockpit::Cli {

namespace {

// Each target is probed once a second; the figures cover the last minute.
constexpr int ProbeIntervalMs = 1000;
constexpr int ProbeWindow = 60;

} // namespace

MetricsWorker::MetricsWorker(FleetSettings settings, int intervalMs)
    : m_settings(std::move(settings))
    , m_intervalMs(intervalMs)
{
}

MetricsWorker::~MetricsWorker() = default;

void MetricsWorker::start()
{
    m_collector = std::make_unique<MetricsCollector>();
    if (!m_settings.targets.empty()) {
        ProberOptions options;
        options.intervalMs = ProbeIntervalMs;
        options.windowSize = ProbeWindow;
        int code = 0;
        QString error;
        m_prober = makeProber(m_settings, options, code, error);
        if (!m_prober) {
            Q_EMIT failed(code, error);
            return;
        }
        m_prober->start();
    }
    m_timer = new QTimer(this);
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &MetricsWorker::tick);
    m_timer->start();
    tick();
}

void MetricsWorker::tick()
{
    auto sample = m_collector->collect();
    if (!sample) {
        // The last exposition stays; the next tick tries again.
        std::fprintf(stderr, "sockpit-cli: sampling failed: %s\n", qUtf8Printable(sample.error()));
        return;
    }
    if (m_prober)
        sample.value().probes = probeFigures(*m_prober);
    Q_EMIT published(prometheusText(sample.value(), m_settings.metrics));
}

} // namespace Sockpit::Cli
