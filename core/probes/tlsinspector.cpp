// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/tlsinspector.h"

#include "probes/hostresolver.h"
#include "probes/probetarget.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QPointer>
#include <QRegularExpression>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace Sockpit {

namespace {

QString distinguishedName(const QSslCertificate &certificate, bool issuer)
{
    QStringList parts;
    const QList<QByteArray> attributes = issuer ? certificate.issuerInfoAttributes() : certificate.subjectInfoAttributes();
    for (const QByteArray &attribute : attributes) {
        const QStringList values = issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute);
        for (const QString &value : values)
            parts << QString::fromLatin1(attribute) + QLatin1Char('=') + value;
    }
    return parts.join(QStringLiteral(", "));
}

QString shortName(const QSslCertificate &certificate)
{
    const QString name = certificate.subjectDisplayName();
    return name.isEmpty() ? distinguishedName(certificate, false) : name;
}

QString date(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// Whole days, rounded down: 0 on the last day, -1 from the day after.
qint64 daysUntil(const QDateTime &nowUtc, const QDateTime &when)
{
    return qint64(std::floor(double(nowUtc.secsTo(when)) / 86400.0));
}

QString protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2: return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3: return QStringLiteral("TLSv1.3");
    case QSsl::DtlsV1_2: return QStringLiteral("DTLSv1.2");
    default: return QStringLiteral("unknown");
    }
}

// OpenSSL's reason for a failed handshake, read from Qt's error string
// ("error:0A00042E:SSL routines::tlsv1 alert protocol version"), in plain words.
QString handshakeExplanation(const QString &qtError)
{
    const QString lower = qtError.toLower();
    QString why;
    if (lower.contains(QLatin1String("protocol version")) || lower.contains(QLatin1String("unsupported protocol"))
        || lower.contains(QLatin1String("no protocols available")) || lower.contains(QLatin1String("wrong version number")))
        why = QStringLiteral("the server and this client have no TLS protocol version in common "
                             "(this client speaks TLS 1.2 and 1.3)");
    else if (lower.contains(QLatin1String("handshake failure")) || lower.contains(QLatin1String("no shared cipher"))
             || lower.contains(QLatin1String("no cipher")) || lower.contains(QLatin1String("insufficient security")))
        why = QStringLiteral("the server and this client have no cipher suite or key exchange in common, "
                             "or the server refused the handshake");
    else if (lower.contains(QLatin1String("certificate required")))
        why = QStringLiteral("the server wants a client certificate");
    else
        why = QStringLiteral("the TLS handshake did not complete");
    return QStringLiteral("handshake failure: %1 (%2)").arg(why, qtError);
}

} // namespace

const char *tlsProblemName(TlsProblem problem)
{
    switch (problem) {
    case TlsProblem::Expired: return "expired";
    case TlsProblem::NotYetValid: return "not_yet_valid";
    case TlsProblem::SelfSigned: return "self_signed";
    case TlsProblem::UnknownIssuer: return "unknown_issuer";
    case TlsProblem::MissingIntermediate: return "missing_intermediate";
    case TlsProblem::NameMismatch: return "name_mismatch";
    case TlsProblem::HandshakeFailure: return "handshake_failure";
    case TlsProblem::Other: return "other";
    }
    return "other";
}

const char *tlsOutcomeName(TlsReport::Outcome outcome)
{
    switch (outcome) {
    case TlsReport::Outcome::Verified: return "verified";
    case TlsReport::Outcome::VerificationFailed: return "verification_failed";
    case TlsReport::Outcome::HandshakeFailed: return "handshake_failed";
    case TlsReport::Outcome::ConnectFailed: return "connect_failed";
    case TlsReport::Outcome::ResolveFailed: return "resolve_failed";
    }
    return "unknown";
}

