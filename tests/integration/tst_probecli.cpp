// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli probe: bad targets exit 2 with one line; a real run against loopback
// produces sockpit.probe/1 with the figures the samples imply.

#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sockpit::Test;

class ProbeCliTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void badInput_data();
    void badInput();
    void refusedPortJson();
};

void ProbeCliTest::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("ftp://x") << QStringList{QStringLiteral("ftp://x")} << QStringLiteral("unknown scheme \"ftp\"");
    QTest::newRow("tcp://host") << QStringList{QStringLiteral("tcp://127.0.0.1")} << QStringLiteral("tcp targets need a port");
    QTest::newRow("tcp://h:99999") << QStringList{QStringLiteral("tcp://127.0.0.1:99999")} << QStringLiteral("bad port");
    QTest::newRow("unresolvable") << QStringList{QStringLiteral("tcp://no-such-host.invalid:80")} << QStringLiteral("cannot resolve");
    QTest::newRow("no target") << QStringList{} << QStringLiteral("at least one target");
    QTest::newRow("interval 5") << QStringList{QStringLiteral("--interval"), QStringLiteral("5"), QStringLiteral("tcp://127.0.0.1:1")}
                                << QStringLiteral("bad --interval");
}

void ProbeCliTest::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliRun run = runCli(QStringList{QStringLiteral("probe")} + arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.startsWith("sockpit-cli: "), run.err.constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void ProbeCliTest::refusedPortJson()
{
    // Port 1 on loopback: nothing listens there in a test environment. No target
    // answered, so the run fails like ping's, and still reports everything.
    const CliRun run = runCli({QStringLiteral("probe"), QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--interval"),
                               QStringLiteral("10"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("tcp://127.0.0.1:1")});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject root = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(root.value(QLatin1String("schema")).toString(), QStringLiteral("sockpit.probe/1"));
    const QJsonObject target = root.value(QLatin1String("targets")).toArray().first().toObject();
    QCOMPARE(target.value(QLatin1String("address")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(target.value(QLatin1String("sent")).toInt(), 3);
    QCOMPARE(target.value(QLatin1String("received")).toInt(), 0);
    QCOMPARE(target.value(QLatin1String("loss_pct")).toDouble(), 100.0);
    QVERIFY(target.value(QLatin1String("rtt_ms")).toObject().value(QLatin1String("avg")).isNull());
    const QJsonArray samples = target.value(QLatin1String("samples")).toArray();
    QCOMPARE(samples.size(), 3);
    for (const QJsonValue &sample : samples) {
        QVERIFY(sample.toObject().value(QLatin1String("rtt_ms")).isNull());
        QCOMPARE(sample.toObject().value(QLatin1String("error")).toString(), QStringLiteral("connection refused"));
    }
}

QTEST_GUILESS_MAIN(ProbeCliTest)
#include "tst_probecli.moc"
