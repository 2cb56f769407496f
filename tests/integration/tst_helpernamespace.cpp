// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-helper as root in a private network namespace, through its test install (built
// with sysctl.d and journal directories inside the build tree). Per-namespace sysctls such
// as net.ipv4.tcp_fin_timeout are writable here; net.core.rmem_max is read-only inside a
// child namespace, which the helper must refuse before writing anything. The rollback test
// gets its real refusal from a read-only bind mount in the helper's own mount namespace,
// the way container runtimes mount /proc/sys: the file's mode still says writable.

#include "atomicfile.h"
#include "helperrequest.h"
#include "netns.h"
#include "sysctlfile.h"
#include "sysctltree.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Sockpit;

namespace {

const QString Prefix = QStringLiteral(SOCKPIT_TEST_PREFIX);
const QString SysctlD = Prefix + QStringLiteral("/etc/sysctl.d");
const QString JournalDir = Prefix + QStringLiteral("/var/lib/sockpit");
const QString ConfFile = SysctlD + QStringLiteral("/90-sockpit.conf");

struct HelperRun
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QJsonObject result() const { return lines.isEmpty() ? QJsonObject() : lines.last(); }
    QString status() const { return result().value(QLatin1String("status")).toString(); }
};

HelperRun collect(QProcess &process)
{
    HelperRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.trimmed().isEmpty())
            run.lines << QJsonDocument::fromJson(line).object();
    }
    return run;
}

HelperRun runHelper(const QString &action, const QByteArray &request, std::function<void()> beforeExec = {})
{
    QProcess process;
    if (beforeExec)
        process.setChildProcessModifier(beforeExec);
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {action});
    process.waitForStarted();
    process.write(request);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    return collect(process);
}

QByteArray applyRequest(const std::vector<RequestedChange> &changes, bool persist, int confirmWithin = 0)
{
    HelperRequest request;
    request.action = HelperAction::Apply;
    request.changes = changes;
    request.persist = persist;
    request.confirmWithinSeconds = confirmWithin;
    return HelperProtocol::serializeRequest(request);
}

QString sysctl(const char *key)
{
    return SysctlTree().read(QString::fromLatin1(key)).value();
}

RequestedChange change(const char *key, const char *value)
{
    return {QString::fromLatin1(key), QString::fromLatin1(value)};
}

QByteArray fileContent(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestHelperNamespace final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void refusesWithoutRoot();
    void refusedRequestChangesNothing();
    void actionMustMatchInvocation();
    void applyVerifyPersist();
    void persistedFileLoadsInFreshNamespace();
    void undoRestoresValuesAndFile();
    void readOnlyKeyRefusedUpFront();
    void restrictedCongestionControlRefusedUpFront();
    void laterKeyRefusedRestoresEarlier();
    void checkpointRestoresOnTimeout();
    void checkpointRestoresOnClosedPipe();
    void checkpointKeepsWhenConfirmed();
    void killedHelperNeverLeavesPartialFile();
    void closeSocket();

private:
    QString m_finTimeout;
    QString m_keepalive;
};

void TestHelperNamespace::initTestCase()
{
    if (const QString reason = Test::namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    if (auto entered = Test::enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    QVERIFY(QFileInfo::exists(QStringLiteral(SOCKPIT_TEST_HELPER_PATH)));
    // The test install must never point at the real system.
    QVERIFY(SysctlD.startsWith(QStringLiteral(SOCKPIT_BUILD_DIR)));
    m_finTimeout = sysctl("net.ipv4.tcp_fin_timeout");
    m_keepalive = sysctl("net.ipv4.tcp_keepalive_time");
}

void TestHelperNamespace::init()
{
    QDir(Prefix).removeRecursively();
    // Every test starts from the namespace's defaults.
    QVERIFY(Test::writeSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"), m_finTimeout.toUtf8()).ok());
    QVERIFY(Test::writeSysctl(QStringLiteral("net.ipv4.tcp_keepalive_time"), m_keepalive.toUtf8()).ok());
}

void TestHelperNamespace::refusesWithoutRoot()
{
    const HelperRun run = runHelper(QStringLiteral("apply"),
                                    applyRequest({change("net.ipv4.tcp_fin_timeout", "21")}, true), [] {
                                        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                                            ::_exit(99);
                                    });
    QCOMPARE(run.exitCode, int(HelperProtocol::FailedUnchanged));
    QVERIFY(run.result().value(QLatin1String("error")).toString().contains(QStringLiteral("root")));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));
}

void TestHelperNamespace::refusedRequestChangesNothing()
{
    // The first change is fine, the second is not: nothing at all may happen.
    const HelperRun run = runHelper(
        QStringLiteral("apply"),
        applyRequest({change("net.ipv4.tcp_fin_timeout", "22"), change("net.ipv4.ip_local_port_range", "40000 30000")},
                     true));
    QCOMPARE(run.exitCode, int(HelperProtocol::Refused));
    QCOMPARE(run.status(), QStringLiteral("refused"));
    const QString error = run.result().value(QLatin1String("error")).toString();
    QVERIFY2(error.contains(QStringLiteral("net.ipv4.ip_local_port_range")) && error.contains(QStringLiteral("40000 30000")),
             qPrintable(error));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));

    for (const QByteArray &hostile :
         {QByteArray("{\"schema\":\"sockpit.helper-request/1\",\"action\":\"apply\",\"changes\":[{\"key\":"
                     "\"kernel.core_pattern\",\"value\":\"|/bin/sh\"}]}\n"),
          QByteArray("not json\n"), QByteArray(QByteArray(70000, ' ') + "{}\n")}) {
        const HelperRun bad = runHelper(QStringLiteral("apply"), hostile);
        QCOMPARE(bad.exitCode, int(HelperProtocol::Refused));
    }
}

