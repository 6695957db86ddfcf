"""Typed reads from one located YAML file, collecting problems instead of stopping.

Each `Reader` method returns the value (or None) and records a `Problem` with the line
of the offending value, so one run of the build reports every mistake in a file.
"""
from __future__ import annotations

import datetime as _dt
import re

from .located_yaml import LocatedDict, LocatedList
from .problems import Problem

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Every date, month and fiscal year in the rules lies in these years. A value outside is a
# slip of the keyboard (0001-01-01, 2199), and the checker would do date arithmetic with it
# for every physician: such rules are refused at build time, with file and line.
from checker.model_build import MAX_YEAR as LAST_YEAR, MIN_YEAR as FIRST_YEAR  # noqa: E402 - one range for YAML and JSON


def tidy_text(value: str) -> str:
    """Trim, and turn the line breaks of a `|` block into nothing between sentences.

    Japanese needs no space where a line was broken; write long texts on one line or
    as a `|` block, not folded with `>` (which would put a space at each break).
    """
    return "".join(line.strip() for line in value.strip().splitlines())


_DATE_FIELD = re.compile(r"\{([a-z_]+)(?::([a-z]+))?\}")


class Reader:
    """Reads one file. `date_words` maps a cutover name to its spellings by format
    (`{mamis_opens}` → 2025年4月7日, `{mamis_opens:md}` → 4月7日): with it, texts may name
    cutover dates instead of repeating them, so a date lives only in schedule.yaml."""

    def __init__(self, file_label: str, source_ids: set[str] | None, problems: list[Problem],
                 date_words: dict[str, dict[str, str]] | None = None):
        self.file = file_label
        self.source_ids = source_ids
        self.problems = problems
        self.date_words = date_words

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(Problem(self.file, line, reason))

    # -- containers -------------------------------------------------------------
    def mapping(self, parent, key, *, required=True) -> LocatedDict | None:
        value = self._get(parent, key, required)
        if value is None:
            return None
        if not isinstance(value, LocatedDict):
            self.problem(parent.line_of(key), f"「{key}」は「名前: 値」の組で書いてください。")
            return None
        return value

    def sequence(self, parent, key, *, required=True) -> LocatedList | None:
        value = self._get(parent, key, required)
        if value is None:
            return None
        if not isinstance(value, LocatedList):
            self.problem(parent.line_of(key), f"「{key}」は「- 」で始まる一覧で書いてください。")
            return None
        return value

    def mappings(self, parent, key, shape: str):
        """(index, entry) for each item of the list `key` that is a mapping; any other
        item is reported as not of `shape` (the form the item should take)."""
        items = self.sequence(parent, key) or []
        for index, entry in enumerate(items):
            if isinstance(entry, LocatedDict):
                yield index, entry
            else:
                self.problem(items.line_of(index), f"「{key}」の各行は {shape} の形で書いてください。")

    def _checked(self, parent, key, required, check, *args):
        value = self._get(parent, key, required)
        if value is None:
            return None
        return check(value, parent.line_of(key), key, *args)

    def _get(self, parent, key, required):
        if not isinstance(parent, LocatedDict):
            return None
        if key not in parent or parent[key] is None:
            if required:
                self.problem(parent.line, f"「{key}」がありません。")
            return None
        return parent[key]

    # -- scalars ----------------------------------------------------------------
    def text(self, parent, key, *, required=True) -> str | None:
        value = self._get(parent, key, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(parent.line_of(key), f"「{key}」は文字列で書いてください。")
            return None
        text = tidy_text(value)
        if self.date_words is not None and "{" in text:
            text = self._fill_dates(text, parent.line_of(key))
        return text

    def _fill_dates(self, text: str, line: int) -> str:
        def spell(match: re.Match) -> str:
            name, style = match.group(1), match.group(2) or "full"
            words = self.date_words.get(name)
            if words == {}:
                return match.group(0)  # the date itself is wrong; that problem is reported once
            if words is None or style not in words:
                known = "、".join("{" + n + "}" for n in sorted(self.date_words))
                self.problem(line, f"「{match.group(0)}」は使えません（使える日付：{known}。形は :md・:w）。")
                return match.group(0)
            return words[style]

        return _DATE_FIELD.sub(spell, text)

    def integer(self, parent, key, *, required=True, minimum=None, maximum=None) -> int | None:
        return self._checked(parent, key, required, self.check_integer, minimum, maximum)

    def check_integer(self, value, line, name, minimum=None, maximum=None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(line, f"「{name}」は整数で書いてください（「{value}」）。")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"{minimum if minimum is not None else ''}〜{maximum if maximum is not None else ''}"
            self.problem(line, f"「{name}」の値{value}が範囲（{bounds}）の外です。")
            return None
        return value

    def boolean(self, parent, key, *, required=True) -> bool | None:
        value = self._get(parent, key, required)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problem(parent.line_of(key), f"「{key}」は true か false で書いてください。")
            return None
        return value

    def date(self, parent, key, *, required=True) -> str | None:
        return self._checked(parent, key, required, self.check_date)

    def check_date(self, value, line, name) -> str | None:
        text = str(value)
        match = _DATE.match(text)
        if not match:
            self.problem(line, f"「{name}」の「{text}」は日付ではありません。YYYY-MM-DD（例：2025-04-07）で書いてください。")
            return None
        try:
            _dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            self.problem(line, f"「{name}」の「{text}」は存在しない日付です。")
            return None
        return self._in_years(text, line, name)

    def _in_years(self, text: str, line: int, name: str) -> str | None:
        if not FIRST_YEAR <= int(text[:4]) <= LAST_YEAR:
            self.problem(line, f"「{name}」の「{text}」は範囲（{FIRST_YEAR}年〜{LAST_YEAR}年）の外です。")
            return None
        return text

    def month(self, parent, key, *, required=True) -> str | None:
        return self._checked(parent, key, required, self.check_month)

    def check_month(self, value, line, name) -> str | None:
        text = str(value)
        match = _MONTH.match(text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.problem(line, f"「{name}」の「{text}」は年月ではありません。YYYY-MM（例：2025-04）で書いてください。")
            return None
        return self._in_years(text, line, name)

    def url(self, parent, key, *, required=True) -> str | None:
        value = self.text(parent, key, required=required)
        if value is not None and not re.match(r"^https?://[^\s]+$", value):
            self.problem(parent.line_of(key), f"「{key}」の「{value}」はURLではありません。")
            return None
        return value

    # -- the source every value carries ----------------------------------------
    def source(self, parent, key="source") -> dict | None:
        """`source: {id: <sources.yaml id>, section: "..."}`, required on every rule value."""
        if not isinstance(parent, LocatedDict):
            return None
        if key not in parent or parent[key] is None:
            self.problem(parent.line, "出典（source）がありません。出典のない値は書けません。")
            return None
        return self.check_source(parent[key], parent.line_of(key))

    def check_source(self, ref, line: int) -> dict | None:
        """One citation `{id: <sources.yaml id>, section: "..."}`."""
        if not isinstance(ref, LocatedDict):
            self.problem(line, "出典（source）は {id: 出典のid, section: 該当箇所} の形で書いてください。")
            return None
        source_id = self.text(ref, "id")
        if source_id is None:
            return None
        if self.source_ids is not None and source_id not in self.source_ids:
            self.problem(ref.line_of("id"), f"出典「{source_id}」は sources.yaml にありません。")
            return None
        result = {"id": source_id}
        section = self.text(ref, "section", required=False)
        if section:
            result["section"] = section
        return result

    def unknown_keys(self, mapping, allowed: set[str]) -> None:
        """Flag keys no one reads: a typo there would otherwise be silently ignored."""
        if not isinstance(mapping, LocatedDict):
            return
        for key in mapping:
            if key not in allowed:
                self.problem(mapping.line_of(key), f"「{key}」は使えない項目です（使える項目：{'、'.join(sorted(allowed))}）。")
