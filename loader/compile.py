"""Compile `rules/*.yaml` into the one dict the checker and the pages read.

One function per rule file; each reads through a `Reader`, so all problems of all files
are collected and raised together as a `RulesError`. The compiled dict holds only
plain JSON types (dates as ISO strings), so it can be written as JSON for Pyodide.
"""
from __future__ import annotations

import os
from pathlib import Path

from checker.messages import MESSAGE_FIELDS, placeholders
from checker.japanese import date_ja, month_ja
from checker.months import Month, parse_date

from .located_yaml import LocatedDict, load_located
from .problems import Problem, RulesError
from .reader import FIRST_YEAR, LAST_YEAR, Reader

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
CERTIFICATION_FILES = {"occupational": "occupational.yaml", "sports": "sports.yaml"}
PROCEDURES = ("renewal", "new")
CUTOVER_KEYS = {
    "mypage_deadline": "date", "last_paper_seminar": "date", "mamis_credits_from": "date",
    "mamis_opens": "date", "first_mamis_round_closes": "date", "paper_form_abolished": "month",
}


def load_rules(rules_dir: str | os.PathLike = RULES_DIR) -> dict:
    """Read, validate and compile every rule file; raise RulesError listing all problems."""
    rules_dir = Path(rules_dir)
    problems: list[Problem] = []
    documents: dict[str, object] = {}
    names = ["sources.yaml", "schedule.yaml", *CERTIFICATION_FILES.values(),
             "mypage.yaml", "contacts.yaml", "prefecture.yaml", "messages.yaml"]
    for name in names:
        label = f"rules/{name}"
        path = rules_dir / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(Problem(label, 1, "ファイルがありません。"))
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
    if problems:
        raise RulesError(problems)

    date_words = _cutover_words(documents["schedule.yaml"])

    def reader(name: str, source_ids=None) -> Reader:
        words = None if name == "messages.yaml" else date_words
        return Reader(f"rules/{name}", source_ids, problems, words)

    sources = _sources(documents["sources.yaml"], reader("sources.yaml"))
    source_ids = set(sources["sources"])
    compiled = {
        "checked_on": sources["checked_on"],
        "sources": sources["sources"],
        **_schedule(documents["schedule.yaml"], reader("schedule.yaml", source_ids)),
        "certifications": {
            key: _certification(documents[name], reader(name, source_ids))
            for key, name in CERTIFICATION_FILES.items()
        },
        "mypage": _mypage(documents["mypage.yaml"], reader("mypage.yaml", source_ids)),
        "contacts": _contacts(documents["contacts.yaml"], reader("contacts.yaml", source_ids)),
        "prefecture": _prefecture(documents["prefecture.yaml"], reader("prefecture.yaml", source_ids)),
        "messages": _messages(documents["messages.yaml"], reader("messages.yaml")),
    }
    if problems:
        raise RulesError(problems)
    return compiled


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


def _sourced_text(r: Reader, parent, key, *, required=True) -> dict | None:
    """A `{text, source}` entry (optionally `derived`)."""
    entry = r.mapping(parent, key, required=required)
    if entry is None:
        return None
    return _text_entry(r, entry)


def _text_entry(r: Reader, entry) -> dict:
    r.unknown_keys(entry, {"text", "source", "derived", "id"})
    item = {"text": r.text(entry, "text"), "source": r.source(entry)}
    for optional in ("derived", "id"):
        value = r.text(entry, optional, required=False)
        if value:
            item[optional] = value
    return item


def _sourced_list(r: Reader, parent, key) -> list[dict]:
    return [_text_entry(r, entry) for _, entry in r.mappings(parent, key, "{text: 文, source: 出典}")]


def _sourced_value(r: Reader, parent, key, *, minimum=0, maximum=None, required=True) -> dict | None:
    """A `{value, source}` entry (optionally `derived`) holding a whole number."""
    entry = r.mapping(parent, key, required=required)
    if entry is None:
        return None
    r.unknown_keys(entry, {"value", "source", "derived", "text"})
    item = {"value": r.integer(entry, "value", minimum=minimum, maximum=maximum), "source": r.source(entry)}
    for optional in ("derived", "text"):
        value = r.text(entry, optional, required=False)
        if value:
            item[optional] = value
    return item


