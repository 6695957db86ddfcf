"""`evaluate(request) -> result`: the one entry point, in CPython and in Pyodide alike.

This module only routes: it reads the request, finds the round (the recommended one, a
later one still in time, or the next one under the special measure), asks the
calculators (credits, mypage) and hands the situation to `advice` for the sentences. It
never raises: a request problem is an entry in `errors`, and an unexpected failure
becomes one `internal` error (the tests assert that this never happens for any input).
"""
from __future__ import annotations

import datetime as dt

from . import advice, current_rules
from .credits import tally
from .japanese import date_ja
from .model import Rules
from .months import add_months, period_start
from .request import Request, RequestReader
from .situation import Measure, Situation

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
        result = empty_result(rules, None, [{"field": "", "message": rules.messages.text("errors", "internal")}])
        result["internal_error"] = True
        return result


def empty_result(rules: Rules, as_of: dt.date | None, errors: list[dict]) -> dict:
    return {
        "ok": not errors, "errors": errors, "as_of": as_of.isoformat() if as_of else None,
        "eligible": None, "verdict": None, "credits": None, "schedule": None, "status": None, "mypage": None,
        "special_measure": None, "actions": [], "warnings": [], "rules_checked_on": rules.checked_on.isoformat(),
        "edition": {"key": rules.edition.key, "name": rules.edition.name},
    }


def _evaluate(raw, rules: Rules, sentences: bool, units_known: bool = True) -> dict:
    request = RequestReader(rules, today_in_japan).read(raw)
    result = empty_result(rules, request.as_of, request.errors)
    if request.errors:
        return result
    s = situation(request, rules, units_known)
    result.update({
        "ok": True,
        "as_of_label": date_ja(request.as_of),
        "expires_on": request.expires_on.isoformat() if request.expires_on else None,
        "status_label": rules.status_labels[s.status],
        "eligible": s.eligible,
        "certification": {"key": s.certification.key, "name": s.certification.name,
                          "short_name": s.certification.short_name},
        "procedure": {"key": s.procedure.key, "label": s.procedure.label},
        "credits": s.credits,
        "schedule": _schedule_part(s, rules),
        "status": s.status,
        "mypage": s.mypage,
        "special_measure": s.measure.as_result() if s.measure and s.measure.active else None,
    })
    if sentences:
        result.update(advice.sentences(s))
    else:
        result["verdict"] = advice.verdict_only(s)
    return result


