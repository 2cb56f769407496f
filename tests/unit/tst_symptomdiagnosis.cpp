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

    void finWait2OrphansShortenTheirTimeout()
    {
        const SymptomDiagnosis d = diagnose(Symptom::TimeWaitPileUp, load("fin-wait2"));
        QVERIFY(d.affected);
        QCOMPARE(figure(d, "fin_wait2_orphans"), 1200.0);
        QCOMPARE(d.figure(u"fin_wait2_orphans")->threshold, 1000.0);
        QVERIFY(d.figure(u"fin_wait2_orphans")->exceeded());
        QCOMPARE(figure(d, "tcp_fin_timeout"), 60.0);
        QCOMPARE(change(d, "net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        QCOMPARE(d.trackedMetric, QStringLiteral("fin_wait2_orphans"));
        QVERIFY(d.findingIds.contains(QStringLiteral("fin-wait2-orphans")));
        QCOMPARE(symptomForFinding(u"fin-wait2-orphans"), std::optional<Symptom>(Symptom::TimeWaitPileUp));

        // At 30 s already: the symptom is real, but no sysctl shortens it further.
        const SymptomDiagnosis short30 = diagnose(Symptom::TimeWaitPileUp, load("fin-wait2-short"));
        QVERIFY(short30.affected);
        QVERIFY(short30.changes.empty());
    }

    void serverDropsNamesEveryFullListener()
    {
        const SymptomDiagnosis d = diagnose(Symptom::ServerDrops, load("accept-two-full"));
        QVERIFY(d.affected);
        QCOMPARE(d.subject, QStringLiteral("0.0.0.0:8080")); // the fullest
        QCOMPARE(figure(d, "accept_queue_fill"), 129.0 / 128.0);
        // The second listener has figures of its own; the idle one has none.
        const SymptomFigure *api = nullptr;
        for (const SymptomFigure &f : d.figures) {
            QVERIFY(f.subject != QLatin1String("0.0.0.0:22"));
            if (f.metric == QLatin1String("accept_queue_fill") && f.subject == QLatin1String("0.0.0.0:9090"))
                api = &f;
        }
        QVERIFY(api);
        QCOMPARE(api->value, 15.0 / 16.0);
        QVERIFY(api->exceeded());
        QCOMPARE(d.subjectOf(*api), QStringLiteral("0.0.0.0:9090"));
        QCOMPARE(d.listeners.size(), size_t(2));
        QCOMPARE(d.listeners[0].endpoint, QStringLiteral("0.0.0.0:8080"));
        QCOMPARE(d.listeners[0].pid, 4242);
        QVERIFY(!d.listeners[0].backlogFromApplication); // at somaxconn: a restart takes the new one
        QCOMPARE(d.listeners[1].endpoint, QStringLiteral("0.0.0.0:9090"));
        QCOMPARE(d.listeners[1].process, QStringLiteral("api"));
        QCOMPARE(d.listeners[1].backlog, 16);
        QVERIFY(d.listeners[1].backlogFromApplication); // asked for 16 of 128
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

    void slowTransfers_data()
    {
        QTest::addColumn<double>("mbit");
        QTest::addColumn<double>("rttMs");
        QTest::addColumn<QString>("available"); // tcp_available_congestion_control; "-": absent
        QTest::addColumn<QString>("congestion");
        QTest::addColumn<bool>("affected");
        QTest::addColumn<QString>("rmem");
        QTest::addColumn<QString>("wmem");
        QTest::addColumn<QString>("rmemMax");
        QTest::addColumn<QString>("bbr");
        const QString none = QStringLiteral("<none>");
        // healthy: tcp_rmem max 6291456, tcp_wmem max 4194304, rmem_max = wmem_max = 4194304.
        // 100 Mbit/s x 50 ms: BDP 625000, 1250000 needed: fits.
        QTest::newRow("100 Mbit 50 ms fits") << 100.0 << 50.0 << QStringLiteral("reno cubic bbr") << QStringLiteral("cubic")
                                            << false << none << none << none << none;
        // 1 Gbit/s x 80 ms: BDP 10000000, 20000000 needed, rounded up to 20 MiB.
        QTest::newRow("1 Gbit 80 ms, bbr available")
            << 1000.0 << 80.0 << QStringLiteral("reno cubic bbr") << QStringLiteral("cubic") << true
            << QStringLiteral("4096 131072 20971520") << QStringLiteral("4096 16384 20971520")
            << QStringLiteral("20971520") << QStringLiteral("bbr");
        QTest::newRow("1 Gbit 80 ms, no bbr") << 1000.0 << 80.0 << QStringLiteral("reno cubic") << QStringLiteral("cubic")
                                             << true << QStringLiteral("4096 131072 20971520")
                                             << QStringLiteral("4096 16384 20971520") << QStringLiteral("20971520") << none;
        QTest::newRow("1 Gbit 80 ms, bbr already") << 1000.0 << 80.0 << QStringLiteral("reno cubic bbr")
                                                  << QStringLiteral("bbr") << true << QStringLiteral("4096 131072 20971520")
                                                  << QStringLiteral("4096 16384 20971520") << QStringLiteral("20971520") << none;
        QTest::newRow("1 Gbit 80 ms, list unknown") << 1000.0 << 80.0 << QStringLiteral("-") << QStringLiteral("cubic")
                                                   << true << QStringLiteral("4096 131072 20971520")
                                                   << QStringLiteral("4096 16384 20971520") << QStringLiteral("20971520") << none;
    }

    void slowTransfers()
    {
        QFETCH(double, mbit);
        QFETCH(double, rttMs);
        QFETCH(QString, available);
        QFETCH(QString, congestion);
        QFETCH(bool, affected);
        Observation o = load("healthy");
        if (available != QLatin1String("-"))
            o.sysctls.insert(QStringLiteral("net.ipv4.tcp_available_congestion_control"), available);
        o.sysctls.insert(QStringLiteral("net.ipv4.tcp_congestion_control"), congestion);
        o.sysctls.insert(QStringLiteral("net.core.default_qdisc"), QStringLiteral("pfifo_fast"));
        SymptomInputs inputs;
        inputs.path = PathSpec{mbit, rttMs, QStringLiteral("measured by 5 ICMP probes to icmp://192.0.2.7")};
        const SymptomDiagnosis d = diagnose(Symptom::SlowTransfers, o, {}, inputs);
        QCOMPARE(d.affected, affected);
        QCOMPARE(figure(d, "rtt_ms"), rttMs);
        QCOMPARE(d.figure(u"rtt_ms")->source, inputs.path->rttSource); // how it was measured
        QCOMPARE(figure(d, "bdp_bytes"), mbit * 1e6 / 8 * rttMs / 1000);
        QCOMPARE(figure(d, "needed_buffer_bytes"), 2 * mbit * 1e6 / 8 * rttMs / 1000);
        QCOMPARE(figure(d, "tcp_rmem_max"), 6291456.0);
        QCOMPARE(figure(d, "buffer_need_ratio"), figure(d, "needed_buffer_bytes") / 4194304.0);
        QCOMPARE(d.figure(u"buffer_need_ratio")->exceeded(), affected);
        QCOMPARE(d.figure(u"core_buffer_need_ratio")->exceeded(), affected);
        QCOMPARE(d.trackedMetric, QStringLiteral("buffer_need_ratio"));
        QFETCH(QString, rmem);
        QFETCH(QString, wmem);
        QFETCH(QString, rmemMax);
        QFETCH(QString, bbr);
        QCOMPARE(change(d, "net.ipv4.tcp_rmem"), rmem);
        QCOMPARE(change(d, "net.ipv4.tcp_wmem"), wmem);
        QCOMPARE(change(d, "net.core.rmem_max"), rmemMax);
        QCOMPARE(change(d, "net.core.wmem_max"), rmemMax);
        QCOMPARE(change(d, "net.ipv4.tcp_congestion_control"), bbr);
        // The tree does not say whether the kernel has sch_fq: not proposed, said why.
        QCOMPARE(change(d, "net.core.default_qdisc"), QStringLiteral("<none>"));
        if (!affected) {
            QVERIFY(d.changes.empty());
            return;
        }
        QCOMPARE(d.findingIds, QStringList{QStringLiteral("bandwidth-delay-product")});
        const QString caveats = d.caveats.join(u'\n');
        QCOMPARE(caveats.contains(QStringLiteral("modprobe tcp_bbr")), available == QLatin1String("reno cubic"));
        QCOMPARE(caveats.contains(QStringLiteral("sch_fq")), bbr == QLatin1String("bbr"));
    }

    void slowTransfersWithoutAPathJudgesNothing()
    {
        const SymptomDiagnosis d = diagnose(Symptom::SlowTransfers, load("healthy"));
        QVERIFY(!d.affected);
        QVERIFY(d.changes.empty());
        QVERIFY(!d.figure(u"rtt_ms"));
        QCOMPARE(figure(d, "tcp_wmem_max"), 4194304.0); // the buffers are shown all the same
        QVERIFY(d.trackedMetric.isEmpty());
    }

    void bufferNeedRatioFromSysctls()
    {
        QHash<QString, QString> sysctls{{QStringLiteral("net.ipv4.tcp_rmem"), QStringLiteral("4096 131072 6291456")},
                                        {QStringLiteral("net.ipv4.tcp_wmem"), QStringLiteral("4096 16384 4194304")},
                                        {QStringLiteral("net.core.rmem_max"), QStringLiteral("212992")},
                                        {QStringLiteral("net.core.wmem_max"), QStringLiteral("425984")}};
        QCOMPARE(bufferNeedRatio(QStringLiteral("buffer_need_ratio"), 8388608, sysctls), std::optional(2.0));
        QCOMPARE(bufferNeedRatio(QStringLiteral("core_buffer_need_ratio"), 425984, sysctls), std::optional(2.0));
        QCOMPARE(bufferNeedRatio(QStringLiteral("port_share"), 425984, sysctls), std::nullopt);
        QCOMPARE(bufferNeedRatio(QStringLiteral("buffer_need_ratio"), 0, sysctls), std::nullopt);
        sysctls.insert(QStringLiteral("net.ipv4.tcp_wmem"), QStringLiteral("4096 16384")); // not three fields
        QCOMPARE(bufferNeedRatio(QStringLiteral("buffer_need_ratio"), 8388608, sysctls), std::nullopt);
        sysctls.remove(QStringLiteral("net.core.rmem_max"));
        QCOMPARE(bufferNeedRatio(QStringLiteral("core_buffer_need_ratio"), 425984, sysctls), std::nullopt);
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
        QCOMPARE(symptomForFinding(u"bandwidth-delay-product"), std::optional(Symptom::SlowTransfers));
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
