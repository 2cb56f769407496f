// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analysisrunner.h"

#include "capture/capturebundle.h"
#include "sampling/procroot.h"

#include <QDeadlineTimer>
#include <QLocale>
#include <QTimer>

#include <algorithm>
#include <cerrno>

namespace Sockpit {

// Lives on the worker thread; its signals reach the runner queued, the report by value.
class AnalysisRunner::Worker final : public QObject
{
    Q_OBJECT
public:
    Worker(Source source, std::shared_ptr<std::atomic_bool> stopping)
        : m_source(std::move(source))
        , m_stopping(std::move(stopping))
    {
    }

    void run(const AnalysisOptions &options)
    {
        const auto wait = [stopping = m_stopping](int ms) {
            // Short slices, so closing the window waits at most one of them.
            QDeadlineTimer deadline(ms);
            while (!deadline.hasExpired()) {
                if (stopping->load())
                    return false;
                QThread::msleep(static_cast<unsigned long>(std::clamp<qint64>(deadline.remainingTime(), 0, 50)));
            }
            return !stopping->load();
        };
        auto observation = m_source(wait);
        if (m_stopping->load())
            return;
        if (!observation) {
            Q_EMIT failed(observation.error());
            return;
        }
        Q_EMIT analysed(analyse(observation.value(), options));
    }

Q_SIGNALS:
    void analysed(const Sockpit::AnalysisReport &report);
    void failed(const QString &message);

private:
    Source m_source;
    std::shared_ptr<std::atomic_bool> m_stopping;
};

AnalysisRunner::Source AnalysisRunner::snapshotSource(std::shared_ptr<LiveTakes> takes, MachineReaders readers,
                                                      int timeoutMs)
{
    return [takes = std::move(takes), readers = std::move(readers), timeoutMs](const std::function<bool(int)> &wait)
               -> Result<Observation> {
        // A later take that arrives from now on shows the machine as it is, with the
        // owners the analysis asked for.
        const quint64 since = takes->serial();
        QDeadlineTimer deadline(timeoutMs);
        std::optional<LiveTakes::Pair> pair;
        while (!(pair = takes->pair(since)) && !deadline.hasExpired()) {
            if (!wait(50))
                return Error{QStringLiteral("the analysis was abandoned"), ECANCELED};
        }
        if (!pair)
            pair = takes->pair();
        if (!pair)
            return Error{tr("No two samples of every socket %1 s apart to analyse: resume sampling, or take two "
                            "samples with Sample Now.")
                             .arg(QLocale().toString(double(takes->minimumGapMs()) / 1000.0))};
        return observeTakes(pair->earlier, pair->later, readers);
    };
}

AnalysisRunner::Source AnalysisRunner::liveSource(int intervalMs)
{
    return [intervalMs](const std::function<bool(int)> &wait) {
        CaptureOptions options;
        options.intervalMs = intervalMs;
        options.wait = wait;
        return observeLive(options);
    };
}

AnalysisRunner::Source AnalysisRunner::treeSource(const QString &directory)
{
    return [directory](const std::function<bool(int)> &) -> Result<Observation> {
        auto root = ProcRoot::locate(directory);
        if (!root)
            return Error{root.error()};
        return observeTree(root.value());
    };
}

AnalysisRunner::AnalysisRunner(QObject *parent)
    : AnalysisRunner(Source(), parent)
{
}

AnalysisRunner::AnalysisRunner(Source source, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
{
    if (!m_source) {
        m_takes = std::make_shared<LiveTakes>();
        m_source = snapshotSource(m_takes);
    }
    qRegisterMetaType<Sockpit::AnalysisReport>();
    qRegisterMetaType<Sockpit::SampleNeed>();
    m_thread.setObjectName(QStringLiteral("analysis"));
    m_worker = new Worker(m_source, m_stopping);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::analysed, this, &AnalysisRunner::onReport, Qt::QueuedConnection);
    connect(m_worker, &Worker::failed, this, &AnalysisRunner::onFailure, Qt::QueuedConnection);
    m_thread.start(QThread::LowPriority);

    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &AnalysisRunner::analyseNow);
    m_soon = new QTimer(this);
    m_soon->setSingleShot(true);
    connect(m_soon, &QTimer::timeout, this, &AnalysisRunner::analyseNow);
    setInterval(m_interval);
}

AnalysisRunner::~AnalysisRunner()
{
    // The capture gives up at its next wait slice; reading /proc once more is bounded.
    m_stopping->store(true);
    m_thread.quit();
    m_thread.wait();
}

void AnalysisRunner::setInterval(std::chrono::seconds interval)
{
    m_interval = std::max(interval, std::chrono::seconds(1));
    m_timer->setInterval(std::chrono::milliseconds(m_interval));
}

void AnalysisRunner::start()
{
    m_timer->start();
    analyseNow();
}

void AnalysisRunner::stop()
{
    m_timer->stop();
    m_soon->stop();
}

bool AnalysisRunner::isActive() const
{
    return m_timer->isActive();
}

void AnalysisRunner::analyseNow()
{
    if (m_running)
        return;
    m_soon->stop();
    setRunning(true);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, options = m_options] { worker->run(options); },
                              Qt::QueuedConnection);
}

void AnalysisRunner::analyseSoon(std::chrono::milliseconds delay)
{
    if (m_soon->isActive() || m_running)
        return;
    m_soon->start(std::min<std::chrono::milliseconds>(delay, m_interval));
}

void AnalysisRunner::addSnapshot(const Snapshot &snapshot)
{
    if (m_takes)
        m_takes->add(snapshot);
}

SampleNeed AnalysisRunner::sampleNeed() const
{
    return m_takes && m_running ? LiveTakes::need() : SampleNeed::summary();
}

void AnalysisRunner::setRunning(bool running)
{
    m_running = running;
    Q_EMIT runningChanged(running);
    if (m_takes)
        Q_EMIT sampleNeedChanged(sampleNeed());
}

void AnalysisRunner::onReport(const AnalysisReport &report)
{
    setRunning(false);
    Q_EMIT reportReady(report);
}

void AnalysisRunner::onFailure(const QString &message)
{
    setRunning(false);
    Q_EMIT failed(message);
}

} // namespace Sockpit

#include "analysisrunner.moc"
