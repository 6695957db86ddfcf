"""Page loads in Chromium against the bench's nginx: time to a performance mark, and the
bytes nginx sent for it (its log), on a fresh profile (cold) or the same one again (warm),
at full speed or on an emulated slow connection (CDP Network.emulateNetworkConditions).
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

# A phone on a fair 4G/home line: 10 Mbit/s down, 40 ms latency (the same up, unused here).
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 10_000_000 / 8}


class Server:
    """nginx plus its byte log: how many bytes it sent, and for what, since a mark."""

    def __init__(self, base: str, log: Path):
        self.base, self.log = base, log

    def mark(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def sent_since(self, offset: int) -> list[tuple[str, int]]:
        time.sleep(0.3)   # nginx logs a request when its response is complete
        with open(self.log, "rb") as handle:
            handle.seek(offset)
            lines = handle.read().decode().splitlines()
        return [(uri, int(size)) for uri, _status, size in (line.split() for line in lines)]


def new_page(context, network: dict | None = None):
    """A page with `network` conditions emulated (if any), set before it asks for anything;
    they cover the page's workers too."""
    page = context.new_page()
    if network:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", network)
    return page


def until_mark(page, mark: str) -> float:
    page.wait_for_function(f"performance.getEntriesByName({mark!r}).length > 0", timeout=300000, polling=20)
    return page.evaluate(f"performance.getEntriesByName({mark!r})[0].startTime")


def load(context, server: Server, path: str, mark: str, settle: str | None = None,
         network: dict | None = None) -> dict:
    """Open `path`, wait for the performance mark `mark`; then, if given, for `settle`
    (work the page does after it is ready, such as keeping a snapshot for next time)."""
    offset = server.mark()
    page = new_page(context, network)
    page.goto(server.base + path)
    ms = until_mark(page, mark)
    marks = page.evaluate("performance.getEntriesByType('mark').map(m => m.name)")
    if settle:
        page.wait_for_function(f"performance.getEntriesByName({settle!r}).length > 0", timeout=300000)
    page.close()
    sent = server.sent_since(offset)
    return {"ms": ms, "bytes": sum(size for _, size in sent), "uris": [uri for uri, _ in sent], "marks": marks}


def interleaved(browser, server: Server, targets: dict, runs: int, warm: bool = True,
                network: dict | None = None) -> dict:
    """For each target (name → (path, mark, settle)): cold, a new browser profile; warm,
    the same profile opened again (HTTP cache, and for the checker the runtime snapshot
    kept after the first visit). Targets take turns within each run, so that the machine's
    drift over the minutes of a benchmark falls on the floor and on us alike."""
    samples = {name: {"cold": [], "warm": []} for name in targets}
    for _ in range(runs):
        for name, (path, mark, settle) in targets.items():
            context = browser.new_context()
            samples[name]["cold"].append(load(context, server, path, mark, settle if warm else None, network))
            if warm:
                samples[name]["warm"].append(load(context, server, path, mark))
            context.close()
    summary = {}
    for name, (path, mark, settle) in targets.items():
        summary[name] = {"runs": runs}
        for kind in ("cold", "warm") if warm else ("cold",):
            taken = samples[name][kind]
            summary[name].update({
                f"{kind}_ms": statistics.median(r["ms"] for r in taken),
                f"{kind}_bytes": statistics.median(r["bytes"] for r in taken),
                f"{kind}_all_ms": [round(r["ms"]) for r in taken],
                f"{kind}_all_bytes": [r["bytes"] for r in taken],
            })
        summary[name]["uris_cold"] = samples[name]["cold"][0]["uris"]
        if warm and settle:
            summary[name]["warm_from_snapshot"] = all("checker-snapshot" in r["marks"] for r in samples[name]["warm"])
    return summary


def ratios(summary: dict, name: str, floor: str = "floor", kind: str = "cold") -> dict:
    """Each run's time over the floor's (or the limit's) in the same run, and their median."""
    pairs = zip(summary[name][f"{kind}_all_ms"], summary[floor][f"{kind}_all_ms"], strict=True)
    each = [round(ours / theirs, 3) for ours, theirs in pairs]
    return {"each": each, "median": statistics.median(each),
            "of_medians": round(summary[name][f"{kind}_ms"] / summary[floor][f"{kind}_ms"], 3)}


def guidance_page(browser, server: Server, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        context = browser.new_context()
        offset = server.mark()
        page = context.new_page()
        page.goto(server.base + "schedule/", wait_until="networkidle")
        # the paint's entry can come a frame after the network is idle (a run stopped here once)
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=30000)
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        page.close()
        context.close()
        sent = server.sent_since(offset)
        samples.append({"fcp": fcp, "bytes": sum(s for _, s in sent), "uris": [u for u, _ in sent]})
    uris = sorted({u for s in samples for u in s["uris"]})
    return {"fcp_ms": statistics.median(s["fcp"] for s in samples),
            "bytes": statistics.median(s["bytes"] for s in samples),
            "fetches_pyodide": any("/pyodide/" in u or "checker" in u for u in uris), "uris": uris}


