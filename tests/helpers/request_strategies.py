"""Hypothesis strategies for valid requests (the properties of the advice and of the one state)."""
import datetime as dt

from hypothesis import strategies as st

from checker.rules.current_rules import model_of


@st.composite
def valid_requests(draw, rules):
    model = model_of(rules)
    certification = draw(st.sampled_from(sorted(model.certifications)))
    procedure = model.procedure(certification, draw(st.sampled_from(["renewal", "new"])))
    as_of = draw(st.dates(dt.date(2025, 1, 1), dt.date(2029, 12, 31)))
    credits = draw(st.lists(st.fixed_dictionaries({
        "earned_on": st.dates(dt.date(2018, 1, 1), dt.date(2029, 12, 31)).map(dt.date.isoformat),
        "category": st.sampled_from(procedure.categories),
        "units": st.integers(1, 30) | st.sampled_from([0.1, 0.5, 1.5, 2.5]),
    }), max_size=8))
    request = {"certification": certification, "procedure": procedure.key, "as_of": as_of.isoformat(),
               "credits": credits,
               "mypage_registered_on": draw(st.none() | st.dates(dt.date(2024, 1, 1), as_of).map(dt.date.isoformat))}
    if procedure.needs_expiry:
        request["expires_on"] = draw(st.dates(dt.date(2019, 1, 1), dt.date(2032, 12, 31))).isoformat()
    if procedure.needs_activity:
        activity = draw(st.sampled_from([True, False, None]))
        if activity is not None:
            request["activity"] = activity
    return request
