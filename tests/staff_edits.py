"""What an association's staff member does each year, in a copy of rules/: the JMA's table
of the coming fiscal years (schedule.yaml `official`) and the edition's own closing days
(editions/kyoto.yaml `deadlines`), in the shapes rules/ has.

The tables and days here are MADE UP for the tests (no FY2026 or FY2027 JMA table has been
found, and no Kyoto closing day after the first MAMIS round): they follow the rule the
FY2025 table shows, and the closing days fall on the last weekday of each round's first
application month. Never copy them into rules/."""
from __future__ import annotations

import shutil
from pathlib import Path

from loader.compile import RULES_DIR


def made_up_table(fiscal_year: int) -> str:
    rows = []
    for number, approval_month in enumerate((5, 7, 9, 11, 13, 15), 1):
        def month(offset: int) -> str:
            index = fiscal_year * 12 + approval_month - 1 + offset
            return f"{index // 12}-{index % 12 + 1:02d}"
        rows.append(f"        - {{round: {number}, expires_around: {month(2)}, apply_months: [{month(-2)}, {month(-1)}], "
                    f"approval: {month(0)}, certificate_from: {month(1)}}}")
    return (f"    - fiscal_year: {fiscal_year}\n"
            f"      source: {{id: seed-000, section: \"（テスト用の架空の表）\"}}\n"
            f"      rounds:\n" + "\n".join(rows) + "\n")


# Kyoto's made-up FY2026 closing days: the last weekday of each round's first month.
KYOTO_FY2026 = {1: "2026-03-31", 2: "2026-05-29", 3: "2026-07-31", 4: "2026-09-30", 5: "2026-11-30", 6: "2027-01-29"}


def kyoto_deadlines() -> str:
    rows = "\n".join(f"      - {{round: {number}, closes_on: {day}}}" for number, day in KYOTO_FY2026.items())
    return ("  - certification: occupational\n    fiscal_year: 2026\n"
            "    source: {id: seed-001, section: \"（テスト用の架空の締切）\"}\n    rounds:\n" + rows + "\n")


def staff_copy(target: Path) -> Path:
    """A copy of rules/ with the FY2026 and FY2027 tables and Kyoto's FY2026 closing days
    added as staff would add them (appended to the lists that are there)."""
    shutil.copytree(RULES_DIR, target)
    schedule = target / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    anchor = "  notes:\n    - id: may_take_longer"
    assert text.count(anchor) == 1
    schedule.write_text(text.replace(anchor, made_up_table(2026) + made_up_table(2027) + anchor), encoding="utf-8")
    kyoto = target / "editions" / "kyoto.yaml"
    text = kyoto.read_text(encoding="utf-8")
    anchor = "contacts:\n"
    assert text.count(anchor) == 1
    kyoto.write_text(text.replace(anchor, kyoto_deadlines() + anchor), encoding="utf-8")
    return target
