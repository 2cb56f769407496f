// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "validator.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace Sockpit {

// What sockpit-helper is asked to do. The polkit action is chosen by the helper's first
// argument (org.freedesktop.policykit.exec.argv1), and the helper refuses a request whose
// action differs from it, so "authorized to apply" never runs close-socket.
enum class HelperAction { Apply, Undo, CloseSocket, History };

// The 4-tuple of one TCP connection for close-socket.
struct SocketTuple
{
    QString localAddress;
    quint16 localPort = 0;
    QString remoteAddress;
    quint16 remotePort = 0;
};

struct HelperRequest
{
    HelperAction action = HelperAction::Apply;
    std::vector<RequestedChange> changes; // apply
    bool persist = false;                 // apply
    int confirmWithinSeconds = 0;         // apply; 0: no checkpoint
    std::optional<qint64> transaction;    // undo; nullopt: the latest transaction still in force
    SocketTuple socket;                   // close-socket
};

namespace HelperProtocol {

inline constexpr char RequestSchema[] = "sockpit.helper-request/1";
inline constexpr char ResultSchema[] = "sockpit.helper-result/1";
// The helper reads at most this much; a larger request is refused unread.
inline constexpr qsizetype MaximumRequestSize = 64 * 1024;
// Checkpoint windows: long enough to look at the result, short enough that a lost
// connection comes back soon.
inline constexpr int MaximumConfirmSeconds = 3600;
// The line a caller sends on the helper's stdin to keep a checkpointed change.
inline constexpr char ConfirmLine[] = "confirm";

QString actionName(HelperAction action);
std::optional<HelperAction> actionFromName(QStringView name);

// Exit codes of sockpit-helper; the result's "status" says the same in words.
enum ExitCode : int {
    Done = 0,              // applied, undone, closed, or history printed
    FailedUnchanged = 1,   // failed before anything was written (not root, journal unusable)
    Refused = 2,           // invalid request: nothing was changed
    FailedRestored = 3,    // a write or its verification failed, or a checkpoint was not
                           // confirmed: every value written was restored
    RestoreIncomplete = 4, // failed, and restoring failed too: "keys" lists every key's state
};

// Parses and checks the shape of one request: size, UTF-8, JSON syntax, no duplicate
// members, known schema and action, no unknown members, types and ranges of the fields.
// It does not look at the kernel; values are validated separately with the catalogue.
Result<HelperRequest> parseRequest(const QByteArray &bytes);

QByteArray serializeRequest(const HelperRequest &request);

} // namespace HelperProtocol

} // namespace Sockpit
