"""Properties over generated requests: no input raises, results are JSON, and adding a
credit never lowers what is counted."""
import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import examples
from checker import evaluate
from checker.rules import current_rules

MODEL = current_rules.current()
CATEGORIES = sorted({name for c in MODEL.certifications.values() for p in c.procedures.values() for name in p.categories})
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
any_json = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
dates = st.dates(dt.date(1985, 1, 1), dt.date(2105, 12, 31)).map(dt.date.isoformat)
date_like = dates | st.text(alphabet="0123456789-/", max_size=11) | json_scalars
credit_like = st.fixed_dictionaries({}, optional={
    "earned_on": date_like, "category": st.sampled_from(CATEGORIES) | json_scalars,
    "units": st.integers(-5, 2000) | st.floats(allow_nan=True) | json_scalars}) | any_json
request_like = st.fixed_dictionaries({}, optional={
    "certification": st.sampled_from(["occupational", "sports"]) | json_scalars,
    "procedure": st.sampled_from(["renewal", "new"]) | json_scalars,
    "expires_on": date_like, "mypage_registered_on": date_like, "as_of": date_like,
    "activity": st.booleans() | json_scalars,
    "credits": st.lists(credit_like, max_size=6) | any_json,
    "credit_totals": st.lists(st.fixed_dictionaries({}, optional={
        "category": st.sampled_from(CATEGORIES) | json_scalars,
        "source": st.sampled_from(["notebook", "mamis"]) | json_scalars,
        "units": st.integers(-5, 2000) | json_scalars}) | any_json, max_size=4) | any_json,
})

SETTINGS = settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(result):
    assert not result.get("internal_error"), result
    assert result["ok"] is (not result["errors"])
    for error in result["errors"]:
        assert set(error) == {"field", "message"} and error["message"]
    json.dumps(result, allow_nan=False)


@SETTINGS
@given(any_json)
def test_any_json_value_gives_a_result(rules, value):
    assert_well_formed(evaluate(value, rules))


@SETTINGS
@given(request_like)
def test_request_shaped_values_give_a_result(rules, request):
    assert_well_formed(evaluate(request, rules))


valid_credit = st.fixed_dictionaries({
    "earned_on": st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
    "units": st.integers(1, 30) | st.floats(0.25, 30).map(lambda x: round(x, 2)),
})


@st.composite
def valid_request_and_extra_credit(draw):
    certification = draw(st.sampled_from(["occupational", "sports"]))
    procedure = draw(st.sampled_from(["renewal", "new"]))
    allowed = MODEL.procedure(certification, procedure).categories
    credit = valid_credit.map(lambda c: c)
    credits = draw(st.lists(st.tuples(credit, st.sampled_from(allowed)), max_size=8))
    extra = draw(st.tuples(credit, st.sampled_from(allowed)))
    request = {
        "certification": certification, "procedure": procedure,
        "expires_on": draw(st.dates(dt.date(2024, 1, 1), dt.date(2032, 12, 31))).isoformat(),
        "as_of": draw(st.dates(dt.date(2025, 1, 1), dt.date(2031, 12, 31))).isoformat(),
        "credits": [dict(c, category=cat) for c, cat in credits],
        "activity": draw(st.booleans()),
    }
    return request, dict(extra[0], category=extra[1]), draw(st.integers(0, len(credits)))


@SETTINGS
@given(valid_request_and_extra_credit())
def test_adding_a_credit_never_lowers_counted_total(rules, drawn):
    request, extra, position = drawn
    before = evaluate(request, rules)
    assert before["ok"], before["errors"]
    more = dict(request, credits=request["credits"][:position] + [extra] + request["credits"][position:])
    after = evaluate(more, rules)
    assert after["ok"], after["errors"]
    assert after["credits"]["counted_total"] >= before["credits"]["counted_total"]
    assert after["credits"]["shortfall_total"] <= before["credits"]["shortfall_total"]
    assert not (before["eligible"] and not after["eligible"]) or "apply_by" in after["credits"]
