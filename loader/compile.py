"""Compile `rules/*.yaml` and one edition into the one dict the checker and the pages read.

Each file is read with the line of every value (`located_yaml`), placed where
`checker.rules.model.FILES` says in one document (one `<title>.yaml` for each title that
titles.yaml lists), and that document is checked against the
rules' one schema (`checker.rules.model.RULES`, walked by `checker.rules.schema`). Every problem of
every file is collected and raised together as a `RulesError` (file, line, reason). The
compiled dict holds only plain JSON types (dates as ISO strings), in the shape of the
files; `checker.rules.model.Rules.of` turns it into typed objects.
"""
from __future__ import annotations

import os
from pathlib import Path

from checker.dates.japanese import date_ja, month_ja
from checker.rules.model import FILES, RULES, Edition
from checker.rules.model_schedule import Cutover, DayDate
from checker.dates.months import Month, parse_date
from checker.rules.schema import UNREADABLE, Name, Walk, check

from .located_yaml import LocatedDict, load_located
from .problems import Problem, RulesError

# Where the rules are: rules/ beside this package, or the folder NINTEII_RULES_DIR names
# (a copy, as the tests use to check that a staff member's edit leaves every test passing).
RULES_DIR = Path(os.environ.get("NINTEII_RULES_DIR") or Path(__file__).resolve().parent.parent / "rules")
# The national rule files (every file but the edition's and the titles'): what makes a
# folder a rules folder.
NATIONAL_FILES = [pattern for pattern, _ in FILES if "{" not in pattern]
DEFAULT_EDITION = "kyoto"


def editions(rules_dir: str | os.PathLike = RULES_DIR) -> list[str]:
    """The editions there are: one file each in rules/editions/."""
    return sorted(path.stem for path in (Path(rules_dir) / "editions").glob("*.yaml"))


def load_rules(rules_dir: str | os.PathLike = RULES_DIR, edition: str = DEFAULT_EDITION) -> dict:
    """Read, check and compile every rule file and the edition `edition`; raise
    RulesError listing all problems."""
    rules_dir = Path(rules_dir)
    problems: list[Problem] = []
    top = LocatedDict()
    sources: set[str] | None = None
    schedule_doc = None
    titles: list[str] = []
    for pattern, place in FILES:
        for title in titles if "{title}" in pattern else [None]:
            name = pattern.format(edition=edition, title=title)
            document = _read(rules_dir, name, problems)
            if name == "sources.yaml" and isinstance(document, dict) and isinstance(document.get("sources"), dict):
                sources = {key for key in document["sources"] if isinstance(key, str)}
            if name == "schedule.yaml":
                schedule_doc = document
            if name == "titles.yaml":
                titles = _titles(document, problems)
            _place(top, name, {"at": tuple(part.format(title=title) for part in place["at"])} if title else place,
                   document, problems)
    top["edition"] = edition
    walk = Walk(json=False, source_ids=sources, date_words=_cutover_words(schedule_doc))
    compiled = check(RULES, top, walk)
    problems.extend(Problem(p.file or _file_of(p.path, edition), p.line or 1, p.reason) for p in walk.problems)
    if problems:
        raise RulesError(problems)
    return compiled


def _titles(document, problems: list[Problem]) -> list[str]:
    """The titles whose files to read, from titles.yaml's list: a name the schema will
    refuse (its form) is left out, and so is the name of a national file, said here."""
    listed = document.get("titles") if isinstance(document, LocatedDict) else None
    if not isinstance(listed, list):
        return []
    national = {Path(name).stem for name in NATIONAL_FILES}
    found = []
    for index, title in enumerate(listed):
        if not isinstance(title, str) or not Name.PATTERN.match(title) or title in found:
            continue
        if title in national:
            problems.append(Problem("rules/titles.yaml", listed.line_of(index) if hasattr(listed, "line_of") else 1,
                                    f"資格の名前「{title}」は、ほかのルールのファイル（{title}.yaml）の名前です。別の名前にしてください。"))
            continue
        found.append(title)
    return found


