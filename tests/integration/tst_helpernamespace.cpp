// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-helper as root in a private network namespace, through its test install (built
// with sysctl.d and journal directories inside the build tree). Per-namespace sysctls such
// as net.ipv4.tcp_fin_timeout are writable here; net.core.rmem_max is read-only inside a
// child namespace, which the helper must refuse before writing anything. The rollback test
// gets its real refusal from a read-only bind mount in the helper's own mount namespace,
// the way container runtimes mount /proc/sys: the file's mode still says writable.

#include "base/atomicfile.h"
#include "netns.h"
#include "sampling/sockdiag.h"
#include "tuning/helperrequest.h"
#include "tuning/sysctlfile.h"
#include "tuning/sysctltree.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
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

// Reads the pending report (the helper has just written it) and answers it as ApplyClient
// does: "confirm TOKEN".
QByteArray confirmationFor(QProcess &process)
{
    while (!process.canReadLine() && process.waitForReadyRead(10000)) {
    }
    const QJsonObject pending = QJsonDocument::fromJson(process.readLine()).object();
    return "confirm " + pending.value(QLatin1String("confirm_token")).toString().toLatin1() + '\n';
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
    void persistedFileBootsWithSystemdSysctl();
    void checkpointPersistsEditsMadeWhileWaiting();
    void persistKeepsBytesThatAreNotUtf8();
    void undoRestoresValuesAndFile();
    void readOnlyKeyRefusedUpFront();
    void restrictedCongestionControlRefusedUpFront();
    void laterKeyRefusedRestoresEarlier();
    void checkpointRestoresOnTimeout();
    void checkpointRestoresOnClosedPipe();
    void checkpointKeepsWhenConfirmed();
    void killedHelperNeverLeavesPartialFile();
    void hostileCallerCannotCutTransactionShort_data();
    void hostileCallerCannotCutTransactionShort();
    void unliftableLimitChangesNothing();
    void callerThatStopsReadingCannotHoldTheLock();
    void confirmationBeforeReportKeepsNothing_data();
    void confirmationBeforeReportKeepsNothing();
    void journalLineCutShortDoesNotSwallowNext();
    void interruptedTransactionIsRecovered();
    void actionNameIsEscapedForTheLog();
    void lockoutValuesAreRefusedOrAcknowledged();
    void closeSocketKeepsListener_data();
    void closeSocketKeepsListener();
    void closeSocketStaleRowKillsNothing_data();
    void closeSocketStaleRowKillsNothing();
    void closeSocketSparesNewerConnectionOnSameTuple();
    void closeSocketResetsOnlyIt_data();
    void closeSocketResetsOnlyIt();

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

namespace {

// Runs /lib/systemd/systemd-sysctl on FILE in a brand-new namespace, as a boot would
// apply it, and reads KEYS back there.
QStringList bootValues(const QString &file, const QStringList &keys)
{
    QProcess load;
    load.setChildProcessModifier([] {
        if (::unshare(CLONE_NEWNET) != 0)
            ::_exit(98);
    });
    load.start(QStringLiteral("/bin/sh"),
               QStringList{QStringLiteral("-c"), QStringLiteral("/lib/systemd/systemd-sysctl \"$1\" && shift && sysctl -n \"$@\""),
                           QStringLiteral("sh"), file}
                   + keys);
    if (!load.waitForFinished(30000) || load.exitCode() != 0) {
        qWarning("systemd-sysctl: %s", load.readAllStandardError().constData());
        return {};
    }
    QStringList values;
    for (const QByteArray &line : load.readAllStandardOutput().trimmed().split('\n'))
        values << canonicalFromKernel(line);
    return values;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(content), content.size());
}

} // namespace

void TestHelperNamespace::persistedFileBootsWithSystemdSysctl()
{
    if (!QFileInfo::exists(QStringLiteral("/lib/systemd/systemd-sysctl")))
        QSKIP("needs /lib/systemd/systemd-sysctl (Debian's systemd package)");
    // A file a person has edited: the same key in two other spellings, after the line
    // Sockpit wrote last time, and a key and a comment of their own.
    writeFile(ConfFile, "# Written by Sockpit 0.0.9 on 2020-01-01T00:00:00Z.\n"
                        "net.ipv4.tcp_fin_timeout = 30\n"
                        "# tuned by hand\n"
                        "net/ipv4/tcp_fin_timeout = 50\n"
                        "-net.ipv4.tcp_fin_timeout = 51\n"
                        "net.ipv4.tcp_keepalive_time = 800\n");
    const HelperRun run = runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_fin_timeout", "44")}, true));
    QCOMPARE(run.exitCode, int(HelperProtocol::Done));
    QCOMPARE(bootValues(ConfFile, {QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("net.ipv4.tcp_keepalive_time")}),
             (QStringList{QStringLiteral("44"), QStringLiteral("800")}));
    const QByteArray content = fileContent(ConfFile);
    QVERIFY2(content.contains("# tuned by hand\n") && content.contains("net.ipv4.tcp_keepalive_time = 800\n"),
             content.constData());
}

