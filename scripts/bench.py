"""scio benchmark: indexing and query latency next to SQLite FTS5 and omindex, same inputs, one run.

Run through scripts/bench. Every figure for a peer is also printed as a ratio to scio's, because
these machines are noisy: only ratios from the same run are comparable.
"""
import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import time

import xapian
import zstandard

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "corpus")
INDEX = os.path.join(ROOT, "build", "indexer", "scio-index")
SEARCH = os.path.join(ROOT, "build", "searcher", "scio-search")
QUERY_BENCH = os.path.join(ROOT, "build", "bench", "scio-query-bench")


def du(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total if os.path.isdir(path) else os.path.getsize(path)


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time: wall seconds, CPU seconds, peak RSS in MB."""
    fmt = "%e %U %S %M"
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", fmt] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, **kw)
    wall = time.perf_counter() - t0
    last = p.stderr.strip().splitlines()[-1].split()
    _, user, system, rss_kb = last
    if p.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd[:3])} failed ({p.returncode}): {p.stderr[-500:]}")
    return {"wall_s": wall, "cpu_s": float(user) + float(system), "peak_rss_mb": int(rss_kb) / 1024}


# The value slot of a passage's record, its JSON in one zstd frame made with the dictionary the
# database holds (core/schema.h: k_slot_record, k_meta_record_dictionary).
RECORD_SLOT = 7
RECORD_DICTIONARY = "scio:record-dictionary"


def record_reader(dictionary):
    """What reads a database's records: record_json(doc, record_reader(db.get_metadata(...)))."""
    return zstandard.ZstdDecompressor(dict_data=zstandard.ZstdCompressionDict(dictionary))


def record_json(doc, reader):
    """A scio document's record, the JSON object that search results are made of."""
    return json.loads(reader.decompress(doc.get_value(RECORD_SLOT)))


def scio_passages(db):
    d = xapian.Database(db)
    reader = record_reader(d.get_metadata(RECORD_DICTIONARY))
    out = []
    for i in range(1, d.get_lastdocid() + 1):
        try:
            doc = d.get_document(i)
        except xapian.DocNotFoundError:
            continue
        out.append(record_json(doc, reader))
    return out


def fts5_load(passages, path):
    if os.path.exists(path):
        os.remove(path)
    t0 = time.perf_counter()
    c0 = time.process_time()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE VIRTUAL TABLE p USING fts5(passage UNINDEXED, speaker, title, held UNINDEXED, text,"
                " tokenize='porter unicode61')")
    con.executemany("INSERT INTO p VALUES (?,?,?,?,?)",
                    ((x["passage"], x["speaker"], x["title"], x["held"], x["text"]) for x in passages))
    con.commit()
    con.execute("INSERT INTO p(p) VALUES('optimize')")
    con.commit()
    con.close()
    return {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, "size": du(path)}


# scio-index's XAPIAN_FLUSH_THRESHOLD (indexer/index_writer.h), read from the source: the floor is
# measured at Xapian's default and at this one.
with open(os.path.join(ROOT, "indexer", "index_writer.h"), encoding="utf-8") as _f:
    SCIO_FLUSH = int(re.search(r'k_flush_threshold = "(\d+)"', _f.read()).group(1))


def xapian_bare(passages, path, sizes=True, flush=None):
    """Xapian's own floor: the passages' text alone through TermGenerator (STEM_SOME, positions, as
    scio) and add_document, one commit at the default flush threshold (with flush: flushing every
    flush documents in one transaction, so that a flush is not also a commit); no fields, terms,
    values or data. It runs in a process of its own, as scio-index does, so that
    nothing of this one (the passage dicts, FTS5's load) weighs on it, and right after scio's first
    run, so that the two see the same machine (issue 17: run last, it was compared with a scio run
    minutes earlier)."""
    shutil.rmtree(path, ignore_errors=True)
    texts = path + ".texts"
    with open(texts, "w", encoding="utf-8") as f:
        for x in passages:
            f.write(json.dumps(x["text"]) + "\n")
    env = dict(os.environ, XAPIAN_FLUSH_THRESHOLD=str(flush)) if flush else None
    p = subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--bare-floor", texts, path]
                       + (["--transaction"] if flush else []), stdout=subprocess.PIPE, text=True, check=True, env=env)
    os.remove(texts)
    out = json.loads(p.stdout)
    out["size"] = du(path)
    if not sizes:
        shutil.rmtree(path, ignore_errors=True)
        return out
    # Its size compacted, and without termlists: the least any Xapian index of these passages takes.
    lean = path + ".compact"
    shutil.rmtree(lean, ignore_errors=True)
    subprocess.run(["xapian-compact", "--multipass", path, lean], stdout=subprocess.DEVNULL, check=True)
    out["compact_size"] = du(lean)
    out["compact_no_termlist_size"] = du(lean) - du(os.path.join(lean, "termlist.glass"))
    shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(lean, ignore_errors=True)
    return out


