// SPDX-License-Identifier: GPL-3.0-or-later
// The wizards' Measure step: diagnose() on the scenario trees of tests/data/analysis (the
// numbers worked out in tst_analysis), the verdict that says "not your problem" and
// proposes nothing, and the figure Verify tracks from one live snapshot.
#include "analysis/symptomdiagnosis.h"
#include "capture/observation.h"
#include "fixtures.h"

#include <QTest>

#include <cmath>

using namespace Sockpit;

namespace {

Observation load(const char *scenario)
{
    auto observation = observeTree(ProcRoot(SockpitTest::dataPath("analysis/") + QString::fromLatin1(scenario)));
    if (!observation)
        qFatal("%s: %s", scenario, qPrintable(observation.error()));
    return observation.value();
}

QString change(const SymptomDiagnosis &d, const char *key)
{
    for (const ProposedChange &c : d.changes)
        if (c.key == QLatin1String(key))
            return c.value;
    return QStringLiteral("<none>");
}

double figure(const SymptomDiagnosis &d, const char *metric)
{
    const SymptomFigure *f = d.figure(QString::fromLatin1(metric));
    if (!f)
        qFatal("no figure %s", metric);
    return f->value;
}

Snapshot snapshotWith(qint64 monotonicMs, qint64 timeWait, qint64 overflows)
{
    SockStat stat;
    stat.timeWait = timeWait;
    const QByteArray netstat = "TcpExt: TCPTimeWaitOverflow\nTcpExt: " + QByteArray::number(overflows) + "\n";
    return SnapshotBuilder()
        .setTakenAt(QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + monotonicMs, Qt::UTC), monotonicMs)
        .setSummaryOnly(true)
        .setSockStat(stat)
        .setCounters(CounterSet::parse({}, netstat))
        .build();
}

} // namespace

