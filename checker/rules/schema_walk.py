"""Walking the rules against their schema: where a value stands, and what was found there.

A walk (`Walk`) collects every problem instead of stopping at the first. `At` is where a
value stands: its path from the top (`certifications.occupational.name`, for a JSON) and,
for YAML, the container that remembers its file and line. A node (schema_values.py,
schema.py) checks a value `At` a place and reports there; a record's checks across its
fields report through `Checks`. INVALID marks a value that failed (already reported), so
that what depends on it is skipped rather than reported twice.
"""
from __future__ import annotations

import re


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


def _has(container, part) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


# -- a whole document ---------------------------------------------------------------------------
def check(node, value, walk: Walk):
    """`value` checked against `node` (problems in `walk.problems`)."""
    return node.check(value, At(walk))


def source_ids_of(value) -> set[str] | None:
    """The citation ids a document's `sources` registry declares (None if it has none)."""
    sources = value.get("sources") if isinstance(value, dict) else None
    return {key for key in sources if isinstance(key, str)} if isinstance(sources, dict) else None


def check_json(node, value) -> dict:
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
