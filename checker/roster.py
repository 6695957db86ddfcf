"""名簿一括チェック: every row of an association's CSV roster through the same `evaluate`.

The file is read where it is chosen (the browser, or the command line); nothing is sent
anywhere. Each row becomes the request a physician's own check would make, so a roster
row and a single check can never disagree; their errors come back as line and column.
"""
from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from .evaluate import evaluate, today_in_japan
from .current_rules import model_of
from .request import MAX_UNITS_PER_ROW as MAX_UNITS

MAX_ROWS = 20000
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
_ERAS = {"令和": 2018, "平成": 1988}
_WAREKI = re.compile(r"(令和|平成)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日")
_WESTERN = re.compile(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?")
_UNITS = re.compile(r"\d+(\.\d+)?")


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) or Shift_JIS/CP932, as Excel writes them; None if neither."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


@lru_cache(maxsize=8192)
def iso_date(text: str) -> str:
    """2027-03-31, 2027/3/31, 2027年3月31日 or 令和9年3月31日 → 2027-03-31; else the text as is
    (the checker then says what is wrong with it). Cached: a roster repeats its dates."""
    value = text.translate(_FULL_WIDTH).strip().replace(" ", "")
    match = _WAREKI.fullmatch(value)
    if match:
        year = 1 if match.group(2) == "元" else int(match.group(2))
        return f"{_ERAS[match.group(1)] + year:04d}-{int(match.group(3)):02d}-{int(match.group(4)):02d}"
    match = _WESTERN.fullmatch(value)
    if match:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
    return text.strip()


@lru_cache(maxsize=1024)
def _units(text: str):
    value = text.translate(_FULL_WIDTH).strip()
    return float(value) if _UNITS.fullmatch(value) else value


