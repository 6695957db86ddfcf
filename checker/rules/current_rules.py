"""Which rules the checker uses when a caller names none.

In the browser the worker hands over the JSON the build wrote (`use`). On CPython, with
nothing handed over, the rules are compiled afresh from `rules/*.yaml` by `loader`
(which needs PyYAML), so the command line never runs on a stale copy.
"""
from __future__ import annotations

import json

from .model import Rules

_current: Rules | None = None
_last_dict: tuple[dict, Rules] | None = None


def use(compiled) -> Rules:
    """Make `compiled` (a `Rules`, a dict, or its JSON text) the rules every later call uses."""
    global _current
    if isinstance(compiled, str):
        compiled = json.loads(compiled)
    _current = compiled if isinstance(compiled, Rules) else Rules.of(compiled)
    return _current


def current() -> Rules:
    global _current
    if _current is None:
        from loader import load_rules  # CPython only; Pyodide always calls use() first

        _current = Rules.of(load_rules())
    return _current


def model_of(rules) -> Rules:
    """`rules` as a `Rules`: None → the rules in use; a compiled dict → its model, built
    once for the dict last asked about (a roster passes the same dict thousands of times;
    the dict is kept, so a new dict is never mistaken for it)."""
    global _last_dict
    if rules is None:
        return current()
    if isinstance(rules, Rules):
        return rules
    if _last_dict is None or _last_dict[0] is not rules:
        _last_dict = (rules, Rules.of(rules))
    return _last_dict[1]
