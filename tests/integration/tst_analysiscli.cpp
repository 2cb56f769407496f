// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli capture and recommend: exit codes, one-line errors, sockpit.findings/1.
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sockpit::Test;

namespace {
QString scenario(const char *name)
{
    return QStringLiteral(SOCKPIT_TEST_DATA "/analysis/") + QString::fromLatin1(name);
}
} // namespace

class AnalysisCliTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile wrong(m_dir.filePath(QStringLiteral("snapshot.json")));
        QVERIFY(wrong.open(QIODevice::WriteOnly));
        wrong.write("{\"schema\": \"sockpit.snapshot/1\"}\n");
        wrong.close();
        QFile damaged(m_dir.filePath(QStringLiteral("damaged.json")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"schema\": \"sockpit.bundle/1\", \"files\": {\"net/tcp\": \"x\"");
        damaged.close();
        QFile escaping(m_dir.filePath(QStringLiteral("escaping.json")));
        QVERIFY(escaping.open(QIODevice::WriteOnly));
        escaping.write("{\"schema\": \"sockpit.bundle/1\", \"files\": {\"../outside\": \"x\"}, \"links\": {}}");
        escaping.close();
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString wrong = m_dir.filePath(QStringLiteral("snapshot.json"));
        QTest::newRow("unknown profile") << QStringList{QStringLiteral("recommend"), QStringLiteral("--profile"), QStringLiteral("gamer")}
                                         << QStringLiteral("unknown profile \"gamer\"");
        QTest::newRow("missing bundle") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), QStringLiteral("/nonexistent.json")}
                                        << QStringLiteral("does not exist");
        QTest::newRow("wrong schema") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), wrong}
                                      << QStringLiteral("schema \"sockpit.snapshot/1\", expected sockpit.bundle/1");
        QTest::newRow("damaged bundle") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), m_dir.filePath(QStringLiteral("damaged.json"))}
                                        << QStringLiteral("is damaged");
        QTest::newRow("path outside the tree") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), m_dir.filePath(QStringLiteral("escaping.json"))}
                                               << QStringLiteral("bad file entry \"../outside\"");
        QTest::newRow("both sources") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bundle"), wrong,
                                                     QStringLiteral("--proc-root"), scenario("healthy")}
                                      << QStringLiteral("either --proc-root or --bundle");
        QTest::newRow("missing proc root") << QStringList{QStringLiteral("recommend"), QStringLiteral("--proc-root"), QStringLiteral("/nonexistent")}
                                           << QStringLiteral("does not exist");
        QTest::newRow("bandwidth without rtt") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bandwidth"), QStringLiteral("100")}
                                               << QStringLiteral("go together");
        QTest::newRow("negative rtt") << QStringList{QStringLiteral("recommend"), QStringLiteral("--bandwidth"), QStringLiteral("100"),
                                                     QStringLiteral("--rtt"), QStringLiteral("-5")}
                                      << QStringLiteral("bad --rtt");
        QTest::newRow("unknown format") << QStringList{QStringLiteral("recommend"), QStringLiteral("--format"), QStringLiteral("csv")}
                                        << QStringLiteral("unknown format");
        QTest::newRow("interval 0") << QStringList{QStringLiteral("recommend"), QStringLiteral("--interval-s"), QStringLiteral("0")}
                                    << QStringLiteral("bad --interval-s");
        QTest::newRow("capture without -o") << QStringList{QStringLiteral("capture")} << QStringLiteral("needs -o FILE");
        QTest::newRow("capture over a file") << QStringList{QStringLiteral("capture"), QStringLiteral("-o"), wrong}
                                             << QStringLiteral("exists; pass --force");
        QTest::newRow("capture into a missing directory")
            << QStringList{QStringLiteral("capture"), QStringLiteral("-o"), QStringLiteral("/nonexistent/dir/b.json")}
            << QStringLiteral("does not exist");
    }

    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QByteArray before = readAll(m_dir.filePath(QStringLiteral("snapshot.json")));
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QCOMPARE(readAll(m_dir.filePath(QStringLiteral("snapshot.json"))), before); // nothing overwritten
    }

    void healthyTreeHasNoFindings()
    {
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("healthy"),
                                   QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json().object();
        QCOMPARE(o.value(QStringLiteral("schema")).toString(), QStringLiteral("sockpit.findings/1"));
        QCOMPARE(o.value(QStringLiteral("kernel")).toString(), QStringLiteral("6.1.0-18-amd64"));
        QCOMPARE(o.value(QStringLiteral("profile")).toString(), QStringLiteral("general"));
        QCOMPARE(o.value(QStringLiteral("interval_ms")).toInt(), 5000);
        QVERIFY(o.value(QStringLiteral("kernel_log")).toObject().value(QStringLiteral("available")).toBool());
        QCOMPARE(o.value(QStringLiteral("findings")).toArray().size(), 0);
        const CliRun text = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("healthy")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("No problems found; nothing to change."));
    }

    void findingsAreExitZero()
    {
        const CliRun run = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("accept-full"),
                                   QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray findings = run.json().object().value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        const QJsonObject f = findings.at(0).toObject();
        QCOMPARE(f.value(QStringLiteral("id")).toString(), QStringLiteral("accept-queue-overflow"));
        QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        const QJsonObject change = f.value(QStringLiteral("changes")).toArray().at(0).toObject();
        QCOMPARE(change.value(QStringLiteral("key")).toString(), QStringLiteral("net.core.somaxconn"));
        QCOMPARE(change.value(QStringLiteral("value")).toString(), QStringLiteral("4096"));
        QCOMPARE(change.value(QStringLiteral("current")).toString(), QStringLiteral("128"));

        const CliRun text = runCli({QStringLiteral("recommend"), QStringLiteral("--proc-root"), scenario("accept-full")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("[CRITICAL] Accept queue of 0.0.0.0:8080 (pid 4242, nginx)"));
        QVERIFY(text.out.contains("    net.core.somaxconn = 4096"));
        QVERIFY(text.out.contains("Caveat: "));
    }

private:
    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(AnalysisCliTest)
#include "tst_analysiscli.moc"
