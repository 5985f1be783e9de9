#!/usr/bin/env python3
"""A loopback HTTP server for the `scio-index fetch` tests: serves replica files, misbehaves on cue.

Binds 127.0.0.1 on a free port, prints the port on the first line of stdout, and exits by itself
after --lifetime seconds (the test stops it sooner). Every request is appended to --log as
"unix_time<TAB>path<TAB>status<TAB>If-None-Match<TAB>If-Modified-Since<TAB>User-Agent<TAB>Host<TAB>client port"
(the Host header's name without its port: 127.0.0.1 and localhost are two hosts on one server; the
client port tells connections apart).

  --mount /url/prefix/=DIR   files under DIR answer the URL paths under the prefix (the longest
                             prefix holding the file wins)
  --responses FILE           a RESPONSES.tsv (path status location content_type last_modified etag ...),
                             its first path segment the host: status, Location and headers as served
  --not-found FILE           what a missing path gets, with status 200 (the Foreign Ministry's soft 404);
                             without it, a plain 404
  --control FILE             JSON, read again at every request:
      "hide": [substrings]    lines of HTML holding one are left out (listing items not yet published)
      "fail": {path: [status or "sleep:SECONDS", ...]}  the first requests of path get these, in order
      "retry_after": value    the Retry-After header sent with a failure
      "robots": text or null  robots.txt served as text/plain (overrides --responses)
      "robots_by_host": {host: text}  the same, for requests naming that host (wins over "robots")
      "redirects": {path: location}   a 302 to location, as given (another host's absolute URL too)
      "etags", "modified": {path: value}  an ETag / Last-Modified for that path (304 when sent back)
"""
import argparse
import email.utils
import http.server
import json
import os
import sys
import threading
import time

args = None
lock = threading.Lock()
fail_counts = {}


def control():
    if not args.control or not os.path.exists(args.control):
        return {}
    with open(args.control, encoding="utf-8") as f:
        return json.load(f)


def load_responses(path):
    table = {}
    if not path:
        return table
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            table["/" + row["path"].split("/", 1)[1]] = row
    return table


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def record(self, status):
        with lock, open(args.log, "a", encoding="utf-8") as f:
            f.write("%.6f\t%s\t%d\t%s\t%s\t%s\t%s\t%d\n" % (time.time(), self.path, status,
                                                          self.headers.get("If-None-Match", ""),
                                                          self.headers.get("If-Modified-Since", ""),
                                                          self.headers.get("User-Agent", ""), self.host(),
                                                          self.client_address[1]))

    def host(self):
        return self.headers.get("Host", "").rsplit(":", 1)[0]

    def send(self, status, body=b"", headers=None):
        self.record(status)
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def file_for(self, path):
        # Every mount whose prefix matches, the longest first: the first that holds the file.
        for prefix, folder in sorted(args.mount, key=lambda m: -len(m[0])):
            f = os.path.join(folder, path[len(prefix):])
            if path.startswith(prefix) and os.path.isfile(f):
                return f
        return None

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        c = control()
        plan = c.get("fail", {}).get(path, [])
        with lock:
            n = fail_counts.get(path, 0)
            fail_counts[path] = n + 1
        if n < len(plan):
            step = plan[n]
            if isinstance(step, str) and step.startswith("sleep:"):
                time.sleep(float(step[6:]))
            else:
                headers = {"Content-Type": "text/html"}
                if "retry_after" in c:
                    headers["Retry-After"] = str(c["retry_after"])
                return self.send(int(step), b"<html><body>failure</body></html>", headers)
        if path == "/robots.txt" and self.host() in c.get("robots_by_host", {}):
            return self.send(200, c["robots_by_host"][self.host()].encode(), {"Content-Type": "text/plain"})
        if path == "/robots.txt" and "robots" in c:
            if c["robots"] is None:
                return self.send(404, b"not found", {"Content-Type": "text/plain"})
            return self.send(200, c["robots"].encode(), {"Content-Type": "text/plain"})
        if path in c.get("redirects", {}):
            return self.send(302, b"", {"Location": c["redirects"][path], "Content-Type": "text/html"})
        row = args.table.get(path)
        if row and row["status"] in ("301", "302", "303", "307", "308"):
            location = row["location"]
            # The replica's absolute redirects point at the real host: kept on this server.
            if "://" in location:
                location = "/" + location.split("://", 1)[1].split("/", 1)[1]
            return self.send(int(row["status"]), b"", {"Location": location, "Content-Type": row["content_type"]})
        f = self.file_for(path)
        if f is None:
            if args.not_found:
                with open(args.not_found, "rb") as nf:
                    return self.send(200, nf.read(), {"Content-Type": "text/html; charset=utf-8"})
            return self.send(404, b"not found", {"Content-Type": "text/plain"})
        with open(f, "rb") as fh:
            body = fh.read()
        for hidden in c.get("hide", []):
            body = b"\n".join(l for l in body.split(b"\n") if hidden.encode() not in l)
        headers = {"Content-Type": (row or {}).get("content_type") or "text/html"}
        etag = (row or {}).get("etag") or c.get("etags", {}).get(path, "")
        modified = (row or {}).get("last_modified") or c.get("modified", {}).get(path, "")
        if etag:
            headers["ETag"] = etag
        if modified:
            headers["Last-Modified"] = modified
        if etag and self.headers.get("If-None-Match") == etag:
            return self.send(304, b"", headers)
        if modified and self.headers.get("If-Modified-Since") == modified:
            return self.send(304, b"", headers)
        return self.send(200, body, headers)


def main():
    global args
    p = argparse.ArgumentParser()
    p.add_argument("--mount", action="append", default=[])
    p.add_argument("--responses")
    p.add_argument("--not-found")
    p.add_argument("--control")
    p.add_argument("--log", required=True)
    p.add_argument("--lifetime", type=float, default=600)
    args = p.parse_args()
    args.mount = [tuple(m.split("=", 1)) for m in args.mount]
    args.table = load_responses(args.responses)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
