"""`schedule.yaml`: the cutover dates, the JMA review schedule (the official tables and
the rule that continues them) and the rule for an application deadline no edition gives."""
from __future__ import annotations

from checker.months import Month

from .entries import text_entry
from .located_yaml import LocatedDict
from .reader import FIRST_YEAR, LAST_YEAR, Reader

CUTOVER_KEYS = {
    "mypage_deadline": "date", "last_paper_seminar": "date", "mamis_credits_from": "date",
    "mamis_opens": "date", "paper_form_abolished": "month",
}
CUTOVER_ORDER = ("mypage_deadline", "last_paper_seminar", "mamis_credits_from", "mamis_opens")


def schedule_file(doc, r: Reader) -> dict:
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
    return {"cutover": cutover, "review": _review(r, r.mapping(doc, "review") or LocatedDict())}


def _review(r: Reader, review_doc) -> dict:
    r.unknown_keys(review_doc, {"committee", "fiscal_year_starts_month", "rule", "apply_by", "official", "notes"})
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
    apply_by = r.mapping(review_doc, "apply_by") or LocatedDict()
    r.unknown_keys(apply_by, {"apply_month", "derived", "source"})
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
        "apply_by": {"apply_month": r.integer(apply_by, "apply_month", minimum=1, maximum=max(len(offsets), 1)),
                     "derived": r.text(apply_by, "derived"), "source": r.source(apply_by)},
        "official": _official_tables(r, review_doc, set(committee_months)),
        "notes": {},
    }
    for _, note in r.mappings(review_doc, "notes", "{id: 名前, text: 文, source: 出典}"):
        review["notes"][r.text(note, "id")] = text_entry(r, note)
    return review


def _check_cutover_order(r: Reader, cut, cutover) -> None:
    dates = [(key, cutover.get(key, {}).get("date")) for key in CUTOVER_ORDER]
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
            r.unknown_keys(row, {"round", "expires_around", "apply_months", "approval", "certificate_from"})
            apply_list = r.sequence(row, "apply_months") or []
            item = {
                "round": r.integer(row, "round", minimum=1, maximum=12),
                "expires_around": r.month(row, "expires_around"),
                "apply_months": [r.check_month(v, row.line, "apply_months") for v in apply_list],
                "approval": r.month(row, "approval"),
                "certificate_from": r.month(row, "certificate_from"),
            }
            _check_row_order(r, row.line, item, previous_approval, committee_months)
            if item["round"] is not None and item["round"] != index + 1:
                r.problem(row.line, f"回の番号が順番になっていません（{index + 1}行目に第{item['round']}回）。")
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
