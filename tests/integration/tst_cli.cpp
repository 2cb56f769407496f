// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli's contract (DESIGN.md "Contracts"): exit 0 on success, 2 on bad input with
// one line on stderr naming the problem, versioned JSON. Runs on fixtures, no privileges.

#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sockpit::Test;

namespace {

const QString Fixture = QStringLiteral(SOCKPIT_TEST_DATA "/proc-ipv4");

// Counts a /proc/net/tcp state column independently of the parser under test.
QMap<QString, int> stateColumn(const QString &file)
{
    static const QMap<QString, QString> names = {
        {QStringLiteral("01"), QStringLiteral("ESTABLISHED")}, {QStringLiteral("06"), QStringLiteral("TIME_WAIT")},
        {QStringLiteral("0A"), QStringLiteral("LISTEN")},      {QStringLiteral("07"), QStringLiteral("CLOSE")},
        {QStringLiteral("08"), QStringLiteral("CLOSE_WAIT")},  {QStringLiteral("02"), QStringLiteral("SYN_SENT")},
    };
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file));
    QMap<QString, int> counts;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        if (fields.size() > 3)
            ++counts[names.value(QString::fromLatin1(fields.at(3)), QStringLiteral("?"))];
    }
    return counts;
}

} // namespace

class CliTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badInputExitsTwoWithOneLine_data();
    void badInputExitsTwoWithOneLine();
    void snapshotFromProcRootMatchesFixture();
    void csvHasHeaderAndOneRowPerSocket();
    void summaryFromProcRootHasNoSockets();
    void procRootMayBeTheParentOfProc();
    void portOnFixtureNeedsNoBindTest();
    void damagedTablesAreLeftOutOneByOne();
    void malformedLineMakesSnapshotIncomplete();
    void treeWithNoReadableTableIsBadInput();
};

void CliTest::badInputExitsTwoWithOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString snapshot = QStringLiteral("snapshot");
    const QString port = QStringLiteral("port");
    QTest::newRow("--state FOO") << QStringList{snapshot, QStringLiteral("--state"), QStringLiteral("FOO")}
                                 << QStringLiteral("unknown socket state \"FOO\"");
    QTest::newRow("--state ''") << QStringList{snapshot, QStringLiteral("--state"), QString()}
                                << QStringLiteral("unknown socket state \"\"");
    QTest::newRow("--format xml") << QStringList{snapshot, QStringLiteral("--format"), QStringLiteral("xml")}
                                  << QStringLiteral("unknown format \"xml\"");
    QTest::newRow("--proc-root /nonexistent")
        << QStringList{snapshot, QStringLiteral("--proc-root"), QStringLiteral("/nonexistent")}
        << QStringLiteral("proc root /nonexistent does not exist");
    QTest::newRow("--proc-root file") << QStringList{snapshot, QStringLiteral("--proc-root"), QStringLiteral("/etc/hostname")}
                                      << QStringLiteral("is not a directory");
    QTest::newRow("--proc-root /tmp") << QStringList{snapshot, QStringLiteral("--proc-root"), QStringLiteral("/")}
                                      << QString(); // "/" holds proc/net/tcp: accepted, see below
    QTest::newRow("--interval 0") << QStringList{snapshot, QStringLiteral("--interval"), QStringLiteral("0")}
                                  << QStringLiteral("bad interval \"0\"");
    QTest::newRow("--bogus") << QStringList{snapshot, QStringLiteral("--bogus")} << QStringLiteral("Unknown option 'bogus'");
    QTest::newRow("port 0") << QStringList{port, QStringLiteral("0")} << QStringLiteral("bad port number \"0\"");
    QTest::newRow("port 65536") << QStringList{port, QStringLiteral("65536")} << QStringLiteral("bad port number \"65536\"");
    QTest::newRow("port -1") << QStringList{port, QStringLiteral("--"), QStringLiteral("-1")}
                             << QStringLiteral("bad port number \"-1\"");
    QTest::newRow("port http") << QStringList{port, QStringLiteral("http")} << QStringLiteral("bad port number \"http\"");
    QTest::newRow("port 80 81") << QStringList{port, QStringLiteral("80"), QStringLiteral("81")}
                                << QStringLiteral("exactly one port number");
    QTest::newRow("frobnicate") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown command \"frobnicate\"");
}

void CliTest::badInputExitsTwoWithOneLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliRun run = runCli(arguments);
    if (message.isEmpty()) {
        QCOMPARE(run.exitCode, 0);
        return;
    }
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.startsWith("sockpit-cli: "), run.err.constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

