"""The words of a result: the verdict, the checklist (actions), the status line, and
(in `to_know`) what to know (warnings).

`verdict.steps` decides which steps apply and in what order; this module only words
them, from `rules/messages.yaml` and the rule texts. Every number of units in a sentence
is taken from the result's `credits` (or the special measure's plan), and every date from
the one window shown. Message keys are written out whole, so a search for a key finds
the code that uses it.
"""
from __future__ import annotations

from ..policy.situation import Situation
from ..policy.verdict import Step, deciding_steps, steps, verdict_of
from ..rules.state import Status
from .situation_words import Words, day, deadline_of
from .to_know import warnings

ACTION = "actions"

# The verdict's heading (messages.yaml `verdict`) for a step, where it is not the code's own.
_TITLES = {
    ("apply_later", "after_mypage"): "apply_later_mypage",
    ("contact_association", "apply_by_passed"): "contact_association_overdue",
    ("contact_association", "within_years_overdue"): "contact_association_overdue",
}
# The sentence that says when to apply, after what must come first (messages.yaml `actions`).
_APPLY_AFTER = {
    "after_register_mypage": "apply_after_register_mypage",
    "after_earn_units": "apply_after_earn_units",
    "after_confirm_activity": "apply_after_confirm_activity",
    "after_mypage": "apply_after_mypage",
}
_CONTACT = {
    "expired": "contact_expired", "lapsed": "contact_lapsed", "missed": "contact_missed",
    "within_years_passed": "contact_within_years_passed", "measure_units_complete": "contact_measure_units_complete",
    "measure_no_round": "contact_measure_no_round", "measure_plan_passed": "contact_measure_plan_passed",
    "within_years_before_window": "contact_within_years_before_window",
    "within_years_overdue": "contact_within_years_overdue", "apply_by_passed": "contact_apply_by_passed",
    "mypage_late": "contact_mypage_late",
}
_CONFIRM_ACTIVITY = {"unknown": "confirm_activity_unknown", "no": "confirm_activity_no"}
# The states of a later round in which the status says why that round, not the expiry's own, is named.
_LATE_NOTED = (Status.UPCOMING, Status.OPEN, Status.OVERDUE)


def _item(code: str, text: str) -> dict:
    return {"code": code, "text": text}


def sentences(s: Situation) -> dict:
    """`verdict`, `actions` and `warnings` of the result."""
    words = Words(s)
    checklist = steps(s)
    actions = [_action(words, step) for step in checklist]
    verdict = _verdict(s, verdict_of(checklist))
    verdict["text"] = actions[0]["text"]
    return {"verdict": verdict, "actions": actions, "warnings": warnings(s, words)}


def verdict_only(s: Situation) -> dict:
    """The verdict's code and title without the other sentences (a roster's rows)."""
    return _verdict(s, verdict_of(deciding_steps(s)))


def _verdict(s: Situation, first: Step) -> dict:
    key = _TITLES.get((first.code, first.variant), first.code)
    return {"code": first.code, "title": s.rules.verdict_title(key, s.credits["shortfall_total"],
                                                                s.window.labels["opens_from"])}


def status_label(s: Situation, verdict_code: str | None) -> str:
    """The status line's words (and a roster's 状況): the state, never flatter than the
    verdict: units complete by the expiry leave the measure undecided, so the label says so."""
    if s.status is Status.SPECIAL_MEASURE and verdict_code == "contact_association" and s.eligibility.complete_at_expiry:
        return s.rules.messages.text("status_notes", "special_measure_unclear", association=s.association)
    label = s.rules.status_labels[s.status.value]
    if s.choice.late and s.status in _LATE_NOTED:   # a later round is named: say why, or a list hides it
        named, own = s.window, s.choice.recommended
        # 「第6回」 alone within one fiscal year; across two, with the year (第1回 comes after 第6回 then)
        if named.round.fiscal_year == own.round.fiscal_year:
            named_round, own_round = named.part["round_label"], own.part["round_label"]
        else:
            named_round, own_round = named.labels["round"], own.labels["round"]
        key = "late_round_mypage" if s.choice.late_for_mypage(s.as_of) else "late_round"
        return s.rules.text_once("status_notes", key, status=label, round=named_round, recommended=own_round)
    return label


