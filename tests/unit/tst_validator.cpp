// SPDX-License-Identifier: GPL-3.0-or-later
// The helper's first line of defence, as a table: one row per input, named by the input.
// Every row states the outcome; a refused row also states words the message must carry
// (the key, the offending value, the allowed range) so a vague message fails too.

#include "tuning/catalogue.h"
#include "tuning/validator.h"

#include <QTest>

using namespace Sockpit;

namespace {

ValidationContext testContext()
{
    ValidationContext context;
    context.congestionControls = {QStringLiteral("reno"), QStringLiteral("cubic"), QStringLiteral("bbr")};
    // Available, but not in tcp_allowed_congestion_control of this (child) namespace.
    context.restrictedCongestionControls = {QStringLiteral("htcp")};
    context.queueDisciplines = Catalogue::queueDisciplines();
    context.unprivilegedPortStart = 1024;
    // As a child network namespace shows it (0444).
    context.readOnlyKeys = {QStringLiteral("net.core.wmem_default")};
    return context;
}

} // namespace

class TestValidator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void unavailableKey();
    void byKernelRelease_data();
    void byKernelRelease();
    void wholeRequest();
    void quotedEscapes();
    void lockout_data();
    void lockout();
};

void TestValidator::accepted_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("canonical");
    auto row = [](const char *key, const char *value, const char *canonical) {
        QTest::addRow("%s=%s", key, value) << QString::fromLatin1(key) << QString::fromLatin1(value)
                                          << QString::fromLatin1(canonical);
    };
    row("net.ipv4.tcp_fin_timeout", "30", "30");
    row("net.ipv4.tcp_fin_timeout", "1", "1");
    row("net.ipv4.tcp_fin_timeout", "600", "600");
    row("net.ipv4.ip_local_port_range", "1024 65535", "1024 65535");
    row("net.ipv4.ip_local_port_range", "2000  2000", "2000 2000");
    row("net.ipv4.tcp_rmem", "4096 131072 6291456", "4096 131072 6291456");
    row("net.ipv4.tcp_wmem", "4096 4096 4096", "4096 4096 4096");
    row("net.ipv4.tcp_tw_reuse", "0", "0");
    row("net.ipv4.tcp_tw_reuse", "2", "2");
    row("net.ipv4.tcp_slow_start_after_idle", "0", "0");
    row("net.ipv4.tcp_congestion_control", "bbr", "bbr");
    row("net.core.default_qdisc", "fq_codel", "fq_codel");
    row("net.ipv4.ip_local_reserved_ports", "", "");
    row("net.ipv4.ip_local_reserved_ports", "8080", "8080");
    row("net.ipv4.ip_local_reserved_ports", "9100,8080,9000-9099", "8080,9000-9100");
    row("net.ipv4.ip_local_reserved_ports", "80,81,82", "80-82");
    row("net.ipv4.ping_group_range", "0 2147483647", "0 2147483647");
    row("net.ipv4.ping_group_range", "1 0", "1 0");
    row("net.ipv4.ping_group_range", "1  0", "1 0");
    row("net.ipv4.ping_group_range", "0 4294967294", "0 4294967294");
    row("net.ipv4.tcp_fastopen", "3", "3");
    row("net.ipv4.tcp_fastopen", "1027", "1027");
    row("net.ipv4.tcp_notsent_lowat", "4294967295", "4294967295");
    row("net.core.somaxconn", "65535", "65535");
    row("net.netfilter.nf_conntrack_max", "1048576", "1048576");
    row("net.ipv4.tcp_mem", "287898 383867 575796", "287898 383867 575796");
    row("net.ipv4.tcp_mem", "96 96 96", "96 96 96");
    row("net.ipv4.tcp_mem", "450000  600000 900000", "450000 600000 900000");
    row("net.ipv4.tcp_max_orphans", "262144", "262144");
    row("net.ipv4.tcp_max_orphans", "1024", "1024");
    row("net.ipv4.tcp_max_orphans", "2147483647", "2147483647");
    // ip-sysctl tcp_synack_retries documents 0-255, and the kernel keeps 0.
    row("net.ipv4.tcp_synack_retries", "0", "0");
    row("net.ipv4.tcp_synack_retries", "255", "255");
    row("net.ipv4.ping_group_range", "0 0", "0 0");
    row("net.ipv4.ping_group_range", "4294967294 4294967294", "4294967294 4294967294");
}

