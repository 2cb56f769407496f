// SPDX-License-Identifier: GPL-3.0-or-later
// The prober against a fake host on a TUN device in a private network namespace: its
// figures are held against the delay each packet spent beyond the device, as the kernel
// stamped it there (see fakehost.h), and against iputils ping run on the same host in the
// same test. The truth is stamped where the packets are, so these verdicts hold on a busy
// machine; only the prober's own send stamp, taken just before its sendto(), is on a
// user-space clock.

#include "fakehost.h"
#include "netns.h"
#include "probes/prober.h"

#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <map>
#include <set>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

// The requirement: avg and percentiles within 0.3 ms + 3 % of the fake host's log.
bool close(double measured, double truth)
{
    return qAbs(measured - truth) <= 0.3 + 0.03 * qAbs(truth);
}

struct Run
{
    std::vector<ProbeSample> samples;
    QString error;
};

Run probe(const QString &target, ProberOptions options)
{
    Run run;
    auto parsed = parseProbeTarget(target);
    if (!parsed)
        return {{}, parsed.error()};
    Prober prober(options);
    auto added = prober.addTarget(parsed.value());
    if (!added)
        return {{}, added.error()};
    QEventLoop loop;
    QObject::connect(&prober, &Prober::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    prober.start();
    if (!prober.isFinished())
        loop.exec();
    run.samples = prober.samples(0);
    std::sort(run.samples.begin(), run.samples.end(), [](auto &a, auto &b) { return a.seq < b.seq; });
    return run;
}

// Answered entries whose delay is not from the kernel's stamps on the device: the log of
// a test must have none, or its truth is a thread's guess.
QString unstamped(const std::vector<FakeHost::Entry> &log)
{
    QStringList problems;
    for (const FakeHost::Entry &e : log)
        if (!e.dropped && !e.deviceStamped)
            problems << QStringLiteral("id %1 seq %2 to %3 (%4)")
                            .arg(e.id)
                            .arg(e.seq)
                            .arg(e.destination, e.requestStamped ? QStringLiteral("reply not seen on the device")
                                                                 : QStringLiteral("request not seen on the device"));
    return problems.join(QLatin1String("; "));
}

// The log as samples, so both sides go through the same statistics code.
std::vector<ProbeSample> logAsSamples(const std::vector<FakeHost::Entry> &log, FakeHost::Kind kind)
{
    std::vector<ProbeSample> samples;
    for (const FakeHost::Entry &e : log) {
        if (e.kind != kind)
            continue;
        ProbeSample s;
        s.seq = e.seq;
        if (!e.dropped)
            s.rttNs = e.appliedNs;
        samples.push_back(s);
    }
    return samples;
}

QString compareStats(const ProbeStats &ours, const ProbeStats &truth)
{
    QString problems;
    const std::pair<const char *, std::pair<double, double>> pairs[] = {
        {"avg", {ours.avgMs, truth.avgMs}}, {"p50", {ours.p50Ms, truth.p50Ms}},
        {"p95", {ours.p95Ms, truth.p95Ms}}, {"p99", {ours.p99Ms, truth.p99Ms}},
        {"mdev", {ours.mdevMs, truth.mdevMs}},
    };
    for (const auto &[name, values] : pairs)
        if (!close(values.first, values.second))
            problems += QStringLiteral("%1 %2 ms vs log %3 ms; ").arg(QLatin1StringView(name)).arg(values.first).arg(values.second);
    return problems;
}

} // namespace

class ProbesNamespaceTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void icmpMatchesLog_data();
    void icmpMatchesLog();
    void pingAgreesOnSameHost();
    void tcpConnectMatchesLog();
    void lateRepliesAreLost();
    void queueWaitIsInTheTruth();
    void clearErrors_data();
    void clearErrors();
    void unreachableIsReportedAndLost_data();
    void unreachableIsReportedAndLost();
    void pingSocketRefusalNamesSysctl();

private:
    FakeHost m_host;
    FakeHost::Config m_config;
};

