"""A checked roster as it leaves the checker: the columns of the page's table and of the
result CSV staff download, the CSV itself, and the rows as the roster page reads them.

`Roster.check` keeps whole rows (dicts: the CSV, the letters and the tests read them). The
page needs a few cells of each, for thousands of rows, and most of those cells are one of
a few dozen texts (a round, a heading, a day to apply by); they cross to the page once
each, in tables, and the rows carry their indices (10,000 rows: 6.2 MB of JSON → 1.1 MB).
"""
from __future__ import annotations

import csv
import io

from ..dates.japanese import date_ja
from ..dates.months import parse_date
from .cells import inert
from .reading import MAX_ROWS, columns_as_written
from .rows import getter

# The page's table: (header word in messages.yaml `roster`, the row's field shown).
# What to do and by when come first after the name.
RESULT_COLUMNS = (("line", "line"), ("id", "id"), ("verdict", "verdict_title"), ("status", "status_label"),
                  ("apply_by", "apply_by_label"), ("shortfall", "shortfall"), ("errors", "error_text"),
                  ("certification", "certification"), ("expires_on", "expires_on_cell"), ("round", "round"),
                  ("apply_months", "apply_label"), ("approval_on", "approval_on"))
# The result CSV: the file's own columns as written, then these, then the day checked and
# the edition. None of their headers is one the roster reads, so next month the same
# file can be checked again as it is (its old result columns are then left out).
CSV_COLUMNS = (("line", "line"), ("verdict", "verdict_title"), ("status", "status_label"),
               ("apply_by", "apply_by_label"), ("shortfall", "shortfall"), ("errors", "error_text"),
               ("round", "round"), ("apply_months", "apply_label"), ("approval_on", "approval_on"))
# What the page gets of each row (its table, filters and the status line): the cells as
# they are, then those worded from a few dozen distinct texts, for which the row carries the
# index of its text in the result's table for that field (`words`), and the page looks it
# up. `month` is the first application month (the filter's); a row has errors where its
# `error_text` is not empty. The page finds each field by its name in `fields`.
PAGE_PLAIN = ("line", "id", "shortfall", "error_text", "expires_on_cell")
PAGE_WORDED = ("verdict_title", "status", "status_label", "apply_by_label", "certification", "round",
               "apply_label", "approval_on", "month")
PAGE_FIELDS = PAGE_PLAIN + PAGE_WORDED


def for_page(checked: dict, row_fields: tuple[str, ...] | None = None, start: int = 0, end: int | None = None) -> dict:
    """`Roster.check()`'s result as the roster page reads it: {"as_of", "as_of_label",
    "errors", "error_field", "count", "fields", "words", "rows"}, each row a list of the
    page's `fields`' values, a worded field's value the index of its text in
    `words[field]`. The rows stay in `checked`'s order (the page names rows by that index
    when it asks for the CSV or the letters); `start`, `end`: only those of them (the page
    shows its first screen before it gets the rest), `count`: how many there are in all.
    `checked`'s rows are dicts, or with `row_fields` lists of those fields' values (as
    the page's worker keeps them: browser_api.py).

    Rows share their worded cells by the round and state (a few hundred sets in 10,000
    rows), so each set's indices are looked up once, not field by field for every row."""
    plain_of = getter(row_fields, *PAGE_PLAIN)
    worded_of = getter(row_fields, *PAGE_WORDED[:-1])   # and the month, from `apply_months`
    months_of = getter(row_fields, "apply_months")
    tables: list[dict] = [{} for _ in PAGE_WORDED]
    indices_of: dict[tuple, list[int]] = {}
    rows = []
    for row in checked["rows"][start:end]:
        months = months_of(row)
        texts = (*worded_of(row), months[0] if months else "")
        indices = indices_of.get(texts)
        if indices is None:
            indices = indices_of[texts] = [table.setdefault(text, len(table)) for table, text in zip(tables, texts)]
        rows.append([*plain_of(row), *indices])
    day = None if checked.get("error_field") == "as_of" else date_ja(parse_date(checked["as_of"]))
    return {"as_of": checked["as_of"], "as_of_label": day, "errors": checked["errors"],
            "error_field": checked.get("error_field"), "count": len(checked["rows"]), "fields": list(PAGE_FIELDS),
            "words": {field: list(table) for field, table in zip(PAGE_WORDED, tables)}, "rows": rows}


def result_csv(roster, rows: list[dict], as_of: str, source: bytes) -> str:
    """`rows` of `roster` (a `Roster`) as Excel opens them: UTF-8 with BOM, CRLF. Each line
    is the line of `source` (the file `check()` read) with all its columns as written, then
    the result columns: staff keep their own (郵便番号, 住所, notes) for a mail merge and can
    check the file again next month. The result's dates are words Excel keeps as text
    (2026年11月30日（月）). Every line says the day checked for (`check()["as_of"]`) and the
    edition, so the file is one table that tells its date.

    A cell that Excel would run as a formula (starting with = + - @, tab or CR) is written
    with a leading ' and so shown as text; the rows and the page keep it as is."""
    try:
        day = date_ja(parse_date(as_of))
    except ValueError:
        day = as_of
    edition = roster.rules.edition.name
    result_headers = roster.csv_result_headers()
    header, cells_of = columns_as_written(source, MAX_ROWS, leave_out=set(result_headers))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([inert(cell) for cell in header] + result_headers)
    fields = [field for _, field in roster.CSV_COLUMNS]
    for row in rows:
        cells = cells_of.get(row["line"], [""] * len(header))
        result = ["" if row[field] is None else row[field] for field in fields] + [day, edition]
        writer.writerow([inert(str(cell)) for cell in cells + result])
    return "\ufeff" + out.getvalue()
