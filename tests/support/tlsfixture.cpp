// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsfixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSslSocket>

#include <memory>

namespace Sockpit::Test {

namespace {

// `openssl ca` needs a configuration: its database, the policy, and the extensions of
// each kind of certificate. The subjectAltName comes from the environment per call.
constexpr char Config[] = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
default_ca = ca_default
[ca_default]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[policy_any]
commonName = supplied
organizationName = optional
[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_intermediate]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
subjectAltName = $ENV::SAN
[v3_selfsigned]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment,keyCertSign
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = $ENV::SAN
)";

// openssl ca -startdate/-enddate: GeneralizedTime, YYYYMMDDHHMMSSZ.
QString asn1Time(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")) + QLatin1Char('Z');
}

QStringList newKey(const QString &type)
{
    if (type == QLatin1String("rsa"))
        return {QStringLiteral("-newkey"), QStringLiteral("rsa:2048")};
    return {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256")};
}

} // namespace

bool opensslAvailable()
{
    QProcess process;
    process.start(QStringLiteral("openssl"), {QStringLiteral("version")});
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

TestPki::TestPki(QString directory) : m_dir(std::move(directory)) {}

Result<void> TestPki::openssl(const QStringList &arguments, const QString &san)
{
    QProcess process;
    process.setWorkingDirectory(m_dir);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SAN"), san);
    environment.insert(QStringLiteral("OPENSSL_CONF"), m_dir + QStringLiteral("/ca.cnf"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error{QStringLiteral("openssl %1 failed: %2").arg(arguments.join(QLatin1Char(' ')),
                                                                  QString::fromLocal8Bit(process.readAllStandardError()).trimmed())};
    return {};
}

Result<void> TestPki::createAuthorities()
{
    QDir(m_dir).mkpath(QStringLiteral("issued"));
    QFile config(m_dir + QStringLiteral("/ca.cnf"));
    QFile index(m_dir + QStringLiteral("/index.txt"));
    QFile serial(m_dir + QStringLiteral("/serial"));
    if (!config.open(QIODevice::WriteOnly) || config.write(Config) < 0 || !index.open(QIODevice::WriteOnly)
        || !serial.open(QIODevice::WriteOnly) || serial.write("1000\n") < 0)
        return Error{QStringLiteral("cannot write the CA files in %1").arg(m_dir)};
    config.close();
    index.close();
    serial.close();
    const QString cnf = m_dir + QStringLiteral("/ca.cnf");
    if (auto done = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"), cnf,
                                        QStringLiteral("-extensions"), QStringLiteral("v3_root"), QStringLiteral("-nodes"),
                                        QStringLiteral("-keyout"), QStringLiteral("root.key"), QStringLiteral("-out"),
                                        QStringLiteral("root.pem"), QStringLiteral("-days"), QStringLiteral("3650"),
                                        QStringLiteral("-subj"), QStringLiteral("/CN=%1/O=Sockpit Tests").arg(QLatin1String(RootName))}
                            + newKey(QStringLiteral("rsa")));
        !done)
        return done;
    if (auto done = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-config"), cnf,
                                        QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("intermediate.key"),
                                        QStringLiteral("-out"), QStringLiteral("intermediate.csr"), QStringLiteral("-subj"),
                                        QStringLiteral("/CN=%1/O=Sockpit Tests").arg(QLatin1String(IntermediateName))}
                            + newKey(QStringLiteral("ec")));
        !done)
        return done;
    return openssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"), cnf, QStringLiteral("-notext"),
                    QStringLiteral("-cert"), QStringLiteral("root.pem"), QStringLiteral("-keyfile"), QStringLiteral("root.key"),
                    QStringLiteral("-extensions"), QStringLiteral("v3_intermediate"), QStringLiteral("-days"), QStringLiteral("3650"),
                    QStringLiteral("-in"), QStringLiteral("intermediate.csr"), QStringLiteral("-out"), QStringLiteral("intermediate.pem")});
}

