#!/usr/bin/python3
"""Each thread's share of a core while scio-index runs, sampled every half second from /proc:
which thread sets the wall time (bench/RESULTS.md, 2026-12-01 11:18).

Usage: bench/threads.py SCIO_INDEX DB INPUT
Prints, per sample: seconds since start, cores in use, and the four busiest threads' shares.
"""
import os
import shutil
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, db, source = sys.argv[1:]
    shutil.rmtree(db, ignore_errors=True)
    p = subprocess.Popen([binary, "--db", db, "--quiet", source])
    tick = os.sysconf("SC_CLK_TCK")
    previous, previous_total, t0 = {}, 0.0, time.time()
    while p.poll() is None:
        time.sleep(0.5)
        current = {}
        try:
            for tid in os.listdir(f"/proc/{p.pid}/task"):
                with open(f"/proc/{p.pid}/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                current[tid] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        except FileNotFoundError:
            break
        # The process's own total also counts threads that ended within the half second (the
        # builders of each batch do), whose time the threads still listed no longer show.
        try:
            with open(f"/proc/{p.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total = (int(fields[11]) + int(fields[12])) / tick
        except FileNotFoundError:
            break
        shares = sorted(((current[t] - previous.get(t, 0)) / 0.5 for t in current), reverse=True)
        print(f"{time.time() - t0:6.1f} s  {(total - previous_total) / 0.5:4.2f} cores  "
              + " ".join(f"{s:4.2f}" for s in shares[:4]))
        previous, previous_total = current, total
    print(f"wall {time.time() - t0:.1f} s, exit {p.wait()}")


if __name__ == "__main__":
    main()
