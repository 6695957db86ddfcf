"""Where the checker's compiled rules come from.

In the browser the worker hands over the JSON the build wrote (`use`). On CPython, with
nothing handed over, the rules are compiled afresh from `rules/*.yaml` by `loader`
(which needs PyYAML), so the command line never runs on a stale copy.
"""
from __future__ import annotations

import json

_current: dict | None = None


def use(compiled: dict | str) -> None:
    """Make `compiled` (a dict, or its JSON text) the rules every later call uses."""
    global _current
    _current = json.loads(compiled) if isinstance(compiled, str) else compiled


def current() -> dict:
    global _current
    if _current is None:
        from loader import load_rules  # CPython only; Pyodide always calls use() first

        _current = load_rules()
    return _current


_made: dict[tuple[object, int], tuple[dict, object]] = {}


def once_per_rules(make, rules: dict):
    """`make(rules)`, made once per rules object and then reused.

    What every request under the same rules shares (the review schedule, its labels)
    is worked out once: a roster asks thousands of times. The rules object is kept
    alongside, so a new rules object that reuses a freed one's id is never mistaken
    for it; only the newest rules are kept for each `make`."""
    key = (make, id(rules))
    kept = _made.get(key)
    if kept is None or kept[0] is not rules:
        for old in [k for k in _made if k[0] is make]:
            del _made[old]
        kept = _made[key] = (rules, make(rules))
    return kept[1]