void CliTest::snapshotFromProcRootMatchesFixture()
{
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), Fixture, QStringLiteral("--format"),
                               QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject root = run.json().object();
    QCOMPARE(root.value(QStringLiteral("source")).toString(), QStringLiteral("proc"));
    const QJsonObject tcp = root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("tcp")).toObject();
    const QMap<QString, int> expected = stateColumn(Fixture + QStringLiteral("/net/tcp"));
    const QMap<QString, int> expected6 = stateColumn(Fixture + QStringLiteral("/net/tcp6"));
    QVERIFY(!expected.isEmpty());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(tcp.value(it.key()).toInt(), it.value() + expected6.value(it.key()));
    const QJsonObject ephemeral = root.value(QStringLiteral("ephemeral")).toObject();
    QCOMPARE(ephemeral.value(QStringLiteral("range")).toArray(), (QJsonArray{40000, 40999}));
    // Every socket of tcp, tcp6, udp and udp6 appears once.
    int lines = 0;
    for (const char *file : {"/net/tcp", "/net/tcp6", "/net/udp", "/net/udp6"}) {
        for (int n : stateColumn(Fixture + QLatin1StringView(file)))
            lines += n;
    }
    QCOMPARE(root.value(QStringLiteral("sockets")).toArray().size(), lines);
}

void CliTest::csvHasHeaderAndOneRowPerSocket()
{
    const CliRun json = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), Fixture, QStringLiteral("--format"),
                                QStringLiteral("json")});
    const CliRun csv = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), Fixture, QStringLiteral("--format"),
                               QStringLiteral("csv")});
    QCOMPARE(csv.exitCode, 0);
    QList<QByteArray> rows = csv.out.split('\n');
    QCOMPARE(rows.takeLast(), QByteArray()); // ends with CRLF
    QVERIFY(rows.first().startsWith("proto,family,state,local_address,local_port,"));
    for (const QByteArray &row : rows)
        QVERIFY2(row.endsWith('\r'), row.constData()); // RFC 4180 line ends
    QCOMPARE(rows.size() - 1, json.json().object().value(QStringLiteral("sockets")).toArray().size());
}

void CliTest::summaryFromProcRootHasNoSockets()
{
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--summary"), QStringLiteral("--proc-root"), Fixture,
                               QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject root = run.json().object();
    QVERIFY(!root.contains(QStringLiteral("sockets")));
    QVERIFY(root.value(QStringLiteral("ephemeral")).toObject().value(QStringLiteral("destinations")).isNull());
    QFile sockstat(Fixture + QStringLiteral("/net/sockstat"));
    QVERIFY(sockstat.open(QIODevice::ReadOnly));
    const QByteArray text = sockstat.readAll();
    const qsizetype at = text.indexOf(" tw ");
    const int tw = text.mid(at + 4, text.indexOf(' ', at + 4) - at - 4).toInt();
    QCOMPARE(root.value(QStringLiteral("sockstat")).toObject().value(QStringLiteral("time_wait")).toInt(), tw);
    QCOMPARE(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("tcp")).toObject().value(QStringLiteral("TIME_WAIT")).toInt(), tw);
}

void CliTest::procRootMayBeTheParentOfProc()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::link(Fixture, dir.filePath(QStringLiteral("proc"))));
    const CliRun viaParent = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), dir.path(), QStringLiteral("--format"), QStringLiteral("csv")});
    const CliRun direct = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), Fixture, QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(viaParent.exitCode, 0);
    QCOMPARE(viaParent.out, direct.out);
}

