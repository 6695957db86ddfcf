"""Where one physician stands: the calculators' typed results, before any word is chosen.

`evaluate` routes a request through the calculators (`rounds`, `measure`, `eligibility`)
and keeps what they found here; `verdict.py` turns a Situation into codes, `advice.py`
and `to_know.py` into sentences. All of them read only this, so the round, the state, the
counts and the dates they speak of are the same.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..interfaces.request import Request
from ..rules.model import Certification, Procedure, Rules
from ..rules.schedule import Window
from ..rules.state import Status
from .eligibility import Eligibility
from .measure import Measure
from .rounds import RoundChoice


@dataclass
class Situation:
    rules: Rules
    request: Request
    certification: Certification
    procedure: Procedure
    choice: RoundChoice              # the round the answer names, and its state
    status: Status                   # the answer's state: the window's, or expired / special_measure
    measure: Measure | None          # the special measure, where the certificate falls under it
    eligibility: Eligibility
    mypage: dict                     # the result's `mypage` part
    ready_on: dt.date                # when MAMIS procedures become possible
    limit_before_window: bool = False   # a new application's N-year limit comes before its next sure round

    # -- what the calculators found, by name ------------------------------------------
    @property
    def window(self) -> Window:
        return self.choice.window

    @property
    def window_state(self) -> Status:
        return self.choice.state

    @property
    def credits(self) -> dict:
        return self.eligibility.credits

    @property
    def eligible(self) -> bool | None:
        return self.eligibility.eligible(self.as_of)

    @property
    def as_of(self) -> dt.date:
        return self.request.as_of

    @property
    def association(self) -> str:
        return self.rules.edition.name

    @property
    def short(self) -> bool:
        return self.eligibility.short

    @property
    def measure_active(self) -> bool:
        return self.measure is not None and self.measure.active

    @property
    def within_passed(self) -> bool:
        return self.eligibility.within_limit is not None and self.as_of > self.eligibility.within_limit

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
                or self.status in (Status.EXPIRED, Status.SPECIAL_MEASURE) or not rule.group_of(self.request.expires_on)):
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
        if self.eligibility.within_limit is not None and self.eligibility.within_limit < self.window.apply_by:
            return self.eligibility.within_limit
        return self.window.apply_by

    @property
    def apply_by_passed(self) -> bool:
        return self.apply_by < self.as_of
