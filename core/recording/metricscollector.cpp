// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/metricscollector.h"

#include "capture/observation.h"
#include "sampling/sampler.h"

#include <unistd.h>

namespace Sockpit {

namespace {

QString trimmed(const ProcRoot &root, QStringView file)
{
    auto text = root.read(file);
    return text ? QString::fromUtf8(text.value()).trimmed() : QString();
}

} // namespace

MetricsCollector::MetricsCollector(ProcRoot root)
    : m_root(std::move(root))
    , m_sampler(std::make_unique<Sampler>(m_root))
{
}

MetricsCollector::~MetricsCollector() = default;

Result<MetricsSample> MetricsCollector::collect()
{
    SamplerOptions options;
    // The metrics use states, addresses and queues, never tcp_info: leaving it out halves
    // what the kernel sends per socket.
    options.tcpInfo = false;
    auto snapshot = m_sampler->sample(options);
    if (!snapshot)
        return Error{snapshot.error()};

    Observation observation;
    observation.kernelRelease = trimmed(m_root, u"sys/kernel/osrelease");
    observation.hostName = trimmed(m_root, u"sys/kernel/hostname");
    for (const QString &key : analysedSysctls()) {
        if (auto value = m_root.sysctl(key))
            observation.sysctls.insert(key, QString::fromUtf8(value.value()));
    }
    if (auto meminfo = m_root.read(u"meminfo"))
        observation.memory = parseMemInfo(meminfo.value());
    if (m_root.isLive()) {
        observation.pageSize = ::sysconf(_SC_PAGESIZE);
        observation.pageSizeKnown = observation.pageSize > 0;
    }
    observation.later = snapshot.value();
    if (!m_previous.isNull() && snapshot->monotonicMs() > m_previous.monotonicMs()) {
        observation.earlier = m_previous;
        observation.intervalSeconds = double(snapshot->monotonicMs() - m_previous.monotonicMs()) / 1000.0;
    }

    MetricsSample sample;
    sample.snapshot = snapshot.value();
    sample.destinations = portPressure(observation);
    sample.acceptQueues = acceptQueues(observation);
    for (const Finding &finding : analyse(observation, AnalysisOptions()).findings)
        ++sample.findings[size_t(finding.severity)];
    m_previous = std::move(snapshot).value();
    return sample;
}

} // namespace Sockpit
