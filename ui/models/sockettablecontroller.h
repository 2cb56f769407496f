// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/socketfilter.h"
#include "models/socketrows.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace Sockpit {

// Owns what the Sockets table shows and the worker that prepares it. A new snapshot, a new
// filter or a new sort becomes a job that matches the snapshot with the rows shown, filters,
// sorts and maps every shown row to its new place; the result (SocketRows::Update) goes out
// through rowsChanged(), which a model only presents. Data runs one way: page -> controller
// -> model -> view; nothing is read back from the model.
//
// For a table above workerThreshold() sockets the job runs on the controller's thread and
// the GUI thread only hands the result on; every request bumps a generation, and a result
// prepared for an older one is dropped. Below the threshold the same job runs on the
// calling thread: it costs less than the hop, and the table follows each call at once.
class SocketTableController final : public QObject
{
    Q_OBJECT
public:
    // At 5,000 rows matching, filtering and sorting take about 2 ms in a release build.
    static constexpr int DefaultWorkerThreshold = 5000;

    // Everything a job needs, copied (snapshots and rows are shared, not copied).
    struct Request
    {
        quint64 generation = 0;
        std::shared_ptr<const SocketRows> base; // what the table shows now
        Snapshot target; // what it should show; base's snapshot itself for a filter or sort change
        SocketFilter filter;
    };

    struct Prepared
    {
        quint64 generation = 0;
        std::shared_ptr<const SocketRows> base; // the rows the job started from
        SocketRows::Update update;
        double workerMs = 0;
    };

    explicit SocketTableController(QObject *parent = nullptr);
    ~SocketTableController() override;

    // The job, on any thread. With latest, it stops early (and its result is stale) once a
    // newer generation has been asked for.
    static Prepared prepare(const Request &job, const std::atomic<quint64> *latest = nullptr);

    // The rows handed out last: what a model fed by rowsChanged() shows.
    const SocketRows &rows() const { return *m_shown; }

    // Case-insensitive substring of the protocol, state, endpoints, uid, inode, pid or
    // process name; empty shows everything.
    void setSearchText(const QString &text);
    QString searchText() const { return m_filter.search; }
    void setStateFilter(std::optional<StateKey> key);
    std::optional<StateKey> stateFilter() const { return m_filter.state; }
    // A column out of range (-1) is the kernel's order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder);
    int sortColumn() const { return m_filter.sortColumn; }
    Qt::SortOrder sortOrder() const { return m_filter.sortOrder; }
    // The filter and sort being shown, or being prepared.
    const SocketFilter &filter() const { return m_filter; }

    // Shows this snapshot, prepared on the worker when the table is large. A first snapshot
    // into an empty table shows at once in the kernel's order (or empty while a filter is
    // set) and its sorted, filtered order follows.
    void showSnapshot(const Snapshot &snapshot);
    // The same, always on the calling thread (before an export reads the table).
    void showSnapshotNow(const Snapshot &snapshot);
    // Lands what the worker is preparing (snapshot, filter, sort) on the calling thread.
    void finishNow();

    void setWorkerThreshold(int rows) { m_workerThreshold = rows; }
    int workerThreshold() const { return m_workerThreshold; }
    // The request the next worker job would carry (for tests: prepare() it by hand).
    Request currentRequest() const;
    // Hands a prepared result out; false (and nothing changes) when it is stale: prepared
    // for an older generation or from rows no longer shown.
    bool applyPrepared(Prepared prepared);
    bool isPreparing() const { return m_preparing; }
    quint64 generation() const { return m_generation; }

    struct Counters
    {
        int applied = 0; // worker results handed out
        int dropped = 0; // stale results thrown away, on either thread
        double lastWorkerMs = 0;
        double lastApplyMs = 0; // GUI thread, applyPrepared() including the model's swap
    };
    Counters counters() const { return m_counters; }

Q_SIGNALS:
    // New rows to show. Connected directly: a receiver must take them before it returns.
    void rowsChanged(const Sockpit::SocketRows::Update &update);
    // A worker result was handed out (or dropped as stale).
    void prepared(bool applied);

private:
    void filterChanged();
    void relayoutNow();
    void request(const Snapshot &target);
    void ensureWorker();
    void hand(SocketRows::Update update);
    void bump();
    bool useWorker(size_t rows) const;

    std::shared_ptr<const SocketRows> m_shown;
    SocketFilter m_filter;
    int m_workerThreshold = DefaultWorkerThreshold;
    quint64 m_generation = 0;
    // Read by the worker to skip or abandon a job that a newer request made stale.
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::optional<Snapshot> m_target; // the newest snapshot asked for, until it is shown
    bool m_preparing = false;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr;
    Counters m_counters;
};

} // namespace Sockpit
