#!/usr/bin/env python3
"""Time to the first complete frame of the browser in a pseudo-terminal.

Runs `zhengce --data BIG.json` in a 120x40 pty (LANG=C: English words) and
measures from spawn to the moment the status line's key hints arrive (the
status line is the last row ratatui writes), then sends q. Repeats N times
per size and prints min / median / max in ms.

    cargo build --release
    scripts/first-frame.py [--runs 5] [--bin target/release/zhengce] 1 300 1000 3000

Sizes are copies of the embedded document (written with
`cargo run --release --example big_corpus`); 1 means the embedded document
itself (no --data).
"""

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

MARKER = b"q quit"


def run_once(binary, data, cols=120, rows=40, timeout=30.0):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"})
        args = [binary] + (["--data", data] if data else [])
        os.execv(binary, args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    # The child may read its size before the ioctl: a resize then redraws,
    # and the marker still arrives with the first complete frame at 120x40.
    start = time.monotonic()
    buf = b""
    asked = 0
    elapsed = None
    while time.monotonic() - start < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        # Answer the ambiguous-width probe's cursor queries (CSI 6n) as a
        # narrow terminal does: the box line leaves the cursor in column 2,
        # the quote in column 3. A terminal that never answers costs the
        # probe's 150 ms cap instead.
        for _ in range(chunk.count(b"\x1b[6n")):
            asked += 1
            os.write(fd, b"\x1b[1;%dR" % (1 + asked))
        buf += chunk
        if MARKER in buf:
            elapsed = time.monotonic() - start
            break
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            select.select([fd], [], [], 0.05)
            os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default="target/release/zhengce")
    ap.add_argument("--dir", default="/tmp/zhengce-first-frame")
    ap.add_argument("copies", nargs="*", type=int, default=[1, 300, 1000, 3000])
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    print(f"{'copies':>7} {'min ms':>8} {'median':>8} {'max':>8}")
    for n in a.copies:
        data = None
        if n > 1:
            data = os.path.join(a.dir, f"big{n}.json")
            if not os.path.exists(data):
                subprocess.run(
                    ["cargo", "run", "-q", "--release", "--example", "big_corpus", "--",
                     data, os.path.join(a.dir, f"big{n}.txt"), str(n)],
                    check=True,
                )
        times = []
        for _ in range(a.runs):
            t = run_once(a.bin, data)
            if t is None:
                print(f"{n}: no complete frame", file=sys.stderr)
                sys.exit(1)
            times.append(t * 1000)
        print(f"{n:>7} {min(times):8.1f} {statistics.median(times):8.1f} {max(times):8.1f}")


if __name__ == "__main__":
    main()
