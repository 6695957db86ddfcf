"""The YAML test cases: loading them and comparing a result with what a case expects.

Standard library only (the cases are handed over as JSON), so the very same comparison
runs on CPython under pytest and inside Pyodide under Node.

A case file:
    defaults: {request: {...}}          # merged under every case's request
    cases:
      - name: ...
        request: {...}
        expect: {status: open, schedule.round: 1, credits.by_category.実地研修.counted: 3}
        contains: {actions: "今が申請の時期です"}   # some item of the list (or the text itself) contains the text
        lacks: {warnings: "目安"}                 # no item of the list contains the text
        error_fields: [expires_on]                # exactly these fields have errors

A path in `expect`, `contains` or `lacks` that the result does not have is a mismatch
(a misspelt `lacks: {warning: ...}` would otherwise pass whatever the result says). To
expect that a key is not there, write `expect: {schedule.derivation: (absent)}`: the part
before the last dot must be in the result (`schedule`), and hold no such key.
"""
from __future__ import annotations

_MISSING = object()
ABSENT = "(absent)"   # also in a request: the key is left out (merged_request)


def merged_request(defaults: dict, case: dict) -> dict:
    request = dict((defaults or {}).get("request") or {})
    request.update(case.get("request") or {})
    return {key: value for key, value in request.items() if value != ABSENT}


def lookup(result, path: str):
    value = result
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def mismatches(case: dict, result: dict) -> list[str]:
    """Every way `result` differs from what `case` expects, one line each (empty: pass)."""
    problems = []
    for path, expected in (case.get("expect") or {}).items():
        actual = lookup(result, path)
        if expected == ABSENT:
            parent = lookup(result, path.rpartition(".")[0]) if "." in path else result
            if not isinstance(parent, dict):
                problems.append(f"{path}: {path.rpartition('.')[0]} is not in the result (expected {ABSENT})")
            elif actual is not _MISSING:
                problems.append(f"{path}: expected {ABSENT}, got {actual!r}")
        elif actual is _MISSING:
            problems.append(f"{path}: missing (expected {expected!r})")
        elif actual != expected or type(actual) is bool and type(expected) is not bool:
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    for mode in ("contains", "lacks"):
        for path, texts in (case.get(mode) or {}).items():
            items = lookup(result, path)
            if items is _MISSING:
                problems.append(f"{path}: not in the result ({mode} must name a path the result has)")
                continue
            items = [items] if isinstance(items, str) else items
            for text in texts if isinstance(texts, list) else [texts]:
                found = any(text in str(item) for item in items)
                if found != (mode == "contains"):
                    verb = "no item contains" if mode == "contains" else "an item contains"
                    problems.append(f"{path}: {verb} {text!r}: {items!r}")
    if "error_fields" in case:
        fields = sorted(error["field"] for error in result.get("errors", []))
        if fields != sorted(case["error_fields"]):
            problems.append(f"errors: expected fields {sorted(case['error_fields'])}, got {result.get('errors')}")
    if result.get("internal_error"):
        problems.append("internal error")
    return problems
