// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sockettablemodel.h"
#include "sampling/socketrecord.h"

#include <QAbstractProxyModel>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace Sockpit {

// One protocol and state, the unit the Sockets page filters by ("TCP TIME_WAIT").
struct StateKey
{
    Protocol protocol = Protocol::Tcp;
    SocketState state = SocketState::Unknown;
    friend bool operator==(const StateKey &, const StateKey &) = default;
};

// Sorts and filters a SocketTableModel. The visible order is a vector of source rows,
// computed from the records themselves (integer compares, not formatted cells), so it can
// be computed off the GUI thread: for a table above workerThreshold() rows, a new snapshot,
// a new filter or a new sort goes to a worker thread that matches the snapshot with the
// current one, filters and sorts, and the GUI thread only swaps the result in with one
// layout change, remapping the persistent indexes the views hold (selection, current row).
// Every request bumps a generation; a result prepared for an older one is dropped.
// Below the threshold the same work runs on the calling thread: it costs less than the
// hop, and the table follows each call at once.
class SocketFilterProxyModel final : public QAbstractProxyModel
{
    Q_OBJECT
public:
    // At 5,000 rows matching, filtering and sorting take about 2 ms in a release build.
    static constexpr int DefaultWorkerThreshold = 5000;

    struct Filter
    {
        QString search; // trimmed
        std::optional<StateKey> state;
        int sortColumn = -1; // -1: the kernel's order
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
    };

    // Everything the worker needs, copied (snapshots are shared, not copied).
    struct Request
    {
        quint64 generation = 0;
        Snapshot base; // what the model holds now
        std::shared_ptr<const SocketTableModel::Keys> baseKeys;
        Snapshot target; // what it should hold; base itself for a filter or sort change
        Filter filter;
    };

    struct Prepared
    {
        quint64 generation = 0;
        Snapshot base; // the model's snapshot the job started from
        SocketTableModel::Update update;
        std::vector<int> order;   // proxy row -> source row of update.snapshot
        std::vector<int> inverse; // source row -> proxy row, -1 when filtered out
        double workerMs = 0;
    };

    explicit SocketFilterProxyModel(QObject *parent = nullptr);
    ~SocketFilterProxyModel() override;

    // Pure and thread-safe: the rows of snapshot that pass the filter, in its sort order.
    static std::vector<int> rowsInOrder(const Snapshot &snapshot, const Filter &filter);
    static bool accepts(const Snapshot &snapshot, const SocketRecord &socket, const Filter &filter);
    static bool lessThan(const Snapshot &snapshot, const SocketRecord &a, const SocketRecord &b, int column);
    // The worker's whole job, on any thread. With latest, it stops early (and its result
    // is stale) once a newer generation has been asked for.
    static Prepared prepare(const Request &job, const std::atomic<quint64> *latest = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    SocketTableModel *sockets() const { return m_sockets; }

    // Case-insensitive substring of the protocol, state, endpoints, uid, inode, pid or
    // process name; empty shows everything.
    void setSearchText(const QString &text);
    QString searchText() const { return m_filter.search; }
    void setStateFilter(std::optional<StateKey> key);
    std::optional<StateKey> stateFilter() const { return m_filter.state; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_filter.sortColumn; }
    Qt::SortOrder sortOrder() const { return m_filter.sortOrder; }
    // The filter and sort being shown, or being prepared.
    const Filter &filter() const { return m_filter; }

    // Brings the source model to this snapshot, on the worker when the table is large. A
    // first snapshot into an empty table shows at once in the kernel's order (or empty
    // while a filter is set) and its sorted, filtered order follows.
    void showSnapshot(const Snapshot &snapshot);
    // The same, always on the calling thread (before an export reads the table).
    void showSnapshotNow(const Snapshot &snapshot);
    // Lands what the worker is preparing (snapshot, filter, sort) on the calling thread.
    void finishNow();

    void setWorkerThreshold(int rows) { m_workerThreshold = rows; }
    int workerThreshold() const { return m_workerThreshold; }
    // The request the next worker job would carry (for tests: prepare() it by hand).
    Request currentRequest() const;
    // Swaps a prepared result in; false (and nothing changes) when it is stale: prepared
    // for an older generation or for a model that has moved on since.
    bool applyPrepared(Prepared prepared);
    bool isPreparing() const { return m_preparing; }
    quint64 generation() const { return m_generation; }

    struct Counters
    {
        int applied = 0;  // worker results swapped in
        int dropped = 0;  // stale results thrown away, on either thread
        double lastWorkerMs = 0;
        double lastApplyMs = 0; // GUI thread, applyPrepared()
    };
    Counters counters() const { return m_counters; }

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // A worker result was swapped in (or dropped as stale).
    void prepared(bool applied);

private:
    void filterChanged();
    void relayoutNow();
    void request(const Snapshot &target);
    void ensureWorker();
    void remapAndSwap(std::vector<int> order, std::vector<int> inverse, const std::vector<int> *rowMap);
    void onSourceAboutToBeReset();
    void onSourceReset();
    void onSourceLayoutAboutToBeChanged();
    void onSourceLayoutChanged();
    std::pair<std::vector<int>, std::vector<int>> takeOrder();
    static std::vector<int> inverseOf(const std::vector<int> &order, size_t rows);
    bool useWorker(size_t rows) const;

    SocketTableModel *m_sockets = nullptr;
    Filter m_filter;
    std::vector<int> m_order;
    std::vector<int> m_inverse;
    // A prepared order handed to the source-signal handlers by applyPrepared().
    std::optional<std::pair<std::vector<int>, std::vector<int>>> m_incoming;

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
