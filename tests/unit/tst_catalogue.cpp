// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue is the allow-list: its entries must be complete and self-consistent, and
// reading current values must tell unavailable keys from errors. What validation learns
// from a sysctl tree (which algorithms may be set, which keys are read-only, the kernel
// release) is driven here by copied trees laid out as the kernel shows them.

#include "tuning/catalogue.h"
#include "tuning/kernelversion.h"
#include "tuning/plan.h"
#include "tuning/sysctltree.h"
#include "tuning/validator.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <sys/stat.h>

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
    void kernelView_data();
    void kernelView();
    void planRefusesReadOnlyKey();
    void boundsByRelease();

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
        // A reason for a stricter bound is a sentence, and only numbers have bounds.
        for (const char *reason : {tunable.stricterMinimum, tunable.stricterMaximum}) {
            if (!reason)
                continue;
            QVERIFY2(tunable.type != TunableType::Enum, qPrintable(key));
            QVERIFY2(std::strlen(reason) > 20 && std::strlen(reason) < 160, qPrintable(key));
        }
        // Older bounds come oldest first and are numbers like today's.
        const char *previous = nullptr;
        for (const OlderBounds &older : tunable.olderBounds) {
            if (!older.before)
                continue;
            QVERIFY2(older.minimum <= older.maximum, qPrintable(key));
            QVERIFY2(!previous || !kernelAtLeast(QString::fromLatin1(previous), older.before), qPrintable(key));
            previous = older.before;
        }
        if (tunable.emptyRange) {
            QCOMPARE(tunable.type, TunableType::IntegerPair);
            QVERIFY(validateChange(key, QString::fromLatin1(tunable.emptyRange), ValidationContext()).ok());
        }
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

// One row per situation, named by it: a tree as some kernel shows it, and what validating
// one change against it must give.
void TestCatalogue::kernelView_data()
{
    QTest::addColumn<QStringList>("files"); // "path=content" under the root; "path=content=0444" for the mode
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("refusal"); // part of the message; empty: accepted

    // A child network namespace (a container): no net.core.netdev_max_backlog or tcp_mem,
    // and cubic loaded but not in tcp_allowed_congestion_control.
    const QStringList container{QStringLiteral("net/ipv4/tcp_available_congestion_control=reno bbr cubic"),
                                QStringLiteral("net/ipv4/tcp_allowed_congestion_control=reno bbr"),
                                QStringLiteral("net/ipv4/tcp_congestion_control=bbr"),
                                QStringLiteral("net/core/rmem_max=4194304=0444"),
                                QStringLiteral("net/core/somaxconn=4096"),
                                QStringLiteral("net/ipv4/tcp_tw_reuse=2")};
    // The same kernel's initial namespace: every available algorithm may be set there.
    const QStringList host = container
                             + QStringList{QStringLiteral("net/core/netdev_max_backlog=1000"),
                                           QStringLiteral("net/ipv4/tcp_mem=287898 383867 575796")};
    const QString cc = QStringLiteral("net.ipv4.tcp_congestion_control");
    QTest::newRow("cubic in a container") << container << cc << QStringLiteral("cubic")
                                          << QStringLiteral("tcp_allowed_congestion_control");
    QTest::newRow("bbr in a container") << container << cc << QStringLiteral("bbr") << QString();
    QTest::newRow("reno in a container") << container << cc << QStringLiteral("reno") << QString();
    QTest::newRow("cubic on the host") << host << cc << QStringLiteral("cubic") << QString();
    QTest::newRow("cubic without an allowed list")
        << QStringList{QStringLiteral("net/ipv4/tcp_available_congestion_control=reno cubic"),
                       QStringLiteral("net/ipv4/tcp_congestion_control=reno")}
        << cc << QStringLiteral("cubic") << QString();
    QTest::newRow("rmem_max read-only here") << container << QStringLiteral("net.core.rmem_max")
                                             << QStringLiteral("8388608") << QStringLiteral("read-only here");
    QTest::newRow("rmem_max writable on the host")
        << QStringList{QStringLiteral("net/core/rmem_max=212992")} << QStringLiteral("net.core.rmem_max")
        << QStringLiteral("8388608") << QString();
    QTest::newRow("somaxconn writable in a container") << container << QStringLiteral("net.core.somaxconn")
                                                       << QStringLiteral("8192") << QString();
    // The kernel release comes from the tree too: bounds are looked up by it.
    QTest::newRow("tcp_tw_reuse=2 on 4.17")
        << QStringList{QStringLiteral("net/ipv4/tcp_tw_reuse=0"), QStringLiteral("kernel/osrelease=4.17.19")}
        << QStringLiteral("net.ipv4.tcp_tw_reuse") << QStringLiteral("2") << QStringLiteral("from 0 to 1");
    QTest::newRow("tcp_tw_reuse=2 on 4.18")
        << QStringList{QStringLiteral("net/ipv4/tcp_tw_reuse=0"), QStringLiteral("kernel/osrelease=4.18.0-1-amd64")}
        << QStringLiteral("net.ipv4.tcp_tw_reuse") << QStringLiteral("2") << QString();
    QTest::newRow("tcp_timestamps=2 on 4.9")
        << QStringList{QStringLiteral("net/ipv4/tcp_timestamps=1"), QStringLiteral("kernel/osrelease=4.9.0-19-amd64")}
        << QStringLiteral("net.ipv4.tcp_timestamps") << QStringLiteral("2") << QStringLiteral("from 0 to 1");
}

