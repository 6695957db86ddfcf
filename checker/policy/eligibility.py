"""Whether the physician meets the requirements, apart from when: units, practice activity,
a new application's N-year limit. One calculator, one typed result (`Eligibility`).

The units counted are those of the validity period (extended to the measure's end for a
certificate under the special measure). Whether they were complete at the expiry matters
too: the measure is for those whose units were NOT complete by then, and dated seminars
tell (totals per category carry no dates, so with them it stays unknown).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates.japanese import date_ja
from ..dates.months import add_months, period_start
from ..interfaces.request import Request
from .credits import tally
from .measure import Measure

ACTIVITY = {True: "yes", False: "no", None: "unknown"}


@dataclass(frozen=True)
class Eligibility:
    credits: dict                    # the result's `credits` part
    units_known: bool                # False: nothing was said about the units (no shortfall is claimed)
    activity: str                    # "not_asked", "yes", "no", "unknown"
    within_limit: dt.date | None     # a new application's last day (N years after the last seminar)
    last_credit_on: dt.date | None
    complete_at_expiry: bool | None  # under the measure: units complete by the expiry (dated seminars only)

    @property
    def short(self) -> bool:
        return self.units_known and self.credits["shortfall_total"] > 0

    @property
    def ready(self) -> bool:
        """Nothing of the physician's own stands in the way of applying (the マイページ aside)."""
        return not self.short and self.activity in ("not_asked", "yes")

    def eligible(self, as_of: dt.date) -> bool | None:
        """True, False, or None where the answer turns on what was not said (units, activity)."""
        if self.short or self.activity == "no" or (self.within_limit is not None and as_of > self.within_limit):
            return False
        if self.activity == "unknown" or not self.units_known:
            return None
        return True


def assess(request: Request, rules, certification, procedure, measure: Measure | None,
           units_known: bool) -> Eligibility:
    active = measure is not None and measure.active
    period = None
    if procedure.counts_within_validity and request.expires_on is not None:
        end = measure.ends_on if active else request.expires_on
        period = (period_start(request.expires_on, certification.validity_years), end)
    credits = _credits(request, rules, certification, procedure, period)
    complete_at_expiry = None
    if active and period and request.credits and not request.credit_totals:
        complete_at_expiry = _credits(request, rules, certification, procedure,
                                      (period[0], request.expires_on))["sufficient"]
    last_credit_on = max((c.earned_on for c in request.credits if c.earned_on <= request.as_of), default=None)
    within_limit = None
    if procedure.within_years and last_credit_on:
        within_limit = add_months(last_credit_on, 12 * procedure.within_years)
        credits["apply_by"] = within_limit.isoformat()
    activity = ACTIVITY[request.activity] if procedure.needs_activity else "not_asked"
    return Eligibility(credits=credits, units_known=units_known and request.units_given, activity=activity,
                       within_limit=within_limit, last_credit_on=last_credit_on,
                       complete_at_expiry=complete_at_expiry)


def _credits(request: Request, rules, certification, procedure, period) -> dict:
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
