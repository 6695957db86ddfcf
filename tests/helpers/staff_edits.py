"""What an association's staff member does each year, in a copy of rules/: the JMA's tables
of the next two fiscal years (schedule.yaml `official`) and the edition's own closing days
for the first of them (editions/kyoto.yaml `deadlines`), in the shapes rules/ has.

The tables and days here are MADE UP for the tests (no FY2026 or FY2027 JMA table has been
found, and no Kyoto closing day after the first MAMIS round): they follow the rule the
FY2025 table shows, and each closing day falls on the last weekday of its round's first
application month. They are added after the last year rules/ holds, so the test keeps
working after staff add real years. Never copy them into rules/."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from loader import load_rules
from loader.compile import RULES_DIR

APPROVAL_MONTHS = (5, 7, 9, 11, 13, 15)   # of the fiscal year's calendar year: May … March


def _month(fiscal_year: int, approval_month: int, offset: int) -> tuple[int, int]:
    index = fiscal_year * 12 + approval_month - 1 + offset
    return index // 12, index % 12 + 1


def _iso(month: tuple[int, int]) -> str:
    return f"{month[0]}-{month[1]:02d}"


def made_up_table(fiscal_year: int) -> str:
    rows = [f"        - {{round: {number}, expires_around: {_iso(_month(fiscal_year, m, 2))}, "
            f"apply_months: [{_iso(_month(fiscal_year, m, -2))}, {_iso(_month(fiscal_year, m, -1))}], "
            f"approval: {_iso(_month(fiscal_year, m, 0))}, certificate_from: {_iso(_month(fiscal_year, m, 1))}}}"
            for number, m in enumerate(APPROVAL_MONTHS, 1)]
    return (f"    - fiscal_year: {fiscal_year}\n"
            f"      source: {{id: seed-000, section: \"（テスト用の架空の表）\"}}\n"
            f"      rounds:\n" + "\n".join(rows) + "\n")


def last_weekday(year: int, month: int) -> dt.date:
    day = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def closing_days(fiscal_year: int) -> dict[int, dt.date]:
    """The made-up closing day of each round: the last weekday of its first application month."""
    return {number: last_weekday(*_month(fiscal_year, m, -2)) for number, m in enumerate(APPROVAL_MONTHS, 1)}


def kyoto_deadlines(fiscal_year: int) -> str:
    rows = "\n".join(f"      - {{round: {number}, closes_on: {day.isoformat()}}}"
                     for number, day in closing_days(fiscal_year).items())
    return (f"  - certification: occupational\n    fiscal_year: {fiscal_year}\n"
            "    source: {id: seed-001, section: \"（テスト用の架空の締切）\"}\n    rounds:\n" + rows + "\n")


def next_year() -> int:
    """The first fiscal year after the last official table of the rules in use."""
    return max(table["fiscal_year"] for table in load_rules(RULES_DIR)["review"]["official"]) + 1


def staff_copy(target: Path) -> Path:
    """A copy of rules/ with the tables of the next two fiscal years and Kyoto's closing
    days of the first added as staff would add them (appended to the lists there)."""
    year = next_year()
    shutil.copytree(RULES_DIR, target)
    schedule = target / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    anchor = "  notes:\n    - id: may_take_longer"
    assert text.count(anchor) == 1
    schedule.write_text(text.replace(anchor, made_up_table(year) + made_up_table(year + 1) + anchor), encoding="utf-8")
    kyoto = target / "editions" / "kyoto.yaml"
    text = kyoto.read_text(encoding="utf-8")
    anchor = "\ncontacts:\n"
    assert text.count(anchor) == 1 and "\ndeadlines:\n" in text
    kyoto.write_text(text.replace(anchor, "\n" + kyoto_deadlines(year) + "contacts:\n"), encoding="utf-8")
    return target
