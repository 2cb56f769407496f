// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue is the allow-list: its entries must be complete and self-consistent, and
// reading current values must tell unavailable keys from errors.

#include "catalogue.h"
#include "sysctltree.h"
#include "validator.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Sockpit;

class TestCatalogue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requiredKeys_data();
    void requiredKeys();
    void entriesAreComplete();
    void defaultsValidate();
    void retiredKeysNeverOffered();
    void readsFromRoot();
    void contextFromTree();

private:
    static void writeFile(const QString &path, const QByteArray &content);
};

void TestCatalogue::requiredKeys_data()
{
    QTest::addColumn<QString>("key");
    for (const char *key :
         {"net.ipv4.ip_local_port_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_tw_reuse",
          "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_max_syn_backlog",
          "net.ipv4.tcp_syncookies", "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_synack_retries",
          "net.ipv4.tcp_retries2", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
          "net.ipv4.tcp_congestion_control", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_mtu_probing",
          "net.ipv4.tcp_fastopen", "net.ipv4.tcp_timestamps", "net.ipv4.tcp_notsent_lowat",
          "net.ipv4.ping_group_range", "net.core.somaxconn", "net.core.netdev_max_backlog", "net.core.rmem_max",
          "net.core.wmem_max", "net.core.rmem_default", "net.core.wmem_default", "net.core.default_qdisc",
          "net.netfilter.nf_conntrack_max", "net.ipv4.tcp_mem", "net.ipv4.tcp_max_orphans"})
        QTest::newRow(key) << QString::fromLatin1(key);
}

void TestCatalogue::requiredKeys()
{
    QFETCH(QString, key);
    const Tunable *tunable = Catalogue::find(key);
    QVERIFY(tunable);
    QCOMPARE(tunable->name(), key);
}

void TestCatalogue::entriesAreComplete()
{
    QSet<QString> seen;
    for (const Tunable &tunable : Catalogue::all()) {
        const QString key = tunable.name();
        QVERIFY2(!seen.contains(key), qPrintable(key));
        seen.insert(key);
        QVERIFY2(key.startsWith(QLatin1String("net.")), qPrintable(key));
        QVERIFY2(validateKey(key).ok(), qPrintable(key));
        QVERIFY2(!Catalogue::explanation(tunable).isEmpty(), qPrintable(key));
        QVERIFY2(!Catalogue::risks(tunable).isEmpty(), qPrintable(key));
        QVERIFY2(*tunable.introduced, qPrintable(key));
        QVERIFY2(!tunable.removed, qPrintable(key));
        if (tunable.type != TunableType::Enum)
            QVERIFY2(tunable.minimum <= tunable.maximum, qPrintable(key));
    }
    QCOMPARE(Catalogue::find(u"net.ipv4.tcp_tw_reuse")->defaultValue, "2");
    // tcp_mem counts pages and names its fields after what the kernel does at each level.
    const Tunable *mem = Catalogue::find(u"net.ipv4.tcp_mem");
    QCOMPARE(mem->type, TunableType::IntegerTriple);
    QCOMPARE(Catalogue::unit(*mem), QStringLiteral("pages"));
    QVERIFY(Catalogue::describeAllowed(*mem).contains(QStringLiteral("\"MIN PRESSURE MAX\"")));
    QVERIFY(Catalogue::describeAllowed(*Catalogue::find(u"net.ipv4.tcp_rmem")).contains(QStringLiteral("MIN DEFAULT MAX")));
    const Tunable *orphans = Catalogue::find(u"net.ipv4.tcp_max_orphans");
    QCOMPARE(orphans->type, TunableType::Integer);
    QVERIFY(Catalogue::risks(*orphans).contains(QStringLiteral("64 KiB")));
}

// A catalogue default the validator refuses would be a catalogue bug.
void TestCatalogue::defaultsValidate()
{
    ValidationContext context;
    context.congestionControls = {QStringLiteral("cubic")};
    context.queueDisciplines = Catalogue::queueDisciplines();
    for (const Tunable &tunable : Catalogue::all()) {
        auto change = validateChange(tunable.name(), QString::fromLatin1(tunable.defaultValue), context);
        QVERIFY2(change.ok(), qPrintable(change.error()));
        QCOMPARE(change->value, QString::fromLatin1(tunable.defaultValue));
    }
}

