"""The words of a result: the verdict, the checklist (actions) and what to know (warnings).

`verdict.steps` decides which steps apply and in what order; this module only words
them, from `rules/messages.yaml` and the rule texts. Every number of units in a sentence
is taken from the result's `credits`, and every date from the one window shown.
"""
from __future__ import annotations

from .japanese import date_ja
from .situation import Situation
from .verdict import Step, deciding_steps, steps, verdict_of

ACTION = "actions"


def day(value, weekday: bool = True) -> str:
    return date_ja(value, weekday)


def _item(code: str, text: str) -> dict:
    return {"code": code, "text": text}


class Words:
    """Fills the messages for one situation (the values every sentence may use)."""

    def __init__(self, s: Situation):
        self.s = s
        self.messages = s.rules.messages
        window = s.window
        self.values = {
            "association": s.association, "procedure": s.procedure.label,
            "apply_months": window.labels["apply_months"], "opens_on": window.labels["opens_on"],
            "apply_by": day(s.apply_by), "ready_on": day(s.ready_on, False),
            "login_url": s.rules.mypage.login_url, "delay_months": s.rules.mypage.delay_months,
        }
        self.values["deadline"] = self.deadline()

    def text(self, section: str, key: str, **values) -> str:
        return self.messages.text(section, key, **{**self.values, **values})

    def deadline(self) -> str:
        """The one day to apply by, with what it is: the association's, the N-years limit, or 目安."""
        s = self.s
        if s.within_limit is not None and s.apply_by == s.within_limit and s.within_limit < s.window.apply_by:
            return self.messages.text("phrases", "deadline_within", date=day(s.apply_by),
                                      years=s.procedure.within_years)
        key = "deadline_estimated" if s.window.apply_by_estimated else "deadline_known"
        return self.messages.text("phrases", key, date=day(s.apply_by), association=s.association)


def sentences(s: Situation) -> dict:
    """`verdict`, `actions` and `warnings` of the result."""
    words = Words(s)
    checklist = steps(s)
    actions = [_action(words, step) for step in checklist]
    first = verdict_of(checklist)
    title_key = "apply_later_mypage" if first.variant == "after_mypage" else first.code
    verdict = {"code": first.code, "title": s.rules.verdict_title(title_key, s.credits["shortfall_total"],
                                                                  s.window.labels["opens_on"]),
               "text": actions[0]["text"]}
    from .to_know import warnings

    return {"verdict": verdict, "actions": actions, "warnings": warnings(s, words)}


def verdict_only(s: Situation) -> dict:
    """The verdict's code and title without the other sentences (a roster's rows)."""
    first = verdict_of(deciding_steps(s))
    key = "apply_later_mypage" if first.variant == "after_mypage" else first.code
    return {"code": first.code, "title": s.rules.verdict_title(key, s.credits["shortfall_total"],
                                                                 s.window.labels["opens_on"])}


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
        return _item(code, words.text(ACTION, "earn_units", units=s.credits["shortfall_total"],
                                      details=_shortfall_details(words), by_when=_by_when(words, variant)))
    if code == "confirm_activity":
        return _item(code, words.text(ACTION, f"confirm_activity_{variant}", activity_text=s.procedure.activity.text))
    if code in ("apply_now", "apply_later"):
        return _item(code, _apply(words, code, variant))
    if code in ("apply_step", "apply_submission"):
        return _item(code, s.procedure.steps[int(variant)].text)
    return _item(code, words.text(ACTION, "apply_fee", fee=s.procedure.fee.yen))


def _apply(words: Words, code: str, variant: str) -> str:
    """When to apply: what must come first (if anything), then the window's days."""
    s = words.s
    if variant == "after_register_mypage_late":
        return words.text(ACTION, "apply_after_register_mypage_late")
    if code == "apply_now":
        lead = words.text(ACTION, "apply_now_overdue" if variant == "overdue" else "apply_now")
    elif variant == "after_earn_units" and not s.procedure.needs_expiry:
        return words.text(ACTION, "apply_after_earn_units_new")   # no round to aim at until the units are there
    elif (variant == "after_mypage" and not s.mypage["estimated"]) or (
            variant == "after_register_mypage" and s.mypage_deadline_ahead):
        lead = words.text(ACTION, "apply_after_mypage_on")   # the seed's own day, not an estimate
    else:
        lead = words.text(ACTION, f"apply_{variant}") if variant.startswith("after_") else ""
    if s.window.status_on(s.as_of) == "upcoming":
        return lead + words.text(ACTION, "apply_when_upcoming")
    return lead + words.text(ACTION, "apply_when_overdue" if s.as_of > s.apply_by else "apply_when_open")


def _contact(words: Words, reason: str) -> str:
    s = words.s
    values = {"expires_on": day(s.request.expires_on, False) if s.request.expires_on else ""}
    if reason == "missed":
        values["apply_months"] = (s.recommended or s.window).labels["apply_months"]
    if s.measure is not None:
        values["ends_on"] = day(s.measure.ends_on, False)
    if reason == "within_years_passed":
        values.update(last_on=day(s.last_credit_on, False), years=s.procedure.within_years,
                      apply_by=day(s.within_limit))
    return words.text(ACTION, f"contact_{reason}", **values)


def _shortfall_details(words: Words) -> str:
    return shortfall_details(words.s.credits, words.messages)


def shortfall_details(credits: dict, messages) -> str:
    """実地研修 1単位、専門研修 1単位、ほかに区分を問わず8単位: what is short, from `credits`."""
    details = [messages.text(ACTION, "shortfall_detail", category=name, units=entry["shortfall"])
               for name, entry in credits["by_category"].items() if entry["shortfall"] > 0]
    if credits["shortfall_beyond_categories"] > 0:
        details.append(messages.text(ACTION, "shortfall_total_detail", units=credits["shortfall_beyond_categories"])
                       if details else messages.text(ACTION, "shortfall_categories_met"))
    return "、".join(details)


def _by_when(words: Words, variant: str) -> str:
    s = words.s
    if variant == "measure":
        last = s.measure.last_window or s.window
        return words.text(ACTION, "earn_by_measure", ends_on=day(s.measure.ends_on, False),
                          round=last.labels["round"], last_apply_months=last.labels["apply_months"])
    if variant == "renewal":
        text = words.text(ACTION, "earn_by_overdue" if s.as_of > s.apply_by else "earn_by_deadline")
        if s.measure_possible:
            text += words.text(ACTION, "earn_else_measure", ends_on=day(s.certification.special_measure.ends_on, False))
        return text
    return words.text(ACTION, "earn_before_applying")