class TestSymptomDiagnosis final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portsRunOutOnPressure()
    {
        const SymptomDiagnosis d = diagnose(Symptom::PortsRunOut, load("ports-critical"));
        QVERIFY(d.affected);
        QCOMPARE(d.subject, QStringLiteral("10.0.0.5:443"));
        QCOMPARE(figure(d, "destination_sockets"), 650.0);
        QCOMPARE(figure(d, "usable_ports"), 999.0);
        QCOMPARE(figure(d, "port_share"), 650.0 / 999.0);
        QVERIFY(d.figure(u"port_share")->exceeded()); // 65 % >= 50 %
        QCOMPARE(d.figure(u"destination_sockets")->threshold, 0.5 * 999);
        QVERIFY(!d.figure(u"usable_ports")->exceeded()); // context only
        QCOMPARE(figure(d, "seconds_to_exhaustion"), (999.0 - 650.0) / 10.0);
        // The plan is the port rule's, with every listener in the wider range reserved.
        QCOMPARE(change(d, "net.ipv4.ip_local_port_range"), QStringLiteral("1024 65535"));
        QCOMPARE(change(d, "net.ipv4.ip_local_reserved_ports"), QStringLiteral("8080,40500,50000"));
        QCOMPARE(change(d, "net.ipv4.tcp_tw_reuse"), QStringLiteral("1"));
        QCOMPARE(d.findingIds, QStringList{QStringLiteral("ephemeral-port-pressure")});
        QVERIFY(d.caveats.join(u'\n').contains(QStringLiteral("only outgoing")));
        QCOMPARE(d.trackedMetric, QStringLiteral("port_share"));
        QVERIFY(!d.advice.empty());
    }

    void healthyIsNotYourProblem()
    {
        const Observation o = load("healthy");
        for (Symptom symptom : allSymptoms()) {
            const SymptomDiagnosis d = diagnose(symptom, o);
            QVERIFY2(!d.affected, symptomName(symptom).data());
            QVERIFY(d.changes.empty());
            // The figures are shown all the same; without nf_conntrack there are none to show.
            QVERIFY(!d.figures.empty() || symptom == Symptom::ConntrackFull);
            for (const SymptomFigure &f : d.figures)
                QVERIFY2(!f.exceeded(), qPrintable(f.metric));
        }
    }

    void timeWaitOverflowIsTheProblem()
    {
        const SymptomDiagnosis d = diagnose(Symptom::TimeWaitPileUp, load("tw-overflow"));
        QVERIFY(d.affected);
        QCOMPARE(figure(d, "time_wait"), 262144.0);
        QVERIFY(d.figure(u"time_wait")->exceeded()); // at tcp_max_tw_buckets
        QCOMPARE(figure(d, "time_wait_overflows_per_s"), 10.0);
        QVERIFY(d.figure(u"time_wait_overflows_per_s")->exceeded());
        QCOMPARE(change(d, "net.ipv4.tcp_max_tw_buckets"), QStringLiteral("524288"));
        QCOMPARE(change(d, "net.ipv4.tcp_tw_recycle"), QStringLiteral("<none>"));
        QCOMPARE(d.trackedMetric, QStringLiteral("time_wait_overflows_per_s"));
    }

    void timeWaitHoldingPortsProposesReuseOnly()
    {
        const SymptomDiagnosis d = diagnose(Symptom::TimeWaitPileUp, load("ports-critical"));
        QVERIFY(d.affected);
        QCOMPARE(d.subject, QStringLiteral("10.0.0.5:443"));
        QCOMPARE(change(d, "net.ipv4.tcp_tw_reuse"), QStringLiteral("1"));
        // A wider range is the ports wizard's plan, not this one's.
        QCOMPARE(change(d, "net.ipv4.ip_local_port_range"), QStringLiteral("<none>"));
        QCOMPARE(d.trackedMetric, QStringLiteral("port_share"));
    }

    void orphansWithoutRemedyProposeNothing()
    {
        const SymptomDiagnosis d = diagnose(Symptom::TimeWaitPileUp, load("orphans"));
        QVERIFY(d.affected);
        QCOMPARE(figure(d, "orphans"), 70000.0);
        QCOMPARE(d.figure(u"orphans")->threshold, 0.5 * 131072);
        QVERIFY(d.changes.empty()); // no FIN_WAIT2 orphans, far from the limit
        QCOMPARE(d.trackedMetric, QStringLiteral("fin_wait2_orphans"));
    }

    void serverDropsOnAFullQueue()
    {
        const SymptomDiagnosis d = diagnose(Symptom::ServerDrops, load("accept-full"));
        QVERIFY(d.affected);
        QCOMPARE(d.owner, QStringLiteral("pid 4242, nginx"));
        QCOMPARE(figure(d, "accept_queue"), 129.0);
        QCOMPARE(figure(d, "listen_backlog"), 128.0);
        QCOMPARE(figure(d, "accept_queue_fill"), 129.0 / 128.0);
        QCOMPARE(d.figure(u"accept_queue")->threshold, 0.8 * 128);
        QCOMPARE(figure(d, "listen_overflows_per_s"), 10.0);
        QCOMPARE(change(d, "net.core.somaxconn"), QStringLiteral("4096"));
        QCOMPARE(d.trackedMetric, QStringLiteral("listen_overflows_per_s"));

        // A backlog the application chose below somaxconn: the symptom, but no sysctl for it.
        const SymptomDiagnosis own = diagnose(Symptom::ServerDrops, load("accept-app-backlog"));
        QVERIFY(own.affected);
        QVERIFY(own.changes.empty());
        QCOMPARE(own.owner.section(QLatin1Char(','), 0, 0), QStringLiteral("pid 777"));

        QVERIFY(!diagnose(Symptom::ServerDrops, load("accept-borderline")).affected); // 75 % full
    }

    void idleConnectionsDie_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("idleTimeout"); // 0: none given
        QTest::addColumn<bool>("affected");
        QTest::addColumn<QString>("keepaliveTime");
        QTest::addColumn<QString>("keepaliveIntvl");
        QTest::addColumn<QString>("retries2");
        // AWS NAT gateway: the first probe at 175 s; 75 s between probes already fits.
        // Connections timed out while measuring, so tcp_retries2 goes to RFC 1122's 8.
        QTest::newRow("350 s NAT, keepalive after 2 h") << u"keepalive-nat"_qs << 350 << true << u"175"_qs
                                                        << u"<none>"_qs << u"8"_qs;
        // Azure's 4 minutes: the interval comes down to a quarter too.
        QTest::newRow("240 s NAT") << u"keepalive-nat"_qs << 240 << true << u"120"_qs << u"60"_qs << u"8"_qs;
        // The first probe at 7200 s is before a 3 h timeout: not the problem.
        QTest::newRow("3 h timeout") << u"keepalive-nat"_qs << 10800 << false << u"<none>"_qs << u"<none>"_qs
                                     << u"<none>"_qs;
        QTest::newRow("no timeout given") << u"keepalive-nat"_qs << 0 << false << u"<none>"_qs << u"<none>"_qs
                                          << u"<none>"_qs;
        // No keepalive sysctls to judge (a tree without them).
        QTest::newRow("healthy host") << u"healthy"_qs << 350 << false << u"<none>"_qs << u"<none>"_qs
                                      << u"<none>"_qs;
    }

    void idleConnectionsDie()
    {
        QFETCH(QString, scenario);
        QFETCH(int, idleTimeout);
        QFETCH(bool, affected);
        QFETCH(QString, keepaliveTime);
        QFETCH(QString, keepaliveIntvl);
        QFETCH(QString, retries2);
        SymptomInputs inputs;
        if (idleTimeout > 0)
            inputs.idleTimeoutSeconds = idleTimeout;
        const SymptomDiagnosis d = diagnose(Symptom::IdleConnectionsDie, load(scenario.toLatin1().constData()), {},
                                            inputs);
        QCOMPARE(d.affected, affected);
        QCOMPARE(change(d, "net.ipv4.tcp_keepalive_time"), keepaliveTime);
        QCOMPARE(change(d, "net.ipv4.tcp_keepalive_intvl"), keepaliveIntvl);
        QCOMPARE(change(d, "net.ipv4.tcp_retries2"), retries2);
        QCOMPARE(d.changes.empty(), !affected);
        if (scenario != QLatin1String("keepalive-nat"))
            return;
        // Six established sockets, four with tr 02 (keepalive) in net/tcp.
        QCOMPARE(figure(d, "established"), 6.0);
        QCOMPARE(figure(d, "keepalive_sockets"), 4.0);
        QCOMPARE(figure(d, "tcp_keepalive_time"), 7200.0);
        QCOMPARE(figure(d, "keepalive_dead_after_s"), 7200.0 + 75 * 9);
        QCOMPARE(figure(d, "retries2_timeout_s"), 924.6); // ip-sysctl.rst tcp_retries2
        QCOMPARE(figure(d, "timeout_aborts_per_s"), 2.0);    // +10 in 5 s
        QCOMPARE(figure(d, "rto_timeouts_per_s"), 10.0);     // +50
        QCOMPARE(figure(d, "keepalive_probes_per_s"), 4.0);  // +20
        QCOMPARE(d.figure(u"tcp_keepalive_time")->exceeded(), affected);
        QCOMPARE(std::isnan(d.figure(u"tcp_keepalive_time")->threshold), idleTimeout == 0);
        QCOMPARE(d.trackedMetric, QStringLiteral("timeout_aborts_per_s"));
        if (affected) {
            QCOMPARE(d.findingIds, QStringList{QStringLiteral("keepalive-idle-timeout")});
            const QString caveats = d.caveats.join(u'\n');
            QVERIFY2(caveats.contains(QStringLiteral("4 of 6 established sockets")), qPrintable(caveats));
            QVERIFY2(caveats.contains(QStringLiteral("about 924.6 s")), qPrintable(caveats));
            QVERIFY2(caveats.contains(QStringLiteral("about 102.2 s")), qPrintable(caveats));
        }
    }

    void tcpRetriesTimeoutFollowsTheKernelModel()
    {
        QCOMPARE(tcpRetriesTimeoutSeconds(15), 924.6);
        QCOMPARE(tcpRetriesTimeoutSeconds(8), 102.2); // RFC 1122's 100 s minimum
        QCOMPARE(tcpRetriesTimeoutSeconds(9), 204.6); // the last doubling
        QCOMPARE(tcpRetriesTimeoutSeconds(10), 324.6); // then TCP_RTO_MAX each
    }

    void conntrackFull_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<double>("warning");
        QTest::addColumn<bool>("affected");
        QTest::addColumn<int>("figures");
        QTest::addColumn<QString>("conntrackMax");
        // 250000 of 262144 entries in the later take: 95.4 %.
        QTest::newRow("95.4 % full") << u"conntrack"_qs << 0.8 << true << 3 << u"524288"_qs;
        QTest::newRow("below a 96 % warning") << u"conntrack"_qs << 0.96 << false << 3 << u"<none>"_qs;
        // No net.netfilter.nf_conntrack_count: nf_conntrack is not loaded.
        QTest::newRow("nf_conntrack not loaded") << u"healthy"_qs << 0.8 << false << 0 << u"<none>"_qs;
    }

    void conntrackFull()
    {
        QFETCH(QString, scenario);
        QFETCH(double, warning);
        QFETCH(bool, affected);
        QFETCH(int, figures);
        QFETCH(QString, conntrackMax);
        AnalysisOptions options;
        options.thresholds.conntrackFillWarning = warning;
        const SymptomDiagnosis d = diagnose(Symptom::ConntrackFull, load(scenario.toLatin1().constData()), options);
        QCOMPARE(d.affected, affected);
        QCOMPARE(int(d.figures.size()), figures);
        QCOMPARE(change(d, "net.netfilter.nf_conntrack_max"), conntrackMax);
        QCOMPARE(d.changes.empty(), !affected);
        QCOMPARE(d.trackedMetric, QStringLiteral("conntrack_fill"));
        if (figures == 0)
            return;
        QCOMPARE(figure(d, "conntrack_count"), 250000.0);
        QCOMPARE(figure(d, "conntrack_max"), 262144.0);
        QCOMPARE(figure(d, "conntrack_fill"), 250000.0 / 262144.0);
        QCOMPARE(d.figure(u"conntrack_fill")->exceeded(), affected);
        if (affected)
            QVERIFY(d.caveats.join(u'\n').contains(QStringLiteral("nf_conntrack_buckets")));
    }

    void findingsLeadToTheirWizard()
    {
        QCOMPARE(symptomForFinding(u"keepalive-idle-timeout"), std::optional(Symptom::IdleConnectionsDie));
        QCOMPARE(symptomForFinding(u"conntrack-fill"), std::optional(Symptom::ConntrackFull));
        QCOMPARE(symptomName(Symptom::IdleConnectionsDie), std::string_view("idle-connections-die"));
        QCOMPARE(symptomName(Symptom::ConntrackFull), std::string_view("conntrack-full"));
        QCOMPARE(symptomForFinding(u"ephemeral-port-pressure"), std::optional(Symptom::PortsRunOut));
        QCOMPARE(symptomForFinding(u"time-wait-overflow"), std::optional(Symptom::TimeWaitPileUp));
        QCOMPARE(symptomForFinding(u"accept-queue-overflow"), std::optional(Symptom::ServerDrops));
        QCOMPARE(symptomForFinding(u"retransmissions"), std::nullopt);
        for (Symptom s : allSymptoms())
            QCOMPARE(symptomFromName(QString::fromLatin1(symptomName(s).data())), std::optional(s));
        QCOMPARE(symptomFromName(u"no-such-symptom"), std::nullopt);
    }

    void trackedFigureFromSnapshots()
    {
        const Snapshot first = snapshotWith(1000, 500, 100);
        const Snapshot second = snapshotWith(3000, 640, 130);
        QCOMPARE(trackedFigure(QStringLiteral("time_wait"), {}, {}, second), std::optional(640.0));
        // +30 overflows in 2 s.
        QCOMPARE(trackedFigure(QStringLiteral("time_wait_overflows_per_s"), {}, first, second), std::optional(15.0));
        QCOMPARE(trackedFigure(QStringLiteral("time_wait_overflows_per_s"), {}, {}, second), std::nullopt);
        // A counter that went backwards (a new namespace) gives no rate.
        QCOMPARE(trackedFigure(QStringLiteral("time_wait_overflows_per_s"), {}, second, first), std::nullopt);
        QCOMPARE(trackedFigure(QStringLiteral("no_such_metric"), {}, first, second), std::nullopt);
        // The port share toward a destination comes from the live snapshot of the scenario.
        const Observation o = load("ports-critical");
        QCOMPARE(trackedFigure(QStringLiteral("port_share"), QStringLiteral("10.0.0.5:443"), o.earlier, o.later),
                 std::optional(650.0 / 999.0));
        QCOMPARE(trackedFigure(QStringLiteral("port_share"), QStringLiteral("192.0.2.1:80"), o.earlier, o.later),
                 std::optional(0.0));
        // Keepalive: sockets from the snapshot, timeout aborts from its counters.
        const Observation k = load("keepalive-nat");
        QCOMPARE(trackedFigure(QStringLiteral("keepalive_sockets"), {}, k.earlier, k.later), std::optional(4.0));
        const auto aborts = [](qint64 monotonicMs, qint64 count) {
            const QByteArray netstat = "TcpExt: TCPAbortOnTimeout\nTcpExt: " + QByteArray::number(count) + "\n";
            return SnapshotBuilder()
                .setTakenAt(QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + monotonicMs, Qt::UTC), monotonicMs)
                .setCounters(CounterSet::parse({}, netstat))
                .build();
        };
        // The conntrack fill from the snapshot's two sysctls, none without nf_conntrack.
        const Snapshot tracked = SnapshotBuilder().setTakenAt(QDateTime::currentDateTimeUtc(), 1000).setConntrack(300, 1200).build();
        QCOMPARE(trackedFigure(QStringLiteral("conntrack_fill"), {}, {}, tracked), std::optional(0.25));
        QCOMPARE(trackedFigure(QStringLiteral("conntrack_count"), {}, {}, tracked), std::optional(300.0));
        QCOMPARE(trackedFigure(QStringLiteral("conntrack_fill"), {}, {}, aborts(1000, 0)), std::nullopt);
        // +6 connections given up on in 2 s.
        QCOMPARE(trackedFigure(QStringLiteral("timeout_aborts_per_s"), {}, aborts(1000, 10), aborts(3000, 16)),
                 std::optional(3.0));
    }
};

QTEST_GUILESS_MAIN(TestSymptomDiagnosis)
#include "tst_symptomdiagnosis.moc"
