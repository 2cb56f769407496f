// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/socketfilterproxymodel.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <compare>
#include <limits>

namespace Sockpit {

namespace {

// Orders endpoints the way a reader scans them: IPv4 before IPv6, then address bytes,
// then port.
std::strong_ordering compareEndpoint(const SocketRecord &a, const SocketRecord &b, bool remote)
{
    if (auto order = a.family <=> b.family; order != 0)
        return order;
    const auto &addressA = remote ? a.remoteAddress : a.localAddress;
    const auto &addressB = remote ? b.remoteAddress : b.localAddress;
    if (auto order = addressA <=> addressB; order != 0)
        return order;
    return remote ? a.remotePort <=> b.remotePort : a.localPort <=> b.localPort;
}

bool sameSockets(const Snapshot &a, const Snapshot &b)
{
    // Snapshots share their data: the same socket vector means the same snapshot.
    return &a.sockets() == &b.sockets();
}

} // namespace

SocketFilterProxyModel::SocketFilterProxyModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
}

SocketFilterProxyModel::~SocketFilterProxyModel()
{
    if (m_thread) {
        // A job in progress sees the change and stops at its next step.
        m_latest->store(std::numeric_limits<quint64>::max());
        m_thread->quit();
        m_thread->wait();
        delete m_worker;
    }
}

void SocketFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    beginResetModel();
    if (m_sockets)
        disconnect(m_sockets, nullptr, this, nullptr);
    ++m_generation;
    m_latest->store(m_generation);
    m_preparing = false;
    m_target.reset();
    m_sockets = qobject_cast<SocketTableModel *>(model);
    QAbstractProxyModel::setSourceModel(m_sockets);
    if (m_sockets) {
        connect(m_sockets, &QAbstractItemModel::modelAboutToBeReset, this,
                &SocketFilterProxyModel::onSourceAboutToBeReset);
        connect(m_sockets, &QAbstractItemModel::modelReset, this, &SocketFilterProxyModel::onSourceReset);
        connect(m_sockets, &QAbstractItemModel::layoutAboutToBeChanged, this,
                &SocketFilterProxyModel::onSourceLayoutAboutToBeChanged);
        connect(m_sockets, &QAbstractItemModel::layoutChanged, this, &SocketFilterProxyModel::onSourceLayoutChanged);
    }
    auto [order, inverse] = takeOrder();
    m_order = std::move(order);
    m_inverse = std::move(inverse);
    endResetModel();
}

bool SocketFilterProxyModel::accepts(const Snapshot &snapshot, const SocketRecord &socket, const Filter &filter)
{
    if (filter.state && (socket.protocol != filter.state->protocol || socket.state != filter.state->state))
        return false;
    if (filter.search.isEmpty())
        return true;
    // Cells are formatted only here, one at a time, and only until one matches.
    static constexpr int searched[] = {
        SocketTableModel::LocalColumn,    SocketTableModel::RemoteColumn, SocketTableModel::StateColumn,
        SocketTableModel::ProcessColumn,  SocketTableModel::PidColumn,    SocketTableModel::ProtocolColumn,
        SocketTableModel::UidColumn,      SocketTableModel::InodeColumn,
    };
    return std::any_of(std::begin(searched), std::end(searched), [&](int column) {
        return SocketTableModel::cellText(snapshot, socket, column).contains(filter.search, Qt::CaseInsensitive);
    });
}

