"""What the browser's worker calls: JSON text in, JSON text (or bytes in a file) out.

The worker (web/checker-worker.js) only loads Pyodide, unpacks the package and calls a
`Session`; every line of Python the pages run is here, where CPython's tests reach it
(tests/unit/test_browser_api.py). Text crosses the boundary, never proxies: a Python string
or dict handed to JavaScript would have to be freed by hand.

A session holds the rules it was given and, on the roster page, the last roster's rows
(the CSV download names rows by their index in it), and hands its rules to every call.
Its rules also become the package's rules in use (`current_rules.use`): the few words
made where no rules are handed down (safe_json's refusals) come from there. A page has
one session; a second session replaces the rules in use with its own.
"""
from __future__ import annotations

import json

from . import safe_json
from ..evaluate import empty_result, evaluate, today_in_japan
from ..rules import current_rules
from .ics import calendar


def load_json(text: str):
    """The one place where text from the page becomes Python data: within the same limits
    of size and nesting as the command line (`safe_json`). Raises ValueError (its message
    Japanese) on text that is not such JSON."""
    return safe_json.load(text)


def dump_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class Session:
    """The checker for one page, under the rules the build wrote for it."""

    def __init__(self, rules_text: str):
        self.rules = current_rules.use(json.loads(rules_text))   # the build's own file: no limits needed
        self._roster_values: list[list] = []     # the last roster's rows in the order shown, as `row_values`
        self._roster_dicts: list[dict] | None = None   # the same as dicts, made once the CSV or letters ask
        self._roster_as_of: str | None = None   # the day the last roster was checked for (its CSV says it)
        self._roster_data = b""                  # its file: the letters read the address columns again
        self._roster = None                      # the roster checker (_roster_checker)
        self._roster_opened = None               # the roster being checked (roster_open to roster_finish)
        self._roster_parts: list[list] = []      # the rows of it checked here so far (`row_values`)

    def _request(self, text: str):
        """The request in `text`; anything unreadable becomes None, which evaluate()
        answers with its own Japanese message (never a parser's English detail)."""
        try:
            return load_json(text)
        except ValueError:
            return None

    def evaluate_json(self, text: str) -> str:
        """The result for the request in `text`; text that is not a readable request gets
        its Japanese reason as the result's error (too deep, too large, not JSON)."""
        try:
            request = load_json(text)
        except ValueError as exc:
            return dump_json(empty_result(self.rules, None, [{"field": "", "message": str(exc)}]))
        return dump_json(evaluate(request, self.rules))

    def ics(self, text: str) -> str:
        """The .ics file for the request in `text` (an empty calendar when it has errors)."""
        return calendar(evaluate(self._request(text), self.rules), self.rules)

    def roster_file(self, path: str, out_path: str, as_of: str = "") -> None:
        """Check the roster file at `path` as of `as_of` (the page's 基準日, YYYY-MM-DD;
        "": today in Japan) in one go: `roster_open`, `roster_rows` of every row and
        `roster_finish` (the page calls them itself, to share the rows between workers)."""
        opened = load_json(self.roster_open(path, as_of))
        if not opened["errors"]:
            self.roster_rows(0, opened["count"])
        self.roster_finish(out_path, "[]")

    def roster_prepare(self) -> None:
        """Make the roster checker and import what a file's check and its result need, in
        the roster page's workers before they say they are ready (web/checker-worker.js),
        so that the first file does not wait for the roster's modules."""
        from ..roster import output  # noqa: F401 - roster_finish's, imported here, not at the first file

        self._roster_checker()

    def _roster_checker(self):
        """The roster checker, made once (a file's shares use one: its memos last)."""
        if self._roster is None:
            from ..roster.check import Roster   # only the roster page's package has it

            self._roster = Roster(self.rules)
        return self._roster

    def roster_warm_up(self) -> None:
        """Check a made-up roster (roster/warm_up.py), as the roster page's worker does once,
        before it says it is ready: the browser then has the roster's code compiled for
        speed when the file comes. Its rows are its own, and the module memos it filled are
        emptied."""
        from ..roster.warm_up import warm_up

        warm_up(self.rules, today_in_japan())

    def roster_open(self, path: str, as_of: str = "") -> str:
        """Read the roster file at `path` for checking as of `as_of` ("": today in Japan),
        and forget the last roster. JSON {"count": its rows, "as_of": the day, "errors": []};
        a file or day that cannot be checked gives its errors here, and `roster_finish`
        answers with them."""
        with open(path, "rb") as handle:
            self._roster_data = handle.read()
        self._roster_values, self._roster_dicts, self._roster_parts = [], None, []
        opened = self._roster_checker().open(self._roster_data, as_of or None)
        if isinstance(opened, dict):   # nothing to check: its errors
            self._roster_opened, self._roster_as_of = opened, opened["as_of"]
            return dump_json({"count": 0, "as_of": opened["as_of"], "errors": opened["errors"]})
        self._roster_opened, self._roster_as_of = opened, opened.as_of
        return dump_json({"count": len(opened.body), "as_of": opened.as_of, "errors": []})

    def roster_rows(self, start: int, end: int, out_path: str = "") -> None:
        """Check rows `start` to `end` of the opened roster: kept here for `roster_finish`,
        or (a second worker's share) written as UTF-8 JSON to `out_path`
        ({"fields": ROW_FIELDS, "rows": their `row_values`}), which `roster_finish` in the
        first worker reads. Either way each row becomes its list of values here, while the
        two workers check at once, not in `roster_finish`, which the page waits for."""
        from ..roster.rows import ROW_FIELDS, row_values

        values = row_values(self._roster_checker().rows(self._roster_opened, start, end))
        if out_path:   # lists: half the JSON of dicts, and twice as fast
            with open(out_path, "w", encoding="utf-8") as handle:
                handle.write(dump_json({"fields": ROW_FIELDS, "rows": values}))
        else:
            self._roster_parts.extend(values)

    def roster_close(self) -> None:
        """Let go of the opened roster (the helper's copy, once its shares are done)."""
        self._roster_data, self._roster_opened, self._roster_parts = b"", None, []
        self._roster_values, self._roster_dicts = [], None

    def roster_finish(self, out_path: str, part_paths_text: str, first: int = 0) -> None:
        """The opened roster's result, from the rows checked here and those in the files
        named in `part_paths_text` (a JSON list; a second worker's shares), written as the
        page reads it (`roster.output.for_page`: rows as lists, their words in tables sent
        once) as UTF-8 JSON to `out_path`: its `first` rows (0: all), the first screen,
        and how many there are (`roster_rest` gives the others). The rows stay here for
        the rest, the CSV and the letters.

        The result goes through a file and on to the page as bytes: a Python string of
        megabytes is slow to cross to JavaScript."""
        from ..roster.rows import ROW_FIELDS, no_collection

        opened, rows = self._roster_opened, self._roster_parts
        self._roster_parts, self._roster_opened = [], None   # let go of, whatever happens below
        if isinstance(opened, dict):   # nothing was checked: the file's or the day's errors
            checked = opened
        else:
            with no_collection():
                for part_path in load_json(part_paths_text):
                    with open(part_path, encoding="utf-8") as handle:
                        share = json.loads(handle.read())   # our own worker's JSON: no limits needed
                    if tuple(share["fields"]) != ROW_FIELDS:   # never so: the two workers run one package
                        raise ValueError("a share of other fields")   # the worker answers `failed`
                    rows.extend(share["rows"])
                checked = opened.result(rows, ROW_FIELDS)
        self._roster_values, self._roster_dicts = checked["rows"], None
        self._write_page_rows(out_path, checked, 0, first or None)

    def roster_rest(self, out_path: str, start: int) -> None:
        """The last roster's rows from `start` on (after the first screen that
        `roster_finish` wrote), as `roster_finish` writes them."""
        checked = {"rows": self._roster_values, "errors": [], "as_of": self._roster_as_of}
        self._write_page_rows(out_path, checked, start, None)

    @staticmethod
    def _write_page_rows(out_path: str, checked: dict, start: int, end: int | None) -> None:
        from ..roster.rows import ROW_FIELDS, no_collection
        from ..roster.output import for_page

        with no_collection():
            text = dump_json(for_page(checked, ROW_FIELDS, start, end))   # dumps: json.dump would encode piece by piece
        with open(out_path, "w", encoding="utf-8") as handle:
            handle.write(text)

    @property
    def _roster_rows(self) -> list[dict]:
        """The last roster's rows as dicts (the CSV and the letters read them), made once."""
        if self._roster_dicts is None:
            from ..roster.rows import ROW_FIELDS

            self._roster_dicts = [dict(zip(ROW_FIELDS, values)) for values in self._roster_values]
        return self._roster_dicts

    def _chosen(self, indices_text: str) -> list[dict] | None:
        """The last roster's rows at the indices in `indices_text` (a JSON list, in the
        order shown on the page); None for `null` (no choice made)."""
        try:
            indices = load_json(indices_text)
        except ValueError:
            indices = []
        if indices is None:
            return None
        rows = self._roster_rows
        return [rows[i] for i in (indices if isinstance(indices, list) else [])
                if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(rows)]

    def roster_csv(self, indices_text: str) -> str:
        """The result CSV of the chosen rows of the last roster."""
        return self._roster_checker().to_csv(self._chosen(indices_text) or [], self._roster_as_of, source=self._roster_data)

    def notices(self, indices_text: str) -> str:
        """The renewal letters (HTML, escaped, from the letters template) for the chosen
        rows, or with `null` for the members whose application months begin within the
        next four months; as JSON {"count", "html"}."""
        from ..roster.notices import Letters

        letters = Letters(self.rules)
        chosen = self._chosen(indices_text)
        rows = Letters.due(self._roster_rows, self._roster_as_of) if chosen is None else \
            [row for row in chosen if not row["errors"]]
        members = letters.members(self._roster_data, rows, self._roster_as_of)
        return dump_json({"count": len(members), "html": letters.fragment(members, self._roster_as_of)})
