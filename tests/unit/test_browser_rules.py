"""The browser's copy of the rules (no citations, no page-only texts) answers every case
exactly as the full rules do: nothing the checker reads was left out."""
from build import for_browser
from cases_loader import all_cases
from checker import evaluate
from checker.rules.model import Rules


def test_the_browser_rules_answer_every_case_as_the_full_rules_do(rules_of):
    models = {}
    for case in all_cases():
        full = rules_of(case["edition"])
        if case["edition"] not in models:
            models[case["edition"]] = Rules.of(for_browser(full))
        assert evaluate(case["request"], models[case["edition"]]) == evaluate(case["request"], full), case["id"]


def test_the_browser_rules_are_smaller_and_carry_no_citations(rules):
    slim = for_browser(rules)
    text = repr(slim)
    assert "'source'" not in text and "'sources'" not in text and len(text) < len(repr(rules)) * 0.7
