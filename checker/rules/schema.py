"""The rules' one schema: what each rule file, the compiled JSON and the browser's copy hold.

The shape of every rule entry is declared once, as data: the `FIELDS` of each model class
(`model*.py`, each an `Entry`), made of the nodes here and in schema_values.py (`Text`,
`Int`, `Date`, `ListOf`, `Record`, `Dated`, …). One walk (schema_walk.py) over that
declaration

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

from ..dates.months import parse_date
from .schema_values import (Bool, Choice, Date, Int, MessageText, MonthOf, Name, Node, SourceId, Tel, Text,  # noqa: F401
                            Url, Year)
from .schema_walk import (INVALID, UNREADABLE, At, Checks, RulesDataError, Walk,  # noqa: F401
                          check, check_json, ok)


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
    def __init__(self, item: Node, *, min_items: int = 0):
        self.item, self.min_items = item, min_items

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
            order = list(days)
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
