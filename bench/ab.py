#!/usr/bin/python3
"""Alternating wall and CPU times of several indexers over one input, for comparing builds on a
noisy machine: rounds run each binary in turn, so that every one sees the same moments.

Usage: bench/ab.py INPUT ROUNDS NAME=BINARY...
Each BINARY is run as `BINARY --db DB --quiet INPUT` into a fresh DB under /tmp (a script taking
the same arguments can stand for bare Xapian). Prints each run, then each one's medians.
"""
import resource
import shutil
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    source, rounds = sys.argv[1], int(sys.argv[2])
    binaries = dict(a.split("=", 1) for a in sys.argv[3:])
    runs = {name: [] for name in binaries}
    for r in range(rounds):
        for name, binary in binaries.items():
            db = f"/tmp/scio-ab-{name}.db"
            shutil.rmtree(db, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([binary, "--db", db, "--quiet", source], check=False)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            runs[name].append((wall, cpu))
            print(f"{name} round {r}: wall {wall:.2f} s, CPU {cpu:.2f} s", flush=True)
            shutil.rmtree(db, ignore_errors=True)
    for name, v in runs.items():
        print(f"{name}: median wall {statistics.median(w for w, _ in v):.2f} s,"
              f" median CPU {statistics.median(c for _, c in v):.2f} s")


if __name__ == "__main__":
    main()
