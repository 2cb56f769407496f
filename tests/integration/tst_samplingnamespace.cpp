// SPDX-License-Identifier: GPL-3.0-or-later
// Builds known socket populations in a private network namespace and holds every count
// Sockpit reports against the population itself and against ss in the same namespace.

#include "clirunner.h"
#include "netns.h"
#include "population.h"
#include "sampling/portinquiry.h"
#include "sampling/samplehub.h"
#include "sampling/sampler.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <arpa/inet.h>
#include <map>
#include <set>
#include <netinet/in.h>
#include <sys/socket.h>
#include <tuple>
#include <unistd.h>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

constexpr int Listeners = 4;
constexpr int Established = 25;
constexpr int TimeWaitSockets = 700;
constexpr int Destinations = 3;
constexpr int UdpBound = 2;

// ss prints its own state names; map them to the kernel's.
QString kernelStateName(const QByteArray &ss)
{
    static const std::map<QByteArray, QString> names = {
        {"ESTAB", QStringLiteral("ESTABLISHED")},     {"SYN-SENT", QStringLiteral("SYN_SENT")},
        {"SYN-RECV", QStringLiteral("SYN_RECV")},     {"FIN-WAIT-1", QStringLiteral("FIN_WAIT1")},
        {"FIN-WAIT-2", QStringLiteral("FIN_WAIT2")},  {"TIME-WAIT", QStringLiteral("TIME_WAIT")},
        {"UNCONN", QStringLiteral("CLOSE")},          {"CLOSE-WAIT", QStringLiteral("CLOSE_WAIT")},
        {"LAST-ACK", QStringLiteral("LAST_ACK")},     {"LISTEN", QStringLiteral("LISTEN")},
        {"CLOSING", QStringLiteral("CLOSING")},
    };
    const auto it = names.find(ss);
    return it == names.end() ? QString::fromLatin1(ss) : it->second;
}

struct SsView
{
    std::map<QString, int> perState;
    std::map<QString, int> timeWaitPerPeer; // "127.1.0.1:9000"
    std::map<int, bool> localPortHasLiveSocket; // non-listening sockets' local ports
    std::set<int> listeningPorts;
    int lines = 0;
};

SsView runSs(const QStringList &arguments)
{
    QProcess ss;
    ss.start(QStringLiteral("ss"), arguments);
    if (!ss.waitForFinished(30000) || ss.exitCode() != 0)
        qFatal("ss %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), ss.readAllStandardError().constData());
    SsView view;
    const QList<QByteArray> lines = ss.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        QList<QByteArray> fields = line.simplified().split(' ');
        // With more than one protocol (-tu) ss leads with a Netid column.
        bool udp = false;
        if (!fields.isEmpty() && (fields.first() == "tcp" || fields.first() == "udp"))
            udp = fields.takeFirst() == "udp";
        if (fields.size() < 5)
            continue;
        ++view.lines;
        const QString state = kernelStateName(fields.at(0));
        ++view.perState[state];
        if (state == QLatin1String("TIME_WAIT"))
            ++view.timeWaitPerPeer[QString::fromLatin1(fields.at(4))];
        const int localPort = fields.at(3).mid(fields.at(3).lastIndexOf(':') + 1).toInt();
        if (udp)
            continue; // ephemeral usage is about TCP
        if (state == QLatin1String("LISTEN"))
            view.listeningPorts.insert(localPort);
        else
            view.localPortHasLiveSocket[localPort] |= state != QLatin1String("TIME_WAIT");
    }
    return view;
}

std::map<QString, int> ourCounts(const Snapshot &snapshot, Protocol protocol)
{
    std::map<QString, int> counts;
    for (int s = 1; s < StateCount; ++s) {
        const int n = snapshot.count(protocol, SocketState(s));
        if (n > 0)
            counts[QString::fromLatin1(stateName(SocketState(s)).data())] = n;
    }
    return counts;
}

using SocketKey = std::tuple<int, int, int, std::array<quint8, 16>, quint16, std::array<quint8, 16>, quint16, quint32>;
std::vector<SocketKey> keys(const Snapshot &snapshot)
{
    std::vector<SocketKey> out;
    for (const SocketRecord &s : snapshot.sockets())
        out.emplace_back(int(s.protocol), int(s.family), int(s.state), s.localAddress, s.localPort, s.remoteAddress,
                         s.remotePort, s.inode);
    std::sort(out.begin(), out.end());
    return out;
}