bool SocketFilterProxyModel::lessThan(const Snapshot &snapshot, const SocketRecord &a, const SocketRecord &b,
                                      int column)
{
    switch (column) {
    case SocketTableModel::ProtocolColumn:
        return a.protocol < b.protocol;
    case SocketTableModel::FamilyColumn:
        return a.family < b.family;
    case SocketTableModel::StateColumn:
        // Kernel numbering follows a connection's life (ESTABLISHED, SYN_SENT, ...,
        // TIME_WAIT, ..., LISTEN), which groups related states better than the alphabet.
        if (a.state != b.state)
            return a.state < b.state;
        return a.protocol < b.protocol;
    case SocketTableModel::LocalColumn:
        return compareEndpoint(a, b, false) < 0;
    case SocketTableModel::RemoteColumn:
        return compareEndpoint(a, b, true) < 0;
    case SocketTableModel::UidColumn:
        return a.uid < b.uid;
    case SocketTableModel::InodeColumn:
        return a.inode < b.inode;
    case SocketTableModel::PidColumn: {
        const ProcessInfo *pa = SocketTableModel::process(snapshot, a);
        const ProcessInfo *pb = SocketTableModel::process(snapshot, b);
        return (pa ? pa->pid : 0) < (pb ? pb->pid : 0);
    }
    case SocketTableModel::ProcessColumn: {
        // Named processes first (by name), then hidden owners, then kernel-held sockets.
        const ProcessInfo *pa = SocketTableModel::process(snapshot, a);
        const ProcessInfo *pb = SocketTableModel::process(snapshot, b);
        if (pa && pb)
            return pa->name.compare(pb->name, Qt::CaseInsensitive) < 0;
        if (pa || pb)
            return pa != nullptr;
        if (!snapshot.hasOwners())
            return false;
        return snapshot.owners().ownership(a) < snapshot.owners().ownership(b);
    }
    case SocketTableModel::RttColumn:
        // Sockets without tcp_info sort before any measured one.
        if (a.hasTcpInfo != b.hasTcpInfo)
            return !a.hasTcpInfo;
        return a.rttUs < b.rttUs;
    case SocketTableModel::RetransmitsColumn:
        return a.retransmits < b.retransmits;
    default:
        return false;
    }
}

std::vector<int> SocketFilterProxyModel::rowsInOrder(const Snapshot &snapshot, const Filter &filter)
{
    const std::vector<SocketRecord> &sockets = snapshot.sockets();
    std::vector<int> rows;
    rows.reserve(sockets.size());
    const bool everything = !filter.state && filter.search.isEmpty();
    for (size_t row = 0; row < sockets.size(); ++row)
        if (everything || accepts(snapshot, sockets[row], filter))
            rows.push_back(int(row));
    const int column = filter.sortColumn;
    if (column < 0 || column >= SocketTableModel::ColumnCount)
        return rows;
    // Stable, as a sorted view was before: equal rows keep the kernel's order.
    const auto less = [&](int a, int b) { return lessThan(snapshot, sockets[size_t(a)], sockets[size_t(b)], column); };
    if (filter.sortOrder == Qt::AscendingOrder)
        std::stable_sort(rows.begin(), rows.end(), less);
    else
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) { return less(b, a); });
    return rows;
}

std::vector<int> SocketFilterProxyModel::inverseOf(const std::vector<int> &order, size_t rows)
{
    std::vector<int> inverse(rows, -1);
    for (size_t row = 0; row < order.size(); ++row)
        inverse[size_t(order[row])] = int(row);
    return inverse;
}

SocketFilterProxyModel::Prepared SocketFilterProxyModel::prepare(const Request &job,
                                                                 const std::atomic<quint64> *latest)
{
    QElapsedTimer timer;
    timer.start();
    Prepared out;
    out.generation = job.generation;
    out.base = job.base;
    out.update = SocketTableModel::diff(job.base, job.baseKeys, job.target);
    if (latest && latest->load() != job.generation)
        return out; // stale: the GUI thread drops it unread
    out.order = rowsInOrder(job.target, job.filter);
    out.inverse = inverseOf(out.order, job.target.sockets().size());
    out.workerMs = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

bool SocketFilterProxyModel::useWorker(size_t rows) const
{
    return m_sockets && rows > size_t(std::max(0, m_workerThreshold));
}

SocketFilterProxyModel::Request SocketFilterProxyModel::currentRequest() const
{
    Request request;
    request.generation = m_generation;
    if (m_sockets) {
        request.base = m_sockets->snapshot();
        request.baseKeys = m_sockets->keys();
    }
    request.target = m_target.value_or(request.base);
    request.filter = m_filter;
    return request;
}

void SocketFilterProxyModel::ensureWorker()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("socket table"));
    m_worker = new QObject;
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