void TestHelperNamespace::checkpointPersistsEditsMadeWhileWaiting()
{
    writeFile(ConfFile, "net.ipv4.tcp_keepalive_time = 800\n");
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "38")}, true, 30));
    QVERIFY(process.waitForReadyRead(10000));
    // While the window counts down, a person edits the file.
    writeFile(ConfFile, "net.ipv4.tcp_keepalive_time = 1234\n# edited while the checkpoint waited\n");
    process.write(confirmationFor(process));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(10000));
    const HelperRun run = collect(process);
    QCOMPARE(run.exitCode, int(HelperProtocol::Done));
    const QByteArray content = fileContent(ConfFile);
    QVERIFY2(content.contains("# edited while the checkpoint waited\n"), content.constData());
    const SysctlFile::Values values = SysctlFile::parse(QString::fromUtf8(content));
    QCOMPARE(values.at(QStringLiteral("net.ipv4.tcp_keepalive_time")), QStringLiteral("1234"));
    QCOMPARE(values.at(QStringLiteral("net.ipv4.tcp_fin_timeout")), QStringLiteral("38"));
    // .previous is what was there at the moment of writing: the person's edit.
    QCOMPARE(fileContent(ConfFile + QStringLiteral(".previous")),
             QByteArray("net.ipv4.tcp_keepalive_time = 1234\n# edited while the checkpoint waited\n"));
}

void TestHelperNamespace::persistKeepsBytesThatAreNotUtf8()
{
    const QByteArray original = "# caf\xe9 \xff\xfe (Latin-1, not UTF-8)\nnet.ipv4.tcp_keepalive_time = 800\n";
    writeFile(ConfFile, original);
    const HelperRun run = runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_fin_timeout", "39")}, true));
    QCOMPARE(run.exitCode, int(HelperProtocol::Done));
    QVERIFY2(fileContent(ConfFile).contains("# caf\xe9 \xff\xfe (Latin-1, not UTF-8)\n"), fileContent(ConfFile).constData());
    QCOMPARE(fileContent(ConfFile + QStringLiteral(".previous")), original);
    const HelperRun undo =
        runHelper(QStringLiteral("undo"), "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"undo\"}\n");
    QCOMPARE(undo.exitCode, int(HelperProtocol::Done));
    QCOMPARE(fileContent(ConfFile), original);
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
    // stdin stays open and silent. What was applied meanwhile is read from the pending
    // report, which the helper writes after reading the value back: a look at /proc/sys
    // here would race the 1 s deadline on a busy machine.
    QVERIFY(process.waitForFinished(15000));
    const HelperRun run = collect(process);
    QCOMPARE(run.lines.size(), 2);
    const QJsonObject pending = run.lines.first();
    QCOMPARE(pending.value(QLatin1String("status")).toString(), QStringLiteral("pending-confirmation"));
    const QJsonObject key = pending.value(QLatin1String("keys")).toArray().first().toObject();
    QCOMPARE(key.value(QLatin1String("to")).toString(), QStringLiteral("35"));
    QCOMPARE(key.value(QLatin1String("state")).toString(), QStringLiteral("applied"));
    QCOMPARE(run.status(), QStringLiteral("reverted"));
    // Reverted by the deadline, not by anything else.
    QVERIFY2(run.result().value(QLatin1String("error")).toString().startsWith(QStringLiteral("not confirmed within 1 s")),
             qPrintable(run.result().value(QLatin1String("error")).toString()));
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
    process.closeWriteChannel(); // the app crashed
    QVERIFY(process.waitForFinished(30000));
    const HelperRun run = collect(process);
    QCOMPARE(run.status(), QStringLiteral("reverted"));
    // At once, because the caller went away: not after the 600 s window.
    QCOMPARE(run.result().value(QLatin1String("error")).toString(),
             QStringLiteral("the caller went away before confirming: restored"));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));
}

void TestHelperNamespace::checkpointKeepsWhenConfirmed()
{
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "37")}, true, 30));
    QVERIFY(process.waitForReadyRead(10000));
    process.write(confirmationFor(process));
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

// Sockets for the close-socket tests, in this test's namespace: addresses and ports
// chosen by the kernel, so nothing here is shared with another suite.
namespace {

struct Endpoint
{
    sockaddr_storage address{};
    socklen_t length = 0;
    quint16 port() const
    {
        return ntohs(address.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6 &>(address).sin6_port
                                                  : reinterpret_cast<const sockaddr_in &>(address).sin_port);
    }
};

Endpoint endpoint(const char *text, quint16 port, quint32 scope = 0)
{
    Endpoint e;
    if (::inet_pton(AF_INET, text, &reinterpret_cast<sockaddr_in &>(e.address).sin_addr) == 1) {
        auto &v4 = reinterpret_cast<sockaddr_in &>(e.address);
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        e.length = sizeof v4;
    } else {
        auto &v6 = reinterpret_cast<sockaddr_in6 &>(e.address);
        ::inet_pton(AF_INET6, text, &v6.sin6_addr);
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        v6.sin6_scope_id = scope;
        e.length = sizeof v6;
    }
    return e;
}

Endpoint localOf(int fd)
{
    Endpoint e;
    e.length = sizeof e.address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&e.address), &e.length);
    return e;
}

