// SPDX-License-Identifier: GPL-3.0-or-later
// The sysctl.d file Sockpit persists in, read the way systemd-sysctl reads it at boot:
// tables of keys and of existing files, one row per input, named by the input.

#include "tuning/sysctlfile.h"

#include <QTest>

using namespace Sockpit;

namespace {

const QDateTime When = QDateTime(QDate(2024, 6, 1), QTime(12, 0), Qt::UTC);

QByteArray header()
{
    return "# Written by Sockpit " SOCKPIT_VERSION " on 2024-06-01T12:00:00Z.\n"
           "# Kernel tuning applied through Sockpit; the previous content of this file is kept\n"
           "# next to it as 90-sockpit.conf.previous. Change or undo it with Sockpit ('sockpit-cli undo').\n";
}

} // namespace

class TestSysctlFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizedKey_data();
    void normalizedKey();
    void update_data();
    void update();
    void updateToNothingRemovesTheFile();
    void parseLastAssignmentWins();
};

void TestSysctlFile::normalizedKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("normalized");
    auto row = [](const char *key, const char *normalized) {
        QTest::newRow(key) << QString::fromLatin1(key) << QString::fromLatin1(normalized);
    };
    row("net.ipv4.tcp_fin_timeout", "net/ipv4/tcp_fin_timeout");
    row("net/ipv4/tcp_fin_timeout", "net/ipv4/tcp_fin_timeout");
    row("-net.ipv4.tcp_fin_timeout", "net/ipv4/tcp_fin_timeout");
    row("-net/ipv4/tcp_fin_timeout", "net/ipv4/tcp_fin_timeout");
    row("  net.ipv4.tcp_fin_timeout\t", "net/ipv4/tcp_fin_timeout");
    row("net//ipv4/./tcp_fin_timeout/", "net/ipv4/tcp_fin_timeout");
    row("/net/ipv4/tcp_fin_timeout", "net/ipv4/tcp_fin_timeout");
    // An interface name with a dot, as sysctl.d(5) spells it in either form.
    row("net.ipv4.conf.eth0/100.rp_filter", "net/ipv4/conf/eth0.100/rp_filter");
    row("net/ipv4/conf/eth0.100/rp_filter", "net/ipv4/conf/eth0.100/rp_filter");
    row("net.ipv4.tcp_fin_timeout_x", "net/ipv4/tcp_fin_timeout_x");
}

void TestSysctlFile::normalizedKey()
{
    QFETCH(QString, key);
    QFETCH(QString, normalized);
    QCOMPARE(SysctlFile::normalizedKey(key), normalized);
}

