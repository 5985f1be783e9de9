#!/usr/bin/env python3
"""scio-search's pager, on a pseudo-terminal: text output to a terminal goes through $SCIO_PAGER,
else $PAGER, else `less -FRX`, with its colour; --no-pager, --format json and output to a pipe
never page. Usage: pager_test.py SCIO_INDEX SCIO_SEARCH CORPUS"""
import os
import pty
import subprocess
import sys
import tempfile

index, search, corpus = sys.argv[1:4]
failures = []


def run_on_pty(args, env):
    """Runs args with stdout (and stdin, stderr) on a new pseudo-terminal; returns what it printed."""
    main, secondary = pty.openpty()
    proc = subprocess.Popen(args, stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True)
    os.close(secondary)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: every process holding the terminal has ended
            break
        if not chunk:
            break
        out += chunk
    proc.wait()
    os.close(main)
    return proc.returncode, out.decode("utf-8", "replace")


def check(what, condition):
    if not condition:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "db")
    subprocess.run([index, "--quiet", "--db", db, corpus], check=True)
    # A pager that says it ran, with its arguments, then shows its input (colour codes included).
    bindir = os.path.join(tmp, "bin")
    os.mkdir(bindir)
    fake_less = os.path.join(bindir, "less")
    with open(fake_less, "w") as f:
        f.write('#!/bin/sh\necho "[less $* LESS=$LESS]"\ncat\n')
    os.chmod(fake_less, 0o755)
    base = {k: v for k, v in os.environ.items() if k not in ("PAGER", "SCIO_PAGER", "LESS", "NO_COLOR")}
    base["PATH"] = bindir + os.pathsep + base.get("PATH", "/usr/bin:/bin")
    base["COLUMNS"] = "80"
    query = [search, "--db", db, "press"]

    code, out = run_on_pty(query, base)
    check("no pager set: less -FRX runs, with LESS=FRX", code == 0 and "[less -FRX LESS=FRX]" in out)
    check("through the pager, the colour survives", "\x1b[" in out)
    check("through the pager, the hits are all there", "t1558711" in out or "content_900" in out)

    code, out = run_on_pty(query, dict(base, PAGER="sh -c 'echo [PAGER]; cat'"))
    check("$PAGER is used when SCIO_PAGER is unset", "[PAGER]" in out and "[less" not in out)

    code, out = run_on_pty(query, dict(base, PAGER="sh -c 'echo [PAGER]; cat'", SCIO_PAGER="sh -c 'echo [SCIO]; cat'"))
    check("$SCIO_PAGER comes before $PAGER", "[SCIO]" in out and "[PAGER]" not in out)

    code, out = run_on_pty(query, dict(base, PAGER=""))
    check("an empty $PAGER turns paging off", "[less" not in out and "\x1b[" in out)

    code, out = run_on_pty(query + ["--no-pager"], base)
    check("--no-pager: no pager, still colour", code == 0 and "[less" not in out and "\x1b[" in out)

    code, out = run_on_pty([search, "--no-pager", "--db", db, "speakers", "-n", "1"], base)
    check("--no-pager works after a command name", code == 0 and "[less" not in out)

    code, out = run_on_pty(query + ["--format", "json"], base)
    check("--format json is never paged", code == 0 and "[less" not in out and '"passage"' in out)

    proc = subprocess.run(query, env=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check("stdout not a terminal: never paged", b"[less" not in proc.stdout and proc.returncode == 0)

    code, out = run_on_pty([search, "--db", db, "zzzunfoundword"], base)
    check("nothing found: exit 1 through the pager too", code == 1)

for f in failures:
    print("FAIL:", f)
print("ok: pager" if not failures else "%d failed" % len(failures))
sys.exit(1 if failures else 0)