void TestValidator::accepted()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, canonical);
    auto change = validateChange(key, value, testContext());
    QVERIFY2(change.ok(), qPrintable(change.error()));
    QCOMPARE(change->key, key);
    QCOMPARE(change->value, canonical);
    QVERIFY(change->tunable);
    QCOMPARE(change->tunable->name(), key);
}

void TestValidator::refused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("mentions"); // every entry must appear in the message

    const QString fin = QStringLiteral("net.ipv4.tcp_fin_timeout");
    const QString finAllowed = QStringLiteral("from 1 to 600 seconds");
    auto row = [](const QString &name, const QString &key, const QString &value, const QStringList &mentions) {
        QTest::newRow(qPrintable(name)) << key << value << mentions;
    };
    auto finRow = [&](const char *value, const char *why) {
        const QString v = QString::fromUtf8(value);
        row(QStringLiteral("tcp_fin_timeout=") + v, fin, v, {fin, why ? QString::fromUtf8(why) : v, finAllowed});
    };

    // Keys that are not on the allow-list, or try to escape /proc/sys/net.
    row(QStringLiteral("unknown key"), QStringLiteral("net.ipv4.tcp_no_such_thing"), QStringLiteral("1"),
        {QStringLiteral("net.ipv4.tcp_no_such_thing"), QStringLiteral("catalogue")});
    row(QStringLiteral("kernel.core_pattern"), QStringLiteral("kernel.core_pattern"), QStringLiteral("|/tmp/x"),
        {QStringLiteral("kernel.core_pattern"), QStringLiteral("catalogue")});
    row(QStringLiteral("net/ipv4/../../kernel/core_pattern"), QStringLiteral("net/ipv4/../../kernel/core_pattern"),
        QStringLiteral("1"), {QStringLiteral("core_pattern"), QStringLiteral("path separators")});
    row(QStringLiteral("net.ipv4...kernel.core_pattern"), QStringLiteral("net.ipv4...kernel.core_pattern"),
        QStringLiteral("1"), {QStringLiteral("\"..\"")});
    row(QStringLiteral("slash spelling"), QStringLiteral("net/ipv4/tcp_fin_timeout"), QStringLiteral("30"),
        {QStringLiteral("path separators")});
    row(QStringLiteral("glob *"), QStringLiteral("net.ipv4.tcp_*"), QStringLiteral("1"), {QStringLiteral("wildcards")});
    row(QStringLiteral("glob ?"), QStringLiteral("net.ipv4.tcp_fin_timeou?"), QStringLiteral("1"),
        {QStringLiteral("wildcards")});
    row(QStringLiteral("glob []"), QStringLiteral("net.ipv4.tcp_[a-z]"), QStringLiteral("1"),
        {QStringLiteral("wildcards")});
    row(QStringLiteral("leading -"), QStringLiteral("-net.ipv4.tcp_fin_timeout"), QStringLiteral("30"),
        {QStringLiteral("'-'")});
    row(QStringLiteral("leading -p"), QStringLiteral("-p"), QStringLiteral("/etc/passwd"), {QStringLiteral("'-'")});
    row(QStringLiteral("empty key"), QString(), QStringLiteral("1"), {QStringLiteral("empty")});
    row(QStringLiteral("key with newline"), QStringLiteral("net.ipv4.tcp_fin_timeout\nkernel.x"), QStringLiteral("1"),
        {QStringLiteral("\\n"), QStringLiteral("control")});
    row(QStringLiteral("key with NUL"), QStringLiteral("net.ipv4.tcp_fin_timeout") + QChar(0), QStringLiteral("1"),
        {QStringLiteral("\\x00"), QStringLiteral("control")});
    row(QStringLiteral("key with space"), QStringLiteral("net.ipv4.tcp_fin_timeout "), QStringLiteral("1"),
        {QStringLiteral("spaces")});
    row(QStringLiteral("key with ="), QStringLiteral("net.ipv4.tcp_fin_timeout=1"), QStringLiteral("1"),
        {QStringLiteral("'='")});
    row(QStringLiteral("uppercase key"), QStringLiteral("NET.IPV4.TCP_FIN_TIMEOUT"), QStringLiteral("30"),
        {QStringLiteral("catalogue")});
    row(QStringLiteral("non-ASCII key"), QStringLiteral("net.ipv4.tcp_fin_timeout\u00e9"), QStringLiteral("30"),
        {QStringLiteral("non-ASCII")});
    row(QStringLiteral("huge key"), QString(100000, QLatin1Char('a')), QStringLiteral("1"),
        {QStringLiteral("longer than 128"), QStringLiteral("100000 characters")});
    row(QStringLiteral("tcp_tw_recycle"), QStringLiteral("net.ipv4.tcp_tw_recycle"), QStringLiteral("1"),
        {QStringLiteral("net.ipv4.tcp_tw_recycle"), QStringLiteral("removed it in Linux 4.12")});

    // Values: syntax.
    finRow("", "expected one number, got 0");
    finRow("abc", "\"abc\" is not a decimal number");
    finRow("30\n", "line breaks");
    finRow("30\nkernel.core_pattern=|/bin/sh", "line breaks");
    finRow("30\r", "line breaks");
    finRow("30=", "'=' is not allowed");
    finRow("+30", "'+' is not allowed");
    finRow("-30", "negative");
    finRow("030", "leading zeros");
    finRow("00", "leading zeros");
    finRow("0x1e", "not a decimal number");
    finRow("3e1", "not a decimal number");
    finRow("30.0", "not a decimal number");
    finRow(" 30", "leading or trailing spaces");
    finRow("30 ", "leading or trailing spaces");
    finRow("30 30", "expected one number, got 2");
    finRow("30\t", "control");
    finRow("3\x01", "control");
    finRow("\xd9\xa3\xd9\xa0", "non-ASCII"); // Arabic-Indic digits three, zero
    row(QStringLiteral("tcp_fin_timeout=30<NUL>"), fin, QStringLiteral("30") + QChar(0) + QStringLiteral("1"),
        {fin, QStringLiteral("\\x00"), finAllowed});
    row(QStringLiteral("tcp_fin_timeout=<lone surrogate>"), fin, QString(QChar(0xd800)), {fin, QStringLiteral("non-ASCII")});
    row(QStringLiteral("huge value"), fin, QString(70000, QLatin1Char('9')),
        {fin, QStringLiteral("longer than 1024"), QStringLiteral("70000 characters")});

    // Values: range.
    finRow("0", "0 is out of range");
    finRow("601", "601 is out of range");
    finRow("99999999999999999999", "far out of range");
    finRow("2147483648", "out of range");
    row(QStringLiteral("tcp_tw_reuse=3"), QStringLiteral("net.ipv4.tcp_tw_reuse"), QStringLiteral("3"),
        {QStringLiteral("net.ipv4.tcp_tw_reuse"), QStringLiteral("\"3\""), QStringLiteral("from 0 to 2")});
    row(QStringLiteral("slow_start_after_idle=2"), QStringLiteral("net.ipv4.tcp_slow_start_after_idle"),
        QStringLiteral("2"), {QStringLiteral("0 or 1")});
    row(QStringLiteral("tcp_fastopen=8"), QStringLiteral("net.ipv4.tcp_fastopen"), QStringLiteral("8"),
        {QStringLiteral("bits"), QStringLiteral("0x607")});
    row(QStringLiteral("tcp_retries2=3"), QStringLiteral("net.ipv4.tcp_retries2"), QStringLiteral("3"),
        {QStringLiteral("from 8 to 255")});
    row(QStringLiteral("rmem_max=1000"), QStringLiteral("net.core.rmem_max"), QStringLiteral("1000"),
        {QStringLiteral("net.core.rmem_max"), QStringLiteral("from 2304")});

    // Pairs and triples.
    const QString range = QStringLiteral("net.ipv4.ip_local_port_range");
    row(QStringLiteral("port range low above high"), range, QStringLiteral("60999 32768"),
        {range, QStringLiteral("\"60999 32768\""), QStringLiteral("LOW 60999 is above HIGH 32768"),
         QStringLiteral("from 1 to 65535")});
    row(QStringLiteral("port range one number"), range, QStringLiteral("32768"),
        {QStringLiteral("expected 2 numbers, got 1")});
    row(QStringLiteral("port range three numbers"), range, QStringLiteral("1 2 3"),
        {QStringLiteral("expected 2 numbers, got 3")});
    row(QStringLiteral("port range 65536"), range, QStringLiteral("1024 65536"), {QStringLiteral("65536 is out of range")});
    row(QStringLiteral("port range below unprivileged start"), range, QStringLiteral("80 65535"),
        {QStringLiteral("below ip_unprivileged_port_start (1024)")});
    row(QStringLiteral("port range comma"), range, QStringLiteral("1024,65535"),
        {QStringLiteral("expected 2 numbers, got 1")});
    const QString rmem = QStringLiteral("net.ipv4.tcp_rmem");
    row(QStringLiteral("tcp_rmem out of order"), rmem, QStringLiteral("4096 6291456 131072"),
        {rmem, QStringLiteral("MIN <= DEFAULT <= MAX")});
    row(QStringLiteral("tcp_rmem min above default"), rmem, QStringLiteral("200000 131072 6291456"),
        {QStringLiteral("MIN <= DEFAULT <= MAX")});
    row(QStringLiteral("tcp_rmem two numbers"), rmem, QStringLiteral("4096 131072"),
        {QStringLiteral("expected 3 numbers, got 2")});
    row(QStringLiteral("tcp_rmem zero"), rmem, QStringLiteral("0 131072 6291456"), {QStringLiteral("0 is out of range")});
    const QString mem = QStringLiteral("net.ipv4.tcp_mem");
    row(QStringLiteral("tcp_mem pressure above max"), mem, QStringLiteral("287898 600000 575796"),
        {mem, QStringLiteral("\"287898 600000 575796\""), QStringLiteral("MIN <= PRESSURE <= MAX"),
         QStringLiteral("from 96 to 4294967295 pages")});
    row(QStringLiteral("tcp_mem min above pressure"), mem, QStringLiteral("400000 383867 575796"),
        {QStringLiteral("MIN <= PRESSURE <= MAX")});
    row(QStringLiteral("tcp_mem below the kernel's smallest"), mem, QStringLiteral("1 2 3"),
        {QStringLiteral("1 is out of range"), QStringLiteral("from 96")});
    row(QStringLiteral("tcp_mem above 2^32 pages"), mem, QStringLiteral("96 96 4294967296"),
        {QStringLiteral("4294967296 is out of range")});
    row(QStringLiteral("tcp_mem one number"), mem, QStringLiteral("575796"), {QStringLiteral("expected 3 numbers, got 1")});
    row(QStringLiteral("tcp_mem with tabs"), mem, QStringLiteral("287898\t383867\t575796"), {QStringLiteral("control")});
    const QString orphans = QStringLiteral("net.ipv4.tcp_max_orphans");
    row(QStringLiteral("tcp_max_orphans lowered below 1024"), orphans, QStringLiteral("512"),
        {orphans, QStringLiteral("512 is out of range"), QStringLiteral("from 1024 to 2147483647 sockets")});
    row(QStringLiteral("tcp_max_orphans negative"), orphans, QStringLiteral("-1"), {QStringLiteral("negative")});
    row(QStringLiteral("tcp_max_orphans above int"), orphans, QStringLiteral("2147483648"),
        {QStringLiteral("2147483648 is out of range")});
    row(QStringLiteral("tcp_max_orphans pair"), orphans, QStringLiteral("1024 2048"),
        {QStringLiteral("expected one number, got 2")});
    row(QStringLiteral("ping_group_range above gid max"), QStringLiteral("net.ipv4.ping_group_range"),
        QStringLiteral("0 4294967295"), {QStringLiteral("4294967295 is out of range")});
    // The kernel stores every reversed pair as "1 0"; only "1 0" itself is planned.
    const QString ping = QStringLiteral("net.ipv4.ping_group_range");
    for (const char *reversed : {"100 50", "2 1", "4294967294 0"}) {
        const QString v = QString::fromLatin1(reversed);
        row(QStringLiteral("ping_group_range=") + v, ping, v,
            {ping, QLatin1Char('"') + v + QLatin1Char('"'), QStringLiteral("stores as \"1 0\""),
             QStringLiteral("or \"1 0\" for none")});
    }
    // Stricter than the kernel on purpose: the refusal says why.
    row(QStringLiteral("tcp_fin_timeout=0 says why"), fin, QStringLiteral("0"),
        {QStringLiteral("stricter than the kernel"), QStringLiteral("3.5 retransmission timeouts")});
    row(QStringLiteral("tcp_keepalive_probes=128 says why"), QStringLiteral("net.ipv4.tcp_keepalive_probes"),
        QStringLiteral("128"), {QStringLiteral("stricter than the kernel"), QStringLiteral("MAX_TCP_KEEPCNT")});
    row(QStringLiteral("tcp_synack_retries=256"), QStringLiteral("net.ipv4.tcp_synack_retries"), QStringLiteral("256"),
        {QStringLiteral("256 is out of range"), QStringLiteral("from 0 to 255")});
    // The kernel's own bound: nothing to explain.
    row(QStringLiteral("tcp_syn_retries=128 is the kernel's bound"), QStringLiteral("net.ipv4.tcp_syn_retries"),
        QStringLiteral("128"), {QStringLiteral("128 is out of range; allowed")});
    // What the running kernel does not let this namespace change.
    row(QStringLiteral("wmem_default read-only here"), QStringLiteral("net.core.wmem_default"), QStringLiteral("212992"),
        {QStringLiteral("net.core.wmem_default"), QStringLiteral("read-only here")});

    // Enums and port lists.
    const QString cc = QStringLiteral("net.ipv4.tcp_congestion_control");
    row(QStringLiteral("congestion control not available"), cc, QStringLiteral("vegas"),
        {cc, QStringLiteral("\"vegas\""), QStringLiteral("one of: reno, cubic, bbr")});
    row(QStringLiteral("congestion control uppercase"), cc, QStringLiteral("BBR"), {QStringLiteral("one of")});
    row(QStringLiteral("congestion control not allowed in this namespace"), cc, QStringLiteral("htcp"),
        {cc, QStringLiteral("\"htcp\""), QStringLiteral("tcp_allowed_congestion_control"),
         QStringLiteral("allowed here: one of: reno, cubic, bbr")});
    row(QStringLiteral("congestion control path"), cc, QStringLiteral("../bbr"), {QStringLiteral("one of")});
    row(QStringLiteral("default_qdisc unknown"), QStringLiteral("net.core.default_qdisc"), QStringLiteral("htb"),
        {QStringLiteral("one of: pfifo_fast")});
    const QString reserved = QStringLiteral("net.ipv4.ip_local_reserved_ports");
    row(QStringLiteral("reserved ports backwards"), reserved, QStringLiteral("9100-9000"),
        {reserved, QStringLiteral("runs backwards")});
    row(QStringLiteral("reserved ports 0"), reserved, QStringLiteral("0"), {QStringLiteral("out of range")});
    row(QStringLiteral("reserved ports trailing comma"), reserved, QStringLiteral("8080,"),
        {QStringLiteral("a number is missing")});
    row(QStringLiteral("reserved ports open range"), reserved, QStringLiteral("8080-"),
        {QStringLiteral("a number is missing")});
    row(QStringLiteral("reserved ports space"), reserved, QStringLiteral("8080, 8081"),
        {QStringLiteral("not a decimal number")});
}

