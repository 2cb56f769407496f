// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakehost.h"

#include <QProcess>
#include <QStringList>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <deque>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <queue>
#include <random>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Sockpit::Test {

namespace {

constexpr char DeviceName[] = "fake0";

qint64 clockNs(clockid_t clock)
{
    timespec ts;
    ::clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 monotonicNs() { return clockNs(CLOCK_MONOTONIC); }
// Socket timestamps (SO_TIMESTAMPNS) are CLOCK_REALTIME.
qint64 realtimeNs() { return clockNs(CLOCK_REALTIME); }

// The capture keeps at most this many copies of requests not yet read from the device,
// and of replies not yet seen coming back: far more than a test has in flight.
constexpr size_t MaxCaptured = 8192;

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

quint32 sumWords(const quint8 *data, size_t length, quint32 sum = 0)
{
    for (size_t i = 0; i + 1 < length; i += 2)
        sum += quint32(data[i]) << 8 | data[i + 1];
    if (length & 1)
        sum += quint32(data[length - 1]) << 8;
    return sum;
}

quint16 fold(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<quint16>(~sum);
}

void put16(quint8 *at, quint16 value)
{
    at[0] = quint8(value >> 8);
    at[1] = quint8(value);
}

quint16 get16(const quint8 *at) { return quint16(at[0] << 8 | at[1]); }
quint32 get32(const quint8 *at) { return quint32(at[0]) << 24 | quint32(at[1]) << 16 | quint32(at[2]) << 8 | at[3]; }
void put32(quint8 *at, quint32 v)
{
    put16(at, quint16(v >> 16));
    put16(at + 2, quint16(v));
}

// Transport checksum over the IPv4 or IPv6 pseudo-header plus the segment.
quint16 transportChecksum(bool v6, const quint8 *ip, quint8 protocol, const quint8 *segment, size_t length)
{
    quint32 sum = 0;
    if (v6) {
        sum = sumWords(ip + 8, 32); // source and destination
        sum += quint32(length >> 16) + quint32(length & 0xffff) + protocol;
    } else {
        sum = sumWords(ip + 12, 8);
        sum += protocol + quint32(length);
    }
    return fold(sumWords(segment, length, sum));
}

Result<void> runIp(const QStringList &arguments)
{
    QProcess ip;
    ip.start(QStringLiteral("ip"), arguments);
    if (!ip.waitForFinished(10000) || ip.exitStatus() != QProcess::NormalExit || ip.exitCode() != 0)
        return Error{QStringLiteral("ip %1 failed: %2").arg(arguments.join(QLatin1Char(' ')),
                                                            QString::fromLocal8Bit(ip.readAllStandardError()).trimmed())};
    return {};
}

// ICMP destination unreachable from the link's router, quoting `packet` as RFC 792 and
// RFC 4443 ask (IPv4: the header and what follows up to 576 bytes in all; IPv6: up to
// the minimum MTU of 1280).
std::vector<quint8> unreachableReply(bool v6, const quint8 *packet, size_t length)
{
    const size_t outer = v6 ? 40 : 20;
    const size_t quoted = std::min(length, (v6 ? 1280 : 576) - outer - 8);
    std::vector<quint8> reply(outer + 8 + quoted, 0);
    quint8 *ip = reply.data();
    quint8 *icmp = ip + outer;
    std::memcpy(icmp + 8, packet, quoted);
    if (v6) {
        ip[0] = 0x60;
        put16(ip + 4, quint16(8 + quoted));
        ip[6] = 58;
        ip[7] = 64;
        ::inet_pton(AF_INET6, FakeHost::RouterV6, ip + 8);
        std::memcpy(ip + 24, packet + 8, 16); // to the original source
        icmp[0] = 1; // destination unreachable
        icmp[1] = 3; // address unreachable
        put16(icmp + 2, transportChecksum(true, ip, 58, icmp, 8 + quoted));
    } else {
        ip[0] = 0x45;
        put16(ip + 2, quint16(reply.size()));
        ip[8] = 64;
        ip[9] = 1;
        ::inet_pton(AF_INET, FakeHost::RouterV4, ip + 12);
        std::memcpy(ip + 16, packet + 12, 4);
        put16(ip + 10, fold(sumWords(ip, 20)));
        icmp[0] = 3; // destination unreachable
        icmp[1] = 1; // host unreachable
        put16(icmp + 2, fold(sumWords(icmp, 8 + quoted)));
    }
    return reply;
}

} // namespace

struct FakeHost::Scheduled
{
    qint64 dueNs;       // CLOCK_MONOTONIC
    qint64 requestNs;   // the request's stamp, CLOCK_REALTIME
    bool requestStamped;
    size_t logIndex;
    std::vector<quint8> reply;
    bool operator>(const Scheduled &other) const { return dueNs > other.dueNs; }
};

struct FakeHost::State
{
    // A packet as the device capture saw it, with the kernel's stamp (CLOCK_REALTIME).
    struct Captured
    {
        std::vector<quint8> bytes;
        qint64 stampNs;
    };
    // A reply written to the device whose captured copy has not been seen yet.
    struct Written
    {
        std::vector<quint8> bytes;
        size_t logIndex;
        qint64 requestNs;
        bool requestStamped;
    };

