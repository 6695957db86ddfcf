"""What the page templates are given: the rules, plus facts computed by the checker's code.

The schedule tables for the current and the next fiscal year come from the same
`ReviewSchedule` that answers the checker, so a page and the checker cannot disagree.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from checker.japanese import fiscal_year_ja, wareki_year
from checker.months import Month, parse_date
from checker.roster import Roster
from checker.schedule import ReviewSchedule, Round

from .licenses import components as licenses
ROOT = Path(__file__).resolve().parent.parent


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
    """What the checker form needs before Python is ready: the categories to offer."""
    certifications = rules["certifications"]
    return {
        "categories": {key: {procedure: list(entry["minimums"]) for procedure, entry in c["procedures"].items()}
                       for key, c in certifications.items()},
        "paper_labels": {key: c["paper_record"]["label"] for key, c in certifications.items()},
        "mypage_deadline": rules["cutover"]["mypage_deadline"]["date"],
    }


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
        "checker_boot": Markup((ROOT / "web" / "checker-boot.js").read_text(encoding="utf-8")),
        "roster_template": checker_assets.get("roster_template", ""),
        "roster_headers": roster.headers(),
        "roster_result_headers": roster.result_headers(),
        "status_labels": dict(rules["messages"]["status"]),
        "licenses": licenses(),
    }
