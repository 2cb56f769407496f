// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "probes/probetarget.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Sockpit {

// Resolves names without blocking the calling thread: getaddrinfo() runs on a small
// thread pool of its own, and each answer comes back as a queued call on the thread of
// the context object. A slow or dead DNS server therefore holds up one lookup, never the
// prober's thread and its schedule.
class HostResolver final
{
public:
    using Callback = std::function<void(const Result<ResolvedAddress> &)>;

    explicit HostResolver(QObject *context);
    // Answers still in flight are dropped, never delivered to a destroyed context.
    ~HostResolver();
    HostResolver(const HostResolver &) = delete;
    HostResolver &operator=(const HostResolver &) = delete;

    // family: AF_UNSPEC, AF_INET or AF_INET6.
    void lookup(const QString &host, quint16 port, int family, Callback done);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace Sockpit