void TestHelperNamespace::actionMustMatchInvocation()
{
    // Authorised for "history" (say) must not run an apply.
    const HelperRun run =
        runHelper(QStringLiteral("history"), applyRequest({change("net.ipv4.tcp_fin_timeout", "23")}, false));
    QCOMPARE(run.exitCode, int(HelperProtocol::Refused));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
}

void TestHelperNamespace::applyVerifyPersist()
{
    const HelperRun run = runHelper(QStringLiteral("apply"),
                                    applyRequest({change("net.ipv4.tcp_fin_timeout", "33"),
                                                  change("net.ipv4.ip_local_port_range", "20000 40001"),
                                                  change("net.ipv4.tcp_keepalive_time", "600"),
                                                  change("net.ipv4.ip_local_reserved_ports", "30001,30000")},
                                                 true));
    QCOMPARE(run.exitCode, int(HelperProtocol::Done));
    QCOMPARE(run.status(), QStringLiteral("applied"));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("33"));
    QCOMPARE(sysctl("net.ipv4.ip_local_port_range"), QStringLiteral("20000 40001"));
    QCOMPARE(sysctl("net.ipv4.tcp_keepalive_time"), QStringLiteral("600"));
    QCOMPARE(sysctl("net.ipv4.ip_local_reserved_ports"), QStringLiteral("30000-30001"));
    for (const QJsonValue &key : run.result().value(QLatin1String("keys")).toArray())
        QCOMPARE(key.toObject().value(QLatin1String("state")).toString(), QStringLiteral("applied"));

    const QString content = QString::fromUtf8(fileContent(ConfFile));
    QVERIFY(content.startsWith(QStringLiteral("# Written by Sockpit " SOCKPIT_VERSION " on ")));
    const SysctlFile::Values expected{{QStringLiteral("net.ipv4.ip_local_port_range"), QStringLiteral("20000 40001")},
                                      {QStringLiteral("net.ipv4.ip_local_reserved_ports"), QStringLiteral("30000-30001")},
                                      {QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("33")},
                                      {QStringLiteral("net.ipv4.tcp_keepalive_time"), QStringLiteral("600")}};
    QCOMPARE(SysctlFile::parse(content), expected);
    // Stable order: the lines come sorted by key.
    QVERIFY(content.indexOf(QStringLiteral("ip_local_port_range")) < content.indexOf(QStringLiteral("tcp_fin_timeout")));

    struct stat status{};
    QCOMPARE(::stat(QFile::encodeName(ConfFile).constData(), &status), 0);
    QCOMPARE(status.st_mode & 07777, mode_t(0644));
    QCOMPARE(::stat(QFile::encodeName(JournalDir + QStringLiteral("/journal.jsonl")).constData(), &status), 0);
    QCOMPARE(status.st_mode & 07777, mode_t(0600));
    QCOMPARE(status.st_uid, uid_t(0));
    QCOMPARE(::stat(QFile::encodeName(JournalDir).constData(), &status), 0);
    QCOMPARE(status.st_mode & 07777, mode_t(0700));
    const QByteArray journal = fileContent(JournalDir + QStringLiteral("/journal.jsonl"));
    QVERIFY(journal.contains("\"event\":\"begin\""));
    QVERIFY(journal.contains("\"status\":\"applied\""));
    QVERIFY(journal.contains(QByteArray("\"from\":\"" + m_finTimeout.toUtf8() + "\"")));
}