void TestSysctlFile::update_data()
{
    // Sockpit writes net.ipv4.tcp_fin_timeout = 44 (and tcp_keepalive_time = 900 where the
    // row says so) into an existing file.
    QTest::addColumn<QByteArray>("existing");
    QTest::addColumn<bool>("keepalive");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray fin = "net.ipv4.tcp_fin_timeout = 44\n";
    auto row = [](const char *name, const QByteArray &existing, bool keepalive, const QByteArray &expected) {
        QTest::newRow(name) << existing << keepalive << expected;
    };
    row("no file", QByteArray(), false, header() + fin);
    row("net.ipv4.tcp_fin_timeout = 30", header() + "net.ipv4.tcp_fin_timeout = 30\n", false, header() + fin);
    row("net/ipv4/tcp_fin_timeout=30", header() + "net/ipv4/tcp_fin_timeout=30\n", false, header() + fin);
    row("-net.ipv4.tcp_fin_timeout = 30", header() + "-net.ipv4.tcp_fin_timeout = 30\n", false, header() + fin);
    row("  net.ipv4.tcp_fin_timeout\\t=\\t30", header() + "  net.ipv4.tcp_fin_timeout\t=\t30\n", false, header() + fin);
    row("ours, then net/ipv4/tcp_fin_timeout = 50 after it",
        header() + "net.ipv4.tcp_fin_timeout = 30\n# a person's note\nnet/ipv4/tcp_fin_timeout = 50\n", false,
        header() + fin + "# a person's note\n");
    row("-net/ipv4/tcp_fin_timeout = 51 and a comment before it",
        "# mine\n-net/ipv4/tcp_fin_timeout = 51\n", false, header() + "# mine\n" + fin);
    row("net.ipv4.tcp_fin_timeout_x = 5 is another key", header() + "net.ipv4.tcp_fin_timeout_x = 5\n", false,
        header() + "net.ipv4.tcp_fin_timeout_x = 5\n" + fin);
    row("; comment and a line without =", header() + "; comment\nnet.ipv4.tcp_fin_timeout\n", false,
        header() + "; comment\nnet.ipv4.tcp_fin_timeout\n" + fin);
    row("unrelated keys stay where they are",
        header() + "net.core.somaxconn = 4096\nnet.ipv4.tcp_fin_timeout = 30\nvm.swappiness = 10\n", true,
        header() + "net.core.somaxconn = 4096\n" + fin + "vm.swappiness = 10\nnet.ipv4.tcp_keepalive_time = 900\n");
    row("bytes that are not UTF-8", header() + "# caf\xe9 \xff\xfe\nnet.ipv4.tcp_fin_timeout = 30\n", false,
        header() + "# caf\xe9 \xff\xfe\n" + fin);
    row("no final newline", header() + "vm.swappiness = 10", false, header() + "vm.swappiness = 10\n" + fin);
    row("an older header of Sockpit's",
        "# Written by Sockpit 0.0.1 on 2020-01-01T00:00:00Z.\nnet.ipv4.tcp_fin_timeout = 30\n", false,
        "# Written by Sockpit " SOCKPIT_VERSION " on 2024-06-01T12:00:00Z.\n" + fin);
}

void TestSysctlFile::update()
{
    QFETCH(QByteArray, existing);
    QFETCH(bool, keepalive);
    QFETCH(QByteArray, expected);
    SysctlFile::Updates updates{{QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("44")}};
    if (keepalive)
        updates[QStringLiteral("net.ipv4.tcp_keepalive_time")] = QStringLiteral("900");
    const std::optional<QByteArray> current = existing.isNull() ? std::nullopt : std::optional(existing);
    const auto result = SysctlFile::update(current, updates, When);
    QVERIFY(result);
    QCOMPARE(*result, expected);
    // systemd-sysctl reads the last assignment of a key: it must be ours.
    QCOMPARE(SysctlFile::parse(QString::fromUtf8(*result)).at(QStringLiteral("net.ipv4.tcp_fin_timeout")),
             QStringLiteral("44"));
}

void TestSysctlFile::updateToNothingRemovesTheFile()
{
    const SysctlFile::Updates drop{{QStringLiteral("net.ipv4.tcp_fin_timeout"), std::nullopt}};
    QVERIFY(!SysctlFile::update(header() + "net/ipv4/tcp_fin_timeout = 30\n", drop, When));
    QVERIFY(!SysctlFile::update(std::nullopt, drop, When));
    // A person's line keeps the file.
    QCOMPARE(*SysctlFile::update(header() + "vm.swappiness = 10\n-net.ipv4.tcp_fin_timeout=3\n", drop, When),
             header() + "vm.swappiness = 10\n");
}

void TestSysctlFile::parseLastAssignmentWins()
{
    const SysctlFile::Values values =
        SysctlFile::parse(QStringLiteral("net.ipv4.tcp_fin_timeout = 30\n-net/ipv4/tcp_fin_timeout = 50\n"));
    QCOMPARE(values.size(), size_t(1));
    QCOMPARE(values.at(QStringLiteral("net.ipv4.tcp_fin_timeout")), QStringLiteral("50"));
}

QTEST_GUILESS_MAIN(TestSysctlFile)
#include "tst_sysctlfile.moc"
