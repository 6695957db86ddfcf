"""The rules' one schema: what each rule file, the compiled JSON and the browser's copy hold.

The shape of every rule entry is declared once, as data: the `FIELDS` of each model class
in `model.py` (an `Entry`), made of the nodes here (`Text`, `Int`, `Date`, `ListOf`,
`Record`, `Dated`, …). One walk over that declaration

- checks `rules/*.yaml` for the loader (a problem is reported with file and line: the
  loader's YAML values remember where they stood),
- checks a compiled rules JSON for the checker (`--rules rules.json`, the browser's file:
  a problem is reported with its path, `certifications.occupational.name`),
- says what the browser's copy leaves out (a field declared `browser=False`),
- and holds the message contract: a message may use only the `{names}` its entry in
  `messages.MESSAGE_FIELDS` declares.

Every key that no field declares is refused, wherever it stands, and every problem of a
walk is collected: staff fix a file in one pass. Standard library only: the same walk runs
in Pyodide when the browser's checker reads its rules.
"""
from __future__ import annotations

import datetime as dt
import re
import string

from .months import Month, parse_date

# Every date, month and fiscal year in the rules lies in these years. A value outside is a
# slip of the keyboard (0001-01-01, 2199), and the checker would do date arithmetic with it
# for every physician: such rules are refused, in the YAML and in a JSON alike.
MIN_YEAR, MAX_YEAR = 2000, 2100


class RulesDataError(ValueError):
    """A rules JSON that is not in the shape the schema declares (message in Japanese,
    every problem on its own line)."""


class _Invalid:
    """A value that failed its check; its problem is already reported. False, so that a
    check across fields reads `values.get(key) or []` as nothing to check."""

    def __repr__(self):
        return "INVALID"

    def __bool__(self):
        return False


INVALID = _Invalid()


class _Unreadable:
    """Where a whole file could not be read: its problem is already reported, and nothing
    below it is checked again."""


UNREADABLE = _Unreadable()


def ok(*values) -> bool:
    """Whether every value passed its check (cross-field checks skip the others)."""
    return all(value is not INVALID and value is not None for value in values)


