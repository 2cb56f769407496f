// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/sampler.h"
#include "sampling/snapshot.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <chrono>

namespace Sockpit {

class SamplerWorker;

// Runs a Sampler on its own thread and hands every snapshot to whoever listens, through
// queued signals. The GUI thread never touches the kernel.
class SampleHub : public QObject
{
    Q_OBJECT
public:
    explicit SampleHub(ProcRoot root = ProcRoot(), QObject *parent = nullptr);
    ~SampleHub() override;

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }
    void setOptions(const SamplerOptions &options);
    SamplerOptions options() const { return m_options; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Asks for one snapshot now, whether running or not.
    void sampleNow();

    Snapshot latest() const { return m_latest; }

Q_SIGNALS:
    void snapshotReady(const Sockpit::Snapshot &snapshot);
    void samplingFailed(const QString &message);
    void runningChanged(bool running);

private:
    void onSnapshot(const Sockpit::Snapshot &snapshot);

    QThread m_thread;
    QPointer<SamplerWorker> m_worker;
    std::chrono::milliseconds m_interval{1000};
    SamplerOptions m_options;
    Snapshot m_latest;
    bool m_running = false;
};

} // namespace Sockpit