    mutable std::mutex mutex;
    Config config;
    std::mt19937_64 rng;
    std::vector<Entry> log;
    size_t cleared = 0; // entries dropped by clearLog(), so pending replies find their own
    std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> queue; // run thread only
    std::deque<Captured> sent;    // requests the stack handed to the device, oldest first
    std::deque<Written> written;  // under the mutex, like the log

    Entry *entryAt(size_t logIndex)
    {
        if (logIndex < cleared || logIndex - cleared >= log.size())
            return nullptr;
        return &log[logIndex - cleared];
    }
};

FakeHost::FakeHost() : d(std::make_unique<State>()) {}

FakeHost::~FakeHost()
{
    m_stop = true;
    if (m_wakeFd >= 0) {
        const quint64 one = 1;
        [[maybe_unused]] auto n = ::write(m_wakeFd, &one, sizeof one);
    }
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_captureFd >= 0)
        ::close(m_captureFd);
}

Result<void> FakeHost::start(const Config &config)
{
    setConfig(config);
    m_fd = ::open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (m_fd < 0)
        return Error{QStringLiteral("cannot open /dev/net/tun: %1").arg(QString::fromLocal8Bit(std::strerror(errno))), errno};
    ifreq request{};
    request.ifr_flags = IFF_TUN | IFF_NO_PI;
    std::strncpy(request.ifr_name, DeviceName, IFNAMSIZ - 1);
    if (::ioctl(m_fd, TUNSETIFF, &request) != 0)
        return Error{QStringLiteral("TUNSETIFF: %1").arg(QString::fromLocal8Bit(std::strerror(errno))), errno};
    // The capture that stamps the truth. Opened with protocol 0, so it receives nothing
    // until it is bound to the device: no packet of another interface gets in.
    m_captureFd = ::socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_captureFd < 0)
        return Error{QStringLiteral("cannot open a packet socket on the fake host's device: %1").arg(errnoText(errno)), errno};
    const int on = 1;
    const int bufferBytes = 8 * 1024 * 1024;
    ::setsockopt(m_captureFd, SOL_SOCKET, SO_RCVBUFFORCE, &bufferBytes, sizeof bufferBytes);
    if (::setsockopt(m_captureFd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0)
        return Error{QStringLiteral("SO_TIMESTAMPNS on the capture: %1").arg(errnoText(errno)), errno};
    sockaddr_ll link{};
    link.sll_family = AF_PACKET;
    link.sll_protocol = htons(ETH_P_ALL);
    link.sll_ifindex = int(::if_nametoindex(DeviceName));
    if (link.sll_ifindex == 0 || ::bind(m_captureFd, reinterpret_cast<const sockaddr *>(&link), sizeof link) != 0)
        return Error{QStringLiteral("cannot bind the capture to %1: %2").arg(QLatin1StringView(DeviceName), errnoText(errno)), errno};
    const QString device = QString::fromLatin1(DeviceName);
    // nodad: the namespace's own IPv6 address is usable at once, not after DAD's second.
    for (const QStringList &arguments : {QStringList{QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("10.77.0.1/24"),
                                                     QStringLiteral("dev"), device},
                                         QStringList{QStringLiteral("-6"), QStringLiteral("addr"), QStringLiteral("add"),
                                                     QStringLiteral("fd77::1/64"), QStringLiteral("dev"), device, QStringLiteral("nodad")},
                                         QStringList{QStringLiteral("link"), QStringLiteral("set"), device, QStringLiteral("up")}}) {
        if (auto done = runIp(arguments); !done)
            return done;
    }
    m_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    m_thread = std::thread([this] { run(); });
    return {};
}

