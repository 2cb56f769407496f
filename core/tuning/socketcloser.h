// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "tuning/helperrequest.h"

namespace Sockpit {

// Closes one TCP connection of the current network namespace the way `ss -K` does:
// SOCK_DESTROY over NETLINK_SOCK_DIAG. The peer gets a reset and the owning process sees
// ECONNABORTED. Needs CAP_NET_ADMIN and a kernel built with CONFIG_INET_DIAG_DESTROY;
// without it the error says so.
//
// The kernel's lookup for both the exact query and SOCK_DESTROY (inet_diag_find_one_icsk,
// net/ipv4/inet_diag.c) is inet_lookup(): an established socket, and failing that the
// listener on the local port. A tuple that names no live connection would therefore
// destroy the server's listening socket. So the connection is first looked up with an
// exact SOCK_DIAG_BY_FAMILY request; the reply must be a connection (not LISTEN) whose
// both endpoints are the ones asked for, with the caller's cookie and interface when it
// gave them; then it is destroyed by the cookie that reply carried, which matches only
// that one socket (sock_diag_check_cookie, net/core/sock_diag.c).
//
// Returns the cookie of the socket destroyed. Error codes: EINVAL for an unusable
// tuple, ENOENT when no such connection exists (nothing was changed), EOPNOTSUPP when the
// kernel cannot do it.
Result<quint64> destroyTcpSocket(const SocketTuple &socket);

} // namespace Sockpit