void ProbesNamespaceTest::initTestCase()
{
    if (const QString reason = namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    if (auto entered = enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    m_config.delayMs = 5;
    m_config.jitterMs = 2;
    m_config.lossPct = 10;
    m_config.seed = 42;
    m_config.openTcpPorts = {8080};
    auto started = m_host.start(m_config);
    QVERIFY2(started.ok(), qPrintable(started.error()));
}

void ProbesNamespaceTest::icmpMatchesLog_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("kind");
    QTest::newRow("ipv4 raw") << QStringLiteral("icmp://10.77.0.2") << int(IcmpMode::Raw) << int(FakeHost::Kind::Icmp4);
    QTest::newRow("ipv6 raw") << QStringLiteral("icmp://fd77::2") << int(IcmpMode::Raw) << int(FakeHost::Kind::Icmp6);
    QTest::newRow("ipv4 ping socket") << QStringLiteral("icmp://10.77.0.2") << int(IcmpMode::PingSocket) << int(FakeHost::Kind::Icmp4);
    QTest::newRow("ipv6 ping socket") << QStringLiteral("icmp://[fd77::2]") << int(IcmpMode::PingSocket) << int(FakeHost::Kind::Icmp6);
}

void ProbesNamespaceTest::icmpMatchesLog()
{
    QFETCH(QString, target);
    QFETCH(int, mode);
    QFETCH(int, kind);
    // Ping sockets for group 0 in this namespace only.
    QVERIFY(writeSysctl(QStringLiteral("net.ipv4.ping_group_range"), "0 0").ok());
    m_host.setConfig(m_config);
    m_host.clearLog();
    ProberOptions options;
    options.count = 300;
    options.intervalMs = 10;
    options.timeoutMs = 500;
    options.icmpMode = IcmpMode(mode);
    const Run run = probe(target, options);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const std::vector<FakeHost::Entry> log = m_host.log();
    QVERIFY2(unstamped(log).isEmpty(), qPrintable(unstamped(log)));
    const std::vector<ProbeSample> truth = logAsSamples(log, FakeHost::Kind(kind));
    QCOMPARE(run.samples.size(), size_t(options.count));
    QCOMPARE(truth.size(), size_t(options.count));

    // Losses are exactly the requests the fake host dropped.
    std::set<quint32> lost, dropped;
    for (const ProbeSample &s : run.samples)
        if (!s.ok())
            lost.insert(s.seq & 0xffff);
    for (const ProbeSample &s : truth)
        if (!s.ok())
            dropped.insert(s.seq);
    QVERIFY(!dropped.empty());
    QCOMPARE(lost, dropped);
    for (const ProbeSample &s : run.samples)
        QVERIFY2(s.ok() || s.error == QLatin1String("timeout"), qPrintable(s.error));

    const ProbeStats ours = computeProbeStats(run.samples);
    const ProbeStats expected = computeProbeStats(truth);
    QCOMPARE(ours.lossPct, expected.lossPct);
    const QString problems = compareStats(ours, expected);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void ProbesNamespaceTest::pingAgreesOnSameHost()
{
    m_host.setConfig(m_config);
    m_host.clearLog();
    QProcess ping;
    ping.start(QStringLiteral("ping"), {QStringLiteral("-n"), QStringLiteral("-q"), QStringLiteral("-c"), QStringLiteral("200"),
                                        QStringLiteral("-i"), QStringLiteral("0.01"), QStringLiteral("-W"), QStringLiteral("1"),
                                        QString::fromLatin1(FakeHost::HostV4)});
    QVERIFY(ping.waitForFinished(60000));
    const QString output = QString::fromLocal8Bit(ping.readAllStandardOutput());
    const std::vector<FakeHost::Entry> log = m_host.log();
    QVERIFY2(unstamped(log).isEmpty(), qPrintable(unstamped(log)));
    const std::vector<ProbeSample> pingTruth = logAsSamples(log, FakeHost::Kind::Icmp4);
    const ProbeStats pingLog = computeProbeStats(pingTruth);

    // "200 packets transmitted, 181 received, 9.5% packet loss, time 2189ms"
    // "rtt min/avg/max/mdev = 3.071/5.087/7.066/1.151 ms"
    const auto counts = QRegularExpression(QStringLiteral("(\\d+) packets transmitted, (\\d+) received")).match(output);
    const auto rtt = QRegularExpression(QStringLiteral("= ([\\d.]+)/([\\d.]+)/([\\d.]+)/([\\d.]+) ms")).match(output);
    QVERIFY2(counts.hasMatch() && rtt.hasMatch(), qPrintable(output));
    QCOMPARE(counts.captured(1).toInt(), pingLog.sent);
    QCOMPARE(counts.captured(2).toInt(), pingLog.received);
    QVERIFY2(close(rtt.captured(2).toDouble(), pingLog.avgMs), qPrintable(output + QString::number(pingLog.avgMs)));
    QVERIFY2(close(rtt.captured(4).toDouble(), pingLog.mdevMs), qPrintable(output + QString::number(pingLog.mdevMs)));

    // The prober on the same host, same settings, right after: both agree with the log.
    m_host.clearLog();
    ProberOptions options;
    options.count = 200;
    options.intervalMs = 10;
    const Run run = probe(QStringLiteral("icmp://10.77.0.2"), options);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const ProbeStats ours = computeProbeStats(run.samples);
    const ProbeStats ourLog = computeProbeStats(logAsSamples(m_host.log(), FakeHost::Kind::Icmp4));
    QCOMPARE(ours.received, ourLog.received);
    const QString problems = compareStats(ours, ourLog);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void ProbesNamespaceTest::tcpConnectMatchesLog()
{
    m_host.setConfig(m_config);
    m_host.clearLog();
    ProberOptions options;
    options.count = 200;
    options.intervalMs = 10;
    options.timeoutMs = 500; // below the kernel's 1 s SYN retransmission: a dropped SYN is a loss
    const Run run = probe(QStringLiteral("tcp://10.77.0.2:8080"), options);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const std::vector<FakeHost::Entry> log = m_host.log();
    QVERIFY2(unstamped(log).isEmpty(), qPrintable(unstamped(log)));
    const std::vector<ProbeSample> truth = logAsSamples(log, FakeHost::Kind::TcpSyn);
    QCOMPARE(truth.size(), size_t(options.count));
    const ProbeStats ours = computeProbeStats(run.samples);
    const ProbeStats expected = computeProbeStats(truth);
    QVERIFY(expected.received < expected.sent);
    QCOMPARE(ours.received, expected.received);
    const QString problems = compareStats(ours, expected);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void ProbesNamespaceTest::lateRepliesAreLost()
{
    // Delays spread over 5..25 ms against a 15 ms timeout: about half arrive late.
    FakeHost::Config config;
    config.delayMs = 15;
    config.jitterMs = 10;
    config.seed = 7;
    m_host.setConfig(config);
    m_host.clearLog();
    ProberOptions options;
    options.count = 200;
    options.intervalMs = 10;
    options.timeoutMs = 15;
    options.icmpMode = IcmpMode::Raw;
    const Run run = probe(QStringLiteral("icmp://10.77.0.2"), options);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    // Late replies are written after the prober finished: wait for the last one's due
    // time (the longest delay is 25 ms) by the log's own count, not by a sleep.
    std::vector<FakeHost::Entry> log;
    auto allAnswered = [&] {
        log = m_host.log();
        return std::count_if(log.begin(), log.end(), [](const FakeHost::Entry &e) { return e.deviceStamped; })
            == qsizetype(options.count);
    };
    QTRY_VERIFY_WITH_TIMEOUT(allAnswered(), 10000);
    std::map<quint32, qint64> applied;
    for (const FakeHost::Entry &e : log)
        if (e.kind == FakeHost::Kind::Icmp4)
            applied[e.seq] = e.appliedNs;
    QCOMPARE(applied.size(), size_t(options.count));
    // Per probe: answered in time means the delay on the device was below the timeout and
    // the RTT matches that delay; lost means the delay was (about) the timeout or more.
    // A reply is never credited to another probe. Both ends of the delay are the kernel's
    // stamps on the device; what the prober adds is its own path through the stack and
    // its send stamp, taken just before sendto(). A preemption right between the two is
    // the one thing left on a user-space clock, so one probe near the edge may be off.
    int late = 0;
    QStringList mismatches;
    for (const ProbeSample &s : run.samples) {
        const double delayMs = double(applied.at(s.seq)) / 1e6;
        if (s.ok()) {
            QVERIFY2(double(*s.rttNs) / 1e6 < 15.0, qPrintable(QString::number(s.seq)));
            if (!close(double(*s.rttNs) / 1e6, delayMs))
                mismatches << QStringLiteral("seq %1: rtt %2 ms, applied %3 ms").arg(s.seq).arg(double(*s.rttNs) / 1e6).arg(delayMs);
        } else {
            ++late;
            QCOMPARE(s.error, QStringLiteral("timeout"));
            if (delayMs < 14.7)
                mismatches << QStringLiteral("seq %1: lost, applied %2 ms").arg(s.seq).arg(delayMs);
        }
    }
    QVERIFY2(mismatches.size() <= 1, qPrintable(mismatches.join(QLatin1String("; "))));
    QVERIFY(late > 20);
    QVERIFY(late < 180);
}

void ProbesNamespaceTest::queueWaitIsInTheTruth()
{
    // The fake host's thread sleeps 10 ms before each read, as a thread kept off the CPU
    // would: every request waits in the device's queue first. The truth must count that
    // wait (a thread's read-to-write clock would log the 2 ms delay; on the device the
    // reply leaves at once after the read, since it was due long before), and the prober
    // agrees with it.
    FakeHost::Config config;
    config.delayMs = 2;
    config.readStallMs = 10;
    m_host.setConfig(config);
    m_host.clearLog();
    ProberOptions options;
    options.count = 40;
    options.intervalMs = 30; // longer than stall and delay: one request per wake-up
    options.timeoutMs = 500;
    options.icmpMode = IcmpMode::Raw;
    const Run run = probe(QStringLiteral("icmp://10.77.0.2"), options);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const std::vector<FakeHost::Entry> log = m_host.log();
    QVERIFY2(unstamped(log).isEmpty(), qPrintable(unstamped(log)));
    const std::vector<ProbeSample> truth = logAsSamples(log, FakeHost::Kind::Icmp4);
    QCOMPARE(truth.size(), size_t(options.count));
    for (const ProbeSample &s : truth) {
        QVERIFY(s.ok());
        QVERIFY2(*s.rttNs >= 10'000'000, qPrintable(QStringLiteral("seq %1: %2 ns").arg(s.seq).arg(*s.rttNs)));
    }
    const ProbeStats ours = computeProbeStats(run.samples);
    const ProbeStats expected = computeProbeStats(truth);
    QCOMPARE(ours.received, options.count);
    const QString problems = compareStats(ours, expected);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void ProbesNamespaceTest::clearErrors_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("error");
    QTest::newRow("refused port") << QStringLiteral("tcp://10.77.0.2:9") << QStringLiteral("connection refused");
    QTest::newRow("refused port v6") << QStringLiteral("tcp://[fd77::2]:9") << QStringLiteral("connection refused");
    QTest::newRow("no route icmp") << QStringLiteral("icmp://10.99.0.1") << QStringLiteral("network unreachable");
    QTest::newRow("no route tcp") << QStringLiteral("tcp://10.99.0.1:80") << QStringLiteral("network unreachable");
}

void ProbesNamespaceTest::clearErrors()
{
    QFETCH(QString, target);
    QFETCH(QString, error);
    m_host.setConfig(FakeHost::Config{});
    ProberOptions options;
    options.count = 5;
    options.intervalMs = 10;
    options.timeoutMs = 200;
    options.icmpMode = IcmpMode::Raw;
    const Run run = probe(target, options);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.samples.size(), size_t(5));
    for (const ProbeSample &s : run.samples)
        QCOMPARE(s.error, error);
    const ProbeStats stats = computeProbeStats(run.samples);
    QCOMPARE(stats.lossPct, 100.0);
    QCOMPARE(stats.failureStreak, 5);
    QCOMPARE(stats.level, HealthLevel::Down);
}

void ProbesNamespaceTest::unreachableIsReportedAndLost_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("error");
    // The fake host's router answers for .99 with ICMP destination unreachable, which
    // the kernel queues on the probe's socket (IP_RECVERR): each probe learns it at once.
    const QString v4 = QStringLiteral("host unreachable (reported by %1)").arg(QLatin1String(FakeHost::RouterV4));
    const QString v6 = QStringLiteral("host unreachable (reported by %1)").arg(QLatin1String(FakeHost::RouterV6));
    QTest::newRow("icmp ping socket") << QStringLiteral("icmp://10.77.0.99") << int(IcmpMode::PingSocket) << v4;
    QTest::newRow("icmp raw") << QStringLiteral("icmp://10.77.0.99") << int(IcmpMode::Raw) << v4;
    QTest::newRow("icmpv6 ping socket") << QStringLiteral("icmp://[fd77::99]") << int(IcmpMode::PingSocket) << v6;
    QTest::newRow("icmpv6 raw") << QStringLiteral("icmp://[fd77::99]") << int(IcmpMode::Raw) << v6;
    // TCP hears it as the connect's error: the SYN's ICMP error aborts the connect.
    QTest::newRow("tcp") << QStringLiteral("tcp://10.77.0.99:80") << int(IcmpMode::Auto) << QStringLiteral("host unreachable");
    QTest::newRow("tcp v6") << QStringLiteral("tcp://[fd77::99]:80") << int(IcmpMode::Auto) << QStringLiteral("host unreachable");
}

void ProbesNamespaceTest::unreachableIsReportedAndLost()
{
    QFETCH(QString, target);
    QFETCH(int, mode);
    QFETCH(QString, error);
    QVERIFY(writeSysctl(QStringLiteral("net.ipv4.ping_group_range"), "0 0").ok());
    FakeHost::Config config;
    config.delayMs = 1;
    config.unreachable = {QStringLiteral("10.77.0.99"), QStringLiteral("fd77::99")};
    m_host.setConfig(config);
    m_host.clearLog();
    ProberOptions options;
    options.count = 20;
    options.intervalMs = 10;
    // Far longer than the run: a probe that waited for its deadline instead of hearing
    // the error would end as "timeout", which the error check below refuses.
    options.timeoutMs = 30000;
    options.icmpMode = IcmpMode(mode);
    const Run run = probe(target, options);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.samples.size(), size_t(options.count));
    for (const ProbeSample &s : run.samples) {
        QVERIFY(!s.ok());
        QCOMPARE(s.error, error);
    }
    // Every probe reached the fake host's router and was answered there.
    int reported = 0;
    for (const FakeHost::Entry &e : m_host.log())
        reported += e.unreachable ? 1 : 0;
    QVERIFY2(reported >= options.count, qPrintable(QString::number(reported)));
    const ProbeStats stats = computeProbeStats(run.samples);
    QCOMPARE(stats.sent, options.count);
    QCOMPARE(stats.received, 0);
    QCOMPARE(stats.lossPct, 100.0);
    QCOMPARE(stats.level, HealthLevel::Down);
}

void ProbesNamespaceTest::pingSocketRefusalNamesSysctl()
{
    // The default range "1 0" admits no group at all.
    QVERIFY(writeSysctl(QStringLiteral("net.ipv4.ping_group_range"), "1 0").ok());
    bool raw = false;
    auto socket = openIcmpSocket(AF_INET, IcmpMode::PingSocket, &raw);
    QVERIFY(!socket.ok());
    QVERIFY2(socket.error().contains(QLatin1String("sysctl -w net.ipv4.ping_group_range")), qPrintable(socket.error()));
    QVERIFY(writeSysctl(QStringLiteral("net.ipv4.ping_group_range"), "0 0").ok());
    socket = openIcmpSocket(AF_INET, IcmpMode::PingSocket, &raw);
    QVERIFY2(socket.ok(), qPrintable(socket.error()));
    QVERIFY(!raw);
    ::close(socket.value());
}

QTEST_GUILESS_MAIN(ProbesNamespaceTest)
#include "tst_probesnamespace.moc"
