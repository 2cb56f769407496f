// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/sampleneed.h"
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
//
// What a tick samples follows demand. Each consumer says once what it needs while it
// shows or computes something, with one call:
//     hub.need(this, SampleNeed::everySocket(/*tcpInfo*/ true, /*owners*/ true));
// and says so again when that changes (need(this, SampleNeed::summary()) or its
// destruction withdraws it). Ticks sample the union of the needs: with no need for
// sockets a tick reads only sockstat and the counters (O(1) in the table's size); a need
// for some states dumps those with the kernel's state filter; tcp_info and owners are
// asked only when a consumer wants them. Every snapshot says what it holds
// (Snapshot::held()), so a consumer can tell a tick that serves it from one that does
// not. Before the first need() the options of setOptions() apply as they are.
class SampleHub : public QObject
{
    Q_OBJECT
public:
    explicit SampleHub(ProcRoot root = ProcRoot(), QObject *parent = nullptr);
    ~SampleHub() override;

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }
    // The sampler's options; once any consumer has stated a need, states, tcp_info,
    // owners and summary-only come from the union of the needs instead.
    void setOptions(const SamplerOptions &options);
    SamplerOptions options() const { return m_options; }

    // Sets CONSUMER's need (replacing its last one); it lasts until the next call or the
    // consumer's destruction. The next tick samples the new union.
    void need(const QObject *consumer, const Sockpit::SampleNeed &need);
    Sockpit::SampleNeed unitedNeed() const { return m_demand.united(); }
    // The options the next tick samples with.
    SamplerOptions effectiveOptions() const;

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
    void sendConfiguration();

    QThread m_thread;
    QPointer<SamplerWorker> m_worker;
    std::chrono::milliseconds m_interval{1000};
    SamplerOptions m_options;
    SampleDemand m_demand;
    bool m_demandDriven = false;
    Snapshot m_latest;
    bool m_running = false;
};

} // namespace Sockpit
