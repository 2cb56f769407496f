// SPDX-License-Identifier: GPL-3.0-or-later
#include "prober.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QSslSocket>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <ctime>
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

QString errnoText(int error)
{
    switch (error) {
    case ECONNREFUSED: return QStringLiteral("connection refused");
    case EHOSTUNREACH: return QStringLiteral("host unreachable");
    case ENETUNREACH: return QStringLiteral("network unreachable");
    case ETIMEDOUT: return QStringLiteral("timeout");
    default: return QString::fromLocal8Bit(std::strerror(error));
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

struct Pending
{
    qint64 sentNs = 0;
    qint64 deadlineNs = 0;
    qint64 wallMs = 0;
    quint64 nonce = 0;
    int fd = -1;                      // tcp: the connecting socket
    QSocketNotifier *notifier = nullptr;
    QPointer<QSslSocket> ssl;         // https
    ProbeSample partial;              // https: phases so far
    QByteArray response;
};

struct Target
{
    ProbeTarget spec;
    ResolvedAddress address;
    std::vector<ProbeSample> samples;
    std::map<quint32, Pending> pending; // by sequence number, matched exactly
    int icmpFd = -1;
    bool raw = false;
    quint16 icmpId = 0;
    QSocketNotifier *icmpNotifier = nullptr;
    quint32 nextSeq = 0;
    int sent = 0;
    qint64 nextDueNs = 0;
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
            return Error{QStringLiteral("cannot open a raw ICMP socket: %1 (needs root or CAP_NET_RAW)").arg(errnoText(errno)), errno};
    }
    if (pingError == EACCES)
        return Error{QStringLiteral("ICMP needs a ping socket, and net.ipv4.ping_group_range (%1) excludes group %2; "
                                    "allow it with: sysctl -w net.ipv4.ping_group_range=\"0 2147483647\" "
                                    "(or run as root for a raw socket)")
                         .arg(pingGroupRange())
                         .arg(::getegid()),
                     EACCES};
    return Error{QStringLiteral("cannot open an ICMP socket: %1").arg(errnoText(pingError)), pingError};
}

struct Prober::Private
{
    Prober *q = nullptr;
    ProberOptions options;
    std::vector<std::unique_ptr<Target>> targets;
    int timerFd = -1;
    QSocketNotifier *timerNotifier = nullptr;
    bool running = false;
    bool finished = false;
    qint64 intervalNs = 0;
    qint64 timeoutNs = 0;

    void onTimer();
    void sendProbe(int index, qint64 nowNs);
    void sendIcmp(int index, Target &t, quint32 seq, Pending &p);
    void startTcp(int index, Target &t, quint32 seq, Pending &p);
    void startHttps(int index, Target &t, quint32 seq);
    void readIcmp(int index);
    void finishTcp(int index, quint32 seq, qint64 nowNs);
    void complete(int index, quint32 seq, std::optional<qint64> rttNs, const QString &error);
    void release(Pending &p);
    void rearm();
    void checkFinished();
};

Prober::Prober(ProberOptions options, QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->options = options;
    d->intervalNs = qint64(qMax(1, options.intervalMs)) * 1'000'000;
    d->timeoutNs = qint64(qMax(1, options.timeoutMs)) * 1'000'000;
}

Prober::~Prober()
{
    stop();
    for (auto &t : d->targets)
        if (t->icmpFd >= 0)
            ::close(t->icmpFd);
    if (d->timerFd >= 0)
        ::close(d->timerFd);
}

Result<int> Prober::addTarget(const ProbeTarget &spec)
{
    auto target = std::make_unique<Target>();
    target->spec = spec;
    auto resolved = resolveHost(spec.host, spec.port);
    if (!resolved)
        return Error{resolved.error(), resolved.errorCode()};
    target->address = resolved.value();
    if (spec.kind == ProbeKind::Icmp) {
        auto fd = openIcmpSocket(target->address.family, d->options.icmpMode, &target->raw);
        if (!fd)
            return Error{fd.error(), fd.errorCode()};
        target->icmpFd = fd.value();
        const int on = 1;
        ::setsockopt(target->icmpFd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
        // connect() makes the kernel deliver only this peer's packets to the socket. With
        // no route it fails; then every probe's sendto() reports why, sample by sample.
        ::connect(target->icmpFd, reinterpret_cast<const sockaddr *>(&target->address.address), target->address.length);
        if (target->raw) {
            target->icmpId = static_cast<quint16>(QRandomGenerator::global()->bounded(1, 65536));
        } else {
            // The kernel owns a ping socket's identifier: it is the socket's "port".
            sockaddr_storage local{};
            socklen_t length = sizeof local;
            ::getsockname(target->icmpFd, reinterpret_cast<sockaddr *>(&local), &length);
            target->icmpId = ntohs(target->address.family == AF_INET ? reinterpret_cast<sockaddr_in *>(&local)->sin_port
                                                                     : reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port);
        }
        const int index = static_cast<int>(d->targets.size());
        target->icmpNotifier = new QSocketNotifier(target->icmpFd, QSocketNotifier::Read, this);
        connect(target->icmpNotifier, &QSocketNotifier::activated, this, [this, index] { d->readIcmp(index); });
    }
    d->targets.push_back(std::move(target));
    return static_cast<int>(d->targets.size()) - 1;
}

int Prober::targetCount() const { return static_cast<int>(d->targets.size()); }
const ProbeTarget &Prober::target(int index) const { return d->targets.at(size_t(index))->spec; }
const ResolvedAddress &Prober::address(int index) const { return d->targets.at(size_t(index))->address; }
const std::vector<ProbeSample> &Prober::samples(int index) const { return d->targets.at(size_t(index))->samples; }
bool Prober::isFinished() const { return d->finished; }

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
    d->timerFd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    d->timerNotifier = new QSocketNotifier(d->timerFd, QSocketNotifier::Read, this);
    connect(d->timerNotifier, &QSocketNotifier::activated, this, [this] { d->onTimer(); });
    // Spread targets over the first interval so 20 targets do not send in one burst.
    const qint64 now = monotonicNs();
    const qint64 step = d->targets.empty() ? 0 : d->intervalNs / qint64(d->targets.size());
    for (size_t i = 0; i < d->targets.size(); ++i)
        d->targets[i]->nextDueNs = now + qint64(i) * step;
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
    delete d->timerNotifier;
    d->timerNotifier = nullptr;
}

void Prober::Private::rearm()
{
    if (!running)
        return;
    qint64 next = std::numeric_limits<qint64>::max();
    for (auto &t : targets) {
        if (options.count == 0 || t->sent < options.count)
            next = qMin(next, t->nextDueNs);
        for (auto &[seq, p] : t->pending)
            next = qMin(next, p.deadlineNs);
    }
    itimerspec spec{};
    if (next != std::numeric_limits<qint64>::max()) {
        next = qMax<qint64>(next, 1);
        spec.it_value.tv_sec = next / 1'000'000'000;
        spec.it_value.tv_nsec = next % 1'000'000'000;
    }
    ::timerfd_settime(timerFd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void Prober::Private::onTimer()
{
    quint64 expirations = 0;
    [[maybe_unused]] auto n = ::read(timerFd, &expirations, sizeof expirations);
    const qint64 now = monotonicNs();
    // Timeouts first: a probe whose deadline passed is lost, whatever arrives later.
    for (size_t i = 0; i < targets.size(); ++i) {
        Target &t = *targets[i];
        std::vector<quint32> expired;
        for (auto &[seq, p] : t.pending)
            if (p.deadlineNs <= now)
                expired.push_back(seq);
        for (quint32 seq : expired)
            complete(int(i), seq, std::nullopt, QStringLiteral("timeout"));
    }
    for (size_t i = 0; i < targets.size() && running; ++i) {
        Target &t = *targets[i];
        if ((options.count == 0 || t.sent < options.count) && t.nextDueNs <= now) {
            sendProbe(int(i), now);
            t.nextDueNs += intervalNs;
            // Absolute schedule: after a stall, skip the missed slots instead of bursting.
            if (t.nextDueNs <= now)
                t.nextDueNs += ((now - t.nextDueNs) / intervalNs + 1) * intervalNs;
        }
    }
    rearm();
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

void Prober::Private::sendProbe(int index, qint64 nowNs)
{
    Target &t = *targets[size_t(index)];
    const quint32 seq = t.nextSeq++;
    ++t.sent;
    if (t.spec.kind == ProbeKind::Https) {
        startHttps(index, t, seq);
        return;
    }
    Pending &p = t.pending[seq];
    p.nonce = QRandomGenerator::global()->generate64();
    p.wallMs = QDateTime::currentMSecsSinceEpoch();
    p.sentNs = nowNs;
    if (t.spec.kind == ProbeKind::Icmp)
        sendIcmp(index, t, seq, p);
    else
        startTcp(index, t, seq, p);
}

void Prober::Private::sendIcmp(int index, Target &t, quint32 seq, Pending &p)
{
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
    if (::sendto(t.icmpFd, packet, sizeof packet, 0, reinterpret_cast<const sockaddr *>(&t.address.address), t.address.length) < 0)
        complete(index, seq, std::nullopt, errnoText(errno));
}

void Prober::Private::readIcmp(int index)
{
    Target &t = *targets[size_t(index)];
    for (;;) {
        quint8 buffer[1500];
        alignas(cmsghdr) char control[256];
        iovec iov{buffer, sizeof buffer};
        sockaddr_storage from{};
        msghdr message{};
        message.msg_name = &from;
        message.msg_namelen = sizeof from;
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t length = ::recvmsg(t.icmpFd, &message, MSG_DONTWAIT);
        if (length < 0)
            return;
        const qint64 nowMono = monotonicNs();
        qint64 receivedNs = nowMono;
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                // The kernel stamps CLOCK_REALTIME at receive; carry it over to the
                // monotonic clock by its age now, so the user-space wake-up is not counted.
                timespec ts;
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                const qint64 age = realtimeNs() - (qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec);
                if (age >= 0 && age < 1'000'000'000)
                    receivedNs = nowMono - age;
            }
        }
        // An unconnected raw socket sees every ICMP packet: keep only the target's.
        const bool fromTarget = t.address.family == AF_INET
            ? reinterpret_cast<sockaddr_in &>(from).sin_addr.s_addr == reinterpret_cast<const sockaddr_in &>(t.address.address).sin_addr.s_addr
            : std::memcmp(&reinterpret_cast<sockaddr_in6 &>(from).sin6_addr,
                          &reinterpret_cast<const sockaddr_in6 &>(t.address.address).sin6_addr, sizeof(in6_addr)) == 0;
        if (!fromTarget)
            continue;
        const quint8 *icmp = buffer;
        size_t icmpLength = size_t(length);
        if (t.raw && t.address.family == AF_INET) { // raw IPv4 sockets include the IP header
            const size_t headerLength = size_t(buffer[0] & 0x0f) * 4;
            if (icmpLength < headerLength)
                continue;
            icmp += headerLength;
            icmpLength -= headerLength;
        }
        if (icmpLength < 8 + sizeof(quint64))
            continue;
        const quint8 replyType = t.address.family == AF_INET ? ICMP_ECHOREPLY : ICMP6_ECHO_REPLY;
        if (icmp[0] != replyType)
            continue;
        const quint16 id = quint16(icmp[4] << 8 | icmp[5]);
        const quint16 seq16 = quint16(icmp[6] << 8 | icmp[7]);
        if (id != t.icmpId)
            continue;
        quint64 nonce;
        std::memcpy(&nonce, icmp + 8, sizeof nonce);
        // Sequence numbers wrap at 16 bits; the nonce makes the match exact, so a late
        // reply for a timed-out probe can never pass for a newer one.
        for (auto &[seq, p] : t.pending) {
            if (quint16(seq) == seq16 && p.nonce == nonce) {
                complete(index, seq, qMax<qint64>(0, receivedNs - p.sentNs), {});
                break;
            }
        }
    }
}

void Prober::Private::startTcp(int index, Target &t, quint32 seq, Pending &p)
{
    const int fd = ::socket(t.address.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    if (fd < 0) {
        p.deadlineNs = monotonicNs() + timeoutNs;
        complete(index, seq, std::nullopt, errnoText(errno));
        return;
    }
    // Close with RST: a probe every 10 ms must not leave a TIME_WAIT socket behind each time.
    const linger abortive{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    p.fd = fd;
    p.sentNs = monotonicNs();
    p.deadlineNs = p.sentNs + timeoutNs;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&t.address.address), t.address.length) == 0) {
        complete(index, seq, monotonicNs() - p.sentNs, {});
        return;
    }
    if (errno != EINPROGRESS) {
        complete(index, seq, std::nullopt, errnoText(errno));
        return;
    }
    p.notifier = new QSocketNotifier(fd, QSocketNotifier::Write, q);
    QObject::connect(p.notifier, &QSocketNotifier::activated, q, [this, index, seq] { finishTcp(index, seq, monotonicNs()); });
}

void Prober::Private::finishTcp(int index, quint32 seq, qint64 nowNs)
{
    Target &t = *targets[size_t(index)];
    auto it = t.pending.find(seq);
    if (it == t.pending.end())
        return;
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(it->second.fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error == 0) {
        // The kernel timed SYN to SYN-ACK itself: right after the handshake tcpi_rtt is
        // that one sample (tcp_rtt_estimator() seeds srtt with it), in microseconds, and
        // free of how late this thread woke up. The wake-up time is the fallback.
        tcp_info info{};
        socklen_t infoLength = sizeof info;
        qint64 rtt = nowNs - it->second.sentNs;
        if (::getsockopt(it->second.fd, IPPROTO_TCP, TCP_INFO, &info, &infoLength) == 0 && info.tcpi_rtt > 0)
            rtt = qMin(rtt, qint64(info.tcpi_rtt) * 1000);
        complete(index, seq, rtt, {});
    }
    else
        complete(index, seq, std::nullopt, errnoText(error));
}

void Prober::Private::startHttps(int index, Target &t, quint32 seq)
{
    Pending &p = t.pending[seq];
    p.wallMs = QDateTime::currentMSecsSinceEpoch();
    p.sentNs = monotonicNs();
    p.deadlineNs = p.sentNs + timeoutNs;
    // Names are resolved again for every round, so the DNS phase is measured each time.
    auto resolved = resolveHost(t.spec.host, t.spec.port);
    p.partial.dnsMs = resolved ? resolved->resolveMs : -1;
    if (!resolved) {
        complete(index, seq, std::nullopt, resolved.error());
        return;
    }
    auto *socket = new QSslSocket(q);
    p.ssl = socket;
    socket->setPeerVerifyName(t.spec.host);
    const qint64 start = monotonicNs();
    auto phaseMs = [start] { return double(monotonicNs() - start) / 1e6; };
    QObject::connect(socket, &QSslSocket::connected, q, [this, index, seq, phaseMs] {
        auto it = targets[size_t(index)]->pending.find(seq);
        if (it != targets[size_t(index)]->pending.end())
            it->second.partial.connectMs = phaseMs();
    });
    QObject::connect(socket, &QSslSocket::encrypted, q, [this, index, seq, phaseMs, socket] {
        Target &target = *targets[size_t(index)];
        auto it = target.pending.find(seq);
        if (it == target.pending.end())
            return;
        it->second.partial.tlsMs = phaseMs() - it->second.partial.connectMs;
        QByteArray request = "GET " + target.spec.path.toUtf8() + " HTTP/1.1\r\nHost: " + target.spec.host.toUtf8()
                             + "\r\nUser-Agent: sockpit\r\nConnection: close\r\n";
        if (!target.spec.authorization.isEmpty())
            request += "Authorization: " + target.spec.authorization + "\r\n";
        socket->write(request + "\r\n");
    });
    QObject::connect(socket, &QSslSocket::readyRead, q, [this, index, seq, phaseMs, socket] {
        Target &target = *targets[size_t(index)];
        auto it = target.pending.find(seq);
        if (it == target.pending.end())
            return;
        Pending &pending = it->second;
        if (pending.partial.firstByteMs < 0)
            pending.partial.firstByteMs = phaseMs() - pending.partial.connectMs - pending.partial.tlsMs;
        pending.response += socket->readAll();
        const qsizetype end = pending.response.indexOf("\r\n");
        if (end < 0)
            return;
        // "HTTP/1.1 200 OK"
        const QList<QByteArray> parts = pending.response.left(end).split(' ');
        pending.partial.httpStatus = parts.size() >= 2 ? parts.at(1).toInt() : 0;
        const qint64 total = monotonicNs() - pending.sentNs;
        complete(index, seq, total, pending.partial.httpStatus > 0 ? QString() : QStringLiteral("malformed HTTP status line"));
    });
    QObject::connect(socket, &QSslSocket::sslErrors, q, [this, index, seq](const QList<QSslError> &errors) {
        complete(index, seq, std::nullopt, QStringLiteral("certificate: %1").arg(errors.first().errorString()));
    });
    QObject::connect(socket, &QSslSocket::errorOccurred, q, [this, index, seq, socket] {
        complete(index, seq, std::nullopt, socket->errorString());
    });
    socket->connectToHostEncrypted(resolved->text, t.spec.port, t.spec.host);
}

void Prober::Private::release(Pending &p)
{
    // Called from the notifier's own activated() signal: disable now, delete later.
    if (p.notifier) {
        p.notifier->setEnabled(false);
        p.notifier->deleteLater();
    }
    p.notifier = nullptr;
    if (p.fd >= 0)
        ::close(p.fd);
    p.fd = -1;
    if (p.ssl) {
        p.ssl->disconnect(q);
        p.ssl->abort();
        p.ssl->deleteLater();
    }
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
    t.samples.push_back(sample);
    Q_EMIT q->sampleReady(index, sample);
    checkFinished();
}

} // namespace Sockpit
