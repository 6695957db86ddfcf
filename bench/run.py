"""The benchmark: `make bench` (or `.venv/bin/python bench/run.py`).

Builds the site (precompressed), serves it with nginx on 127.0.0.1 under /ninteii/
(.br/.gz sent as they are, wasm as application/wasm, a year's cache on hashed files),
drives headless Chromium, and prints a table: each figure is the median of several runs
(7 unless --runs), and where there is a floor, the ratio to the floor measured in the
same run, the floor and the checker taking turns. Beside the floor (the stock runtime's
`loadPyodide()`) runs the limit (only the wasm streamed and compiled, bench/pages.py):
the checker's times are given over both. The first visits are measured twice: at full
speed, and on an emulated 10 Mbit/s, 40 ms connection where bytes dominate. The roster is
checked at 10,000 rows and at 20,000 (the most it takes).
The figures, each run's too, go to bench/results.json; the README's performance section
quotes them. Nothing here asserts a time: this is a measurement, not a test.

`make bench` first installs what the machine lacks (.ci/setup bench: Chromium, nginx and
its brotli module); run directly, this script names the command and stops.
"""
from __future__ import annotations

import argparse
import json
import os
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
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "helpers"), str(ROOT / "bench")]

import build  # noqa: E402
from browser import CHROMIUM, chromium  # noqa: E402
from loader import RulesError, load_rules  # noqa: E402
from measure import THROTTLED, Server, guidance_page, interleaved, ratios, roster  # noqa: E402
from nginx import NGINX, nginx_serving  # noqa: E402
from pages import EVALUATE, FLOOR, LIMIT  # noqa: E402
from sitegen.assets import PYODIDE_FILES, write_hashed  # noqa: E402
from checker.rules.model import Rules  # noqa: E402
from sitegen.context import build_context  # noqa: E402
from sitegen.scripts import copy_theme_scripts  # noqa: E402
from sitegen.package import checker_zip  # noqa: E402
from sitegen.problems import BuildError  # noqa: E402
from sitegen.render import render_pages  # noqa: E402
from sitegen.stdlib import stock_zip  # noqa: E402
from table import print_roster, print_table  # noqa: E402
from timing import median_evaluate_ms  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
ROSTER_ROWS = (10000, 20000)   # 20,000: the most a roster may have (checker/roster/reading.py MAX_ROWS)
# Each size with the file chosen as the page is ready, then once its helper is ready too;
# and 10,000 rows on a later visit (from the runtime the page kept), chosen as it is ready.
ROSTER_CASES = [*((rows, helper_ready, False) for helper_ready in (False, True) for rows in ROSTER_ROWS),
                (10000, False, True)]
SHARE_REQUEST = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
                 "mypage_registered_on": "2025-03-29",
                 "credits": [{"earned_on": "2023-06-10", "category": "更新研修", "units": 8},
                             {"earned_on": "2025-07-20", "category": "実地研修", "units": 3}]}
EVALUATE_REQUESTS = [json.loads((ROOT / "examples" / "renewal-occupational.json").read_text(encoding="utf-8")),
                     SHARE_REQUEST,
                     {"certification": "sports", "procedure": "new", "as_of": "2026-11-21"},
                     {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-02-30"}]


def missing_system_parts() -> list[str]:
    """The Debian packages the benchmark needs that this machine lacks."""
    present = {"chromium": Path(CHROMIUM).is_file(), "nginx": Path(NGINX).is_file(),
               "libnginx-mod-http-brotli-static": BROTLI_MODULE.is_file()}
    return [package for package, there in present.items() if not there]


def nginx_extra(log: Path) -> dict:
    """Precompressed files sent as they are, and a log of the bytes sent per request."""
    return {
        "main_extra": f"load_module {BROTLI_MODULE};",
        "http_extra": f"    log_format bench '$uri $status $bytes_sent';\n    access_log {log} bench;",
        "location_extra": "gzip_static on; brotli_static on;",
    }


def build_times(runs: int) -> dict:
    """build.py as a whole, and mkdocs alone on the Markdown build.py generated (kept in
    a folder of the bench's own, so that this works on a fresh clone too)."""
    full, alone = [], []
    with tempfile.TemporaryDirectory() as tmp:
        config = generated_docs_config(Path(tmp))
        for index in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "build.py", "--site-dir", f"{tmp}/full{index}"], cwd=ROOT,
                           check=True, capture_output=True)
            full.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", f"{tmp}/alone{index}"],
                           cwd=ROOT, check=True, capture_output=True)
            alone.append(time.perf_counter() - start)
    return {"build_py_s": statistics.median(full), "mkdocs_alone_s": statistics.median(alone), "runs": runs,
            "build_py_all_s": [round(s, 2) for s in full], "mkdocs_alone_all_s": [round(s, 2) for s in alone]}