void CliTest::portOnFixtureNeedsNoBindTest()
{
    // The fixture's first listener, read from the fixture itself.
    QFile tcp(Fixture + QStringLiteral("/net/tcp"));
    QVERIFY(tcp.open(QIODevice::ReadOnly));
    quint16 port = 0;
    for (const QByteArray &line : tcp.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields.at(3) == "0A") {
            port = quint16(fields.at(1).split(':').at(1).toUInt(nullptr, 16));
            break;
        }
    }
    QVERIFY(port != 0);
    const CliRun run = runCli({QStringLiteral("port"), QString::number(port), QStringLiteral("--proc-root"), Fixture,
                               QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = run.json().object();
    QCOMPARE(report.value(QStringLiteral("listeners")).toArray().size(), 1);
    const QJsonObject bind = report.value(QStringLiteral("bind")).toObject();
    QCOMPARE(bind.value(QStringLiteral("predicted")).toObject().value(QStringLiteral("verdict")).toString(), QStringLiteral("listening"));
    QVERIFY(!bind.contains(QStringLiteral("tried"))); // never bind() on behalf of another machine
}

void CliTest::damagedTablesAreLeftOutOneByOne()
{
    // tests/data/proc-damaged: proc-ipv4 with a tcp6 table whose header is udp6's, and
    // one malformed line in tcp. sockstat, counters, tcp and udp are fine.
    const QString damaged = QStringLiteral(SOCKPIT_TEST_DATA "/proc-damaged");
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), damaged,
                               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject root = run.json().object();
    const QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("complete")).toBool(true), false);
    const QJsonArray notes = root.value(QStringLiteral("notes")).toArray();
    auto noteAbout = [&notes](const QString &file, const QString &why) {
        for (const QJsonValue &note : notes) {
            const QString text = note.toString();
            if (text.contains(file) && text.contains(why))
                return true;
        }
        return false;
    };
    QVERIFY2(noteAbout(QStringLiteral("/net/tcp6"), QStringLiteral("not the kernel's column header")),
             QJsonDocument(notes).toJson().constData());
    QVERIFY2(noteAbout(QStringLiteral("/net/tcp:"), QStringLiteral("1 malformed line(s) left out")),
             QJsonDocument(notes).toJson().constData());
    // What was fine is all there: sockstat as in the file, every other tcp line, all of udp.
    const CliRun intact = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), Fixture,
                                  QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(intact.exitCode, 0);
    const QJsonObject reference = intact.json().object();
    QCOMPARE(root.value(QStringLiteral("sockstat")), reference.value(QStringLiteral("sockstat")));
    QCOMPARE(summary.value(QStringLiteral("udp")), reference.value(QStringLiteral("summary")).toObject().value(QStringLiteral("udp")));
    const QJsonObject tcp = summary.value(QStringLiteral("tcp")).toObject();
    const QJsonObject referenceTcp = reference.value(QStringLiteral("summary")).toObject().value(QStringLiteral("tcp")).toObject();
    QCOMPARE(tcp.value(QStringLiteral("LISTEN")).toInt(), referenceTcp.value(QStringLiteral("LISTEN")).toInt() - 1);
    QCOMPARE(tcp.value(QStringLiteral("TIME_WAIT")).toInt(), referenceTcp.value(QStringLiteral("TIME_WAIT")).toInt());
    QCOMPARE(reference.value(QStringLiteral("summary")).toObject().value(QStringLiteral("complete")).toBool(), true);
}

void CliTest::malformedLineMakesSnapshotIncomplete()
{
    // proc-ipv4 with tcp's last line cut in half (tests/data/proc-truncated), as a read
    // that stopped early leaves it: the line is counted, not silently dropped.
    QTemporaryDir tree;
    QVERIFY(tree.isValid());
    for (const QString &name : {QStringLiteral("net/sockstat"), QStringLiteral("net/sockstat6"), QStringLiteral("net/snmp"),
                                QStringLiteral("net/netstat"), QStringLiteral("net/tcp6"), QStringLiteral("net/udp"),
                                QStringLiteral("net/udp6")}) {
        QVERIFY(QDir().mkpath(QFileInfo(tree.filePath(name)).path()));
        QVERIFY(QFile::copy(Fixture + QLatin1Char('/') + name, tree.filePath(name)));
    }
    QVERIFY(QFile::copy(QStringLiteral(SOCKPIT_TEST_DATA "/proc-truncated/net/tcp"), tree.filePath(QStringLiteral("net/tcp"))));
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), tree.path(),
                               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject root = run.json().object();
    QCOMPARE(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("complete")).toBool(true), false);
    QVERIFY2(QJsonDocument(root.value(QStringLiteral("notes")).toArray()).toJson().contains("net/tcp: 1 malformed line(s) left out"),
             QJsonDocument(root.value(QStringLiteral("notes")).toArray()).toJson().constData());
}

void CliTest::treeWithNoReadableTableIsBadInput()
{
    // A tree the user gave in which no socket table can be read: exit 2, one line.
    QTemporaryDir tree;
    QVERIFY(tree.isValid());
    QVERIFY(QDir().mkpath(tree.filePath(QStringLiteral("net"))));
    QFile::copy(Fixture + QStringLiteral("/net/sockstat"), tree.filePath(QStringLiteral("net/sockstat")));
    for (const char *name : {"net/tcp", "net/udp"}) {
        QFile file(tree.filePath(QString::fromLatin1(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a socket table\n");
    }
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--proc-root"), tree.path()});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains("no socket table could be read"), run.err.constData());
}

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
