"""The sentences of a result: what to do (actions) and what to know (warnings).

Policy decides *which* sentences apply and in what order (most urgent first); the
sentences themselves come from `rules/messages.yaml` and the rule texts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .credits import number
from .japanese import date_ja, month_ja
from .messages import Messages
from .months import Month, parse_date
from .request import Request
from .schedule import Round


def day(value: dt.date, weekday: bool = True) -> str:
    return date_ja(value, weekday)


@dataclass
class Situation:
    rules: dict
    messages: Messages
    request: Request
    certification: dict
    procedure: dict
    round: Round
    moved_earlier: bool
    status: str
    credits: dict
    mypage: dict
    apply_by: dt.date | None
    last_credit_on: dt.date | None   # the latest seminar counted by as_of (apply_by runs from it)
    eligible: bool

    @property
    def association(self) -> str:
        return self.rules["prefecture"]["association"]["name"]

    def action(self, key: str, **values) -> str:
        return self.messages.text("actions", key, **values)

    def warning(self, key: str, **values) -> str:
        return self.messages.text("warnings", key, **values)


def actions(s: Situation) -> list[str]:
    result = []
    rnd = s.round
    apply_months = rnd.labels["apply_months"]
    procedure_label = s.procedure["label"]
    if s.status == "expired":
        result.append(s.action("expired", expires_on=day(s.request.expires_on, False), association=s.association))
    elif s.status == "missed":
        result.append(s.action("missed", apply_months=apply_months, association=s.association))
    if not s.mypage["registered"] and s.status != "expired":
        mypage = s.rules["mypage"]
        result.append(s.action("register_mypage", login_url=mypage["login_url"]["value"],
                               delay_months=mypage["registration_delay"]["months"]))
    within = s.procedure.get("apply_within_years_of_last_credit")
    if s.apply_by is not None and s.request.as_of > s.apply_by:
        result.append(s.action("apply_within_years_passed", apply_by=day(s.apply_by),
                               last_on=day(s.last_credit_on, False),
                               years=within["value"], association=s.association))
    if s.credits["shortfall_total"] > 0:
        result.append(_shortfall(s))
    if "activity_required" in s.procedure and s.request.activity is not True:
        result.append(s.action("activity_missing", activity_text=s.procedure["activity_required"]["text"]))
    if s.status == "open":
        result.append(s.action("apply_open", closes_on=rnd.labels["closes_on"], procedure=procedure_label,
                               association=s.association))
    elif s.status == "upcoming":
        result.append(s.action("apply_upcoming", opens_on=rnd.labels["opens_on"], procedure=procedure_label,
                               apply_months=apply_months))
    if s.apply_by is not None and s.request.as_of <= s.apply_by:
        result.append(s.action("apply_within_years", procedure=procedure_label, apply_by=day(s.apply_by),
                               last_on=day(s.last_credit_on, False), years=within["value"]))
    if s.status != "expired":
        result.extend(_documents(s))
        if "fee" in s.procedure:
            result.append(s.action("fee", fee=f"{s.procedure['fee']['amount']:,}", association=s.association))
    return result


def _shortfall(s: Situation) -> str:
    details = [s.action("shortfall_detail", category=name, units=entry["shortfall"])
               for name, entry in s.credits["by_category"].items() if entry["shortfall"] > 0]
    floors = sum(entry["shortfall"] for entry in s.credits["by_category"].values())
    beyond_floors = s.credits["shortfall_total"] - floors
    if beyond_floors > 0:
        details.append(s.action("shortfall_total_detail", units=number(beyond_floors)))
    return s.action("shortfall", units=s.credits["shortfall_total"], details="、".join(details))


def _documents(s: Situation) -> list[str]:
    """The procedure's documents; the prefecture's own text replaces the national one."""
    local = s.rules["prefecture"]["submission"].get(s.request.certification)
    texts = []
    for document in s.procedure["documents"]:
        if document.get("id") == "submission" and local:
            texts.append(local["text"])
        else:
            texts.append(document["text"])
    return texts


def warnings(s: Situation) -> list[str]:
    result = []
    rnd = s.round
    mypage = s.mypage
    delay = s.rules["mypage"]["registration_delay"]["months"]
    ready_on = parse_date(mypage["ready_on"])
    if s.status in ("upcoming", "open") and ready_on > rnd.closes_on:
        result.append(s.warning("mypage_late_for_window", ready_on=day(ready_on, False), closes_on=day(rnd.closes_on, False),
                                association=s.association))
    if mypage["registered"] and not mypage["ready"] and mypage["case"] != "by_deadline":
        result.append(s.warning("mypage_pending", ready_on=day(ready_on), delay_months=delay))
    if mypage["case"] == "between":
        cutover = s.rules["cutover"]
        result.append(s.warning("mypage_between", registered_on=day(s.request.mypage_registered_on, False),
                                deadline=day(parse_date(cutover["mypage_deadline"]["date"]), False),
                                opens_on=day(parse_date(cutover["mamis_opens"]["date"]), False),
                                delay_months=delay))
    if not mypage["registered"]:
        result.append(s.rules["mypage"]["without_mypage"]["text"])
    for reason in ("outside_validity", "future"):
        rows = [str(entry["row"]) for entry in s.credits["not_counted"] if entry["reason"] == reason]
        if not rows:
            continue
        if reason == "outside_validity":
            period = s.credits["period"]
            result.append(s.warning("outside_validity", start=day(parse_date(period[0]), False),
                                    end=day(parse_date(period[1]), False), rows="・".join(rows)))
        else:
            result.append(s.warning("future_credit", as_of=day(s.request.as_of, False), rows="・".join(rows)))
    if s.request.credit_totals and s.credits["period"] is not None:
        result.append(s.warning("totals_as_given"))
    if "activity_required" in s.procedure and s.request.activity is None:
        result.append(s.warning("activity_unknown"))
    if s.moved_earlier:
        result.append(s.warning("even_month", month=month_ja(Month.of(s.request.expires_on))))
    if rnd.estimated:
        result.append(s.warning("estimated_schedule", derivation=s.rules["review"]["rule"]["derived"]))
    if rnd.before_mamis:
        result.append(s.warning("before_mamis", approval=month_ja(rnd.approval)))
    if s.credits["by_source"]["notebook"] > 0:
        last_paper = parse_date(s.rules["cutover"]["last_paper_seminar"]["date"])
        result.append(s.warning("keep_paper", paper=s.certification["paper_record"]["label"],
                                last_paper_day=day(last_paper, False)))
    result.extend(condition["text"] for condition in s.procedure["conditions_not_checked"])
    notes = s.rules["review"]["notes"]
    if s.status in ("upcoming", "open", "missed"):
        result.append(notes["prefecture_deadlines_differ"]["text"])
    if not rnd.estimated:
        result.append(notes["may_take_longer"]["text"])
    return result
