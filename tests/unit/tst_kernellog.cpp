// SPDX-License-Identifier: GPL-3.0-or-later
// The /dev/kmsg record parser and the problem classifier, against tests/data/kmsg.
#include "fixtures.h"
#include "kernellog.h"

#include <QTest>

using namespace Sockpit;

class TestKernelLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void record_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("priority");
        QTest::addColumn<qulonglong>("sequence");
        QTest::addColumn<qlonglong>("timestamp");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("6,236,368405,-;TCP: Hash tables configured")
            << QByteArray("6,236,368405,-;TCP: Hash tables configured\n SUBSYSTEM=net\n") << true << 6
            << qulonglong(236) << qlonglong(368405) << QByteArray("TCP: Hash tables configured");
        QTest::newRow("extra fields before ;") << QByteArray("4,12,34,-,caller=T1;msg") << true << 4 << qulonglong(12)
                                                << qlonglong(34) << QByteArray("msg");
        QTest::newRow("empty message") << QByteArray("4,12,34,-;") << true << 4 << qulonglong(12) << qlonglong(34)
                                       << QByteArray();
        QTest::newRow("no separator") << QByteArray("6,1,2,-") << false << 0 << qulonglong(0) << qlonglong(0) << QByteArray();
        QTest::newRow("too few fields") << QByteArray("6,1;x") << false << 0 << qulonglong(0) << qlonglong(0) << QByteArray();
        QTest::newRow("negative sequence") << QByteArray("6,-1,2,-;x") << false << 0 << qulonglong(0) << qlonglong(0) << QByteArray();
        QTest::newRow("priority not a number") << QByteArray("x,1,2,-;x") << false << 0 << qulonglong(0) << qlonglong(0) << QByteArray();
    }

    void record()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, valid);
        const auto parsed = parseKmsgRecord(line);
        QCOMPARE(parsed.has_value(), valid);
        if (!valid)
            return;
        QFETCH(int, priority);
        QFETCH(qulonglong, sequence);
        QFETCH(qlonglong, timestamp);
        QFETCH(QByteArray, message);
        QCOMPARE(parsed->priority, priority);
        QCOMPARE(parsed->sequence, quint64(sequence));
        QCOMPARE(parsed->timestampUs, qint64(timestamp));
        QCOMPARE(parsed->message, message);
        QCOMPARE(parseKmsgRecord(formatKmsgRecord(*parsed))->message, message); // round trip
    }

    void fixture()
    {
        SOCKPIT_LOAD_FIXTURE(text, "kmsg/records.txt");
        const std::vector<KmsgRecord> records = parseKmsgLines(text);
        QCOMPARE(records.size(), size_t(7)); // the continuation line and three broken lines dropped
        const std::vector<KernelLogLine> lines = relevantKernelLogLines(records);
        QCOMPARE(lines.size(), size_t(5));
        QCOMPARE(lines[0].problem, KernelLogProblem::TimeWaitOverflow);
        QCOMPARE(lines[0].record.sequence, quint64(1201));
        QCOMPARE(lines[1].problem, KernelLogProblem::SynFlood);
        QCOMPARE(lines[1].port, 8080); // "[::]:8080", newer kernels
        QCOMPARE(lines[2].problem, KernelLogProblem::SynFlood);
        QCOMPARE(lines[2].port, 9000); // "port 9000.", older kernels
        QCOMPARE(lines[3].problem, KernelLogProblem::ConntrackFull);
        QCOMPARE(lines[4].problem, KernelLogProblem::TcpOutOfMemory);
    }

    void unreadableLog()
    {
        const KernelLog log = readKernelLog(QStringLiteral("/nonexistent/kmsg"));
        QVERIFY(!log.available);
        QVERIFY(log.unavailableReason.contains(QStringLiteral("/nonexistent/kmsg")));
        QVERIFY(log.lines.empty());
    }
};

QTEST_GUILESS_MAIN(TestKernelLog)
#include "tst_kernellog.moc"
