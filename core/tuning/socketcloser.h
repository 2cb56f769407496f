// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperrequest.h"
#include "result.h"

namespace Sockpit {

// Closes one TCP connection of the current network namespace the way `ss -K` does:
// SOCK_DESTROY over NETLINK_SOCK_DIAG. The peer gets a reset and the owning process sees
// ECONNABORTED. Needs CAP_NET_ADMIN and a kernel built with CONFIG_INET_DIAG_DESTROY;
// without it the error says so. Error codes: EINVAL for an unusable address,
// ENOENT when no such connection exists, EOPNOTSUPP when the kernel cannot do it.
Result<void> destroyTcpSocket(const SocketTuple &socket);

} // namespace Sockpit