class Roster:
    # The result's columns: (header word in messages.yaml `roster`, the row's field shown),
    # for the CSV and the page's table alike. What to do and by when come first after the name.
    RESULT_COLUMNS = (("line", "line"), ("id", "id"), ("verdict", "verdict_title"), ("status", "status_label"),
                      ("apply_by", "apply_by_label"), ("shortfall", "shortfall"), ("errors", "error_text"),
                      ("certification", "certification"), ("expires_on", "expires_on"), ("round", "round"),
                      ("apply_months", "apply_label"), ("approval_on", "approval_on"))

    def __init__(self, rules):
        self.rules = rules = model_of(rules)
        self.messages = rules.messages
        self.categories = list(dict.fromkeys(
            name for c in rules.certifications.values() for name in c.procedures["renewal"].categories))
        self.titles = {}
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
                + [(f"credit:{name}", self.word("credits", category=name), True) for name in self.categories])

    def headers(self) -> list[str]:
        optional = self.word("optional")
        return [label + optional if is_optional else label for _, label, is_optional in self._fields()]

    def result_headers(self) -> list[str]:
        return [self.word(key) for key, _ in self.RESULT_COLUMNS]

    @classmethod
    def result_fields(cls) -> list[str]:
        return [field for _, field in cls.RESULT_COLUMNS]

    def template_csv(self) -> str:
        """The header line staff fill in under, as Excel opens it (UTF-8 with BOM, CRLF)."""
        return "\ufeff" + ",".join(self.headers()) + "\r\n"

    def _columns(self, header: list[str]) -> dict[str, int]:
        optional = self.word("optional")
        wanted = {key: label for key, label, _ in self._fields()}
        found = {}
        for index, cell in enumerate(header):
            name = cell.strip().lstrip("\ufeff").replace(optional, "").replace(" ", "").replace("　", "")
            for key, label in wanted.items():
                if name == label.replace(" ", "") or (key.startswith("credit:") and name == key[7:]):
                    found.setdefault(key, index)
        return found

    def check(self, data: bytes, as_of: str | None = None) -> dict:
        """{"rows": [...], "errors": [file-level messages]}; rows sorted by application month."""
        text = decode(data)
        if text is None:
            return {"rows": [], "errors": [self.word("unreadable")]}
        lines = list(csv.reader(io.StringIO(text)))
        columns = self._columns(lines[0]) if lines else {}
        if not {"id", "certification", "expires_on"} <= set(columns):
            return {"rows": [], "errors": [self.word("no_header", columns="、".join(self.headers()[:3]))]}
        body = [(number, cells) for number, cells in enumerate(lines[1:], start=2) if any(c.strip() for c in cells)]
        if not body:
            return {"rows": [], "errors": [self.word("empty")]}
        if len(body) > MAX_ROWS:
            return {"rows": [], "errors": [self.word("too_many_rows", max=MAX_ROWS)]}
        as_of = as_of or today_in_japan().isoformat()   # one day for the whole file
        layout = _Layout(columns, self.categories)
        rows = [self.row(number, layout.pad(cells), layout, as_of) for number, cells in body]
        rows.sort(key=lambda row: (row["apply_months"][0] if row["apply_months"] else "9999-99", row["line"]))
        return {"rows": rows, "errors": []}

    def request(self, cells: list[str], layout: "_Layout", as_of: str) -> tuple[dict, list[str]]:
        """The single-check request for one row, and which column each credit total came from."""
        title = cells[layout.certification].strip()
        request = {"certification": self.titles.get(title.replace(" ", ""), title), "procedure": "renewal",
                   "expires_on": iso_date(cells[layout.expires_on]) or None, "as_of": as_of}
        registered = cells[layout.mypage_registered_on].strip()
        if registered:
            request["mypage_registered_on"] = iso_date(registered)
        totals, sources = [], []
        for name, index in layout.credits:
            value = cells[index].strip()
            if value and (units := _units(value)) != 0:   # 0 means none yet
                totals.append({"category": name, "source": "unspecified", "units": units})
                sources.append(name)
        if totals:
            request["credit_totals"] = totals
        return request, sources

    def row(self, number: int, cells: list[str], layout: "_Layout", as_of: str) -> dict:
        request, sources = self.request(cells, layout, as_of)
        result = evaluate(request, self.rules, sentences=False)
        identity = cells[layout.id].strip()
        row = {"line": number, "id": identity, "errors": [], "error_text": "",
               "certification": "", "expires_on": request.get("expires_on") or "", "round": "",
               "apply_months": [], "apply_label": "", "approval_on": "", "status": "", "status_label": "",
               "apply_by": "", "apply_by_label": "", "verdict": "", "verdict_title": "", "shortfall": None}
        for error in result["errors"]:
            column = self._column_of(error["field"], sources)
            message = self._roster_message(error, request)
            row["errors"].append({"column": column, "message": message,
                                  "text": self.word("error_cell", line=number, column=column, message=message)})
        row["error_text"] = " / ".join(error["text"] for error in row["errors"])
        if result["ok"]:
            schedule = result["schedule"]
            apply_by = schedule["labels"]["apply_by"]
            row.update({
                "certification": result["certification"]["short_name"],
                "round": schedule["labels"]["round"], "apply_months": schedule["apply_months"],
                "apply_label": schedule["labels"]["apply_months"], "approval_on": schedule["labels"]["approval_on"],
                "status": result["status"], "status_label": result["status_label"],
                "apply_by": schedule["apply_by"],
                "apply_by_label": self.word("estimated", date=apply_by) if schedule["apply_by_estimated"] else apply_by,
                "verdict": result["verdict"]["code"], "verdict_title": result["verdict"]["title"],
                "shortfall": result["credits"]["shortfall_total"] if "credit_totals" in request else None,
            })
        return row

    def _roster_message(self, error: dict, request: dict) -> str:
        """A credit cell's error in a roster's words: the checker's own speaks of rows of
        credits, which here would be confused with the file's lines."""
        if error["field"] == "certification":
            names = [c.short_name for c in self.rules.certifications.values()]
            return self.word("certification_invalid", titles="・".join(names))
        if error["field"].startswith("credit_totals["):
            if error["field"].endswith(".units"):
                return self.word("units_invalid", max=MAX_UNITS)
            if error["field"].endswith(".category"):
                certification = self.rules.certifications.get(request["certification"])
                return self.word("category_not_for_title", certification=certification.short_name if certification else "")
        return error["message"]

    def _column_of(self, field: str, sources: list[str]) -> str:
        match = re.match(r"credit_totals\[(\d+)\]", field)
        if match and int(match.group(1)) < len(sources):
            return self.word("credits", category=sources[int(match.group(1))])
        key = field if field in ("certification", "expires_on", "mypage_registered_on") else None
        return self.word(key) if key else self.word("id")

    def to_csv(self, rows: list[dict]) -> str:
        """The result as Excel opens it: UTF-8 with BOM, CRLF."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.result_headers())
        fields = self.result_fields()
        for row in rows:
            writer.writerow(["" if row[field] is None else row[field] for field in fields])
        return "\ufeff" + out.getvalue()


class _Layout:
    """Where each field is in this file's rows. Rows are padded to the header's width,
    with an always-empty cell at the end for an optional column the file does not have."""

    def __init__(self, columns: dict[str, int], categories: list[str]):
        self.width = max(columns.values()) + 2
        missing = self.width - 1
        self.id = columns["id"]
        self.certification = columns["certification"]
        self.expires_on = columns["expires_on"]
        self.mypage_registered_on = columns.get("mypage_registered_on", missing)
        self.credits = [(name, columns[f"credit:{name}"]) for name in categories if f"credit:{name}" in columns]

    def pad(self, cells: list[str]) -> list[str]:
        return cells + [""] * (self.width - len(cells)) if len(cells) < self.width else cells
