// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QTcpServer>

#include <memory>

namespace Sockpit::Test {

// A small PKI made with the openssl command in a directory the test owns: a root CA
// (RSA 2048), an intermediate CA it signs (EC P-256), and server certificates the
// intermediate signs, or that sign themselves, with chosen names, keys and dates.
class TestPki
{
public:
    static constexpr const char *RootName = "Sockpit Test Root CA";
    static constexpr const char *IntermediateName = "Sockpit Test Intermediate CA";

    struct Leaf
    {
        QString certificate; // PEM paths
        QString key;
    };
    struct LeafSpec
    {
        QString commonName;
        QStringList subjectAltNames = {}; // "DNS:leaf.test", "IP:127.0.0.1"
        QString key = QStringLiteral("ec");  // "ec" (P-256) or "rsa" (2048 bits)
        QDateTime notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
        QDateTime notAfter = QDateTime::currentDateTimeUtc().addDays(90);
        bool selfSigned = false;
    };

    explicit TestPki(QString directory);
    // Root and intermediate; call once before leaf().
    Result<void> createAuthorities();
    Result<Leaf> leaf(const QString &name, const LeafSpec &spec);

    QString rootCertificate() const { return m_dir + QStringLiteral("/root.pem"); }
    QString intermediateCertificate() const { return m_dir + QStringLiteral("/intermediate.pem"); }
    QString directory() const { return m_dir; }

private:
    Result<void> openssl(const QStringList &arguments, const QString &san = QStringLiteral("DNS:unused.test"));
    QString m_dir;
};

// `openssl s_server` on 127.0.0.1 at a port the kernel picks, stopped by the destructor.
// In -HTTP mode (the default here) "GET /FILE" answers with FILE from `wwwRoot` as it
// is, status line and headers included.
class TlsServer
{
public:
    ~TlsServer();
    // chain: extra certificates to send after the server's own, or empty for none.
    Result<void> start(const QString &certificate, const QString &key, const QString &chain, const QString &wwwRoot,
                       const QStringList &extraArguments = {});
    quint16 port() const { return m_port; }

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// A TLS server in this process, for what openssl s_server cannot show: the request
// headers a probe sent. Keeps each request up to its blank line, in arrival order, and
// answers every one with 204.
class RecordingTlsServer final : public QTcpServer
{
public:
    QList<QSslCertificate> chain;
    QSslKey key;
    QList<QByteArray> requests;

protected:
    void incomingConnection(qintptr descriptor) override;
};

// True when the openssl command runs here; the TLS tests skip saying so otherwise.
bool opensslAvailable();

} // namespace Sockpit::Test
