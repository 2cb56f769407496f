// SPDX-License-Identifier: GPL-3.0-or-later
// The /dev/kmsg record parser, the journal (journalctl -o json) parser, the problem
// classifier, against tests/data/kmsg and tests/data/journal; and which source is read,
// through fake readers (no live journal needed).
#include "capture/kernellog.h"
#include "fixtures.h"

#include <QTemporaryDir>
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
        const KernelLog log = readKmsg(QStringLiteral("/nonexistent/kmsg"));
        QVERIFY(!log.available);
        QVERIFY(log.unavailableReason.contains(QStringLiteral("/nonexistent/kmsg")));
        QVERIFY(log.lines.empty());
    }

    void journalFixture()
    {
        SOCKPIT_LOAD_FIXTURE(text, "journal/kernel.json");
        const std::vector<KmsgRecord> records = parseJournalJson(text);
        // Six records; the null MESSAGE, the line that is not JSON, the array and the empty line dropped.
        QCOMPARE(records.size(), size_t(5));
        QVERIFY(records[0].message.startsWith("Linux version 6.1.0-18-amd64"));
        QCOMPARE(records[0].priority, 5);
        QCOMPARE(records[1].timestampUs, qint64(368405)); // the kernel's time, not journald's
        QCOMPARE(records[2].message, QByteArray("TCP: out of memory -- consider tuning tcp_mem"));
        QCOMPARE(records[2].priority, 4);
        QCOMPARE(records[2].timestampUs, qint64(912345678));
        QCOMPARE(records[2].sequence, quint64(2)); // position: the journal keeps no kmsg sequence
        // MESSAGE as an array of bytes (not UTF-8), and no _SOURCE_MONOTONIC_TIMESTAMP.
        QCOMPARE(records[4].message, QByteArray("nf_conntrack: nf_conntrack: table full, dropping packet\xff"));
        QCOMPARE(records[4].timestampUs, qint64(914000000));

        const std::vector<KernelLogLine> lines = relevantKernelLogLines(records);
        QCOMPARE(lines.size(), size_t(3));
        QCOMPARE(lines[0].problem, KernelLogProblem::TcpOutOfMemory);
        QCOMPARE(lines[1].problem, KernelLogProblem::SynFlood);
        QCOMPARE(lines[1].port, 8080);
        QCOMPARE(lines[2].problem, KernelLogProblem::ConntrackFull);
        // What the capture stores is the kmsg spelling, and reads back the same.
        QCOMPARE(parseKmsgRecord(formatKmsgRecord(lines[0].record))->message, lines[0].record.message);

        QVERIFY(parseJournalJson("").empty());
        QVERIFY(parseJournalJson("{\"PRIORITY\":\"4\"}\n").empty()); // no MESSAGE
    }

    // /dev/kmsg first; the journal only when /dev/kmsg cannot be read.
    void sourceSelection()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString kmsg = dir.filePath(QStringLiteral("kmsg"));
        QFile file(kmsg);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("4,1201,5000000,-;TCP: time wait bucket table overflow\n");
        file.close();
        SOCKPIT_LOAD_FIXTURE(journal, "journal/kernel.json");
        int journalRuns = 0;
        auto fromJournal = [&](Result<QByteArray> output) {
            return [&journalRuns, output] {
                ++journalRuns;
                return output;
            };
        };

        KernelLogReaders readers{kmsg, fromJournal(journal)};
        KernelLog log = readKernelLog(readers);
        QVERIFY(log.available);
        QCOMPARE(log.source, QStringLiteral("/dev/kmsg"));
        QCOMPARE(log.lines.size(), size_t(1));
        QCOMPARE(log.lines[0].problem, KernelLogProblem::TimeWaitOverflow);
        QCOMPARE(journalRuns, 0);

        readers.kmsgPath = QStringLiteral("/nonexistent/kmsg");
        log = readKernelLog(readers);
        QVERIFY(log.available);
        QCOMPARE(log.source, QStringLiteral("journal"));
        QCOMPARE(log.lines.size(), size_t(3));
        QCOMPARE(journalRuns, 1);

        readers.journal = fromJournal(Error{QStringLiteral("journalctl is not installed")});
        log = readKernelLog(readers);
        QVERIFY(!log.available);
        QVERIFY(log.source.isEmpty());
        QVERIFY2(log.unavailableReason.startsWith(QStringLiteral("cannot read /nonexistent/kmsg: ")),
                 qPrintable(log.unavailableReason));
        QVERIFY(log.unavailableReason.endsWith(QStringLiteral("; journal: journalctl is not installed")));

        // journalctl -q without permission prints nothing and exits 0: not an empty log.
        readers.journal = fromJournal(QByteArray());
        log = readKernelLog(readers);
        QVERIFY(!log.available);
        QVERIFY(log.unavailableReason.contains(QStringLiteral("printed no kernel records")));

        readers.journal = nullptr;
        log = readKernelLog(readers);
        QVERIFY(!log.available);
        QVERIFY(!log.unavailableReason.contains(QStringLiteral("journal")));
        QCOMPARE(journalRuns, 3);
    }
};

QTEST_GUILESS_MAIN(TestKernelLog)
#include "tst_kernellog.moc"