def _action(words: Words, step: Step) -> dict:
    s = words.s
    code, variant = step.code, step.variant
    if code == "contact_association":
        return _item(code, _contact(words, variant))
    if code == "register_mypage":
        if s.mypage_deadline_ahead:   # before MAMIS: the seed's deadline still holds
            cutover = s.rules.cutover
            return _item(code, words.text(ACTION, "register_mypage_by_deadline",
                                          mypage_deadline=day(cutover.mypage_deadline.when, False),
                                          mamis_opens=day(cutover.mamis_opens.when, False)))
        return _item(code, words.text(ACTION, "register_mypage"))
    if code == "earn_units":
        return _item(code, words.text(ACTION, "earn_units", details=_shortfall_details(words),
                                      by_when=_by_when(words, variant)))
    if code == "confirm_activity":
        return _item(code, words.text(ACTION, _CONFIRM_ACTIVITY[variant], activity_text=s.procedure.activity.text))
    if code in ("apply_now", "apply_later"):
        return _item(code, _apply(words, code, variant))
    if code == "second_renewal":
        return _item(code, _second_renewal(words))
    if code in ("apply_step", "apply_submission"):
        return _item(code, s.procedure.steps[int(variant)].text)
    return _item(code, words.text(ACTION, "apply_fee", fee=s.procedure.fee.yen))


def _apply(words: Words, code: str, variant: str) -> str:
    """When to apply: what must come first (if anything), then the window's days."""
    s = words.s
    if variant == "after_register_mypage_late":
        return words.text(ACTION, "apply_after_register_mypage_late")
    if code == "apply_now":
        return words.text(ACTION, "apply_when_open")
    if variant == "after_earn_units" and not s.procedure.needs_expiry:
        return words.text(ACTION, "apply_after_earn_units_new")   # no round to aim at until the units are there
    if (variant == "after_mypage" and not s.mypage["estimated"]) or (
            variant == "after_register_mypage" and s.mypage_deadline_ahead):
        lead = words.text(ACTION, "apply_after_mypage_on")   # the seed's own day, not an estimate
    else:
        lead = words.text(ACTION, _APPLY_AFTER[variant]) if variant in _APPLY_AFTER else ""
    if s.window_state is Status.UPCOMING:
        return lead + words.text(ACTION, "apply_when_upcoming")
    return lead + words.text(ACTION, "apply_when_open")


def _contact(words: Words, reason: str) -> str:
    s = words.s
    values = {}
    if reason == "missed":
        values["apply_months"] = (s.choice.recommended or s.window).labels["apply_months"]
    if s.measure is not None:
        values["ends_on"] = day(s.measure.ends_on, False)
    if reason == "measure_plan_passed":
        first = s.measure.last_window
        values.update(round=first.labels["round"], apply_by=deadline_of(first, s.association, s.rules.messages))
    if reason in ("within_years_passed", "within_years_before_window", "within_years_overdue"):
        values.update(last_on=day(s.eligibility.last_credit_on, False), years=s.procedure.within_years,
                      limit=day(s.eligibility.within_limit))
    text = words.text(ACTION, _CONTACT[reason], **values)
    if reason == "within_years_overdue":
        text += words.text(ACTION, "contact_still_accepting")
    if reason == "apply_by_passed":
        text += words.text(ACTION, "contact_still_accepting")
        fallback = s.choice.fallback
        if fallback is not None:
            text += words.text(ACTION, "contact_fallback", fallback_round=fallback.labels["round"],
                               fallback_months=fallback.labels["apply_months"],
                               fallback_deadline=deadline_of(fallback, s.association, s.rules.messages),
                               fallback_approval=fallback.labels["approval_on"])
        if s.short:
            text += words.text(ACTION, "contact_units_too", units=s.credits["shortfall_total"])
    return text


def _shortfall_details(words: Words) -> str:
    return shortfall_details(words.s.credits, words.messages)


def shortfall_details(credits: dict, messages) -> str:
    """実地研修 1単位、専門研修 1単位、ほかに区分を問わず8単位: what is short, from `credits`."""
    details = [messages.text(ACTION, "shortfall_detail", category=name, units=entry["shortfall"])
               for name, entry in credits["by_category"].items() if entry["shortfall"] > 0]
    if credits["shortfall_beyond_categories"] > 0:
        details.append(messages.text(ACTION, "shortfall_total_detail", units=credits["shortfall_beyond_categories"])
                       if details else messages.text(ACTION, "shortfall_categories_met",
                                                     units=credits["shortfall_beyond_categories"]))
    return "、".join(details)


def _by_when(words: Words, variant: str) -> str:
    s = words.s
    if variant == "measure":
        return words.text(ACTION, "earn_by_measure", ends_on=day(s.measure.ends_on, False))
    if variant == "renewal":
        text = words.text(ACTION, "earn_by_deadline")
        if s.measure_possible:
            text += words.text(ACTION, "earn_else_measure", ends_on=day(s.certification.special_measure.ends_on, False))
        return text
    return words.text(ACTION, "earn_before_applying")


def _second_renewal(words: Words) -> str:
    s = words.s
    measure, second = s.measure, s.measure.plan[1]
    return words.text(ACTION, "second_renewal", first_approval=s.window.labels["approval_on"],
                      ends_on=day(measure.ends_on, False), second_round=second.labels["round"],
                      second_months=second.labels["apply_months"],
                      second_deadline=deadline_of(second, s.association, s.rules.messages),
                      units=s.procedure.total, units_total=s.procedure.total * len(measure.plan))
