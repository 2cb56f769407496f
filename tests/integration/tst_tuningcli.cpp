// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli plan against a copied /proc/sys tree: the diff, the sysctl.d file, JSON, and
// exit 2 with one line naming the key, the value and the allowed range for bad input. The
// tree is a container's, as the kernel shows it to a child network namespace: no
// net.core.netdev_max_backlog, net.core.rmem_max read-only, and a congestion control
// algorithm that is available but not allowed there.

#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Sockpit::Test;

class TestTuningCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planDiff();
    void planSysctlFile();
    void planJson();
    void planListSaysReadOnlyHere();
    void badInput_data();
    void badInput();

private:
    QStringList plan(const QStringList &sets) const;
    QTemporaryDir m_root;
};

void TestTuningCli::initTestCase()
{
    QVERIFY(m_root.isValid());
    const std::pair<const char *, QByteArray> files[] = {
        {"net/ipv4/tcp_fin_timeout", "60\n"},
        {"net/ipv4/ip_local_port_range", "32768\t60999\n"},
        {"net/ipv4/ip_unprivileged_port_start", "1024\n"},
        {"net/ipv4/tcp_available_congestion_control", "reno cubic vegas\n"},
        {"net/ipv4/tcp_allowed_congestion_control", "reno cubic\n"},
        {"net/ipv4/tcp_congestion_control", "cubic\n"},
        {"net/core/rmem_max", "212992\n"},
        {"net/ipv4/ping_group_range", "1\t0\n"},
        {"kernel/osrelease", "6.1.0-18-amd64\n"},
    };
    for (const auto &[path, content] : files) {
        const QString file = m_root.filePath(QString::fromLatin1(path));
        QVERIFY(QDir().mkpath(QFileInfo(file).path()));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
    }
    QVERIFY(::chmod(QFile::encodeName(m_root.filePath(QStringLiteral("net/core/rmem_max"))).constData(), 0444) == 0);
}

QStringList TestTuningCli::plan(const QStringList &sets) const
{
    QStringList arguments{QStringLiteral("plan"), QStringLiteral("--sysctl-root"), m_root.path()};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    return arguments;
}

void TestTuningCli::planDiff()
{
    const CliRun run = runCli(plan({QStringLiteral("net.ipv4.tcp_fin_timeout=30"),
                                    QStringLiteral("net.ipv4.ip_local_port_range=1024 65535")}));
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].contains("net.ipv4.ip_local_port_range") && lines[0].contains("32768 60999 -> 1024 65535"),
             lines[0].constData());
    QVERIFY2(lines[1].contains("net.ipv4.tcp_fin_timeout") && lines[1].contains("60 -> 30 seconds"), lines[1].constData());
}

void TestTuningCli::planSysctlFile()
{
    QStringList arguments = plan({QStringLiteral("net.ipv4.tcp_fin_timeout=30"),
                                  QStringLiteral("net.ipv4.tcp_congestion_control=reno")});
    arguments << QStringLiteral("--format") << QStringLiteral("sysctl");
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("# Written by Sockpit " SOCKPIT_VERSION " on "));
    QVERIFY(run.out.endsWith("net.ipv4.tcp_congestion_control = reno\nnet.ipv4.tcp_fin_timeout = 30\n"));
}

void TestTuningCli::planJson()
{
    QStringList arguments = plan({QStringLiteral("net.ipv4.tcp_fin_timeout=45")});
    arguments << QStringLiteral("--format") << QStringLiteral("json");
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = run.json().object();
    QCOMPARE(json.value(QLatin1String("schema")).toString(), QStringLiteral("sockpit.plan/1"));
    const QJsonObject change = json.value(QLatin1String("changes")).toArray().first().toObject();
    QCOMPARE(change.value(QLatin1String("from")).toString(), QStringLiteral("60"));
    QCOMPARE(change.value(QLatin1String("to")).toString(), QStringLiteral("45"));
}

void TestTuningCli::planListSaysReadOnlyHere()
{
    const CliRun run = runCli({QStringLiteral("plan"), QStringLiteral("--list"), QStringLiteral("--sysctl-root"),
                               m_root.path()});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("net.core.rmem_max = 212992 (read-only here)\n"), run.out.constData());
    QVERIFY2(run.out.contains("net.ipv4.tcp_fin_timeout = 60\n"), run.out.constData());
    // Only what this namespace may set is offered.
    QVERIFY2(run.out.contains("one of: reno, cubic\n"), run.out.constData());
    QVERIFY(!run.out.contains("vegas"));
}

void TestTuningCli::badInput_data()
{
    QTest::addColumn<QString>("set");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("out of range") << QStringLiteral("net.ipv4.tcp_fin_timeout=9999")
                                  << QStringList{QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("9999"),
                                                 QStringLiteral("from 1 to 600")};
    QTest::newRow("low above high") << QStringLiteral("net.ipv4.ip_local_port_range=60000 1025")
                                    << QStringList{QStringLiteral("net.ipv4.ip_local_port_range"),
                                                   QStringLiteral("60000 1025"), QStringLiteral("from 1 to 65535")};
    QTest::newRow("unavailable congestion control")
        << QStringLiteral("net.ipv4.tcp_congestion_control=bbr")
        << QStringList{QStringLiteral("bbr"), QStringLiteral("one of: reno, cubic")};
    QTest::newRow("congestion control not allowed in a container")
        << QStringLiteral("net.ipv4.tcp_congestion_control=vegas")
        << QStringList{QStringLiteral("\"vegas\""), QStringLiteral("tcp_allowed_congestion_control"),
                       QStringLiteral("one of: reno, cubic")};
    QTest::newRow("read-only here") << QStringLiteral("net.core.rmem_max=300000")
                                    << QStringList{QStringLiteral("net.core.rmem_max"), QStringLiteral("read-only here")};
    QTest::newRow("ping_group_range reversed") << QStringLiteral("net.ipv4.ping_group_range=100 50")
                                               << QStringList{QStringLiteral("\"100 50\""),
                                                              QStringLiteral("stores as \"1 0\"")};
    QTest::newRow("unknown key") << QStringLiteral("kernel.core_pattern=|/bin/sh")
                                 << QStringList{QStringLiteral("kernel.core_pattern")};
    QTest::newRow("not in this tree") << QStringLiteral("net.core.somaxconn=4096")
                                      << QStringList{QStringLiteral("net.core.somaxconn"), QStringLiteral("not available")};
    QTest::newRow("no =") << QStringLiteral("net.ipv4.tcp_fin_timeout") << QStringList{QStringLiteral("KEY=VALUE")};
}

void TestTuningCli::badInput()
{
    QFETCH(QString, set);
    QFETCH(QStringList, mentions);
    const CliRun run = runCli(plan({set}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.startsWith("sockpit-cli: "));
    QCOMPARE(run.err.count('\n'), 1);
    for (const QString &mention : mentions)
        QVERIFY2(QString::fromUtf8(run.err).contains(mention), run.err.constData());
}

QTEST_GUILESS_MAIN(TestTuningCli)
#include "tst_tuningcli.moc"
