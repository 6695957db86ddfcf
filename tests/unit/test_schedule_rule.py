"""The rule that computes the years without a table reproduces every row of every official
table in the rules (the expectations are read from the rules: a year staff add is checked
as it is added)."""
import copy

import pytest

from checker.dates.months import Month
from checker.rules.model import Rules
from checker.rules.schedule import ReviewSchedule
from loader import load_rules


def official_rows(rules):
    return [row for table in rules["review"]["official"] for row in table["rounds"]]


ROWS = official_rows(load_rules())


@pytest.mark.parametrize("row", ROWS, ids=[row["approval"] for row in ROWS])
def test_rule_reproduces_official_row(rules, row):
    assert ReviewSchedule(Rules.of(rules)).computed(Month.parse(row["approval"])) == row


def test_every_official_row_is_checked(rules):
    assert len(ROWS) == sum(len(table["rounds"]) for table in rules["review"]["official"]) >= 6


def test_a_changed_rule_no_longer_reproduces_the_table(rules):
    """Guard against a comparison that cannot fail: a shifted offset must break it."""
    changed = copy.deepcopy(rules)
    changed["review"]["rule"]["apply_offsets"] = [-3, -2]
    schedule = ReviewSchedule(Rules.of(changed))
    assert all(schedule.computed(Month.parse(r["approval"]))["apply_months"] != r["apply_months"] for r in ROWS)
