// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/catalogue.h"

#include "tuning/kernelversion.h"

#include <QCoreApplication>

#include <limits>

// Bounds below come from the kernel's documentation, cited per key:
//   ip-sysctl   Documentation/networking/ip-sysctl.rst
//   net.rst     Documentation/admin-guide/sysctl/net.rst
//   nf-sysctl   Documentation/networking/nf_conntrack-sysctl.rst
// and, where the documentation gives no number, from the kernel's own handler limits
// (net/ipv4/sysctl_net_ipv4.c, net/core/sysctl_net_core.c), named as such. Where the
// kernel would accept a value that can only break a machine (a keepalive of 0, a
// listen backlog of 0) or that has no documented meaning, Sockpit's bound is stricter and
// the entry's stricterMinimum / stricterMaximum says why, right next to the bound. Those
// reasons are quoted in refusals, and tests/integration/tst_cataloguenamespace.cpp checks
// them against the running kernel both ways: a bound with a reason must be one the kernel
// would go past, a bound without one must be the kernel's own.

namespace Sockpit::Catalogue {

namespace {

constexpr std::int64_t IntMax = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t UIntMax = std::numeric_limits<std::uint32_t>::max();

// Enumerated values the kernel keeps in a u8 without an upper limit of its own.
constexpr const char *UndocumentedByte = "ip-sysctl documents 0, 1 and 2 only; the kernel stores any byte, "
                                         "and larger ones mean nothing documented";

const Tunable Table[] = {
    // --- Ephemeral ports ------------------------------------------------------------
    // ip-sysctl ip_local_port_range: "Must be greater than or equal to
    // ip_unprivileged_port_start"; ports are 16 bits. The first number must not exceed
    // the second (the kernel answers EINVAL otherwise).
    {.key = "net.ipv4.ip_local_port_range", .type = TunableType::IntegerPair, .minimum = 1, .maximum = 65535,
     .unit = "ports", .defaultValue = "32768 60999",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The range connect() picks local ports from when the application does not bind one. Widen it when a client "
         "host runs out of ephemeral ports (connect() fails with EADDRNOTAVAIL, many sockets in TIME_WAIT towards "
         "the same destination)."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Ports inside the range can be taken by outgoing connections just before a server wants to listen on them; "
         "reserve such ports with ip_local_reserved_ports."),
     .introduced = "2.2",
     .history = {{{"4.11", QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The low end must be at least ip_unprivileged_port_start.")}}}},
    // ip-sysctl ip_local_reserved_ports: "comma separated list of ranges", ports 0-65535;
    // port 0 is never handed out anyway, so Sockpit starts at 1.
    {.key = "net.ipv4.ip_local_reserved_ports", .type = TunableType::PortRanges, .minimum = 1, .maximum = 65535,
     .stricterMinimum = "connect() never picks port 0, so reserving it does nothing",
     .unit = "ports", .defaultValue = "",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Ports inside the ephemeral range that connect() must never pick automatically, such as a server port that "
         "lies inside ip_local_port_range."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Every reserved port shrinks the ephemeral range for outgoing connections."),
     .introduced = "2.6.35"},
    // --- TIME_WAIT and connection teardown -----------------------------------------
    // ip-sysctl tcp_tw_reuse: 0 disable, 1 global enable, 2 loopback only; default 2. Before
    // 4.18 the key was a boolean, and 2 meant nothing of its own.
    {.key = "net.ipv4.tcp_tw_reuse", .type = TunableType::Integer, .minimum = 0, .maximum = 2,
     .olderBounds = {{{"4.18", 0, 1}}},
     .defaultValue = "2",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Lets an outgoing connection reuse a local port still in TIME_WAIT when TCP timestamps prove the new "
         "connection cannot be confused with the old one. 0 disables, 1 enables for all traffic, 2 (the default) for "
         "loopback only. Enable it on client hosts that exhaust ports through TIME_WAIT; it needs tcp_timestamps."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Only affects outgoing connections and needs timestamps on both ends; it does nothing for a server's "
         "TIME_WAIT sockets."),
     .introduced = "2.4.19",
     // Value 2 and the new default came with commit 79e9fed46038 ("tcp: Add TCP_TW_REUSE 2 for
     // loopback only"); before it the key was a boolean defaulting to 0.
     .history = {{{"4.18", QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Value 2 (loopback only) added and made the default; it was 0 before.")}}}},
    // ip-sysctl tcp_fin_timeout: seconds, default 60; no documented bound. The handler
    // (proc_dointvec_jiffies) takes any int up to INT_MAX / HZ seconds, negative ones too.
    {.key = "net.ipv4.tcp_fin_timeout", .type = TunableType::Integer, .minimum = 1, .maximum = 600,
     .stricterMinimum = "the kernel takes 0 or less but then waits only 3.5 retransmission timeouts "
                        "(tcp_fin_time() in include/net/tcp.h); give a number of seconds",
     .stricterMaximum = "past ten minutes an orphan only holds memory waiting for a peer that is gone",
     .unit = "seconds", .defaultValue = "60",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "How long an orphaned connection stays in FIN_WAIT_2 before the kernel drops it. Lower it when many "
         "orphaned sockets sit in FIN_WAIT_2. It does not change how long TIME_WAIT lasts (fixed at 60 seconds in "
         "the kernel)."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Too low a value aborts connections whose peer is slow to close its side."),
     .introduced = "2.2"},
    // ip-sysctl tcp_max_tw_buckets: "Maximal number of timewait sockets held by system
    // simultaneously"; default depends on memory (NR_FILE*2). Sockpit refuses values below
    // 1024, which make the kernel destroy TIME_WAIT sockets early on any busy host.
    {.key = "net.ipv4.tcp_max_tw_buckets", .type = TunableType::Integer, .minimum = 1024, .maximum = IntMax,
     .stricterMinimum = "below 1024 the kernel destroys TIME_WAIT sockets early on any busy host",
     .unit = "sockets", .defaultValue = "262144",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The most TIME_WAIT sockets the kernel keeps at once; beyond it new ones are destroyed immediately and "
         "TCPTimeWaitOverflow counts them. Raise it when that counter grows."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Lowering it to make TIME_WAIT go away removes the protection TIME_WAIT gives against delayed segments of "
         "an old connection."),
     .introduced = "2.4"},
    // --- Accept queues and SYN handling ----------------------------------------------
    // ip-sysctl tcp_max_syn_backlog: default 128, raised with memory; no documented upper bound.
    // The handler (proc_dointvec) takes any int.
    {.key = "net.ipv4.tcp_max_syn_backlog", .type = TunableType::Integer, .minimum = 128, .maximum = IntMax,
     .stricterMinimum = "128 is the least the kernel itself chooses (tcp_sk_init() in net/ipv4/tcp_ipv4.c); "
                        "fewer only makes listeners drop SYNs",
     .unit = "connections", .defaultValue = "1024",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The most half-open connection requests (SYN_RECV) a listener remembers. Raise it together with somaxconn "
         "on servers that drop SYNs under load."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "A larger queue uses more memory during a SYN flood; keep tcp_syncookies enabled."),
     .introduced = "2.2"},
    // ip-sysctl tcp_syncookies: 0, 1 (when the queue overflows), 2 (always); default 1.
    {.key = "net.ipv4.tcp_syncookies", .type = TunableType::Integer, .minimum = 0, .maximum = 2,
     .stricterMaximum = UndocumentedByte,
     .defaultValue = "1",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Answers SYNs with cookies when the SYN queue overflows (1, the default) or always (2), so a SYN flood "
         "cannot fill the queue. Keep it at 1."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "0 leaves servers open to SYN floods; 2 disables TCP options such as window scaling for every connection "
         "and is meant for testing."),
     .introduced = "2.2"},
    // ip-sysctl tcp_syn_retries: default 6, "should not be higher than 127"; the handler's
    // minimum is 1 (MAX_TCP_SYNCNT is 127).
    {.key = "net.ipv4.tcp_syn_retries", .type = TunableType::Integer, .minimum = 1, .maximum = 127,
     .unit = "retransmissions", .defaultValue = "6",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "How many times connect() retransmits an unanswered SYN before it fails. The default of 6 waits about 127 "
         "seconds; lower it so clients fail over faster."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Too low a value makes connections over lossy links fail needlessly."),
     .introduced = "2.2"},
    // ip-sysctl tcp_synack_retries: default 5 (about 31 seconds), "Should not be higher than
    // 255"; 0 is allowed (no retransmission at all). Stored in a u8 since 5.15, so 0-255 is
    // exactly what the handler (proc_dou8vec_minmax) takes.
    {.key = "net.ipv4.tcp_synack_retries", .type = TunableType::Integer, .minimum = 0, .maximum = 255,
     .unit = "retransmissions", .defaultValue = "5",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "How many times a listener retransmits its SYN-ACK to a client that does not answer."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Lower values drop slow clients; higher values keep half-open connections longer during a SYN flood."),
     .introduced = "2.2"},
    // ip-sysctl tcp_retries2: default 15 (about 924 seconds); RFC 1122 asks for at least
    // 100 seconds, "which corresponds to a value of at least 8". Sockpit's floor is that 8.
    {.key = "net.ipv4.tcp_retries2", .type = TunableType::Integer, .minimum = 8, .maximum = 255,
     .stricterMinimum = "RFC 1122 asks for at least 100 seconds, which takes 8 retransmissions (ip-sysctl "
                        "tcp_retries2)",
     .unit = "retransmissions", .defaultValue = "15",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "How many retransmissions an established connection survives before the kernel gives up on the peer. Lower "
         "it so dead peers are noticed in minutes rather than 15."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Values below 8 break RFC 1122's 100-second minimum and abort connections that a short outage would have "
         "survived."),
     .introduced = "2.2"},
    // --- Keepalive -----------------------------------------------------------------------
    // ip-sysctl tcp_keepalive_time: seconds, default 7200; the socket option's limit
    // MAX_TCP_KEEPIDLE is 32767. The handler (proc_dointvec_jiffies) takes any int that
    // fits in jiffies, negative ones too.
    {.key = "net.ipv4.tcp_keepalive_time", .type = TunableType::Integer, .minimum = 1, .maximum = 32767,
     .stricterMinimum = "0 or less makes every idle SO_KEEPALIVE connection start probing at once",
     .stricterMaximum = "32767 is the most setsockopt(TCP_KEEPIDLE) allows (MAX_TCP_KEEPIDLE in include/net/tcp.h)",
     .unit = "seconds", .defaultValue = "7200",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Idle time before the first keepalive probe on sockets that enabled SO_KEEPALIVE. Lower it below the idle "
         "timeout of NAT gateways and firewalls on the path."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Very low values send probes on every idle connection of the host."),
     .introduced = "2.2"},
    // ip-sysctl tcp_keepalive_intvl: seconds, default 75; MAX_TCP_KEEPINTVL is 32767. The
    // handler takes any int that fits in jiffies.
    {.key = "net.ipv4.tcp_keepalive_intvl", .type = TunableType::Integer, .minimum = 1, .maximum = 32767,
     .stricterMinimum = "0 or less sends the probes back to back and declares the peer dead at once",
     .stricterMaximum = "32767 is the most setsockopt(TCP_KEEPINTVL) allows (MAX_TCP_KEEPINTVL in include/net/tcp.h)",
     .unit = "seconds", .defaultValue = "75",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Time between unanswered keepalive probes."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Short intervals with few probes declare peers dead during brief outages."),
     .introduced = "2.2"},
    // ip-sysctl tcp_keepalive_probes: default 9; MAX_TCP_KEEPCNT is 127. The handler stores a
    // u8 (0-255).
    {.key = "net.ipv4.tcp_keepalive_probes", .type = TunableType::Integer, .minimum = 1, .maximum = 127,
     .stricterMinimum = "0 resets an idle connection at its first keepalive timeout without a single probe",
     .stricterMaximum = "127 is the most setsockopt(TCP_KEEPCNT) allows (MAX_TCP_KEEPCNT in include/net/tcp.h)",
     .unit = "probes", .defaultValue = "9",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Unanswered keepalive probes before the connection is declared dead."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Too few probes drop connections on lossy links."),
     .introduced = "2.2"},
    // --- Buffers ---------------------------------------------------------------------------
    // ip-sysctl tcp_rmem: "min default max", bytes; defaults 4K, 131072, between 131072 and
    // 6MB. The handler's minimum is 1 (SYSCTL_ONE), its maximum INT_MAX. It does not order the
    // fields; Sockpit wants min <= default <= max, since an unordered triple has no meaning
    // the documentation gives.
    {.key = "net.ipv4.tcp_rmem", .type = TunableType::IntegerTriple, .minimum = 1, .maximum = IntMax,
     .unit = "bytes", .defaultValue = "4096 131072 6291456",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Receive buffer per TCP socket: minimum under memory pressure, initial size, and the most autotuning may "
         "grow it to. Raise the maximum for long fat networks (bandwidth x round-trip time above 6 MB)."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Large maxima let many connections pin a lot of memory."),
     .introduced = "2.4"},
    // ip-sysctl tcp_wmem: "min default max", bytes; defaults 4K, 16K, between 64K and 4MB.
    // Bounds and order as for tcp_rmem.
    {.key = "net.ipv4.tcp_wmem", .type = TunableType::IntegerTriple, .minimum = 1, .maximum = IntMax,
     .unit = "bytes", .defaultValue = "4096 16384 4194304",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Send buffer per TCP socket: minimum, initial size, and the most autotuning may grow it to. Raise the "
         "maximum for bulk senders on long fat networks."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Large send buffers add queueing delay (bufferbloat) unless tcp_notsent_lowat is set."),
     .introduced = "2.4"},
    // ip-sysctl tcp_mem: "vector of 3 INTEGERs: min, pressure, max", in pages; "Defaults are
    // calculated at boot time from amount of available memory". The handler
    // (proc_doulongvec_minmax) has no bounds and does not order the fields; Sockpit wants
    // min <= pressure <= max, and no field below 96 pages: the smallest value the kernel
    // itself boots with (tcp_init_mem() in net/ipv4/tcp.c: limit at least 128 pages,
    // min = limit / 4 * 3). The upper bound, 2^32 - 1 pages (16 TiB of 4 KiB pages), only
    // refuses typing errors; the analysis bounds its proposals by physical memory. The
    // default shown is what tcp_init_mem() gives a host with 24 GiB of memory.
    {.key = "net.ipv4.tcp_mem", .type = TunableType::IntegerTriple, .minimum = 96, .maximum = UIntMax,
     .stricterMinimum = "96 pages is the least the kernel boots with (tcp_init_mem() in net/ipv4/tcp.c)",
     .stricterMaximum = "2^32 - 1 pages is 16 TiB of 4 KiB pages; more can only be a typing error",
     .unit = "pages", .defaultValue = "287898 383867 575796",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Memory all TCP sockets together may use for their buffers, in pages: below MIN the kernel does not limit "
         "TCP; above PRESSURE it shrinks socket buffers; at MAX it refuses new buffer memory (\"TCP: out of memory "
         "-- consider tuning tcp_mem\" in the kernel log). Raise it when /proc/net/sockstat's TCP mem reaches the "
         "pressure level on a host that has memory to spare."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "This memory is unswappable kernel memory: a MAX near the host's physical memory lets TCP buffers starve "
         "applications and the page cache, up to the OOM killer. The values are pages (usually 4 KiB), not bytes."),
     .introduced = "2.4", .fieldNames = "MIN PRESSURE MAX"},
    // ip-sysctl tcp_max_orphans: INTEGER, "Maximal number of TCP sockets not attached to any
    // user file handle"; default set at boot from memory (tcp_init(): half the established
    // hash table). The document asks never to lower it artificially, so Sockpit's floor is
    // 1024, as for tcp_max_tw_buckets; the handler (proc_dointvec) takes any int.
    {.key = "net.ipv4.tcp_max_orphans", .type = TunableType::Integer, .minimum = 1024, .maximum = IntMax,
     .stricterMinimum = "ip-sysctl asks never to lower it artificially; below 1024 the kernel resets closing "
                        "connections on any busy host",
     .unit = "sockets", .defaultValue = "131072",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The most orphaned TCP sockets (closed by the application, connection still closing) the kernel keeps; "
         "beyond it they are reset at once and \"too many orphaned sockets\" is logged. Raise it when "
         "/proc/net/sockstat's orphan count nears the limit and the host has memory to spare."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Each orphan may hold up to about 64 KiB of unswappable memory (ip-sysctl.rst); a high limit lets a flood "
         "of half-closed connections pin that much. Lowering it only makes the kernel reset connections earlier."),
     .introduced = "2.4"},
    // net.rst rmem_max / wmem_max / rmem_default / wmem_default: bytes; the handler's
    // minimums are SOCK_MIN_RCVBUF (2304) and SOCK_MIN_SNDBUF (4608) on 64-bit kernels.
    {.key = "net.core.rmem_max", .type = TunableType::Integer, .minimum = 2304, .maximum = IntMax,
     .unit = "bytes", .defaultValue = "212992",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The largest receive buffer an application may ask for with SO_RCVBUF. Raise it for UDP receivers that drop "
         "datagrams (RcvbufErrors)."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Applies to every socket type; large values let unprivileged programs pin memory."),
     .introduced = "2.2"},
    {.key = "net.core.wmem_max", .type = TunableType::Integer, .minimum = 4608, .maximum = IntMax,
     .unit = "bytes", .defaultValue = "212992",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The largest send buffer an application may ask for with SO_SNDBUF."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Applies to every socket type; large values let unprivileged programs pin memory."),
     .introduced = "2.2"},
    {.key = "net.core.rmem_default", .type = TunableType::Integer, .minimum = 2304, .maximum = IntMax,
     .unit = "bytes", .defaultValue = "212992",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The receive buffer of sockets other than TCP (UDP, raw, netlink) when the application does not set one."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Multiplied by every such socket on the host."),
     .introduced = "2.2"},
    {.key = "net.core.wmem_default", .type = TunableType::Integer, .minimum = 4608, .maximum = IntMax,
     .unit = "bytes", .defaultValue = "212992",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The send buffer of sockets other than TCP when the application does not set one."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Multiplied by every such socket on the host."),
     .introduced = "2.2"},
    // ip-sysctl tcp_notsent_lowat: bytes of unsent data that make a socket writable;
    // default UINT_MAX (0xFFFFFFFF), an unsigned 32-bit value (proc_douintvec takes 0 too).
    {.key = "net.ipv4.tcp_notsent_lowat", .type = TunableType::Integer, .minimum = 1, .maximum = UIntMax,
     .stricterMinimum = "with 0 a socket without its own TCP_NOTSENT_LOWAT never has room: the kernel reports "
                        "it writable only while its unsent bytes are below the mark",
     .unit = "bytes", .defaultValue = "4294967295",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "How much not-yet-sent data a TCP socket may queue before poll() stops reporting it writable. A value such "
         "as 131072 cuts latency for interactive streams over large send buffers."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Too small a value makes bulk senders wake up far more often."),
     .introduced = "3.12"},
    // --- Congestion and path behaviour -----------------------------------------------------
    // ip-sysctl tcp_congestion_control: a name listed in tcp_available_congestion_control.
    // Outside the initial network namespace the kernel answers EPERM for algorithms not in
    // tcp_allowed_congestion_control (tcp_set_default_congestion_control() in
    // net/ipv4/tcp_cong.c); ValidationContext::fromTree offers only those there.
    {.key = "net.ipv4.tcp_congestion_control", .type = TunableType::Enum,
     .enumSource = EnumSource::CongestionControl, .defaultValue = "cubic",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The congestion control algorithm new connections use. bbr often helps on long, lossy paths; cubic is the "
         "default. Inside a container (any network namespace but the host's) only the algorithms in "
         "tcp_allowed_congestion_control can be chosen."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Affects every new TCP connection of the namespace; bbr with the default qdisc before 4.13 needs fq for "
         "pacing."),
     .introduced = "2.6.13",
     .history = {{{"2.6.19", QT_TRANSLATE_NOOP("Sockpit::Catalogue", "cubic replaced bic as the default.")}}}},
    // net.rst default_qdisc: the queueing discipline for new network devices; default pfifo_fast.
    {.key = "net.core.default_qdisc", .type = TunableType::Enum, .enumSource = EnumSource::QueueDiscipline,
     .defaultValue = "pfifo_fast",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The queueing discipline attached to network devices created from now on. fq_codel fights bufferbloat; fq "
         "paces bbr flows."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Existing devices keep their qdisc until they are recreated or reconfigured with tc."),
     .introduced = "3.12"},
    // ip-sysctl tcp_slow_start_after_idle: BOOLEAN, default 1.
    {.key = "net.ipv4.tcp_slow_start_after_idle", .type = TunableType::Boolean, .minimum = 0, .maximum = 1,
     .stricterMaximum = "ip-sysctl documents a BOOLEAN; the kernel stores any byte and takes it as 1",
     .defaultValue = "1",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Whether a connection that was idle for a retransmission timeout starts again from a small congestion "
         "window. Turn it off for long-lived connections that send in bursts (HTTP/2, database connections)."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Off lets an idle connection send a full window into a path whose capacity may have changed."),
     .introduced = "2.6.18"},
    // ip-sysctl tcp_mtu_probing: 0 disabled, 1 after an ICMP black hole is detected, 2 always; default 0.
    {.key = "net.ipv4.tcp_mtu_probing", .type = TunableType::Integer, .minimum = 0, .maximum = 2,
     .stricterMaximum = UndocumentedByte,
     .defaultValue = "0",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Packetization-layer path MTU discovery: 1 starts probing once an ICMP black hole is detected (connections "
         "that hang after the handshake), 2 always probes."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "2 starts every connection from tcp_base_mss, which costs throughput at the start."),
     .introduced = "2.6.17"},
    // ip-sysctl tcp_fastopen: a bit field; documented bits 0x1 (client), 0x2 (server),
    // 0x4 (client without cookie), 0x200 (server without cookie), 0x400 (server on all
    // listeners); default 0x1. The handler (proc_dointvec) takes any int.
    {.key = "net.ipv4.tcp_fastopen", .type = TunableType::Integer, .minimum = 0, .maximum = 0x607,
     .stricterMinimum = "a negative number sets every bit, undocumented ones included",
     .stricterMaximum = "only the documented bits 0x1, 0x2, 0x4, 0x200 and 0x400 may be set",
     .bitMask = 0x607, .defaultValue = "1",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "TCP Fast Open: 1 lets clients send data in the SYN, 2 lets servers accept it, 3 both. Saves a round trip "
         "for repeated short connections."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Data in a SYN may be replayed; only idempotent requests should use it. Some middleboxes drop such SYNs."),
     .introduced = "3.7",
     .history = {{{"3.13", QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Client support enabled by default (value 1).")}}}},
    // ip-sysctl tcp_timestamps: 0 off, 1 on with random offsets per connection, 2 on without
    // random offsets; default 1. Value 2 came with 4.10; before it the key
    // was a boolean.
    {.key = "net.ipv4.tcp_timestamps", .type = TunableType::Integer, .minimum = 0, .maximum = 2,
     .stricterMaximum = UndocumentedByte, .olderBounds = {{{"4.10", 0, 1}}},
     .defaultValue = "1",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "RFC 1323 timestamps: round-trip measurement and protection against wrapped sequence numbers. tcp_tw_reuse "
         "needs them; keep the default of 1."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "0 disables tcp_tw_reuse and PAWS; 2 lets observers estimate the host's uptime."),
     .introduced = "2.2",
     .history = {{{"4.10", QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Value 2 added; 1 now uses a random offset per connection.")}}}},
    // ip-sysctl ping_group_range: "2 INTEGERS", gids; default "1 0" (nobody); "0 4294967294"
    // enables ICMP sockets for everyone. LOW > HIGH is the kernel's way of saying nobody, and
    // ipv4_ping_group_range() in net/ipv4/sysctl_net_ipv4.c stores every reversed pair as
    // "1 0": Sockpit refuses the others instead of planning a value read-back never shows.
    {.key = "net.ipv4.ping_group_range", .type = TunableType::IntegerPair, .minimum = 0, .maximum = 4294967294LL,
     .emptyRange = "1 0", .unit = "group IDs", .defaultValue = "1 0",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Groups whose members may create unprivileged ICMP (ping) sockets. \"0 2147483647\" lets every user ping "
         "without a setuid binary or capabilities; \"1 0\" lets nobody. Other pairs with LOW above HIGH are refused: "
         "the kernel would store them as \"1 0\"."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Widens what unprivileged users can send; \"1 0\" means nobody."),
     .introduced = "3.0"},
    // net.rst somaxconn: "Limit of socket listen() backlog"; default 4096, 128 before 5.4.
    // Sockpit's floor is 128, the old default: lower values only make listeners drop.
    {.key = "net.core.somaxconn", .type = TunableType::Integer, .minimum = 128, .maximum = IntMax,
     .stricterMinimum = "128 was the default until 5.4; a lower ceiling only makes listeners drop connections",
     .unit = "connections", .defaultValue = "4096",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The ceiling for the backlog an application passes to listen(). Raise it when ListenOverflows grows and the "
         "server asks for a larger backlog."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Only helps if the application also asks for the larger backlog."),
     .introduced = "2.2",
     .history = {{{"5.4", QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Default raised from 128 to 4096.")}}}},
    // net.rst netdev_max_backlog: packets queued on the input side when the interface receives
    // faster than the kernel processes; default 1000. The handler (proc_dointvec) takes any int.
    {.key = "net.core.netdev_max_backlog", .type = TunableType::Integer, .minimum = 1, .maximum = IntMax,
     .stricterMinimum = "0 or less drops every packet that arrives while the CPU is still busy",
     .unit = "packets", .defaultValue = "1000",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Packets queued per CPU between the network driver and the protocol stack. Raise it when the second column "
         "of /proc/net/softnet_stat (drops) grows."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "A longer queue adds latency under load."),
     .introduced = "2.2"},
    // nf-sysctl nf_conntrack_max: "Maximum number of allowed connection tracking entries";
    // default nf_conntrack_buckets * 4. Present only with nf_conntrack loaded. The handler
    // takes 0 to INT_MAX.
    {.key = "net.netfilter.nf_conntrack_max", .type = TunableType::Integer, .minimum = 1, .maximum = IntMax,
     .stricterMinimum = "0 means no limit at all to the kernel (a zero nf_conntrack_max is never checked)",
     .optional = true, .unit = "entries", .defaultValue = "262144",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "The most connections netfilter tracks at once; when the table is full new connections are dropped "
         "(\"nf_conntrack: table full\" in the kernel log)."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Each entry costs about 300 bytes of kernel memory."),
     .introduced = "2.6.15"},
};

// Removed from the kernel; named so that a request for them gets the reason, not "unknown".
const Tunable Retired[] = {
    // tcp_tw_recycle broke clients behind NAT and was removed by commit 4396e46187ca.
    {.key = "net.ipv4.tcp_tw_recycle", .type = TunableType::Boolean, .minimum = 0, .maximum = 1,
     .defaultValue = "0",
     .explanation = QT_TRANSLATE_NOOP("Sockpit::Catalogue",
         "Fast recycling of TIME_WAIT sockets, removed from the kernel."),
     .risks = QT_TRANSLATE_NOOP("Sockpit::Catalogue", "Dropped connections from clients behind NAT; never offered."),
     .introduced = "2.4", .removed = "4.12"},
};

} // namespace

std::span<const Tunable> all()
{
    return Table;
}

const Tunable *find(QStringView key)
{
    for (const Tunable &tunable : Table) {
        if (key == QLatin1StringView(tunable.key))
            return &tunable;
    }
    return nullptr;
}

const Tunable *findRetired(QStringView key)
{
    for (const Tunable &tunable : Retired) {
        if (key == QLatin1StringView(tunable.key))
            return &tunable;
    }
    return nullptr;
}

Bounds bounds(const Tunable &tunable, QStringView kernelRelease)
{
    for (const OlderBounds &older : tunable.olderBounds) {
        if (older.before && !kernelAtLeast(kernelRelease, older.before))
            return {older.minimum, older.maximum};
    }
    return {tunable.minimum, tunable.maximum};
}

QStringList queueDisciplines()
{
    // Classless qdiscs that work without parameters on any device; net.rst default_qdisc.
    return {QStringLiteral("pfifo_fast"), QStringLiteral("fq_codel"), QStringLiteral("fq"),
            QStringLiteral("sfq"),        QStringLiteral("cake"),     QStringLiteral("pfifo")};
}

QString explanation(const Tunable &tunable)
{
    return QCoreApplication::translate("Sockpit::Catalogue", tunable.explanation);
}

QString risks(const Tunable &tunable)
{
    return QCoreApplication::translate("Sockpit::Catalogue", tunable.risks);
}

QString historyNote(const KernelChange &change)
{
    return change.note ? QCoreApplication::translate("Sockpit::Catalogue", change.note) : QString();
}

QString unitText(const Tunable &tunable)
{
    // The table keeps units as plain words because plans and JSON carry them in English;
    // these marks are what lupdate sees of them. A unit missing here has no translation,
    // which tst_cataloguetranslation reports.
    [[maybe_unused]] static constexpr const char *Units[] = {
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "bytes"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "connections"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "entries"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "group IDs"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "packets"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "pages"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "ports"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "probes"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "retransmissions"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "seconds"),
        QT_TRANSLATE_NOOP("Sockpit::Catalogue", "sockets"),
    };
    return *tunable.unit ? QCoreApplication::translate("Sockpit::Catalogue", tunable.unit) : QString();
}

QString englishExplanation(const Tunable &tunable)
{
    return QString::fromUtf8(tunable.explanation);
}

QString englishRisks(const Tunable &tunable)
{
    return QString::fromUtf8(tunable.risks);
}

QString unit(const Tunable &tunable)
{
    return QString::fromLatin1(tunable.unit);
}

namespace {

QString english(const char *text)
{
    return QString::fromUtf8(text);
}

QString translated(const char *text)
{
    return QCoreApplication::translate("Sockpit::Catalogue", text);
}

// describeAllowed() and allowedText() in one: text() turns each marked template into the
// English or the translated sentence, UNITWORD is the unit in the same language.
QString allowedValues(const Tunable &tunable, const QStringList &enumValues, QStringView kernelRelease,
    QString (*text)(const char *), const QString &unitWord)
{
    const QString unitSuffix = unitWord.isEmpty() ? QString() : QLatin1Char(' ') + unitWord;
    const Bounds allowed = bounds(tunable, kernelRelease);
    const QString range = text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "from %1 to %2%3"))
                              .arg(allowed.minimum)
                              .arg(allowed.maximum)
                              .arg(unitSuffix);
    switch (tunable.type) {
    case TunableType::Integer:
        if (tunable.bitMask)
            return text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "a decimal integer made of the bits 0x%1"))
                .arg(QString::number(tunable.bitMask, 16));
        return text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "an integer %1")).arg(range);
    case TunableType::IntegerPair:
        return tunable.emptyRange
            ? text(QT_TRANSLATE_NOOP("Sockpit::Catalogue",
                       "two integers \"LOW HIGH\", each %1, LOW not above HIGH, or \"%2\" for none"))
                  .arg(range, QLatin1StringView(tunable.emptyRange))
            : text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "two integers \"LOW HIGH\", each %1, LOW not above HIGH"))
                  .arg(range);
    case TunableType::IntegerTriple:
        return text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "three integers \"%1\", each %2, in that order"))
            .arg(tunable.tripleFieldNames(), range);
    case TunableType::Boolean:
        return text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "0 or 1"));
    case TunableType::Enum:
        return enumValues.isEmpty()
            ? text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "a name the kernel lists (it lists none here)"))
            : text(QT_TRANSLATE_NOOP("Sockpit::Catalogue", "one of: %1")).arg(enumValues.join(QStringLiteral(", ")));
    case TunableType::PortRanges:
        return text(QT_TRANSLATE_NOOP(
                        "Sockpit::Catalogue", "a comma-separated list of ports or ranges PORT-PORT, each %1, or empty"))
            .arg(range);
    }
    return {};
}

} // namespace

QString describeAllowed(const Tunable &tunable, const QStringList &enumValues, QStringView kernelRelease)
{
    return allowedValues(tunable, enumValues, kernelRelease, english, unit(tunable));
}

QString allowedText(const Tunable &tunable, const QStringList &enumValues, QStringView kernelRelease)
{
    return allowedValues(tunable, enumValues, kernelRelease, translated, unitText(tunable));
}

} // namespace Sockpit::Catalogue
