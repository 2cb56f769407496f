// SPDX-License-Identifier: GPL-3.0-or-later
#include "population.h"

#include "netns.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Sockpit::Test {

namespace {

QString errnoText(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(errno)));
}

sockaddr_in endpoint(const char *address, quint16 port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    ::inet_pton(AF_INET, address, &a.sin_addr);
    return a;
}

} // namespace

Result<void> prepareNamespaceForPopulation()
{
    for (const auto &[key, value] : {std::pair{"net.ipv4.ip_local_port_range", QByteArray("10000 65000")},
                                     std::pair{"net.ipv4.tcp_tw_reuse", QByteArray("0")},
                                     std::pair{"net.ipv4.tcp_max_tw_buckets", QByteArray("400000")}}) {
        if (auto written = writeSysctl(QLatin1StringView(key), value); !written)
            return written;
    }
    return {};
}

Population::~Population()
{
    for (int fd : m_fds)
        ::close(fd);
}

QString Population::destinationAddress(int destination)
{
    return QStringLiteral("127.1.0.%1").arg(destination + 1);
}

Result<int> Population::listenOn(const char *address, quint16 port, int backlog)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error{errnoText("socket")};
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const sockaddr_in a = endpoint(address, port);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0 || ::listen(fd, backlog) != 0) {
        const QString error = errnoText("bind/listen");
        ::close(fd);
        return Error{QStringLiteral("%1 on %2:%3").arg(error, QLatin1StringView(address)).arg(port)};
    }
    m_fds.push_back(fd);
    return fd;
}

// The client closes first, so the client side enters TIME_WAIT (RFC 793); the server side
// reads the FIN and closes, passing through LAST_ACK and vanishing.
Result<void> Population::makeTimeWait(int listener, const char *address, quint16 port, int count)
{
    constexpr int Batch = 256;
    const sockaddr_in a = endpoint(address, port);
    std::vector<int> clients;
    std::vector<int> servers;
    for (int done = 0; done < count;) {
        const int n = std::min(Batch, count - done);
        for (int i = 0; i < n; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
                return Error{errnoText("connect")};
            clients.push_back(fd);
        }
        for (int i = 0; i < n; ++i) {
            const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                return Error{errnoText("accept")};
            servers.push_back(fd);
        }
        for (int fd : clients)
            ::close(fd);
        char byte;
        for (int fd : servers) {
            ::read(fd, &byte, 1); // returns 0 once the client's FIN is in
            ::close(fd);
        }
        clients.clear();
        servers.clear();
        done += n;
    }
    return {};
}

Result<void> Population::build(const Spec &spec)
{
    m_spec = spec;
    for (int i = 0; i < spec.listeners; ++i) {
        if (auto fd = listenOn("127.0.0.1", quint16(spec.listenPort + i), 128); !fd)
            return Error{fd.error()};
    }
    if (spec.established > 0) {
        if (spec.listeners < 1)
            return Error{QStringLiteral("established pairs need a listener")};
        const int listener = m_fds.front();
        const sockaddr_in a = endpoint("127.0.0.1", spec.listenPort);
        for (int i = 0; i < spec.established; ++i) {
            const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (client < 0 || ::connect(client, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
                return Error{errnoText("connect")};
            m_fds.push_back(client);
            const int server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (server < 0)
                return Error{errnoText("accept")};
            m_fds.push_back(server);
        }
    }
    m_timeWaitPerDestination.assign(size_t(std::max(spec.destinations, 0)), 0);
    if (spec.timeWait > 0 && spec.destinations > 0) {
        const int share = spec.timeWait / spec.destinations;
        for (int d = 0; d < spec.destinations; ++d)
            m_timeWaitPerDestination[size_t(d)] = share + (d == 0 ? spec.timeWait % spec.destinations : 0);
        for (int d = 0; d < spec.destinations; ++d) {
            const QByteArray address = destinationAddress(d).toLatin1();
            auto listener = listenOn(address.constData(), spec.destinationPort, 4096);
            if (!listener)
                return Error{listener.error()};
            if (auto made = makeTimeWait(listener.value(), address.constData(), spec.destinationPort,
                                         m_timeWaitPerDestination[size_t(d)]);
                !made)
                return made;
        }
    }
    for (int i = 0; i < spec.udpBound; ++i) {
        const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        const sockaddr_in a = endpoint("127.0.0.1", quint16(spec.listenPort + 1000 + i));
        if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
            return Error{errnoText("udp bind")};
        m_fds.push_back(fd);
    }
    return {};
}

} // namespace Sockpit::Test
