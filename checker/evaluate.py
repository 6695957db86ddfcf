"""`evaluate(request) -> result`: the one entry point, in CPython and in Pyodide alike.

It reads the request, asks the calculators in turn (the special measure, eligibility,
the round choice: `measure.py`, `eligibility.py`, `rounds.py`), keeps what they found in a
`Situation`, and hands that to `advice` for the words. Two small reckonings live here
beside the routing: when MAMIS procedures become possible after registering the マイページ
(`_mypage`, from the seeds' dates and delay), and the result's `schedule` part for the
day asked (`_schedule_part`). It never raises: a request problem is an entry in `errors`, and an unexpected failure
becomes one `internal` error (the tests assert that this never happens for any input).
"""
from __future__ import annotations

import datetime as dt

from .dates.japanese import date_ja
from .dates.months import add_months
from .interfaces.request import Request, RequestReader
from .policy import rounds
from .policy.eligibility import assess
from .policy.measure import measure_for
from .policy.situation import Situation
from .rules import current_rules
from .rules.model import Rules
from .rules.state import Status
from .words import advice

JST = dt.timezone(dt.timedelta(hours=9))


def today_in_japan() -> dt.date:
    """The JMA schedule runs on Japan's calendar, whatever the machine's time zone."""
    return dt.datetime.now(JST).date()


def evaluate(request, rules=None, *, sentences: bool = True, units_known: bool = True) -> dict:
    """The result for one request under `rules` (a `model.Rules`, or the compiled dict;
    default: the rules in use). `sentences=False` leaves `actions` and `warnings` empty
    and words only the verdict's title (a roster shows nothing more); every check and
    figure is the same. `units_known=False` (a roster row with no unit cells filled):
    nothing is said about a shortfall, `eligible` is null, and the advice is the rest."""
    rules = current_rules.model_of(rules)
    try:
        return _evaluate(request, rules, sentences, units_known)
    except Exception:  # noqa: BLE001 - the physician gets a message, never a traceback
        result = empty_result(rules, None, [internal_error(rules)])
        result["internal_error"] = True
        return result


def empty_result(rules: Rules, as_of: dt.date | None, errors: list[dict]) -> dict:
    return {
        "ok": not errors, "errors": errors, "as_of": as_of.isoformat() if as_of else None,
        "eligible": None, "verdict": None, "credits": None, "schedule": None, "status": None, "mypage": None,
        "special_measure": None, "actions": [], "warnings": [], "rules_checked_on": rules.checked_on.isoformat(),
        "edition": {"key": rules.edition.key, "name": rules.edition.name},
    }


def situate(raw, rules: Rules, units_known: bool = True) -> tuple[Request, Situation | None]:
    """The request as read and, when it has no errors, where the physician stands: all that
    `evaluate` words. (A roster words its rows' few cells from this directly, without the
    whole result; the same calculators answer both.) May raise: callers turn that into the
    `internal` error, as `evaluate` does."""
    request = RequestReader(rules, today_in_japan).read(raw)
    return request, (None if request.errors else situation(request, rules, units_known))


def internal_error(rules: Rules) -> dict:
    """The one error for a failure nobody foresaw: a message, never a traceback."""
    return {"field": "", "message": rules.messages.text("errors", "internal")}


def _evaluate(raw, rules: Rules, sentences: bool, units_known: bool = True) -> dict:
    request, s = situate(raw, rules, units_known)
    result = empty_result(rules, request.as_of, request.errors)
    if s is None:
        return result
    measure = s.measure if s.measure_active else None
    result.update({
        "ok": True,
        "as_of_label": date_ja(request.as_of),
        "expires_on": request.expires_on.isoformat() if request.expires_on else None,
        "eligible": s.eligible,
        "certification": {"key": s.certification.key, "name": s.certification.name,
                          "short_name": s.certification.short_name},
        "procedure": {"key": s.procedure.key, "label": s.procedure.label},
        "credits": s.credits,
        "schedule": _schedule_part(s, rules),
        "status": s.status.value,
        "mypage": s.mypage,
        "special_measure": measure.as_result(s.procedure.total) if measure else None,
    })
    if sentences:
        result.update(advice.sentences(s))
    else:
        result["verdict"] = advice.verdict_only(s)
    result["status_label"] = advice.status_label(s, result["verdict"]["code"])
    return result


