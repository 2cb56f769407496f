// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "base/result.h"
#include "capture/observation.h"

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
// report to the GUI thread as a value. A live analysis reads every socket owner's /proc
// entries and waits 3 s between its two takes: never on the GUI thread.
class AnalysisRunner final : public QObject
{
    Q_OBJECT
public:
    // Where observations come from; called on the worker thread. WAIT sleeps the given
    // milliseconds and returns false when the runner is being destroyed (give up then).
    using Source = std::function<Result<Observation>(const std::function<bool(int ms)> &wait)>;

    // The live machine, captured as 'sockpit-cli recommend' captures it: two takes
    // INTERVAL_MS apart.
    static Source liveSource(int intervalMs = 3000);
    // A tree laid out like /proc (observation.h): a fixture or a copied tree.
    static Source treeSource(const QString &directory);

    explicit AnalysisRunner(Source source, QObject *parent = nullptr);
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

public Q_SLOTS:
    // Starts an analysis unless one is under way.
    void analyseNow();
    // One analysis after DELAY (at most the interval), to confirm what the last one saw.
    void analyseSoon(std::chrono::milliseconds delay);

Q_SIGNALS:
    void runningChanged(bool running);
    void reportReady(const Sockpit::AnalysisReport &report);
    void failed(const QString &message);

private:
    void onReport(const Sockpit::AnalysisReport &report);
    void onFailure(const QString &message);

    class Worker;
    Source m_source;
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