// A listener on ADDRESS with a port the kernel picks; "::" takes IPv4 too (v4-mapped).
int listenOn(const char *address)
{
    Endpoint at = endpoint(address, 0);
    const int fd = ::socket(at.address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int no = 0;
    if (at.address.ss_family == AF_INET6)
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&at.address), at.length) != 0 || ::listen(fd, 16) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

struct Connection
{
    int client = -1;
    int peer = -1;
    void close()
    {
        for (int *fd : {&client, &peer}) {
            if (*fd >= 0)
                ::close(*fd);
            *fd = -1;
        }
    }
};

// Connects to LISTENER's port at ADDRESS (scope: the interface of a link-local address)
// and accepts; FROM_PORT binds the client first when set.
Connection connectTo(int listener, const char *address, quint32 scope = 0, quint16 fromPort = 0)
{
    Endpoint to = endpoint(address, localOf(listener).port(), scope);
    Connection c;
    c.client = ::socket(to.address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fromPort) {
        Endpoint from = endpoint(to.address.ss_family == AF_INET6 ? "::" : "0.0.0.0", fromPort);
        const int yes = 1;
        ::setsockopt(c.client, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(c.client, reinterpret_cast<sockaddr *>(&from.address), from.length) != 0) {
            c.close();
            return c;
        }
    }
    if (::connect(c.client, reinterpret_cast<sockaddr *>(&to.address), to.length) != 0) {
        c.close();
        return c;
    }
    c.peer = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    return c;
}

// The listener still takes connections: SOCK_DESTROY on it would have made connect fail.
bool listenerAlive(int listener, const char *address)
{
    Connection probe = connectTo(listener, address);
    const bool alive = probe.client >= 0 && probe.peer >= 0;
    probe.close();
    return alive;
}

// A byte goes from the client to the peer: the connection is still up.
bool carries(const Connection &c)
{
    char byte = 'x';
    if (::send(c.client, &byte, 1, MSG_NOSIGNAL) != 1)
        return false;
    pollfd ready{c.peer, POLLIN, 0};
    return ::poll(&ready, 1, 5000) == 1 && ::recv(c.peer, &byte, 1, 0) == 1;
}

int recvError(int fd)
{
    char byte;
    return ::recv(fd, &byte, 1, MSG_DONTWAIT) < 0 ? errno : 0;
}

// The row for FD's connection as Sockpit's own dump lists it (what the Sockets page has).
std::optional<SocketRecord> rowOf(int fd)
{
    const Endpoint local = localOf(fd);
    Endpoint remote;
    remote.length = sizeof remote.address;
    ::getpeername(fd, reinterpret_cast<sockaddr *>(&remote.address), &remote.length);
    auto diag = SockDiag::open();
    if (!diag)
        return std::nullopt;
    std::vector<SocketRecord> records;
    for (Family family : {Family::IPv4, Family::IPv6}) {
        if (!diag.value()->dump({Protocol::Tcp, family, AllStates, false}, records))
            return std::nullopt;
    }
    for (const SocketRecord &record : records) {
        if (record.localPort == local.port() && record.remotePort == remote.port()
            && record.state != SocketState::Listen)
            return record;
    }
    return std::nullopt;
}

// Waits until no socket with COOKIE is left in the dump (LAST_ACK and FIN_WAIT end soon
// on loopback); false if it is still there after many looks.
bool waitUntilGone(quint64 cookie)
{
    auto diag = SockDiag::open();
    for (int look = 0; diag && look < 500; ++look) {
        std::vector<SocketRecord> records;
        for (Family family : {Family::IPv4, Family::IPv6})
            diag.value()->dump({Protocol::Tcp, family, AllStates, false}, records).ok();
        if (std::none_of(records.begin(), records.end(),
                         [cookie](const SocketRecord &record) { return record.socketCookie() == cookie; }))
            return true;
        ::usleep(10000);
    }
    return false;
}

QString addressText(const SocketRecord &record, bool remote)
{
    char text[64];
    return QString::fromLatin1(text, record.formatAddress(text, remote));
}

// The request the Sockets page sends for ROW.
QByteArray closeRequest(const SocketRecord &row, bool withCookie = true)
{
    HelperRequest request;
    request.action = HelperAction::CloseSocket;
    request.socket = {addressText(row, false), row.localPort, addressText(row, true), row.remotePort,
                      withCookie ? std::optional<quint64>(row.socketCookie()) : std::nullopt, row.interfaceIndex};
    return HelperProtocol::serializeRequest(request);
}

QByteArray closeRequest(const char *local, quint16 localPort, const char *remote, quint16 remotePort)
{
    HelperRequest request;
    request.action = HelperAction::CloseSocket;
    request.socket = {QString::fromLatin1(local), localPort, QString::fromLatin1(remote), remotePort, {}, 0};
    return HelperProtocol::serializeRequest(request);
}

