// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probetarget.h"

#include <QElapsedTimer>

#include <arpa/inet.h>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>

namespace Sockpit {

const char *probeKindName(ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Icmp: return "icmp";
    case ProbeKind::Tcp: return "tcp";
    case ProbeKind::Https: return "https";
    }
    return "unknown";
}

Result<HostPort> parseHostPort(const QString &text)
{
    HostPort parsed;
    QString portText;
    bool hasPort = false;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return Error{QStringLiteral("unbalanced '[' in an IPv6 address")};
        parsed.host = text.mid(1, close - 1);
        const QString after = text.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return Error{QStringLiteral("expected ':PORT' after ']'")};
            portText = after.mid(1);
            hasPort = true;
        }
    } else if (text.count(QLatin1Char(':')) == 1) {
        parsed.host = text.section(QLatin1Char(':'), 0, 0);
        portText = text.section(QLatin1Char(':'), 1);
        hasPort = true;
    } else {
        parsed.host = text; // a bare IPv6 address has several colons and no port
    }
    if (parsed.host.isEmpty())
        return Error{QStringLiteral("no host")};
    if (hasPort) {
        bool ok = false;
        const uint port = portText.toUInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return Error{QStringLiteral("bad port \"%1\", expected 1 to 65535").arg(portText)};
        parsed.port = static_cast<quint16>(port);
    }
    return parsed;
}

Result<ProbeTarget> parseProbeTarget(const QString &text)
{
    ProbeTarget target;
    target.text = text;
    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return Error{QStringLiteral("bad target \"%1\": expected icmp://HOST, tcp://HOST:PORT or https://HOST[:PORT][/PATH]").arg(text)};
    const QString scheme = text.left(schemeEnd).toLower();
    if (scheme == QLatin1String("icmp"))
        target.kind = ProbeKind::Icmp;
    else if (scheme == QLatin1String("tcp"))
        target.kind = ProbeKind::Tcp;
    else if (scheme == QLatin1String("https"))
        target.kind = ProbeKind::Https;
    else
        return Error{QStringLiteral("bad target \"%1\": unknown scheme \"%2\"; expected icmp, tcp or https").arg(text, scheme)};

    QString rest = text.mid(schemeEnd + 3);
    if (target.kind == ProbeKind::Https) {
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        target.path = slash < 0 ? QStringLiteral("/") : rest.mid(slash);
        if (slash >= 0)
            rest.truncate(slash);
    } else if (rest.contains(QLatin1Char('/'))) {
        return Error{QStringLiteral("bad target \"%1\": a path is only allowed for https").arg(text)};
    }

    auto hostPort = parseHostPort(rest);
    if (!hostPort)
        return Error{QStringLiteral("bad target \"%1\": %2").arg(text, hostPort.error())};
    target.host = hostPort->host;
    if (hostPort->port) {
        if (target.kind == ProbeKind::Icmp)
            return Error{QStringLiteral("bad target \"%1\": icmp targets take no port").arg(text)};
        target.port = *hostPort->port;
    } else if (target.kind == ProbeKind::Tcp) {
        return Error{QStringLiteral("bad target \"%1\": tcp targets need a port (tcp://HOST:PORT)").arg(text)};
    } else if (target.kind == ProbeKind::Https) {
        target.port = 443;
    }
    return target;
}

bool ProbeTarget::hostIsLiteral() const
{
    in6_addr scratch;
    const QByteArray name = host.toLatin1();
    return ::inet_pton(AF_INET, name.constData(), &scratch) == 1 || ::inet_pton(AF_INET6, name.constData(), &scratch) == 1;
}

QByteArray bearerAuthorization(const QByteArray &token)
{
    return "Bearer " + token;
}

QByteArray basicAuthorization(const QString &user, const QString &password)
{
    // RFC 7617: base64 of "user:password" in UTF-8.
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

QString resolverErrorText(int status)
{
    return QString::fromLocal8Bit(::gai_strerror(status));
}

Result<ResolvedAddress> resolveHost(const QString &host, quint16 port, int family)
{
    ResolvedAddress resolved;
    QElapsedTimer timer;
    timer.start();
    addrinfo hints{};
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    const QByteArray name = host.toUtf8();
    const int status = ::getaddrinfo(name.constData(), nullptr, &hints, &list);
    resolved.resolveMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (status != 0 || list == nullptr)
        return Error{QStringLiteral("cannot resolve \"%1\": %2").arg(host, resolverErrorText(status)), status};
    std::memcpy(&resolved.address, list->ai_addr, list->ai_addrlen);
    resolved.length = list->ai_addrlen;
    resolved.family = list->ai_family;
    ::freeaddrinfo(list);
    char buffer[INET6_ADDRSTRLEN] = {};
    if (resolved.family == AF_INET) {
        auto *v4 = reinterpret_cast<sockaddr_in *>(&resolved.address);
        v4->sin_port = htons(port);
        ::inet_ntop(AF_INET, &v4->sin_addr, buffer, sizeof buffer);
    } else {
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&resolved.address);
        v6->sin6_port = htons(port);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, buffer, sizeof buffer);
    }
    resolved.text = QString::fromLatin1(buffer);
    // A literal address costs nothing to "resolve": report it as such.
    in6_addr scratch;
    if (::inet_pton(AF_INET, name.constData(), &scratch) == 1 || ::inet_pton(AF_INET6, name.constData(), &scratch) == 1)
        resolved.resolveMs = 0;
    return resolved;
}

} // namespace Sockpit
