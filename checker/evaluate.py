"""`evaluate(request) -> result`: the one entry point, in CPython and in Pyodide alike.

This module only routes: it reads the request, asks the calculators (credits, schedule,
mypage) and hands their answers to `advice` for the sentences. It never raises: a
request problem is an entry in `errors`, and an unexpected failure becomes one
`internal` error (the tests assert that this never happens for any input).
"""
from __future__ import annotations

import datetime as dt

from . import advice, ruleset
from .credits import tally
from .japanese import date_ja, fiscal_year_ja
from .messages import Messages
from .months import add_months, parse_date, period_start
from .request import RequestReader
from .ruleset import once_per_rules
from .schedule import ReviewSchedule, Round

JST = dt.timezone(dt.timedelta(hours=9))


def today_in_japan() -> dt.date:
    """The JMA schedule runs on Japan's calendar, whatever the machine's time zone."""
    return dt.datetime.now(JST).date()


def evaluate(request, rules: dict | None = None, *, sentences: bool = True) -> dict:
    """The result for one request. `sentences=False` leaves `actions` and `warnings`
    empty (a roster shows neither); every check and figure is the same."""
    rules = rules if rules is not None else ruleset.current()
    messages = Messages(rules["messages"])
    try:
        return _evaluate(request, rules, messages, sentences)
    except Exception:  # noqa: BLE001 - the physician gets a message, never a traceback
        result = empty_result(rules, None, [{"field": "", "message": messages.text("errors", "internal")}])
        result["internal_error"] = True
        return result


def empty_result(rules: dict, as_of: dt.date | None, errors: list[dict]) -> dict:
    return {
        "ok": not errors, "errors": errors, "as_of": as_of.isoformat() if as_of else None,
        "eligible": None, "credits": None, "schedule": None, "status": None, "mypage": None,
        "actions": [], "warnings": [], "rules_checked_on": rules["checked_on"],
    }


class _Shared:
    """What every request under one rules object shares, worked out once per rules
    (`once_per_rules`) rather than once per request: the cutover dates, the labels of
    the two kinds of record, the status words and each round's schedule part."""

    def __init__(self, rules: dict):
        self.rules = rules
        messages = Messages(rules["messages"])
        cutover = {key: entry.get("date") for key, entry in rules["cutover"].items()}
        self.mamis_credits_from = parse_date(cutover["mamis_credits_from"])
        self.mypage_deadline = parse_date(cutover["mypage_deadline"])
        self.mamis_opens = parse_date(cutover["mamis_opens"])
        self.schedule = ReviewSchedule.of(rules)
        self.status_labels = {status: messages.text("status", status) for status in rules["messages"]["status"]}
        mamis = messages.text("labels_result", "mamis", mamis_from=advice.day(self.mamis_credits_from, False))
        last_paper_day = advice.day(parse_date(cutover["last_paper_seminar"]), False)
        self.source_labels = {
            key: {"notebook": messages.text("labels_result", "notebook", paper=certification["paper_record"]["label"],
                                            last_paper_day=last_paper_day),
                  "mamis": mamis}
            for key, certification in rules["certifications"].items()}
        self._schedules: dict[int, dict] = {}

    def schedule_result(self, rnd: Round) -> dict:
        """The `schedule` part of a result for `rnd`: a fresh copy each time, so no
        result shares a mutable part with another. Kept by the round's id: the schedule
        memoizes its rounds (one object per round), and hashing a Round's fields costs
        more than the rest of this."""
        kept = self._schedules.get(id(rnd))
        if kept is None:
            kept = self._schedules[id(rnd)] = _schedule_result(rnd, self.rules, self.schedule)
        return {**kept, "apply_months": list(kept["apply_months"]), "labels": dict(kept["labels"])}


