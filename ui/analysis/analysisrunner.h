// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "base/result.h"
#include "capture/livetakes.h"
#include "capture/observation.h"
#include "sampling/sampleneed.h"

#include <QMetaType>
#include <QObject>
#include <QThread>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

class QTimer;

namespace Sockpit {

// Runs the analysis on a worker thread, now and then every interval, and hands each
// report to the GUI thread as a value. A live analysis builds its observation from the
// snapshots the window has (addSnapshot()) and reads the sysctls, meminfo and the kernel
// log: never on the GUI thread, and it neither samples nor writes a file.
class AnalysisRunner final : public QObject
{
    Q_OBJECT
public:
    // Where observations come from; called on the worker thread. WAIT sleeps the given
    // milliseconds and returns false when the runner is being destroyed (give up then).
    using Source = std::function<Result<Observation>(const std::function<bool(int ms)> &wait)>;

    // The live machine from snapshots already taken: waits (up to TIMEOUT_MS) for a take
    // of every socket with owners that arrives after the analysis began and one at least
    // TAKES' gap before it, then reads the rest with READERS. Without a fresh pair by then
    // (sampling paused) it analyses the latest pair it has, or says why it cannot.
    static Source snapshotSource(std::shared_ptr<LiveTakes> takes, MachineReaders readers = {}, int timeoutMs = 20000);
    // The live machine, captured into a temporary tree as 'sockpit-cli recommend' does:
    // a second sampler, two takes INTERVAL_MS apart.
    static Source liveSource(int intervalMs = 3000);
    // A tree laid out like /proc (observation.h): a fixture or a copied tree.
    static Source treeSource(const QString &directory);

    explicit AnalysisRunner(Source source, QObject *parent = nullptr);
    // Analyses the snapshots given to addSnapshot() (snapshotSource()).
    explicit AnalysisRunner(QObject *parent = nullptr);
    ~AnalysisRunner() override;

    void setInterval(std::chrono::seconds interval);
    std::chrono::seconds interval() const { return m_interval; }
    void setProfile(Profile profile) { m_options.profile = profile; }
    Profile profile() const { return m_options.profile; }

    // Analyses now, then every interval.
    void start();
    void stop();
    bool isActive() const;
    // An analysis is under way on the worker thread.
    bool isRunning() const { return m_running; }
    // What the analysis needs ticks to hold while it runs (sampleneed.h); summary when idle.
    SampleNeed sampleNeed() const;
    // The takes a snapshot source reads; nullptr for another source.
    std::shared_ptr<LiveTakes> takes() const { return m_takes; }

public Q_SLOTS:
    // Starts an analysis unless one is under way.
    void analyseNow();
    // One analysis after DELAY (at most the interval), to confirm what the last one saw.
    void analyseSoon(std::chrono::milliseconds delay);
    // A snapshot the window shows; kept for the analysis if it dumped every socket.
    void addSnapshot(const Sockpit::Snapshot &snapshot);

Q_SIGNALS:
    void runningChanged(bool running);
    // The need of sampleNeed() changed: every socket with owners while an analysis of
    // snapshots runs, nothing beyond the summary otherwise.
    void sampleNeedChanged(const Sockpit::SampleNeed &need);
    void reportReady(const Sockpit::AnalysisReport &report);
    void failed(const QString &message);

private:
    void onReport(const Sockpit::AnalysisReport &report);
    void onFailure(const QString &message);

    class Worker;
    void setRunning(bool running);

    Source m_source;
    std::shared_ptr<LiveTakes> m_takes;
    AnalysisOptions m_options;
    std::chrono::seconds m_interval{30};
    QThread m_thread;
    Worker *m_worker = nullptr;
    QTimer *m_timer = nullptr;
    QTimer *m_soon = nullptr;
    std::shared_ptr<std::atomic_bool> m_stopping = std::make_shared<std::atomic_bool>(false);
    bool m_running = false;
};

} // namespace Sockpit

Q_DECLARE_METATYPE(Sockpit::AnalysisReport)
