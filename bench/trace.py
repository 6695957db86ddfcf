"""What a first visit waits for: a Chromium trace of one cold load, summarised.

    .venv/bin/python bench/trace.py [PATH] [--throttled]   (after `make bench`, which builds build/bench/site)

Prints, in ms from navigation: when each request started and finished, when the worker
started, and how busy each thread was until the page's mark (checker-ready or
checker-result): the page's main thread (theme, fonts, our form), the checker's worker
(runtime, Python) and the rest. The raw trace goes to build/bench/trace.json for
chrome://tracing or https://ui.perfetto.dev (open it there; nothing is sent).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "helpers"), str(ROOT / "bench")]

from browser import chromium  # noqa: E402
from measure import THROTTLED, new_page, until_mark  # noqa: E402
from nginx import nginx_serving  # noqa: E402

CATEGORIES = ["devtools.timeline", "v8", "v8.wasm", "blink.user_timing", "loading", "disabled-by-default-devtools.timeline"]


def record(base: str, path: str, mark: str, throttled: bool, out: Path, roster: Path | None = None) -> None:
    """Trace one cold load of `path` until `mark`; with `roster`, go on: choose that file
    the moment the page is ready and trace until its first rows are shown."""
    with chromium() as browser:
        context = browser.new_context()
        page = new_page(context, THROTTLED if throttled else None)
        browser.start_tracing(page=page, path=str(out), categories=CATEGORIES)
        page.goto(base + path)
        until_mark(page, "checker-ready" if roster else mark)
        if roster:   # the page marks the change event (roster-chosen) and the rows painted (roster-shown)
            page.set_input_files("#roster-file", str(roster))
            until_mark(page, mark)
            until_mark(page, "roster-shown")
        browser.stop_tracing()
        context.close()


def summarise(trace: Path, mark: str, since: str | None = None) -> None:
    events = json.loads(trace.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"}
    start = min(e["ts"] for e in events if e.get("name") == "navigationStart" or e.get("name") == "TracingStartedInBrowser")
    ends = [e["ts"] for e in events if e.get("name") == mark]
    end = min(ends) if ends else max(e.get("ts", 0) for e in events)
    ms = lambda ts: (ts - start) / 1000  # noqa: E731
    if since:   # the roster: from choosing the file (the work before it is the page's start)
        start = min(e["ts"] for e in events if e.get("name") == since)
        ends = [e["ts"] for e in events if e.get("name") == "roster-shown"] or ends
        end = min(ends) if ends else end
    requests = {}
    for e in events:
        data = (e.get("args") or {}).get("data") or {}
        if e.get("name") == "ResourceSendRequest":
            requests[data["requestId"]] = {"url": data.get("url", ""), "start": ms(e["ts"]), "end": None}
        elif e.get("name") == "ResourceFinish" and data.get("requestId") in requests:
            requests[data["requestId"]]["end"] = ms(e["ts"])
    print(f"until {mark}: {ms(end):,.0f} ms")
    for request in sorted(requests.values(), key=lambda r: r["start"]):
        finish = f"{request['end']:8,.0f}" if request["end"] is not None else "       ?"
        print(f"  {request['start']:8,.0f} → {finish}  {request['url'].split('/ninteii/')[-1][:80]}")
    busy = collections.Counter()
    for e in events:
        if e.get("ph") == "X" and e.get("name") in ("RunTask", "ThreadControllerImpl::RunTask") and start <= e["ts"] <= end:
            busy[threads.get((e["pid"], e["tid"]), str(e["tid"]))] += e.get("dur", 0) / 1000
    print("busy until then (ms), by thread:")
    for name, value in busy.most_common(8):
        print(f"  {value:8,.0f}  {name}")
    for name in ("v8.wasm.streamFromResponseCallback", "wasm.CompileLazy", "v8.wasm.compiledModule", "v8.wasm.finishedStreaming"):
        hits = [ms(e["ts"]) for e in events if e.get("name") == name]
        if hits:
            print(f"  {name}: first at {min(hits):,.0f} ms ({len(hits)}×)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="checker/")
    parser.add_argument("--mark", default="checker-ready")
    parser.add_argument("--throttled", action="store_true")
    parser.add_argument("--roster", type=int, metavar="ROWS",
                        help="the roster page: choose a generated roster of ROWS rows once it is ready, and trace "
                             "from then until its first rows are shown")
    args = parser.parse_args()
    work = ROOT / "build" / "bench"
    if not (work / "site").is_dir():
        print("build/bench/site がありません。先に `make bench` を実行してください。", file=sys.stderr)
        return 1
    out = work / "trace.json"
    roster = None
    if args.roster:
        from roster_files import generated

        roster = work / f"roster-{args.roster}.csv"
        roster.write_bytes(generated(seed=1, count=args.roster)[0].encode("cp932"))
        args.path, args.mark = "roster/", "roster-done"
    with nginx_serving(work / "site", work / "nginx-trace", location_extra="gzip_static on; brotli_static on;",
                       main_extra="load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;") as base:
        record(base, args.path, args.mark, args.throttled, out, roster)
    summarise(out, args.mark, since="roster-chosen" if roster else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
