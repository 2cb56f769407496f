// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sampling/socketrecord.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace Sockpit {

// A socket dump as a capture keeps it, schema "sockpit.sockets/1": what sock_diag
// reported, including a LISTEN socket's backlog (wqueue), which /proc/net/tcp does not
// show. One object per socket: protocol, family, state, local, local_port, remote,
// remote_port, rqueue, wqueue, uid, inode.
QByteArray writeSocketDump(const std::vector<SocketRecord> &sockets);
Result<std::vector<SocketRecord>> readSocketDump(QByteArrayView json);

} // namespace Sockpit
