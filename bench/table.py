"""The benchmark's table, printed from bench/results.json's figures (KB = 1,024 bytes)."""
from __future__ import annotations


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def print_table(r: dict) -> None:
    floor, limit, ready, share, slow = r["floor"], r["limit"], r["checker_ready"], r["share_link"], r["throttled"]
    ratio = r["ratios"]

    def over(key):
        return f"{ratio[key]['median']:.2f}× (runs {min(ratio[key]['each']):.2f}–{max(ratio[key]['each']):.2f})"

    def against_floor(label, ours, theirs, wasm, key, goal=""):
        return (label, f"{ours:.0f} ms", f"floor {theirs:.0f} ms", over(key), f"limit {wasm:.0f} ms",
                over(f"{key}_to_limit"), goal)

    rows = [
        ("0. the limit: wasm streamed and compiled, first visit", f"{limit['cold_ms']:.0f} ms",
         f"floor {floor['cold_ms']:.0f} ms", f"{limit['cold_ms'] / floor['cold_ms']:.2f}× the floor (medians)", "", "", ""),
        ("0. the limit, 10 Mbit/s, first visit", f"{slow['limit']['cold_ms']:.0f} ms",
         f"floor {slow['floor']['cold_ms']:.0f} ms",
         f"{slow['limit']['cold_ms'] / slow['floor']['cold_ms']:.2f}× the floor (medians)", "", "", ""),
        against_floor("1. checker ready, first visit", ready["cold_ms"], floor["cold_ms"], limit["cold_ms"],
                      "checker_ready_cold"),
        against_floor("1. checker ready, later visit", ready["warm_ms"], floor["warm_ms"], limit["warm_ms"],
                      "checker_ready_warm"),
        against_floor("2. share link → result, first visit", share["cold_ms"], floor["cold_ms"], limit["cold_ms"],
                      "share_link_cold", "< 1.0× floor"),
        against_floor("2. share link → result, later visit", share["warm_ms"], floor["warm_ms"], limit["warm_ms"],
                      "share_link_warm"),
        against_floor("2. 10 Mbit/s: checker ready, first visit", slow["checker_ready"]["cold_ms"],
                      slow["floor"]["cold_ms"], slow["limit"]["cold_ms"], "throttled_checker_ready_cold"),
        against_floor("2. 10 Mbit/s: share link → result, first visit", slow["share_link"]["cold_ms"],
                      slow["floor"]["cold_ms"], slow["limit"]["cold_ms"], "throttled_share_link_cold", "< 0.85× floor"),
        ("3. one evaluate, Pyodide", f"{r['evaluate_pyodide_ms']:.2f} ms", "", "", "", "", "< 5 ms"),
        ("3. one evaluate, CPython", f"{r['evaluate_cpython_ms']:.2f} ms", "", "", "", "", ""),
        ("4. bytes until ready, first visit", _kb(ready["cold_bytes"]), f"floor {_kb(floor['cold_bytes'])}",
         f"{(ready['cold_bytes'] - floor['cold_bytes']) / 1024:+,.0f} KB "
         f"(stock runtime {_kb(r['runtime_compressed_bytes'])})", f"limit {_kb(limit['cold_bytes'])}", "", "< floor"),
        ("5. guidance page, first paint", f"{r['guidance_page']['fcp_ms']:.0f} ms", _kb(r["guidance_page"]["bytes"]),
         "Pyodide fetched: " + ("yes" if r["guidance_page"]["fetches_pyodide"] else "no"), "", "", ""),
        ("6. build.py vs mkdocs build", f"{r['build']['build_py_s']:.2f} s", f"mkdocs {r['build']['mkdocs_alone_s']:.2f} s",
         f"{r['build']['build_py_s'] / r['build']['mkdocs_alone_s']:.2f}×", "", "", "≤ 1.5×"),
        *((f"7. roster, {roster['rows']:,} rows shown{_chosen(roster)}", f"{roster['shown_s']:.2f} s",
           f"in the workers {roster['worker_s']:.2f} s",
           f"from opening the page {roster['open_to_shown_s']:.2f} s; runs {roster['shown_s_all']}{_handover(roster)}",
           *_against_cpython(roster),
           "" if roster.get("helper_ready") or roster.get("later_visit") else {10000: "< 1.5 s", 20000: "< 3 s"}.get(roster["rows"], ""))
          for roster in r["rosters"]),
    ]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    machine = r["machine"]
    print(f"\nmedian of {r['runs']} runs · {machine['cpu']} ({machine['cores']} cores) · {machine['chromium']} · "
          f"Pyodide {machine['pyodide']} · load average {machine['load_average_at_start'][0]:.1f} → "
          f"{machine['load_average_at_end'][0]:.1f}")
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    print("ratios: median of each run's ratio to the floor (the stock runtime's loadPyodide()), and to the limit\n"
          "(only pyodide.asm.wasm streamed and compiled), each measured in the same run as the checker")


def print_roster(r: dict) -> None:
    """`run.py --only roster`: the roster's lines alone."""
    machine = r["machine"]
    print(f"\nmedian of {r['runs']} runs · {machine['cpu']} ({machine['cores']} cores) · {machine['chromium']} · "
          f"load average {machine['load_average_at_start'][0]:.1f} → {machine['load_average_at_end'][0]:.1f}")
    for roster in r["rosters"]:
        low, high = roster["shown_s_range"]
        print(f"roster, {roster['rows']:,} rows{_chosen(roster)}: first 200 shown {roster['shown_s']:.2f} s (runs {low:.2f}–{high:.2f}: "
              f"{roster['shown_s_all']}), in the workers {roster['worker_s']:.2f} s, "
              f"from opening the page {roster['open_to_shown_s']:.2f} s"
              + _handover(roster)
              + (f", {roster['helper_share']:.0%} of the rows by the second worker" if "helper_share" in roster else "")
              + "".join(f"; {part}" for part in _against_cpython(roster) if part))


def _handover(roster: dict) -> str:
    """The test's hand-over of the file before the page hears of it (not in the time shown:
    measure.roster); blank in older results, which timed from before the hand-over."""
    if "handover_s" not in roster:
        return ""
    return (f"; the test's hand-over of the file before that {roster['handover_s']:.2f} s "
            f"(as the script sees it, with the hand-over: {roster['shown_wall_s']:.2f} s)")


def _chosen(roster: dict) -> str:
    """When the file was chosen, where the helper worker was waited for, and a later visit's
    (from the kept snapshot) with the moment its page was ready."""
    if roster.get("later_visit"):
        return f", later visit (page ready {roster['chosen_at_s']:.2f} s after opening it), chosen then"
    return ", chosen once both workers are ready" if roster.get("helper_ready") else ""


def _against_cpython(roster: dict) -> tuple[str, str]:
    """The same check in CPython after each run, and the page's time over it (a measure of
    the page that the machine's changing speed moves less); blank in older results."""
    if "cpython_check_s" not in roster:
        return "", ""
    return (f"the same check in CPython {roster['cpython_check_s']:.2f} s",
            f"{roster['shown_to_cpython']:.2f}× CPython (median of runs)")
