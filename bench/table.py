"""The benchmark's table, printed from bench/results.json's figures (KB = 1,024 bytes)."""
from __future__ import annotations


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def print_table(r: dict) -> None:
    floor, ready, share, slow = r["floor"], r["checker_ready"], r["share_link"], r["throttled"]
    ratio = r["ratios"]

    def against_floor(label, ours, theirs, key, goal=""):
        return (label, f"{ours:.0f} ms", f"floor {theirs:.0f} ms",
                f"{ratio[key]['median']:.2f}× (runs {min(ratio[key]['each']):.2f}–{max(ratio[key]['each']):.2f})", goal)

    rows = [
        against_floor("1. checker ready, first visit", ready["cold_ms"], floor["cold_ms"], "checker_ready_cold"),
        against_floor("1. checker ready, later visit", ready["warm_ms"], floor["warm_ms"], "checker_ready_warm"),
        against_floor("2. share link → result, first visit", share["cold_ms"], floor["cold_ms"], "share_link_cold",
                      "< 1.0×"),
        against_floor("2. share link → result, later visit", share["warm_ms"], floor["warm_ms"], "share_link_warm"),
        against_floor("2. 10 Mbit/s: checker ready, first visit", slow["checker_ready"]["cold_ms"],
                      slow["floor"]["cold_ms"], "throttled_checker_ready_cold"),
        against_floor("2. 10 Mbit/s: share link → result, first visit", slow["share_link"]["cold_ms"],
                      slow["floor"]["cold_ms"], "throttled_share_link_cold", "< 0.85×"),
        ("3. one evaluate, Pyodide", f"{r['evaluate_pyodide_ms']:.2f} ms", "", "", "< 5 ms"),
        ("3. one evaluate, CPython", f"{r['evaluate_cpython_ms']:.2f} ms", "", "", ""),
        ("4. bytes until ready, first visit", _kb(ready["cold_bytes"]), f"floor {_kb(floor['cold_bytes'])}",
         f"{(ready['cold_bytes'] - floor['cold_bytes']) / 1024:+,.0f} KB "
         f"(stock runtime {_kb(r['runtime_compressed_bytes'])})", "< floor"),
        ("5. guidance page, first paint", f"{r['guidance_page']['fcp_ms']:.0f} ms", _kb(r["guidance_page"]["bytes"]),
         "Pyodide fetched: " + ("yes" if r["guidance_page"]["fetches_pyodide"] else "no"), ""),
        ("6. build.py vs mkdocs build", f"{r['build']['build_py_s']:.2f} s", f"mkdocs {r['build']['mkdocs_alone_s']:.2f} s",
         f"{r['build']['build_py_s'] / r['build']['mkdocs_alone_s']:.2f}×", "≤ 1.5×"),
        ("7. roster, 10,000 rows shown", f"{r['roster']['shown_s']:.2f} s",
         f"in the worker {r['roster']['worker_s']:.2f} s",
         f"from opening the page {r['roster']['open_to_shown_s']:.2f} s; runs {r['roster']['shown_s_all']}", "< 2 s"),
    ]
    widths = [max(len(str(row[i])) for row in rows) for i in range(5)]
    machine = r["machine"]
    print(f"\nmedian of {r['runs']} runs · {machine['cpu']} ({machine['cores']} cores) · {machine['chromium']} · "
          f"Pyodide {machine['pyodide']} · load average {machine['load_average_at_start'][0]:.1f} → "
          f"{machine['load_average_at_end'][0]:.1f}")
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    print("ratios: median of each run's ratio to the floor measured just before it")