def bare_floor_child(texts, path, transaction=False):
    """The floor's own process: reads the texts, then times only the indexing (scio's time includes
    reading and parsing its inputs, so the floor is if anything favoured) and prints it as JSON.
    In a transaction, Xapian's flushes write postings to the tables without committing each time
    (outside one, every flush is a commit), as in scio-index's batches."""
    with open(texts, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    t0 = time.perf_counter()
    c0 = time.process_time()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OPEN)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    if transaction:
        db.begin_transaction()
    for text in docs:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)
        db.add_document(doc)
    if transaction:
        db.commit_transaction()
    else:
        db.commit()
    db.close()
    print(json.dumps({"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0}))


def make_query_log(passages, n, seed):
    """One to three words across the frequency range, phrases, speaker- and date-filtered queries."""
    rng = random.Random(seed)
    freq = {}
    for x in passages[:50000]:
        for w in set(re.findall(r"[a-z]{3,}", x["text"].lower())):
            freq[w] = freq.get(w, 0) + 1
    words = sorted(freq, key=lambda w: (-freq[w], w))
    bands = [words[10:200], words[200:2000], words[2000:20000] or words[200:2000]]
    speakers = sorted({x["speaker"] for x in passages if x["kind"] == "official" and x["speaker"]})
    years = sorted({x["held"][:4] for x in passages if x["held"]})
    log = []
    while len(log) < n:
        kind = len(log) % 6
        if kind < 3:
            q = {"terms": [rng.choice(rng.choice(bands)) for _ in range(kind + 1)]}
        elif kind == 3:
            text = rng.choice(passages)["text"]
            ws = re.findall(r"[A-Za-z]+", text)
            if len(ws) < 4:
                continue
            i = rng.randrange(len(ws) - 2)
            q = {"terms": ws[i:i + 2], "phrase": True}
        elif kind == 4:
            q = {"terms": [rng.choice(bands[1])], "speaker": rng.choice(speakers)}
        else:
            y = rng.choice(years)
            q = {"terms": [rng.choice(bands[0] + bands[1])], "since": f"{y}-01-01", "until": f"{y}-12-31"}
        log.append(q)
    return log


def scio_argv(db, q, command=()):
    argv = [SEARCH, "--db", db, *command, "-n", "10", "--format", "json", "--color", "never"]
    if "speaker" in q:
        argv += ["--speaker", q["speaker"]]
    if "since" in q:
        argv += ["--since", q["since"], "--until", q["until"]]
    text = " ".join(q["terms"])
    return argv + ([f'"{text}"'] if q.get("phrase") else q["terms"])


def fts5_sql(q):
    match = '"' + " ".join(q["terms"]) + '"' if q.get("phrase") else " ".join(f'"{t}"' for t in q["terms"])
    if "speaker" in q:
        match = f'({match}) AND speaker:"{q["speaker"]}"'
    where = "p MATCH ?"
    params = [match]
    if "since" in q:
        where += " AND held BETWEEN ? AND ?"
        params += [q["since"], q["until"]]
    sql = f"SELECT passage, bm25(p), snippet(p, 4, '[', ']', '...', 12) FROM p WHERE {where} ORDER BY bm25(p) LIMIT 10"
    return sql, params


def pct(values):
    v = sorted(values)
    def at(p):
        return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] * 1000
    return {"p50_ms": at(50), "p95_ms": at(95), "p99_ms": at(99)}


def time_commands(argvs):
    """p50/p95/p99 of running each command in turn, process start included."""
    times = []
    for argv in argvs:
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return pct(times)


def latency_scio_cmd(db, log, command=()):
    return time_commands(scio_argv(db, q, command) for q in log)


def latency_start_only(argv, n=100):
    """A command that starts and does nothing: the floor under every per-command figure."""
    return time_commands([argv] * n)


def latency_sqlite_cli(path, log):
    def argv(q):
        sql, params = fts5_sql(q)
        for p in params:
            sql = sql.replace("?", "'" + p.replace("'", "''") + "'", 1)
        return ["sqlite3", path, sql]
    return time_commands(argv(q) for q in log)


def latency_fts5_inprocess(path, log):
    con = sqlite3.connect(path)
    times = []
    for q in log:
        sql, params = fts5_sql(q)
        t0 = time.perf_counter()
        con.execute(sql, params).fetchall()
        times.append(time.perf_counter() - t0)
    return pct(times)


def latency_scio_inprocess(db, log, workdir, exchanges=False):
    if not os.path.exists(QUERY_BENCH):
        return None
    path = os.path.join(workdir, "querylog.json")
    with open(path, "w") as f:
        json.dump(log, f)
    p = subprocess.run([QUERY_BENCH, db, path] + (["exchanges"] if exchanges else []), capture_output=True, text=True,
                       check=True)
    out = json.loads(p.stdout)
    out["slowest"] = [l for l in p.stderr.splitlines() if l.startswith("slow: ")]
    return out


def known_item(db, fts_path, passages, seed, n=200):
    """Known-item ranking: n random passages; from each, 4 consecutive words of its text, searched
    alone and with a phrase of 2 consecutive words of its conference's title (title:"a b"), by
    scio-search and by FTS5 (bm25) over the same passages. Where the passage ranks: first, in the
    top 10, and the mean reciprocal rank (MRR, 0 beyond the top 10). The titled queries check that
    a title phrase ranks as it should (issue 17: its positions are kept once per conference)."""
    rng = random.Random(seed)
    pool = [x for x in passages
            if len(re.findall(r"[A-Za-z]{2,}", x["text"])) >= 8 and len(re.findall(r"[A-Za-z]{2,}", x["title"])) >= 2]
    sample = []
    for x in rng.sample(pool, min(n, len(pool))):
        ws = re.findall(r"[A-Za-z]{2,}", x["text"])
        i = rng.randrange(len(ws) - 3)
        ts = re.findall(r"[A-Za-z]{2,}", x["title"])
        j = rng.randrange(len(ts) - 1)
        sample.append((ws[i:i + 4], ts[j:j + 2], x["passage"]))
    con = sqlite3.connect(fts_path)
    out = {"queries": len(sample), "examples": [" ".join(w) + f' / title:"{" ".join(t)}"' for w, t, _ in sample[:3]]}

    def score(name, ids, passage):
        rank = ids.index(passage) + 1 if passage in ids else 0
        out[name + "_first"] = out.get(name + "_first", 0) + (rank == 1)
        out[name + "_top10"] = out.get(name + "_top10", 0) + (rank > 0)
        out[name + "_mrr"] = out.get(name + "_mrr", 0.0) + (1 / rank if rank else 0) / len(sample)

    for words, title, passage in sample:
        for name, query, match in (
                ("words", words, " AND ".join(f'"{w}"' for w in words)),
                ("titled", [f'title:"{" ".join(title)}"'] + words,
                 f'title : "{" ".join(title)}" AND ' + " AND ".join(f'"{w}"' for w in words))):
            got = subprocess.run([SEARCH, "--db", db, "-n", "10", "--format", "json", "--color", "never", *query],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
            score("scio_" + name, [json.loads(l)["passage"] for l in got.splitlines() if l.startswith("{")], passage)
            score("fts5_" + name, [r[0] for r in con.execute(
                "SELECT passage FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT 10", [match])], passage)
    con.close()
    return out


def known_item_rows(k):
    rows = [f"-- known item: {k['queries']} passages, 4 words of each, alone and with title:\"2 words\" (MRR over the top 10)",
            f"{'':28}{'scio first':>12}{'top 10':>8}{'MRR':>7}{'FTS5 first':>12}{'top 10':>8}{'MRR':>7}"]
    for name in ("words", "titled"):
        rows.append(f"{name:28}{k['scio_' + name + '_first']:12}{k['scio_' + name + '_top10']:8}"
                    f"{k['scio_' + name + '_mrr']:7.3f}{k['fts5_' + name + '_first']:12}"
                    f"{k['fts5_' + name + '_top10']:8}{k['fts5_' + name + '_mrr']:7.3f}")
    return rows


def pick_trend_words(passages, seed):
    """A common word (about the 20th most frequent of three letters or more) and a rare phrase (two
    words found together in two to five passages), the same on every run."""
    rng = random.Random(seed)
    freq = {}
    for x in passages[:50000]:
        for w in set(re.findall(r"[a-z]{3,}", x["text"].lower())):
            freq[w] = freq.get(w, 0) + 1
    common = sorted(freq, key=lambda w: (-freq[w], w))[20]
    texts = [x["text"].lower() for x in passages]
    phrase = None
    for _ in range(200):
        ws = re.findall(r"[a-z]{4,}", rng.choice(texts))
        if len(ws) < 2:
            continue
        i = rng.randrange(len(ws) - 1)
        cand = ws[i] + " " + ws[i + 1]
        n = sum(1 for t in texts if cand in t)
        if 2 <= n <= 5:
            phrase = cand
            break
    return common, phrase or common


def bench_trends(db, fts, passages, seed, runs=3):
    """timeline (passages, occurrences and words per month) of a common word and a rare phrase, the
    same passages per month counted by FTS5 (GROUP BY month over the MATCH, in process: no
    occurrences, no words), and kwic of the common word (every occurrence found and sorted). Medians
    of wall and of CPU seconds: on a loaded machine the CPU figures are the ones to compare."""
    common, phrase = pick_trend_words(passages, seed)
    con = sqlite3.connect(fts)

    def fts5_month(match):
        wall, cpu = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            con.execute("SELECT substr(held, 1, 7) AS m, count(*) FROM p WHERE p MATCH ? GROUP BY m", [match]).fetchall()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return {"wall_s": statistics.median(wall), "cpu_s": statistics.median(cpu)}

    def command(argv):
        runs_ = [timed(argv) for _ in range(runs)]
        return {k: statistics.median(r[k] for r in runs_) for k in ("wall_s", "cpu_s", "peak_rss_mb")}

    base = [SEARCH, "--db", db]
    return {
        "common_word": common, "rare_phrase": phrase,
        "timeline_common": command(base + ["timeline", "--by", "month", "--format", "csv", common]),
        "fts5_month_common": fts5_month(f'"{common}"'),
        "timeline_phrase": command(base + ["timeline", "--by", "month", "--format", "csv", f'"{phrase}"']),
        "fts5_month_phrase": fts5_month(f'"{phrase}"'),
        "kwic_common": command(base + ["kwic", "-n", "25", "--color", "never", common]),
    }


def small_ratio(a, b):
    """a / b to three significant digits: FTS5's month counts of a rare phrase take well under 1% of scio's time."""
    return f"{a / b:.3g}x" if b else "-"


def trend_rows(t):
    """The rows of bench_trends: scio's wall and CPU seconds, FTS5's, and FTS5/scio by CPU."""
    rows = [f"-- timeline by month and kwic (median s; FTS5 in process, passages per month only)",
            f"{'':34}{'scio wall':>10}{'scio CPU':>10}{'FTS5 wall':>10}{'FTS5 CPU':>10}{'FTS5/scio CPU':>15}"]
    for label, ours, theirs in ((f"timeline {t['common_word']!r}", t["timeline_common"], t["fts5_month_common"]),
                                (f"timeline \"{t['rare_phrase']}\"", t["timeline_phrase"], t["fts5_month_phrase"]),
                                (f"kwic {t['common_word']!r} -n 25", t["kwic_common"], None)):
        rows.append(f"{label:34}{ours['wall_s']:10.3f}{ours['cpu_s']:10.3f}"
                    + (f"{theirs['wall_s']:10.3f}{theirs['cpu_s']:10.3f}{small_ratio(theirs['cpu_s'], ours['cpu_s']):>15}"
                       if theirs else ""))
    return rows


def bench_updates_and_shards(db, inputs, files, shards, passages):
    """Adding 10% new conferences to an index of the rest; the same inputs into shards, compacted.
    The shards are left at db + ".shards" for the latency runs."""
    # 10% new files into an existing index of the other 90%: hard links in a folder of their own
    # (a large corpus has more files than a command line holds).
    inc_db = db + ".inc"
    inc_in = db + ".inc-input"
    shutil.rmtree(inc_db, ignore_errors=True)
    shutil.rmtree(inc_in, ignore_errors=True)
    cut = len(files) - max(1, len(files) // 10)

    def link(chosen):
        for i, f in chosen:
            os.makedirs(os.path.join(inc_in, str(i // 1000)), exist_ok=True)
            os.link(f, os.path.join(inc_in, str(i // 1000), os.path.basename(f)))
    link(list(enumerate(files))[:cut])
    subprocess.run([INDEX, "--db", inc_db, "--quiet", inc_in], check=False)
    link(list(enumerate(files))[cut:])
    incremental = timed([INDEX, "--db", inc_db, "--quiet", inc_in])
    shutil.rmtree(inc_in, ignore_errors=True)

    # The same inputs into one shard per core, written in parallel, then merged into one database.
    sharded = db + ".shards"
    merged = db + ".merged"
    shutil.rmtree(sharded, ignore_errors=True)
    shutil.rmtree(merged, ignore_errors=True)
    sharded_run = timed([INDEX, "--db", sharded, "--shards", str(shards), "--quiet"] + inputs)
    merge_run = timed([INDEX, "compact", "--db", sharded, merged])
    sharded_run.update(shards=shards, size=du(sharded), passages_per_s=len(passages) / sharded_run["wall_s"])
    merge_run["size"] = du(merged)
    return incremental, sharded_run, merge_run


# scio-index against bare Xapian, run one after the other this many times: the two are compared
# by their medians (and pair by pair). One pair is not enough on a shared 2-core VM, where the same
# binary's time varies by half between runs and a single thread's speed depends on the core it
# lands on.
FLOOR_PAIRS = 3


def floor_pairs(first, passages, inputs, db, path):
    """Xapian's floor (xapian_bare) right after scio's first run, then FLOOR_PAIRS - 1 more rounds
    (scio into a scratch database, then the floor): both medians and each pair's ratio. Each round
    also times the floor at scio's flush threshold (SCIO_FLUSH), the floor scio would have if
    Xapian's default were its own, in one transaction (scio-index's flushes are within its
    batches' transactions): a setting is not an indexer's merit, and this says how much of scio's
    lead is one."""
    bare = xapian_bare(passages, path)
    scio_runs, floor_runs = [first], [bare]
    matched = [xapian_bare(passages, path, sizes=False, flush=SCIO_FLUSH)]
    scratch = db + ".again"
    for _ in range(FLOOR_PAIRS - 1):
        shutil.rmtree(scratch, ignore_errors=True)
        scio_runs.append(timed([INDEX, "--db", scratch, "--quiet"] + inputs))
        floor_runs.append(xapian_bare(passages, path, sizes=False))
        matched.append(xapian_bare(passages, path, sizes=False, flush=SCIO_FLUSH))
    shutil.rmtree(scratch, ignore_errors=True)
    return dict(bare, wall_s=statistics.median(x["wall_s"] for x in floor_runs),
                cpu_s=statistics.median(x["cpu_s"] for x in floor_runs),
                scio_wall_s=statistics.median(x["wall_s"] for x in scio_runs),
                pair_ratios=[s["wall_s"] / f["wall_s"] for s, f in zip(scio_runs, floor_runs)],
                floor_walls=[x["wall_s"] for x in floor_runs], scio_walls=[x["wall_s"] for x in scio_runs],
                same_flush=dict(flush=SCIO_FLUSH, wall_s=statistics.median(x["wall_s"] for x in matched),
                                cpu_s=statistics.median(x["cpu_s"] for x in matched),
                                walls=[x["wall_s"] for x in matched],
                                pair_ratios=[s["wall_s"] / f["wall_s"] for s, f in zip(scio_runs, matched)]))


def bench_corpus(name, inputs, files, work, log_size, seed, results, lean=False):
    db = os.path.join(work, name + ".db")
    shutil.rmtree(db, ignore_errors=True)
    in_bytes = sum(os.path.getsize(f) for f in files)
    first = timed([INDEX, "--db", db, "--quiet"] + inputs)
    passages = scio_passages(db)
    bare = None if lean else floor_pairs(first, passages, inputs, db, os.path.join(work, name + ".bare"))
    again = timed([INDEX, "--db", db, "--quiet"] + inputs)
    compact = db + ".compact"
    shutil.rmtree(compact, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run(["xapian-compact", "--multipass", db, compact], stdout=subprocess.DEVNULL, check=True)
    compact_s = time.perf_counter() - t0
    read_only = db + ".read-only"
    shutil.rmtree(read_only, ignore_errors=True)
    subprocess.run([INDEX, "compact", "--read-only", "--db", db, read_only], stderr=subprocess.DEVNULL, check=True)

    incremental = sharded_run = merge_run = omindex = None
    shards = max(2, os.cpu_count() or 2)
    sharded = db + ".shards"
    if not lean:
        incremental, sharded_run, merge_run = bench_updates_and_shards(db, inputs, files, shards, passages)
    fts = fts5_load(passages, os.path.join(work, name + ".fts5.sqlite"))
    omega_db = os.path.join(work, name + ".omega")
    shutil.rmtree(omega_db, ignore_errors=True)
    if shutil.which("omindex") and not lean:
        omindex = timed(["omindex", "--db", omega_db, "--url", "/", "--mime-type=shtml:text/html",
                         "--mime-type=txt:text/plain", inputs[0]])
        omindex["size"] = du(omega_db)

    r = {
        "input_mb": in_bytes / 1e6, "files": len(files), "passages": len(passages),
        "scio": dict(first, mb_per_s=in_bytes / 1e6 / first["wall_s"], passages_per_s=len(passages) / first["wall_s"],
                     size=du(db), compact_size=du(compact), compact_s=compact_s, read_only_size=du(read_only),
                     position_size=du(os.path.join(compact, "position.glass")),
                     size_ratio_to_input=du(compact) / in_bytes),
        "scio_rerun_unchanged": again,
        "scio_sharded": sharded_run,
        "scio_sharded_compact": merge_run,
        "scio_add_10pct": incremental,
        "fts5": dict(fts, passages_per_s=len(passages) / fts["wall_s"]),
        "omindex": omindex,
        "xapian_bare": bare and dict(bare, passages_per_s=len(passages) / bare["wall_s"]),
    }
    if log_size:
        log = make_query_log(passages, log_size, seed)
        r["queries"] = len(log)
        r["latency"] = {
            "scio_command": latency_scio_cmd(compact, log) if os.path.exists(SEARCH) else None,
            "sqlite3_cli_fts5": latency_sqlite_cli(fts5_path(work, name), log),
            "scio_inprocess": latency_scio_inprocess(compact, log, work),
            # The same queries ranking exchanges (a question and its answer) instead of passages.
            "scio_exchanges_command": latency_scio_cmd(compact, log, ("exchanges",)) if os.path.exists(SEARCH) else None,
            "scio_exchanges_inprocess": latency_scio_inprocess(compact, log, work, exchanges=True),
            f"scio_command_{shards}_shards": latency_scio_cmd(sharded, log) if sharded_run else None,
            f"scio_inprocess_{shards}_shards": latency_scio_inprocess(sharded, log, work) if sharded_run else None,
            "fts5_inprocess": latency_fts5_inprocess(fts5_path(work, name), log),
            "scio_search_start_only": latency_start_only([SEARCH, "--version"]) if os.path.exists(SEARCH) else None,
            "sqlite3_start_only": latency_start_only(["sqlite3", ":memory:", "select 1"]),
        }
        if os.path.exists(SEARCH):
            r["known_item"] = known_item(compact, fts5_path(work, name), passages, seed)
            r["trends"] = bench_trends(compact, fts5_path(work, name), passages, seed)
    results[name] = r


def fts5_path(work, name):
    return os.path.join(work, name + ".fts5.sqlite")


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "-"


def print_table(results):
    rows = []
    for name, r in results.items():
        s, f, o = r["scio"], r["fts5"], r["omindex"]
        rows.append(f"\n== {name}: {r['files']} files, {r['input_mb']:.1f} MB, {r['passages']} passages")
        rows.append(f"{'':28}{'scio':>12}{'FTS5':>12}{'FTS5/scio':>11}{'omindex':>12}{'omindex/scio':>14}")
        rows.append(f"{'index wall s':28}{s['wall_s']:12.1f}{f['wall_s']:12.1f}{ratio(f['wall_s'], s['wall_s']):>11}"
                    f"{(o['wall_s'] if o else 0):12.1f}{ratio(o['wall_s'] if o else 0, s['wall_s']):>14}")
        rows.append(f"{'index CPU s':28}{s['cpu_s']:12.1f}{f['cpu_s']:12.1f}{ratio(f['cpu_s'], s['cpu_s']):>11}"
                    f"{(o['cpu_s'] if o else 0):12.1f}{ratio(o['cpu_s'] if o else 0, s['cpu_s']):>14}")
        rows.append(f"{'passages/s':28}{s['passages_per_s']:12.0f}{f['passages_per_s']:12.0f}"
                    f"{ratio(f['passages_per_s'], s['passages_per_s']):>11}")
        rows.append(f"{'MB/s of input':28}{s['mb_per_s']:12.2f}")
        b = r.get("xapian_bare")
        if b:
            rows.append(f"{'bare Xapian, text only: s':28}{b['wall_s']:12.1f}   ({b['passages_per_s']:.0f} passages/s,"
                        f" CPU {b['cpu_s']:.1f} s: TermGenerator + add_document alone, one thread, its own process)")
            if "scio_wall_s" in b:
                n = len(b["pair_ratios"])
                rows.append(f"{'  scio / bare, medians':28}{b['scio_wall_s'] / b['wall_s']:12.2f}x  ({n} pairs, scio then bare:"
                            f" scio {b['scio_wall_s']:.1f} s, bare {b['wall_s']:.1f} s; pair by pair "
                            + ", ".join(f"{x:.2f}x" for x in b["pair_ratios"]) + ")")
            m = b.get("same_flush")
            if m:
                rows.append(f"{'  bare, flush ' + str(m['flush']) + ': s':28}{m['wall_s']:12.1f}   (CPU {m['cpu_s']:.1f} s,"
                            f" Xapian flushing as scio-index does, in one transaction: scio / it {b['scio_wall_s'] / m['wall_s']:.2f}x;"
                            " pair by pair " + ", ".join(f"{x:.2f}x" for x in m["pair_ratios"]) + ")")
        rows.append(f"{'peak RSS MB':28}{s['peak_rss_mb']:12.0f}{'':12}{'':11}{(o['peak_rss_mb'] if o else 0):12.0f}")
        rows.append(f"{'index MB (compacted)':28}{s['compact_size'] / 1e6:12.1f}{f['size'] / 1e6:12.1f}"
                    f"{ratio(f['size'], s['compact_size']):>11}{(o['size'] / 1e6 if o else 0):12.1f}"
                    f"{ratio(o['size'] if o else 0, s['compact_size']):>14}")
        rows.append(f"{'  read-only (no termlists)':28}{s['read_only_size'] / 1e6:12.1f}{f['size'] / 1e6:12.1f}"
                    f"{ratio(f['size'], s['read_only_size']):>11}   (positions alone: {s['position_size'] / 1e6:.1f} MB)")
        if b:
            rows.append(f"{'  bare Xapian, text only':28}{b['compact_size'] / 1e6:12.1f}{f['size'] / 1e6:12.1f}"
                        f"{ratio(f['size'], b['compact_size']):>11}   (no termlists: {b['compact_no_termlist_size'] / 1e6:.1f} MB)")
        rows.append(f"{'index MB (before compact)':28}{s['size'] / 1e6:12.1f}   (xapian-compact took {s['compact_s']:.1f} s)")
        sh, shc = r["scio_sharded"], r["scio_sharded_compact"]
        if sh and shc:
            rows.append(f"{'index, ' + str(sh['shards']) + ' shards: wall s':28}{sh['wall_s']:12.1f}{f['wall_s']:12.1f}"
                        f"{ratio(f['wall_s'], sh['wall_s']):>11}   (CPU {sh['cpu_s']:.1f} s, peak RSS {sh['peak_rss_mb']:.0f} MB,"
                        f" {sh['passages_per_s']:.0f} passages/s"
                        + (f", {sh['wall_s'] / b['wall_s']:.2f}x bare Xapian's median" if b else "") + ")")
            rows.append(f"{'  + compact into one: s':28}{shc['wall_s']:12.1f}   ({shc['size'] / 1e6:.1f} MB;"
                        f" shards + compact {(sh['wall_s'] + shc['wall_s']) / s['wall_s']:.2f}x one database's time)")
        rows.append(f"{'re-run, unchanged: wall s':28}{r['scio_rerun_unchanged']['wall_s']:12.2f}"
                    f"   ({r['scio_rerun_unchanged']['wall_s'] / s['wall_s']:.1%} of the first run)")
        if r["scio_add_10pct"]:
            rows.append(f"{'add 10% new: wall s':28}{r['scio_add_10pct']['wall_s']:12.2f}"
                        f"   (peak RSS {r['scio_add_10pct']['peak_rss_mb']:.0f} MB)")
        lat = r.get("latency")
        if lat:
            rows.append(f"-- query latency over {r['queries']} queries (ms)")
            for key, v in lat.items():
                if v:
                    rows.append(f"{key:28}p50 {v['p50_ms']:8.2f}  p95 {v['p95_ms']:8.2f}  p99 {v['p99_ms']:8.2f}")
            for line in (lat.get("scio_inprocess") or {}).get("slowest", [])[:3]:
                rows.append(f"  {line}")
            a, b = lat.get("scio_command"), lat.get("sqlite3_cli_fts5")
            if a and b:
                rows.append(f"{'sqlite3 CLI / scio-search':28}p50 {ratio(b['p50_ms'], a['p50_ms']):>8}  "
                            f"p95 {ratio(b['p95_ms'], a['p95_ms']):>8}  p99 {ratio(b['p99_ms'], a['p99_ms']):>8}")
        if r.get("known_item"):
            rows += known_item_rows(r["known_item"])
        t = r.get("trends")
        if t:
            rows += trend_rows(t)
    gens = [(n, r) for n, r in results.items() if n.startswith("gen-")]
    if gens:
        rows.append("\n== growth with size (synthetic corpora)")
        rows.append(f"{'corpus':12}{'MB':>8}{'passages':>10}{'CPU us/passage':>16}{'peak RSS MB':>13}"
                    f"{'in-process p99 ms':>19}{'command p99 ms':>16}")
        for n, r in gens:
            lat = r.get("latency") or {}
            rows.append(f"{n:12}{r['input_mb']:8.0f}{r['passages']:10}{r['scio']['cpu_s'] / r['passages'] * 1e6:16.0f}"
                        f"{r['scio']['peak_rss_mb']:13.0f}{(lat.get('scio_inprocess') or {}).get('p99_ms', 0):19.2f}"
                        f"{(lat.get('scio_command') or {}).get('p99_ms', 0):16.2f}")
    print("\n".join(rows))


CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{6,}")


def bench_chinese(work, seed, results, n=150):
    """Chinese known-item search and indexing, next to SQLite FTS5 with its trigram tokenizer.

    The Foreign Ministry's Chinese pages (mfa-zh-html) indexed by scio-index; the same passages
    (scio's, read back) loaded into FTS5 trigram. n random passages, from each a run of 6-12
    consecutive Chinese characters (no punctuation inside, as a user pastes part of a quote),
    searched as typed by scio-search and as a phrase by FTS5: how often the passage is first and
    in the top 10. A run found in several passages cannot be first in all: counted apart."""
    pages = os.path.join(work, "mfa-zh-html")
    if not os.path.isdir(os.path.join(pages, "page")):
        with tarfile.open(os.path.join(SHARED, "mfa-zh-html.tar.xz")) as t:
            t.extractall(pages)
    inputs = [os.path.join(pages, "page")]
    files = [os.path.join(inputs[0], f) for f in os.listdir(inputs[0])]
    db = os.path.join(work, "mfa-zh.db")
    shutil.rmtree(db, ignore_errors=True)
    scio = timed([INDEX, "--db", db, "--quiet"] + inputs)  # exit 1: a few pages are no transcript
    scio["size"] = du(db)
    compact = db + ".compact"
    shutil.rmtree(compact, ignore_errors=True)
    subprocess.run(["xapian-compact", "--multipass", db, compact], stdout=subprocess.DEVNULL, check=True)
    scio["compact_size"] = du(compact)
    shutil.rmtree(compact, ignore_errors=True)
    passages = scio_passages(db)
    path = os.path.join(work, "mfa-zh.trigram.sqlite")
    if os.path.exists(path):
        os.remove(path)
    t0, c0 = time.perf_counter(), time.process_time()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE VIRTUAL TABLE p USING fts5(passage UNINDEXED, text, tokenize='trigram')")
    con.executemany("INSERT INTO p VALUES (?,?)", ((x["passage"], x["text"]) for x in passages))
    con.commit()
    con.execute("INSERT INTO p(p) VALUES('optimize')")
    con.commit()
    fts = {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, "size": du(path)}

    results["mfa-zh-html"] = {
        "files": len(files), "in_bytes": sum(os.path.getsize(f) for f in files), "passages": len(passages),
        "scio": scio, "fts5_trigram": fts, "known_item": chinese_known_item(db, path, passages, seed, n)}


def chinese_known_item(db, fts_path, passages, seed, n):
    """The known-item half of bench_chinese, over a scio database and its FTS5 trigram copy."""
    rng = random.Random(seed)
    pool = [x for x in passages if any(len(m) >= 6 for m in CJK_RUN.findall(x["text"]))]
    texts = [x["text"] for x in passages]
    sample = []
    for x in rng.sample(pool, min(n, len(pool))):
        run = rng.choice([m for m in CJK_RUN.findall(x["text"]) if len(m) >= 6])
        length = rng.randint(6, min(12, len(run)))
        start = rng.randrange(len(run) - length + 1)
        query = run[start:start + length]
        sample.append((query, x["passage"], sum(query in t for t in texts)))
    con = sqlite3.connect(fts_path)
    out = {"queries": len(sample), "in_several_passages": sum(1 for s in sample if s[2] > 1),
           "scio_first": 0, "scio_top10": 0, "fts5_trigram_first": 0, "fts5_trigram_top10": 0,
           "unique_scio_first": 0, "unique_fts5_trigram_first": 0, "examples": [s[0] for s in sample[:5]]}
    for query, passage, holders in sample:
        got = subprocess.run([SEARCH, "--db", db, "-n", "10", "--format", "json", "--color", "never", query],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        scio_ids = [json.loads(line)["passage"] for line in got.splitlines() if line.startswith("{")]
        fts_ids = [r[0] for r in con.execute("SELECT passage FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10",
                                             ['"' + query + '"'])]
        for name, ids in (("scio", scio_ids), ("fts5_trigram", fts_ids)):
            first = bool(ids) and ids[0] == passage
            out[name + "_first"] += first
            out[name + "_top10"] += passage in ids
            out["unique_" + name + "_first"] += first and holders == 1
    con.close()
    return out


def print_chinese(r):
    s, f, k = r["scio"], r["fts5_trigram"], r["known_item"]
    print(f"\n== mfa-zh-html: {r['files']} files, {r['in_bytes'] / 1e6:.1f} MB, {r['passages']} passages")
    print(f"{'':28}{'scio':>12}{'FTS5 tri':>12}{'FTS5/scio':>11}")
    print(f"{'index wall s':28}{s['wall_s']:12.2f}{f['wall_s']:12.2f}{ratio(f['wall_s'], s['wall_s']):>11}")
    print(f"{'index CPU s':28}{s['cpu_s']:12.2f}{f['cpu_s']:12.2f}{ratio(f['cpu_s'], s['cpu_s']):>11}")
    print(f"{'size MB':28}{s['size'] / 1e6:12.1f}{f['size'] / 1e6:12.1f}{ratio(f['size'], s['size']):>11}")
    print(f"{'size MB, scio compacted':28}{s['compact_size'] / 1e6:12.1f}{f['size'] / 1e6:12.1f}"
          f"{ratio(f['size'], s['compact_size']):>11}")
    print(f"-- known item: {k['queries']} runs of 6-12 characters ({k['in_several_passages']} found in several passages)")
    print(f"{'passage first':28}{k['scio_first']:12}{k['fts5_trigram_first']:12}")
    unique = k["queries"] - k["in_several_passages"]
    print(f"{'  of the ' + str(unique) + ' in one passage':28}{k['unique_scio_first']:12}"
          f"{k['unique_fts5_trigram_first']:12}")
    print(f"{'passage in the top 10':28}{k['scio_top10']:12}{k['fts5_trigram_top10']:12}")


def main():
    if len(sys.argv) in (4, 5) and sys.argv[1] == "--bare-floor":
        return bare_floor_child(sys.argv[2], sys.argv[3], sys.argv[4:] == ["--transaction"])
    # scio-index and the floor each at their own default flush threshold, unless one is named.
    os.environ.pop("XAPIAN_FLUSH_THRESHOLD", None)
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--scale", default="", help="comma-separated multiples of the White House size for gen-corpus")
    ap.add_argument("--quick", action="store_true", help="the Foreign Ministry pages only (with --scale: no real corpus)")
    ap.add_argument("--lean", action="store_true",
                    help="for the synthetic corpora, skip the add-10%% run, the shards and omindex (a 16x corpus then fits in an hour)")
    ap.add_argument("--trends", metavar="DB",
                    help="only the timeline and kwic rows, over an existing scio database (FTS5 loaded from its passages)")

    ap.add_argument("--chinese", action="store_true",
                    help="the Chinese known-item search and indexing (mfa-zh-html) only; a full run includes it")
    args = ap.parse_args()
    if args.trends:
        os.makedirs(args.out, exist_ok=True)
        passages = scio_passages(args.trends)
        fts = os.path.join(args.out, os.path.basename(os.path.normpath(args.trends)) + ".fts5.sqlite")
        if os.path.exists(fts):
            os.remove(fts)
        fts5_load(passages, fts)
        t = bench_trends(args.trends, fts, passages, args.seed)
        print(f"== {args.trends}: {len(passages)} passages")
        print("\n".join(trend_rows(t)))
        print(json.dumps(t))
        return
    if not os.path.isdir(SHARED):
        sys.exit(f"bench: the shared corpus is not at {SHARED}")
    os.makedirs(args.out, exist_ok=True)
    results = {}
    if args.chinese:
        bench_chinese(args.out, args.seed, results)
        print_chinese(results["mfa-zh-html"])
        with open(os.path.join(args.out, "results-chinese.json"), "w") as f:
            json.dump(results, f, indent=2, ensure_ascii=False)
        return

    scales = [s for s in args.scale.split(",") if s]
    if not (args.quick and scales):
        mfa = os.path.join(SHARED, "mfa-en-html")
        mfa_files = sorted(os.path.join(mfa, f) for f in os.listdir(mfa) if f.endswith(".shtml"))
        bench_corpus("mfa-en-html", [mfa], mfa_files, args.out, args.queries, args.seed, results)

    if not args.quick:
        wh = os.path.join(args.out, "whitehouse")
        if not os.path.isdir(os.path.join(wh, "txt")):
            with tarfile.open(os.path.join(SHARED, "whitehouse-briefings.tar.xz")) as t:
                t.extractall(wh)
        wh_txt = os.path.join(wh, "txt")
        wh_files = sorted(os.path.join(wh_txt, f) for f in os.listdir(wh_txt))
        bench_corpus("whitehouse", [wh_txt], wh_files, args.out, args.queries, args.seed, results)
    for scale in scales:
        gen = os.path.join(args.out, f"gen-{scale}x")
        if not os.path.isdir(gen):
            subprocess.run([os.path.join(ROOT, "scripts", "gen-corpus"), gen, "--mb", str(68 * float(scale))],
                           check=True)
        gen_files = sorted(os.path.join(r, f) for r, _, fs in os.walk(gen) for f in fs)
        bench_corpus(f"gen-{scale}x", [gen], gen_files, args.out, args.queries, args.seed, results, lean=args.lean)

    if not args.quick:
        bench_chinese(args.out, args.seed, results)
    results["machine"] = {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
                          "date": time.strftime("%Y-%m-%d")}
    print_table({k: v for k, v in results.items() if k not in ("machine", "mfa-zh-html")})
    if "mfa-zh-html" in results:
        print_chinese(results["mfa-zh-html"])
    name = "results.json" if not (args.quick and scales) else "results-scale.json"
    with open(os.path.join(args.out, name), "w") as f:
        json.dump(results, f, indent=2)
    print(f"\nresults: {os.path.join(args.out, name)} ({results['machine']['cpu']}, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