void FakeHost::setConfig(const Config &config)
{
    std::lock_guard lock(d->mutex);
    d->config = config;
    d->rng.seed(config.seed);
}

std::vector<FakeHost::Entry> FakeHost::log() const
{
    std::lock_guard lock(d->mutex);
    // Replies written by now have their captured copy queued: take their stamps first.
    drainCapture();
    return d->log;
}

void FakeHost::clearLog()
{
    std::lock_guard lock(d->mutex);
    d->cleared += d->log.size();
    d->log.clear();
}

void FakeHost::run()
{
    // The default 50 us timer slack would show up in every applied delay.
    ::prctl(PR_SET_TIMERSLACK, 1UL);
    // Keeps the wake-up at a reply's due time close to it on a busy machine. Best effort:
    // the log is stamped by the kernel on the device, so it is right either way.
    sched_param priority{};
    priority.sched_priority = 10;
    ::pthread_setschedparam(::pthread_self(), SCHED_FIFO, &priority);
    quint8 buffer[65536];
    while (!m_stop) {
        pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_wakeFd, POLLIN, 0}};
        timespec wait{1, 0};
        if (!d->queue.empty()) {
            const qint64 left = std::max<qint64>(0, d->queue.top().dueNs - monotonicNs());
            wait = {time_t(left / 1'000'000'000), long(left % 1'000'000'000)};
        }
        ::ppoll(fds, 2, &wait, nullptr);
        if (fds[0].revents & POLLIN) {
            double stallMs;
            {
                std::lock_guard lock(d->mutex);
                stallMs = d->config.readStallMs;
            }
            if (stallMs > 0) {
                const qint64 ns = qint64(stallMs * 1e6);
                const timespec stall{time_t(ns / 1'000'000'000), long(ns % 1'000'000'000)};
                ::nanosleep(&stall, nullptr);
            }
            for (;;) {
                const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
                if (length <= 0)
                    break;
                bool stamped = false;
                qint64 requestNs;
                {
                    std::lock_guard lock(d->mutex);
                    requestNs = requestStamp(buffer, size_t(length), &stamped);
                }
                handle(buffer, size_t(length), requestNs, stamped);
            }
        }
        while (!d->queue.empty() && d->queue.top().dueNs <= monotonicNs()) {
            const Scheduled &next = d->queue.top();
            {
                // Registered before the write: the reply's captured copy is queued inside
                // write(), and log() may read it the moment write() returns.
                std::lock_guard lock(d->mutex);
                d->written.push_back({next.reply, next.logIndex, next.requestNs, next.requestStamped});
                if (d->written.size() > MaxCaptured)
                    d->written.pop_front();
            }
            [[maybe_unused]] auto n = ::write(m_fd, next.reply.data(), next.reply.size());
            const qint64 writtenNs = realtimeNs();
            {
                // This thread's own clock until the captured copy replaces it.
                std::lock_guard lock(d->mutex);
                if (Entry *entry = d->entryAt(next.logIndex); entry && entry->appliedNs == 0)
                    entry->appliedNs = writtenNs - next.requestNs;
            }
            d->queue.pop();
        }
    }
}

