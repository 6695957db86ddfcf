"""`occupational.yaml` and `sports.yaml`: one title's categories, the requirements of each
procedure (floors, total, documents, facts, fee) and, for 認定産業医, the COVID special
measure's dates and groups."""
from __future__ import annotations

from .entries import more_sources, sourced_list, sourced_text, sourced_value
from .located_yaml import LocatedDict
from .reader import Reader

PROCEDURES = ("renewal", "new")


def certification_file(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", "name", "short_name", "paper_record", "validity_years",
                         "unit", "categories", "procedures", "special_measure"})
    paper = r.mapping(doc, "paper_record") or LocatedDict()
    result = {
        "name": r.text(doc, "name"),
        "short_name": r.text(doc, "short_name"),
        "paper_record": {"label": r.text(paper, "label"), "text": r.text(paper, "text"),
                         "source": r.source(paper)},
        "validity_years": sourced_value(r, doc, "validity_years", minimum=1, maximum=10),
        "unit": sourced_text(r, doc, "unit"),
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
    measure = r.mapping(doc, "special_measure", required=False)
    if measure is not None:
        result["special_measure"] = _special_measure(r, measure)
    return result


def _procedure(r: Reader, doc, known_categories: set[str]) -> dict:
    r.unknown_keys(doc, {"label", "training", "counts_within_validity", "counts_within_validity_source",
                         "total", "minimums", "activity_required", "apply_within_years_of_last_credit",
                         "fee", "documents", "facts", "conditions_not_checked"})
    within = r.boolean(doc, "counts_within_validity")
    result = {
        "label": r.text(doc, "label"),
        "training": r.text(doc, "training"),
        "counts_within_validity": within,
        "total": sourced_value(r, doc, "total", minimum=1, maximum=1000),
        "minimums": {},
        "documents": sourced_list(r, doc, "documents"),
        "facts": sourced_list(r, doc, "facts", required=False),
        "conditions_not_checked": sourced_list(r, doc, "conditions_not_checked"),
    }
    if within:
        result["counts_within_validity_source"] = r.source(doc, "counts_within_validity_source")
    minimums = r.mapping(doc, "minimums") or LocatedDict()
    for name in minimums:
        if name not in known_categories:
            r.problem(minimums.line_of(name),
                      f"区分「{name}」は categories にありません（ある区分：{'、'.join(sorted(known_categories))}）。")
            continue
        result["minimums"][name] = sourced_value(r, minimums, name, minimum=0, maximum=1000)
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
    activity = sourced_text(r, doc, "activity_required", required=False)
    if activity:
        result["activity_required"] = activity
    within_years = sourced_value(r, doc, "apply_within_years_of_last_credit", minimum=1, maximum=10,
                                 required=False)
    if within_years:
        result["apply_within_years_of_last_credit"] = within_years
    return result


def _special_measure(r: Reader, doc) -> dict:
    """The COVID special measure: who it covers (by expiry), until when, and how many
    renewals each group must have made by its end."""
    r.unknown_keys(doc, {"label", "expired_from", "ends_on", "groups", "text", "expiry_unchanged",
                         "ending", "source", "sources"})
    result = {
        "label": r.text(doc, "label"),
        "expired_from": r.date(doc, "expired_from"),
        "ends_on": r.date(doc, "ends_on"),
        "groups": [],
        "text": r.text(doc, "text"),
        "expiry_unchanged": r.text(doc, "expiry_unchanged"),
        "ending": r.text(doc, "ending"),
        "source": r.source(doc),
        "more_sources": more_sources(r, doc),
    }
    previous_end = None
    for _, group in r.mappings(doc, "groups", "{group: 番号, expires_from: 日付, expires_to: 日付, renewals_needed: 回数}"):
        r.unknown_keys(group, {"group", "expires_from", "expires_to", "renewals_needed"})
        item = {"group": r.integer(group, "group", minimum=1, maximum=9),
                "expires_from": r.date(group, "expires_from"), "expires_to": r.date(group, "expires_to"),
                "renewals_needed": r.integer(group, "renewals_needed", minimum=1, maximum=5)}
        if item["expires_from"] and item["expires_to"] and item["expires_from"] > item["expires_to"]:
            r.problem(group.line, "expires_from は expires_to より前の日付にしてください。")
        if previous_end and item["expires_from"] and item["expires_from"] <= previous_end:
            r.problem(group.line, "グループは有効期限の古い順に、重ならないように書いてください。")
        previous_end = item["expires_to"] or previous_end
        result["groups"].append(item)
    if not result["groups"]:
        r.problem(doc.line, "特例措置のグループ（groups）が1つもありません。")
    return result