bool kernelCannotDestroy(const HelperRun &run)
{
    return run.result().value(QLatin1String("error")).toString().contains(QStringLiteral("CONFIG_INET_DIAG_DESTROY"));
}

} // namespace

void TestHelperNamespace::closeSocketKeepsListener_data()
{
    // Each tuple names no live connection, but the kernel's lookup (inet_lookup) falls back
    // to the listener on the local port L for every one of them. P: a port nobody uses.
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("remote");
    QTest::addColumn<bool>("remoteIsListenerPort");
    QTest::addColumn<int>("exitCode");
    const int gone = HelperProtocol::FailedUnchanged;
    const int refused = HelperProtocol::Refused;
    QTest::newRow("127.0.0.1:L -> 127.0.0.1:P") << u"127.0.0.1"_qs << u"127.0.0.1"_qs << false << gone;
    QTest::newRow("::1:L -> ::1:P") << u"::1"_qs << u"::1"_qs << false << gone;
    QTest::newRow("::ffff:127.0.0.1:L -> ::ffff:127.0.0.1:P") << u"::ffff:127.0.0.1"_qs << u"::ffff:127.0.0.1"_qs
                                                             << false << gone;
    QTest::newRow("127.0.0.1:L -> 127.0.0.1:L") << u"127.0.0.1"_qs << u"127.0.0.1"_qs << true << gone;
    QTest::newRow("0.0.0.0:L -> 127.0.0.1:P") << u"0.0.0.0"_qs << u"127.0.0.1"_qs << false << refused;
    QTest::newRow("127.0.0.1:L -> 0.0.0.0:P") << u"127.0.0.1"_qs << u"0.0.0.0"_qs << false << refused;
    QTest::newRow(":::L -> :::P") << u"::"_qs << u"::"_qs << false << refused;
    QTest::newRow(":::L -> ::1:P") << u"::"_qs << u"::1"_qs << false << refused;
    QTest::newRow("::ffff:0.0.0.0:L -> ::ffff:127.0.0.1:P") << u"::ffff:0.0.0.0"_qs << u"::ffff:127.0.0.1"_qs
                                                            << false << refused;
}

void TestHelperNamespace::closeSocketKeepsListener()
{
    QFETCH(QString, local);
    QFETCH(QString, remote);
    QFETCH(bool, remoteIsListenerPort);
    QFETCH(int, exitCode);
    const int listener = listenOn("::");
    QVERIFY(listener >= 0);
    // A live connection on the same listener must survive too.
    Connection bystander = connectTo(listener, "127.0.0.1");
    QVERIFY(bystander.peer >= 0);
    const quint16 port = localOf(listener).port();
    const quint16 unused = port == 65535 ? 1 : port + 1;
    const HelperRun run = runHelper(QStringLiteral("close-socket"),
                                    closeRequest(qPrintable(local), port, qPrintable(remote),
                                                 remoteIsListenerPort ? port : unused));
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.result().value(QLatin1String("error")).toString()));
    QVERIFY(run.status() != QLatin1String("closed"));
    QVERIFY2(listenerAlive(listener, "127.0.0.1") && listenerAlive(listener, "::1"), "the listener was destroyed");
    QVERIFY(carries(bystander));
    if (exitCode == HelperProtocol::FailedUnchanged)
        QVERIFY(run.result().value(QLatin1String("error")).toString().startsWith(QStringLiteral("no such connection")));
    bystander.close();
    ::close(listener);
}

void TestHelperNamespace::closeSocketStaleRowKillsNothing_data()
{
    QTest::addColumn<bool>("withCookie");
    QTest::newRow("row with its cookie") << true;
    QTest::newRow("row from /proc, no cookie") << false;
}

void TestHelperNamespace::closeSocketStaleRowKillsNothing()
{
    // The accepted side of a connection, listed, then gone while the password prompt was
    // open: its tuple now leads the kernel's lookup to the listener.
    QFETCH(bool, withCookie);
    const int listener = listenOn("0.0.0.0");
    QVERIFY(listener >= 0);
    Connection stale = connectTo(listener, "127.0.0.1");
    Connection bystander = connectTo(listener, "127.0.0.1");
    QVERIFY(stale.peer >= 0 && bystander.peer >= 0);
    const auto row = rowOf(stale.peer);
    QVERIFY(row && row->hasCookie());
    stale.close();
    QVERIFY(waitUntilGone(row->socketCookie()));

    const HelperRun run = runHelper(QStringLiteral("close-socket"), closeRequest(*row, withCookie));
    QVERIFY2(run.exitCode == HelperProtocol::FailedUnchanged,
             qPrintable(run.result().value(QLatin1String("error")).toString()));
    QVERIFY(run.result().value(QLatin1String("error")).toString().startsWith(QStringLiteral("no such connection")));
    QVERIFY2(listenerAlive(listener, "127.0.0.1"), "the listener was destroyed");
    QVERIFY(carries(bystander));
    bystander.close();
    ::close(listener);
}

