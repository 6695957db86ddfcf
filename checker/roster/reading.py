"""A roster file's bytes → its numbered rows, or the one reason (in Japanese) it cannot be read.

Staff send whatever their PC saved: Excel's CSV in UTF-8 (with or without BOM) or
Shift_JIS, old Mac Excel's "CSV (Macintosh)" with lines ended by CR only, files
edited by hand. This module reads all of them alike and never raises anything but
`FileProblem`, whatever the bytes: in the browser an exception would stop the worker,
and the page with it. A file it cannot read whole is refused with the line to look at,
never read in part: an unclosed quote would otherwise swallow every later row into one
cell, and those physicians would silently go unchecked.
"""
from __future__ import annotations

import codecs
import csv
import io

from .cells import without_bidi

MAX_ROWS = 20000   # the most rows one roster may have (one check)
# A roster cell is a name, a title, a date or a number. Anything much longer is a file
# that went wrong; the limit also keeps a hostile cell from being echoed in messages.
MAX_CELL = 1000


class FileProblem(Exception):
    """Why the file cannot be checked: `key` names the message in messages.yaml `roster`,
    `values` fill it in (the caller words it; this module holds no words)."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


def read_rows(data: bytes, max_rows: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(the header's cells, [(line number, cells)] for each non-blank row after it).

    Line numbers are those Excel shows: CR, LF and CRLF each end a line, blank lines count."""
    return read_text_rows(decode(data), max_rows)


def read_text_rows(text: str, max_rows: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """`read_rows` of the file's text (`decode`d)."""
    if "\x00" in text:   # UTF-16 ("Unicode text") or a binary file saved as .csv
        raise FileProblem("nul_byte", line=_line_of(text, text.index("\x00")))
    header: list[str] = []
    body: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))   # too long cells are reported below, by line
    try:
        number = 0
        while True:
            first_line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error:   # a quote left open (to the end of the file) or one in the wrong place
                raise FileProblem("broken_quote", line=first_line, lines=reader.line_num - first_line + 1) from None
            number += 1
            if reader.line_num > first_line:
                raise FileProblem("line_break_in_cell", line=first_line, lines=reader.line_num - first_line + 1)
            if cells and max(map(len, cells)) > MAX_CELL:
                raise FileProblem("cell_too_long", line=number, max=MAX_CELL)
            if number == 1:
                header = cells
            elif "".join(cells).strip():   # not blank (one join, not a strip per cell)
                body.append((number, cells))
                if len(body) > max_rows:
                    raise FileProblem("too_many_rows", max=max_rows)
    finally:
        csv.field_size_limit(limit)
    return header, body


def columns_as_written(data: bytes, max_rows: int, leave_out: set[str]) -> tuple[list[str], dict[int, list[str]]]:
    """(the header, {line number: cells}) of a roster file, every cell as written, in as many
    columns as its widest line, without the columns whose header is in `leave_out` (the
    result columns of an earlier check: a result file read again gets fresh ones). A file
    that cannot be read has none."""
    try:
        header, body = read_rows(data, max_rows)
    except FileProblem:
        return [], {}
    width = max([len(header)] + [len(cells) for _, cells in body])
    header = without_bidi(header + [""] * (width - len(header)))[0]   # nothing printed reverses text
    keep = [index for index, cell in enumerate(header) if cell.strip() not in leave_out]
    cells_of = {number: [(cells[index] if index < len(cells) else "") for index in keep]
                for number, cells in ((number, without_bidi(cells)[0]) for number, cells in body)}
    return [header[index] for index in keep], cells_of


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or Shift_JIS/CP932, as Excel writes them. If neither
    reads the whole file, the problem names the line where the one that read further
    stopped: one stray byte in an otherwise good file is then easy to find."""
    utf8 = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return utf8.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_stop = exc.start + len(data) - len(utf8)
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as exc:
        stop = max(utf8_stop, exc.start)
    raise FileProblem("unreadable", line=_line_of(data, stop))


def _line_of(text: str | bytes, position: int) -> int:
    """The line `position` is on, counting CR, LF and CRLF each as one line end."""
    before = text[:position]
    cr, lf = ("\r", "\n") if isinstance(text, str) else (b"\r", b"\n")
    return before.count(lf) + before.count(cr) - before.count(cr + lf) + 1


ADDRESS_FIELDS = ("postal_code", "address", "name")   # optional: for the renewal notices' address block


class Layout:
    """Where each field is in this file's rows. Rows are padded to the header's width,
    with an always-empty cell at the end for an optional column the file does not have."""

    def __init__(self, columns: dict[str, int], categories: list[str], header: list[str] | None = None):
        self.header = header or []
        self.bidi: dict[int, dict[int, str]] = {}   # line → {cell index: the controls removed}
        self.width = max(columns.values()) + 2
        missing = self.width - 1
        self.id = columns["id"]
        self.certification = columns["certification"]
        self.expires_on = columns["expires_on"]
        self.mypage_registered_on = columns.get("mypage_registered_on", missing)
        self.credits = [(name, columns[f"credit:{name}"]) for name in categories if f"credit:{name}" in columns]
        self.address = {key: columns.get(key, missing) for key in ADDRESS_FIELDS}

    def pad(self, cells: list[str]) -> list[str]:
        return cells + [""] * (self.width - len(cells)) if len(cells) < self.width else cells

    def printable(self, number: int, cells: list[str]) -> list[str]:
        """Line `number`'s cells without bidirectional controls (noted for `bidi_cells`)."""
        cells, found = without_bidi(cells)
        if found:
            self.bidi[number] = found
        return cells

    def bidi_cells(self, number: int) -> list[tuple[str, str]]:
        """(the column's header, the controls removed) for each cell of line `number` that had some."""
        return [(self.header[index].strip() if index < len(self.header) and self.header[index].strip()
                 else f"{index + 1}列目", codes) for index, codes in self.bidi.get(number, {}).items()]
