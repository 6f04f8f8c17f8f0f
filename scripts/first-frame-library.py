#!/usr/bin/env python3
"""Time to the first complete frame of the browser's document list in a
pseudo-terminal, for a library directory (e.g. 1,000 documents written by
`examples/gen_library.rs` and added with `zhengce --library DIR add`).

Runs `zhengce --library DIR` in a 120x40 pty (LANG=C: English words) and
measures from spawn to the moment the list's status line arrives (the last
row ratatui writes), then sends q. Prints min / median / max in ms.

    cargo build --release
    cargo run --release --example gen_library -- /tmp/g 1000
    target/release/zhengce --library /tmp/g/lib add /tmp/g/docs/*.json
    scripts/first-frame-library.py [--runs 10] [--bin target/release/zhengce] /tmp/g/lib
"""

import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util

spec = importlib.util.spec_from_file_location(
    "first_frame", os.path.join(os.path.dirname(os.path.abspath(__file__)), "first-frame.py")
)
ff = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ff)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--bin", default="target/release/zhengce")
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("library")
    a = ap.parse_args()
    # first-frame.py's run_once passes `--data X`; here the flag is --library.
    times = []
    for _ in range(a.runs):
        t = run_once(a.bin, a.library, a.cols, a.rows)
        if t is None:
            print("no complete frame", file=sys.stderr)
            sys.exit(1)
        times.append(t * 1000)
    print(f"{'docs dir':<30} {'min ms':>8} {'median':>8} {'max':>8}")
    print(f"{a.library:<30} {min(times):8.1f} {statistics.median(times):8.1f} {max(times):8.1f}")


def run_once(binary, library, cols, rows):
    # Reuse first-frame.py's loop with a wrapper binary argument list.
    orig = os.execv

    def execv(path, args):
        orig(path, [binary, "--library", library])

    os.execv = execv
    try:
        return ff.run_once(binary, None, cols, rows)
    finally:
        os.execv = orig


if __name__ == "__main__":
    main()