void TestHelperNamespace::persistedFileLoadsInFreshNamespace()
{
    const HelperRun run = runHelper(QStringLiteral("apply"),
                                    applyRequest({change("net.ipv4.tcp_fin_timeout", "44"),
                                                  change("net.ipv4.ip_local_port_range", "11000 50001"),
                                                  change("net.ipv4.tcp_rmem", "8192 65536 1048576")},
                                                 true));
    QCOMPARE(run.exitCode, int(HelperProtocol::Done));
    // sysctl -p on the persisted file in a brand-new namespace, as a boot would load it.
    QProcess load;
    load.setChildProcessModifier([] {
        if (::unshare(CLONE_NEWNET) != 0)
            ::_exit(98);
    });
    load.start(QStringLiteral("/bin/sh"),
               {QStringLiteral("-c"), QStringLiteral("sysctl -q -p \"$1\" && sysctl -n net.ipv4.tcp_fin_timeout "
                                                     "net.ipv4.ip_local_port_range net.ipv4.tcp_rmem"),
                QStringLiteral("sh"), ConfFile});
    QVERIFY(load.waitForFinished(30000));
    QVERIFY2(load.exitCode() == 0, load.readAllStandardError().constData());
    const QList<QByteArray> values = load.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(values.size(), 3);
    QCOMPARE(canonicalFromKernel(values[0]), QStringLiteral("44"));
    QCOMPARE(canonicalFromKernel(values[1]), QStringLiteral("11000 50001"));
    QCOMPARE(canonicalFromKernel(values[2]), QStringLiteral("8192 65536 1048576"));
}

void TestHelperNamespace::undoRestoresValuesAndFile()
{
    const HelperRun first =
        runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_fin_timeout", "25")}, true));
    QCOMPARE(first.exitCode, int(HelperProtocol::Done));
    const QByteArray afterFirst = fileContent(ConfFile);
    const HelperRun second = runHelper(
        QStringLiteral("apply"),
        applyRequest({change("net.ipv4.tcp_fin_timeout", "26"), change("net.ipv4.tcp_keepalive_time", "900")}, true));
    QCOMPARE(second.exitCode, int(HelperProtocol::Done));
    QVERIFY(fileContent(ConfFile) != afterFirst);
    QCOMPARE(fileContent(ConfFile + QStringLiteral(".previous")), afterFirst);

    const QByteArray undoLatest = "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"undo\"}\n";
    HelperRun undo = runHelper(QStringLiteral("undo"), undoLatest);
    QCOMPARE(undo.exitCode, int(HelperProtocol::Done));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("25"));
    QCOMPARE(sysctl("net.ipv4.tcp_keepalive_time"), m_keepalive);
    QCOMPARE(fileContent(ConfFile), afterFirst);

    // Undoing the first one too brings back the namespace's values and no file at all.
    undo = runHelper(QStringLiteral("undo"), undoLatest);
    QCOMPARE(undo.exitCode, int(HelperProtocol::Done));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));

    // Nothing left: refused, and an undone transaction cannot be undone twice.
    QCOMPARE(runHelper(QStringLiteral("undo"), undoLatest).exitCode, int(HelperProtocol::Refused));
    const HelperRun again = runHelper(
        QStringLiteral("undo"), "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"undo\",\"transaction\":1}\n");
    QCOMPARE(again.exitCode, int(HelperProtocol::Refused));
    QVERIFY(again.result().value(QLatin1String("error")).toString().contains(QStringLiteral("already undone")));

    const HelperRun history =
        runHelper(QStringLiteral("history"), "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"history\"}\n");
    QCOMPARE(history.exitCode, int(HelperProtocol::Done));
    QCOMPARE(history.result().value(QLatin1String("transactions")).toArray().size(), 4);
}

void TestHelperNamespace::readOnlyKeyRefusedUpFront()
{
    // A child namespace shows net.core.rmem_max 0444: the helper's own validation refuses
    // the whole request before it writes or journals anything.
    const QString rmemMax = sysctl("net.core.rmem_max");
    const HelperRun run = runHelper(QStringLiteral("apply"),
                                    applyRequest({change("net.ipv4.tcp_fin_timeout", "34"),
                                                  change("net.core.rmem_max", "300000")},
                                                 true));
    QCOMPARE(run.exitCode, int(HelperProtocol::Refused));
    const QString error = run.result().value(QLatin1String("error")).toString();
    QVERIFY2(error.contains(QStringLiteral("net.core.rmem_max")) && error.contains(QStringLiteral("read-only here")),
             qPrintable(error));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QCOMPARE(sysctl("net.core.rmem_max"), rmemMax);
    QVERIFY(!QFileInfo::exists(ConfFile));
    QVERIFY(!QFileInfo::exists(JournalDir + QStringLiteral("/journal.jsonl"))
            || !fileContent(JournalDir + QStringLiteral("/journal.jsonl")).contains("rmem_max"));
}

