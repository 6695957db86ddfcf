"""名簿一括チェック: every row of an association's CSV roster through the single check's own
reading and calculators (`evaluate.situate`), worded as its verdict and status are.

The file is read where it is chosen (the browser, or the command line); nothing is sent
anywhere. Each row becomes the request a physician's own check would make, so a roster
row and a single check can never disagree; their errors come back as line and column.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..evaluate import apply_by_part, evaluate, internal_error, situate, today_in_japan
from ..interfaces.request import Request, RequestReader
from ..rules.current_rules import model_of
from ..rules.state import Status
from ..words.advice import status_label, verdict_only
from .cells import BIDI_CONTROLS, iso_date, units_in, without_bidi, without_spaces
from .output import CSV_COLUMNS, RESULT_COLUMNS, result_csv
from .reading import ADDRESS_FIELDS, MAX_ROWS, FileProblem, Layout, decode, read_text_rows
from .row_errors import RowErrors
from .rows import in_order, no_collection

if TYPE_CHECKING:
    from ..policy.situation import Situation


class Roster:
    RESULT_COLUMNS, CSV_COLUMNS = RESULT_COLUMNS, CSV_COLUMNS   # the page's table and the CSV's (output.py)

    def __init__(self, rules):
        self.rules = rules = model_of(rules)
        self.messages = rules.messages
        self.errors = RowErrors(rules, self.word)   # a row's errors in the roster's words
        self.categories = list(dict.fromkeys(
            name for c in rules.certifications.values() for name in c.procedures["renewal"].categories))
        self.titles = {}
        self._estimated_labels: dict[tuple, str] = {}
        self._not_registered = self.word("not_registered")
        self._mypage_deadline = rules.cutover.mypage_deadline.when.isoformat()
        for key, c in rules.certifications.items():
            for name in (c.name, c.short_name, c.short_name.removeprefix("認定")):
                self.titles[name] = key

    def word(self, key: str, **values) -> str:
        return self.messages.text("roster", key, **values)

    def _fields(self) -> list[tuple[str, str, bool]]:
        """(key, Japanese header, optional) for each column a roster may have, in the template's order."""
        return ([("id", self.word("id"), False), ("certification", self.word("certification"), False),
                 ("expires_on", self.word("expires_on"), False),
                 ("mypage_registered_on", self.word("mypage_registered_on"), True)]
                + [(f"credit:{name}", self.word("credits", category=name), True) for name in self.categories]
                + [(key, self.word(key), True) for key in ADDRESS_FIELDS])

    def headers(self) -> list[str]:
        optional = self.word("optional")
        return [label + optional if is_optional else label for _, label, is_optional in self._fields()]

    def result_headers(self) -> list[str]:
        return [self.word(key) for key, _ in self.RESULT_COLUMNS]

    def csv_result_headers(self) -> list[str]:
        return [self.word(key) for key, _ in self.CSV_COLUMNS] + [self.word("as_of"), self.word("edition")]

    def template_csv(self) -> str:
        """The header line staff fill in under, as Excel opens it (UTF-8 with BOM, CRLF)."""
        return "\ufeff" + ",".join(self.headers()) + "\r\n"

    def _columns(self, header: list[str]) -> dict[str, int]:
        """Where each known column is; a column given twice is refused (which one counts?)."""
        optional = self.word("optional")
        wanted = {key: label for key, label, _ in self._fields()}
        found = {}
        for index, cell in enumerate(header):
            name = cell.strip().lstrip("\ufeff").replace(optional, "").replace(" ", "").replace("　", "")
            for key, label in wanted.items():
                if name == label.replace(" ", "") or (key.startswith("credit:") and name == key[7:]):
                    if key in found:
                        raise FileProblem("duplicate_column", column=label, first=found[key] + 1, second=index + 1)
                    found[key] = index
        return found

    def check(self, data: bytes, as_of: str | None = None) -> dict:
        """{"rows": [...], "errors": [file-level messages], "as_of": the day checked};
        rows sorted by application month. Never raises, whatever the bytes.

        `as_of` (YYYY-MM-DD; None or "": today in Japan) is the 基準日 of every row. A day
        the single check would refuse is refused once, for the whole file, in the single
        check's words, with "error_field": "as_of" (never one error per row)."""
        opened = self.open(data, as_of)
        if isinstance(opened, dict):
            return opened
        return opened.result(self.rows(opened, 0, len(opened.body)))

    def open(self, data: bytes, as_of: str | None = None) -> "Opened | dict":
        """The file read and its day fixed, ready to be checked a part at a time (`rows`):
        the roster page shares a large file's rows between two workers. A file or day
        that cannot be checked gives `check`'s result for it, with its errors, instead."""
        as_of = as_of or today_in_japan().isoformat()   # one day for the whole file
        wrong_day = self.day_errors(as_of)
        if wrong_day:
            return {"rows": [], "errors": wrong_day, "error_field": "as_of", "as_of": as_of}
        with no_collection():   # the file's rows: tens of thousands of lists and strings, none garbage
            try:
                layout, body = self.read(data)
            except FileProblem as problem:
                return {"rows": [], "errors": [self.word(problem.key, **problem.values)], "as_of": as_of}
            body = [(number, layout.pad(cells)) for number, cells in body]
            first: dict = {}
            twins = [self._twin_of(number, cells, layout, first) for number, cells in body]   # over the whole file
        return Opened(as_of, layout, body, twins)

    def rows(self, opened: "Opened", start: int, end: int) -> list[dict]:
        """The results of the opened file's rows `start` to `end` (by place in the file, not
        line number), in the file's order; `in_order` sorts any parts together as `check` does."""
        with no_collection():
            return [self.row(number, cells, opened.layout, opened.as_of, twin=twin)
                    for (number, cells), twin in zip(opened.body[start:end], opened.twins[start:end])]

    def day_errors(self, as_of: str) -> list[str]:
        """Why the single check would refuse `as_of` as its 基準日 (not a real day, out of
        its years), in its own words; [] for a day it checks on."""
        request = Request()
        RequestReader(self.rules, today_in_japan).date_value(request, as_of, "as_of", "as_of")
        return [error["message"] for error in request.errors]

    def read(self, data: bytes) -> tuple["Layout", list[tuple[int, list[str]]]]:
        """Where each column is, and the numbered rows; FileProblem if the file cannot be
        a roster (unreadable, no header with the three needed columns, no rows)."""
        text = decode(data)
        header, body = read_text_rows(text, MAX_ROWS)
        header = without_bidi(header)[0]
        columns = self._columns(header)
        if not {"id", "certification", "expires_on"} <= set(columns):
            raise FileProblem("no_header", columns="、".join(self.headers()[:3]))
        if not body:
            raise FileProblem("empty")
        layout = Layout(columns, self.categories, header)
        if not BIDI_CONTROLS.search(text):   # nearly every file: one search, not one per line
            return layout, body
        return layout, [(number, layout.printable(number, cells)) for number, cells in body]

    def _twin_of(self, number: int, cells: list[str], layout: "Layout", first: dict) -> int | None:
        """The earlier line with the same ID and title as this one, or None (`first` keeps
        each ID and title's first line). One physician may hold both titles (two rows, one
        ID); the same title twice is a copy, and one of them is stale."""
        identity = cells[layout.id].strip()
        if not identity:
            return None
        title = cells[layout.certification].strip().replace(" ", "")
        earlier = first.setdefault((identity, self.titles.get(title, title)), number)
        return earlier if earlier != number else None

    def request(self, cells: list[str], layout: "Layout", as_of: str) -> "RowRequest":
        """The single-check request for one row, which column each credit total came from,
        and what the row leaves unknown.

        マイページ登録日: a date; 「未登録」 (not registered); or blank, which says nothing
        either way: most members registered long ago, so the row is checked as registered
        by the seed's deadline and the letter adds 「登録がまだの方は…」. Units: a row with
        no unit cell filled says nothing about them (0 means none yet)."""
        title = cells[layout.certification].strip()
        request = {"certification": self.titles.get(title.replace(" ", ""), title), "procedure": "renewal",
                   "expires_on": iso_date(cells[layout.expires_on]) or None, "as_of": as_of}
        registered = without_spaces(cells[layout.mypage_registered_on])
        mypage_known = bool(registered)
        if not registered:
            request["mypage_registered_on"] = min(self._mypage_deadline, as_of)
        elif registered != self._not_registered:
            request["mypage_registered_on"] = iso_date(registered)
        totals, sources, units_known = [], [], False
        for name, index in layout.credits:
            value = cells[index].strip()
            units_known = units_known or bool(value)
            if value and (units := units_in(value)) != 0:   # 0 means none yet
                totals.append({"category": name, "source": "unspecified", "units": units})
                sources.append(name)
        if units_known:   # a filled cell says something of the units ([]: none yet); none filled: unknown
            request["credit_totals"] = totals
        return RowRequest(request, sources, mypage_known, units_known)

    def evaluate(self, asked: "RowRequest", sentences: bool = False) -> dict:
        """The single check of a row (with the checklist's sentences for a letter)."""
        return evaluate(asked.request, self.rules, sentences=sentences, units_known=asked.units_known)

    def situate(self, asked: "RowRequest") -> tuple[list[dict], "Situation | None"]:
        """The row's errors, or where its physician stands: the single check's own reading
        and calculators (`evaluate.situate`), of which a row shows a few cells."""
        request, situation = situate(asked.request, self.rules, asked.units_known)
        return request.errors, situation

    def row(self, number: int, cells: list[str], layout: "Layout", as_of: str, twin: int | None = None) -> dict:
        """One row's result; `twin`: the earlier line with the same ID and title, if any.
        A twin row is a copy of that line (one of the two is stale): it names both lines
        and gets no result of its own, so that neither a letter nor a list acts on it.
        Its cells are what `evaluate` says for the row's request (the tests compare every
        row), worded from the same Situation without the rest of the single check's result."""
        asked = self.request(cells, layout, as_of)
        request, sources = asked.request, asked.sources
        errors, answer = self.answer(asked)
        identity = cells[layout.id].strip()
        row = {"line": number, "id": identity, "errors": [], "error_text": "",   # ROW_FIELDS, in order
               "certification": "", "expires_on": request.get("expires_on") or "",
               "expires_on_cell": cells[layout.expires_on].strip(), "round": "",
               "apply_months": [], "apply_label": "", "approval_on": "", "status": "", "status_label": "",
               "apply_by": "", "apply_by_label": "", "verdict": "", "verdict_title": "", "shortfall": None}
        written = {"expires_on": row["expires_on_cell"], "mypage_registered_on": cells[layout.mypage_registered_on].strip()}
        row["errors"] = self.errors.of_check(number, errors, request, sources, written)
        if twin is not None:
            row["errors"].append(self.errors.error(number, self.word("id"),
                                                   self.word("duplicate_id", first=twin, second=number)))
        if not identity:
            row["errors"].append(self.errors.error(number, self.word("id"), self.word("id_required")))
        for column, codes in layout.bidi_cells(number):
            row["errors"].append(self.errors.error(number, column, self.word("bidi_removed", codes=codes)))
        row["error_text"] = " / ".join(error["text"] for error in row["errors"])
        if answer is not None and twin is None:
            row.update(answer)
        return row

    def answer(self, asked: "RowRequest") -> tuple[list[dict], dict | None]:
        """The row's errors, or the cells the single check answers with: the verdict, the
        status, the shortfall and, where a round is left to apply in, the round's cells. A
        failure nobody foresaw, in the calculators or in the wording, is the single check's
        `internal` error (as in `evaluate`), never an exception out of `check`."""
        try:
            errors, s = self.situate(asked)
            return errors, (None if s is None else self._answer_cells(s, asked.units_known))
        except Exception:  # noqa: BLE001 - a message, never a traceback
            return [internal_error(self.rules)], None

    def _answer_cells(self, s: "Situation", units_known: bool) -> dict:
        verdict = verdict_only(s)
        cells = {"certification": s.certification.short_name,
                 "status": s.status.value, "status_label": status_label(s, verdict["code"]),
                 "verdict": verdict["code"], "verdict_title": verdict["title"],
                 "shortfall": s.credits["shortfall_total"] if units_known else None}
        if s.choice.actionable and s.status is not Status.EXPIRED:   # else no round is left to apply in
            window, apply_by = s.window, apply_by_part(s)
            cells.update({
                "round": window.labels["round"], "apply_months": list(window.part["apply_months"]),
                "apply_label": window.labels["apply_months"], "approval_on": window.labels["approval_on"],
                "apply_by": apply_by["apply_by"],
                "apply_by_label": self._apply_by_label(apply_by["label"], apply_by["apply_by_estimated"],
                                                       apply_by["apply_by_passed"]),
            })
        return cells

    def _apply_by_label(self, day: str, estimated: bool, passed: bool) -> str:
        """「…・目安」, and 「…（過ぎています）」 for a day already passed (never shown as one to
        meet), worded once per distinct value (a roster's rows share a few dozen)."""
        key = (day, estimated, passed)
        if key not in self._estimated_labels:
            label = self.word("estimated", date=day) if estimated else day
            self._estimated_labels[key] = self.word("passed", label=label) if passed else label
        return self._estimated_labels[key]

    def to_csv(self, rows: list[dict], as_of: str | None = None, *, source: bytes) -> str:
        """The result CSV of `rows` (`output.result_csv`; `as_of` None: today in Japan)."""
        return result_csv(self, rows, as_of or today_in_japan().isoformat(), source)


class Opened(NamedTuple):
    """A roster file read for checking: its day, its columns, its numbered rows (padded)
    and, for each, the earlier line that has the same ID and title (or None)."""
    as_of: str
    layout: "Layout"
    body: list[tuple[int, list[str]]]
    twins: list[int | None]

    def result(self, rows: list, row_fields: tuple[str, ...] | None = None) -> dict:
        """`Roster.check`'s result from this file's rows, however they were checked (in
        one go, or in parts by two workers): sorted as a roster shows them. The rows are
        dicts, or with `row_fields` lists of those fields' values."""
        return {"rows": in_order(rows, row_fields), "errors": [], "as_of": self.as_of}


class RowRequest(NamedTuple):
    request: dict            # what a physician's own check would send
    sources: list[str]       # the category of each credit total, in order (for errors' columns)
    mypage_known: bool       # False: the registration cell was blank
    units_known: bool        # False: no unit cell was filled