void FakeHost::drainCapture() const
{
    for (;;) {
        quint8 packet[2048];
        alignas(cmsghdr) char control[128];
        sockaddr_ll from{};
        iovec iov{packet, sizeof packet};
        msghdr message{};
        message.msg_name = &from;
        message.msg_namelen = sizeof from;
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t length = ::recvmsg(m_captureFd, &message, MSG_DONTWAIT);
        if (length < 0)
            return;
        qint64 stampNs = realtimeNs();
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                timespec ts;
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                stampNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
            }
        }
        std::vector<quint8> bytes(packet, packet + std::min(size_t(length), sizeof packet));
        if (from.sll_pkttype == PACKET_OUTGOING) {
            d->sent.push_back({std::move(bytes), stampNs});
            if (d->sent.size() > MaxCaptured)
                d->sent.pop_front();
            continue;
        }
        // Coming in: one of the replies written, the oldest with these bytes.
        auto match = std::find_if(d->written.begin(), d->written.end(), [&](const State::Written &w) { return w.bytes == bytes; });
        if (match == d->written.end())
            continue;
        if (Entry *entry = d->entryAt(match->logIndex)) {
            entry->appliedNs = stampNs - match->requestNs;
            entry->deviceStamped = match->requestStamped;
        }
        d->written.erase(match);
    }
}

qint64 FakeHost::requestStamp(const quint8 *packet, size_t length, bool *stamped)
{
    // The stack hands packets to the device in order, and the capture gets its copy of
    // each on the way in (dev_queue_xmit_nit) with the stamp taken there. The copy can
    // still trail the read by a moment (seen for the first packets after the device comes
    // up), so a missing one is waited for, briefly: the stamp is what matters, not when
    // it is read. Copies ahead of the match are packets the device dropped (queue full).
    const qint64 giveUpNs = monotonicNs() + 50'000'000;
    for (;;) {
        auto match = std::find_if(d->sent.begin(), d->sent.end(), [&](const State::Captured &c) {
            return c.bytes.size() == length && std::equal(c.bytes.begin(), c.bytes.end(), packet);
        });
        if (match != d->sent.end()) {
            const qint64 stampNs = match->stampNs;
            d->sent.erase(d->sent.begin(), match + 1);
            *stamped = true;
            return stampNs;
        }
        const qint64 leftNs = giveUpNs - monotonicNs();
        if (leftNs <= 0)
            break;
        pollfd capture{m_captureFd, POLLIN, 0};
        const timespec wait{0, long(std::min<qint64>(leftNs, 5'000'000))};
        ::ppoll(&capture, 1, &wait, nullptr);
        drainCapture();
    }
    *stamped = false;
    return realtimeNs();
}

