"""What the browser's worker calls: JSON text in, JSON text (or bytes in a file) out.

The worker (web/checker-worker.js) only loads Pyodide, unpacks the package and calls a
`Session`; every line of Python the pages run is here, where CPython's tests reach it
(tests/test_browser_api.py). Text crosses the boundary, never proxies: a Python string
or dict handed to JavaScript would have to be freed by hand.

A session holds the rules it was given and, on the roster page, the last roster's rows
(the CSV download names rows by their index in it). Nothing is kept at module level, so
two sessions never share state.
"""
from __future__ import annotations

import json

from . import ruleset
from .evaluate import evaluate
from .ics import calendar


def load_json(text: str):
    """The one place where text from the page becomes Python data.

    Every request and the rules pass through here, so a stricter reader (limits on depth
    and size) replaces `json.loads` in this line alone. Raises ValueError on bad text."""
    try:
        return json.loads(text)
    except RecursionError:   # nested deeper than Python's stack: as unreadable as bad JSON
        raise ValueError("too deeply nested") from None


def dump_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class Session:
    """The checker for one page, under the rules the build wrote for it."""

    def __init__(self, rules_text: str):
        self.rules = load_json(rules_text)
        ruleset.use(self.rules)   # what evaluate() and the roster read when not handed rules
        self._roster_rows: list[dict] = []

    def _request(self, text: str):
        """The request in `text`; anything unreadable becomes None, which evaluate()
        answers with its own Japanese message (never a parser's English detail)."""
        try:
            return load_json(text)
        except ValueError:
            return None

    def evaluate_json(self, text: str) -> str:
        return dump_json(evaluate(self._request(text), self.rules))

    def ics(self, text: str) -> str:
        """The .ics file for the request in `text` (an empty calendar when it has errors)."""
        return calendar(evaluate(self._request(text), self.rules), self.rules)

    def roster_file(self, path: str, out_path: str) -> None:
        """Check the roster file at `path`; write the result as UTF-8 JSON to `out_path`.

        The result goes through a file and on to the page as bytes: a Python string of
        megabytes is slow to cross to JavaScript."""
        from .roster import Roster   # only the roster page's package has it

        with open(path, "rb") as handle:
            checked = Roster(self.rules).check(handle.read())
        self._roster_rows = checked["rows"]
        with open(out_path, "w", encoding="utf-8") as handle:
            handle.write(dump_json(checked))   # dumps: json.dump would encode piece by piece

    def roster_csv(self, indices_text: str) -> str:
        """The result CSV of the last roster's rows at the indices in `indices_text`
        (a JSON list, in the order shown on the page)."""
        from .roster import Roster

        try:
            indices = load_json(indices_text)
        except ValueError:
            indices = []
        rows = self._roster_rows
        chosen = [rows[i] for i in indices if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(rows)]
        return Roster(self.rules).to_csv(chosen)
