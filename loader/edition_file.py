"""`editions/<name>.yaml`: what one prefectural association's edition says of itself —
its name, its desk for 認定医, what is handed in after applying, its own closing days per
round (each with a source), notes for its members, and local contacts."""
from __future__ import annotations

from .entries import contact, contact_list, text_entry
from .located_yaml import LocatedDict
from .reader import FIRST_YEAR, LAST_YEAR, Reader

PROCEDURES = ("renewal", "new")


def edition_file(doc, r: Reader, certifications: set[str], deadlines_found: list) -> dict:
    """The compiled edition. Each deadline row is also appended to `deadlines_found` as
    (line, row) so that the caller can check it against the review schedule."""
    r.unknown_keys(doc, {"description", "association", "site_url", "desk", "submission", "deadlines", "notes",
                         "contacts"})
    association = r.mapping(doc, "association") or LocatedDict()
    r.unknown_keys(association, {"name", "short_name", "source"})
    submission = r.mapping(doc, "submission", required=False) or LocatedDict()
    r.unknown_keys(submission, certifications)
    desk = r.mapping(doc, "desk") or LocatedDict()
    site_url = r.url(doc, "site_url", required=False)
    return {
        "association": {"name": r.text(association, "name"), "short_name": r.text(association, "short_name"),
                        "source": r.source(association)},
        **({"site_url": site_url if site_url.endswith("/") else site_url + "/"} if site_url else {}),
        "desk": contact(r, desk, tel_required=False),
        "submission": {key: text_entry(r, entry) for key in submission
                       if (entry := r.mapping(submission, key)) is not None},
        "deadlines": _deadlines(r, doc, certifications, deadlines_found),
        "notes": _notes(r, doc, certifications),
        "contacts": contact_list(r, doc, required=False),
    }


def _deadlines(r: Reader, doc, certifications: set[str], found: list) -> list[dict]:
    tables = []
    if "deadlines" not in doc:
        return tables
    shape = "{certification: 資格, fiscal_year: 年度, source: 出典, rounds: 行}"
    for _, table in r.mappings(doc, "deadlines", shape):
        r.unknown_keys(table, {"certification", "fiscal_year", "source", "note", "rounds"})
        certification = r.text(table, "certification")
        if certification and certification not in certifications:
            r.problem(table.line_of("certification"),
                      f"資格「{certification}」はありません（使えるもの：{'、'.join(sorted(certifications))}）。")
        item = {"certification": certification,
                "fiscal_year": r.integer(table, "fiscal_year", minimum=FIRST_YEAR, maximum=LAST_YEAR),
                "source": r.source(table), "rounds": []}
        note = r.text(table, "note", required=False)
        if note:
            item["note"] = note
        seen = set()
        for _, row in r.mappings(table, "rounds", "{round: 回, closes_on: 日付}"):
            r.unknown_keys(row, {"round", "opens_on", "closes_on"})
            entry = {"round": r.integer(row, "round", minimum=1, maximum=12), "closes_on": r.date(row, "closes_on")}
            opens_on = r.date(row, "opens_on", required=False)
            if opens_on:
                entry["opens_on"] = opens_on
                if entry["closes_on"] and opens_on > entry["closes_on"]:
                    r.problem(row.line, f"受付の開始（{opens_on}）が締切（{entry['closes_on']}）より後です。")
            if entry["round"] in seen:
                r.problem(row.line, f"第{entry['round']}回が2回書かれています。")
            seen.add(entry["round"])
            item["rounds"].append(entry)
            found.append((row.line, certification, item["fiscal_year"], entry))
        tables.append(item)
    return tables


def _notes(r: Reader, doc, certifications: set[str]) -> list[dict]:
    notes = []
    if "notes" not in doc:
        return notes
    for _, entry in r.mappings(doc, "notes", "{text: 文, source: 出典}"):
        item = text_entry(r, entry, extra=("certification", "procedure"))
        if item.get("certification") and item["certification"] not in certifications:
            r.problem(entry.line_of("certification"), f"資格「{item['certification']}」はありません。")
        if item.get("procedure") and item["procedure"] not in PROCEDURES:
            r.problem(entry.line_of("procedure"), f"手続き「{item['procedure']}」はありません（renewal か new）。")
        notes.append(item)
    return notes
