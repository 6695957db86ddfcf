"""The rule that computes later years reproduces every row of the official 2025 table."""
import pytest

from checker.months import Month
from checker.schedule import ReviewSchedule


def official_rows(rules):
    return [row for table in rules["review"]["official"] for row in table["rounds"]]


def test_the_official_table_has_the_seeds_six_rows(rules):
    rows = official_rows(rules)
    assert [row["approval"] for row in rows] == ["2025-05", "2025-07", "2025-09", "2025-11", "2026-01", "2026-03"]


@pytest.mark.parametrize("index", range(6))
def test_rule_reproduces_official_row(rules, index):
    row = official_rows(rules)[index]
    computed = ReviewSchedule(rules).computed(Month.parse(row["approval"]))
    expected = {key: value for key, value in row.items() if key != "closes_on"}
    assert computed == expected


def test_a_changed_rule_no_longer_reproduces_the_table(rules):
    """Guard against a comparison that cannot fail: a shifted offset must break it."""
    import copy

    changed = copy.deepcopy(rules)
    changed["review"]["rule"]["apply_offsets"] = [-3, -2]
    schedule = ReviewSchedule(changed)
    rows = official_rows(rules)
    assert all(schedule.computed(Month.parse(r["approval"]))["apply_months"] != r["apply_months"] for r in rows)
