"""Properties of the advice over generated valid requests: the checklist never asks to
apply before the steps that make applying possible, the verdict is its first step, and
every number of units in any sentence is a figure of the result's own `credits`."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import examples
from checker import evaluate
from checker.policy.verdict import BLOCKING, VERDICTS
from request_strategies import valid_requests

SETTINGS = settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
UNITS_IN_TEXT = re.compile(r"(\d+(?:\.\d+)?)単位")




def credit_figures(credits: dict, measure: dict | None = None) -> set:
    """The figures of `credits`, and of the special measure's plan (units for both renewals)."""
    figures = {credits[key] for key in ("required_total", "counted_total", "shortfall_total",
                                        "shortfall_beyond_categories")}
    if measure:
        figures |= {measure["units_per_renewal"], measure["units_total"]}
    figures |= set(credits["by_source"].values())
    for entry in credits["by_category"].values():
        figures |= {entry[key] for key in ("required", "counted", "shortfall", "notebook", "mamis")}
    return {float(value) for value in figures}


def texts_of(result: dict) -> list[str]:
    return ([result["verdict"]["title"], result["verdict"]["text"]]
            + [item["text"] for item in result["actions"] + result["warnings"]])


@SETTINGS
@given(st.data())
def test_no_apply_step_before_a_step_that_makes_applying_possible(rules, data):
    result = evaluate(data.draw(valid_requests(rules)), rules)
    assert result["ok"], result["errors"]
    codes = [item["code"] for item in result["actions"]]
    assert result["verdict"]["code"] in VERDICTS and result["verdict"]["code"] == codes[0]
    assert result["verdict"]["text"] == result["actions"][0]["text"]
    first_apply = next((i for i, code in enumerate(codes) if code.startswith("apply")), len(codes))
    assert all(code not in BLOCKING for code in codes[first_apply:]), codes
    assert all(set(item) == {"code", "text"} and item["text"] for item in result["actions"] + result["warnings"])


@SETTINGS
@given(st.data())
def test_every_number_of_units_in_a_sentence_is_a_figure_of_the_credits(rules, data):
    result = evaluate(data.draw(valid_requests(rules)), rules)
    figures = credit_figures(result["credits"], result["special_measure"])
    for text in texts_of(result):
        for number in UNITS_IN_TEXT.findall(text):
            assert float(number) in figures, (number, text, result["credits"])


@SETTINGS
@given(st.data())
def test_one_deadline_per_result_and_it_is_apply_by(rules, data):
    """Every 申請…までに in the checklist names the schedule's `apply_by` and no other day."""
    result = evaluate(data.draw(valid_requests(rules)), rules)
    apply_by = result["schedule"]["labels"]["apply_by"]
    for item in result["actions"]:
        days = re.findall(r"\d{4}年\d{1,2}月\d{1,2}日（.）まで", item["text"])
        assert all(day.startswith(apply_by) for day in days), (apply_by, item)
        waits_for_units_of_a_new_application = "その後の申請の回" in item["text"]
        # Registering now leaves the マイページ ready only after the day: no day is asked for, only the association.
        mypage_after_the_day = "より後です" in item["text"]
        if item["code"] in ("apply_now", "apply_later") and not waits_for_units_of_a_new_application \
                and not mypage_after_the_day and result["schedule"]["apply_by"] >= result["as_of"]:
            assert days, item


def test_the_properties_can_fail(rules):
    """A guard: a shortfall sentence with a number that is not in credits is caught."""
    result = evaluate({"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
                       "mypage_registered_on": "2025-03-01", "as_of": "2026-11-22", "credits": []}, rules)
    figures = credit_figures(result["credits"])
    assert 16.0 not in figures and 20.0 in figures
    assert UNITS_IN_TEXT.findall(result["verdict"]["title"])[0] == "20"