def generated_docs_config(tmp: Path) -> Path:
    """mkdocs.yml pointing at a copy of the Markdown build.py writes (build/docs exists only
    after a build into site/): the pages as build.build makes them, before mkdocs."""
    docs = tmp / "docs"
    rules = load_rules()
    model = Rules.of(rules)
    shutil.copytree(ROOT / "docs", docs)
    copy_theme_scripts(docs)
    context = build_context(model, build.today_in_japan(), build.write_checker_files(rules, model, docs))
    render_pages(ROOT / "templates", docs, context)
    config = tmp / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*custom_dir: )(.+)$", lambda m: f"{m.group(1)}{ROOT / m.group(2)}", text)
    config.write_text(re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {docs}", text), encoding="utf-8")
    return config


def stock_runtime(site: Path, pyodide: str) -> int:
    """Give the floor page the runtime exactly as published (the site itself ships a trimmed
    standard library instead of python_stdlib.zip); return its bytes as nginx sends them."""
    shutil.copyfile(stock_zip(), site / pyodide / "python_stdlib.zip")
    total = 0
    for name in (*PYODIDE_FILES, "python_stdlib.zip"):
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
            "pyodide": json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"],
            "load_average_at_start": list(os.getloadavg())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    parser.add_argument("--only", choices=["roster"],
                        help="measure only this part (the roster: a few minutes, not the whole 15–25); its figures "
                             "go to build/bench/roster.json and bench/results.json is left as it is")
    args = parser.parse_args()
    missing = missing_system_parts()
    if missing:
        print(f"ベンチマークに必要なもの（{'、'.join(missing)}）がありません。`make bench` で入れるか"
              "（root か、パスワードなしの sudo のとき）、次のコマンドで入れてください："
              f"sudo apt-get install -y {' '.join(missing)}", file=sys.stderr)
        return 1

    work = ROOT / "build" / "bench"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print("building the site (precompressed)…", flush=True)
    try:
        site = build.build(ROOT / "rules", work / "site", build.today_in_japan(), compress=True)
    except RulesError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BuildError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    pyodide = next(p for p in (site / "pyodide").iterdir()).relative_to(site).as_posix() + "/"
    rules_name = next((site / "assets").glob("rules.*.json")).name
    if args.only == "roster":
        return roster_only(site, work, args.runs)
    package = write_hashed(site / "assets", "bench-checker", ".zip",
                           checker_zip({"timing.py": (ROOT / "bench" / "timing.py").read_bytes()}))
    for folder, html in (("bench-floor", FLOOR.format(pyodide=pyodide)),
                         ("bench-limit", LIMIT.format(pyodide=pyodide)),
                         ("bench-evaluate", EVALUATE.format(pyodide=pyodide, package=package, rules=rules_name,
                                                            requests=json.dumps(json.dumps(EVALUATE_REQUESTS))))):
        (site / folder).mkdir()
        (site / folder / "index.html").write_text(html, encoding="utf-8")

    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "runs": args.runs,
               "runtime_compressed_bytes": stock_runtime(site, pyodide)}
    log = work / "nginx" / "bench.log"
    with nginx_serving(site, work / "nginx", **nginx_extra(log)) as base, chromium() as browser:
        server = Server(base, log)
        saved = "checker-snapshot-saved"
        share = "checker/#q=" + urllib.parse.quote(json.dumps(SHARE_REQUEST, ensure_ascii=False))
        targets = {"floor": ("bench-floor/", "pyodide-ready", None),
                   "limit": ("bench-limit/", "wasm-compiled", None),
                   "checker_ready": ("checker/", "checker-ready", saved),
                   "share_link": (share, "checker-result", saved)}
        print(f"measuring in Chromium: {args.runs} runs, the floor, the limit and the checker taking turns…",
              flush=True)
        results.update(interleaved(browser, server, targets, args.runs))
        print("… and on a throttled connection (10 Mbit/s, 40 ms)…", flush=True)
        results["throttled"] = interleaved(browser, server, targets, args.runs, warm=False, network=THROTTLED)
        results["ratios"] = {
            f"{where}{name}_{kind}{suffix}": ratios(summary, name, floor=against, kind=kind)
            for where, summary, kinds in (("", results, ("cold", "warm")), ("throttled_", results["throttled"], ("cold",)))
            for name in ("checker_ready", "share_link") for kind in kinds
            for against, suffix in (("floor", ""), ("limit", "_to_limit"))}
        page = browser.new_page()
        page.goto(base + "bench-evaluate/")
        page.wait_for_function("window.__evaluate_ms !== undefined", timeout=180000)
        results["evaluate_pyodide_ms"] = page.evaluate("window.__evaluate_ms")
        page.close()
        results["guidance_page"] = guidance_page(browser, server, args.runs)
        results["rosters"] = [roster(browser, server, work, args.runs, rows, ready, later) for rows, ready, later in ROSTER_CASES]
    rules = load_rules()
    import checker

    checker.use_rules(rules)
    results["evaluate_cpython_ms"] = median_evaluate_ms(EVALUATE_REQUESTS)
    print("timing the build…", flush=True)
    results["build"] = build_times(5)
    results["machine"]["load_average_at_end"] = list(os.getloadavg())
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    return 0


def roster_only(site: Path, work: Path, runs: int) -> int:
    """`--only roster`: the roster's figures alone, for working on the roster's speed
    (written beside the bench's site, never over bench/results.json)."""
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "runs": runs}
    with nginx_serving(site, work / "nginx", **nginx_extra(work / "nginx" / "bench.log")) as base, \
            chromium() as browser:
        server = Server(base, work / "nginx" / "bench.log")
        results["rosters"] = [roster(browser, server, work, runs, rows, ready, later) for rows, ready, later in ROSTER_CASES]
    results["machine"]["load_average_at_end"] = list(os.getloadavg())
    (work / "roster.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_roster(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