def situation(request: Request, rules: Rules, units_known: bool = True) -> Situation:
    """Where this physician stands: the calculators asked in turn (no words yet). The
    measure decides which units count; the units and the activity decide whether the
    physician could apply today; that, the マイページ and the state of the rounds decide
    which round the answer names."""
    certification = rules.certifications[request.certification]
    written = certification.procedures[request.procedure]
    schedule, as_of, key = rules.schedule, request.as_of, certification.key
    mypage, ready_on = _mypage(request.mypage_registered_on, as_of, rules)
    measure = (measure_for(certification, request.expires_on, as_of, schedule)
               if written.needs_expiry else None)
    # Values that change on a date (a total, a fee) are those in force for the round applied
    # in: first the expiry's own round (or the next one), then the round chosen, if it differs.
    aimed_at = (schedule.round_for_expiry(request.expires_on)[0] if written.needs_expiry
                else schedule.next_window(key, as_of).round)
    procedure = written.in_force(aimed_at.opens_on)
    eligibility = assess(request, rules, certification, procedure, measure, units_known)
    limit_before_window = False
    if not procedure.needs_expiry:
        choice, limit_before_window = rounds.for_new(schedule, key, as_of, ready_on, eligibility.within_limit)
        status = choice.state
    elif as_of <= request.expires_on:
        can_apply_now = eligibility.ready and mypage["registered"] and ready_on <= as_of
        choice = rounds.for_expiry(schedule, key, request.expires_on, as_of, ready_on, can_apply_now)
        status = choice.state
    elif measure is not None and measure.active:
        choice = rounds.next_round(schedule, key, as_of, ready_on, approved_by=measure.last_window.round.approval_on)
        status = Status.SPECIAL_MEASURE
    else:
        choice, status = rounds.after_expiry(schedule, key, request.expires_on), Status.EXPIRED
    if (in_force := written.in_force(choice.window.round.opens_on)) is not procedure:
        procedure = in_force
        eligibility = assess(request, rules, certification, procedure, measure, units_known)
    return Situation(rules=rules, request=request, certification=certification, procedure=procedure,
                     choice=choice, status=status, measure=measure, eligibility=eligibility, mypage=mypage,
                     ready_on=ready_on, limit_before_window=limit_before_window)


def _schedule_part(s: Situation, rules: Rules) -> dict:
    """The window's own part (made once per window), with what depends on this request:
    its state on the day asked, whether the day to apply by has passed, the later round
    named beside an overdue one, and whether any round is left to apply in."""
    window = s.window
    part = {**window.part, "apply_months": list(window.part["apply_months"]), "labels": dict(window.labels),
            "state": s.window_state.value, "actionable": s.choice.actionable, "late": s.choice.late,
            "apply_by_reason": _apply_by_reason(s, rules), "fallback": _fallback_part(s.choice.fallback)}
    apply_by = apply_by_part(s)
    part["labels"]["apply_by"] = apply_by.pop("label")
    part.update(apply_by)
    if window.round.estimated and s.procedure.needs_expiry:   # the rule speaks of expiries
        part["derivation"] = rules.review.derivation
    return part


def apply_by_part(s: Situation) -> dict:
    """The one day to apply by, as the result's `schedule` and a roster's row give it: the
    window's (the association's closing day, or the estimate), or a new application's
    earlier N-years limit; its words (`label`), what kind of day it is, and whether it
    has passed on the day asked."""
    window = s.window
    if s.apply_by != window.apply_by:   # an earlier N-years limit of a new application
        return {"apply_by": s.apply_by.isoformat(), "apply_by_estimated": False, "apply_by_kind": "within_years",
                "label": date_ja(s.apply_by), "apply_by_passed": s.apply_by_passed}
    return {"apply_by": window.part["apply_by"], "apply_by_estimated": window.apply_by_estimated,
            "apply_by_kind": "estimate" if window.apply_by_estimated else "closing_day",
            "label": window.labels["apply_by"], "apply_by_passed": s.apply_by_passed}


def _fallback_part(window) -> dict | None:
    if window is None:
        return None
    return {key: window.part[key] for key in ("fiscal_year", "round", "round_label", "apply_months", "apply_by",
                                              "apply_by_estimated", "approval_on")} | {
        "labels": {key: window.labels[key] for key in ("round", "apply_months", "apply_by", "approval_on")}}


def _apply_by_reason(s: Situation, rules: Rules) -> str:
    if s.apply_by != s.window.apply_by:
        return rules.messages.text("apply_by_reason", "within_years", years=s.procedure.within_years)
    return rules.apply_by_reasons["estimated" if s.window.apply_by_estimated else "known"]


def _mypage(registered_on: dt.date | None, as_of: dt.date, rules: Rules) -> tuple[dict, dt.date]:
    """When MAMIS procedures become possible for this physician (an estimate after 03-29).

    Registered by the deadline: from the MAMIS opening day. Later: up to about a month
    after registration (after the opening day for the few days in between, which the
    seeds do not cover). Not registered: as if registered today, at best.
    """
    if registered_on is None:
        ready_on, _ = _ready_after(as_of, rules)   # at best: registered today
        case = "not_registered"
    else:
        ready_on, case = _ready_after(registered_on, rules)
    return {
        "registered": registered_on is not None,
        "registered_on": registered_on.isoformat() if registered_on else None,
        "ready_on": ready_on.isoformat(),
        "ready": ready_on <= as_of,
        "estimated": case != "by_deadline",
        "case": case,
    }, ready_on


def _ready_after(registered_on: dt.date, rules: Rules) -> tuple[dt.date, str]:
    """The day MAMIS procedures become possible after registering on `registered_on`,
    and which of the seed's cases that is."""
    deadline, opens = rules.cutover.mypage_deadline.when, rules.cutover.mamis_opens.when
    delay = rules.mypage.delay_months
    if registered_on <= deadline:
        return opens, "by_deadline"
    if registered_on < opens:
        return add_months(opens, delay), "between"
    return add_months(registered_on, delay), "after_opening"