class Problem:
    """One problem of a walk: the path from the top, the reason, and where in a file."""

    __slots__ = ("path", "reason", "file", "line")

    def __init__(self, path: tuple, reason: str, file: str | None, line: int | None):
        self.path, self.reason, self.file, self.line = path, reason, file, line

    @property
    def where(self) -> str:
        """`certifications.occupational.procedures[0].text`: how a JSON problem is located."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        return text or "（全体）"

    def __str__(self) -> str:
        return f"ルールのデータの「{self.where}」：{self.reason}"


class Walk:
    """One check of one document against the schema, and what it found.

    `json` (the compiled rules): fields the browser's copy leaves out may be missing, and
    texts are taken as they are. Otherwise (YAML) texts are tidied and may name the
    cutover dates (`date_words`, see `fill_dates`). `source_ids`: the citations there
    are (None: not checked, as in the browser's copy, which has none)."""

    def __init__(self, *, json: bool, source_ids: set[str] | None = None,
                 date_words: dict[str, dict[str, str]] | None = None):
        self.json = json
        self.source_ids = source_ids
        self.date_words = date_words
        self.problems: list[Problem] = []

    def clean(self, *prefixes: tuple) -> bool:
        """No problem was found at or below any of `prefixes` (paths from the top)."""
        return not any(p.path[:len(prefix)] == prefix for p in self.problems for prefix in prefixes)

    def text(self, value: str, at: "At", fill: bool = True) -> str:
        if self.json:
            return value
        text = tidy_text(value)
        if fill and self.date_words is not None and "{" in text:
            text = fill_dates(text, self.date_words, at)
        return text


def tidy_text(value: str) -> str:
    """Trim, and turn the line breaks of a `|` block into nothing between sentences.

    Japanese needs no space where a line was broken; write long texts on one line or
    as a `|` block, not folded with `>` (which would put a space at each break).
    """
    return "".join(line.strip() for line in value.strip().splitlines())


_DATE_FIELD = re.compile(r"\{([a-z_]+)(?::([a-z]+))?\}")


def fill_dates(text: str, words: dict[str, dict[str, str]], at: "At") -> str:
    """`{mamis_opens}` → 2025年4月7日, `{mamis_opens:md}` → 4月7日: rule texts name the
    cutover dates instead of repeating them, so a date lives only in schedule.yaml."""

    def spell(match: re.Match) -> str:
        name, style = match.group(1), match.group(2) or "full"
        spelled = words.get(name)
        if spelled == {}:
            return match.group(0)  # the date itself is wrong; that problem is reported once
        if spelled is None or style not in spelled:
            known = "、".join("{" + n + "}" for n in sorted(words))
            at.problem(f"「{match.group(0)}」は使えません（使える日付：{known}。形は :md・:w・:m）。")
            return match.group(0)
        return spelled[style]

    return _DATE_FIELD.sub(spell, text)


class At:
    """Where a value stands: its path from the top and, for YAML, the container that
    remembers its line (`line_of`) and file."""

    __slots__ = ("walk", "path", "parent", "key")

    def __init__(self, walk: Walk, path: tuple = (), parent=None, key=None):
        self.walk, self.path, self.parent, self.key = walk, path, parent, key

    def child(self, container, key) -> "At":
        return At(self.walk, self.path + (key,), container, key)

    @property
    def name(self) -> str:
        """The nearest key name (an item of a list is named by its list)."""
        return next((str(part) for part in reversed(self.path) if not isinstance(part, int)), "")

    def _place(self, value=None) -> tuple[str | None, int | None]:
        holder = value if getattr(value, "file", None) else self.parent
        file = getattr(holder, "file", None)
        if value is not None and getattr(value, "line", None):
            return file, value.line
        line_of = getattr(self.parent, "line_of", None)
        return file, (line_of(self.key) if line_of else None)

    def problem(self, reason: str, value=None) -> None:
        """Report `reason` at this value (at the line of `value` itself where it is a
        located mapping or list: a missing key is reported where its mapping starts)."""
        file, line = self._place(value)
        self.walk.problems.append(Problem(self.path, reason, file, line))


# -- nodes ---------------------------------------------------------------------------
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


class Url(Text):
    """A link: only http(s), and nothing that could leave an attribute or a Markdown link."""
    _URL = re.compile(r"^https?://[^\s<>\"'`\\()\[\]{}|^]+$")

    def check(self, value, at):
        text = super().check(value, at)
        if text is not INVALID and not self._URL.match(text):
            at.problem(f"「{at.name}」の「{text}」はURLではありません（http:// か https:// で始まるURLを書いてください）。")
            return INVALID
        return text


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


# -- containers ------------------------------------------------------------------------
class Field:
    """One key of a record: its node, whether it must be there, whether the browser's
    copy keeps it (`browser=False`: pages and citations only), and the reason given when
    it is missing."""

    def __init__(self, node: Node, *, required: bool = True, browser: bool = True, missing: str | None = None):
        self.node, self.required, self.browser, self.missing = node, required, browser, missing


class Record(Node):
    """A mapping with known keys (an `Entry` class's FIELDS); any other key is refused.

    The class's `check_fields(values, check)` makes the checks that span its fields
    (order, sums); it sees INVALID where a field failed and skips what depends on it."""

    def __init__(self, cls):
        self.cls = cls

    def check(self, value, at):
        if value is UNREADABLE:
            return INVALID
        fields = self.cls.FIELDS
        if not isinstance(value, dict):
            at.problem(f"「{at.name}」は「名前: 値」の組で書いてください。")
            return INVALID
        for key in value:
            if key not in fields:
                at.child(value, key).problem(f"「{key}」は使えない項目です（使える項目：{'、'.join(fields)}）。")
        result = {}
        for key, spec in fields.items():
            item = value.get(key)
            if item is None:
                if spec.required and not (at.walk.json and not spec.browser):
                    at.problem(spec.missing or f"「{key}」がありません。", value)
                    result[key] = INVALID
                continue
            result[key] = INVALID if item is UNREADABLE else spec.node.check(item, at.child(value, key))
        self.cls.check_fields(result, Checks(at, value))
        return result

    def build(self, value, key=None):
        built = {}
        for name, spec in self.cls.FIELDS.items():
            if value.get(name) is None:
                continue
            node = spec.node
            # A record below a record is named by its key (a procedure by renewal / new).
            built[name] = node.build(value[name], name) if isinstance(node, Record) else node.build(value[name])
        return self.cls(built, key)

    def strip(self, value):
        return {key: spec.node.strip(value[key]) for key, spec in self.cls.FIELDS.items()
                if key in value and spec.browser}


class Plain(Record):
    """A record the model keeps as the plain dict the JSON holds (a citation, a row of a
    table the pages print as it is)."""

    def build(self, value, key=None):
        return value


def _container(value, kind: type, min_items: int, at: At, how: str) -> bool:
    """Whether `value` is a list (or mapping) with at least `min_items` items; if not, says so."""
    if not isinstance(value, kind):
        at.problem(f"「{at.name}」は{how}。")
        return False
    if len(value) < min_items:
        at.problem(f"「{at.name}」が空です（1つ以上書いてください）。", value)
        return False
    return True


class ListOf(Node):
    def __init__(self, item: Node, *, min_items: int = 0, shape: str = ""):
        self.item, self.min_items, self.shape = item, min_items, shape

    def check(self, value, at):
        if not _container(value, list, self.min_items, at, "「- 」で始まる一覧で書いてください"):
            return INVALID
        return [self.item.check(item, at.child(value, index)) for index, item in enumerate(value)]

    def build(self, value):
        return tuple(self.item.build(item) for item in value)

    def strip(self, value):
        return [self.item.strip(item) for item in value]


class MapOf(Node):
    """A mapping whose keys are names the rules choose (categories, source ids), each
    checked by `key`, each value by `value`."""

    def __init__(self, value: Node, *, key: Node | None = None, min_items: int = 0):
        self.value, self.key, self.min_items = value, key or Text(), min_items

    def check(self, value, at):
        if not _container(value, dict, self.min_items, at, "「名前: 値」の組で書いてください"):
            return INVALID
        result = {}
        for name, item in value.items():
            # The key is checked where it stands, named by its mapping ("values", "minimums").
            if self.key.check(name, At(at.walk, at.path, value, name)) is INVALID:
                continue
            result[name] = self.value.check(item, at.child(value, name))
        return result

    def build(self, value):
        if isinstance(self.value, Record) and not isinstance(self.value, Plain):
            return {name: self.value.build(item, name) for name, item in value.items()}
        return {name: self.value.build(item) for name, item in value.items()}

    def strip(self, value):
        return {name: self.value.strip(item) for name, item in value.items()}


class Dated(Node):
    """A value that may change on a date, in OpenFisca's style: either the entry itself,
    or `values:` keyed by the day each value starts (oldest first). The model receives a
    `Timeline`; `model.Procedure.in_force(day)` picks the value for that day."""

    def __init__(self, item: Node):
        self.item = item
        self._days = MapOf(item, key=Date(), min_items=1)

    def check(self, value, at):
        if not (isinstance(value, dict) and "values" in value):
            return self.item.check(value, at)
        for key in value:
            if key != "values":
                at.child(value, key).problem(f"「{key}」は使えない項目です（日付で変わる値は values: だけを書きます）。")
        days = self._days.check(value["values"], at.child(value, "values"))
        if days is not INVALID:
            order = [day for day in days]
            if order != sorted(order):
                at.child(value, "values").problem("values の日付は古い順に書いてください。", value["values"])
        return {"values": days}

    def build(self, value):
        if isinstance(value, dict) and set(value) == {"values"}:
            return Timeline(tuple((parse_date(day), self.item.build(item)) for day, item in value["values"].items()))
        return self.item.build(value)

    def strip(self, value):
        if isinstance(value, dict) and set(value) == {"values"}:
            return {"values": {day: self.item.strip(item) for day, item in value["values"].items()}}
        return self.item.strip(value)


class Timeline:
    """A dated value: ((start day, value), …), oldest first. The earliest value also
    holds before its day (the rules began with it)."""

    __slots__ = ("changes",)

    def __init__(self, changes: tuple):
        self.changes = changes

    def at(self, day: dt.date):
        found = self.changes[0][1]
        for start, value in self.changes:
            if start <= day:
                found = value
        return found

    def starts(self) -> list[dt.date]:
        return [start for start, _ in self.changes]


def resolve(value, day: dt.date):
    """`value` on `day`: a Timeline's value then, anything else as it is."""
    return value.at(day) if isinstance(value, Timeline) else value


class Checks:
    """What a record's `check_fields` uses to report a problem at one of its keys (a path
    of keys and list indexes below the record)."""

    def __init__(self, at: At, value):
        self.at, self.value = at, value

    def report(self, path: tuple, reason: str) -> None:
        at, container = self.at, self.value
        for part in path:
            child = container[part] if _has(container, part) else None
            at = at.child(container, part)
            container = child
        at.problem(reason)

    def report_here(self, reason: str) -> None:
        self.at.problem(reason, self.value)

    @property
    def walk(self) -> Walk:
        return self.at.walk

    @property
    def path(self) -> tuple:
        return self.at.path


def _has(container, part) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


class read:  # noqa: N801 - used like `property`
    """A name the code reads for a value the schema holds deeper: `read("committee",
    "months")` is `entry["committee"].months`, worked out once (the rules are frozen)."""

    def __init__(self, key: str, *attributes: str):
        self.key, self.attributes = key, attributes

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, entry, owner=None):
        if entry is None:
            return self
        value = entry[self.key]
        for attribute in self.attributes:
            value = None if value is None else getattr(value, attribute)
        entry.__dict__[self.name] = value
        return value


