// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "sampling/socketrecord.h"

#include <memory>
#include <vector>

struct mnl_socket;

namespace Sockpit {

struct DumpRequest
{
    Protocol protocol = Protocol::Tcp;
    Family family = Family::IPv4;
    quint32 states = AllStates; // filtered in the kernel, as ss does
    bool tcpInfo = false;       // INET_DIAG_INFO: rtt, rttvar, retransmits, cwnd
};

// NETLINK_SOCK_DIAG dumps (inet_diag_req_v2). One netlink socket, reused for every dump.
class SockDiag
{
public:
    // Fails with EPERM/EACCES/EPROTONOSUPPORT when netlink is refused (seccomp, old
    // kernels); callers fall back to /proc/net.
    static Result<std::unique_ptr<SockDiag>> open();
    ~SockDiag();

    // Appends the matching sockets to out. A dump the kernel marks NLM_F_DUMP_INTR (the
    // table changed under it) is discarded and retried. ENOENT or EOPNOTSUPP in the error
    // code means the kernel has no diag module for this protocol (udp_diag not loaded).
    Result<void> dump(const DumpRequest &request, std::vector<SocketRecord> &out);

    // Dumps the kernel marked inconsistent and that were walked again.
    int interruptedDumps() const { return m_interrupted; }
    // True when even the last attempt was inconsistent and was kept as it was.
    bool lastDumpInconsistent() const { return m_lastDumpInconsistent; }

private:
    SockDiag() = default;
    Result<void> dumpOnce(const DumpRequest &request, std::vector<SocketRecord> &out);

    struct Closer
    {
        void operator()(mnl_socket *socket) const;
    };
    std::unique_ptr<mnl_socket, Closer> m_socket;
    std::unique_ptr<char[]> m_buffer;
    unsigned m_sequence = 0;
    int m_interrupted = 0;
    bool m_lastDumpInconsistent = false;
};

} // namespace Sockpit
