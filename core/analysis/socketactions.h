// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/owners.h"
#include "sampling/socketrecord.h"
#include "tuning/helperrequest.h"

#include <optional>

namespace Sockpit {

// What a person may do to one socket of a snapshot, decided before anything is asked or
// sent, so a window offers only what will be carried out. Pure: it looks at the record and
// the caller's uid, never at the kernel.
class SocketActions
{
public:
    enum class CloseVerdict {
        Closable,
        NotTcp,             // UDP and the rest have no connection to reset
        NoConnection,       // LISTEN, TIME_WAIT, NEW_SYN_RECV, CLOSE: nothing SOCK_DESTROY takes
        UnusableEndpoints,  // the helper refuses the tuple (unspecified address, port 0)
    };

    struct CloseDecision
    {
        CloseVerdict verdict = CloseVerdict::NotTcp;
        SocketTuple tuple; // what the helper's close-socket is sent; set only when Closable
        bool allowed() const { return verdict == CloseVerdict::Closable; }
    };

    // Whether the helper's close-socket can close this connection: a TCP state with a
    // connection behind it, and a tuple the helper accepts (HelperProtocol::checkSocketTuple,
    // the same function the helper runs). The tuple carries the dump's cookie and device, so
    // the helper closes this very socket and no other.
    static CloseDecision close(const SocketRecord &socket);

    enum class TerminateVerdict {
        Allowed,
        NoProcess,  // no owner known: owners not sampled, hidden, or kernel-held
        NotYours,   // another user's process: kill(2) would refuse it (EPERM)
        NotAProcess // pid 0 or 1 or negative: kill(2) would signal a group, everything, or init
    };

    struct TerminateDecision
    {
        TerminateVerdict verdict = TerminateVerdict::NoProcess;
        int pid = 0;
        QString name;
        // SIGTERM: the process may close its connections and exit cleanly; never SIGKILL.
        int signal = 0;
        bool allowed() const { return verdict == TerminateVerdict::Allowed; }
    };

    // Whether the caller (callerUid, the real uid) may terminate the process owning a socket:
    // only its own processes, the rule kill(2) applies to an unprivileged caller, said before
    // trying. owner is null when no process is known.
    static TerminateDecision terminate(const ProcessInfo *owner, quint32 callerUid);
};

} // namespace Sockpit