void TestValidator::refused()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QStringList, mentions);
    auto change = validateChange(key, value, testContext());
    QVERIFY2(!change.ok(), qPrintable(QStringLiteral("accepted as %1").arg(change.ok() ? change->value : QString())));
    for (const QString &mention : mentions)
        QVERIFY2(change.error().contains(mention),
                 qPrintable(QStringLiteral("\"%1\" not in: %2").arg(mention, change.error())));
    // A message is one line, however hostile the input.
    QVERIFY(!change.error().contains(QLatin1Char('\n')));
    QVERIFY(!change.error().contains(QChar(0)));
    QVERIFY(change.error().size() < 600);
}

void TestValidator::unavailableKey()
{
    ValidationContext context = testContext();
    context.availableKeys = QSet<QString>{QStringLiteral("net.ipv4.tcp_fin_timeout")};
    QVERIFY(validateChange(QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"), context).ok());
    auto missing = validateChange(QStringLiteral("net.netfilter.nf_conntrack_max"), QStringLiteral("100000"), context);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(QStringLiteral("not available")), qPrintable(missing.error()));
}

// Bounds that changed with a kernel release are looked up by the release, as availability
// is; an unknown release counts as a current kernel.
void TestValidator::byKernelRelease_data()
{
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("refusal"); // part of the message; empty: accepted
    auto row = [](const char *release, const char *key, const char *value, const char *refusal) {
        QTest::addRow("%s: %s=%s", *release ? release : "unknown", key, value)
            << QString::fromLatin1(release) << QString::fromLatin1(key) << QString::fromLatin1(value)
            << QString::fromLatin1(refusal);
    };
    // tcp_tw_reuse 2 (loopback only) came with 4.18; before, the key was a boolean.
    row("4.17.19", "net.ipv4.tcp_tw_reuse", "2", "from 0 to 1");
    row("4.17.19", "net.ipv4.tcp_tw_reuse", "1", "");
    row("4.18.0", "net.ipv4.tcp_tw_reuse", "2", "");
    row("6.1.0-18-amd64", "net.ipv4.tcp_tw_reuse", "2", "");
    row("", "net.ipv4.tcp_tw_reuse", "2", "");
    row("not-a-release", "net.ipv4.tcp_tw_reuse", "2", "");
    // tcp_timestamps 2 (no random offsets) came with 4.10.
    row("4.9.337", "net.ipv4.tcp_timestamps", "2", "from 0 to 1");
    row("2.6.32-754.el6.x86_64", "net.ipv4.tcp_timestamps", "2", "from 0 to 1");
    row("4.10", "net.ipv4.tcp_timestamps", "2", "");
    // Bounds that never changed do not depend on the release.
    row("2.6.32-754.el6.x86_64", "net.ipv4.tcp_fin_timeout", "600", "");
}

void TestValidator::byKernelRelease()
{
    QFETCH(QString, release);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, refusal);
    ValidationContext context = testContext();
    context.kernelRelease = release;
    auto change = validateChange(key, value, context);
    if (refusal.isEmpty()) {
        QVERIFY2(change.ok(), qPrintable(change.error()));
    } else {
        QVERIFY2(!change.ok(), qPrintable(QStringLiteral("accepted on %1").arg(release)));
        QVERIFY2(change.error().contains(refusal), qPrintable(change.error()));
    }
}

