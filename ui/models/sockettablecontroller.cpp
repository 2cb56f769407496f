// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sockettablecontroller.h"

#include "models/socketcells.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <limits>

namespace Sockpit {

SocketTableController::SocketTableController(QObject *parent)
    : QObject(parent)
    , m_shown(std::make_shared<const SocketRows>())
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
}

SocketTableController::~SocketTableController()
{
    if (m_thread) {
        // A job in progress sees the change and stops at its next step.
        m_latest->store(std::numeric_limits<quint64>::max());
        m_thread->quit();
        m_thread->wait();
        delete m_worker;
    }
}

SocketTableController::Prepared SocketTableController::prepare(const Request &job, const std::atomic<quint64> *latest)
{
    QElapsedTimer timer;
    timer.start();
    Prepared out;
    out.generation = job.generation;
    out.base = job.base;
    const SocketRows empty;
    const SocketRows &base = job.base ? *job.base : empty;
    SocketRows::Match match = SocketRows::match(base.snapshot(), base.keys(), job.target);
    if (latest && latest->load() != job.generation)
        return out; // stale: the GUI thread drops it unread
    std::vector<int> order = SocketRows::order(job.target, job.filter);
    out.update.stats = match.stats;
    out.update.reset = match.stats.reset;
    if (!out.update.reset) {
        // Each shown row: its socket, that socket in the new snapshot, its new row.
        const std::vector<int> inverse = SocketRows::inverseOf(order, job.target.sockets().size());
        const std::vector<int> &shown = base.order();
        out.update.rowMap.resize(shown.size());
        for (size_t row = 0; row < shown.size(); ++row) {
            const int socket = match.rowMap[size_t(shown[row])];
            out.update.rowMap[row] = socket >= 0 ? inverse[size_t(socket)] : -1;
        }
    }
    out.update.rows = std::make_shared<const SocketRows>(job.target, std::move(match.keys), std::move(order));
    out.workerMs = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

bool SocketTableController::useWorker(size_t rows) const
{
    return rows > size_t(std::max(0, m_workerThreshold));
}

SocketTableController::Request SocketTableController::currentRequest() const
{
    Request request;
    request.generation = m_generation;
    request.base = m_shown;
    request.target = m_target.value_or(m_shown->snapshot());
    request.filter = m_filter;
    return request;
}

void SocketTableController::bump()
{
    ++m_generation;
    m_latest->store(m_generation);
}

void SocketTableController::ensureWorker()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("socket table"));
    m_worker = new QObject;
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

void SocketTableController::request(const Snapshot &target)
{
    m_target = target;
    bump();
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

void SocketTableController::hand(SocketRows::Update update)
{
    m_shown = update.rows;
    Q_EMIT rowsChanged(update);
}

bool SocketTableController::applyPrepared(Prepared result)
{
    QElapsedTimer timer;
    timer.start();
    if (result.generation != m_generation || result.base != m_shown || !result.update.rows) {
        ++m_counters.dropped;
        Q_EMIT prepared(false);
        return false;
    }
    m_preparing = false;
    if (m_target && result.update.rows->holds(*m_target))
        m_target.reset();
    m_counters.lastWorkerMs = result.workerMs;
    hand(std::move(result.update));
    // The rows replaced hold the last reference to the previous snapshot, its keys and its
    // order (megabytes at 100k sockets): they are freed on the worker, not between frames.
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [replaced = std::move(result.base)] {}, Qt::QueuedConnection);
    ++m_counters.applied;
    m_counters.lastApplyMs = double(timer.nsecsElapsed()) / 1e6;
    Q_EMIT prepared(true);
    return true;
}

void SocketTableController::showSnapshot(const Snapshot &snapshot)
{
    const size_t rows = std::max(snapshot.sockets().size(), m_shown->snapshot().sockets().size());
    if (!useWorker(rows)) {
        showSnapshotNow(snapshot);
        return;
    }
    if (m_shown->snapshot().sockets().empty() && !snapshot.sockets().empty()) {
        // Nothing shown, so nothing to keep: the rows show at once in the kernel's order
        // (building that order costs microseconds), or none while a filter is set, and
        // the worker's order replaces it.
        bump();
        const bool filtered = m_filter.state || !m_filter.search.isEmpty();
        std::vector<int> order;
        if (!filtered) {
            order.resize(snapshot.sockets().size());
            for (size_t row = 0; row < order.size(); ++row)
                order[row] = int(row);
        }
        SocketRows::Update update;
        update.rows = std::make_shared<const SocketRows>(snapshot, nullptr, std::move(order));
        update.stats.reset = true;
        update.stats.inserted = int(snapshot.sockets().size());
        update.reset = true;
        m_preparing = false;
        m_target.reset();
        hand(std::move(update));
        if (filtered || m_filter.sortColumn >= 0)
            request(snapshot);
        return;
    }
    request(snapshot);
}

void SocketTableController::showSnapshotNow(const Snapshot &snapshot)
{
    if (m_shown->holds(snapshot)) {
        if (m_preparing) // a filter or sort change was on its way: do it here instead
            relayoutNow();
        return;
    }
    bump();
    m_preparing = false;
    m_target.reset();
    hand(prepare({m_generation, m_shown, snapshot, m_filter}).update);
}

void SocketTableController::finishNow()
{
    if (!m_preparing)
        return;
    if (m_target && !m_shown->holds(*m_target))
        showSnapshotNow(*m_target);
    else
        relayoutNow();
}

void SocketTableController::filterChanged()
{
    const size_t rows = std::max(m_target ? m_target->sockets().size() : 0, m_shown->snapshot().sockets().size());
    if (useWorker(rows))
        request(m_target.value_or(m_shown->snapshot()));
    else if (m_target && !m_shown->holds(*m_target))
        showSnapshotNow(*m_target);
    else
        relayoutNow();
}

void SocketTableController::relayoutNow()
{
    bump();
    m_preparing = false;
    m_target.reset();
    hand(prepare({m_generation, m_shown, m_shown->snapshot(), m_filter}).update);
}

void SocketTableController::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter.search)
        return;
    m_filter.search = trimmed;
    filterChanged();
}

void SocketTableController::setStateFilter(std::optional<StateKey> key)
{
    if (key == m_filter.state)
        return;
    m_filter.state = key;
    filterChanged();
}

void SocketTableController::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= SocketCells::ColumnCount)
        column = -1;
    if (column == m_filter.sortColumn && order == m_filter.sortOrder)
        return;
    m_filter.sortColumn = column;
    m_filter.sortOrder = order;
    filterChanged();
}

} // namespace Sockpit
