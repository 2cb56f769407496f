// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace Sockpit {

// Runs a page's per-tick preparation (its sums, tallies, trends, rows and chart points)
// off the GUI thread and hands each result back, where the page only swaps it in: the
// Sockets table's controller does the same for its rows. A job returns what to apply; the
// GUI thread applies the newest result and drops one a newer job already replaced
// (every result is whole, never a step from the one before).
//
// Jobs run one at a time in the order they were posted, so a page's history (its trends,
// its colour hysteresis) belongs to the jobs: nothing else touches it while one may run
// (isPreparing()). A job over more than workerThreshold() sockets runs on the preparer's
// thread; a smaller one, while nothing is on its way, on the calling thread: it costs less
// than the hop, and the page follows each call at once.
class TickPreparer final : public QObject
{
    Q_OBJECT
public:
    // The Sockets table's threshold: below it the hop costs more than the work.
    static constexpr int DefaultWorkerThreshold = 5000;

    using Apply = std::function<void()>; // on the GUI thread
    using Job = std::function<Apply()>;  // on the preparer's thread or the calling one

    explicit TickPreparer(const QString &name, QObject *parent = nullptr);
    ~TickPreparer() override;

    // SOCKETS: how large the snapshot the job reads is, against the threshold.
    void post(size_t sockets, Job job);
    // Everything posted lands now: waits for the preparer's thread, then applies the
    // newest result on the calling thread (before a report or a page that comes into view
    // reads what the page shows).
    void finishNow();
    bool isPreparing() const { return m_pending > 0; }

    void setWorkerThreshold(int sockets) { m_workerThreshold = sockets; }
    int workerThreshold() const { return m_workerThreshold; }

    struct Counters
    {
        int onWorker = 0;  // jobs run on the preparer's thread
        int onCaller = 0;  // jobs run on the calling thread
        int dropped = 0;   // results a newer one replaced before they were applied
        double lastWorkerMs = 0;
    };
    Counters counters() const { return m_counters; }

Q_SIGNALS:
    // A result was applied (by the event loop or finishNow()).
    void prepared();

private:
    void land(quint64 sequence, Apply apply, double workerMs);

    QString m_name;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr;
    int m_workerThreshold = DefaultWorkerThreshold;
    quint64 m_posted = 0; // sequence of the newest job
    int m_pending = 0;    // jobs posted to the thread whose result has not landed
    Counters m_counters;
};

} // namespace Sockpit
