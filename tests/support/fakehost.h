// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace Sockpit::Test {

// A host that exists only as a TUN device in the current (private) network namespace.
// The namespace gets 10.77.0.1/24 and fd77::1/64 on the device; every other address in
// those subnets (10.77.0.2, fd77::2, ...) is the fake host. A thread reads each packet
// and answers ICMP echo (v4 and v6), TCP SYN (SYN-ACK on open ports, RST otherwise) and
// UDP (echo) after the configured delay and jitter, or drops it (seeded RNG), and logs
// the delay each packet really spent beyond the device.
//
// Ground truth is taken where the packets are, by the kernel, not by this host's thread:
// a packet socket bound to the device with SO_TIMESTAMPNS sees every request as the stack
// hands it to the device (dev_queue_xmit_nit, PACKET_OUTGOING) and every reply as the
// write() on the TUN descriptor injects it (netif_receive_skb, inside that write), and the
// kernel stamps both. The logged delay is reply stamp minus request stamp: it includes the
// time a request waits in the TUN queue until this thread gets a CPU, which a thread's own
// clock around read() and write() misses on a busy machine (by a millisecond or more with
// two CPU hogs beside it). Replies are also scheduled from the request's kernel stamp, so
// a late read() does not stretch the configured delay either. The thread still asks for
// SCHED_FIFO, which keeps its wake-ups close to the due time, but the log no longer
// depends on it. Tests hold a prober's figures against that log.
class FakeHost
{
public:
    struct Config
    {
        double delayMs = 0;
        double jitterMs = 0;   // uniform in [-jitter, +jitter], clamped at 0
        double lossPct = 0;    // of requests, dropped without an answer
        quint32 seed = 1;
        std::set<quint16> openTcpPorts;
        // Numeric addresses ("10.77.0.99", "fd77::99") that a router on the link,
        // RouterV4 or RouterV6, reports as unreachable: every packet to them is answered
        // with ICMP destination unreachable (host unreachable, ICMPv6 address unreachable)
        // quoting the packet, after the same delay.
        std::set<QString> unreachable;
        // The thread sleeps this long each time the device has packets, before it reads
        // them: the wait for a CPU on a busy machine, made certain. The delay logged and
        // the one the prober sees both include it.
        double readStallMs = 0;
    };
    enum class Kind : quint8 { Icmp4, Icmp6, TcpSyn, Udp };
    struct Entry
    {
        Kind kind;
        quint16 id = 0;       // ICMP identifier, or the source port
        quint16 seq = 0;      // ICMP sequence number, 0 otherwise
        bool dropped = false;
        bool answeredOpen = false; // TcpSyn: SYN-ACK (open) rather than RST
        qint64 appliedNs = 0;      // request leaving the stack to reply entering it, kernel stamps
        bool deviceStamped = false; // both stamps taken by the kernel on the device, as they should be
        bool requestStamped = false; // the request's stamp was (the reply's may still be missing)
        QString destination;       // numeric, the address the packet was sent to
        bool unreachable = false;  // answered with ICMP destination unreachable
    };

    static constexpr const char *HostV4 = "10.77.0.2";
    static constexpr const char *HostV6 = "fd77::2";
    static constexpr const char *RouterV4 = "10.77.0.254";
    static constexpr const char *RouterV6 = "fd77::fe";

    FakeHost();
    ~FakeHost();
    FakeHost(const FakeHost &) = delete;
    FakeHost &operator=(const FakeHost &) = delete;

    // Creates and configures the device and starts answering. Needs CAP_NET_ADMIN in
    // the current namespace: call after enterPrivateNetworkNamespace().
    Result<void> start(const Config &config);
    // Applies to packets read from now on; the RNG is reseeded.
    void setConfig(const Config &config);
    // The log so far, and clearing it between runs.
    std::vector<Entry> log() const;
    void clearLog();

private:
    void run();
    // requestNs: the request's stamp (CLOCK_REALTIME); stamped: taken by the kernel on the
    // device rather than read off this thread's clock.
    void handle(const quint8 *packet, size_t length, qint64 requestNs, bool stamped);
    // Logs the entry and queues the reply after the configured delay, or drops it.
    void schedule(Entry entry, std::vector<quint8> reply, qint64 requestNs, bool stamped);
    // Reads what the device capture holds; the caller holds the state's mutex.
    void drainCapture() const;
    // The kernel's CLOCK_REALTIME stamp of the request just read from the device, or the
    // current time when the capture has no copy of it.
    qint64 requestStamp(const quint8 *packet, size_t length, bool *stamped);

    struct Scheduled;
    struct State;
    std::unique_ptr<State> d;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    int m_fd = -1;
    int m_wakeFd = -1;
    int m_captureFd = -1;
};

} // namespace Sockpit::Test
