"""What the page templates are given: the rules, plus facts computed by the checker's code.

The schedule tables for the current and the next fiscal year come from the same
`ReviewSchedule` that answers the checker, so a page and the checker cannot disagree.
"""
from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from checker.japanese import _ERAS, fiscal_year_ja, wareki_year
from checker.months import Month, parse_date
from checker.request import MAX_CREDIT_ROWS
from checker.roster import Roster
from checker.schedule import ReviewSchedule, Round

from .assets import runtime_bytes
from .scripts import inline_script

# The letter people write for an era in a year box (R9, H31).
_ERA_LETTERS = {"令和": "R", "平成": "H"}
# The roster table's columns on the page, (header word in messages.yaml `roster`, the row's
# field shown): the line and the name, then what staff act on, then the rest.
ROSTER_PAGE_COLUMNS = (("line", "line"), ("id", "id"), ("status", "status_label"), ("apply_by", "apply_by_label"),
                       ("shortfall", "shortfall"), ("errors", "error_text"), ("certification", "certification"),
                       ("expires_on", "expires_on"), ("round", "round"), ("apply_months", "apply_label"),
                       ("approval_on", "approval_on"))



def seed_cells(rnd: Round) -> dict:
    """One row of the table in the seed's own words: 7月末 / 5-6月 / 第2回 / 7月末 / 8月末以降."""
    apply = rnd.apply_months
    months = f"{apply[0].month}月" if len(apply) == 1 else f"{apply[0].month}-{apply[-1].month}月"
    return {
        "expires": f"{rnd.expires_around.month}月末",
        "apply": months,
        "round": f"第{rnd.number}回",
        "approval": f"{rnd.approval.month}月末",
        "certificate": f"{rnd.certificate_from.month}月末以降",
    }


def checker_data(rules: dict) -> dict:
    """What the checker form needs before Python is ready: what each title and procedure
    asks (the categories to offer, whether the practice activity is asked), the eras a
    year may be written in, and the most credit rows a request may have."""
    certifications = rules["certifications"]
    return {
        "forms": {key: {procedure: {"categories": list(entry["minimums"]), "needs_expiry": procedure == "renewal",
                                    "needs_activity": "activity_required" in entry}
                        for procedure, entry in c["procedures"].items()}
                  for key, c in certifications.items()},
        "paper_labels": {key: c["paper_record"]["label"] for key, c in certifications.items()},
        "mypage_deadline": rules["cutover"]["mypage_deadline"]["date"],
        "eras": [{"name": name, "letter": _ERA_LETTERS[name], "start": start.isoformat()} for start, name in _ERAS],
        "max_credit_rows": MAX_CREDIT_ROWS,
    }


def roster_columns(roster: Roster) -> list[dict]:
    """The roster table's columns on the page: key, the row's field and the header (None
    where the rules have no word yet; the template has its own)."""
    labels = dict(zip(Roster.RESULT_COLUMNS, roster.result_headers()))
    return [{"key": key, "field": field, "label": labels.get(key)} for key, field in ROSTER_PAGE_COLUMNS]


def build_context(rules: dict, today: dt.date, checker_assets: dict) -> dict:
    schedule = ReviewSchedule.of(rules)
    cutover = {key: parse_date(entry["date"]) if "date" in entry else Month.parse(entry["month"])
               for key, entry in rules["cutover"].items()}
    official = []
    for table in rules["review"]["official"]:
        rounds = schedule.rounds_in_fiscal_year(table["fiscal_year"])
        official.append({
            "fiscal_year": table["fiscal_year"],
            "label": fiscal_year_ja(table["fiscal_year"], schedule.fiscal_year_start),
            "source": table["source"],
            "rows": [seed_cells(rnd) for rnd in rounds],
        })
    this_year = schedule.fiscal_year(Month.of(today))
    computed = [{
        "fiscal_year": year,
        "label": fiscal_year_ja(year, schedule.fiscal_year_start),
        "rounds": schedule.rounds_in_fiscal_year(year),
    } for year in (this_year, this_year + 1)]
    roster = Roster(rules)
    current = schedule.next_round_on(today)
    following = schedule.next_round_on(current.closes_on + dt.timedelta(days=1))
    return {
        "rules": rules,
        "today": today,
        "cutover": cutover,
        "association": rules["prefecture"]["association"],
        "official_tables": official,
        "computed_tables": computed,
        "current_round": current,
        "current_is_open": current.opens_on <= today,
        "following_round": following,
        "certifications": rules["certifications"],
        "sources": rules["sources"],
        "checked_on": parse_date(rules["checked_on"]),
        "wareki_year": wareki_year,
        "checker_assets": checker_assets,
        "checker_data": checker_data(rules),
        "checker_boot": Markup(inline_script("checker-boot.js")),
        "roster_template": checker_assets.get("roster_template", ""),
        "roster_headers": roster.headers(),
        "roster_columns": roster_columns(roster),
        "runtime_bytes": runtime_bytes(),
        "status_labels": dict(rules["messages"]["status"]),
    }
