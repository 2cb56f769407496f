// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sampling/socketrecord.h"

#include <QByteArrayView>

#include <vector>

namespace Sockpit {

struct ProcNetParseStats
{
    int parsed = 0;  // records appended (after the state filter)
    int skipped = 0; // malformed or truncated lines, left out
};

// Parses /proc/net/tcp, tcp6, udp or udp6 and appends the sockets whose state is in
// stateMask. A malformed line (a truncated last line, say) is skipped and counted; a
// text whose header is not the kernel's is an error.
Result<ProcNetParseStats> parseProcNet(QByteArrayView text, Protocol protocol, Family family,
                                       std::vector<SocketRecord> &out, quint32 stateMask = AllStates);

// The four socket tables of /proc/net, as paths below a proc root.
struct ProcNetTable
{
    Protocol protocol;
    Family family;
    const char16_t *file;
};
inline constexpr ProcNetTable ProcNetTables[] = {
    {Protocol::Tcp, Family::IPv4, u"net/tcp"},
    {Protocol::Tcp, Family::IPv6, u"net/tcp6"},
    {Protocol::Udp, Family::IPv4, u"net/udp"},
    {Protocol::Udp, Family::IPv6, u"net/udp6"},
};

} // namespace Sockpit