void TestHelperNamespace::closeSocketSparesNewerConnectionOnSameTuple()
{
    // A row listed, its connection closed, and a new one made on the very same 4-tuple
    // before the helper ran: the cookie tells them apart.
    const int listener = listenOn("127.0.0.1");
    QVERIFY(listener >= 0);
    Connection old = connectTo(listener, "127.0.0.1");
    QVERIFY(old.peer >= 0);
    const quint16 clientPort = localOf(old.client).port();
    const auto row = rowOf(old.client);
    QVERIFY(row && row->hasCookie());
    // The server closes first, so TIME_WAIT stays on its side and the client port is free.
    ::close(old.peer);
    old.peer = -1;
    char byte;
    pollfd ready{old.client, POLLIN, 0};
    QCOMPARE(::poll(&ready, 1, 5000), 1);
    QCOMPARE(::recv(old.client, &byte, 1, 0), ssize_t(0));
    old.close();
    Connection newer;
    for (int attempt = 0; attempt < 50 && newer.peer < 0; ++attempt) {
        newer = connectTo(listener, "127.0.0.1", 0, clientPort);
        if (newer.peer < 0)
            ::usleep(20000); // the client's last ACK still on its way
    }
    if (newer.peer < 0)
        QSKIP("the kernel did not let a new connection reuse the closed one's 4-tuple");
    const auto newerRow = rowOf(newer.client);
    QVERIFY(newerRow && newerRow->socketCookie() != row->socketCookie());

    const HelperRun run = runHelper(QStringLiteral("close-socket"), closeRequest(*row));
    QVERIFY2(run.exitCode == HelperProtocol::FailedUnchanged,
             qPrintable(run.result().value(QLatin1String("error")).toString()));
    QVERIFY(carries(newer));
    newer.close();
    ::close(listener);
}

void TestHelperNamespace::closeSocketResetsOnlyIt_data()
{
    QTest::addColumn<QString>("listenAddress");
    QTest::addColumn<QString>("connectAddress");
    QTest::addColumn<bool>("linkLocal");
    QTest::newRow("127.0.0.1") << u"0.0.0.0"_qs << u"127.0.0.1"_qs << false;
    QTest::newRow("::1") << u"::"_qs << u"::1"_qs << false;
    QTest::newRow("fe80::5:1%sp0") << u"::"_qs << u"fe80::5:1"_qs << true;
}

void TestHelperNamespace::closeSocketResetsOnlyIt()
{
    QFETCH(QString, listenAddress);
    QFETCH(QString, connectAddress);
    QFETCH(bool, linkLocal);
    quint32 scope = 0;
    if (linkLocal) {
        // A veth pair in this namespace and a link-local address without duplicate address
        // detection, so it is usable at once. Connections to it are bound to the device.
        QProcess ip;
        ip.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral("ip link show sp0 >/dev/null 2>&1 || { ip link add sp0 type veth peer name sp1 && "
                                 "ip link set sp1 up && ip link set sp0 up && "
                                 "ip -6 addr add fe80::5:1/64 dev sp0 nodad; }")});
        QVERIFY(ip.waitForFinished(10000));
        if (ip.exitCode() != 0)
            QSKIP(qPrintable(QStringLiteral("cannot make a veth pair: %1").arg(QString::fromLocal8Bit(ip.readAllStandardError()))));
        scope = ::if_nametoindex("sp0");
        QVERIFY(scope != 0);
    }
    const QByteArray connectTarget = connectAddress.toLatin1();
    const int listener = listenOn(listenAddress.toLatin1().constData());
    QVERIFY(listener >= 0);
    Connection target = connectTo(listener, connectTarget.constData(), scope);
    Connection bystander = connectTo(listener, connectTarget.constData(), scope);
    QVERIFY(target.peer >= 0 && bystander.peer >= 0);
    const auto row = rowOf(target.client);
    QVERIFY(row);
    QCOMPARE(row->interfaceIndex, linkLocal ? scope : 0u);

    const HelperRun run = runHelper(QStringLiteral("close-socket"), closeRequest(*row));
    if (kernelCannotDestroy(run))
        QSKIP("this kernel cannot close sockets (CONFIG_INET_DIAG_DESTROY is off)");
    QVERIFY2(run.exitCode == HelperProtocol::Done, qPrintable(run.result().value(QLatin1String("error")).toString()));
    QCOMPARE(run.status(), QStringLiteral("closed"));
    QCOMPARE(run.result().value(QLatin1String("cookie")).toString(), QString::number(row->socketCookie()));
    QCOMPARE(recvError(target.client), ECONNABORTED);
    QCOMPARE(recvError(target.peer), ECONNRESET);
    QVERIFY(carries(bystander));
    QVERIFY2(listenerAlive(listener, connectTarget.constData()) || (linkLocal && scope), "the listener was destroyed");
    if (linkLocal) {
        Connection probe = connectTo(listener, connectTarget.constData(), scope);
        QVERIFY2(probe.peer >= 0, "the listener was destroyed");
        probe.close();
    }

    // Asked again, the same row is gone: reported, nothing else touched.
    const HelperRun again = runHelper(QStringLiteral("close-socket"), closeRequest(*row));
    QCOMPARE(again.exitCode, int(HelperProtocol::FailedUnchanged));
    QVERIFY(carries(bystander));
    target.close();
    bystander.close();
    ::close(listener);
}


