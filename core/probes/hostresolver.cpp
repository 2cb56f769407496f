// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/hostresolver.h"

#include <QThreadPool>

#include <mutex>

namespace Sockpit {

namespace {

// A pool of its own: lookups stuck on an unreachable DNS server must not starve the
// global pool other code shares. Four lookups at once cover many named targets resolved
// once per round each; more only queue.
QThreadPool *lookupPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(4);
        p->setExpiryTimeout(30000);
        return p;
    }();
    return pool;
}

} // namespace

struct HostResolver::Shared
{
    std::mutex mutex;
    QObject *context = nullptr; // null once the resolver is gone
};

HostResolver::HostResolver(QObject *context) : m_shared(std::make_shared<Shared>())
{
    m_shared->context = context;
}

HostResolver::~HostResolver()
{
    std::lock_guard lock(m_shared->mutex);
    m_shared->context = nullptr;
}

void HostResolver::lookup(const QString &host, quint16 port, int family, Callback done)
{
    lookupPool()->start([shared = m_shared, host, port, family, done = std::move(done)]() mutable {
        Result<ResolvedAddress> result = resolveHost(host, port, family);
        // Posted under the lock: once the destructor has cleared the context nothing
        // more is posted, and what was posted before dies with the context's queue.
        std::lock_guard lock(shared->mutex);
        if (shared->context)
            QMetaObject::invokeMethod(shared->context, [done = std::move(done), result = std::move(result)] { done(result); },
                                      Qt::QueuedConnection);
    });
}

} // namespace Sockpit