void SocketFilterProxyModel::request(const Snapshot &target)
{
    m_target = target;
    ++m_generation;
    m_latest->store(m_generation);
    m_preparing = true;
    ensureWorker();
    const Request job = currentRequest();
    const std::shared_ptr<std::atomic<quint64>> latest = m_latest;
    // One worker thread: jobs run in order, and one made stale while it waited is skipped.
    QMetaObject::invokeMethod(
        m_worker,
        [this, job, latest] {
            if (latest->load() != job.generation) {
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        ++m_counters.dropped;
                        Q_EMIT prepared(false);
                    },
                    Qt::QueuedConnection);
                return;
            }
            auto result = std::make_shared<Prepared>(prepare(job, latest.get()));
            QMetaObject::invokeMethod(
                this, [this, result] { applyPrepared(std::move(*result)); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

bool SocketFilterProxyModel::applyPrepared(Prepared result)
{
    QElapsedTimer timer;
    timer.start();
    if (!m_sockets || result.generation != m_generation || !sameSockets(result.base, m_sockets->snapshot())
        || result.inverse.size() != result.update.snapshot.sockets().size()) {
        ++m_counters.dropped;
        Q_EMIT prepared(false);
        return false;
    }
    m_preparing = false;
    if (m_target && sameSockets(*m_target, result.update.snapshot))
        m_target.reset();
    m_counters.lastWorkerMs = result.workerMs;
    if (sameSockets(result.update.snapshot, m_sockets->snapshot())) {
        // A filter or sort change: the source keeps its rows (and learns their keys).
        m_sockets->apply(std::move(result.update));
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        remapAndSwap(std::move(result.order), std::move(result.inverse), nullptr);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    } else {
        m_incoming.emplace(std::move(result.order), std::move(result.inverse));
        m_sockets->apply(std::move(result.update));
        m_incoming.reset();
    }
    ++m_counters.applied;
    m_counters.lastApplyMs = double(timer.nsecsElapsed()) / 1e6;
    Q_EMIT prepared(true);
    return true;
}

void SocketFilterProxyModel::showSnapshot(const Snapshot &snapshot)
{
    if (!m_sockets)
        return;
    const size_t rows = std::max(snapshot.sockets().size(), size_t(m_sockets->rowCount()));
    if (!useWorker(rows)) {
        showSnapshotNow(snapshot);
        return;
    }
    if (m_sockets->rowCount() == 0 && !snapshot.sockets().empty()) {
        // Nothing shown, so nothing to keep: the rows show at once in the kernel's order
        // (building that order costs microseconds), or none while a filter is set, and
        // the worker's order replaces it.
        ++m_generation;
        m_latest->store(m_generation);
        const bool filtered = m_filter.state || !m_filter.search.isEmpty();
        std::vector<int> order;
        if (!filtered) {
            order.resize(snapshot.sockets().size());
            for (size_t row = 0; row < order.size(); ++row)
                order[row] = int(row);
        }
        std::vector<int> inverse = inverseOf(order, snapshot.sockets().size());
        SocketTableModel::Update update;
        update.snapshot = snapshot;
        update.stats.reset = true;
        update.stats.inserted = int(snapshot.sockets().size());
        m_preparing = false;
        m_target.reset();
        m_incoming.emplace(std::move(order), std::move(inverse));
        m_sockets->apply(std::move(update));
        m_incoming.reset();
        if (filtered || m_filter.sortColumn >= 0)
            request(snapshot);
        return;
    }
    request(snapshot);
}

void SocketFilterProxyModel::showSnapshotNow(const Snapshot &snapshot)
{
    if (!m_sockets)
        return;
    const bool wasPreparing = m_preparing;
    if (sameSockets(snapshot, m_sockets->snapshot())) {
        if (wasPreparing) // a filter or sort change was on its way: do it here instead
            relayoutNow();
        return;
    }
    ++m_generation;
    m_latest->store(m_generation);
    m_preparing = false;
    m_target.reset();
    m_sockets->setSnapshot(snapshot); // the source's signals bring the order along
}

void SocketFilterProxyModel::finishNow()
{
    if (!m_sockets || !m_preparing)
        return;
    if (m_target && !sameSockets(*m_target, m_sockets->snapshot()))
        showSnapshotNow(*m_target);
    else
        relayoutNow();
}

void SocketFilterProxyModel::filterChanged()
{
    if (!m_sockets)
        return;
    const size_t rows = std::max(m_target ? m_target->sockets().size() : 0, size_t(m_sockets->rowCount()));
    if (useWorker(rows))
        request(m_target.value_or(m_sockets->snapshot()));
    else if (m_target && !sameSockets(*m_target, m_sockets->snapshot()))
        showSnapshotNow(*m_target);
    else
        relayoutNow();
}

void SocketFilterProxyModel::relayoutNow()
{
    ++m_generation;
    m_latest->store(m_generation);
    m_preparing = false;
    m_target.reset();
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    auto [order, inverse] = takeOrder();
    remapAndSwap(std::move(order), std::move(inverse), nullptr);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void SocketFilterProxyModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter.search)
        return;
    m_filter.search = trimmed;
    filterChanged();
}

void SocketFilterProxyModel::setStateFilter(std::optional<StateKey> key)
{
    if (key == m_filter.state)
        return;
    m_filter.state = key;
    filterChanged();
}

void SocketFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= SocketTableModel::ColumnCount)
        column = -1;
    if (column == m_filter.sortColumn && order == m_filter.sortOrder)
        return;
    m_filter.sortColumn = column;
    m_filter.sortOrder = order;
    filterChanged();
}