def roster(browser, server: Server, tmp: Path, runs: int, rows: int, helper_ready: bool = False,
           later_visit: bool = False) -> dict:
    """`rows` generated roster rows (10,000; and 20,000, the most a roster may have),
    checked in the browser once the checker is ready: time in the workers (timed on the
    page, from the file's bytes to the rows' JSON), from choosing the file to the first 200
    rows on screen, and from opening the page to those rows (the
    sooner the page is ready, the more of the runtime's own warming up — the wasm's
    optimised compile, the theme's search index — still runs while the roster is checked).
    Each run is a fresh browser profile, the file chosen the moment the page is ready
    (its own worker's ready: the helper that shares the rows, web/roster-share.js, starts
    then and joins when it is ready; `helper_share` is the part of the rows it checked).
    With `helper_ready` the file is chosen once the helper is ready too, as it is when staff
    take a few seconds to choose the file. With `later_visit` each run is a second visit: the
    first, in the same browser profile, checks a small file and waits until the page has kept
    its snapshot of the started runtime (web/snapshot-maker.js), as any visit with a check
    does; the second is measured as above (its worker and the helper start from that snapshot).

    "Chosen to shown" is timed by the page (web/roster.js): from the file box's change event
    (the moment the file dialog closes; its timeStamp) to the 200 rows painted (the frame
    after they were put in the table). The test harness's own hand-over of the file before
    that event (Playwright's set_input_files: a round trip to the browser, 0.1 s here, which
    no file dialog costs) is reported apart, as `handover_s`; `shown_wall_s` is the time as
    this script sees it, the hand-over and the polling included.

    Each run is followed by the same check in a new CPython (`cpython_check_s`): this
    machine's speed changes by up to twice within minutes, and the ratio of the two,
    run by run, tells whether a change to the page sped it up or the machine did."""
    from roster_files import generated

    text, _ = generated(seed=1, count=rows)
    path = tmp / f"roster-{rows}.csv"
    path.write_bytes(text.encode("cp932"))
    reference = _cpython_check(path)
    samples = []
    earlier = tmp / "roster-earlier-visit.csv"
    if later_visit:
        earlier.write_bytes(generated(seed=2, count=300)[0].encode("cp932"))
    for _ in range(runs):
        context = browser.new_context()
        if later_visit:
            first = context.new_page()
            first.goto(server.base + "roster/")
            until_mark(first, "checker-ready")
            first.set_input_files("#roster-file", str(earlier))
            until_mark(first, "checker-snapshot-saved")
            first.close()
        page = context.new_page()
        page.goto(server.base + "roster/")
        ready_s = until_mark(page, "checker-ready") / 1000
        if later_visit and not page.evaluate("window.checkerEngine.state.fromSnapshot"):
            raise RuntimeError("the later visit did not start from the kept snapshot")
        if helper_ready:
            ready_s = until_mark(page, "roster-helper-ready") / 1000
        asked = page.evaluate("performance.now()")
        started = time.perf_counter()
        page.set_input_files("#roster-file", str(path))
        page.wait_for_function("performance.getEntriesByName('roster-shown').length > 0", timeout=180000, polling=20)
        wall_s = time.perf_counter() - started
        if page.evaluate("document.querySelectorAll('#roster-rows tr').length") != 200:
            raise RuntimeError("the roster page did not show 200 rows")
        chosen, shown = page.evaluate("['roster-chosen', 'roster-shown'].map((name) => "
                                      "performance.getEntriesByName(name)[0].startTime)")
        worker_s = page.evaluate("window.rosterMs") / 1000
        helper_rows = page.evaluate("window.rosterShares.helper")
        context.close()
        cpython_s = reference()
        shown_s = (shown - chosen) / 1000
        samples.append({"chosen_at_s": ready_s, "shown_s": shown_s, "shown_wall_s": wall_s, "handover_s": (chosen - asked) / 1000,
                        "worker_s": worker_s, "open_to_shown_s": ready_s + wall_s,
                        "cpython_s": cpython_s, "helper_share": helper_rows / rows})
    shown = [s["shown_s"] for s in samples]
    return {"rows": rows, "helper_ready": helper_ready, "later_visit": later_visit,
            "chosen_at_s": statistics.median(s["chosen_at_s"] for s in samples),   # from opening the page
            "shown_s": statistics.median(shown), "shown_s_range": [min(shown), max(shown)],
            "shown_s_all": [round(s, 2) for s in shown],
            "shown_wall_s": statistics.median(s["shown_wall_s"] for s in samples),
            "handover_s": statistics.median(s["handover_s"] for s in samples),
            "worker_s": statistics.median(s["worker_s"] for s in samples),
            "open_to_shown_s": statistics.median(s["open_to_shown_s"] for s in samples),
            "cpython_check_s": statistics.median(s["cpython_s"] for s in samples),
            "shown_to_cpython": statistics.median(s["shown_s"] / s["cpython_s"] for s in samples),
            "helper_share": statistics.median(s["helper_share"] for s in samples)}


# The worker's work on the file, timed in a new CPython each time: nothing cached from a run
# before (the page's runs are on a fresh browser profile too); the rules are read first, as
# the worker has them before the file is chosen.
_CPYTHON_CHECK = """
import json, sys, time
sys.path[:0] = [sys.argv[1]]
from checker.roster import Roster
from checker.roster.output import for_page
from loader import load_rules
rules = load_rules()
data = open(sys.argv[2], "rb").read()
started = time.perf_counter()
json.dumps(for_page(Roster(rules).check(data)), ensure_ascii=False)   # today in Japan, as the page
print(time.perf_counter() - started)
"""


def _cpython_check(path: Path):
    """A function that times, in a new CPython, what the page's worker does with the file:
    the check, the page's rows and their JSON (browser_api.Session.roster_file)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent

    def seconds() -> float:
        done = subprocess.run([sys.executable, "-c", _CPYTHON_CHECK, str(root), str(path)],
                              capture_output=True, text=True, check=True, cwd=root)
        return float(done.stdout.strip())
    return seconds
