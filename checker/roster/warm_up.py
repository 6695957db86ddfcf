"""A made-up roster, checked a part at a time while staff choose their file.

The browser compiles the runtime's code twice: first quickly, then, in the background,
an optimised copy of the code that has run often. Code that has not run yet starts on
the quick compile. The roster's code had not run when the page became ready, so a file's
first two thousand rows took about twice as long as its later ones (Chromium, a 500-row
share: 120–200 ms, then 65–75 ms; with the optimised compile made at once, by Chromium's
--no-wasm-dynamic-tiering, the shares after the first took about 100 ms from the start).

So the roster page's worker checks this roster right after it is ready: 300 rows of each
title name, expiry, date spelling and unit cell, made from the rules (no member's data).
It reads them as a file's rows, words them and makes the page's result, so the code a
real file needs has run. It goes a call at a time (the file's reading, 25 rows a call,
then the page's result), each call a task of the worker's own, so a file chosen meanwhile
waits for one call at most; any message from the page stops it (web/checker-worker.js).

It leaves no trace in a real file's result: its rows are its own (its own `Roster`, never
the session's), and every memo it fills is keyed by its inputs and holds what they give,
as the real file's would. The memos of the checker's modules (dates read, labels) are
emptied when it ends (`forget_memos`): a real file then fills them with its own values, as
without it. Those of the rules (a round's window, a text worded once) keep the few values
it made, the same ones a real file makes in its first rows.
"""
from __future__ import annotations

import datetime as dt
import json
import sys

from ..dates.japanese import date_ja, wareki_year
from .check import Roster
from .output import for_page

ROWS = 300   # each title name, spelling and state many times; 0.07 s in CPython, about 0.5 s in the browser
PART = 25    # rows per call: what a file chosen meanwhile may wait for


def sample_csv(roster: Roster, as_of: dt.date) -> bytes:
    """The made-up roster, as a PC saves it (Shift_JIS, CRLF), under the template's header:
    each title under each name the roster reads, expiries from about two years before
    `as_of` to six after, every date spelling the template allows, the three kinds of
    マイページ cell, unit cells filled, blank or 0, and a few rows with the errors files have."""
    rules = roster.rules
    fields = [key for key, _, _ in roster._fields()]
    names = list(roster.titles.items())   # (a name staff write, the title's key)
    deadline = rules.cutover.mypage_deadline.when
    registered = ("", roster.word("not_registered"), _slashed(deadline), _slashed(deadline + dt.timedelta(days=40)))
    lines = [",".join(roster.headers())]
    for row in range(ROWS):
        title, key = names[row % len(names)]
        expires = as_of + dt.timedelta(days=(row * 29) % 3000 - 700)
        categories = rules.certifications[key].procedures["renewal"].categories
        cells = {"id": f"見本-{row:03d}", "certification": title, "expires_on": _spelled(expires, row % 4),
                 "mypage_registered_on": registered[row % len(registered)]}
        if row % 15 == 7:    # the errors staff's files have: a title left out, a day that does not exist
            cells["certification"] = ""
        elif row % 15 == 14:
            cells["expires_on"] = f"{expires.year}/2/30"
        if row % 5:   # every fifth row says nothing of its units
            cells.update({f"credit:{name}": str((row + 3 * index) % 13) for index, name in enumerate(categories)})
        lines.append(",".join(cells.get(field, "") for field in fields))
    return ("\r\n".join(lines) + "\r\n").encode("cp932")


def _slashed(day: dt.date) -> str:
    return f"{day.year}/{day.month}/{day.day}"


def _spelled(day: dt.date, style: int) -> str:
    """`day` as staff write it: 2027-03-31, 2027/3/31, 2027年3月31日 or 令和9年3月31日."""
    return (day.isoformat(), _slashed(day), date_ja(day, False), f"{wareki_year(day)}{day.month}月{day.day}日")[style]


class WarmUp:
    """The made-up roster being checked: `step` checks the next part; False once it is
    done (the page's result made and dropped)."""

    def __init__(self, rules, as_of: dt.date):
        self.roster = Roster(rules)   # its own memos (worded labels), not the real files' checker's
        self.opened = self.roster.open(sample_csv(self.roster, as_of), as_of.isoformat())
        self.rows: list[dict] = []
        self.done = 0

    def step(self) -> bool:
        if isinstance(self.opened, dict):   # never so (the tests check every row); nothing to warm
            return False
        if self.done < len(self.opened.body):
            self.rows += self.roster.rows(self.opened, self.done, self.done + PART)
            self.done += PART
            return True
        json.dumps(for_page(self.opened.result(self.rows)), ensure_ascii=False)   # as roster_finish
        return False


def checker_memos() -> list:
    """Every memo (`functools.lru_cache`) of the checker's modules now imported."""
    package = __name__.split(".")[0]
    return [value for name, module in list(sys.modules.items())
            if module is not None and (name == package or name.startswith(package + "."))
            for value in list(vars(module).values()) if callable(getattr(value, "cache_clear", None))]


def forget_memos() -> None:
    """Empty the memos of the checker's modules: after the made-up roster, a real file fills
    them with its own values, as it would have without it (their values are the same
    either way: each is keyed by its inputs)."""
    for memo in checker_memos():
        memo.cache_clear()
