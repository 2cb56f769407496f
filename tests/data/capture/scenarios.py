#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the analysis scenario trees under analysis/ from proc-empty (a real capture).

Each scenario starts from proc-empty's files and changes only what the scenario is about:
counters in net/snmp and net/netstat, sockstat figures, socket lines in net/tcp (or a
sock_diag dump in sockpit/sockets.json where LISTEN backlogs matter), sysctl values, and
a later/ take for rates. Run from tests/data: python3 capture/scenarios.py
"""
import json
import os
import shutil
import socket
import struct

BASE = "proc-empty"
OUT = "analysis"

SYSCTLS = {
    "net/ipv4/ip_local_port_range": "32768\t60999",
    "net/ipv4/ip_local_reserved_ports": "",
    "net/ipv4/ip_unprivileged_port_start": "1024",
    "net/ipv4/tcp_tw_reuse": "2",
    "net/ipv4/tcp_timestamps": "1",
    "net/ipv4/tcp_max_tw_buckets": "262144",
    "net/core/somaxconn": "4096",
    "net/ipv4/tcp_max_syn_backlog": "1024",
    "net/ipv4/tcp_syncookies": "1",
    "net/ipv4/tcp_mem": "287898\t383867\t575796",
    "net/ipv4/tcp_rmem": "4096\t131072\t6291456",
    "net/ipv4/tcp_wmem": "4096\t16384\t4194304",
    "net/core/rmem_max": "4194304",
    "net/core/wmem_max": "4194304",
    "net/ipv4/tcp_max_orphans": "131072",
    "net/ipv4/tcp_fin_timeout": "60",
    "net/ipv4/ping_group_range": "0\t2147483647",
    "net/ipv4/tcp_adv_win_scale": "1",
    "net/ipv4/tcp_slow_start_after_idle": "1",
    "net/ipv4/tcp_notsent_lowat": "4294967295",
}


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def set_counter(text, group, name, value):
    lines = text.split("\n")
    for i in range(0, len(lines) - 1, 2):
        if lines[i].startswith(group + ":") and lines[i + 1].startswith(group + ":"):
            names = lines[i].split()[1:]
            values = lines[i + 1].split()[1:]
            if name in names:
                values[names.index(name)] = str(value)
                lines[i + 1] = group + ": " + " ".join(values)
                return "\n".join(lines)
    raise KeyError(group + "." + name)


def hex_v4(address, port):
    packed = socket.inet_aton(address)
    return "%08X:%04X" % (struct.unpack("<I", packed)[0], port)


def tcp_table(sockets):
    """sockets: (local, lport, remote, rport, state, txq, rxq, inode)."""
    header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    rows = []
    for i, (la, lp, ra, rp, st, txq, rxq, inode) in enumerate(sockets):
        rows.append("%4d: %s %s %02X %08X:%08X 00:00000000 00000000     0        0 %d 1 0000000000000000 100 0 0 10 0\n"
                    % (i, hex_v4(la, lp), hex_v4(ra, rp), st, txq, rxq, inode))
    return header + "".join(rows)


ESTABLISHED, FIN_WAIT2, TIME_WAIT, LISTEN = 0x01, 0x05, 0x06, 0x0A


def outbound(count, time_wait, first_port, destination, port):
    out = []
    for i in range(count):
        state = TIME_WAIT if i < time_wait else ESTABLISHED
        inode = 0 if state == TIME_WAIT else 100000 + i
        out.append(("10.0.0.1", first_port + i, destination, port, state, 0, 0, inode))
    return out


def listener(port, inode, address="0.0.0.0"):
    return (address, port, "0.0.0.0", 0, LISTEN, 0, 0, inode)


class Scenario:
    def __init__(self, name, osrelease="6.1.0-18-amd64"):
        self.dir = os.path.join(OUT, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        for f in ("snmp", "netstat", "sockstat", "sockstat6", "tcp", "tcp6", "udp", "udp6"):
            write(os.path.join(self.dir, "net", f), read(os.path.join(BASE, "net", f)))
        for key, value in SYSCTLS.items():
            write(os.path.join(self.dir, "sys", key), value + "\n")
        write(os.path.join(self.dir, "sys/kernel/osrelease"), osrelease + "\n")
        write(os.path.join(self.dir, "sys/kernel/hostname"), "fixture\n")
        write(os.path.join(self.dir, "sockpit/kmsg"), "")

    def path(self, relative, later=False):
        return os.path.join(self.dir, "later", relative) if later else os.path.join(self.dir, relative)

    def sysctl(self, key, value, later=False):
        write(self.path("sys/" + key, later), value + "\n")

    def counter(self, group, name, value, later=False):
        f = "net/snmp" if group in ("Tcp", "Ip", "Udp", "Icmp") else "net/netstat"
        write(self.path(f, later), set_counter(read(self.path(f, later)), group, name, value))

    def sockstat(self, tw=0, orphan=0, mem=268, inuse=0, later=False):
        text = read(self.path("net/sockstat", later))
        lines = text.split("\n")
        lines[1] = "TCP: inuse %d orphan %d tw %d alloc %d mem %d" % (inuse, orphan, tw, inuse + 1, mem)
        write(self.path("net/sockstat", later), "\n".join(lines))

    def tcp(self, sockets, later=False):
        write(self.path("net/tcp", later), tcp_table(sockets))

    def later(self, interval_ms):
        for f in ("snmp", "netstat", "sockstat", "sockstat6", "tcp", "tcp6", "udp", "udp6"):
            write(self.path("net/" + f, True), read(self.path("net/" + f)))
        write(self.path("interval_ms", True), "%d\n" % interval_ms)

    def sockets_json(self, sockets, later=False):
        write(self.path("sockpit/sockets.json", later),
              json.dumps({"schema": "sockpit.sockets/1", "sockets": sockets}, indent=1) + "\n")

    def owner(self, pid, comm, inodes):
        write(self.path("%d/stat" % pid), "%d (%s) S 1 %d %d 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 4242 0 0\n"
              % (pid, comm, pid, pid))
        write(self.path("%d/cmdline" % pid), comm + "\0")
        write(self.path("%d/status" % pid), "Name:\t%s\nUid:\t0\t0\t0\t0\n" % comm)
        os.makedirs(self.path("%d/fd" % pid), exist_ok=True)
        for fd, inode in enumerate(inodes, start=3):
            os.symlink("socket:[%d]" % inode, self.path("%d/fd/%d" % (pid, fd)))

    def meminfo(self, total_kb, available_kb):
        # The first lines of /proc/meminfo as 6.1 prints them; the rules read MemTotal and
        # MemAvailable only.
        free_kb = available_kb * 4 // 5
        write(self.path("meminfo"),
              "MemTotal:       %8d kB\nMemFree:        %8d kB\nMemAvailable:   %8d kB\n"
              "Buffers:          215332 kB\nCached:          3301564 kB\nSwapCached:            0 kB\n"
              "Active:          2873108 kB\nInactive:        2062136 kB\n" % (total_kb, free_kb, available_kb))

    def page_size(self, size):
        write(self.path("sockpit/page_size"), "%d\n" % size)

    def kmsg(self, lines):
        write(self.path("sockpit/kmsg"), "".join(line + "\n" for line in lines))


def listen_json(port, queue, backlog, inode):
    return {"protocol": "tcp", "family": "ipv4", "state": "LISTEN", "local": "0.0.0.0", "local_port": port,
            "remote": "0.0.0.0", "remote_port": 0, "rqueue": queue, "wqueue": backlog, "uid": 0, "inode": inode}


def main():
    # Nothing wrong: rates over 5 s, counters moving a little, a TIME_WAIT overflow counter
    # that is non-zero but no longer rising.
    s = Scenario("healthy")
    s.counter("TcpExt", "TCPTimeWaitOverflow", 7)
    s.tcp([listener(22, 9001)] + outbound(10, 4, 33000, "10.0.0.5", 443))
    s.later(5000)
    s.counter("Tcp", "OutSegs", 1000, later=True)
    s.counter("Tcp", "RetransSegs", 5, later=True)
    s.counter("Tcp", "ActiveOpens", 10, later=True)
    s.counter("TcpExt", "TCPTimeWaitOverflow", 7, later=True)

    # Port pressure, critical: range 40000-40999 less 40500 reserved = 999 usable ports;
    # 600 sockets (500 TIME_WAIT) toward 10.0.0.5:443, then 650 (550) 5 s later with 100
    # active opens. Listeners on 22 (outside the wider range), 8080 and 50000 (inside it).
    s = Scenario("ports-critical")
    s.sysctl("net/ipv4/ip_local_port_range", "40000\t40999")
    s.sysctl("net/ipv4/ip_local_reserved_ports", "40500")
    listeners = [listener(22, 9001), listener(8080, 9002), listener(50000, 9003)]
    s.tcp(listeners + outbound(600, 500, 40000, "10.0.0.5", 443))
    s.later(5000)
    s.tcp(listeners + outbound(650, 550, 40000, "10.0.0.5", 443), later=True)
    s.counter("Tcp", "ActiveOpens", 100, later=True)

    # Port pressure at the warning level, one take: 500 of 999 (share 0.5005), all ESTABLISHED.
    s = Scenario("ports-warning")
    s.sysctl("net/ipv4/ip_local_port_range", "40000\t40999")
    s.sysctl("net/ipv4/ip_local_reserved_ports", "40500")
    s.tcp(outbound(500, 0, 40000, "192.0.2.7", 80))

    # Just below: 499 of 999 (share 0.4995): no finding.
    s = Scenario("ports-borderline")
    s.sysctl("net/ipv4/ip_local_port_range", "40000\t40999")
    s.sysctl("net/ipv4/ip_local_reserved_ports", "40500")
    s.tcp(outbound(499, 0, 40000, "192.0.2.7", 80))

    # Accept queue full and capped by somaxconn 128, owned by pid 4242 (nginx);
    # ListenOverflows +50 and ListenDrops +50 in 5 s.
    s = Scenario("accept-full")
    s.sysctl("net/core/somaxconn", "128")
    s.sockets_json([listen_json(8080, 100, 128, 5555)])
    s.owner(4242, "nginx", [5555])
    s.later(5000)
    s.sockets_json([listen_json(8080, 129, 128, 5555)], later=True)
    s.counter("TcpExt", "ListenOverflows", 50, later=True)
    s.counter("TcpExt", "ListenDrops", 50, later=True)

    # Two servers full at once: nginx on :8080 at somaxconn 128 (129 of 128), and an API on
    # :9090 that asked listen() for 16 (15 of 16); sshd on :22 idle (0 of 128).
    s = Scenario("accept-two-full")
    s.sysctl("net/core/somaxconn", "128")
    s.sockets_json([listen_json(8080, 100, 128, 5555), listen_json(9090, 14, 16, 5556), listen_json(22, 0, 128, 5557)])
    s.owner(4242, "nginx", [5555])
    s.owner(5151, "api", [5556])
    s.owner(600, "sshd", [5557])
    s.later(5000)
    s.sockets_json([listen_json(8080, 129, 128, 5555), listen_json(9090, 15, 16, 5556), listen_json(22, 0, 128, 5557)],
                   later=True)
    s.counter("TcpExt", "ListenOverflows", 50, later=True)
    s.counter("TcpExt", "ListenDrops", 50, later=True)

    # The application's own backlog (16) below somaxconn (4096), queue 15: warning, no change.
    s = Scenario("accept-app-backlog")
    s.sockets_json([listen_json(9000, 15, 16, 6666)])
    s.owner(777, "slowapp", [6666])

    # 12 of 16 (0.75), below the 0.8 level: no finding.
    s = Scenario("accept-borderline")
    s.sockets_json([listen_json(9000, 12, 16, 6666)])

    # TIME_WAIT table full: tw at tcp_max_tw_buckets, TCPTimeWaitOverflow +30 in 3 s.
    s = Scenario("tw-overflow")
    s.sockstat(tw=262144)
    s.later(3000)
    s.sockstat(tw=262144, later=True)
    s.counter("TcpExt", "TCPTimeWaitOverflow", 30, later=True)

    # Retransmissions: +500 of +10000 segments in 5 s (5 %); retrans-low: +190 (1.9 %).
    for name, retrans in (("retrans", 500), ("retrans-low", 190)):
        s = Scenario(name)
        s.later(5000)
        s.counter("Tcp", "OutSegs", 10000, later=True)
        s.counter("Tcp", "RetransSegs", retrans, later=True)

    # TCP memory above tcp_mem's pressure level (383867 pages), with the kernel's message as
    # the journal gave it, on a host with 24684084 kB (6171021 pages of 4096 bytes): a
    # quarter is 1542755 pages, above the proposal 450000 600000 900000.
    s = Scenario("memory")
    s.sockstat(mem=400000)
    s.meminfo(24684084, 23414900)
    s.page_size(4096)
    s.kmsg(["4,0,912345678,-;TCP: out of memory -- consider tuning tcp_mem"])
    write(s.path("sockpit/kmsg-source"), "journal\n")

    # The same load on a host with 12000000 kB (3000000 pages): MAX bounded to 750000.
    s = Scenario("memory-bounded")
    s.sockstat(mem=400000)
    s.meminfo(12000000, 9000000)
    s.page_size(4096)

    # And on a host whose tcp_mem MAX (575796) already exceeds a quarter of its 2000000 kB
    # (125000 pages): nothing proposed.
    s = Scenario("memory-no-room")
    s.sockstat(mem=400000)
    s.meminfo(2000000, 1500000)

    # Orphans: 70000 of tcp_max_orphans 131072 (0.53, below orphan_fill_critical 0.9).
    s = Scenario("orphans")
    s.sockstat(orphan=70000)

    # Near the limit: 125000 of 131072 (0.954). Half of MemAvailable 23414900 kB at 64 KiB
    # per orphan holds 182928 more, so twice the limit, 262144, fits.
    s = Scenario("orphans-near-limit")
    s.sockstat(orphan=125000)
    s.meminfo(24684084, 23414900)

    # Near the limit with MemAvailable 1000000 kB: 7812 more orphans fit, 132096 rounded
    # down to 1024, less than a tenth above 131072: nothing proposed.
    s = Scenario("orphans-low-memory")
    s.sockstat(orphan=125000)
    s.meminfo(2000000, 1000000)

    # FIN_WAIT2: a server (10.0.0.1:8080) closed 1200 connections whose clients never close
    # their half: 1200 orphans in FIN_WAIT2 (inode 0), far below tcp_max_orphans 131072,
    # at tcp_fin_timeout 60; and the same at tcp_fin_timeout 30 (nothing to shorten).
    fin_wait2 = [("10.0.0.1", 8080, "10.0.0.9", 40000 + i, FIN_WAIT2, 0, 0, 0) for i in range(1200)]
    s = Scenario("fin-wait2")
    s.sockstat(orphan=1200)
    s.tcp(fin_wait2 + [listener(8080, 5000)])
    s = Scenario("fin-wait2-short")
    s.sockstat(orphan=1200)
    s.tcp(fin_wait2 + [listener(8080, 5000)])
    s.sysctl("net/ipv4/tcp_fin_timeout", "30")

    # conntrack: 240000 then 250000 of 262144; and a log-only case with a low count.
    s = Scenario("conntrack")
    s.sysctl("net/netfilter/nf_conntrack_count", "240000")
    s.sysctl("net/netfilter/nf_conntrack_max", "262144")
    s.later(5000)
    s.sysctl("net/netfilter/nf_conntrack_count", "250000", later=True)

    s = Scenario("kmsg-only")
    s.sysctl("net/netfilter/nf_conntrack_count", "1000")
    s.sysctl("net/netfilter/nf_conntrack_max", "262144")
    s.kmsg([
        "4,9001,1000000,-;nf_conntrack: nf_conntrack: table full, dropping packet",
        "4,9002,2000000,-;nf_conntrack: nf_conntrack: table full, dropping packet",
        "6,9003,3000000,-;TCP: request_sock_TCP: Possible SYN flooding on port [::]:8080. Sending cookies.",
        "4,9004,4000000,-;TCP: time wait bucket table overflow",
        "6,9005,5000000,-;e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex",
    ])

    # Unprivileged ping disabled ("1 0", the kernel's default).
    s = Scenario("ping")
    s.sysctl("net/ipv4/ping_group_range", "1\t0")

    # The same, on a kernel older than ping_group_range (3.0): nothing may be proposed.
    s = Scenario("ping-old-kernel", osrelease="2.6.32-754.el6.x86_64")
    s.sysctl("net/ipv4/ping_group_range", "1\t0")

    # No kernel log in the capture, with the reason.
    s = Scenario("kmsg-unreadable")
    os.remove(s.path("sockpit/kmsg"))
    write(s.path("sockpit/kmsg-unavailable"), "cannot read /dev/kmsg: Operation not permitted\n")


if __name__ == "__main__":
    main()