TlsCertificateInfo describeCertificate(const QSslCertificate &certificate, const QDateTime &nowUtc)
{
    TlsCertificateInfo info;
    info.subject = distinguishedName(certificate, false);
    info.commonName = certificate.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    info.issuer = distinguishedName(certificate, true);
    info.notBefore = certificate.effectiveDate().toUTC();
    info.notAfter = certificate.expiryDate().toUTC();
    info.daysToExpiry = daysUntil(nowUtc, info.notAfter);
    // DNS names, then addresses, then e-mail, each in the certificate's order (a
    // QMultiMap hands back the values of one key newest first).
    const auto names = certificate.subjectAlternativeNames();
    for (auto [type, prefix] : {std::pair{QSsl::DnsEntry, "DNS:"}, std::pair{QSsl::IpAddressEntry, "IP:"},
                                std::pair{QSsl::EmailEntry, "email:"}}) {
        QStringList values = names.values(type);
        std::reverse(values.begin(), values.end());
        for (const QString &value : values)
            info.subjectAltNames << QLatin1String(prefix) + value;
    }
    const QSslKey key = certificate.publicKey();
    switch (key.algorithm()) {
    case QSsl::Rsa: info.keyType = QStringLiteral("RSA"); break;
    case QSsl::Ec: info.keyType = QStringLiteral("EC"); break;
    case QSsl::Dsa: info.keyType = QStringLiteral("DSA"); break;
    case QSsl::Dh: info.keyType = QStringLiteral("DH"); break;
    default: info.keyType = QStringLiteral("other"); break;
    }
    info.keyBits = key.isNull() ? 0 : key.length();
    info.selfSigned = certificate.isSelfSigned();
    info.serial = QString::fromLatin1(certificate.serialNumber());
    info.sha256 = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':'));
    return info;
}

bool certificateMatchesName(const QSslCertificate &certificate, const QString &name)
{
    const auto names = certificate.subjectAlternativeNames();
    const QHostAddress address(name);
    if (!address.isNull()) {
        for (const QString &ip : names.values(QSsl::IpAddressEntry))
            if (QHostAddress(ip).isEqual(address))
                return true;
        return false;
    }
    const QString wanted = name.toLower().remove(QRegularExpression(QStringLiteral("\\.$")));
    auto matches = [&wanted](QString pattern) {
        pattern = pattern.toLower();
        if (pattern == wanted)
            return true;
        // "*.example.org" covers "www.example.org", not "example.org" or "a.b.example.org".
        if (!pattern.startsWith(QLatin1String("*.")) || pattern.count(QLatin1Char('.')) < 2)
            return false;
        const qsizetype dot = wanted.indexOf(QLatin1Char('.'));
        return dot > 0 && wanted.mid(dot) == pattern.mid(1);
    };
    const QStringList dnsNames = names.values(QSsl::DnsEntry);
    const QStringList candidates = dnsNames.isEmpty() ? certificate.subjectInfo(QSslCertificate::CommonName) : dnsNames;
    for (const QString &candidate : candidates)
        if (matches(candidate))
            return true;
    return false;
}

TlsProblem tlsProblemFor(QSslError::SslError error, qsizetype chainLength)
{
    switch (error) {
    case QSslError::CertificateExpired: return TlsProblem::Expired;
    case QSslError::CertificateNotYetValid: return TlsProblem::NotYetValid;
    case QSslError::SelfSignedCertificate: return TlsProblem::SelfSigned;
    case QSslError::SelfSignedCertificateInChain: return TlsProblem::UnknownIssuer;
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        // Only the server's own certificate came, and its issuer is nowhere: the server
        // should have sent the intermediate. With more sent, the chain's top is unknown.
        return chainLength <= 1 ? TlsProblem::MissingIntermediate : TlsProblem::UnknownIssuer;
    case QSslError::HostNameMismatch: return TlsProblem::NameMismatch;
    default: return TlsProblem::Other;
    }
}

QString describeSslError(const QSslError &error)
{
    const QSslCertificate certificate = error.certificate();
    const QString who = certificate.isNull() ? QString() : QStringLiteral(" (%1)").arg(shortName(certificate));
    switch (error.error()) {
    case QSslError::CertificateExpired:
        return QStringLiteral("certificate expired on %1%2").arg(date(certificate.expiryDate()), who);
    case QSslError::CertificateNotYetValid:
        return QStringLiteral("certificate not valid until %1%2").arg(date(certificate.effectiveDate()), who);
    case QSslError::SelfSignedCertificate: return QStringLiteral("self-signed certificate%1").arg(who);
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return QStringLiteral("unknown issuer or missing intermediate certificate%1").arg(who);
    case QSslError::HostNameMismatch: return QStringLiteral("name mismatch%1").arg(who);
    default: return error.errorString() + who;
    }
}

