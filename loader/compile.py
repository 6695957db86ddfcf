"""Compile `rules/*.yaml` and one edition into the one dict the checker and the pages read.

One reader function per rule file (in the modules beside this one); each reads through a
`Reader`, so all problems of all files are collected and raised together as a
`RulesError`. The compiled dict holds only plain JSON types (dates as ISO strings), so it
can be written as JSON for Pyodide; `checker.model.Rules` turns it into typed objects.
"""
from __future__ import annotations

import os
from pathlib import Path

from checker.japanese import date_ja, month_ja
from checker.messages import MESSAGE_FIELDS, placeholders
from checker.months import Month, parse_date

from .certification_file import certification_file
from .edition_file import edition_file
from .located_yaml import LocatedDict, load_located
from .other_files import application_file, contacts_file, mypage_file
from .problems import Problem, RulesError
from .reader import Reader
from .schedule_file import CUTOVER_KEYS, schedule_file

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
CERTIFICATION_FILES = {"occupational": "occupational.yaml", "sports": "sports.yaml"}
DEFAULT_EDITION = "kyoto"
NATIONAL_FILES = ["sources.yaml", "schedule.yaml", *CERTIFICATION_FILES.values(),
                  "mypage.yaml", "contacts.yaml", "application.yaml", "messages.yaml"]


def editions(rules_dir: str | os.PathLike = RULES_DIR) -> list[str]:
    """The editions there are: one file each in rules/editions/."""
    return sorted(path.stem for path in (Path(rules_dir) / "editions").glob("*.yaml"))


def load_rules(rules_dir: str | os.PathLike = RULES_DIR, edition: str = DEFAULT_EDITION) -> dict:
    """Read, validate and compile every rule file and the edition `edition`; raise
    RulesError listing all problems."""
    rules_dir = Path(rules_dir)
    edition_name = f"editions/{edition}.yaml"
    problems: list[Problem] = []
    documents = _read_documents(rules_dir, [*NATIONAL_FILES, edition_name], problems)
    if problems:
        raise RulesError(problems)

    date_words = _cutover_words(documents["schedule.yaml"])

    def reader(name: str, source_ids=None) -> Reader:
        words = None if name == "messages.yaml" else date_words
        return Reader(f"rules/{name}", source_ids, problems, words)

    sources = _sources(documents["sources.yaml"], reader("sources.yaml"))
    ids = set(sources["sources"])
    deadlines: list = []
    compiled = {
        "checked_on": sources["checked_on"],
        "sources": sources["sources"],
        **schedule_file(documents["schedule.yaml"], reader("schedule.yaml", ids)),
        "certifications": {key: certification_file(documents[name], reader(name, ids))
                           for key, name in CERTIFICATION_FILES.items()},
        "mypage": mypage_file(documents["mypage.yaml"], reader("mypage.yaml", ids)),
        "contacts": contacts_file(documents["contacts.yaml"], reader("contacts.yaml", ids)),
        "application": application_file(documents["application.yaml"], reader("application.yaml", ids)),
        "edition": edition,
        "prefecture": edition_file(documents[edition_name], reader(edition_name, ids),
                                   set(CERTIFICATION_FILES), deadlines),
        "messages": _messages(documents["messages.yaml"], reader("messages.yaml")),
    }
    if not problems:
        _check_deadlines(compiled, deadlines, f"rules/{edition_name}", problems)
    if problems:
        raise RulesError(problems)
    return compiled


def _read_documents(rules_dir: Path, names: list[str], problems: list[Problem]) -> dict:
    documents = {}
    for name in names:
        label = f"rules/{name}"
        try:
            text = (rules_dir / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            known = "、".join(editions(rules_dir)) or "なし"
            reason = (f"この版のファイルがありません（ある版：{known}）。" if name.startswith("editions/")
                      else "ファイルがありません。")
            problems.append(Problem(label, 1, reason))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(label, 1, "UTF-8で保存してください。"))
            continue
        try:
            document = load_located(text, label)
        except RulesError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(document, LocatedDict):
            problems.append(Problem(label, 1, "ファイルの中身は「名前: 値」の組で始めてください。"))
            continue
        documents[name] = document
    return documents