QByteArray ownComm()
{
    QFile comm(QStringLiteral("/proc/self/comm"));
    comm.open(QIODevice::ReadOnly);
    return comm.readAll().trimmed();
}

} // namespace

class SamplingNamespaceTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void countsMatchPopulation();
    void countsMatchSs();
    void destinationsMatchPopulationAndSs();
    void procAgreesWithNetlink();
    void dualStackShowsMappedAddresses();
    void portFindsOwnListener();
    void portExplainsTimeWait();
    void cliSnapshotJsonAgrees();
    void stateFilterIsAppliedInKernel();
    void ownersCachedAcrossTicks();
    void hiddenOwnersAreReported();
    void sampleHubDeliversSnapshots();

private:
    Snapshot sample(bool forceProc = false, bool owners = false);

    Population m_population;
    std::vector<int> m_extraFds;
    quint16 m_dualStackPort = 0;
};

void SamplingNamespaceTest::initTestCase()
{
    if (const QString reason = namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    if (auto entered = enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    auto prepared = prepareNamespaceForPopulation();
    QVERIFY2(prepared.ok(), qPrintable(prepared.error()));
    Population::Spec spec;
    spec.listeners = Listeners;
    spec.established = Established;
    spec.timeWait = TimeWaitSockets;
    spec.destinations = Destinations;
    spec.udpBound = UdpBound;
    auto built = m_population.build(spec);
    QVERIFY2(built.ok(), qPrintable(built.error()));

    // A dual-stack IPv6 listener with one IPv4 client: the accepted socket is AF_INET6
    // with IPv4-mapped addresses, the client a plain AF_INET socket.
    const int listener = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int off = 0;
    ::setsockopt(listener, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    // Port 0: the kernel picks one no socket of the population holds. A fixed port inside
    // the ephemeral range can already be a population client's local port (EADDRINUSE).
    sockaddr_in6 any{};
    any.sin6_family = AF_INET6;
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&any), sizeof any), 0);
    QCOMPARE(::listen(listener, 8), 0);
    socklen_t anyLength = sizeof any;
    QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&any), &anyLength), 0);
    m_dualStackPort = ntohs(any.sin6_port);
    const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in loopback{};
    loopback.sin_family = AF_INET;
    loopback.sin_port = htons(m_dualStackPort);
    loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&loopback), sizeof loopback), 0);
    const int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    QVERIFY(accepted >= 0);
    m_extraFds = {listener, client, accepted};
}

Snapshot SamplingNamespaceTest::sample(bool forceProc, bool owners)
{
    Sampler sampler;
    SamplerOptions options;
    options.forceProc = forceProc;
    options.owners = owners;
    auto snapshot = sampler.sample(options);
    if (!snapshot)
        qFatal("sampling failed: %s", qPrintable(snapshot.error()));
    return snapshot.value();
}

void SamplingNamespaceTest::countsMatchPopulation()
{
    const Snapshot snapshot = sample();
    QCOMPARE(snapshot.source(), SnapshotSource::Netlink);
    // Our listeners, one per destination, and the dual-stack listener.
    QCOMPARE(snapshot.count(Protocol::Tcp, SocketState::Listen), Listeners + Destinations + 1);
    // Both ends of every pair, and both ends of the dual-stack connection.
    QCOMPARE(snapshot.count(Protocol::Tcp, SocketState::Established), 2 * Established + 2);
    QCOMPARE(snapshot.count(Protocol::Tcp, SocketState::TimeWait), TimeWaitSockets);
    QCOMPARE(snapshot.sockStat().timeWait, qint64(TimeWaitSockets));
    QCOMPARE(snapshot.count(Protocol::Udp, SocketState::Close), UdpBound);
    for (SocketState other : {SocketState::SynSent, SocketState::SynRecv, SocketState::FinWait1, SocketState::FinWait2,
                              SocketState::CloseWait, SocketState::LastAck, SocketState::Closing})
        QCOMPARE(snapshot.count(Protocol::Tcp, other), 0);
    QVERIFY(snapshot.notes().isEmpty());
}

void SamplingNamespaceTest::countsMatchSs()
{
    const Snapshot snapshot = sample();
    const SsView tcp = runSs({QStringLiteral("-tanH")});
    QCOMPARE(ourCounts(snapshot, Protocol::Tcp), tcp.perState);
    QCOMPARE(int(std::count_if(snapshot.sockets().begin(), snapshot.sockets().end(),
                               [](const SocketRecord &s) { return s.protocol == Protocol::Tcp; })),
             tcp.lines);
    const SsView udp = runSs({QStringLiteral("-uanH")});
    QCOMPARE(ourCounts(snapshot, Protocol::Udp), udp.perState);
}

