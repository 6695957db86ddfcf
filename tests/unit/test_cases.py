"""The YAML cases (request → expected fields) against the checker on CPython."""
import pytest

from cases_loader import all_cases
from case_format import mismatches
from checker import evaluate

CASES = all_cases()
pytestmark = pytest.mark.shipped_rules   # each case's answer is the shipped rules' (tests/cases/)


def test_there_are_cases():
    assert len(CASES) > 100


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case, rules_of):
    result = evaluate(case["request"], rules_of(case["edition"]))
    problems = mismatches(case, result)
    assert not problems, f"{case['id']}:\n" + "\n".join(problems)
