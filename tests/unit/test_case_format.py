"""The YAML cases' comparison itself (tests/helpers/case_format.py): a path the result does not
have is a mismatch in every mode, so a misspelt `lacks:` cannot pass whatever the result says."""
from __future__ import annotations

from case_format import mismatches

RESULT = {"status": "open", "warnings": [{"code": "a", "text": "目安の日付です"}], "schedule": {"round": 1},
          "errors": []}


def test_lacks_on_a_misspelt_path_is_a_mismatch():
    assert mismatches({"lacks": {"warning": "目安"}}, RESULT) == [
        "warning: not in the result (lacks must name a path the result has)"]
    assert mismatches({"lacks": {"warnings": "締切"}}, RESULT) == []
    assert mismatches({"lacks": {"warnings": "目安"}}, RESULT) != []


def test_contains_on_a_misspelt_path_is_a_mismatch():
    assert mismatches({"contains": {"warnigns": "目安"}}, RESULT) == [
        "warnigns: not in the result (contains must name a path the result has)"]
    assert mismatches({"contains": {"warnings": "目安"}}, RESULT) == []


def test_expect_on_a_misspelt_path_is_a_mismatch():
    assert mismatches({"expect": {"schedule.rond": 1}}, RESULT) == ["schedule.rond: missing (expected 1)"]


def test_absent_needs_the_parent_and_no_such_key():
    assert mismatches({"expect": {"schedule.derivation": "(absent)"}}, RESULT) == []
    assert mismatches({"expect": {"schedule.round": "(absent)"}}, RESULT) == [
        "schedule.round: expected (absent), got 1"]
    assert mismatches({"expect": {"schedul.derivation": "(absent)"}}, RESULT) == [
        "schedul.derivation: schedul is not in the result (expected (absent))"]