void SamplingNamespaceTest::destinationsMatchPopulationAndSs()
{
    const Snapshot snapshot = sample();
    const SsView ss = runSs({QStringLiteral("-tanH")});
    const EphemeralUsage &ports = snapshot.ephemeral();
    QCOMPARE(ports.config.range, (PortRange{10000, 65000}));
    QCOMPARE(ports.usable, 55001);

    int matched = 0;
    for (const DestinationUsage &d : ports.destinations) {
        char text[64];
        SocketRecord probe;
        probe.remoteAddress = d.address;
        probe.family = d.family;
        const QString address = QString::fromLatin1(text, probe.formatAddress(text, true));
        const QString peer = QStringLiteral("%1:%2").arg(address).arg(d.port);
        for (int i = 0; i < Destinations; ++i) {
            if (address != Population::destinationAddress(i))
                continue;
            ++matched;
            QCOMPARE(d.port, m_population.spec().destinationPort);
            QCOMPARE(d.timeWait, m_population.timeWaitTo(i));
            QCOMPARE(d.sockets, m_population.timeWaitTo(i));
            QCOMPARE(d.timeWait, ss.timeWaitPerPeer.at(peer));
            QCOMPARE(d.share, double(d.sockets) / 55001.0);
        }
    }
    QCOMPARE(matched, Destinations);
    // Most loaded first: the first destination took the remainder.
    QCOMPARE(Population::destinationAddress(0), QStringLiteral("127.1.0.1"));
    QVERIFY(ports.destinations.front().sockets >= ports.destinations.back().sockets);
}

void SamplingNamespaceTest::procAgreesWithNetlink()
{
    const Snapshot netlink = sample(false);
    const Snapshot proc = sample(true);
    QCOMPARE(netlink.source(), SnapshotSource::Netlink);
    QCOMPARE(proc.source(), SnapshotSource::Proc);
    QCOMPARE(proc.sockets().size(), netlink.sockets().size());
    QVERIFY(keys(proc) == keys(netlink));
    QCOMPARE(proc.ephemeral().destinations.size(), netlink.ephemeral().destinations.size());
}

void SamplingNamespaceTest::dualStackShowsMappedAddresses()
{
    const Snapshot snapshot = sample();
    int mapped = 0;
    for (const SocketRecord &s : snapshot.sockets()) {
        if (s.localPort == m_dualStackPort && s.state == SocketState::Established) {
            QCOMPARE(s.family, Family::IPv6);
            QVERIFY(s.isV4Mapped());
            char text[64];
            QCOMPARE(QByteArray(text, s.formatEndpoint(text, false)), "[::ffff:127.0.0.1]:" + QByteArray::number(m_dualStackPort));
            ++mapped;
        }
    }
    QCOMPARE(mapped, 1);
}