void TestCatalogue::kernelView()
{
    QFETCH(QStringList, files);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, refusal);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    for (const QString &file : std::as_const(files)) {
        const QStringList parts = file.split(QLatin1Char('='));
        const QString path = root.filePath(parts[0]);
        writeFile(path, parts[1].toUtf8() + '\n');
        if (parts.size() > 2)
            QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(parts[2].toUInt(nullptr, 8))), 0);
    }
    const SysctlTree tree(root.path());
    auto change = validateChange(key, value, ValidationContext::fromTree(tree));
    if (refusal.isEmpty()) {
        QVERIFY2(change.ok(), qPrintable(change.error()));
        QCOMPARE(change->value, value);
    } else {
        QVERIFY2(!change.ok(), qPrintable(QStringLiteral("accepted: %1 = %2").arg(key, value)));
        QVERIFY2(change.error().contains(refusal), qPrintable(change.error()));
        QVERIFY(change.error().contains(key));
    }
}

// A plan is refused up front for a key this namespace cannot write, rather than failing
// (and rolling back) when the helper applies it.
void TestCatalogue::planRefusesReadOnlyKey()
{
    QTemporaryDir root;
    writeFile(root.filePath(QStringLiteral("net/core/rmem_max")), "4194304\n");
    writeFile(root.filePath(QStringLiteral("net/ipv4/tcp_fin_timeout")), "60\n");
    const QByteArray rmem = QFile::encodeName(root.filePath(QStringLiteral("net/core/rmem_max")));
    QCOMPARE(::chmod(rmem.constData(), 0444), 0);
    const SysctlTree tree(root.path());
    auto plan = makePlan({{QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30")},
                          {QStringLiteral("net.core.rmem_max"), QStringLiteral("8388608")}},
                         tree);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().contains(QStringLiteral("net.core.rmem_max"))
                 && plan.error().contains(QStringLiteral("read-only here")),
             qPrintable(plan.error()));
    // The same from values read earlier, as the Tuning page plans.
    auto again = makePlan({{QStringLiteral("net.core.rmem_max"), QStringLiteral("8388608")}},
                          ValidationContext::fromTree(tree), readCurrentValues(tree));
    QVERIFY(!again.ok());
    QVERIFY(makePlan({{QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30")}}, tree).ok());
    for (const CurrentValue &value : readCurrentValues(tree)) {
        if (value.tunable->name() == QLatin1String("net.core.rmem_max"))
            QVERIFY(value.available && !value.writable);
        if (value.tunable->name() == QLatin1String("net.ipv4.tcp_fin_timeout"))
            QVERIFY(value.available && value.writable);
    }
}

void TestCatalogue::boundsByRelease()
{
    const Tunable &reuse = *Catalogue::find(u"net.ipv4.tcp_tw_reuse");
    QCOMPARE(Catalogue::bounds(reuse, u"4.17.19").maximum, 1);
    QCOMPARE(Catalogue::bounds(reuse, u"4.18").maximum, 2);
    QCOMPARE(Catalogue::bounds(reuse, {}).maximum, 2);
    QCOMPARE(Catalogue::bounds(reuse, {}).maximum, reuse.maximum);
    QVERIFY(Catalogue::describeAllowed(reuse, {}, u"4.17.19").contains(QStringLiteral("from 0 to 1")));
    QVERIFY(Catalogue::describeAllowed(reuse).contains(QStringLiteral("from 0 to 2")));
    const Tunable &fin = *Catalogue::find(u"net.ipv4.tcp_fin_timeout");
    QCOMPARE(Catalogue::bounds(fin, u"2.6.32").minimum, 1);
    QCOMPARE(Catalogue::bounds(fin, u"2.6.32").maximum, 600);
}

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
