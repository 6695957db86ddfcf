"""Where one physician stands: the facts `evaluate` works out before any word is chosen.

`decide` (verdict.py) turns a Situation into codes, `advice.py` into sentences; both
read only this, so the schedule, the counts and the dates they speak of are the same.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Certification, MeasureGroup, Procedure, Rules
from .request import Request
from .schedule import Window


@dataclass(frozen=True)
class Measure:
    """The COVID special measure as it applies to this certificate (認定産業医 only)."""
    group: MeasureGroup
    ends_on: dt.date
    next_expires_on: dt.date
    last_window: Window | None       # the last window whose approval falls on or before ends_on
    active: bool                     # as_of is after the expiry and on or before ends_on

    def as_result(self) -> dict:
        return {"group": self.group.group, "renewals_needed": self.group.renewals_needed,
                "ends_on": self.ends_on.isoformat(), "next_expires_on": self.next_expires_on.isoformat()}


@dataclass
class Situation:
    rules: Rules
    request: Request
    certification: Certification
    procedure: Procedure
    window: Window                   # the round shown in `schedule`
    recommended: Window | None       # the round for the expiry, when `window` is a later one
    moved_earlier: bool              # an even-month expiry took the odd month before
    status: str
    late: bool
    measure: Measure | None          # the special measure, where the certificate falls under it
    credits: dict
    mypage: dict                     # the result's `mypage` part
    ready_on: dt.date                # when MAMIS procedures become possible
    within_limit: dt.date | None     # occupational new: apply within N years of the last seminar
    last_credit_on: dt.date | None
    activity: str                    # "not_asked", "yes", "no", "unknown"
    eligible: bool | None
    complete_at_expiry: bool | None = None   # under the measure: units complete by the expiry (dated seminars only)
    units_known: bool = True                 # False: a roster row that gives no units (no shortfall is claimed)

    @property
    def as_of(self) -> dt.date:
        return self.request.as_of

    @property
    def association(self) -> str:
        return self.rules.edition.name

    @property
    def short(self) -> bool:
        return self.units_known and self.credits["shortfall_total"] > 0

    @property
    def within_passed(self) -> bool:
        return self.within_limit is not None and self.as_of > self.within_limit

    @property
    def mypage_deadline_ahead(self) -> bool:
        """On or before the seed's registration deadline: registering now still means
        procedures from the MAMIS opening day (the seed's own date, not an estimate)."""
        return self.as_of <= self.rules.cutover.mypage_deadline.when

    @property
    def measure_possible(self) -> bool:
        """Short of units before the expiry, where the special measure would take over if
        they do not arrive in time: the expiry falls in its groups and a round after it
        is still approved by the measure's end (an expiry in its last months leaves none)."""
        rule = self.certification.special_measure
        if (self.measure is not None or rule is None or not self.procedure.needs_expiry or not self.short
                or self.status not in ("upcoming", "open", "missed") or not rule.group_of(self.request.expires_on)):
            return False
        last = self.rules.schedule.last_window_approved_by(self.certification.key, rule.ends_on)
        return last.round.approval_on > self.request.expires_on

    @property
    def mypage_too_late(self) -> bool:
        """The マイページ will not be ready by the day to apply by."""
        return self.window.needs_mypage_by(self.ready_on) and self.ready_on > self.apply_by

    @property
    def apply_by(self) -> dt.date:
        """The one day to apply by: the window's, or the N-years limit where that is earlier."""
        if self.within_limit is not None and self.within_limit < self.window.apply_by:
            return self.within_limit
        return self.window.apply_by