Result<TestPki::Leaf> TestPki::leaf(const QString &name, const LeafSpec &spec)
{
    const QString cnf = m_dir + QStringLiteral("/ca.cnf");
    const QString san = spec.subjectAltNames.isEmpty() ? QStringLiteral("DNS:%1").arg(spec.commonName)
                                                       : spec.subjectAltNames.join(QLatin1Char(','));
    Leaf leaf{m_dir + QLatin1Char('/') + name + QStringLiteral(".pem"), m_dir + QLatin1Char('/') + name + QStringLiteral(".key")};
    const QString subject = QStringLiteral("/CN=%1/O=Sockpit Tests").arg(spec.commonName);
    if (spec.selfSigned) {
        const qint64 days = qMax<qint64>(1, QDateTime::currentDateTimeUtc().daysTo(spec.notAfter));
        if (auto done = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"), cnf,
                                            QStringLiteral("-extensions"), QStringLiteral("v3_selfsigned"), QStringLiteral("-nodes"),
                                            QStringLiteral("-keyout"), leaf.key, QStringLiteral("-out"), leaf.certificate,
                                            QStringLiteral("-days"), QString::number(days), QStringLiteral("-subj"), subject}
                                    + newKey(spec.key),
                                san);
            !done)
            return Error{done.error()};
        return leaf;
    }
    const QString csr = m_dir + QLatin1Char('/') + name + QStringLiteral(".csr");
    if (auto done = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-config"), cnf,
                                        QStringLiteral("-nodes"), QStringLiteral("-keyout"), leaf.key, QStringLiteral("-out"), csr,
                                        QStringLiteral("-subj"), subject}
                                + newKey(spec.key),
                            san);
        !done)
        return Error{done.error()};
    if (auto done = openssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"), cnf, QStringLiteral("-notext"),
                             QStringLiteral("-cert"), QStringLiteral("intermediate.pem"), QStringLiteral("-keyfile"),
                             QStringLiteral("intermediate.key"), QStringLiteral("-extensions"), QStringLiteral("v3_leaf"),
                             QStringLiteral("-startdate"), asn1Time(spec.notBefore), QStringLiteral("-enddate"), asn1Time(spec.notAfter),
                             QStringLiteral("-in"), csr, QStringLiteral("-out"), leaf.certificate},
                            san);
        !done)
        return Error{done.error()};
    return leaf;
}

TlsServer::~TlsServer()
{
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(10000);
    }
}

Result<void> TlsServer::start(const QString &certificate, const QString &key, const QString &chain, const QString &wwwRoot,
                              const QStringList &extraArguments)
{
    m_process = std::make_unique<QProcess>();
    m_process->setWorkingDirectory(wwwRoot);
    // To a file, not a pipe nobody drains: a full pipe would stall the server.
    static int servers = 0;
    const QString log = QStringLiteral("%1/s_server-%2.log").arg(wwwRoot).arg(++servers);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(log);
    // No CA store of its own: OpenSSL would otherwise complete a chain the test means
    // to send incomplete.
    QStringList arguments{QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("-cert"), certificate, QStringLiteral("-key"), key, QStringLiteral("-HTTP"),
                          QStringLiteral("-no-CAfile"), QStringLiteral("-no-CApath"), QStringLiteral("-no-CAstore")};
    if (!chain.isEmpty())
        arguments << QStringLiteral("-cert_chain") << chain;
    m_process->start(QStringLiteral("openssl"), arguments + extraArguments);
    if (!m_process->waitForStarted(10000))
        return Error{QStringLiteral("cannot start openssl s_server: %1").arg(m_process->errorString())};
    // "ACCEPT 127.0.0.1:40093"
    static const QRegularExpression accept(QStringLiteral("ACCEPT .*:(\\d+)"));
    QByteArray output;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 20000) {
        m_process->waitForFinished(50);
        QFile file(log);
        if (file.open(QIODevice::ReadOnly))
            output = file.readAll();
        const auto match = accept.match(QString::fromLocal8Bit(output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return {};
        }
        if (m_process->state() != QProcess::Running)
            break;
    }
    return Error{QStringLiteral("openssl s_server did not start listening: %1").arg(QString::fromLocal8Bit(output).trimmed())};
}

void RecordingTlsServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    socket->setSocketDescriptor(descriptor);
    socket->setLocalCertificateChain(chain);
    socket->setPrivateKey(key);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QSslSocket::readyRead, this, [this, socket, buffer] {
        *buffer += socket->readAll();
        if (!buffer->contains("\r\n\r\n"))
            return;
        requests << *buffer;
        socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    });
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    socket->startServerEncryption();
}

} // namespace Sockpit::Test
