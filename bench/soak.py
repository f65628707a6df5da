#!/usr/bin/env python3
"""Memory of `bantin serve` over a long run of edits.

Copies a content folder, starts `bantin serve` on it and, until the time is up, saves
an article's title and a report's figure in turn (from a bounded set of values, so
the content does not grow), waiting for each reload. It samples the server's resident
memory (VmRSS) after every reload and prints it at the start, its peak, at the end,
and every few minutes.

    bench/soak.py [--bantin target/release/bantin] [--minutes 60] CONTENT_DIR
"""

import argparse
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from serve_reload import edited_unit, first_article, first_report, get, serving  # noqa: E402


def rss_mib(pid):
    for line in pathlib.Path("/proc/%d/status" % pid).read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS for process %d" % pid)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content")
    parser.add_argument("--bantin", default="target/release/bantin")
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--report-every", type=float, default=5, help="minutes between progress lines")
    args = parser.parse_args()

    with serving(args.bantin, args.content) as (content, server, events, _):
        port = server.args[server.args.index("--port") + 1]
        article, data = first_article(content), first_report(content)
        edits = [
            (article, lambda text, i: re.sub(r"(?m)^title: .*$", 'title: "Bài viết sửa lần %d"' % (i % 50), text, count=1)),
            (data, lambda text, i: re.sub(r"admitted: \d+", "admitted: %d" % (100 + i % 50), text, count=1)),
        ]
        # The pages a staffer keeps open while editing: reloaded after every save.
        open_pages = ["index.html", "news/%s.html" % article.stem, "units/%s.html" % edited_unit(data)]
        for page in open_pages:
            get(port, page)
        start = rss_mib(server.pid)
        peak, saves = start, 0
        began = time.monotonic()
        next_report = began + args.report_every * 60
        print("start: %.0f MiB" % start, flush=True)
        while time.monotonic() - began < args.minutes * 60:
            path, edit = edits[saves % 2]
            seen = len(events.times)
            path.write_text(edit(path.read_text(encoding="utf-8"), saves), encoding="utf-8")
            events.wait_after(seen, timeout=600)
            for page in open_pages:
                get(port, page)
            saves += 1
            now = rss_mib(server.pid)
            peak = max(peak, now)
            if time.monotonic() >= next_report:
                print("%5.1f min: %d saves, %.0f MiB now, peak %.0f MiB"
                      % ((time.monotonic() - began) / 60, saves, now, peak), flush=True)
                next_report += args.report_every * 60
            time.sleep(0.15)  # let the watcher settle between saves
        end = rss_mib(server.pid)

    print("%d saves in %.1f min: start %.0f MiB, peak %.0f MiB, end %.0f MiB"
          % (saves, args.minutes, start, peak, end))


if __name__ == "__main__":
    sys.exit(main())
