#!/usr/bin/env python3
"""Time from saving a file to the reload message of `bantin serve`.

Copies a content folder, starts `bantin serve` on it, listens to its reload events
and, with the edited article's page (then the edited unit's page) open as in a
browser, several times over edits one article's title and one report's figure,
measuring the time from the save to the `reload` event and to the page served again
after it. Prints the medians.

    bench/serve_reload.py [--bantin target/release/bantin] [--runs 15] CONTENT_DIR
"""

import argparse
import contextlib
import http.client
import os
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Events:
    """Collects the arrival time of each reload event."""

    def __init__(self, port):
        self.times = []
        self.cond = threading.Condition()
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", "/__bantin/events")
        self.response = conn.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.response:
            if line.startswith(b"event: reload"):
                with self.cond:
                    self.times.append(time.perf_counter())
                    self.cond.notify_all()

    def wait_after(self, count, timeout=30):
        with self.cond:
            if not self.cond.wait_for(lambda: len(self.times) > count, timeout):
                raise SystemExit("no reload event within %ss" % timeout)
            return self.times[count]


def first_article(content):
    return sorted((content / "news").rglob("*.md"))[0]


def first_report(content):
    """A data file and the first `admitted:` figure in it."""
    for path in sorted((content / "data").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"admitted: \d+", text):
            return path
    raise SystemExit("no report with `admitted:` under data/")


def get(port, page):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", "/" + page)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit("GET /%s: %s" % (page, response.status))


def timed_edits(events, port, page, path, edit, runs):
    """Saves `runs` edits of `path`, with `page` open as in a browser: the time from each
    save to the reload event, and to the page served again after it."""
    get(port, page)
    reloads, served = [], []
    for i in range(runs):
        text = path.read_text(encoding="utf-8")
        seen = len(events.times)
        started = time.perf_counter()
        path.write_text(edit(text, i), encoding="utf-8")
        arrived = events.wait_after(seen)
        get(port, page)
        reloads.append((arrived - started) * 1000)
        served.append((time.perf_counter() - started) * 1000)
        time.sleep(0.15)  # let the watcher settle between saves
    return reloads, served


def edited_unit(path):
    """The unit of the first `admitted:` figure of a data file."""
    text = path.read_text(encoding="utf-8")
    at = re.search(r"admitted: \d+", text).start()
    return re.findall(r"unit: ([a-z0-9-]+)", text[:at])[-1]


@contextlib.contextmanager
def serving(bantin, source):
    """Copies the content folder `source`, starts `bantin serve` on the copy and yields
    the copy, the server process, its reload events and its first build's line."""
    with tempfile.TemporaryDirectory(prefix="bantin-serve-") as tmp:
        content = pathlib.Path(tmp) / "content"
        shutil.copytree(source, content)
        port = free_port()
        server = subprocess.Popen(
            [bantin, "serve", "--lang", "en", "--content", str(content), "--port", str(port)],
            stderr=subprocess.PIPE, text=True,
        )
        try:
            first_build = ""
            for line in server.stderr:
                if line.startswith("serving "):
                    break
                if line.startswith(("rebuilt", "updated")):
                    first_build = line.strip()
            threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
            events = Events(port)
            time.sleep(0.2)
            yield content, server, events, first_build
        finally:
            server.terminate()
            server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content")
    parser.add_argument("--bantin", default="target/release/bantin")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with serving(args.bantin, args.content) as (content, server, events, first_build):
        port = server.args[server.args.index("--port") + 1]
        article = first_article(content)
        retitle = lambda text, i: re.sub(r"(?m)^title: .*$", 'title: "Bài viết sửa lần %d"' % i, text, count=1)
        article_page = "news/%s.html" % article.stem
        article_ms = timed_edits(events, port, article_page, article, retitle, args.runs)

        data = first_report(content)
        refigure = lambda text, i: re.sub(r"admitted: \d+", "admitted: %d" % (100 + i), text, count=1)
        unit_page = "units/%s.html" % edited_unit(data)
        data_ms = timed_edits(events, port, unit_page, data, refigure, args.runs)

    print("first build in serve: %s" % first_build)
    for name, (reloads, served) in (("article title edit", article_ms), ("data figure edit", data_ms)):
        for what, took in (("reload event", reloads), ("page served", served)):
            print("%-20s %-13s median %6.1f ms  (min %.1f, max %.1f, %d runs)"
                  % (name, what, statistics.median(took), min(took), max(took), len(took)))


if __name__ == "__main__":
    sys.exit(main())