# -- the model's base ---------------------------------------------------------------------
class Entry:
    """A model object made from one checked record: each declared key is an attribute
    (None where an optional key is absent), and `entry["key"]` gives the value as declared
    even where the class words it otherwise (a `total` entry read as its number).

    Subclasses declare `FIELDS` (the schema) and add only behaviour: names the code reads
    (`Procedure.total`), checks across fields (`check_fields`). Frozen, like the rules."""

    FIELDS: dict[str, Field] = {}

    def __init__(self, values: dict, key: str | None = None):
        raw = {name: values.get(name) for name in self.FIELDS}
        object.__setattr__(self, "_raw", raw)
        object.__setattr__(self, "key", key)
        cls = type(self)
        for name, value in raw.items():
            if not hasattr(cls, name):   # a property of the class words it
                self.__dict__[name] = value

    @classmethod
    def node(cls) -> Record:
        return Record(cls)

    @classmethod
    def check_fields(cls, values: dict, check: Checks) -> None:
        """Checks across this record's fields (none by default)."""

    def __getitem__(self, name: str):
        return self._raw[name]

    def get(self, name: str, default=None):
        value = self._raw.get(name)
        return default if value is None else value

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen")

    def replaced(self, **values) -> "Entry":
        """A copy with some declared values changed (the model of another day)."""
        return type(self)({**self._raw, **values}, self.key)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key or ''})"


# -- a whole document ---------------------------------------------------------------------------
def check(node: Node, value, walk: Walk):
    """`value` checked against `node` (problems in `walk.problems`)."""
    return node.check(value, At(walk))


def source_ids_of(value) -> set[str] | None:
    """The citation ids a document's `sources` registry declares (None if it has none)."""
    sources = value.get("sources") if isinstance(value, dict) else None
    return {key for key in sources if isinstance(key, str)} if isinstance(sources, dict) else None


def check_json(node: Node, value) -> dict:
    """The compiled rules checked against `node`; RulesDataError naming every problem by
    its path."""
    if not isinstance(value, dict):
        raise RulesDataError("ルールのデータは「名前: 値」の組（JSONのオブジェクト）で渡してください。")
    walk = Walk(json=True, source_ids=source_ids_of(value))
    checked = check(node, value, walk)
    if walk.problems:
        lines = [f"ルールのデータに{len(walk.problems)}件の誤りがあります。", *(str(p) for p in walk.problems)]
        raise RulesDataError("\n".join(lines))
    return checked