def _evaluate(raw, rules: dict, messages: Messages, sentences: bool = True) -> dict:
    request = RequestReader(rules, messages, today_in_japan).read(raw)
    result = empty_result(rules, request.as_of, request.errors)
    if request.errors:
        return result

    shared = once_per_rules(_Shared, rules)
    as_of = request.as_of
    certification = rules["certifications"][request.certification]
    procedure = certification["procedures"][request.procedure]
    schedule = shared.schedule
    renewal = request.procedure == "renewal"

    if renewal:
        rnd, moved_earlier = schedule.round_for_expiry(request.expires_on)
        status = "expired" if as_of > request.expires_on else rnd.status_on(as_of)
    else:
        rnd, moved_earlier = schedule.next_round_on(as_of), False
        status = rnd.status_on(as_of)

    period = None
    if renewal and procedure["counts_within_validity"]:
        period = (period_start(request.expires_on, certification["validity_years"]["value"]),
                  request.expires_on)

    def reason(kind: str) -> str:
        """Why an entry is left out, worded only when one is."""
        if kind == "future":
            return messages.text("not_counted", "future", as_of=advice.day(as_of, False))
        return messages.text("not_counted", "outside_validity",
                             start=advice.day(period[0], False) if period else "",
                             end=advice.day(period[1], False) if period else "")

    credits = tally(procedure, request.credits, period=period, as_of=as_of,
                    mamis_from=shared.mamis_credits_from, reason=reason, totals=request.credit_totals)
    credits["source_labels"] = dict(shared.source_labels[request.certification])

    apply_by = None
    within = procedure.get("apply_within_years_of_last_credit")
    last_credit_on = max((c.earned_on for c in request.credits if c.earned_on <= as_of), default=None)
    if within and last_credit_on:
        apply_by = add_months(last_credit_on, 12 * within["value"])
        credits["apply_by"] = apply_by.isoformat()

    activity_ok = True
    if "activity_required" in procedure:
        activity_ok = request.activity is True
    eligible = credits["sufficient"] and activity_ok and (apply_by is None or as_of <= apply_by)

    result.update({
        "ok": True,
        "as_of_label": date_ja(as_of),
        "expires_on": request.expires_on.isoformat() if request.expires_on else None,
        "status_label": shared.status_labels[status],
        "eligible": eligible,
        "certification": {"key": request.certification, "name": certification["name"],
                          "short_name": certification["short_name"]},
        "procedure": {"key": request.procedure, "label": procedure["label"]},
        "credits": credits,
        "schedule": shared.schedule_result(rnd),
        "status": status,
        "mypage": _mypage(request.mypage_registered_on, as_of, rules, shared),
    })
    if sentences:
        situation = advice.Situation(
            rules=rules, messages=messages, request=request, certification=certification,
            procedure=procedure, round=rnd, moved_earlier=moved_earlier, status=status,
            credits=credits, mypage=result["mypage"], apply_by=apply_by,
            last_credit_on=last_credit_on, eligible=eligible)
        result["actions"] = advice.actions(situation)
        result["warnings"] = advice.warnings(situation)
    return result


def _schedule_result(rnd, rules: dict, schedule: ReviewSchedule) -> dict:
    result = {
        "fiscal_year": rnd.fiscal_year,
        "fiscal_year_label": fiscal_year_ja(rnd.fiscal_year, schedule.fiscal_year_start),
        "round": rnd.number,
        "round_label": f"第{rnd.number}回",
        "apply_months": [month.iso() for month in rnd.apply_months],
        "opens_on": rnd.opens_on.isoformat(),
        "closes_on": rnd.closes_on.isoformat(),
        "approval_on": rnd.approval.last_day().isoformat(),
        "certificate_from": rnd.certificate_from.last_day().isoformat(),
        "expires_around": rnd.expires_around.iso(),
        "estimated": rnd.estimated,
    }
    if rnd.estimated:
        result["derivation"] = rules["review"]["rule"]["derived"]
    # the same dates as Japanese readers expect them, for the page (a fresh dict per result)
    result["labels"] = {"round": f"{result['fiscal_year_label']} {result['round_label']}", **rnd.labels}
    return result


def _mypage(registered_on: dt.date | None, as_of: dt.date, rules: dict, shared: _Shared) -> dict:
    """When MAMIS procedures become possible for this physician (an estimate after 03-29).

    Registered by the deadline: from the MAMIS opening day. Later: up to about a month
    after registration (after the opening day for the few days in between, which the
    seeds do not cover). Not registered: a month from today, at best.
    """
    deadline, opens = shared.mypage_deadline, shared.mamis_opens
    delay = rules["mypage"]["registration_delay"]["months"]
    if registered_on is None:
        ready_on, case = add_months(as_of, delay), "not_registered"
    elif registered_on <= deadline:
        ready_on, case = opens, "by_deadline"
    elif registered_on < opens:
        ready_on, case = add_months(opens, delay), "between"
    else:
        ready_on, case = add_months(registered_on, delay), "after_opening"
    return {
        "registered": registered_on is not None,
        "registered_on": registered_on.isoformat() if registered_on else None,
        "ready_on": ready_on.isoformat(),
        "ready": ready_on <= as_of,
        "estimated": case != "by_deadline",
        "case": case,
    }
