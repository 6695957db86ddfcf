"""How fresh the rules are, as of the build's day: what staff check before they upload.

- which rounds of the current and the next fiscal year come from the JMA's official
  table and which are estimates (no table yet: the rule computes them);
- which editions give their own closing day for the rounds whose application months fall
  in the next six months (an edition without one shows the estimated day);
- the day the rules were last checked against their sources (sources.yaml `checked_on`).

`build.py` prints it after every build; the about page (このサイトについて) shows it for its
own edition. The same facts, from the same schedule the checker uses.
"""
from __future__ import annotations

import datetime as dt

from checker.dates.japanese import date_ja, fiscal_year_ja, months_ja
from checker.rules.model import Edition, Rules
from checker.dates.months import Month

AHEAD_MONTHS = 6


def freshness(rules: Rules, today: dt.date, editions: dict[str, object]) -> dict:
    """The report's facts. `editions`: name → `model.Edition`, or the error that stops it."""
    schedule = rules.schedule
    this_year = schedule.fiscal_year(Month.of(today))
    years = [{
        "fiscal_year": year, "label": fiscal_year_ja(year, schedule.fiscal_year_start),
        "rounds": [{"label": rnd.label, "official": not rnd.estimated, "apply_months": months_ja(list(rnd.apply_months))}
                   for rnd in schedule.rounds_in_fiscal_year(year)],
    } for year in (this_year, this_year + 1)]
    months = {Month.of(today) + offset for offset in range(AHEAD_MONTHS)}
    ahead = [rnd for year in (this_year - 1, this_year, this_year + 1) for rnd in schedule.rounds_in_fiscal_year(year)
             if months & set(rnd.apply_months)]
    titles = [(key, c.short_name) for key, c in rules.certifications.items()]
    listed = []
    for name, edition in editions.items():
        if not isinstance(edition, Edition):
            listed.append({"key": name, "name": None, "error": str(edition).splitlines()[0]})
            continue
        rounds = []
        for rnd in ahead:
            days = [{"title": title, "closes_on": _closes_on(edition, key, rnd)} for key, title in titles]
            rounds.append({"label": f"{rnd.fiscal_year_label} {rnd.label}", "apply_months": months_ja(list(rnd.apply_months)),
                           "days": days})
        listed.append({"key": name, "name": edition.name, "rounds": rounds,
                       "complete": all(day["closes_on"] for r in rounds for day in r["days"])})
    return {"today": today, "checked_on": rules.checked_on, "years": years, "ahead_months": AHEAD_MONTHS,
            "editions": listed, "edition": next((e for e in listed if e["key"] == rules.edition.key), None)}


def _closes_on(edition: Edition, certification: str, rnd) -> dt.date | None:
    deadline = edition.deadline(certification, rnd.fiscal_year, rnd.number)
    return deadline.closes_on if deadline else None


def report_lines(report: dict) -> list[str]:
    """The report as build.py prints it."""
    lines = [f"ルールの新しさ（{date_ja(report['today'], False)}時点）",
             f"- ルールを出典と照合した日：{date_ja(report['checked_on'], False)}（rules/sources.yaml の checked_on）"]
    for year in report["years"]:
        official = [r["label"] for r in year["rounds"] if r["official"]]
        estimated = [r["label"] for r in year["rounds"] if not r["official"]]
        parts = []
        if official:
            parts.append(f"日本医師会の表：{'・'.join(official)}")
        if estimated:
            parts.append(f"目安（表がないため規則から計算）：{'・'.join(estimated)}")
        lines.append(f"- {year['label']}　" + "、".join(parts))
    lines.append(f"- 医師会の締切（これから{report['ahead_months']}か月に申請月がある回）：")
    for edition in report["editions"]:
        if edition["name"] is None:
            lines.append(f"  - {edition['key']}：読めません（{edition['error']}）")
            continue
        known = [f"{r['label']} {d['title']} {date_ja(d['closes_on'], False)}"
                 for r in edition["rounds"] for d in r["days"] if d["closes_on"]]
        lines.append(f"  - {edition['key']}（{edition['name']}）：" + ("、".join(known) if known else "なし（どの回も目安を示します）"))
    return lines