// The helper under a caller that tries to break it: pkexec passes on rlimits, timers and
// the terminal, so each row sets one up before the helper starts (or while it waits) and
// the checkpointed, persisted change must still complete as confirmed.
void TestHelperNamespace::hostileCallerCannotCutTransactionShort_data()
{
    QTest::addColumn<QString>("hostility");
    QTest::newRow("RLIMIT_FSIZE of 1 byte") << u"fsize"_qs;
    QTest::newRow("RLIMIT_NOFILE of 5") << u"nofile"_qs;
    QTest::newRow("ITIMER_REAL armed for 500 ms") << u"itimer"_qs;
    QTest::newRow("SIGTSTP from the terminal while waiting") << u"sigtstp"_qs;
    QTest::newRow("SIGTTIN and SIGTTOU while waiting") << u"sigttin"_qs;
}

void TestHelperNamespace::hostileCallerCannotCutTransactionShort()
{
    QFETCH(QString, hostility);
    QProcess process;
    process.setChildProcessModifier([hostility] {
        // Soft limits: a caller may lower its hard limits too, but lifting those again
        // takes CAP_SYS_RESOURCE, which CI's root may lack (see unliftableLimitChangesNothing).
        rlimit limit{};
        if (hostility == QLatin1String("fsize")) {
            ::getrlimit(RLIMIT_FSIZE, &limit);
            limit.rlim_cur = 1;
            ::setrlimit(RLIMIT_FSIZE, &limit);
        } else if (hostility == QLatin1String("nofile")) {
            ::getrlimit(RLIMIT_NOFILE, &limit);
            limit.rlim_cur = 5;
            ::setrlimit(RLIMIT_NOFILE, &limit);
        } else if (hostility == QLatin1String("itimer")) {
            const itimerval timer{{0, 100000}, {0, 500000}};
            ::setitimer(ITIMER_REAL, &timer, nullptr);
        }
    });
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    QVERIFY(process.waitForStarted());
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "42")}, true, 30));
    QVERIFY2(process.waitForReadyRead(10000), "no pending report");
    if (hostility == QLatin1String("sigtstp")) {
        ::kill(pid_t(process.processId()), SIGTSTP);
    } else if (hostility == QLatin1String("sigttin")) {
        ::kill(pid_t(process.processId()), SIGTTIN);
        ::kill(pid_t(process.processId()), SIGTTOU);
    }
    const QByteArray confirmation = confirmationFor(process);
    // Time for a timer or a stop to take effect before the answer arrives.
    ::usleep(hostility == QLatin1String("itimer") ? 1000000 : 200000);
    process.write(confirmation);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(10000);
    if (!finished) {
        ::kill(pid_t(process.processId()), SIGKILL);
        process.waitForFinished(5000);
    }
    QVERIFY2(finished, "the helper was stopped");
    const HelperRun run = collect(process);
    QVERIFY2(run.exitCode == HelperProtocol::Done, qPrintable(run.result().value(QLatin1String("error")).toString()));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("42"));
    QCOMPARE(SysctlFile::parse(QString::fromUtf8(fileContent(ConfFile))).at(QStringLiteral("net.ipv4.tcp_fin_timeout")),
             QStringLiteral("42"));
}

void TestHelperNamespace::unliftableLimitChangesNothing()
{
    // A hard RLIMIT_FSIZE of one byte: with CAP_SYS_RESOURCE the helper lifts it and
    // goes on; without it, it must refuse before writing anything, never die halfway.
    const HelperRun run = runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_fin_timeout", "47")}, true), [] {
        const rlimit one{1, 1};
        ::setrlimit(RLIMIT_FSIZE, &one);
    });
    if (run.exitCode == HelperProtocol::Done) {
        QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("47"));
        return;
    }
    QCOMPARE(run.exitCode, int(HelperProtocol::FailedUnchanged));
    QVERIFY2(run.result().value(QLatin1String("error")).toString().contains(QStringLiteral("resource limits")),
             qPrintable(run.result().value(QLatin1String("error")).toString()));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));
    QVERIFY(!QFileInfo::exists(JournalDir + QStringLiteral("/journal.jsonl")));
}

