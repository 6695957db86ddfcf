"""The COVID special measure of 認定産業医: who it covers on a day, and the plan of renewals.

A certificate whose expiry falls in one of the measure's groups is, after the expiry and
up to the measure's end (2028-03-31), still regarded as valid while the physician renews.
Group 1 (expiry 2020-02 … 2023-03) must renew twice by the end, one renewal after the
other (Fukuoka: 「2回分の同時申請は不可」); group 2 once. So the plan works backwards from
the end: the last renewal's latest round is the last one approved by the end, and each
renewal before it must be approved before the next one's day to apply by.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates.months import add_months
from ..rules.model import MeasureGroup
from ..rules.schedule import ReviewSchedule, Window


@dataclass(frozen=True)
class Measure:
    group: MeasureGroup
    ends_on: dt.date
    next_expires_on: dt.date
    active: bool                     # after the expiry, on or before ends_on
    plan: tuple[Window, ...]         # the latest round for each renewal still needed, in order

    @property
    def last_window(self) -> Window:
        """The latest round for the renewal applied for now (the first of the plan)."""
        return self.plan[0]

    @property
    def twice(self) -> bool:
        return len(self.plan) > 1

    def as_result(self, units_per_renewal) -> dict:
        return {"group": self.group.group, "renewals_needed": self.group.renewals_needed,
                "ends_on": self.ends_on.isoformat(), "next_expires_on": self.next_expires_on.isoformat(),
                "units_per_renewal": units_per_renewal,
                "units_total": units_per_renewal * len(self.plan),
                "plan": [{"renewal": number, "last_round_label": window.labels["round"],
                          "fiscal_year": window.round.fiscal_year, "round": window.round.number,
                          "apply_months": window.part["apply_months"], "apply_by": window.apply_by.isoformat(),
                          "apply_by_estimated": window.apply_by_estimated,
                          "approval_on": window.round.approval_on.isoformat()}
                         for number, window in enumerate(self.plan, 1)]}


def plan(schedule: ReviewSchedule, certification: str, ends_on: dt.date, renewals: int) -> tuple[Window, ...]:
    """The latest round for each of `renewals` renewals made one after the other, all
    approved by `ends_on`: each approved before the day to apply by of the next."""
    rounds = [schedule.last_window_approved_by(certification, ends_on)]
    for _ in range(renewals - 1):
        rounds.insert(0, schedule.last_window_approved_before(certification, rounds[0].apply_by))
    return tuple(rounds)


def measure_for(certification, expires_on: dt.date, as_of: dt.date, schedule: ReviewSchedule) -> Measure | None:
    """The measure for this certificate once it has expired under it (active up to the
    measure's end, ended after it); None before the expiry or outside its groups."""
    rule = certification.special_measure
    group = rule.group_of(expires_on) if rule and expires_on >= rule.expired_from else None
    if group is None or as_of <= expires_on:
        return None
    return Measure(group=group, ends_on=rule.ends_on,
                   next_expires_on=add_months(expires_on, 12 * certification.validity_years),
                   active=expires_on < as_of <= rule.ends_on,
                   plan=plan(schedule, certification.key, rule.ends_on, group.renewals_needed))