struct TlsInspector::Private
{
    TlsInspector *q = nullptr;
    std::unique_ptr<HostResolver> resolver;
    TlsReport report;
    QPointer<QSslSocket> socket;
    QTimer timeout;
    QElapsedTimer clock;
    QList<QSslError> errors;
    bool done = false;

    void connectTo(const QString &address);
    void onEncrypted();
    void finish();
};

TlsInspector::TlsInspector(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->resolver = std::make_unique<HostResolver>(this);
    d->timeout.setSingleShot(true);
    connect(&d->timeout, &QTimer::timeout, this, [this] {
        d->report.outcome = TlsReport::Outcome::ConnectFailed;
        d->report.error = d->report.connectMs < 0 ? QStringLiteral("timeout while connecting")
                                                  : QStringLiteral("timeout during the TLS handshake");
        d->finish();
    });
}

TlsInspector::~TlsInspector()
{
    d->resolver.reset();
    if (d->socket) {
        d->socket->disconnect(this);
        d->socket->abort();
    }
}

void TlsInspector::start(const TlsRequest &request)
{
    d->report = TlsReport{};
    d->report.request = request;
    d->errors.clear();
    d->done = false;
    const bool literal = !QHostAddress(request.host).isNull();
    d->report.verifyName = request.sni.isEmpty() ? request.host : request.sni;
    d->timeout.start(qMax(1, request.timeoutMs));
    d->clock.start();
    if (literal) {
        d->report.dnsMs = 0;
        d->connectTo(request.host);
        return;
    }
    d->resolver->lookup(request.host, request.port, AF_UNSPEC, [this](const Result<ResolvedAddress> &resolved) {
        if (d->done)
            return;
        if (!resolved) {
            d->report.outcome = TlsReport::Outcome::ResolveFailed;
            d->report.error = resolved.error();
            d->finish();
            return;
        }
        d->report.dnsMs = resolved->resolveMs;
        d->connectTo(resolved->text);
    });
}

void TlsInspector::Private::connectTo(const QString &address)
{
    report.address = address;
    auto *s = new QSslSocket(q);
    socket = s;
    s->setProxy(QNetworkProxy::NoProxy);
    QSslConfiguration configuration = s->sslConfiguration();
    if (!report.request.caCertificates.isEmpty())
        configuration.addCaCertificates(report.request.caCertificates);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    s->setSslConfiguration(configuration);
    const qint64 startNs = clock.nsecsElapsed();
    QObject::connect(s, &QSslSocket::connected, q, [this, startNs] {
        report.connectMs = double(clock.nsecsElapsed() - startNs) / 1e6;
    });
    // Record what verification found, then let the handshake finish anyway: the chain
    // and the session are what a diagnosis needs to show.
    QObject::connect(s, &QSslSocket::sslErrors, q, [this, s](const QList<QSslError> &found) {
        errors += found;
        s->ignoreSslErrors();
    });
    QObject::connect(s, &QSslSocket::encrypted, q, [this, startNs] {
        report.handshakeMs = double(clock.nsecsElapsed() - startNs) / 1e6 - report.connectMs;
        onEncrypted();
    });
    QObject::connect(s, &QSslSocket::errorOccurred, q, [this, s](QAbstractSocket::SocketError error) {
        if (done)
            return;
        if (error == QAbstractSocket::SslHandshakeFailedError || (report.connectMs >= 0 && error != QAbstractSocket::SocketTimeoutError)) {
            report.outcome = TlsReport::Outcome::HandshakeFailed;
            const QString message = handshakeExplanation(s->errorString());
            report.findings.push_back({TlsProblem::HandshakeFailure, message, -1});
            report.error = message;
        } else {
            report.outcome = TlsReport::Outcome::ConnectFailed;
            report.error = error == QAbstractSocket::ConnectionRefusedError ? QStringLiteral("connection refused")
                                                                           : s->errorString();
        }
        finish();
    });
    // The SNI (and the name verified) is the --sni name, else the host when it is a
    // name; Qt sends no SNI for an address.
    s->connectToHostEncrypted(address, report.request.port, report.verifyName);
}

