// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/prober.h"

#include "base/systemerror.h"
#include "base/uniquefd.h"

#include "probes/hostresolver.h"
#include "probes/tlsinspector.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QNetworkProxy>
#include <QSocketNotifier>
#include <QSslConfiguration>
#include <QSslSocket>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <linux/errqueue.h>
#include <map>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace Sockpit {

namespace {

qint64 monotonicNs()
{
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 realtimeNs()
{
    timespec ts;
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// The words a probe result uses for the errors a connect() meets most; the C library's
// for the rest.
QString probeErrorText(int error)
{
    switch (error) {
    case ECONNREFUSED: return QStringLiteral("connection refused");
    case EHOSTUNREACH: return QStringLiteral("host unreachable");
    case ENETUNREACH: return QStringLiteral("network unreachable");
    case ETIMEDOUT: return QStringLiteral("timeout");
    default: return errnoText(error);
    }
}

quint16 internetChecksum(const quint8 *data, size_t length)
{
    quint32 sum = 0;
    for (size_t i = 0; i + 1 < length; i += 2)
        sum += quint32(data[i]) << 8 | data[i + 1];
    if (length & 1)
        sum += quint32(data[length - 1]) << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<quint16>(~sum);
}

QString pingGroupRange()
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/ping_group_range"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unreadable");
    return QString::fromLatin1(file.readAll().simplified()).replace(QLatin1Char('\t'), QLatin1Char(' '));
}

constexpr size_t PayloadSize = 16; // 8 bytes of nonce, 8 of padding, like ping's 56 but small

// Below this interval the sockets are read once per round instead of woken for every
// reply: 20 targets every 10 ms are 2,000 replies a second, and each wake-up of the
// thread costs more than reading all sockets at once. Replies are timed by the kernel's
// receive timestamp, so reading them later changes no figure, only when it is reported.
constexpr qint64 BatchedBelowNs = 100'000'000;

QString offenderText(const sockaddr *offender)
{
    char buffer[INET6_ADDRSTRLEN] = {};
    if (offender->sa_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(offender)->sin_addr, buffer, sizeof buffer);
    else if (offender->sa_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(offender)->sin6_addr, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

// What an ICMP error queued by IP_RECVERR / IPV6_RECVERR says, in the words ping uses.
// Types and codes: RFC 792 and RFC 1812 section 5.2.7.1 for ICMP, RFC 4443 for ICMPv6.
QString icmpErrorText(const sock_extended_err &ee, const sockaddr *offender)
{
    QString text;
    if (ee.ee_origin == SO_EE_ORIGIN_ICMP) {
        switch (ee.ee_type) {
        case ICMP_DEST_UNREACH:
            switch (ee.ee_code) {
            case ICMP_NET_UNREACH: case ICMP_NET_UNKNOWN: case ICMP_NET_UNR_TOS: text = QStringLiteral("network unreachable"); break;
            case ICMP_HOST_UNREACH: case ICMP_HOST_UNKNOWN: case ICMP_HOST_UNR_TOS: text = QStringLiteral("host unreachable"); break;
            case ICMP_PROT_UNREACH: text = QStringLiteral("protocol unreachable"); break;
            case ICMP_PORT_UNREACH: text = QStringLiteral("port unreachable"); break;
            case ICMP_FRAG_NEEDED: text = QStringLiteral("fragmentation needed"); break;
            case ICMP_NET_ANO: case ICMP_HOST_ANO: case ICMP_PKT_FILTERED: text = QStringLiteral("administratively prohibited"); break;
            default: text = QStringLiteral("destination unreachable (code %1)").arg(ee.ee_code);
            }
            break;
        case ICMP_TIME_EXCEEDED: text = QStringLiteral("TTL exceeded in transit"); break;
        case ICMP_PARAMETERPROB: text = QStringLiteral("parameter problem"); break;
        default: text = QStringLiteral("ICMP type %1 code %2").arg(ee.ee_type).arg(ee.ee_code);
        }
    } else if (ee.ee_origin == SO_EE_ORIGIN_ICMP6) {
        switch (ee.ee_type) {
        case ICMP6_DST_UNREACH:
            switch (ee.ee_code) {
            case ICMP6_DST_UNREACH_NOROUTE: text = QStringLiteral("network unreachable"); break;
            case ICMP6_DST_UNREACH_ADDR: text = QStringLiteral("host unreachable"); break;
            case ICMP6_DST_UNREACH_NOPORT: text = QStringLiteral("port unreachable"); break;
            case ICMP6_DST_UNREACH_BEYONDSCOPE: text = QStringLiteral("beyond scope of source address"); break;
            default: text = QStringLiteral("administratively prohibited"); break; // 1, 5 (policy), 6 (reject route)
            }
            break;
        case ICMP6_PACKET_TOO_BIG: text = QStringLiteral("packet too big"); break;
        case ICMP6_TIME_EXCEEDED: text = QStringLiteral("hop limit exceeded in transit"); break;
        case ICMP6_PARAM_PROB: text = QStringLiteral("parameter problem"); break;
        default: text = QStringLiteral("ICMPv6 type %1 code %2").arg(ee.ee_type).arg(ee.ee_code);
        }
    } else {
        return probeErrorText(int(ee.ee_errno)); // a local error: no router to name
    }
    const QString from = offenderText(offender);
    return from.isEmpty() ? text : QStringLiteral("%1 (reported by %2)").arg(text, from);
}

struct Pending
{
    qint64 roundNs = 0;               // the round's start, when the name lookup began
    qint64 sentNs = 0;                // the probe's own start: its packet, connect or, for https, the round
    qint64 deadlineNs = 0;
    qint64 wallMs = 0;
    quint64 nonce = 0;
    bool resolving = false;           // waiting for this round's name lookup
    UniqueFd fd;                      // tcp: the connecting socket
    QSocketNotifier *notifier = nullptr;
    QPointer<QSslSocket> ssl;         // https
    ProbeSample partial;              // https: phases so far; every kind: the lookup time
    QByteArray response;
};

struct Target
{
    ProbeTarget spec;
    ResolvedAddress address;
    bool named = false;                 // resolved again in every round
    ProbeWindow window;
    std::map<quint32, Pending> pending; // by sequence number, matched exactly
    UniqueFd icmpFd;
    bool raw = false;
    quint16 icmpId = 0;
    QSocketNotifier *icmpNotifier = nullptr;
    quint32 nextSeq = 0;
    int sent = 0;
};

} // namespace

Result<int> openIcmpSocket(int family, IcmpMode mode, bool *raw)
{
    const int protocol = family == AF_INET ? int(IPPROTO_ICMP) : int(IPPROTO_ICMPV6);
    int pingError = 0;
    if (mode != IcmpMode::Raw) {
        const int fd = ::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
        if (fd >= 0) {
            *raw = false;
            return fd;
        }
        pingError = errno;
    }
    if (mode != IcmpMode::PingSocket) {
        const int fd = ::socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
        if (fd >= 0) {
            *raw = true;
            return fd;
        }
        if (mode == IcmpMode::Raw)
            return Error{QStringLiteral("cannot open a raw ICMP socket: %1 (needs root or CAP_NET_RAW)").arg(probeErrorText(errno)), errno};
    }
    if (pingError == EACCES)
        return Error{QStringLiteral("ICMP needs a ping socket, and net.ipv4.ping_group_range (%1) excludes group %2; "
                                    "allow it with: sysctl -w net.ipv4.ping_group_range=\"0 2147483647\" "
                                    "(or run as root for a raw socket)")
                         .arg(pingGroupRange())
                         .arg(::getegid()),
                     EACCES};
    return Error{QStringLiteral("cannot open an ICMP socket: %1").arg(probeErrorText(pingError)), pingError};
}

struct Prober::Private
{
    Prober *q = nullptr;
    ProberOptions options;
    std::vector<std::unique_ptr<Target>> targets;
    std::unique_ptr<HostResolver> resolver;
    UniqueFd timerFd;
    QSocketNotifier *timerNotifier = nullptr;
    bool running = false;
    bool finished = false;
    bool batched = false;
    qint64 intervalNs = 0;
    qint64 timeoutNs = 0;
    qint64 nextRoundNs = 0;
    int rounds = 0;

    void onTimer();
    bool roundsLeft() const { return options.count == 0 || rounds < options.count; }
    void startRound(qint64 nowNs);
    void sendProbe(int index, qint64 nowNs);
    void onResolved(int index, quint32 seq, const Result<ResolvedAddress> &resolved);
    void launch(int index, Target &t, quint32 seq, Pending &p);
    void sendIcmp(int index, Target &t, quint32 seq, Pending &p);
    void startTcp(int index, Target &t, quint32 seq, Pending &p);
    void startHttps(int index, Target &t, quint32 seq, Pending &p);
    void readIcmp(int index);
    void readIcmpErrors(int index);
    void matchIcmp(int index, const quint8 *icmp, size_t length, std::optional<qint64> receivedNs, const QString &error);
    void checkTcp(int index, quint32 seq);
    void complete(int index, quint32 seq, std::optional<qint64> rttNs, const QString &error);
    void release(Pending &p);
    void rearm(qint64 nowNs);
    void checkFinished();
};

Prober::Prober(ProberOptions options, QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->options = options;
    d->intervalNs = qint64(qMax(1, options.intervalMs)) * 1'000'000;
    d->timeoutNs = qint64(qMax(1, options.timeoutMs)) * 1'000'000;
    d->batched = d->intervalNs < BatchedBelowNs;
    d->resolver = std::make_unique<HostResolver>(this);
}

Prober::~Prober()
{
    stop();
    d->resolver.reset();
}

Result<int> Prober::addTarget(const ProbeTarget &spec)
{
    auto target = std::make_unique<Target>();
    target->spec = spec;
    target->window = ProbeWindow(size_t(qMax(1, d->options.windowSize)));
    target->named = !spec.hostIsLiteral();
    auto resolved = resolveHost(spec.host, spec.port);
    if (!resolved)
        return resolved.failure();
    target->address = resolved.value();
    const int index = static_cast<int>(d->targets.size());
    if (spec.kind == ProbeKind::Icmp) {
        auto fd = openIcmpSocket(target->address.family, d->options.icmpMode, &target->raw);
        if (!fd)
            return fd.failure();
        target->icmpFd.reset(fd.value());
        const int on = 1;
        ::setsockopt(target->icmpFd.get(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
        // ICMP errors about our echo requests (destination unreachable from a router)
        // land on the socket's error queue with the request they quote, so each is
        // reported for its own probe at once instead of as a timeout.
        if (target->address.family == AF_INET)
            ::setsockopt(target->icmpFd.get(), SOL_IP, IP_RECVERR, &on, sizeof on);
        else
            ::setsockopt(target->icmpFd.get(), SOL_IPV6, IPV6_RECVERR, &on, sizeof on);
        // connect() makes the kernel deliver only this peer's packets to the socket. With
        // no route it fails; then every probe's sendto() reports why, sample by sample.
        ::connect(target->icmpFd.get(), reinterpret_cast<const sockaddr *>(&target->address.address), target->address.length);
        if (target->raw) {
            target->icmpId = static_cast<quint16>(QRandomGenerator::global()->bounded(1, 65536));
        } else {
            // The kernel owns a ping socket's identifier: it is the socket's "port".
            sockaddr_storage local{};
            socklen_t length = sizeof local;
            ::getsockname(target->icmpFd.get(), reinterpret_cast<sockaddr *>(&local), &length);
            target->icmpId = ntohs(target->address.family == AF_INET ? reinterpret_cast<sockaddr_in *>(&local)->sin_port
                                                                     : reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port);
        }
        if (!d->batched) {
            target->icmpNotifier = new QSocketNotifier(target->icmpFd.get(), QSocketNotifier::Read, this);
            connect(target->icmpNotifier, &QSocketNotifier::activated, this, [this, index] { d->readIcmp(index); });
        }
    }
    d->targets.push_back(std::move(target));
    return index;
}

int Prober::targetCount() const { return static_cast<int>(d->targets.size()); }
const ProbeTarget &Prober::target(int index) const { return d->targets.at(size_t(index))->spec; }
const ResolvedAddress &Prober::address(int index) const { return d->targets.at(size_t(index))->address; }
bool Prober::isFinished() const { return d->finished; }

const std::vector<ProbeSample> &Prober::samples(int index) const { return d->targets.at(size_t(index))->window.samples(); }
ProbeTotals Prober::totals(int index) const { return d->targets.at(size_t(index))->window.totals(); }

ProbeStats Prober::stats(int index) const
{
    const Target &t = *d->targets.at(size_t(index));
    return t.window.stats(t.spec.thresholds, t.spec.kind != ProbeKind::Icmp);
}

void Prober::setThresholds(int index, const ProbeThresholds &thresholds)
{
    d->targets.at(size_t(index))->spec.thresholds = thresholds;
}

QString Prober::icmpMethod(int index) const
{
    const Target &t = *d->targets.at(size_t(index));
    if (t.spec.kind != ProbeKind::Icmp)
        return {};
    return t.raw ? QStringLiteral("raw socket") : QStringLiteral("ping socket");
}

void Prober::start()
{
    if (d->running)
        return;
    d->running = true;
    d->finished = false;
    d->rounds = 0;
    d->timerFd.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
    d->timerNotifier = new QSocketNotifier(d->timerFd.get(), QSocketNotifier::Read, this);
    connect(d->timerNotifier, &QSocketNotifier::activated, this, [this] { d->onTimer(); });
    d->nextRoundNs = monotonicNs();
    d->onTimer();
}

void Prober::stop()
{
    if (!d->running)
        return;
    d->running = false;
    for (auto &t : d->targets) {
        for (auto &[seq, p] : t->pending)
            d->release(p);
        t->pending.clear();
    }
    // Called from the timer's own activated() signal too: disable now, delete later.
    d->timerNotifier->setEnabled(false);
    d->timerNotifier->deleteLater();
    d->timerNotifier = nullptr;
    d->timerFd.reset();
}

void Prober::Private::rearm(qint64 nowNs)
{
    if (!running)
        return;
    qint64 next = roundsLeft() ? nextRoundNs : std::numeric_limits<qint64>::max();
    bool waiting = false;
    for (auto &t : targets) {
        for (auto &[seq, p] : t->pending) {
            next = qMin(next, p.deadlineNs);
            waiting = waiting || !p.resolving;
        }
    }
    // Batched, nothing wakes the thread for a reply: look again one interval on.
    if (batched && waiting)
        next = qMin(next, nowNs + intervalNs);
    itimerspec spec{};
    if (next != std::numeric_limits<qint64>::max()) {
        next = qMax<qint64>(next, 1);
        spec.it_value.tv_sec = next / 1'000'000'000;
        spec.it_value.tv_nsec = next % 1'000'000'000;
    }
    ::timerfd_settime(timerFd.get(), TFD_TIMER_ABSTIME, &spec, nullptr);
}

void Prober::Private::onTimer()
{
    quint64 expirations = 0;
    [[maybe_unused]] auto n = ::read(timerFd.get(), &expirations, sizeof expirations);
    const qint64 now = monotonicNs();
    // Replies first: whatever arrived before `now` is in the sockets, timestamped, and
    // must be matched before any deadline up to `now` is judged.
    for (size_t i = 0; i < targets.size() && running; ++i) {
        Target &t = *targets[i];
        if (t.icmpFd.isValid())
            readIcmp(int(i));
        if (t.spec.kind == ProbeKind::Tcp) {
            std::vector<quint32> connecting;
            for (auto &[seq, p] : t.pending)
                if (p.fd.isValid())
                    connecting.push_back(seq);
            for (quint32 seq : connecting)
                checkTcp(int(i), seq);
        }
    }
    // Then timeouts: a probe whose deadline passed is lost, whatever arrives later.
    for (size_t i = 0; i < targets.size() && running; ++i) {
        Target &t = *targets[i];
        std::vector<std::pair<quint32, bool>> expired;
        for (auto &[seq, p] : t.pending)
            if (p.deadlineNs <= now)
                expired.emplace_back(seq, p.resolving);
        for (auto [seq, resolving] : expired)
            complete(int(i), seq, std::nullopt, resolving ? QStringLiteral("DNS timeout") : QStringLiteral("timeout"));
    }
    if (running && roundsLeft() && nextRoundNs <= now) {
        startRound(now);
        nextRoundNs += intervalNs;
        // Absolute schedule: after a stall, skip the missed rounds instead of bursting.
        if (nextRoundNs <= now)
            nextRoundNs += ((now - nextRoundNs) / intervalNs + 1) * intervalNs;
    }
    rearm(now);
    checkFinished();
}

void Prober::Private::checkFinished()
{
    if (!running || options.count == 0 || finished)
        return;
    for (auto &t : targets)
        if (t->sent < options.count || !t->pending.empty())
            return;
    finished = true;
    q->stop();
    Q_EMIT q->finished();
}

void Prober::Private::startRound(qint64 nowNs)
{
    ++rounds;
    for (size_t i = 0; i < targets.size() && running; ++i)
        sendProbe(int(i), nowNs);
}

void Prober::Private::sendProbe(int index, qint64 nowNs)
{
    Target &t = *targets[size_t(index)];
    const quint32 seq = t.nextSeq++;
    ++t.sent;
    Pending &p = t.pending[seq];
    p.wallMs = QDateTime::currentMSecsSinceEpoch();
    p.roundNs = p.sentNs = nowNs;
    p.deadlineNs = nowNs + timeoutNs;
    if (!t.named) {
        if (t.spec.kind == ProbeKind::Https)
            p.partial.dnsMs = 0; // a literal address: the DNS phase takes no time
        launch(index, t, seq, p);
        return;
    }
    // Once per round, off this thread. An ICMP socket stays with its address family.
    p.resolving = true;
    const int family = t.spec.kind == ProbeKind::Icmp ? t.address.family : AF_UNSPEC;
    resolver->lookup(t.spec.host, t.spec.port, family,
                     [this, index, seq](const Result<ResolvedAddress> &resolved) { onResolved(index, seq, resolved); });
}

void Prober::Private::onResolved(int index, quint32 seq, const Result<ResolvedAddress> &resolved)
{
    if (!running)
        return;
    Target &t = *targets[size_t(index)];
    auto it = t.pending.find(seq);
    if (it == t.pending.end() || !it->second.resolving)
        return; // timed out while the lookup ran
    Pending &p = it->second;
    p.resolving = false;
    if (!resolved) {
        p.partial.dnsMs = double(monotonicNs() - p.roundNs) / 1e6;
        complete(index, seq, std::nullopt, QStringLiteral("DNS failure: %1").arg(resolverErrorText(resolved.errorCode())));
        return;
    }
    p.partial.dnsMs = resolved->resolveMs;
    if (resolved->text != t.address.text) {
        t.address = resolved.value();
        if (t.icmpFd.isValid())
            ::connect(t.icmpFd.get(), reinterpret_cast<const sockaddr *>(&t.address.address), t.address.length);
    } else {
        t.address.resolveMs = resolved->resolveMs;
    }
    launch(index, t, seq, p);
}

void Prober::Private::launch(int index, Target &t, quint32 seq, Pending &p)
{
    switch (t.spec.kind) {
    case ProbeKind::Icmp: sendIcmp(index, t, seq, p); break;
    case ProbeKind::Tcp: startTcp(index, t, seq, p); break;
    case ProbeKind::Https: startHttps(index, t, seq, p); break;
    }
}

void Prober::Private::sendIcmp(int index, Target &t, quint32 seq, Pending &p)
{
    p.nonce = QRandomGenerator::global()->generate64();
    quint8 packet[8 + PayloadSize] = {};
    packet[0] = t.address.family == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
    packet[4] = quint8(t.icmpId >> 8);
    packet[5] = quint8(t.icmpId);
    packet[6] = quint8(seq >> 8);
    packet[7] = quint8(seq);
    std::memcpy(packet + 8, &p.nonce, sizeof p.nonce);
    // Ping sockets and ICMPv6 raw sockets have the kernel fill in the checksum; an IPv4
    // raw socket sends exactly what it is given.
    if (t.raw && t.address.family == AF_INET) {
        const quint16 sum = internetChecksum(packet, sizeof packet);
        packet[2] = quint8(sum >> 8);
        packet[3] = quint8(sum);
    }
    p.sentNs = monotonicNs();
    p.deadlineNs = p.sentNs + timeoutNs;
    if (::sendto(t.icmpFd.get(), packet, sizeof packet, 0, reinterpret_cast<const sockaddr *>(&t.address.address), t.address.length) < 0)
        complete(index, seq, std::nullopt, probeErrorText(errno));
}

void Prober::Private::readIcmp(int index)
{
    // Drained even after stop(): a level-triggered notifier left with data would fire
    // for ever. What no pending probe claims is dropped.
    readIcmpErrors(index);
    Target &t = *targets[size_t(index)];
    for (int failures = 0; t.icmpFd.isValid();) {
        quint8 buffer[1500];
        alignas(cmsghdr) char control[256];
        iovec iov{buffer, sizeof buffer};
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t length = ::recvmsg(t.icmpFd.get(), &message, MSG_DONTWAIT);
        if (length < 0) {
            // With IP_RECVERR a pending socket error is reported once here as well; the
            // error queue has the details. Anything but "nothing left" is worth a retry.
            if (errno == EAGAIN || errno == EWOULDBLOCK || ++failures > 4)
                return;
            continue;
        }
        const qint64 nowMono = monotonicNs();
        qint64 receivedNs = nowMono;
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                // The kernel stamps CLOCK_REALTIME at receive; carry it over to the
                // monotonic clock by its age now, so the user-space wake-up is not counted.
                timespec ts;
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                const qint64 age = realtimeNs() - (qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec);
                if (age >= 0 && age < 10'000'000'000)
                    receivedNs = nowMono - age;
            }
        }
        // The socket is connected to the target, so the kernel delivers only its packets.
        const quint8 *icmp = buffer;
        size_t icmpLength = size_t(length);
        if (t.raw && t.address.family == AF_INET) { // raw IPv4 sockets include the IP header
            const size_t headerLength = size_t(buffer[0] & 0x0f) * 4;
            if (icmpLength < headerLength)
                continue;
            icmp += headerLength;
            icmpLength -= headerLength;
        }
        const quint8 replyType = t.address.family == AF_INET ? ICMP_ECHOREPLY : ICMP6_ECHO_REPLY;
        if (icmpLength >= 1 && icmp[0] == replyType)
            matchIcmp(index, icmp, icmpLength, receivedNs, {});
    }
}

void Prober::Private::readIcmpErrors(int index)
{
    Target &t = *targets[size_t(index)];
    while (t.icmpFd.isValid()) {
        quint8 buffer[576];
        alignas(cmsghdr) char control[512];
        iovec iov{buffer, sizeof buffer};
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t length = ::recvmsg(t.icmpFd.get(), &message, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (length < 0)
            return;
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) || (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
                // The data is the echo request the error quotes, from its ICMP header on.
                sock_extended_err ee;
                std::memcpy(&ee, CMSG_DATA(c), sizeof ee);
                sockaddr_storage offender{};
                std::memcpy(&offender, CMSG_DATA(c) + sizeof ee,
                            qMin(sizeof offender, size_t(c->cmsg_len) - CMSG_LEN(sizeof ee)));
                matchIcmp(index, buffer, size_t(length), std::nullopt, icmpErrorText(ee, reinterpret_cast<const sockaddr *>(&offender)));
            }
        }
    }
}

void Prober::Private::matchIcmp(int index, const quint8 *icmp, size_t length, std::optional<qint64> receivedNs, const QString &error)
{
    Target &t = *targets[size_t(index)];
    if (length < 8 + sizeof(quint64))
        return;
    const quint16 id = quint16(icmp[4] << 8 | icmp[5]);
    const quint16 seq16 = quint16(icmp[6] << 8 | icmp[7]);
    if (id != t.icmpId)
        return;
    quint64 nonce;
    std::memcpy(&nonce, icmp + 8, sizeof nonce);
    // Sequence numbers wrap at 16 bits; the nonce makes the match exact, so a late
    // reply for a timed-out probe can never pass for a newer one.
    for (auto &[seq, p] : t.pending) {
        if (quint16(seq) == seq16 && p.nonce == nonce && !p.resolving) {
            if (receivedNs)
                complete(index, seq, qMax<qint64>(0, *receivedNs - p.sentNs), {});
            else
                complete(index, seq, std::nullopt, error);
            return;
        }
    }
}

void Prober::Private::startTcp(int index, Target &t, quint32 seq, Pending &p)
{
    const int fd = ::socket(t.address.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    if (fd < 0) {
        p.sentNs = monotonicNs();
        p.deadlineNs = p.sentNs + timeoutNs;
        complete(index, seq, std::nullopt, probeErrorText(errno));
        return;
    }
    // Close with RST: a probe every 10 ms must not leave a TIME_WAIT socket behind each time.
    const linger abortive{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    p.fd.reset(fd);
    p.sentNs = monotonicNs();
    p.deadlineNs = p.sentNs + timeoutNs;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&t.address.address), t.address.length) == 0) {
        complete(index, seq, monotonicNs() - p.sentNs, {});
        return;
    }
    if (errno != EINPROGRESS) {
        complete(index, seq, std::nullopt, probeErrorText(errno));
        return;
    }
    if (batched)
        return; // checked in every round
    p.notifier = new QSocketNotifier(fd, QSocketNotifier::Write, q);
    QObject::connect(p.notifier, &QSocketNotifier::activated, q, [this, index, seq] { checkTcp(index, seq); });
}

void Prober::Private::checkTcp(int index, quint32 seq)
{
    Target &t = *targets[size_t(index)];
    auto it = t.pending.find(seq);
    if (it == t.pending.end() || !it->second.fd.isValid())
        return;
    const qint64 nowNs = monotonicNs();
    tcp_info info{};
    socklen_t infoLength = sizeof info;
    if (::getsockopt(it->second.fd.get(), IPPROTO_TCP, TCP_INFO, &info, &infoLength) == 0 && info.tcpi_state == TCP_SYN_SENT)
        return; // still connecting
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(it->second.fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
        complete(index, seq, std::nullopt, probeErrorText(error));
        return;
    }
    // The kernel timed SYN to SYN-ACK itself: right after the handshake tcpi_rtt is that
    // one sample (tcp_rtt_estimator() seeds srtt with it), in microseconds, and free of
    // how late this thread looked. The look's own time is the fallback.
    qint64 rtt = nowNs - it->second.sentNs;
    if (info.tcpi_rtt > 0)
        rtt = qMin(rtt, qint64(info.tcpi_rtt) * 1000);
    complete(index, seq, rtt, {});
}

namespace {

// Qt's words for a failed https probe, in the prober's: the same few errors every kind
// reports ("connection refused", "timeout"), and the TLS ones explained.
QString httpsErrorText(QSslSocket *socket)
{
    switch (socket->error()) {
    case QAbstractSocket::ConnectionRefusedError: return probeErrorText(ECONNREFUSED);
    case QAbstractSocket::SocketTimeoutError: return QStringLiteral("timeout");
    case QAbstractSocket::HostNotFoundError: return QStringLiteral("DNS failure: %1").arg(socket->errorString());
    case QAbstractSocket::RemoteHostClosedError: return QStringLiteral("connection closed by the server before a response");
    case QAbstractSocket::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failure: %1").arg(socket->errorString());
    default: return socket->errorString();
    }
}

} // namespace

void Prober::Private::startHttps(int index, Target &t, quint32 seq, Pending &probe)
{
    // The probe's time and deadline run from the round's start: DNS is its first phase.
    auto *socket = new QSslSocket(q);
    probe.ssl = socket;
    socket->setProxy(QNetworkProxy::NoProxy); // the phases are this host's to the target's
    if (!t.spec.caCertificates.isEmpty()) {
        QSslConfiguration configuration = socket->sslConfiguration();
        configuration.addCaCertificates(t.spec.caCertificates);
        socket->setSslConfiguration(configuration);
    }
    const qint64 start = monotonicNs();
    auto phaseMs = [start] { return double(monotonicNs() - start) / 1e6; };
    auto pending = [this, index, seq]() -> Pending * {
        Target &target = *targets[size_t(index)];
        auto it = target.pending.find(seq);
        return it == target.pending.end() ? nullptr : &it->second;
    };
    QObject::connect(socket, &QSslSocket::connected, q, [pending, phaseMs] {
        if (Pending *p = pending())
            p->partial.connectMs = phaseMs();
    });
    QObject::connect(socket, &QSslSocket::encrypted, q, [this, index, pending, phaseMs, socket] {
        Pending *p = pending();
        if (!p)
            return;
        p->partial.tlsMs = phaseMs() - p->partial.connectMs;
        const ProbeTarget &spec = targets[size_t(index)]->spec;
        QByteArray request = "GET " + spec.path.toUtf8() + " HTTP/1.1\r\nHost: " + spec.host.toUtf8()
                             + "\r\nUser-Agent: sockpit\r\nConnection: close\r\n";
        if (!spec.authorization.isEmpty())
            request += "Authorization: " + spec.authorization + "\r\n";
        socket->write(request + "\r\n");
    });
    QObject::connect(socket, &QSslSocket::readyRead, q, [this, index, seq, pending, phaseMs, socket] {
        Pending *p = pending();
        if (!p)
            return;
        if (p->partial.firstByteMs < 0)
            p->partial.firstByteMs = phaseMs() - p->partial.connectMs - p->partial.tlsMs;
        p->response += socket->readAll();
        const qsizetype end = p->response.indexOf("\r\n");
        if (end < 0)
            return;
        // "HTTP/1.1 200 OK"
        const QList<QByteArray> parts = p->response.left(end).split(' ');
        p->partial.httpStatus = parts.size() >= 2 && parts.at(0).startsWith("HTTP/") ? parts.at(1).toInt() : 0;
        const qint64 total = monotonicNs() - p->sentNs;
        complete(index, seq, total, p->partial.httpStatus > 0 ? QString() : QStringLiteral("malformed HTTP status line"));
    });
    QObject::connect(socket, &QSslSocket::sslErrors, q, [this, index, seq](const QList<QSslError> &errors) {
        QStringList words;
        for (const QSslError &error : errors)
            words << describeSslError(error);
        words.removeDuplicates();
        complete(index, seq, std::nullopt, QStringLiteral("certificate: %1").arg(words.join(QStringLiteral("; "))));
    });
    QObject::connect(socket, &QSslSocket::errorOccurred, q, [this, index, seq, socket] {
        complete(index, seq, std::nullopt, httpsErrorText(socket));
    });
    socket->connectToHostEncrypted(t.address.text, t.spec.port, t.spec.host);
}

void Prober::Private::release(Pending &p)
{
    // Called from the notifier's own activated() signal: disable now, delete later.
    if (p.notifier) {
        p.notifier->setEnabled(false);
        p.notifier->deleteLater();
    }
    p.notifier = nullptr;
    p.fd.reset();
    if (p.ssl) {
        p.ssl->disconnect(q);
        p.ssl->abort();
        p.ssl->deleteLater();
    }
    p.ssl = nullptr;
}

void Prober::Private::complete(int index, quint32 seq, std::optional<qint64> rttNs, const QString &error)
{
    Target &t = *targets[size_t(index)];
    auto it = t.pending.find(seq);
    if (it == t.pending.end())
        return;
    Pending &p = it->second;
    ProbeSample sample = p.partial;
    sample.seq = seq;
    sample.sentAtNs = p.sentNs;
    sample.sentAtWallMs = p.wallMs;
    // A reply at or after the deadline is a loss, even if the timer has not fired yet.
    if (rttNs && p.sentNs + *rttNs < p.deadlineNs) {
        sample.rttNs = rttNs;
    } else {
        sample.rttNs.reset();
        sample.error = error.isEmpty() ? QStringLiteral("timeout") : error;
    }
    release(p);
    t.pending.erase(it);
    t.window.add(sample);
    Q_EMIT q->sampleReady(index, sample);
    checkFinished();
}

} // namespace Sockpit