void TestHelperNamespace::restrictedCongestionControlRefusedUpFront()
{
    // Outside the initial namespace the kernel answers EPERM for an algorithm that is
    // available but not in tcp_allowed_congestion_control; the helper refuses it first.
    const QStringList allowed =
        sysctl("net.ipv4.tcp_allowed_congestion_control").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString restricted;
    for (const QString &name : sysctl("net.ipv4.tcp_available_congestion_control").split(QLatin1Char(' '))) {
        if (!allowed.contains(name))
            restricted = name;
    }
    if (restricted.isEmpty())
        QSKIP("every available congestion control algorithm is allowed in a namespace on this kernel");
    const QString before = sysctl("net.ipv4.tcp_congestion_control");
    const HelperRun run = runHelper(QStringLiteral("apply"),
                                    applyRequest({{QStringLiteral("net.ipv4.tcp_congestion_control"), restricted}}, false));
    QCOMPARE(run.exitCode, int(HelperProtocol::Refused));
    const QString error = run.result().value(QLatin1String("error")).toString();
    QVERIFY2(error.contains(QStringLiteral("tcp_allowed_congestion_control")), qPrintable(error));
    QCOMPARE(sysctl("net.ipv4.tcp_congestion_control"), before);
}

void TestHelperNamespace::laterKeyRefusedRestoresEarlier()
{
    // tcp_keepalive_probes validates (mode 0644, 5 in range), but in the helper's mount
    // namespace it sits on a read-only bind mount, so its write fails with EROFS after the
    // first two keys were written.
    const QString probes = sysctl("net.ipv4.tcp_keepalive_probes");
    const HelperRun run = runHelper(QStringLiteral("apply"),
                                    applyRequest({change("net.ipv4.tcp_fin_timeout", "34"),
                                                  change("net.ipv4.tcp_keepalive_time", "700"),
                                                  change("net.ipv4.tcp_keepalive_probes", probes == QLatin1String("5")
                                                                                              ? "6"
                                                                                              : "5")},
                                                 true),
                                    [] {
                                        const char *path = "/proc/sys/net/ipv4/tcp_keepalive_probes";
                                        if (::unshare(CLONE_NEWNS) != 0
                                            || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0
                                            || ::mount(path, path, nullptr, MS_BIND, nullptr) != 0
                                            || ::mount(nullptr, path, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY,
                                                       nullptr) != 0)
                                            ::_exit(98);
                                    });
    QCOMPARE(run.exitCode, int(HelperProtocol::FailedRestored));
    QCOMPARE(run.status(), QStringLiteral("failed-restored"));
    QVERIFY2(run.result().value(QLatin1String("error")).toString().contains(QStringLiteral("tcp_keepalive_probes")),
             qPrintable(run.result().value(QLatin1String("error")).toString()));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QCOMPARE(sysctl("net.ipv4.tcp_keepalive_time"), m_keepalive);
    QCOMPARE(sysctl("net.ipv4.tcp_keepalive_probes"), probes);
    const QJsonArray keys = run.result().value(QLatin1String("keys")).toArray();
    QCOMPARE(keys.size(), 3);
    QCOMPARE(keys[0].toObject().value(QLatin1String("state")).toString(), QStringLiteral("restored"));
    QCOMPARE(keys[1].toObject().value(QLatin1String("state")).toString(), QStringLiteral("restored"));
    QCOMPARE(keys[2].toObject().value(QLatin1String("state")).toString(), QStringLiteral("unchanged"));
    QVERIFY(!QFileInfo::exists(ConfFile)); // a failed transaction persists nothing
}

void TestHelperNamespace::checkpointRestoresOnTimeout()
{
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "35")}, true, 1));
    // stdin stays open and silent.
    QVERIFY(process.waitForReadyRead(10000));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("35"));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(process.waitForFinished(15000));
    const HelperRun run = collect(process);
    QCOMPARE(run.lines.size(), 2);
    QCOMPARE(run.lines.first().value(QLatin1String("status")).toString(), QStringLiteral("pending-confirmation"));
    QCOMPARE(run.status(), QStringLiteral("reverted"));
    QCOMPARE(run.exitCode, int(HelperProtocol::FailedRestored));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));
}