void TestValidator::wholeRequest()
{
    const ValidationContext context = testContext();
    const RequestedChange fin{QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30")};
    const RequestedChange reuse{QStringLiteral("net.ipv4.tcp_tw_reuse"), QStringLiteral("1")};
    const RequestedChange bad{QStringLiteral("net.ipv4.tcp_tw_reuse"), QStringLiteral("9")};

    auto both = validateChanges({fin, reuse}, context);
    QVERIFY2(both.ok(), qPrintable(both.error()));
    QCOMPARE(both->size(), size_t(2));

    // One bad change refuses all of them.
    auto oneBad = validateChanges({fin, bad}, context);
    QVERIFY(!oneBad.ok());
    QVERIFY(oneBad.error().contains(QStringLiteral("net.ipv4.tcp_tw_reuse")));

    auto duplicate = validateChanges({fin, reuse, {fin.first, QStringLiteral("40")}}, context);
    QVERIFY(!duplicate.ok());
    QVERIFY2(duplicate.error().contains(QStringLiteral("more than once")), qPrintable(duplicate.error()));

    QVERIFY(!validateChanges({}, context).ok());

    std::vector<RequestedChange> tooMany(size_t(maximumChanges()) + 1, fin);
    auto flood = validateChanges(tooMany, context);
    QVERIFY(!flood.ok());
    QVERIFY2(flood.error().contains(QStringLiteral("at most")), qPrintable(flood.error()));
}

void TestValidator::quotedEscapes()
{
    QCOMPARE(quoted(QStringLiteral("a\nb")), QStringLiteral("\"a\\nb\""));
    QCOMPARE(quoted(QStringLiteral("a\"b")), QStringLiteral("\"a\\\"b\""));
    QCOMPARE(quoted(QString(QChar(0x1b))), QStringLiteral("\"\\x1b\""));
    QVERIFY(quoted(QString(200, QLatin1Char('x'))).endsWith(QStringLiteral("(200 characters)")));
}

void TestValidator::lockout_data()
{
    // Valid one by one, but together with the host's current values some lock it out. The
    // host: ip_local_port_range 40000 40999, reserved 40100-40199,40500, 4000000 pages of
    // memory. "!" after a value: the request acknowledges that key.
    QTest::addColumn<QStringList>("changes");
    QTest::addColumn<QString>("mention"); // empty: accepted
    auto row = [](std::initializer_list<const char *> changes, const char *mention) {
        QStringList list;
        for (const char *change : changes)
            list << QString::fromLatin1(change);
        QTest::newRow(qPrintable(list.join(QStringLiteral("; ")))) << list << QString::fromLatin1(mention);
    };
    row({"net.ipv4.ip_local_reserved_ports=1-65535"}, "covers the whole ephemeral range 40000-40999");
    row({"net.ipv4.ip_local_reserved_ports=40000-40999"}, "covers the whole ephemeral range 40000-40999");
    row({"net.ipv4.ip_local_reserved_ports=40000-40500,40501-40999"}, "EADDRNOTAVAIL");
    row({"net.ipv4.ip_local_reserved_ports=40000-40998"}, "");
    row({"net.ipv4.ip_local_reserved_ports="}, "");
    row({"net.ipv4.ip_local_port_range=40100 40199"}, "covers the whole ephemeral range 40100-40199");
    row({"net.ipv4.ip_local_port_range=40100 40200"}, "");
    row({"net.ipv4.ip_local_port_range=30000 30010", "net.ipv4.ip_local_reserved_ports=30000-30010"},
        "covers the whole ephemeral range 30000-30010");
    row({"net.ipv4.ip_local_port_range=40100 40199", "net.ipv4.ip_local_reserved_ports=40500"}, "");
    row({"net.ipv4.tcp_mem=1000 2000 4000000"}, "");
    row({"net.ipv4.tcp_mem=1000 2000 4000001"}, "more than this host's 4000000 pages");
    row({"net.ipv4.tcp_mem=1000 2000 4294967295"}, "more than this host's 4000000 pages");
    row({"net.ipv4.ping_group_range=0 2147483647"}, "opens ICMP sockets to every user");
    row({"net.ipv4.ping_group_range=0 4294967294"}, "acknowledge");
    row({"net.ipv4.ping_group_range=0 2147483647!"}, "");
    row({"net.ipv4.ping_group_range=0 2147483646"}, "");
    row({"net.ipv4.ping_group_range=100 100"}, "");
    row({"net.ipv4.ping_group_range=1 0"}, "");
}

void TestValidator::lockout()
{
    QFETCH(QStringList, changes);
    QFETCH(QString, mention);
    ValidationContext context = testContext();
    context.localPortRange = std::pair<std::int64_t, std::int64_t>{40000, 40999};
    context.reservedPorts = QStringLiteral("40100-40199,40500");
    context.physicalMemoryPages = 4000000;
    std::vector<RequestedChange> requested;
    for (QString change : changes) {
        if (change.endsWith(QLatin1Char('!'))) {
            change.chop(1);
            context.acknowledged.insert(change.section(QLatin1Char('='), 0, 0));
        }
        requested.emplace_back(change.section(QLatin1Char('='), 0, 0), change.section(QLatin1Char('='), 1));
    }
    auto valid = validateChanges(requested, context);
    if (mention.isEmpty()) {
        QVERIFY2(valid, qPrintable(valid.error()));
        return;
    }
    QVERIFY(!valid);
    QVERIFY2(valid.error().contains(mention), qPrintable(valid.error()));
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
