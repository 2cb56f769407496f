#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds a known socket population in a private network namespace and copies the
kernel's tables into a directory laid out like /proc.

Run as root, inside a fresh namespace:
    unshare -n python3 capture.py SCENARIO OUTDIR
SCENARIO is one of: ipv4, ipv6, empty, thousands. What each creates is listed in
tests/data/README.md; the unit tests assert exactly those counts.
"""

import os
import resource
import shutil
import socket
import subprocess
import sys
import time

NET_FILES = ["tcp", "tcp6", "udp", "udp6", "sockstat", "sockstat6", "snmp", "netstat"]
SYSCTLS = ["ip_local_port_range", "ip_local_reserved_ports", "ip_unprivileged_port_start"]

keep = []  # sockets that must stay open until the capture


def sh(*args):
    subprocess.run(args, check=True)


def sysctl(name, value):
    with open(f"/proc/sys/net/ipv4/{name}", "w") as f:
        f.write(value)


def listen(family, address, port, backlog, v6only=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
    s.bind((address, port))
    s.listen(backlog)
    keep.append(s)
    return s


def established(listener, family, address, port, send=b""):
    """A client connected to listener and accepted; both ends stay open."""
    c = socket.socket(family, socket.SOCK_STREAM)
    c.connect((address, port))
    server, _ = listener.accept()
    if send:
        c.sendall(send)  # left unread: the accepted socket's rx_queue
    keep.extend([c, server])
    return c, server


def not_accepted(family, address, port):
    """A client whose connection waits in the listener's accept queue."""
    c = socket.socket(family, socket.SOCK_STREAM)
    c.connect((address, port))
    keep.append(c)


def time_wait(listener, family, address, port):
    """The client closes first, so the client's end (its ephemeral port) ends in
    TIME_WAIT; the server sees EOF, closes, and its end goes away after LAST_ACK."""
    c = socket.socket(family, socket.SOCK_STREAM)
    c.connect((address, port))
    server, _ = listener.accept()
    c.close()
    assert server.recv(1) == b""
    server.close()


def udp(family, bind=None, connect=None, v6only=None):
    s = socket.socket(family, socket.SOCK_DGRAM)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
    if bind:
        s.bind(bind)
    if connect:
        s.connect(connect)
    keep.append(s)
    return s


def as_nobody_listen(address, port):
    """A listener owned by uid 65534, for the uid column."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.setresuid(65534, 65534, 65534)
        listen(socket.AF_INET, address, port, 7)
        os.write(w, b"x")
        time.sleep(3600)
        os._exit(0)
    os.close(w)
    os.read(r, 1)
    return pid


def scenario_ipv4():
    sysctl("ip_local_port_range", "40000 40999")
    sysctl("ip_local_reserved_ports", "40100-40199,40500")
    sysctl("ip_unprivileged_port_start", "1000")
    A = socket.AF_INET
    web = listen(A, "127.0.0.1", 8080, 16)
    ssh = listen(A, "0.0.0.0", 22, 128)
    listen(A, "127.1.2.3", 0x1234, 5)  # 4660: byte-order probe, never accepts
    child = as_nobody_listen("127.0.0.1", 8081)
    established(web, A, "127.0.0.1", 8080, send=b"x" * 100)
    established(web, A, "127.0.0.1", 8080)
    established(web, A, "127.0.0.1", 8080)
    not_accepted(A, "127.1.2.3", 0x1234)
    not_accepted(A, "127.1.2.3", 0x1234)
    for _ in range(4):
        time_wait(ssh, A, "127.0.0.1", 22)
    udp(A, bind=("127.0.0.1", 5353))
    udp(A, bind=("0.0.0.0", 5000))
    udp(A, connect=("127.0.0.1", 5353))
    return [child]


def scenario_ipv6():
    sh("ip", "-6", "addr", "add", "2001:db8::1234:5678/128", "dev", "lo", "nodad")
    A, B = socket.AF_INET, socket.AF_INET6
    web6 = listen(B, "::1", 8080, 16, v6only=True)
    listen(B, "2001:db8::1234:5678", 443, 10, v6only=True)
    dual = listen(B, "::", 9000, 32, v6only=False)
    v4 = listen(A, "127.0.0.1", 9100, 8)
    established(web6, B, "::1", 8080)
    established(web6, B, "::1", 8080)
    # IPv4 clients of the dual-stack listener: the accepted ends are AF_INET6 sockets
    # with ::ffff:127.0.0.1 at both ends (tcp6); the clients are plain IPv4 (tcp).
    established(dual, A, "127.0.0.1", 9000)
    established(dual, A, "127.0.0.1", 9000)
    # An AF_INET6 client of an IPv4 listener: mapped in tcp6, the accepted end in tcp.
    established(v4, B, "::ffff:127.0.0.1", 9100)
    for _ in range(3):
        time_wait(web6, B, "::1", 8080)
    time_wait(v4, B, "::ffff:127.0.0.1", 9100)  # a mapped TIME_WAIT, in tcp6
    udp(B, bind=("::1", 5353), v6only=True)
    udp(B, bind=("::", 5000), v6only=False)
    udp(B, connect=("::1", 5353))
    return []


def scenario_empty():
    return []


def scenario_thousands():
    resource.setrlimit(resource.RLIMIT_NOFILE, (8192, 8192))
    A = socket.AF_INET
    web = listen(A, "127.0.0.1", 8080, 4096)
    for _ in range(2000):
        time_wait(web, A, "127.0.0.1", 8080)
    for _ in range(500):
        established(web, A, "127.0.0.1", 8080)
    return []


def copy_tables(out):
    os.makedirs(f"{out}/net", exist_ok=True)
    os.makedirs(f"{out}/sys/net/ipv4", exist_ok=True)
    # /proc/net follows the reader's namespace (it is /proc/self/net), and so do the
    # net.* sysctls: these are the private namespace's tables.
    for name in NET_FILES:
        with open(f"/proc/net/{name}", "rb") as src, open(f"{out}/net/{name}", "wb") as dst:
            shutil.copyfileobj(src, dst)
    for name in SYSCTLS:
        with open(f"/proc/sys/net/ipv4/{name}", "rb") as src, open(f"{out}/sys/net/ipv4/{name}", "wb") as dst:
            shutil.copyfileobj(src, dst)


def main():
    scenario, out = sys.argv[1], sys.argv[2]
    sh("ip", "link", "set", "lo", "up")
    children = globals()[f"scenario_{scenario}"]()
    time.sleep(0.5)  # let FIN/ACK exchanges reach TIME_WAIT
    copy_tables(out)
    for pid in children:
        os.kill(pid, 9)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
