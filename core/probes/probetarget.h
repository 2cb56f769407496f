// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "probes/probestats.h"

#include <QList>
#include <QSslCertificate>
#include <QString>

#include <optional>

#include <sys/socket.h>

namespace Sockpit {

enum class ProbeKind : quint8 { Icmp, Tcp, Https };
const char *probeKindName(ProbeKind kind); // "icmp", "tcp", "https"

// What to probe, as the user wrote it: icmp://HOST, tcp://HOST:PORT,
// https://HOST[:PORT][/PATH]. HOST may be a name, an IPv4 address or a bracketed IPv6
// address.
struct ProbeTarget
{
    ProbeKind kind = ProbeKind::Icmp;
    QString text;      // as given, for reports
    QString host;      // without brackets
    quint16 port = 0;  // 0 for icmp
    QString path;      // https only, starts with '/'
    ProbeThresholds thresholds;
    // https only, passed in by the caller for each run and never stored by core
    // beyond the prober's lifetime: "Bearer ..." or "Basic ..." (an Authorization value,
    // see bearerAuthorization() and basicAuthorization()). No export writes it.
    QByteArray authorization;
    // https only: certificate authorities trusted for this target on top of the
    // system's (a private CA, like curl --cacert).
    QList<QSslCertificate> caCertificates;

    bool hostIsLiteral() const; // an IPv4 or IPv6 address, not a name
};

// Authorization header values for https targets, built from what the caller holds.
QByteArray bearerAuthorization(const QByteArray &token);
QByteArray basicAuthorization(const QString &user, const QString &password);

// "HOST", "HOST:PORT", "[IPV6]", "[IPV6]:PORT" or a bare IPv6 address.
struct HostPort
{
    QString host; // without brackets
    std::optional<quint16> port;
};
// The problem in a few words otherwise ("bad port "x", expected 1 to 65535").
Result<HostPort> parseHostPort(const QString &text);

// Parses one target; a message naming the problem otherwise (unknown scheme, missing or
// bad port, empty host).
Result<ProbeTarget> parseProbeTarget(const QString &text);

// One resolved address and how long resolving took.
struct ResolvedAddress
{
    sockaddr_storage address{};
    socklen_t length = 0;
    int family = 0;        // AF_INET or AF_INET6
    QString text;          // numeric form, "10.0.0.1" or "fd00::1"
    double resolveMs = 0;  // 0 for literal addresses
};

// getaddrinfo for the first address of HOST (IPv4 or IPv6, whichever the resolver
// prefers, or only `family`); "cannot resolve HOST: ..." otherwise, with the getaddrinfo
// status as the error code. Blocks: off the prober's thread, see HostResolver.
Result<ResolvedAddress> resolveHost(const QString &host, quint16 port, int family = AF_UNSPEC);
// "Name or service not known" for a getaddrinfo status from resolveHost().
QString resolverErrorText(int status);

} // namespace Sockpit
