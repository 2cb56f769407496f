// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace Sockpit {

// One certificate as the server sent it.
struct TlsCertificateInfo
{
    QString subject;         // "CN=leaf.test, O=Example"
    QString commonName;
    QString issuer;
    QDateTime notBefore;     // UTC
    QDateTime notAfter;
    qint64 daysToExpiry = 0; // whole days from now to notAfter, negative once expired
    QStringList subjectAltNames; // "DNS:leaf.test", "IP:127.0.0.1", "email:..."
    QString keyType;         // "RSA", "EC", "DSA", "DH" or "other"
    int keyBits = 0;
    bool selfSigned = false;
    QString serial;          // hex, colon separated, as Qt gives it
    QString sha256;          // fingerprint, hex
};

// What is wrong with a server's TLS, in categories a user can act on.
enum class TlsProblem : quint8 {
    Expired,             // a certificate's notAfter has passed
    NotYetValid,         // a certificate's notBefore is still ahead
    SelfSigned,          // the server's certificate signs itself and is not trusted
    UnknownIssuer,       // the chain ends at a CA this client does not trust
    MissingIntermediate, // the server sent its certificate without the intermediate one
    NameMismatch,        // the certificate is not for the name asked for
    HandshakeFailure,    // no common protocol version or cipher, or the server refused
    Other,               // anything else Qt or OpenSSL reported (revoked, bad signature, ...)
};
const char *tlsProblemName(TlsProblem problem); // "expired", "not_yet_valid", ...

struct TlsFinding
{
    TlsProblem problem = TlsProblem::Other;
    QString message;     // plain words, with the certificate and dates concerned
    int certificate = -1; // index into TlsReport::chain, -1 when not about one
};

struct TlsRequest
{
    QString host;        // name or address to connect to
    quint16 port = 443;
    QString sni;         // server name to send and verify; empty: the host, when it is a name
    QList<QSslCertificate> caCertificates; // trusted on top of the system's
    int timeoutMs = 10000;
};

struct TlsReport
{
    enum class Outcome : quint8 {
        Verified,           // handshake done, chain and name verified
        VerificationFailed, // handshake done (chain reported), but not to be trusted
        HandshakeFailed,    // TCP connected, TLS did not
        ConnectFailed,      // no TCP connection (refused, unreachable, timeout)
        ResolveFailed,      // the name does not resolve
    };
    TlsRequest request;
    QString verifyName;  // what the certificate must match: the SNI or the host
    QString address;     // numeric
    Outcome outcome = Outcome::ConnectFailed;
    QString error;       // ConnectFailed, ResolveFailed: why
    double dnsMs = -1, connectMs = -1, handshakeMs = -1;
    QString protocol;    // "TLSv1.3"
    QString cipher;      // "TLS_AES_256_GCM_SHA384"
    int cipherBits = 0;
    std::vector<TlsCertificateInfo> chain; // as sent, the server's own certificate first
    bool nameMatches = false;
    std::vector<TlsFinding> findings;

    bool verified() const { return outcome == Outcome::Verified; }
};
const char *tlsOutcomeName(TlsReport::Outcome outcome); // "verified", "verification_failed", ...

// Connects, completes the handshake whatever verification says (it is a diagnosis), and
// reports protocol, cipher, timings, the chain and every problem found. Lives on the
// caller's thread; nothing blocks it (names resolve through HostResolver).
class TlsInspector final : public QObject
{
    Q_OBJECT
public:
    explicit TlsInspector(QObject *parent = nullptr);
    ~TlsInspector() override;

    void start(const TlsRequest &request);

Q_SIGNALS:
    void finished(const Sockpit::TlsReport &report);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Everything about one certificate that a report shows.
TlsCertificateInfo describeCertificate(const QSslCertificate &certificate, const QDateTime &nowUtc);
// RFC 6125: DNS names in the subjectAltName (a wildcard stands for one whole leftmost
// label), IP addresses against IP entries; the common name only when there is no DNS entry.
bool certificateMatchesName(const QSslCertificate &certificate, const QString &name);
// A short explanation of one verification error in plain words ("certificate expired on
// 2021-01-01 (leaf.test)"), for per-sample errors of https probes.
QString describeSslError(const QSslError &error);
// The category of a verification error, given how many certificates the server sent.
TlsProblem tlsProblemFor(QSslError::SslError error, qsizetype chainLength);

} // namespace Sockpit
