"""The benchmark: `make bench` (or `.venv/bin/python bench/run.py`).

Builds the site (precompressed), serves it with nginx on 127.0.0.1 under /ninteii/
(.br/.gz sent as they are, wasm as application/wasm, a year's cache on hashed files),
drives headless Chromium, and prints a table: each figure is the median of several runs,
and where there is a floor, its ratio to the floor measured in the same run. The figures
go to bench/results.json; the README's performance section quotes them. Nothing here
asserts a time: this is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import build  # noqa: E402
from browser import chromium  # noqa: E402
from nginx import nginx_serving  # noqa: E402
from pages import EVALUATE, FLOOR  # noqa: E402
from loader import load_rules  # noqa: E402
from sitegen.assets import PYODIDE_FILES, write_hashed  # noqa: E402
from sitegen.package import checker_zip  # noqa: E402
from timing import median_evaluate_ms  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
SHARE_REQUEST = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
                 "mypage_registered_on": "2025-03-29",
                 "credits": [{"earned_on": "2023-06-10", "category": "更新研修", "units": 8},
                             {"earned_on": "2025-07-20", "category": "実地研修", "units": 3}]}
EVALUATE_REQUESTS = [json.loads((ROOT / "examples" / "renewal-occupational.json").read_text(encoding="utf-8")),
                     SHARE_REQUEST,
                     {"certification": "sports", "procedure": "new", "as_of": "2026-11-21"},
                     {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-02-30"}]
def nginx_extra(log: Path) -> dict:
    """Precompressed files sent as they are, and a log of the bytes sent per request."""
    return {
        "main_extra": "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;",
        "http_extra": f"    log_format bench '$uri $status $bytes_sent';\n    access_log {log} bench;",
        "location_extra": "gzip_static on; brotli_static on;",
    }


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


def load(context, server: Server, path: str, mark: str, settle: str | None = None) -> dict:
    """Open `path`, wait for the performance mark `mark`; then, if given, for `settle`
    (work the page does after it is ready, such as keeping a snapshot for next time)."""
    offset = server.mark()
    page = context.new_page()
    page.goto(server.base + path)
    page.wait_for_function(f"performance.getEntriesByName({mark!r}).length > 0", timeout=180000, polling=20)
    ms = page.evaluate(f"performance.getEntriesByName({mark!r})[0].startTime")
    marks = page.evaluate("performance.getEntriesByType('mark').map(m => m.name)")
    if settle:
        page.wait_for_function(f"performance.getEntriesByName({settle!r}).length > 0", timeout=180000)
    page.close()
    sent = server.sent_since(offset)
    return {"ms": ms, "bytes": sum(size for _, size in sent), "uris": [uri for uri, _ in sent], "marks": marks}


def cold_and_warm(browser, server: Server, targets: dict, runs: int) -> dict:
    """For each target (name → (path, mark, settle)): cold, a new browser profile; warm,
    the same profile opened again (HTTP cache, and for the checker the runtime snapshot
    kept after the first visit). Targets take turns within each run, so that the machine's
    drift over the minutes of a benchmark falls on the floor and on us alike."""
    samples = {name: {"cold": [], "warm": []} for name in targets}
    for _ in range(runs):
        for name, (path, mark, settle) in targets.items():
            context = browser.new_context()
            samples[name]["cold"].append(load(context, server, path, mark, settle))
            samples[name]["warm"].append(load(context, server, path, mark))
            context.close()
    summary = {}
    for name, (path, mark, settle) in targets.items():
        cold, warm = samples[name]["cold"], samples[name]["warm"]
        summary[name] = {
            "cold_ms": statistics.median(r["ms"] for r in cold), "warm_ms": statistics.median(r["ms"] for r in warm),
            "cold_bytes": statistics.median(r["bytes"] for r in cold),
            "warm_bytes": statistics.median(r["bytes"] for r in warm),
            "cold_all_ms": [round(r["ms"]) for r in cold], "warm_all_ms": [round(r["ms"]) for r in warm],
            "runs": runs, "uris_cold": cold[0]["uris"],
            "warm_from_snapshot": all("checker-snapshot" in r["marks"] for r in warm) if settle else None,
        }
    return summary


def guidance_page(browser, server: Server, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        context = browser.new_context()
        offset = server.mark()
        page = context.new_page()
        page.goto(server.base + "schedule/", wait_until="networkidle")
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        page.close()
        context.close()
        sent = server.sent_since(offset)
        samples.append({"fcp": fcp, "bytes": sum(s for _, s in sent), "uris": [u for u, _ in sent]})
    uris = sorted({u for s in samples for u in s["uris"]})
    return {"fcp_ms": statistics.median(s["fcp"] for s in samples),
            "bytes": statistics.median(s["bytes"] for s in samples),
            "fetches_pyodide": any("/pyodide/" in u or "checker" in u for u in uris), "uris": uris}


def roster_10000(browser, server: Server, tmp: Path, runs: int) -> dict:
    """10,000 generated roster rows, checked in the browser once the checker is ready:
    time in the worker, and from choosing the file to the first 200 rows on screen.
    Each run is a fresh browser profile, the file chosen the moment the page is ready."""
    from test_roster import generated

    text, _ = generated(seed=1, count=10000)
    path = tmp / "roster-10000.csv"
    path.write_bytes(text.encode("cp932"))
    samples = []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.base + "roster/")
        page.wait_for_function("performance.getEntriesByName('checker-ready').length > 0", timeout=180000)
        started = time.perf_counter()
        page.set_input_files("#roster-file", str(path))
        page.wait_for_function("performance.getEntriesByName('roster-done').length > 0", timeout=180000)
        page.wait_for_function("document.querySelectorAll('#roster-rows tr').length === 200", timeout=180000)
        samples.append({"shown_s": time.perf_counter() - started, "worker_s": page.evaluate("window.rosterMs") / 1000})
        context.close()
    shown = [s["shown_s"] for s in samples]
    return {"rows": 10000, "shown_s": statistics.median(shown), "shown_s_range": [min(shown), max(shown)],
            "worker_s": statistics.median(s["worker_s"] for s in samples)}


def build_times(runs: int) -> dict:
    full, alone = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "build.py", "--site-dir", f"{tmp}/full{index}"], cwd=ROOT,
                           check=True, capture_output=True)
            full.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", f"{tmp}/alone{index}"],
                           cwd=ROOT, check=True, capture_output=True)
            alone.append(time.perf_counter() - start)
    return {"build_py_s": statistics.median(full), "mkdocs_alone_s": statistics.median(alone), "runs": runs}


def runtime_compressed_bytes(site: Path, pyodide: str) -> int:
    total = 0
    for name in PYODIDE_FILES:
        path = site / pyodide / name
        br = path.with_name(name + ".br")
        total += (br if br.exists() else path).stat().st_size
    return total


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    chromium_version = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": len(re.findall(r"^processor", Path("/proc/cpuinfo").read_text(), re.M)),
            "python": platform.python_version(), "chromium": chromium_version,
            "pyodide": json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args()

    work = ROOT / "build" / "bench"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print("building the site (precompressed)…", flush=True)
    site = build.build(ROOT / "rules", work / "site", build.today_in_japan(), compress=True)
    pyodide = next(p for p in (site / "pyodide").iterdir()).relative_to(site).as_posix() + "/"
    rules_name = next((site / "assets").glob("rules.*.json")).name
    package = write_hashed(site / "assets", "bench-checker", ".zip",
                           checker_zip({"timing.py": (ROOT / "bench" / "timing.py").read_bytes()}))
    for folder, html in (("bench-floor", FLOOR.format(pyodide=pyodide)),
                         ("bench-evaluate", EVALUATE.format(pyodide=pyodide, package=package, rules=rules_name,
                                                            requests=json.dumps(json.dumps(EVALUATE_REQUESTS))))):
        (site / folder).mkdir()
        (site / folder / "index.html").write_text(html, encoding="utf-8")

    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "runs": args.runs}
    log = work / "nginx" / "bench.log"
    with nginx_serving(site, work / "nginx", **nginx_extra(log)) as base, chromium() as browser:
        server = Server(base, log)
        print("measuring in Chromium…", flush=True)
        saved = "checker-snapshot-saved"
        share = "checker/#q=" + urllib.parse.quote(json.dumps(SHARE_REQUEST, ensure_ascii=False))
        results.update(cold_and_warm(browser, server, {
            "floor": ("bench-floor/", "pyodide-ready", None),
            "checker_ready": ("checker/", "checker-ready", saved),
            "share_link": (share, "checker-result", saved),
        }, args.runs))
        page = browser.new_page()
        page.goto(base + "bench-evaluate/")
        page.wait_for_function("window.__evaluate_ms !== undefined", timeout=180000)
        results["evaluate_pyodide_ms"] = page.evaluate("window.__evaluate_ms")
        page.close()
        results["guidance_page"] = guidance_page(browser, server, args.runs)
        results["roster"] = roster_10000(browser, server, work, args.runs)
    rules = load_rules()
    import checker

    checker.use_rules(rules)
    results["evaluate_cpython_ms"] = median_evaluate_ms(EVALUATE_REQUESTS)
    results["runtime_compressed_bytes"] = runtime_compressed_bytes(site, pyodide)
    print("timing the build…", flush=True)
    results["build"] = build_times(3)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    return 0


def print_table(r: dict) -> None:
    floor, ready, share = r["floor"], r["checker_ready"], r["share_link"]
    kb = lambda n: f"{n / 1024:,.0f} KB"  # noqa: E731  (KB = 1,024 bytes throughout)
    rows = [
        ("1. checker ready, cold", f"{ready['cold_ms']:.0f} ms", f"floor {floor['cold_ms']:.0f} ms",
         f"{ready['cold_ms'] / floor['cold_ms']:.2f}×", "≤ 1.10×"),
        ("1. checker ready, warm", f"{ready['warm_ms']:.0f} ms", f"floor {floor['warm_ms']:.0f} ms",
         f"{ready['warm_ms'] / floor['warm_ms']:.2f}×", "≤ 1.10×"),
        ("2. share link → result, cold", f"{share['cold_ms']:.0f} ms", f"floor {floor['cold_ms']:.0f} ms",
         f"{share['cold_ms'] / floor['cold_ms']:.2f}×", ""),
        ("2. share link → result, warm", f"{share['warm_ms']:.0f} ms", f"floor {floor['warm_ms']:.0f} ms",
         f"{share['warm_ms'] / floor['warm_ms']:.2f}×", ""),
        ("3. one evaluate, Pyodide", f"{r['evaluate_pyodide_ms']:.2f} ms", "", "", "< 5 ms"),
        ("3. one evaluate, CPython", f"{r['evaluate_cpython_ms']:.2f} ms", "", "", ""),
        ("4. bytes until ready, cold", kb(ready["cold_bytes"]), f"runtime {kb(r['runtime_compressed_bytes'])}",
         f"+{(ready['cold_bytes'] - r['runtime_compressed_bytes']) / 1024:,.1f} KB", "≤ +100 KB"),
        ("5. guidance page, first paint", f"{r['guidance_page']['fcp_ms']:.0f} ms", kb(r["guidance_page"]["bytes"]),
         "Pyodide fetched: " + ("yes" if r["guidance_page"]["fetches_pyodide"] else "no"), ""),
        ("7. roster, 10,000 rows shown", f"{r['roster']['shown_s']:.2f} s",
         f"in the worker {r['roster']['worker_s']:.2f} s", "", "< 2 s"),
        ("6. build.py vs mkdocs build", f"{r['build']['build_py_s']:.2f} s", f"mkdocs {r['build']['mkdocs_alone_s']:.2f} s",
         f"{r['build']['build_py_s'] / r['build']['mkdocs_alone_s']:.2f}×", "≤ 1.5×"),
    ]
    rows.sort(key=lambda row: row[0][:2])
    widths = [max(len(str(row[i])) for row in rows) for i in range(5)]
    print(f"\nmedian of {r['runs']} runs · {r['machine']['cpu']} ({r['machine']['cores']} cores) · "
          f"{r['machine']['chromium']} · Pyodide {r['machine']['pyodide']}")
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))


if __name__ == "__main__":
    sys.exit(main())