# -- schedule.yaml ------------------------------------------------------------------
def _schedule(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", "cutover", "review"})
    cutover = {}
    cut = r.mapping(doc, "cutover") or LocatedDict()
    r.unknown_keys(cut, set(CUTOVER_KEYS))
    for key, kind in CUTOVER_KEYS.items():
        entry = r.mapping(cut, key)
        if entry is None:
            continue
        r.unknown_keys(entry, {kind, "label", "source"})
        value = r.date(entry, "date") if kind == "date" else r.month(entry, "month")
        cutover[key] = {kind: value, "label": r.text(entry, "label"), "source": r.source(entry)}
    _check_cutover_order(r, cut, cutover)

    review_doc = r.mapping(doc, "review") or LocatedDict()
    r.unknown_keys(review_doc, {"committee", "fiscal_year_starts_month", "rule", "official", "notes"})
    committee = r.mapping(review_doc, "committee") or LocatedDict()
    months = r.sequence(committee, "months") or []
    committee_months = []
    for index, month in enumerate(months):
        value = r.check_integer(month, months.line_of(index), "months", 1, 12)
        if value is not None:
            committee_months.append(value)
    if not committee_months:
        r.problem(committee.line, "審査の月（months）が1つもありません。")
    elif committee_months != sorted(set(committee_months)):
        r.problem(months.line, "審査の月は小さい順に、重ねずに書いてください。")
    fy = r.mapping(review_doc, "fiscal_year_starts_month") or LocatedDict()
    rule_doc = r.mapping(review_doc, "rule") or LocatedDict()
    r.unknown_keys(rule_doc, {"expires_offset", "apply_offsets", "certificate_offset", "derived", "source"})
    offsets = r.sequence(rule_doc, "apply_offsets") or []
    review = {
        "committee": {"months": committee_months, "label": r.text(committee, "label"),
                      "source": r.source(committee)},
        "fiscal_year_starts_month": r.integer(fy, "value", minimum=1, maximum=12),
        "fiscal_year_source": r.source(fy),
        "rule": {
            "expires_offset": r.integer(rule_doc, "expires_offset", minimum=0, maximum=12),
            "apply_offsets": [r.check_integer(v, offsets.line_of(i), "apply_offsets", -12, 0)
                              for i, v in enumerate(offsets)],
            "certificate_offset": r.integer(rule_doc, "certificate_offset", minimum=0, maximum=12),
            "derived": r.text(rule_doc, "derived"),
            "source": r.source(rule_doc),
        },
        "official": _official_tables(r, review_doc, set(committee_months)),
        "notes": {},
    }
    for _, note in r.mappings(review_doc, "notes", "{id: 名前, text: 文, source: 出典}"):
        review["notes"][r.text(note, "id")] = _text_entry(r, note)
    return {"cutover": cutover, "review": review}


def _check_cutover_order(r: Reader, cut, cutover) -> None:
    order = ["mypage_deadline", "last_paper_seminar", "mamis_credits_from", "mamis_opens",
             "first_mamis_round_closes"]
    dates = [(key, cutover.get(key, {}).get("date")) for key in order]
    dates = [(key, value) for key, value in dates if value]
    for (key_a, a), (key_b, b) in zip(dates, dates[1:]):
        if a >= b:
            r.problem(cut.line_of(key_b), f"「{key_b}」（{b}）は「{key_a}」（{a}）より後の日付でなければなりません。")


def _official_tables(r: Reader, review_doc, committee_months: set[int]) -> list[dict]:
    tables = []
    previous_approval = None
    for _, table in r.mappings(review_doc, "official", "{fiscal_year: 年度, source: 出典, rounds: 行}"):
        r.unknown_keys(table, {"fiscal_year", "source", "rounds"})
        fiscal_year = r.integer(table, "fiscal_year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
        rows = []
        for index, row in r.mappings(table, "rounds", "{round: 回, expires_around: 年月, ...}"):
            r.unknown_keys(row, {"round", "expires_around", "apply_months", "approval",
                                 "certificate_from", "closes_on"})
            line = row.line
            apply_list = r.sequence(row, "apply_months") or []
            apply_months = [r.check_month(v, line, "apply_months") for v in apply_list]
            item = {
                "round": r.integer(row, "round", minimum=1, maximum=12),
                "expires_around": r.month(row, "expires_around"),
                "apply_months": apply_months,
                "approval": r.month(row, "approval"),
                "certificate_from": r.month(row, "certificate_from"),
            }
            closes_on = r.date(row, "closes_on", required=False)
            if closes_on:
                item["closes_on"] = closes_on
            _check_row_order(r, line, item, previous_approval, committee_months)
            if item["round"] is not None and item["round"] != index + 1:
                r.problem(line, f"回の番号が順番になっていません（{index + 1}行目に第{item['round']}回）。")
            if item["approval"]:
                previous_approval = item["approval"]
            rows.append(item)
        tables.append({"fiscal_year": fiscal_year, "source": r.source(table), "rounds": rows})
    return tables


def _check_row_order(r: Reader, line, row, previous_approval, committee_months) -> None:
    """Within a row: apply < approval < certificate, approval < expiry; rows by approval."""
    if None in (row["approval"], row["expires_around"], row["certificate_from"]) or None in row["apply_months"]:
        return
    approval = Month.parse(row["approval"])
    apply = [Month.parse(m) for m in row["apply_months"]]
    if not apply or apply != sorted(set(apply)) or apply[-1] >= approval:
        r.problem(line, "申請月は古い順に並べ、承認の月より前にしてください。")
    if Month.parse(row["certificate_from"]) <= approval or Month.parse(row["expires_around"]) <= approval:
        r.problem(line, "認定証到着の目安と有効期限は、承認の月より後にしてください。")
    if approval.month not in committee_months:
        r.problem(line, f"承認の月（{row['approval']}）は審査の月（committee.months）のどれかにしてください。")
    if previous_approval and approval <= Month.parse(previous_approval):
        r.problem(line, f"表の行が日付の順になっていません（{row['approval']}承認が{previous_approval}承認の後にあります）。")
    closes_on = row.get("closes_on")
    if closes_on and not (apply and apply[0].first_day().isoformat() <= closes_on <= apply[-1].last_day().isoformat()):
        r.problem(line, f"締切（{closes_on}）は申請月の中の日付にしてください。")


# -- occupational.yaml / sports.yaml -----------------------------------------------
def _certification(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", "name", "short_name", "paper_record", "validity_years",
                         "unit", "categories", "procedures"})
    paper = r.mapping(doc, "paper_record") or LocatedDict()
    result = {
        "name": r.text(doc, "name"),
        "short_name": r.text(doc, "short_name"),
        "paper_record": {"label": r.text(paper, "label"), "text": r.text(paper, "text"),
                         "source": r.source(paper)},
        "validity_years": _sourced_value(r, doc, "validity_years", minimum=1, maximum=10),
        "unit": _sourced_text(r, doc, "unit"),
        "categories": {},
        "procedures": {},
    }
    categories = r.mapping(doc, "categories") or LocatedDict()
    for name, entry in categories.items():
        if not isinstance(entry, LocatedDict):
            r.problem(categories.line_of(name), f"区分「{name}」は {{group: ..., source: ...}} の形で書いてください。")
            continue
        result["categories"][name] = {"group": r.text(entry, "group"), "source": r.source(entry)}
    procedures = r.mapping(doc, "procedures") or LocatedDict()
    r.unknown_keys(procedures, set(PROCEDURES))
    for key in PROCEDURES:
        entry = r.mapping(procedures, key)
        if entry is not None:
            result["procedures"][key] = _procedure(r, entry, set(result["categories"]))
    return result


def _procedure(r: Reader, doc, known_categories: set[str]) -> dict:
    r.unknown_keys(doc, {"label", "training", "counts_within_validity", "counts_within_validity_source",
                         "total", "minimums", "activity_required", "apply_within_years_of_last_credit",
                         "fee", "documents", "conditions_not_checked"})
    within = r.boolean(doc, "counts_within_validity")
    result = {
        "label": r.text(doc, "label"),
        "training": r.text(doc, "training"),
        "counts_within_validity": within,
        "total": _sourced_value(r, doc, "total", minimum=1, maximum=1000),
        "minimums": {},
        "documents": _sourced_list(r, doc, "documents"),
        "conditions_not_checked": _sourced_list(r, doc, "conditions_not_checked"),
    }
    if within:
        result["counts_within_validity_source"] = r.source(doc, "counts_within_validity_source")
    minimums = r.mapping(doc, "minimums") or LocatedDict()
    for name in minimums:
        if name not in known_categories:
            r.problem(minimums.line_of(name),
                      f"区分「{name}」は categories にありません（ある区分：{'、'.join(sorted(known_categories))}）。")
            continue
        result["minimums"][name] = _sourced_value(r, minimums, name, minimum=0, maximum=1000)
    if not result["minimums"]:
        r.problem(minimums.line or doc.line, "minimums に区分が1つもありません。")
    total = (result["total"] or {}).get("value")
    floor_sum = sum((m or {}).get("value") or 0 for m in result["minimums"].values())
    if total is not None and floor_sum > total:
        r.problem(doc.line_of("total"), f"区分ごとの下限の合計（{floor_sum}）が合計の要件（{total}）を超えています。")
    fee = r.mapping(doc, "fee", required=False)
    if fee is not None:
        r.unknown_keys(fee, {"amount", "text", "source"})
        result["fee"] = {"amount": r.integer(fee, "amount", minimum=0, maximum=1_000_000), "text": r.text(fee, "text"),
                         "source": r.source(fee)}
    activity = _sourced_text(r, doc, "activity_required", required=False)
    if activity:
        result["activity_required"] = activity
    within_years = _sourced_value(r, doc, "apply_within_years_of_last_credit", minimum=1, maximum=10,
                                  required=False)
    if within_years:
        result["apply_within_years_of_last_credit"] = within_years
    return result


# -- mypage.yaml, contacts.yaml, prefecture.yaml -----------------------------------
def _mypage(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", "login_url", "registration_delay", "without_mypage", "steps", "already_done"})
    login = r.mapping(doc, "login_url") or LocatedDict()
    delay = r.mapping(doc, "registration_delay") or LocatedDict()
    steps = r.mapping(doc, "steps") or LocatedDict()
    r.unknown_keys(steps, {"member", "non_member"})
    result = {
        "login_url": {"value": r.url(login, "value"), "source": r.source(login)},
        "registration_delay": {"months": r.integer(delay, "months", minimum=0, maximum=12),
                               "text": r.text(delay, "text"), "source": r.source(delay)},
        "without_mypage": _sourced_text(r, doc, "without_mypage"),
        "already_done": _sourced_text(r, doc, "already_done"),
        "steps": {},
    }
    for key in ("member", "non_member"):
        entry = r.mapping(steps, key)
        if entry is None:
            continue
        items = r.sequence(entry, "items") or []
        result["steps"][key] = {
            "label": r.text(entry, "label"),
            "summary": r.text(entry, "summary"),
            "items": [item for item in items if isinstance(item, str)],
            "source": r.source(entry),
        }
        if len(result["steps"][key]["items"]) != len(items) or not items:
            r.problem(entry.line_of("items"), "items は手順の文を1行ずつ書いた一覧にしてください。")
    return result


def _contact_list(r: Reader, doc) -> list[dict]:
    contacts = []
    for _, entry in r.mappings(doc, "contacts", "{name: 名前, tel: 電話, source: 出典}"):
        r.unknown_keys(entry, {"name", "purpose", "tel", "hours", "source"})
        tel = r.text(entry, "tel")
        if tel and not all(ch in "0123456789-" for ch in tel):
            r.problem(entry.line_of("tel"), f"電話番号「{tel}」は数字とハイフンで書いてください。")
        item = {"name": r.text(entry, "name"), "purpose": r.text(entry, "purpose"), "tel": tel,
                "source": r.source(entry)}
        hours = r.text(entry, "hours", required=False)
        if hours:
            item["hours"] = hours
        contacts.append(item)
    return contacts


def _contacts(doc, r: Reader) -> list[dict]:
    r.unknown_keys(doc, {"description", "contacts"})
    return _contact_list(r, doc)


def _prefecture(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", "association", "submission", "contacts"})
    association = r.mapping(doc, "association") or LocatedDict()
    submission = r.mapping(doc, "submission", required=False) or LocatedDict()
    r.unknown_keys(submission, set(CERTIFICATION_FILES))
    return {
        "association": {"name": r.text(association, "name"),
                        "short_name": r.text(association, "short_name"),
                        "source": r.source(association)},
        "submission": {key: _sourced_text(r, submission, key) for key in submission},
        "contacts": _contact_list(r, doc),
    }


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