void TestHelperNamespace::callerThatStopsReadingCannotHoldTheLock()
{
    // A long history, read by a caller that never reads: the helper must not sit in a
    // write while it holds the journal lock, or every later helper waits for ever.
    QCOMPARE(runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_fin_timeout", "43")}, false)).exitCode,
             int(HelperProtocol::Done));
    {
        QFile journal(JournalDir + QStringLiteral("/journal.jsonl"));
        QVERIFY(journal.open(QIODevice::Append));
        for (int id = 2; id < 3000; ++id) {
            journal.write(QStringLiteral("{\"id\":%1,\"event\":\"begin\",\"time\":\"2024-01-01T00:00:00Z\",\"uid\":\"0\","
                                         "\"action\":\"apply\",\"changes\":[{\"key\":\"net.ipv4.tcp_fin_timeout\","
                                         "\"from\":\"60\",\"to\":\"61\"}],\"persist\":false}\n"
                                         "{\"id\":%1,\"event\":\"end\",\"status\":\"failed-restored\"}\n")
                              .arg(id)
                              .toUtf8());
        }
    }
    int unread[2];
    QCOMPARE(::pipe(unread), 0);
    QProcess stalled;
    stalled.setChildProcessModifier([&unread] { ::dup2(unread[1], 1); });
    stalled.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("history")});
    QVERIFY(stalled.waitForStarted());
    ::close(unread[1]);
    stalled.write("{\"schema\":\"sockpit.helper-request/1\",\"action\":\"history\"}\n");
    stalled.closeWriteChannel();
    QVERIFY(stalled.waitForBytesWritten(5000) || stalled.bytesToWrite() == 0);
    // Until its answer fills the pipe nobody reads: it holds the journal lock and waits
    // in write(). Judged by the pipe's own fill, not by a pause.
    const int capacity = ::fcntl(unread[0], F_GETPIPE_SZ);
    QVERIFY(capacity > 0);
    int queued = 0;
    QTRY_VERIFY_WITH_TIMEOUT(::ioctl(unread[0], FIONREAD, &queued) == 0 && queued >= capacity, 20000);

    QProcess next;
    next.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    next.write(applyRequest({change("net.ipv4.tcp_keepalive_time", "1501")}, false));
    next.closeWriteChannel();
    const bool done = next.waitForFinished(60000);
    ::close(unread[0]);
    stalled.waitForFinished(10000);
    QVERIFY2(done, "a helper that cannot write its answer kept the journal locked");
    QCOMPARE(collect(next).exitCode, int(HelperProtocol::Done));
    QCOMPARE(sysctl("net.ipv4.tcp_keepalive_time"), QStringLiteral("1501"));
}

void TestHelperNamespace::confirmationBeforeReportKeepsNothing_data()
{
    // What reaches the helper's stdin besides the request, and when.
    QTest::addColumn<QByteArray>("withRequest");
    QTest::addColumn<QByteArray>("afterReport"); // "TOKEN" stands for the report's token
    QTest::newRow("confirm sent with the request") << QByteArray("confirm\n") << QByteArray();
    QTest::newRow("confirm sent with the request, then silence") << QByteArray("confirm\nconfirm\n") << QByteArray();
    QTest::newRow("confirm without the token after the report") << QByteArray() << QByteArray("confirm\n");
    QTest::newRow("confirm with another token after the report")
        << QByteArray() << QByteArray("confirm 00000000000000000000000000000000\n");
    QTest::newRow("the token alone after the report") << QByteArray() << QByteArray("TOKEN\n");
    QTest::newRow("confirm TOKEN as the second line") << QByteArray() << QByteArray("yes\nconfirm TOKEN\n");
}

void TestHelperNamespace::confirmationBeforeReportKeepsNothing()
{
    QFETCH(QByteArray, withRequest);
    QFETCH(QByteArray, afterReport);
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "45")}, true, 2) + withRequest);
    QVERIFY(process.waitForReadyRead(10000));
    if (!afterReport.isEmpty()) {
        while (!process.canReadLine() && process.waitForReadyRead(10000)) {
        }
        const QJsonObject pending = QJsonDocument::fromJson(process.readLine()).object();
        const QByteArray token = pending.value(QLatin1String("confirm_token")).toString().toLatin1();
        QCOMPARE(token.size(), 32);
        process.write(QByteArray(afterReport).replace("TOKEN", token));
    }
    QVERIFY(process.waitForFinished(15000));
    const HelperRun run = collect(process);
    QCOMPARE(run.status(), QStringLiteral("reverted"));
    QCOMPARE(run.exitCode, int(HelperProtocol::FailedRestored));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QVERIFY(!QFileInfo::exists(ConfFile));
}

void TestHelperNamespace::journalLineCutShortDoesNotSwallowNext()
{
    QCOMPARE(runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_fin_timeout", "51")}, false)).exitCode,
             int(HelperProtocol::Done));
    {
        // A record the disk filled up in the middle of: no newline after it.
        QFile journal(JournalDir + QStringLiteral("/journal.jsonl"));
        QVERIFY(journal.open(QIODevice::Append));
        journal.write("{\"id\":7,\"event\":\"begin\",\"time\":\"2024-01-");
    }
    QCOMPARE(runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_fin_timeout", "52")}, false)).exitCode,
             int(HelperProtocol::Done));
    const HelperRun history =
        runHelper(QStringLiteral("history"), "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"history\"}\n");
    QCOMPARE(history.exitCode, int(HelperProtocol::Done));
    const QJsonArray transactions = history.result().value(QLatin1String("transactions")).toArray();
    QCOMPARE(transactions.size(), 2);
    QCOMPARE(transactions.last().toObject().value(QLatin1String("status")).toString(), QStringLiteral("applied"));
    QCOMPARE(transactions.last().toObject().value(QLatin1String("action")).toString(), QStringLiteral("apply"));
    const QJsonArray problems = history.result().value(QLatin1String("journal_problems")).toArray();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().toString().startsWith(QStringLiteral("line 3: ")), qPrintable(problems.first().toString()));
    // The second transaction is undoable: its record survived.
    QCOMPARE(runHelper(QStringLiteral("undo"), "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"undo\"}\n").exitCode,
             int(HelperProtocol::Done));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("51"));
}

