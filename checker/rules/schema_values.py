"""The schema's single values: texts, numbers, dates, months, choices, citations'
ids and message sentences. Each `check` returns the value as the compiled JSON holds it
(or INVALID, after reporting why); `build` gives what the model holds (a `date`, a `Month`)."""
from __future__ import annotations

import re
import string

from ..dates.months import MAX_YEAR, MIN_YEAR, Month, parse_date
from .schema_walk import INVALID, At


class Node:
    """One kind of value. `check` returns the value as the compiled JSON holds it (or
    INVALID, after reporting why); `build` turns that into what the model holds; `strip`
    gives the browser's copy."""

    def check(self, value, at: At):
        raise NotImplementedError

    def build(self, value):
        return value

    def strip(self, value):
        return value


class Text(Node):
    """A non-empty text. In a rule file it may name a cutover date (`{mamis_opens:md}`)."""
    fill = True

    def check(self, value, at):
        if not isinstance(value, str) or not value.strip():
            at.problem(f"「{at.name}」は文字列で書いてください。")
            return INVALID
        return at.walk.text(value, at, self.fill)


class Matching(Text):
    """A text of a fixed form (`PATTERN`); `mismatch` says what it should be."""
    PATTERN: re.Pattern

    def check(self, value, at):
        text = super().check(value, at)
        if text is not INVALID and not self.PATTERN.match(text):
            at.problem(self.mismatch(text, at))
            return INVALID
        return text

    def mismatch(self, text: str, at) -> str:
        raise NotImplementedError


class Name(Matching):
    """A name the rules give a thing that a file or the code refers to by it (a title:
    `occupational`, the stem of its file occupational.yaml): lower-case letters, digits
    and `_`, starting with a letter."""
    PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
    fill = False

    def __init__(self, what: str = ""):
        self.what = what

    def mismatch(self, text, at):
        return f"{self.what or at.name}の名前「{text}」は、半角の小文字・数字・「_」で、小文字から書いてください（例：occupational）。"


class Url(Matching):
    """A link: only http(s), and nothing that could leave an attribute or a Markdown link."""
    PATTERN = re.compile(r"^https?://[^\s<>\"'`\\()\[\]{}|^]+$")

    def mismatch(self, text, at):
        return f"「{at.name}」の「{text}」はURLではありません（http:// か https:// で始まるURLを書いてください）。"


class Tel(Text):
    def check(self, value, at):
        text = super().check(str(value) if isinstance(value, int) and not isinstance(value, bool) else value, at)
        if text is not INVALID and not all(ch in "0123456789-" for ch in text):
            at.problem(f"電話番号「{text}」は数字とハイフンで書いてください。")
            return INVALID
        return text


class Int(Node):
    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def check(self, value, at):
        if isinstance(value, bool) or not isinstance(value, int):
            at.problem(f"「{at.name}」は整数で書いてください（「{value}」）。")
            return INVALID
        if not self.low <= value <= self.high:
            at.problem(f"「{at.name}」の値{value}が範囲（{self.low}〜{self.high}）の外です。")
            return INVALID
        return value


class Year(Int):
    def __init__(self):
        super().__init__(MIN_YEAR, MAX_YEAR)


class Bool(Node):
    def check(self, value, at):
        if not isinstance(value, bool):
            at.problem(f"「{at.name}」は true か false で書いてください。")
            return INVALID
        return value


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _in_years(text: str, at: At):
    if not MIN_YEAR <= int(text[:4]) <= MAX_YEAR:
        at.problem(f"「{at.name}」の「{text}」は範囲（{MIN_YEAR}年〜{MAX_YEAR}年）の外です。")
        return INVALID
    return text


class Date(Node):
    """YYYY-MM-DD, kept as text in the JSON (the YAML loader keeps dates as text too)."""

    def check(self, value, at):
        text = str(value)
        if not isinstance(value, str) or not _DATE.match(text):
            at.problem(f"「{at.name}」の「{text}」は日付ではありません。YYYY-MM-DD（例：2025-04-07）で書いてください。")
            return INVALID
        try:
            parse_date(text)
        except ValueError:
            at.problem(f"「{at.name}」の「{text}」は存在しない日付です。")
            return INVALID
        return _in_years(text, at)

    def build(self, value):
        return parse_date(value)


class MonthOf(Node):
    """YYYY-MM."""

    def check(self, value, at):
        text = str(value)
        match = _MONTH.match(text) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            at.problem(f"「{at.name}」の「{text}」は年月ではありません。YYYY-MM（例：2025-04）で書いてください。")
            return INVALID
        return _in_years(text, at)

    def build(self, value):
        return Month.parse(value)


class Choice(Text):
    def __init__(self, *values: str, what: str = ""):
        self.values, self.what = values, what

    def check(self, value, at):
        text = super().check(value, at)
        if text is not INVALID and text not in self.values:
            at.problem(f"{self.what or at.name}「{text}」はありません（使えるもの：{'、'.join(self.values)}）。")
            return INVALID
        return text


class SourceId(Text):
    def check(self, value, at):
        text = super().check(value, at)
        ids = at.walk.source_ids
        if text is not INVALID and ids is not None and text not in ids:
            at.problem(f"出典「{text}」は sources.yaml にありません。")
            return INVALID
        return text


class MessageText(Text):
    """A sentence of messages.yaml: it may use only the `{names}` its contract lists
    (what the code supplies for it), each written plainly as `{name}`."""
    fill = False

    def __init__(self, supplied: frozenset[str]):
        self.supplied = supplied

    def check(self, value, at):
        text = super().check(value, at)
        if text is INVALID:
            return text
        try:
            fields = list(string.Formatter().parse(text))
        except ValueError:
            at.problem(f"「{at.name}」の {{ }} の書き方が正しくありません（「{{」「}}」そのものは {{{{ }}}} と書きます）。")
            return INVALID
        used = {name for _, name, _, _ in fields if name is not None}
        styled = [name for _, name, spec, conversion in fields if name is not None and (spec or conversion)]
        extra = used - self.supplied
        if styled:
            at.problem(f"「{at.name}」の {{{styled[0]}…}} のような書き方は使えません（{{名前}} だけが使えます）。")
            return INVALID
        if extra:
            allowed = "、".join("{" + name + "}" for name in sorted(self.supplied)) or "なし"
            at.problem(f"「{at.name}」の {'、'.join('{' + n + '}' for n in sorted(extra))} は使えません（使えるもの：{allowed}）。")
            return INVALID
        return text
