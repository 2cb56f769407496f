// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/helperrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <sys/socket.h>

namespace Sockpit::HelperProtocol {

namespace {

Error refused(const QString &why)
{
    return Error{QStringLiteral("invalid request: %1").arg(why), EINVAL};
}

// QJsonDocument keeps the last of two members with the same name without a word. A
// request such as {"action":"history","action":"apply"} must not be read one way here and
// another way by whoever wrote it, so duplicates are looked for in the text itself. The
// text has already parsed as JSON, which keeps this scanner simple.
bool hasDuplicateMembers(const QByteArray &json)
{
    struct Frame
    {
        bool object = false;
        bool expectKey = false;
        QSet<QString> keys;
    };
    std::vector<Frame> stack;
    const qsizetype size = json.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = json.at(i);
        if (c == '{' || c == '[') {
            stack.push_back({c == '{', c == '{', {}});
        } else if (c == '}' || c == ']') {
            if (!stack.empty())
                stack.pop_back();
        } else if (c == ',') {
            if (!stack.empty() && stack.back().object)
                stack.back().expectKey = true;
        } else if (c == '"') {
            const qsizetype start = i;
            for (++i; i < size && json.at(i) != '"'; ++i) {
                if (json.at(i) == '\\')
                    ++i;
            }
            if (!stack.empty() && stack.back().object && stack.back().expectKey) {
                stack.back().expectKey = false;
                // Decode the escapes with the JSON parser itself: "\u0061" and "a" are one name.
                const QJsonDocument decoded = QJsonDocument::fromJson('[' + json.mid(start, i - start + 1) + ']');
                const QString key = decoded.array().at(0).toString();
                if (stack.back().keys.contains(key))
                    return true;
                stack.back().keys.insert(key);
            }
        }
    }
    return false;
}

Result<void> onlyMembers(const QJsonObject &object, std::initializer_list<const char *> allowed, const QString &where)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char *name : allowed)
            known = known || it.key() == QLatin1String(name);
        if (!known)
            return refused(QStringLiteral("unknown member %1 in %2").arg(quoted(it.key()), where));
    }
    return {};
}

Result<QString> stringMember(const QJsonObject &object, const char *name, const QString &where)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (!value.isString())
        return refused(QStringLiteral("%1 needs \"%2\" as a string").arg(where, QLatin1String(name)));
    return value.toString();
}

// JSON numbers are doubles: accept only exact integers in [minimum, maximum].
Result<qint64> integerMember(const QJsonObject &object, const char *name, qint64 minimum, qint64 maximum)
{
    const QJsonValue value = object.value(QLatin1String(name));
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::isnan(number) || number != std::floor(number) || number < double(minimum)
        || number > double(maximum))
        return refused(QStringLiteral("\"%1\" must be an integer from %2 to %3").arg(QLatin1String(name)).arg(minimum).arg(maximum));
    return qint64(number);
}

Result<void> parseApply(const QJsonObject &object, HelperRequest &request)
{
    if (auto ok = onlyMembers(object, {"schema", "action", "changes", "persist", "confirm_within", "acknowledge"},
                              QStringLiteral("apply"));
        !ok)
        return ok;
    const QJsonValue changes = object.value(QLatin1String("changes"));
    if (!changes.isArray())
        return refused(QStringLiteral("apply needs \"changes\" as an array of {\"key\", \"value\"}"));
    const QJsonArray list = changes.toArray();
    if (list.isEmpty())
        return refused(QStringLiteral("\"changes\" is empty"));
    if (list.size() > maximumChanges())
        return refused(QStringLiteral("%1 changes; at most %2").arg(list.size()).arg(maximumChanges()));
    for (const QJsonValue &item : list) {
        if (!item.isObject())
            return refused(QStringLiteral("each change must be an object {\"key\", \"value\"}"));
        const QJsonObject change = item.toObject();
        if (auto ok = onlyMembers(change, {"key", "value"}, QStringLiteral("a change")); !ok)
            return ok;
        auto key = stringMember(change, "key", QStringLiteral("a change"));
        if (!key)
            return Error{key.error(), EINVAL};
        auto value = stringMember(change, "value", QStringLiteral("a change"));
        if (!value)
            return Error{value.error(), EINVAL};
        request.changes.emplace_back(key.value(), value.value());
    }
    if (object.contains(QLatin1String("persist"))) {
        if (!object.value(QLatin1String("persist")).isBool())
            return refused(QStringLiteral("\"persist\" must be true or false"));
        request.persist = object.value(QLatin1String("persist")).toBool();
    }
    // The keys whose consequence the person was shown and accepted (validator.h says which).
    if (object.contains(QLatin1String("acknowledge"))) {
        const QJsonValue acknowledge = object.value(QLatin1String("acknowledge"));
        if (!acknowledge.isArray() || acknowledge.toArray().size() > maximumChanges())
            return refused(QStringLiteral("\"acknowledge\" must be an array of at most %1 keys").arg(maximumChanges()));
        for (const QJsonValue &key : acknowledge.toArray()) {
            if (!key.isString())
                return refused(QStringLiteral("\"acknowledge\" must list keys as strings"));
            if (auto known = validateKey(key.toString()); !known)
                return Error{known.error(), EINVAL};
            request.acknowledged << key.toString();
        }
    }
    if (object.contains(QLatin1String("confirm_within"))) {
        auto seconds = integerMember(object, "confirm_within", 1, MaximumConfirmSeconds);
        if (!seconds)
            return Error{seconds.error(), EINVAL};
        request.confirmWithinSeconds = int(seconds.value());
    }
    return {};
}

