"""A made-up roster, checked by the roster page's worker before it says it is ready.

The browser compiles the runtime's code twice: first quickly, then, in the background,
an optimised copy of the code that has run often. The optimised copy of Python's
interpreter is made for the calls it has seen; when other calls come (the roster's, after
the start-up's), the browser drops it and makes it again, each time a few hundred
milliseconds of work. Made after the page was ready, those copies slowed the first rows
of a file chosen at once to about half speed (Chromium 156: the interpreter compiled
seven times, twice after ready; with --no-wasm-deopt, once).

So the roster page's worker checks this roster before it is ready: 300 rows of each title
name, expiry, date spelling and unit cell, made from the rules (no member's data). It
reads them as a file's rows, words them and makes the page's result, so the calls a real
file makes have all been seen while nothing else waits. About 0.3 s more before ready; a
file chosen then is shown about 0.5 s sooner, and about 0.2 s sooner from opening the page
(the median of the paired differences, 12 runs each, interleaved; README's performance
section). On a later visit (a worker restored from the kept snapshot) it makes no clear
difference either way (6 interleaved runs: 2.39 s with it, 2.52 s without, from the file
chosen; 4.23 s and 4.06 s from opening the page), and is kept there too.

It leaves no trace in a real file's result: its rows are its own (its own `Roster`, never
the session's), and every memo it fills is keyed by its inputs and holds what they give,
as the real file's would. The memos of the checker's modules (dates read, labels) are
emptied when it ends (`forget_memos`), even by an exception: a real file then fills them
with its own values, as without it. Those of the rules (a round's window, a text worded
once) keep the few values it made, the same ones a real file makes in its first rows.
"""
from __future__ import annotations

import datetime as dt
import json
import sys

from ..dates.japanese import date_ja, wareki_year
from .check import Roster
from .rows import ROW_FIELDS, row_values
from .output import for_page

ROWS = 300   # each title name, spelling and state many times; 0.07 s in CPython, about 0.3 s in the browser


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


def warm_up(rules, as_of: dt.date) -> None:
    """Check the made-up roster as the page's worker checks a file (open, rows, the page's
    result), then empty the module memos it filled."""
    try:
        roster = Roster(rules)   # its own memos (worded labels), not the real files' checker's
        opened = roster.open(sample_csv(roster, as_of), as_of.isoformat())
        if isinstance(opened, dict):   # never so (the tests check every row); nothing to warm
            return
        rows = row_values(roster.rows(opened, 0, len(opened.body)))   # as roster_rows
        checked = opened.result(rows, ROW_FIELDS)
        json.dumps(for_page(checked, ROW_FIELDS, 0, 200), ensure_ascii=False)   # as roster_finish
        json.dumps(for_page(checked, ROW_FIELDS, 200), ensure_ascii=False)   # and roster_rest
    finally:
        forget_memos()


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
