"""Where the checker's compiled rules come from.

In the browser the worker hands over the JSON the build wrote (`use`). On CPython, with
nothing handed over, the rules are compiled afresh from `rules/*.yaml` by `rulebook`
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
        from rulebook import load_rules  # CPython only; Pyodide always calls use() first

        _current = load_rules()
    return _current