void TestHelperNamespace::interruptedTransactionIsRecovered()
{
    // Killed while a checkpoint waited: the unconfirmed change must not stay for good.
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_TEST_HELPER_PATH), {QStringLiteral("apply")});
    process.write(applyRequest({change("net.ipv4.tcp_fin_timeout", "46")}, true, 600));
    QVERIFY(process.waitForReadyRead(10000));
    process.kill();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), QStringLiteral("46"));
    const QByteArray historyRequest = "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"history\"}\n";
    HelperRun history = runHelper(QStringLiteral("history"), historyRequest);
    QCOMPARE(history.result().value(QLatin1String("transactions")).toArray().first().toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("started"));

    // The next transaction puts it back first, then does its own work.
    const HelperRun next =
        runHelper(QStringLiteral("apply"), applyRequest({change("net.ipv4.tcp_keepalive_time", "1502")}, false));
    QCOMPARE(next.exitCode, int(HelperProtocol::Done));
    QCOMPARE(sysctl("net.ipv4.tcp_fin_timeout"), m_finTimeout);
    QCOMPARE(sysctl("net.ipv4.tcp_keepalive_time"), QStringLiteral("1502"));
    history = runHelper(QStringLiteral("history"), historyRequest);
    const QJsonArray transactions = history.result().value(QLatin1String("transactions")).toArray();
    QCOMPARE(transactions.size(), 2);
    QCOMPARE(transactions.first().toObject().value(QLatin1String("status")).toString(), QStringLiteral("recovered"));
    QVERIFY(!QFileInfo::exists(ConfFile));
}

void TestHelperNamespace::actionNameIsEscapedForTheLog()
{
    // argv[1] is the caller's; with a newline in it the log line could end early and a
    // forged record follow. The message (the same text that goes to syslog) carries it
    // escaped.
    const HelperRun run = runHelper(QStringLiteral("history\n<13>sockpit-helper: transaction 9 applied"),
                                    "{\"schema\":\"sockpit.helper-request/1\",\"action\":\"history\"}\n");
    QCOMPARE(run.exitCode, int(HelperProtocol::Refused));
    const QString error = run.result().value(QLatin1String("error")).toString();
    QVERIFY2(!error.contains(QLatin1Char('\n')) && error.contains(QStringLiteral("history\\n<13>")), qPrintable(error));
}

void TestHelperNamespace::lockoutValuesAreRefusedOrAcknowledged()
{
    const QString pingGroups = sysctl("net.ipv4.ping_group_range");
    const QString reserved = sysctl("net.ipv4.ip_local_reserved_ports");
    const QString range = sysctl("net.ipv4.ip_local_port_range");
    // Reserving the whole ephemeral range: refused, nothing changed.
    HelperRun run = runHelper(QStringLiteral("apply"),
                              applyRequest({change("net.ipv4.ip_local_reserved_ports", "1-65535")}, true));
    QCOMPARE(run.exitCode, int(HelperProtocol::Refused));
    QVERIFY2(run.result().value(QLatin1String("error")).toString().contains(QStringLiteral("EADDRNOTAVAIL")),
             qPrintable(run.result().value(QLatin1String("error")).toString()));
    QCOMPARE(sysctl("net.ipv4.ip_local_reserved_ports"), reserved);
    QCOMPARE(sysctl("net.ipv4.ip_local_port_range"), range);
    QVERIFY(!QFileInfo::exists(ConfFile));

    // ICMP sockets for every user: refused unless the request acknowledges it.
    const QByteArray everyone = applyRequest({change("net.ipv4.ping_group_range", "0 2147483647")}, false);
    run = runHelper(QStringLiteral("apply"), everyone);
    QCOMPARE(run.exitCode, int(HelperProtocol::Refused));
    QVERIFY(run.result().value(QLatin1String("error")).toString().contains(QStringLiteral("every user")));
    QCOMPARE(sysctl("net.ipv4.ping_group_range"), pingGroups);
    HelperRequest acknowledged = HelperProtocol::parseRequest(everyone.trimmed()).value();
    acknowledged.acknowledged = {QStringLiteral("net.ipv4.ping_group_range")};
    run = runHelper(QStringLiteral("apply"), HelperProtocol::serializeRequest(acknowledged));
    QVERIFY2(run.exitCode == HelperProtocol::Done, qPrintable(run.result().value(QLatin1String("error")).toString()));
    QCOMPARE(sysctl("net.ipv4.ping_group_range"), QStringLiteral("0 2147483647"));
    QVERIFY(Test::writeSysctl(QStringLiteral("net.ipv4.ping_group_range"), pingGroups.toUtf8()).ok());
}

QTEST_GUILESS_MAIN(TestHelperNamespace)
#include "tst_helpernamespace.moc"