void TlsInspector::Private::onEncrypted()
{
    if (done)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<QSslCertificate> chain = socket->peerCertificateChain();
    for (const QSslCertificate &certificate : chain)
        report.chain.push_back(describeCertificate(certificate, now));
    report.protocol = protocolName(socket->sessionProtocol());
    const QSslCipher cipher = socket->sessionCipher();
    report.cipher = cipher.name();
    report.cipherBits = cipher.usedBits();
    report.nameMatches = !chain.isEmpty() && certificateMatchesName(chain.first(), report.verifyName);

    auto indexOf = [&chain](const QSslCertificate &certificate) -> int {
        const qsizetype at = certificate.isNull() ? -1 : chain.indexOf(certificate);
        return int(at);
    };
    for (const QSslError &error : std::as_const(errors)) {
        TlsFinding finding;
        finding.problem = tlsProblemFor(error.error(), chain.size());
        finding.certificate = indexOf(error.certificate());
        const QSslCertificate &certificate = error.certificate().isNull() && !chain.isEmpty() ? chain.first() : error.certificate();
        const QString who = certificate.isNull() ? QStringLiteral("the server's certificate") : QStringLiteral("\"%1\"").arg(shortName(certificate));
        const qint64 days = certificate.isNull() ? 0 : daysUntil(now, certificate.expiryDate());
        switch (finding.problem) {
        case TlsProblem::Expired:
            finding.message = QStringLiteral("expired: %1 expired on %2, %3 days ago").arg(who, date(certificate.expiryDate())).arg(-days);
            break;
        case TlsProblem::NotYetValid:
            finding.message = QStringLiteral("not yet valid: %1 is valid only from %2 (is this machine's clock right?)")
                                  .arg(who, date(certificate.effectiveDate()));
            break;
        case TlsProblem::SelfSigned:
            finding.message = QStringLiteral("self-signed: %1 is signed by itself, not by a certificate authority this "
                                             "client trusts (trust it with --ca-file if it is yours)").arg(who);
            break;
        case TlsProblem::UnknownIssuer:
            finding.message = QStringLiteral("unknown issuer: the chain ends at \"%1\", a certificate authority this client "
                                             "does not trust (trust it with --ca-file if it is yours)")
                                  .arg(chain.isEmpty() ? QString() : chain.last().issuerDisplayName());
            break;
        case TlsProblem::MissingIntermediate:
            finding.message = QStringLiteral("missing intermediate: the server sent only %1, and its issuer \"%2\" is neither "
                                             "sent nor trusted here; the server should send its intermediate certificate(s) too")
                                  .arg(who, certificate.issuerDisplayName());
            break;
        case TlsProblem::NameMismatch: {
            QStringList names;
            if (!chain.isEmpty()) {
                const auto alternatives = chain.first().subjectAlternativeNames();
                for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
                    if (it.key() != QSsl::EmailEntry)
                        names << it.value();
                if (names.isEmpty())
                    names = chain.first().subjectInfo(QSslCertificate::CommonName);
            }
            finding.message = QStringLiteral("name mismatch: the certificate is for %1, not for \"%2\"")
                                  .arg(names.isEmpty() ? QStringLiteral("no name") : names.join(QStringLiteral(", ")), report.verifyName);
            break;
        }
        default:
            finding.message = QStringLiteral("%1 (%2)").arg(error.errorString(), who);
            break;
        }
        const bool seen = std::any_of(report.findings.begin(), report.findings.end(), [&finding](const TlsFinding &f) {
            return f.problem == finding.problem && f.certificate == finding.certificate;
        });
        if (!seen)
            report.findings.push_back(finding);
    }
    // Qt checks the name only when verifying the peer; say so also when it did not.
    if (!report.nameMatches && std::none_of(report.findings.begin(), report.findings.end(),
                                            [](const TlsFinding &f) { return f.problem == TlsProblem::NameMismatch; }))
        report.findings.push_back({TlsProblem::NameMismatch,
                                   QStringLiteral("name mismatch: the certificate is not for \"%1\"").arg(report.verifyName), 0});
    report.outcome = report.findings.empty() ? TlsReport::Outcome::Verified : TlsReport::Outcome::VerificationFailed;
    finish();
}

void TlsInspector::Private::finish()
{
    if (done)
        return;
    done = true;
    timeout.stop();
    if (socket) {
        socket->disconnect(q);
        socket->abort();
        socket->deleteLater();
    }
    Q_EMIT q->finished(report);
}

} // namespace Sockpit