std::pair<std::vector<int>, std::vector<int>> SocketFilterProxyModel::takeOrder()
{
    if (m_incoming) {
        auto taken = std::move(*m_incoming);
        m_incoming.reset();
        return taken;
    }
    if (!m_sockets)
        return {};
    const Snapshot &snapshot = m_sockets->snapshot();
    std::vector<int> order = rowsInOrder(snapshot, m_filter);
    std::vector<int> inverse = inverseOf(order, snapshot.sockets().size());
    return {std::move(order), std::move(inverse)};
}

void SocketFilterProxyModel::remapAndSwap(std::vector<int> order, std::vector<int> inverse,
                                          const std::vector<int> *rowMap)
{
    // Only the indexes the views hold (selection, current row) are moved: proxy row ->
    // source row -> that socket's row in the new snapshot -> its new proxy row.
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &old : before) {
        const size_t proxyRow = size_t(old.row());
        int source = proxyRow < m_order.size() ? m_order[proxyRow] : -1;
        if (source >= 0 && rowMap)
            source = size_t(source) < rowMap->size() ? (*rowMap)[size_t(source)] : -1;
        const int now = source >= 0 && size_t(source) < inverse.size() ? inverse[size_t(source)] : -1;
        after.append(now >= 0 ? createIndex(now, old.column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    m_order = std::move(order);
    m_inverse = std::move(inverse);
}

void SocketFilterProxyModel::onSourceAboutToBeReset()
{
    beginResetModel();
}

void SocketFilterProxyModel::onSourceReset()
{
    const bool ours = m_incoming.has_value();
    auto [order, inverse] = takeOrder();
    m_order = std::move(order);
    m_inverse = std::move(inverse);
    endResetModel();
    if (!ours && m_preparing) // somebody else changed the source: ask again from there
        request(m_target.value_or(m_sockets->snapshot()));
}

void SocketFilterProxyModel::onSourceLayoutAboutToBeChanged()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
}

void SocketFilterProxyModel::onSourceLayoutChanged()
{
    const bool ours = m_incoming.has_value();
    auto [order, inverse] = takeOrder();
    remapAndSwap(std::move(order), std::move(inverse), &m_sockets->lastRowMap());
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (!ours && m_preparing)
        request(m_target.value_or(m_sockets->snapshot()));
}

QModelIndex SocketFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_sockets || !proxyIndex.isValid() || proxyIndex.model() != this || size_t(proxyIndex.row()) >= m_order.size())
        return QModelIndex();
    return m_sockets->index(m_order[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex SocketFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_sockets || !sourceIndex.isValid() || sourceIndex.model() != m_sockets
        || size_t(sourceIndex.row()) >= m_inverse.size())
        return QModelIndex();
    const int row = m_inverse[size_t(sourceIndex.row())];
    return row >= 0 ? createIndex(row, sourceIndex.column()) : QModelIndex();
}

QModelIndex SocketFilterProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return QModelIndex();
    return createIndex(row, column);
}

QModelIndex SocketFilterProxyModel::parent(const QModelIndex &) const
{
    return QModelIndex();
}

int SocketFilterProxyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int SocketFilterProxyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_sockets ? 0 : SocketTableModel::ColumnCount;
}

bool SocketFilterProxyModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_order.empty();
}

QVariant SocketFilterProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && m_sockets)
        return m_sockets->headerData(section, orientation, role);
    return QAbstractItemModel::headerData(section, orientation, role);
}

} // namespace Sockpit