Result<void> parseUndo(const QJsonObject &object, HelperRequest &request)
{
    if (auto ok = onlyMembers(object, {"schema", "action", "transaction"}, QStringLiteral("undo")); !ok)
        return ok;
    if (object.contains(QLatin1String("transaction"))) {
        auto id = integerMember(object, "transaction", 1, qint64(1) << 40);
        if (!id)
            return Error{id.error(), EINVAL};
        request.transaction = id.value();
    }
    return {};
}

Result<void> parseCloseSocket(const QJsonObject &object, HelperRequest &request)
{
    if (auto ok = onlyMembers(object, {"schema", "action", "socket"}, QStringLiteral("close-socket")); !ok)
        return ok;
    if (!object.value(QLatin1String("socket")).isObject())
        return refused(QStringLiteral("close-socket needs \"socket\" with local, local_port, remote, remote_port"));
    const QJsonObject socket = object.value(QLatin1String("socket")).toObject();
    if (auto ok = onlyMembers(socket, {"local", "local_port", "remote", "remote_port", "cookie", "interface"},
                              QStringLiteral("socket"));
        !ok)
        return ok;
    auto local = stringMember(socket, "local", QStringLiteral("socket"));
    auto remote = stringMember(socket, "remote", QStringLiteral("socket"));
    auto localPort = integerMember(socket, "local_port", 1, 65535);
    auto remotePort = integerMember(socket, "remote_port", 1, 65535);
    if (!local)
        return Error{local.error(), EINVAL};
    if (!remote)
        return Error{remote.error(), EINVAL};
    if (!localPort)
        return Error{localPort.error(), EINVAL};
    if (!remotePort)
        return Error{remotePort.error(), EINVAL};
    for (const QString *address : {&local.value(), &remote.value()}) {
        if (address->isEmpty() || address->size() > 45)
            return refused(QStringLiteral("address %1 is not an IPv4 or IPv6 address").arg(quoted(*address)));
        for (QChar c : *address) {
            if (!(c.isDigit() || c == QLatin1Char('.') || c == QLatin1Char(':')
                  || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'))))
                return refused(QStringLiteral("address %1 is not an IPv4 or IPv6 address").arg(quoted(*address)));
        }
    }
    SocketTuple tuple{local.value(), quint16(localPort.value()), remote.value(), quint16(remotePort.value()), {}, 0};
    // A 64-bit cookie does not survive a JSON number (a double), so it travels as decimal text.
    if (socket.contains(QLatin1String("cookie"))) {
        auto text = stringMember(socket, "cookie", QStringLiteral("socket"));
        if (!text)
            return Error{text.error(), EINVAL};
        bool ok = false;
        const quint64 cookie = text->toULongLong(&ok, 10);
        if (!ok || text->isEmpty() || text->size() > 20
            || std::any_of(text->begin(), text->end(), [](QChar c) { return c < QLatin1Char('0') || c > QLatin1Char('9'); }))
            return refused(QStringLiteral("\"cookie\" must be a socket cookie in decimal, not %1").arg(quoted(*text)));
        tuple.cookie = cookie;
    }
    if (socket.contains(QLatin1String("interface"))) {
        auto index = integerMember(socket, "interface", 0, 0x7fffffff);
        if (!index)
            return Error{index.error(), EINVAL};
        tuple.interfaceIndex = quint32(index.value());
    }
    if (auto ok = checkSocketTuple(tuple); !ok)
        return ok;
    request.socket = tuple;
    return {};
}

} // namespace

Result<void> checkSocketTuple(const SocketTuple &socket)
{
    auto family = [](const QString &text, quint8 (&bytes)[16]) {
        const QByteArray latin = text.toLatin1();
        if (::inet_pton(AF_INET, latin.constData(), bytes) == 1)
            return AF_INET;
        if (::inet_pton(AF_INET6, latin.constData(), bytes) == 1)
            return AF_INET6;
        return AF_UNSPEC;
    };
    // 0.0.0.0 in the first four bytes, :: in all sixteen, ::ffff:0.0.0.0 as v4-mapped zero.
    auto unspecified = [](int addressFamily, const quint8 (&bytes)[16]) {
        static constexpr quint8 zero[16] = {};
        static constexpr quint8 mappedZero[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};
        if (addressFamily == AF_INET)
            return std::memcmp(bytes, zero, 4) == 0;
        return std::memcmp(bytes, zero, 16) == 0 || std::memcmp(bytes, mappedZero, 16) == 0;
    };
    quint8 local[16] = {}, remote[16] = {};
    const int localFamily = family(socket.localAddress, local);
    const int remoteFamily = family(socket.remoteAddress, remote);
    if (localFamily == AF_UNSPEC || remoteFamily == AF_UNSPEC || localFamily != remoteFamily)
        return refused(QStringLiteral("%1 and %2 are not two addresses of one family")
                           .arg(quoted(socket.localAddress), quoted(socket.remoteAddress)));
    for (const auto &[address, bytes] : {std::pair{&socket.localAddress, &local}, std::pair{&socket.remoteAddress, &remote}}) {
        if (unspecified(localFamily, *bytes))
            return refused(QStringLiteral("%1 is the unspecified address: it names no one connection").arg(quoted(*address)));
    }
    if (socket.localPort == 0 || socket.remotePort == 0)
        return refused(QStringLiteral("port 0 names no one connection"));
    if (socket.cookie && (*socket.cookie == 0 || *socket.cookie == ~quint64(0)))
        return refused(QStringLiteral("cookie %1 names no socket").arg(*socket.cookie));
    return {};
}

QString actionName(HelperAction action)
{
    switch (action) {
    case HelperAction::Apply: return QStringLiteral("apply");
    case HelperAction::Undo: return QStringLiteral("undo");
    case HelperAction::CloseSocket: return QStringLiteral("close-socket");
    case HelperAction::History: return QStringLiteral("history");
    }
    return {};
}

std::optional<HelperAction> actionFromName(QStringView name)
{
    for (HelperAction action : {HelperAction::Apply, HelperAction::Undo, HelperAction::CloseSocket, HelperAction::History}) {
        if (name == actionName(action))
            return action;
    }
    return std::nullopt;
}

Result<HelperRequest> parseRequest(const QByteArray &bytes)
{
    if (bytes.size() > MaximumRequestSize)
        return refused(QStringLiteral("larger than %1 bytes").arg(MaximumRequestSize));
    if (bytes.contains('\0'))
        return refused(QStringLiteral("it contains a NUL byte"));
    if (QString::fromUtf8(bytes).toUtf8() != bytes)
        return refused(QStringLiteral("not valid UTF-8"));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return refused(QStringLiteral("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return refused(QStringLiteral("the request must be a JSON object"));
    if (hasDuplicateMembers(bytes))
        return refused(QStringLiteral("a member appears twice in one object"));
    const QJsonObject object = document.object();
    if (object.value(QLatin1String("schema")).toString() != QLatin1String(RequestSchema))
        return refused(QStringLiteral("\"schema\" must be \"%1\"").arg(QLatin1String(RequestSchema)));
    const auto action = actionFromName(object.value(QLatin1String("action")).toString());
    if (!action || !object.value(QLatin1String("action")).isString())
        return refused(QStringLiteral("\"action\" must be one of apply, undo, close-socket, history"));

    HelperRequest request;
    request.action = *action;
    Result<void> parsed;
    switch (*action) {
    case HelperAction::Apply: parsed = parseApply(object, request); break;
    case HelperAction::Undo: parsed = parseUndo(object, request); break;
    case HelperAction::CloseSocket: parsed = parseCloseSocket(object, request); break;
    case HelperAction::History:
        parsed = onlyMembers(object, {"schema", "action"}, QStringLiteral("history"));
        break;
    }
    if (!parsed)
        return Error{parsed.error(), EINVAL};
    return request;
}

QByteArray serializeRequest(const HelperRequest &request)
{
    QJsonObject object{{QStringLiteral("schema"), QLatin1String(RequestSchema)},
                       {QStringLiteral("action"), actionName(request.action)}};
    switch (request.action) {
    case HelperAction::Apply: {
        QJsonArray changes;
        for (const auto &[key, value] : request.changes)
            changes.append(QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("value"), value}});
        object.insert(QStringLiteral("changes"), changes);
        object.insert(QStringLiteral("persist"), request.persist);
        if (request.confirmWithinSeconds > 0)
            object.insert(QStringLiteral("confirm_within"), request.confirmWithinSeconds);
        if (!request.acknowledged.isEmpty())
            object.insert(QStringLiteral("acknowledge"), QJsonArray::fromStringList(request.acknowledged));
        break;
    }
    case HelperAction::Undo:
        if (request.transaction)
            object.insert(QStringLiteral("transaction"), double(*request.transaction));
        break;
    case HelperAction::CloseSocket:
    {
        QJsonObject socket{{QStringLiteral("local"), request.socket.localAddress},
                           {QStringLiteral("local_port"), request.socket.localPort},
                           {QStringLiteral("remote"), request.socket.remoteAddress},
                           {QStringLiteral("remote_port"), request.socket.remotePort}};
        if (request.socket.cookie)
            socket.insert(QStringLiteral("cookie"), QString::number(*request.socket.cookie));
        if (request.socket.interfaceIndex)
            socket.insert(QStringLiteral("interface"), double(request.socket.interfaceIndex));
        object.insert(QStringLiteral("socket"), socket);
        break;
    }
    case HelperAction::History:
        break;
    }
    // One line: the helper reads the request up to the first newline.
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace Sockpit::HelperProtocol
