// SPDX-License-Identifier: GPL-3.0-or-later
// tcp_info of live connections aggregated per remote address.

#include "probes/passiveview.h"

#include <QTest>

#include <arpa/inet.h>

using namespace Sockpit;

namespace {

SocketRecord tcp(const char *remote, quint32 rttUs, quint32 rttVarUs, quint32 retransmits,
                 SocketState state = SocketState::Established, bool tcpInfo = true)
{
    SocketRecord r;
    r.protocol = Protocol::Tcp;
    r.state = state;
    r.hasTcpInfo = tcpInfo;
    r.rttUs = rttUs;
    r.rttVarUs = rttVarUs;
    r.retransmits = retransmits;
    if (::inet_pton(AF_INET, remote, r.remoteAddress.data()) == 1) {
        r.family = Family::IPv4;
    } else {
        r.family = Family::IPv6;
        ::inet_pton(AF_INET6, remote, r.remoteAddress.data());
    }
    return r;
}

} // namespace

class PassiveViewTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aggregatesPerRemoteAddress();
    void emptySnapshot();
};

void PassiveViewTest::aggregatesPerRemoteAddress()
{
    SnapshotBuilder builder;
    builder.setSockets({
        tcp("10.0.0.1", 1000, 500, 2),
        tcp("10.0.0.1", 3000, 1500, 1),
        tcp("::ffff:10.0.0.1", 2000, 1000, 0), // the same peer over a dual-stack socket
        tcp("fd00::5", 40000, 2000, 7),
        tcp("10.0.0.9", 9000, 9000, 9, SocketState::TimeWait, false), // no live estimate
        tcp("10.0.0.8", 8000, 8000, 8, SocketState::Established, false), // no tcp_info
    });
    const std::vector<PassivePeer> peers = passivePeers(builder.build());
    QCOMPARE(peers.size(), size_t(2));
    QCOMPARE(peers[0].address, QStringLiteral("10.0.0.1"));
    QCOMPARE(peers[0].connections, 3);
    QCOMPARE(peers[0].rttMinMs, 1.0);
    QCOMPARE(peers[0].rttAvgMs, 2.0);
    QCOMPARE(peers[0].rttMaxMs, 3.0);
    QCOMPARE(peers[0].rttVarAvgMs, 1.0);
    QCOMPARE(peers[0].retransmits, quint64(3));
    QCOMPARE(peers[1].address, QStringLiteral("fd00::5"));
    QCOMPARE(peers[1].rttAvgMs, 40.0);
    QCOMPARE(peers[1].retransmits, quint64(7));
}

void PassiveViewTest::emptySnapshot()
{
    QVERIFY(passivePeers(SnapshotBuilder().build()).empty());
}

QTEST_GUILESS_MAIN(PassiveViewTest)
#include "tst_passiveview.moc"
