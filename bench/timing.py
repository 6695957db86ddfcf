"""Timing one `evaluate` call: the same code runs in CPython and, shipped in the bench's
copy of the package, inside Pyodide."""
from __future__ import annotations

import statistics
import time

import checker


def median_evaluate_ms(requests: list[dict], calls: int = 1000) -> float:
    """The median time of one evaluate call over `calls` calls (cycling through `requests`)."""
    for request in requests:          # warm-up: first calls import and compile
        checker.evaluate(request)
    samples = []
    for index in range(calls):
        request = requests[index % len(requests)]
        start = time.perf_counter()
        checker.evaluate(request)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
