#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derives the two hand-modified fixtures from real captures:

proc-oddspacing: proc-ipv4/net/{tcp,udp} and proc-ipv6/net/{tcp6,udp6} with the columns
    re-padded: header words one space apart; data lines with no leading padding on even
    lines and five spaces on odd ones, 1, 2 or 3 spaces between columns in turn, and the
    kernel's trailing padding removed. Same sockets, same values.
proc-truncated: proc-ipv4/net/tcp with its last line cut in the middle (half its
    length, no final newline), as a read that stopped early leaves it.

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


if __name__ == "__main__":
    main()
