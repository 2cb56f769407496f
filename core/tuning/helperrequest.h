// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "tuning/validator.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Sockpit {

// What sockpit-helper is asked to do. The polkit action is chosen by the helper's first
// argument (org.freedesktop.policykit.exec.argv1), and the helper refuses a request whose
// action differs from it, so "authorized to apply" never runs close-socket.
enum class HelperAction { Apply, Undo, CloseSocket, History };

// One TCP connection for close-socket: its 4-tuple, and what the caller's sock_diag dump
// said about it. The cookie (sock_gen_cookie, net/core/sock_diag.c) names one socket for
// its whole life, so a connection that closed and was replaced by another with the same
// tuple is not mistaken for it. The interface is idiag_if, the device a link-local
// connection is bound to; the kernel's lookup matches nothing bound to a device without it.
struct SocketTuple
{
    QString localAddress;
    quint16 localPort = 0;
    QString remoteAddress;
    quint16 remotePort = 0;
    std::optional<quint64> cookie; // nullopt: the caller's table came from /proc, which has none
    quint32 interfaceIndex = 0;    // 0: not bound to a device

    bool operator==(const SocketTuple &) const = default;
};

struct HelperRequest
{
    HelperAction action = HelperAction::Apply;
    std::vector<RequestedChange> changes; // apply
    bool persist = false;                 // apply
    int confirmWithinSeconds = 0;         // apply; 0: no checkpoint
    QStringList acknowledged;             // apply: keys whose consequence the caller accepts
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
// The line a caller sends on the helper's stdin to keep a checkpointed change, once it has
// read the pending report: "confirm TOKEN", TOKEN being the report's "confirm_token".
// Anything sent before the report, and any other line, keeps nothing.
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

// The close-socket target on its own: two addresses of one family (IPv4, or IPv6 including
// v4-mapped), neither of them unspecified (0.0.0.0, ::, ::ffff:0.0.0.0), both ports set,
// a cookie that is not the kernel's "no cookie" (INET_DIAG_NOCOOKIE in both halves) or 0,
// which sock_gen_cookie never hands out. A wildcard end names every connection or a
// listener, never the one a person picked. Pure: it does not look at the kernel.
Result<void> checkSocketTuple(const SocketTuple &socket);

// Parses and checks the shape of one request: size, UTF-8, JSON syntax, no duplicate
// members, known schema and action, no unknown members, types and ranges of the fields.
// It does not look at the kernel; values are validated separately with the catalogue.
Result<HelperRequest> parseRequest(const QByteArray &bytes);

QByteArray serializeRequest(const HelperRequest &request);

} // namespace HelperProtocol

} // namespace Sockpit
