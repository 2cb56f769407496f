// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QString>

#include <vector>

namespace Sockpit::Test {

// A known set of real sockets on loopback, built inside a private namespace:
//  - listeners: TCP listeners on 127.0.0.1:listenPort.. (the test's own, by its pid);
//  - established: pairs connected to the first listener, both ends ESTABLISHED;
//  - timeWait: client sockets in TIME_WAIT, spread over `destinations` listeners at
//    127.1.0.1.., port destinationPort (those listeners are LISTEN sockets too). The
//    first destination gets the remainder, so the spread is uneven on purpose.
// Sockets are closed when the Population is destroyed; TIME_WAIT ones stay 60 s.
class Population
{
public:
    struct Spec
    {
        int listeners = 0;
        int established = 0;
        int timeWait = 0;
        int destinations = 1;
        int udpBound = 0; // unconnected UDP sockets (state CLOSE)
        quint16 listenPort = 20000;
        quint16 destinationPort = 9000;
    };

    Population() = default;
    ~Population();
    Population(const Population &) = delete;
    Population &operator=(const Population &) = delete;

    Result<void> build(const Spec &spec);

    const Spec &spec() const { return m_spec; }
    // TIME_WAIT sockets created toward destination i, and its address "127.1.0.(i+1)".
    int timeWaitTo(int destination) const { return m_timeWaitPerDestination.at(size_t(destination)); }
    static QString destinationAddress(int destination);

private:
    Result<int> listenOn(const char *address, quint16 port, int backlog);
    Result<void> makeTimeWait(int listener, const char *address, quint16 port, int count);

    Spec m_spec;
    std::vector<int> m_fds;
    std::vector<int> m_timeWaitPerDestination;
};

// Sysctls a large population needs in its namespace: a wide port range, no TIME_WAIT
// reuse (so the kernel keeps every TIME_WAIT socket we made), room for the buckets.
Result<void> prepareNamespaceForPopulation();

} // namespace Sockpit::Test
