"""A roster's checked rows as the checker keeps, orders and passes them on: their fields,
their order on the page, and Python's garbage collector paused while thousands are made.

`Roster.row` (check.py) makes each row as a dict; the roster page's worker keeps rows as
lists of their values (`row_values`, interfaces/browser_api.py), the form in which a share
checked by the second worker crosses to the first.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from operator import itemgetter

# A row's fields, in order: `Roster.row` gives every one. The page's worker keeps rows as
# lists of their values (`row_values`): a share checked by the second worker crosses as
# JSON, and lists are half the JSON of dicts and twice as fast (interfaces/browser_api.py).
ROW_FIELDS = ("line", "id", "errors", "error_text", "certification", "expires_on", "expires_on_cell", "round",
              "apply_months", "apply_label", "approval_on", "status", "status_label", "apply_by", "apply_by_label",
              "verdict", "verdict_title", "shortfall")
_values_of = itemgetter(*ROW_FIELDS)


def row_values(rows: list[dict]) -> list[list]:
    """`Roster.row`s as lists of their `ROW_FIELDS`' values."""
    return [list(_values_of(row)) for row in rows]


@contextmanager
def no_collection():
    """Python's cyclic garbage collector paused: a roster's rows make tens of thousands of
    objects that all live to the end, and none is garbage (no cycles), yet each collection
    walks them all again; that was a tenth of a 20,000-row check. Reference counting still
    frees what dies at once. Also while the file is read and while the page's worker puts
    the rows together (interfaces/browser_api.py)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def getter(row_fields: tuple[str, ...] | None, *names: str) -> itemgetter:
    """The values of `names` (one name: its value) of a row that is a dict (`row_fields`
    None) or a list of `row_fields`' values."""
    return itemgetter(*(names if row_fields is None else map(row_fields.index, names)))


def in_order(rows: list, row_fields: tuple[str, ...] | None = None) -> list:
    """Rows in the order a roster shows them: by first application month (rows with none
    last), then by line. The rows are dicts, or with `row_fields` lists of those fields'
    values (as the page's worker keeps them)."""
    months_of, line_of = getter(row_fields, "apply_months"), getter(row_fields, "line")
    return sorted(rows, key=lambda row: (months[0] if (months := months_of(row)) else "9999-99", line_of(row)))