void TestHelperNamespace::checkpointRestoresOnClosedPipe()
{
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "36")}, true, 600));
    QVERIFY(process.waitForReadyRead(10000));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("36"));
    QElapsedTimer timer;
    timer.start();
    process.closeWriteChannel(); // the app crashed
    QVERIFY(process.waitForFinished(10000));
    QVERIFY(timer.elapsed() < 5000); // at once, not after the 600 s window
    const HelperRun run = collect(process);
    QCOMPARE(run.status(), QStringLiteral("reverted"));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));
}

void TestHelperNamespace::checkpointKeepsWhenConfirmed()
{
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "37")}, true, 30));
    QVERIFY(process.waitForReadyRead(10000));
    process.write("confirm\n");
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(10000));
    const HelperRun run = collect(process);
    QCOMPARE(run.exitCode, int(HelperProtocol::Done));
    QCOMPARE(run.status(), QStringLiteral("applied"));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("37"));
    QCOMPARE(SysctlFile::parse(QString::fromUtf8(fileContent(ConfFile))).at(QStringLiteral("net.ipv4.tcp_fin_timeout")),
             QStringLiteral("37"));
}

void TestHelperNamespace::killedHelperNeverLeavesPartialFile()
{
    // SIGKILL at random moments during persisting applies: the file is always absent or
    // one of the complete versions, and no other *.conf ever appears.
    QList<SysctlFile::Values> complete;
    QRandomGenerator random(20240601);
    for (int round = 0; round < 40; ++round) {
        const QString value = QString::number(40 + round % 7);
        const QString keepalive = QString::number(1000 + round);
        QProcess process;
        process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
        QVERIFY(process.waitForStarted());
        process.write(applyRequest({{QStringLiteral("net.ipv4.tcp_fin_timeout"), value},
                                    {QStringLiteral("net.ipv4.tcp_keepalive_time"), keepalive}},
                                   true));
        process.closeWriteChannel();
        ::usleep(random.bounded(0, 4000));
        process.kill();
        process.waitForFinished(10000);

        auto content = AtomicFile::read(ConfFile);
        QVERIFY(content.ok());
        if (content->has_value()) {
            const QString text = QString::fromUtf8(**content);
            QVERIFY2(text.startsWith(QStringLiteral("# Written by Sockpit")) && text.endsWith(QLatin1Char('\n')),
                     qPrintable(text));
            const SysctlFile::Values values = SysctlFile::parse(text);
            QCOMPARE(values.size(), size_t(2));
            QVERIFY(values.count(QStringLiteral("net.ipv4.tcp_fin_timeout")));
            QVERIFY(values.count(QStringLiteral("net.ipv4.tcp_keepalive_time")));
        }
        const QStringList confs = QDir(SysctlD).entryList({QStringLiteral("*.conf")}, QDir::Files | QDir::Hidden);
        QVERIFY(confs.isEmpty() || confs == QStringList{QStringLiteral("90-sockpit.conf")});
    }
}

void TestHelperNamespace::closeSocket()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(24680);
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(listener, 4), 0);
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    sockaddr_in local{};
    socklen_t length = sizeof local;
    ::getsockname(client, reinterpret_cast<sockaddr *>(&local), &length);
    const int accepted = ::accept(listener, nullptr, nullptr);

    const QByteArray request = QStringLiteral("{\"schema\":\"sockpit.helper-request/1\",\"action\":\"close-socket\","
                                              "\"socket\":{\"local\":\"127.0.0.1\",\"local_port\":%1,"
                                              "\"remote\":\"127.0.0.1\",\"remote_port\":24680}}\n")
                                   .arg(ntohs(local.sin_port))
                                   .toUtf8();
    const HelperRun run = runHelper(QStringLiteral("close-socket"), request);
    const QString error = run.result().value(QLatin1String("error")).toString();
    ::close(accepted);
    ::close(listener);
    if (error.contains(QStringLiteral("CONFIG_INET_DIAG_DESTROY"))) {
        ::close(client);
        QSKIP("this kernel cannot close sockets (CONFIG_INET_DIAG_DESTROY is off)");
    }
    QVERIFY2(run.exitCode == HelperProtocol::Done, qPrintable(error));
    char byte;
    QCOMPARE(::recv(client, &byte, 1, MSG_DONTWAIT), ssize_t(-1));
    QCOMPARE(errno, ECONNABORTED);
    ::close(client);

    // A connection that does not exist is reported, not invented.
    const HelperRun missing = runHelper(QStringLiteral("close-socket"), request);
    QVERIFY(missing.exitCode != HelperProtocol::Done);
}

QTEST_GUILESS_MAIN(TestHelperNamespace)
#include "tst_helpernamespace.moc"