void TestCatalogue::retiredKeysNeverOffered()
{
    QVERIFY(!Catalogue::find(u"net.ipv4.tcp_tw_recycle"));
    const Tunable *retired = Catalogue::findRetired(u"net.ipv4.tcp_tw_recycle");
    QVERIFY(retired);
    QCOMPARE(retired->removed, "4.12");
}

void TestCatalogue::writeFile(const QString &path, const QByteArray &content)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

void TestCatalogue::readsFromRoot()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    // As the kernel prints them: tabs between fields, a trailing newline.
    writeFile(root.filePath(QStringLiteral("net/ipv4/ip_local_port_range")), "32768\t60999\n");
    writeFile(root.filePath(QStringLiteral("net/ipv4/tcp_rmem")), "4096\t131072\t6291456\n");
    writeFile(root.filePath(QStringLiteral("net/ipv4/tcp_fin_timeout")), "60\n");
    writeFile(root.filePath(QStringLiteral("net/ipv4/ip_local_reserved_ports")), "\n");

    const SysctlTree tree(root.path());
    QCOMPARE(tree.read(QStringLiteral("net.ipv4.tcp_rmem")).value(), QStringLiteral("4096 131072 6291456"));
    auto missing = tree.read(QStringLiteral("net.core.somaxconn"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.errorCode(), ENOENT);

    const auto values = readCurrentValues(tree);
    QCOMPARE(values.size(), Catalogue::all().size());
    int available = 0;
    for (const CurrentValue &value : values) {
        QVERIFY(value.error.isEmpty());
        if (!value.available)
            continue;
        ++available;
        if (value.tunable->name() == QLatin1String("net.ipv4.ip_local_port_range"))
            QCOMPARE(value.value, QStringLiteral("32768 60999"));
        if (value.tunable->name() == QLatin1String("net.ipv4.ip_local_reserved_ports"))
            QCOMPARE(value.value, QString());
    }
    QCOMPARE(available, 4);

    QVERIFY(tree.write(QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30")).ok());
    QCOMPARE(tree.read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value(), QStringLiteral("30"));
    // Writing never creates a key.
    QVERIFY(!tree.write(QStringLiteral("net.core.somaxconn"), QStringLiteral("1024")).ok());
    QVERIFY(!QFile::exists(root.filePath(QStringLiteral("net/core/somaxconn"))));
}

void TestCatalogue::contextFromTree()
{
    QTemporaryDir root;
    writeFile(root.filePath(QStringLiteral("net/ipv4/tcp_available_congestion_control")), "reno cubic\n");
    writeFile(root.filePath(QStringLiteral("net/ipv4/ip_unprivileged_port_start")), "2000\n");
    writeFile(root.filePath(QStringLiteral("net/ipv4/tcp_congestion_control")), "cubic\n");
    writeFile(root.filePath(QStringLiteral("net/ipv4/ip_local_port_range")), "32768\t60999\n");
    const ValidationContext context = ValidationContext::fromTree(SysctlTree(root.path()));
    QCOMPARE(context.congestionControls, (QStringList{QStringLiteral("reno"), QStringLiteral("cubic")}));
    QCOMPARE(context.unprivilegedPortStart, 2000);
    QVERIFY(context.availableKeys);
    QCOMPARE(context.availableKeys->size(), 2);
    QVERIFY(validateChange(QStringLiteral("net.ipv4.tcp_congestion_control"), QStringLiteral("reno"), context).ok());
    QVERIFY(!validateChange(QStringLiteral("net.ipv4.tcp_congestion_control"), QStringLiteral("bbr"), context).ok());
    QVERIFY(!validateChange(QStringLiteral("net.ipv4.ip_local_port_range"), QStringLiteral("1500 60999"), context).ok());
    auto unavailable = validateChange(QStringLiteral("net.core.somaxconn"), QStringLiteral("1024"), context);
    QVERIFY(!unavailable.ok());
    QVERIFY(unavailable.error().contains(QStringLiteral("not available")));
}

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