def _check_deadlines(compiled: dict, found: list, label: str, problems: list[Problem]) -> None:
    """Each closing (and opening) day an edition gives lies in its round's application
    months, and the round exists in that fiscal year."""
    from checker.schedule import ReviewSchedule

    schedule = ReviewSchedule(compiled)
    for line, _certification, fiscal_year, row in found:
        rounds = schedule.rounds_in_fiscal_year(fiscal_year)
        if not 1 <= row["round"] <= len(rounds):
            problems.append(Problem(label, line, f"{fiscal_year}年度に第{row['round']}回はありません。"))
            continue
        months = rounds[row["round"] - 1].apply_months
        first, last = months[0].first_day().isoformat(), months[-1].last_day().isoformat()
        for key in ("opens_on", "closes_on"):
            day = row.get(key)
            if day and not first <= day <= last:
                problems.append(Problem(label, line, f"第{row['round']}回の「{key}」（{day}）は、"
                                                     f"この回の申請月（{first}〜{last}）の中の日付にしてください。"))


def _cutover_words(schedule_doc) -> dict[str, dict[str, str]]:
    """How texts may spell each valid cutover date; invalid ones are reported later."""
    words = {}
    cutover = schedule_doc.get("cutover")
    if not isinstance(cutover, dict):
        return words
    for key, kind in CUTOVER_KEYS.items():
        entry = cutover.get(key)
        value = str(entry.get(kind)) if isinstance(entry, dict) else ""
        try:
            if kind == "date":
                day = parse_date(value)
                words[key] = {"full": date_ja(day, False), "w": date_ja(day), "md": f"{day.month}月{day.day}日"}
            else:
                month = Month.parse(value)
                words[key] = {"full": month_ja(month), "m": f"{month.month}月"}
        except (ValueError, TypeError):
            words[key] = {}
    return words


# -- sources.yaml -------------------------------------------------------------------
def _sources(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", "checked_on", "sources"})
    result = {"checked_on": r.date(doc, "checked_on"), "sources": {}}
    entries = r.mapping(doc, "sources") or {}
    for source_id, entry in entries.items():
        if not isinstance(entry, LocatedDict):
            r.problem(entries.line_of(source_id), f"出典「{source_id}」は「名前: 値」の組で書いてください。")
            continue
        r.unknown_keys(entry, {"tier", "title", "url", "file"})
        tier = r.text(entry, "tier")
        if tier is not None and tier not in ("A", "B"):
            r.problem(entry.line_of("tier"), f"tier は A（元資料）か B（公開の規程）です（「{tier}」）。推計はtier Cとして各値の derived に書きます。")
        item = {"tier": tier, "title": r.text(entry, "title")}
        url = r.url(entry, "url", required=False)
        file = r.text(entry, "file", required=False)
        if url:
            item["url"] = url
        if file:
            item["file"] = file
        if not url and not file:
            r.problem(entry.line, f"出典「{source_id}」には url か file が必要です。")
        result["sources"][source_id] = item
    return result



# -- messages.yaml ------------------------------------------------------------------
def _messages(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", *MESSAGE_FIELDS})
    result = {}
    for section, fields in MESSAGE_FIELDS.items():
        entries = r.mapping(doc, section) or LocatedDict()
        r.unknown_keys(entries, set(fields))
        result[section] = {}
        for key, supplied in fields.items():
            template = r.text(entries, key)
            if template is None:
                continue
            try:
                used = placeholders(template)
            except ValueError:
                r.problem(entries.line_of(key), f"「{key}」の {{ }} の書き方が正しくありません。")
                continue
            extra = used - supplied
            if extra:
                allowed = "、".join("{" + name + "}" for name in sorted(supplied)) or "なし"
                r.problem(entries.line_of(key),
                          f"「{key}」の {'、'.join('{' + n + '}' for n in sorted(extra))} は使えません（使えるもの：{allowed}）。")
                continue
            result[section][key] = template
    return result