void FakeHost::handle(const quint8 *packet, size_t length, qint64 requestNs, bool stamped)
{
    if (length < 20)
        return;
    const bool v6 = (packet[0] >> 4) == 6;
    const size_t ipLength = v6 ? 40 : size_t(packet[0] & 0x0f) * 4;
    if (length < ipLength + 8)
        return;
    const quint8 protocol = v6 ? packet[6] : packet[9];
    char destination[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(v6 ? AF_INET6 : AF_INET, packet + (v6 ? 24 : 16), destination, sizeof destination);
    Entry entry;
    entry.destination = QString::fromLatin1(destination);
    {
        std::lock_guard lock(d->mutex);
        entry.unreachable = d->config.unreachable.count(entry.destination) > 0;
    }
    if (entry.unreachable) {
        // Only what a host would have answered is worth a report: echo requests, SYNs
        // and datagrams, not the neighbour and router chatter of the namespace itself.
        const quint8 *l4 = packet + ipLength;
        const bool request = ((protocol == 1 && l4[0] == 8) || (protocol == 58 && l4[0] == 128) || protocol == 17
                              || (protocol == 6 && length >= ipLength + 20 && (l4[13] & 0x12) == 0x02));
        if (!request)
            return;
        entry.kind = protocol == 1 ? Kind::Icmp4 : protocol == 58 ? Kind::Icmp6 : protocol == 6 ? Kind::TcpSyn : Kind::Udp;
        if (protocol == 1 || protocol == 58) {
            entry.id = get16(l4 + 4);
            entry.seq = get16(l4 + 6);
        } else {
            entry.id = get16(l4);
        }
        schedule(std::move(entry), unreachableReply(v6, packet, length), requestNs, stamped);
        return;
    }
    std::vector<quint8> reply(packet, packet + length);
    quint8 *ip = reply.data();
    quint8 *l4 = ip + ipLength;
    const size_t l4Length = length - ipLength;
    // Answer from the address asked for, to the address that asked.
    if (v6) {
        std::swap_ranges(ip + 8, ip + 24, ip + 24);
        ip[7] = 64;
    } else {
        std::swap_ranges(ip + 12, ip + 16, ip + 16);
        ip[8] = 64;
    }
    switch (protocol) {
    case 1:   // ICMP
    case 58:  // ICMPv6
        if ((!v6 && l4[0] != 8) || (v6 && l4[0] != 128))
            return; // only echo requests; router solicitations and the like are not for us
        entry.kind = v6 ? Kind::Icmp6 : Kind::Icmp4;
        entry.id = get16(l4 + 4);
        entry.seq = get16(l4 + 6);
        l4[0] = v6 ? 129 : 0;
        put16(l4 + 2, 0);
        put16(l4 + 2, v6 ? transportChecksum(true, ip, 58, l4, l4Length) : fold(sumWords(l4, l4Length)));
        break;
    case 6: { // TCP
        if (l4Length < 20)
            return;
        const quint8 flags = l4[13];
        if (!(flags & 0x02) || (flags & 0x10))
            return; // only a SYN starts something here; ACKs, RSTs and FINs are ignored
        entry.kind = Kind::TcpSyn;
        entry.id = get16(l4);
        const quint16 port = get16(l4 + 2);
        const quint32 theirSeq = get32(l4 + 4);
        bool open;
        {
            std::lock_guard lock(d->mutex);
            open = d->config.openTcpPorts.count(port) > 0;
        }
        entry.answeredOpen = open;
        reply.resize(ipLength + 20);
        ip = reply.data();
        l4 = ip + ipLength;
        std::swap_ranges(l4, l4 + 2, l4 + 2);
        put32(l4 + 4, open ? 0x1000'0000u : 0);
        put32(l4 + 8, theirSeq + 1);
        l4[12] = 5 << 4;
        l4[13] = open ? 0x12 : 0x14; // SYN+ACK, or RST+ACK
        put16(l4 + 14, open ? 65535 : 0);
        put16(l4 + 16, 0);
        put16(l4 + 18, 0);
        put16(l4 + 16, transportChecksum(v6, ip, 6, l4, 20));
        break;
    }
    case 17: // UDP: echo the payload
        entry.kind = Kind::Udp;
        entry.id = get16(l4);
        std::swap_ranges(l4, l4 + 2, l4 + 2);
        put16(l4 + 6, 0);
        put16(l4 + 6, transportChecksum(v6, ip, 17, l4, l4Length));
        break;
    default:
        return;
    }
    if (v6) {
        put16(ip + 4, quint16(reply.size() - 40));
    } else {
        put16(ip + 2, quint16(reply.size()));
        put16(ip + 10, 0);
        put16(ip + 10, fold(sumWords(ip, ipLength)));
    }
    schedule(std::move(entry), std::move(reply), requestNs, stamped);
}

void FakeHost::schedule(Entry entry, std::vector<quint8> reply, qint64 requestNs, bool stamped)
{
    double delayMs;
    {
        std::lock_guard lock(d->mutex);
        const Config &c = d->config;
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        entry.dropped = unit(d->rng) * 100.0 < c.lossPct;
        delayMs = std::max(0.0, c.delayMs + (unit(d->rng) * 2 - 1) * c.jitterMs);
        entry.deviceStamped = false; // until the reply's captured copy is seen
        entry.requestStamped = stamped;
        d->log.push_back(entry);
        if (entry.dropped)
            return;
        // Due from the moment the request reached the device, on the monotonic clock.
        const qint64 requestMonoNs = monotonicNs() - (realtimeNs() - requestNs);
        d->queue.push(Scheduled{requestMonoNs + qint64(delayMs * 1e6), requestNs, stamped, d->cleared + d->log.size() - 1,
                                std::move(reply)});
    }
}

} // namespace Sockpit::Test