void SamplingNamespaceTest::portFindsOwnListener()
{
    const quint16 port = m_population.spec().listenPort + 1;
    const CliRun run = runCli({QStringLiteral("port"), QString::number(port), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = run.json().object();
    QCOMPARE(report.value(QStringLiteral("schema")).toString(), QStringLiteral("sockpit.port/1"));
    const QJsonArray listeners = report.value(QStringLiteral("listeners")).toArray();
    QCOMPARE(listeners.size(), 1);
    const QJsonObject listener = listeners.first().toObject();
    QCOMPARE(listener.value(QStringLiteral("pid")).toInteger(), QCoreApplication::applicationPid());
    QCOMPARE(listener.value(QStringLiteral("process")).toString().toUtf8(), ownComm());
    QCOMPARE(listener.value(QStringLiteral("local")).toString(), QStringLiteral("127.0.0.1:%1").arg(port));
    const QJsonObject bind = report.value(QStringLiteral("bind")).toObject();
    QCOMPARE(bind.value(QStringLiteral("predicted")).toObject().value(QStringLiteral("verdict")).toString(),
             QStringLiteral("listening"));
    QCOMPARE(bind.value(QStringLiteral("tried")).toObject().value(QStringLiteral("verdict")).toString(),
             QStringLiteral("listening"));
    // The namespace's range is 10000-65000 (prepareNamespaceForPopulation).
    QCOMPARE(report.value(QStringLiteral("in_ephemeral_range")).toBool(), true);
}

void SamplingNamespaceTest::portExplainsTimeWait()
{
    // Pick a local port a TIME_WAIT socket holds and nothing else does.
    const Snapshot snapshot = sample();
    quint16 port = 0;
    for (const SocketRecord &s : snapshot.sockets()) {
        if (s.state == SocketState::TimeWait) {
            port = s.localPort;
            break;
        }
    }
    QVERIFY(port != 0);
    const PortReport report = inquirePort(snapshot, port, true);
    QCOMPARE(report.tcp.verdict, BindVerdict::TimeWait);
    QVERIFY(report.inEphemeralRange);
    QCOMPARE(tryBindNow(port, false, report).verdict, BindVerdict::TimeWait);
    // The TIME_WAIT sockets came from clients without SO_REUSEADDR; the kernel lets a
    // binder pass only when both sides set it (inet_bind_conflict: reuse && sk2->sk_reuse).
    QCOMPARE(tryBindNow(port, true, report).verdict, BindVerdict::TimeWait);
    // A port nobody holds binds either way.
    const PortReport free = inquirePort(snapshot, 64999, true);
    QCOMPARE(free.tcp.verdict, BindVerdict::Free);
    QCOMPARE(tryBindNow(64999, false, free).verdict, BindVerdict::Free);
}

void SamplingNamespaceTest::cliSnapshotJsonAgrees()
{
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    const QJsonObject root = run.json().object();
    QCOMPARE(root.value(QStringLiteral("schema")).toString(), QStringLiteral("sockpit.snapshot/1"));
    QCOMPARE(root.value(QStringLiteral("source")).toString(), QStringLiteral("netlink"));
    const QJsonObject tcp = root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("tcp")).toObject();
    QCOMPARE(tcp.value(QStringLiteral("TIME_WAIT")).toInt(), TimeWaitSockets);
    QCOMPARE(tcp.value(QStringLiteral("ESTABLISHED")).toInt(), 2 * Established + 2);
    const QJsonArray sockets = root.value(QStringLiteral("sockets")).toArray();
    const SsView ss = runSs({QStringLiteral("-tuanH")});
    QCOMPARE(sockets.size(), ss.lines);
    const QJsonObject ephemeral = root.value(QStringLiteral("ephemeral")).toObject();
    // Ports, counted from ss: the kernel may give clients of different destinations the
    // same local port, so the population alone cannot say how many distinct ports there are.
    int distinctPorts = 0;
    int timeWaitOnlyPorts = 0;
    for (const auto &[port, live] : ss.localPortHasLiveSocket) {
        if (port < 10000 || port > 65000 || ss.listeningPorts.count(port))
            continue; // outside the namespace's range, or the server side of a listener
        ++distinctPorts;
        timeWaitOnlyPorts += live ? 0 : 1;
    }
    QVERIFY(timeWaitOnlyPorts > 0);
    QCOMPARE(ephemeral.value(QStringLiteral("distinct_ports")).toInt(), distinctPorts);
    QCOMPARE(ephemeral.value(QStringLiteral("time_wait_only_ports")).toInt(), timeWaitOnlyPorts);
    const QJsonArray destinations = ephemeral.value(QStringLiteral("destinations")).toArray();
    // The TIME_WAIT destinations, the established pairs' clients toward the first
    // listener, and the dual-stack client. Accepted ends sit on listening ports: not there.
    std::map<QString, std::pair<int, int>> expected; // peer -> sockets, of them TIME_WAIT
    for (int i = 0; i < Destinations; ++i)
        expected[QStringLiteral("%1:%2").arg(Population::destinationAddress(i)).arg(m_population.spec().destinationPort)] =
            {m_population.timeWaitTo(i), m_population.timeWaitTo(i)};
    expected[QStringLiteral("127.0.0.1:%1").arg(m_population.spec().listenPort)] = {Established, 0};
    expected[QStringLiteral("127.0.0.1:%1").arg(m_dualStackPort)] = {1, 0};
    std::map<QString, std::pair<int, int>> actual;
    for (const QJsonValue &value : destinations) {
        const QJsonObject d = value.toObject();
        const QString peer = QStringLiteral("%1:%2").arg(d.value(QStringLiteral("remote")).toString()).arg(d.value(QStringLiteral("port")).toInt());
        actual[peer] = {d.value(QStringLiteral("sockets")).toInt(), d.value(QStringLiteral("time_wait")).toInt()};
        const auto fromSs = ss.timeWaitPerPeer.find(peer);
        QCOMPARE(actual[peer].second, fromSs == ss.timeWaitPerPeer.end() ? 0 : fromSs->second);
    }
    QCOMPARE(actual, expected);
    const CliRun summary = runCli({QStringLiteral("snapshot"), QStringLiteral("--summary"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(summary.exitCode, 0);
    const QJsonObject s = summary.json().object();
    QVERIFY(!s.contains(QStringLiteral("sockets")));
    QCOMPARE(s.value(QStringLiteral("summary")).toObject().value(QStringLiteral("complete")).toBool(), false);
    QCOMPARE(s.value(QStringLiteral("sockstat")).toObject().value(QStringLiteral("time_wait")).toInt(), TimeWaitSockets);
}

void SamplingNamespaceTest::stateFilterIsAppliedInKernel()
{
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--state"), QStringLiteral("LISTEN"),
                               QStringLiteral("--state"), QStringLiteral("time-wait"), QStringLiteral("--format"),
                               QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray sockets = run.json().object().value(QStringLiteral("sockets")).toArray();
    QCOMPARE(sockets.size(), Listeners + Destinations + 1 + TimeWaitSockets);
    for (const QJsonValue &socket : sockets) {
        const QString state = socket.toObject().value(QStringLiteral("state")).toString();
        QVERIFY2(state == QLatin1String("LISTEN") || state == QLatin1String("TIME_WAIT"), qPrintable(state));
    }
}

void SamplingNamespaceTest::ownersCachedAcrossTicks()
{
    Sampler sampler;
    SamplerOptions options;
    options.owners = true;
    QVERIFY(sampler.sample(options).ok());
    QCOMPARE(sampler.ownerResolver().fullScans(), 1);
    auto again = sampler.sample(options);
    QVERIFY(again.ok());
    QCOMPARE(sampler.ownerResolver().fullScans(), 1); // nothing new: no walk of /proc

    // A new socket is one the cache cannot place: exactly one more walk finds it.
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(23456);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
    auto third = sampler.sample(options);
    QVERIFY(third.ok());
    QCOMPARE(sampler.ownerResolver().fullScans(), 2);
    bool found = false;
    for (const SocketRecord &s : third->sockets()) {
        if (s.protocol == Protocol::Udp && s.localPort == 23456) {
            found = true;
            QCOMPARE(third->owners().ownership(s), Ownership::Process);
            QCOMPARE(third->owners().owner(s.inode)->pid, int(QCoreApplication::applicationPid()));
        } else if (s.state == SocketState::TimeWait) {
            QCOMPARE(third->owners().ownership(s), Ownership::Kernel);
        }
    }
    QVERIFY(found);
    ::close(fd);
}

void SamplingNamespaceTest::hiddenOwnersAreReported()
{
    // An unprivileged user cannot read root's fd tables: our listeners must show up as
    // hidden, not vanish and not be attributed to anyone.
    const CliRun run = runCli({QStringLiteral("snapshot"), QStringLiteral("--owners"), QStringLiteral("--state"),
                               QStringLiteral("LISTEN"), QStringLiteral("--format"), QStringLiteral("json")},
                              [] {
                                  if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                                      ::_exit(99);
                              });
    if (run.exitCode == 99)
        QSKIP("cannot switch to uid 65534 here");
    QCOMPARE(run.exitCode, 0);
    const QJsonArray sockets = run.json().object().value(QStringLiteral("sockets")).toArray();
    QCOMPARE(sockets.size(), Listeners + Destinations + 1);
    for (const QJsonValue &value : sockets) {
        const QJsonObject socket = value.toObject();
        QCOMPARE(socket.value(QStringLiteral("owner")).toString(), QStringLiteral("hidden"));
        QVERIFY(socket.value(QStringLiteral("pid")).isNull());
    }
}

void SamplingNamespaceTest::sampleHubDeliversSnapshots()
{
    SampleHub hub;
    hub.setInterval(std::chrono::milliseconds(100));
    QSignalSpy spy(&hub, &SampleHub::snapshotReady);
    hub.start();
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 3, 10000);
    hub.stop();
    const Snapshot last = spy.last().first().value<Snapshot>();
    QCOMPARE(last.count(Protocol::Tcp, SocketState::TimeWait), TimeWaitSockets);
    QVERIFY(last.counters().rate("Tcp.ActiveOpens").has_value());
    QCOMPARE(hub.latest().takenAt(), last.takenAt());
}

QTEST_GUILESS_MAIN(SamplingNamespaceTest)
#include "tst_samplingnamespace.moc"
