#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derives the two hand-modified fixtures from real captures:

proc-oddspacing: proc-ipv4/net/{tcp,udp} and proc-ipv6/net/{tcp6,udp6} with the columns
    re-padded: header words one space apart; data lines with no leading padding on even
    lines and five spaces on odd ones, 1, 2 or 3 spaces between columns in turn, and the
    kernel's trailing padding removed. Same sockets, same values.
proc-truncated: proc-ipv4/net/tcp with its last line cut in the middle (half its
    length, no final newline), as a read that stopped early leaves it.
proc-damaged: proc-ipv4 whole, except that net/tcp6 carries udp6's header line (a table
    that is not what its name says) and net/tcp has one malformed line (its third data
    line with the local address's hex digits replaced by 'Z') under a valid header.

Run from tests/data: python3 capture/derive.py
"""

import os


def respace(text):
    lines = text.split("\n")
    out = [" ".join(lines[0].split())]
    for n, line in enumerate(lines[1:]):
        words = line.split()
        if not words:
            continue
        rebuilt = words[0]
        for i, word in enumerate(words[1:]):
            rebuilt += " " * (1 + i % 3) + word
        out.append(("" if n % 2 == 0 else "     ") + rebuilt)
    return "\n".join(out) + "\n"


def main():
    os.makedirs("proc-oddspacing/net", exist_ok=True)
    for source, name in [("proc-ipv4", "tcp"), ("proc-ipv4", "udp"), ("proc-ipv6", "tcp6"), ("proc-ipv6", "udp6")]:
        with open(f"{source}/net/{name}") as f:
            text = f.read()
        with open(f"proc-oddspacing/net/{name}", "w") as f:
            f.write(respace(text))

    os.makedirs("proc-truncated/net", exist_ok=True)
    with open("proc-ipv4/net/tcp") as f:
        text = f.read()
    body, last = text.rstrip("\n").rsplit("\n", 1)
    with open("proc-truncated/net/tcp", "w") as f:
        f.write(body + "\n" + last[: len(last) // 2])

    for directory, _, files in os.walk("proc-ipv4"):
        target = "proc-damaged" + directory[len("proc-ipv4"):]
        os.makedirs(target, exist_ok=True)
        for name in files:
            with open(os.path.join(directory, name), "rb") as f:
                data = f.read()
            with open(os.path.join(target, name), "wb") as f:
                f.write(data)
    with open("proc-ipv4/net/udp6") as f:
        udp6_header = f.read().split("\n", 1)[0]
    with open("proc-ipv4/net/tcp6") as f:
        tcp6_body = f.read().split("\n", 1)[1]
    with open("proc-damaged/net/tcp6", "w") as f:
        f.write(udp6_header + "\n" + tcp6_body)
    with open("proc-ipv4/net/tcp") as f:
        lines = f.read().split("\n")
    colon = lines[3].index(":")
    start = colon + 2
    lines[3] = lines[3][:start] + "Z" * 8 + lines[3][start + 8:]
    with open("proc-damaged/net/tcp", "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