def situation(request: Request, rules: Rules, units_known: bool = True) -> Situation:
    """Where this physician stands: the round, the status, the counts (no words yet)."""
    certification = rules.certifications[request.certification]
    procedure = certification.procedures[request.procedure]
    schedule, as_of, key = rules.schedule, request.as_of, certification.key
    mypage, ready_on = _mypage(request.mypage_registered_on, as_of, rules)
    recommended, moved, late, measure = None, False, False, None
    if procedure.needs_expiry:
        expires_on = request.expires_on
        rnd, moved = schedule.round_for_expiry(expires_on)
        window = schedule.window(key, rnd)
        measure = _measure(certification, expires_on, as_of, schedule)
        if as_of > expires_on:
            if measure is not None and measure.active:
                # Under the measure the next round the physician can meet is the one,
                # whatever the expiry's month.
                recommended, status, moved = window, "special_measure", False
                window = schedule.reachable_window(key, as_of, ready_on) or schedule.next_window(key, as_of)
            else:
                status = "expired"
        else:
            status = window.status_on(as_of)
            if status == "missed" or window.needs_mypage_by(ready_on):
                # Too late for the expiry's own round (or the マイページ will not be ready
                # for it): a later round still approved by the expiry, where there is one;
                # else, once the round has passed, the later round the マイページ may miss.
                later = schedule.reachable_window(key, as_of, ready_on, approved_by=expires_on)
                if later is None and status == "missed":
                    later = schedule.reachable_window(key, as_of, as_of, approved_by=expires_on)
                if later is not None and later is not window:
                    window, recommended, late, status = later, window, True, later.status_on(as_of)
    else:
        # A new application has no expiry: the first round the マイページ can meet.
        window = schedule.reachable_window(key, as_of, ready_on) or schedule.next_window(key, as_of)
        status = window.status_on(as_of)

    procedure = procedure.in_force(window.round.opens_on)   # values that change on a date: this round's
    period = None
    if procedure.counts_within_validity and request.expires_on is not None:
        end = measure.ends_on if measure is not None and measure.active else request.expires_on
        period = (period_start(request.expires_on, certification.validity_years), end)
    credits = _credits(request, rules, certification, procedure, period)
    complete_at_expiry = None
    if measure is not None and measure.active and period and request.credits and not request.credit_totals:
        # The measure is for those whose units were NOT complete by the expiry: with dated
        # seminars the checker can tell (totals carry no dates).
        complete_at_expiry = _credits(request, rules, certification, procedure,
                                      (period[0], request.expires_on))["sufficient"]
    last_credit_on = max((c.earned_on for c in request.credits if c.earned_on <= as_of), default=None)
    within_limit = None
    if procedure.within_years and last_credit_on:
        within_limit = add_months(last_credit_on, 12 * procedure.within_years)
        credits["apply_by"] = within_limit.isoformat()
    activity = "not_asked" if not procedure.needs_activity else {True: "yes", False: "no", None: "unknown"}[request.activity]
    eligible: bool | None = True
    if (units_known and not credits["sufficient"]) or activity == "no" or (within_limit is not None
                                                                         and as_of > within_limit):
        eligible = False
    elif activity == "unknown" or not units_known:
        eligible = None
    return Situation(rules=rules, request=request, certification=certification, procedure=procedure,
                     window=window, recommended=recommended, moved_earlier=moved, status=status, late=late,
                     measure=measure, credits=credits, mypage=mypage, ready_on=ready_on, within_limit=within_limit,
                     last_credit_on=last_credit_on, activity=activity, eligible=eligible,
                     complete_at_expiry=complete_at_expiry, units_known=units_known)


def _measure(certification, expires_on: dt.date, as_of: dt.date, schedule) -> Measure | None:
    """The special measure for this certificate, once it has expired under it (active up
    to the measure's end, ended after it); None before the expiry or outside its groups."""
    rule = certification.special_measure
    group = rule.group_of(expires_on) if rule and expires_on >= rule.expired_from else None
    if group is None or as_of <= expires_on:
        return None
    last = schedule.last_window_approved_by(certification.key, rule.ends_on)
    return Measure(group=group, ends_on=rule.ends_on,
                   next_expires_on=add_months(expires_on, 12 * certification.validity_years),
                   last_window=last if last.last_day >= as_of else None, active=expires_on < as_of <= rule.ends_on)


def _credits(request: Request, rules: Rules, certification, procedure, period) -> dict:
    messages = rules.messages

    def reason(kind: str) -> str:
        """Why an entry is left out, worded only when one is."""
        if kind == "future":
            return messages.text("not_counted", "future", as_of=date_ja(request.as_of, False))
        return messages.text("not_counted", "outside_validity", start=date_ja(period[0], False),
                             end=date_ja(period[1], False))

    mamis_from = rules.cutover.mamis_credits_from.when
    credits = tally(procedure, request.credits, period=period, as_of=request.as_of,
                    mamis_from=mamis_from, reason=reason, totals=request.credit_totals)
    credits["source_labels"] = dict(rules.source_labels[certification.key])
    return credits


def _schedule_part(s: Situation, rules: Rules) -> dict:
    """The window's own part (made once per window), with what depends on this request."""
    window = s.window
    part = {**window.part, "apply_months": list(window.part["apply_months"]), "labels": dict(window.labels),
            "late": s.late, "apply_by_reason": _apply_by_reason(s, rules),
            "apply_by_kind": "estimate" if window.apply_by_estimated else "closing_day"}
    if s.apply_by != window.apply_by:   # an earlier N-years limit of a new application
        part.update(apply_by=s.apply_by.isoformat(), apply_by_estimated=False, apply_by_kind="within_years")
        part["labels"]["apply_by"] = date_ja(s.apply_by)
    if window.round.estimated:
        part["derivation"] = rules.review.derivation
    return part


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