def _read(rules_dir: Path, name: str, problems: list[Problem]):
    """The located document of one file, or UNREADABLE after reporting why."""
    label = f"rules/{name}"
    try:
        text = (rules_dir / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        known = "、".join(editions(rules_dir)) or "なし"
        reason = (f"この版のファイルがありません（ある版：{known}）。" if name.startswith("editions/")
                  else "ファイルがありません。" if name in NATIONAL_FILES
                  else f"資格「{Path(name).stem}」のファイルがありません（titles.yaml の資格ごとに <名前>.yaml が要ります）。")
        problems.append(Problem(label, 1, reason))
        return UNREADABLE
    except UnicodeDecodeError:
        problems.append(Problem(label, 1, "UTF-8で保存してください。"))
        return UNREADABLE
    try:
        document = load_located(text, label, problems)
    except RulesError as exc:
        problems.extend(exc.problems)
        return UNREADABLE
    if not isinstance(document, LocatedDict):
        problems.append(Problem(label, 1, "ファイルの中身は「名前: 値」の組で始めてください。"))
        return UNREADABLE
    return document


def _place(top: LocatedDict, name: str, place: dict, document, problems: list[Problem]) -> None:
    """Put the file's keys where FILES says: each hoisted key at the top, or the whole
    file (without its `description`) at its path."""
    label = f"rules/{name}"
    if document is not UNREADABLE:
        line = document.line_of("description")
        description = document.pop("description", None)   # for staff reading the file: any text
        if description is not None and not isinstance(description, str):
            problems.append(Problem(label, line, "「description」は文字列で書いてください。"))
    if "hoist" in place:
        keys = place["hoist"]
        if document is not UNREADABLE:
            for key in document:
                if key not in keys:
                    problems.append(Problem(label, document.line_of(key),
                                            f"「{key}」は使えない項目です（使える項目：description、{'、'.join(keys)}）。"))
            for key in keys:
                if document.get(key) is None:
                    problems.append(Problem(label, document.line or 1, f"「{key}」がありません。"))
        for key in keys:
            value = UNREADABLE if document is UNREADABLE else document.get(key)
            top[key] = UNREADABLE if value is None else value
            if document is not UNREADABLE and key in document.lines:
                top.lines[key] = document.lines[key]
        return
    *parents, last = place["at"]
    holder = top
    for part in parents:
        holder = holder.setdefault(part, LocatedDict())
    holder[last] = document


def _file_of(path: tuple, edition: str) -> str:
    """The file a problem belongs to when no located value says (a key missing at the top)."""
    for pattern, place in FILES:
        keys = place.get("hoist") or (place["at"][0],)
        if path and path[0] in keys:
            if "{title}" in pattern:
                return f"rules/{path[1]}.yaml" if len(path) > 1 else "rules/titles.yaml"
            return "rules/" + pattern.format(edition=edition)
    return "rules"


def _cutover_words(schedule_doc) -> dict[str, dict[str, str]]:
    """How texts may spell each valid cutover date ({mamis_opens}, {mamis_opens:md}, …);
    an invalid one is reported where it stands, and texts naming it are left alone."""
    words: dict[str, dict[str, str]] = {}
    cutover = schedule_doc.get("cutover") if isinstance(schedule_doc, dict) else None
    if not isinstance(cutover, dict):
        return words
    for key, spec in Cutover.FIELDS.items():
        entry = cutover.get(key)
        dated = spec.node.cls is DayDate
        value = entry.get("date" if dated else "month") if isinstance(entry, dict) else None
        try:
            if dated:
                day = parse_date(str(value))
                words[key] = {"full": date_ja(day, False), "w": date_ja(day), "md": f"{day.month}月{day.day}日"}
            else:
                month = Month.parse(str(value))
                if not 1 <= month.month <= 12:
                    raise ValueError(value)
                words[key] = {"full": month_ja(month), "m": f"{month.month}月"}
        except (ValueError, TypeError):
            words[key] = {}
    return words


def all_editions(rules_dir: str | os.PathLike = RULES_DIR) -> dict[str, object]:
    """Every edition file checked on its own against the edition's schema: name → its
    `model.Edition`, or the RulesError of a file with a problem (the freshness report lists
    every edition's closing days; building that edition reports its problems in full)."""
    found: dict[str, object] = {}
    for name in editions(rules_dir):
        problems: list[Problem] = []
        document = _read(Path(rules_dir), f"editions/{name}.yaml", problems)
        if document is not UNREADABLE:
            document.pop("description", None)
            walk = Walk(json=False)
            checked = check(Edition.node(), document, walk)
            problems.extend(Problem(p.file or f"rules/editions/{name}.yaml", p.line or 1, p.reason) for p in walk.problems)
        found[name] = RulesError(problems) if problems else Edition.node().build(checked, name)
    return found
