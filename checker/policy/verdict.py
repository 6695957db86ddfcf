"""What the physician should do now, and the steps after it: codes only, no words.

One verdict, then ordered steps that all follow from it. A step that makes applying
possible (register the マイページ, earn the units, confirm the practice activity) always
comes before the step that applies; where the rules do not decide, where a day has
passed, or where it is too late, the one step is to contact the association.

`ALLOWED` is the table of (verdict, state) pairs an answer may show together: the
status line, the roster's 状況 and the verdict are worded from the same Situation, and the
tests check every answer against this table.
"""
from __future__ import annotations

from typing import NamedTuple

from ..rules.state import Status
from .situation import Situation

VERDICTS = ("register_mypage", "earn_units", "confirm_activity", "apply_now", "apply_later", "contact_association")
BLOCKING = ("register_mypage", "earn_units", "confirm_activity")

_AHEAD = frozenset({Status.UPCOMING, Status.OPEN})
ALLOWED: dict[str, frozenset[Status]] = {
    "register_mypage": _AHEAD | {Status.SPECIAL_MEASURE},
    "earn_units": _AHEAD | {Status.SPECIAL_MEASURE},
    "confirm_activity": _AHEAD,                                # sports: no special measure
    "apply_now": frozenset({Status.OPEN, Status.SPECIAL_MEASURE}),
    "apply_later": _AHEAD | {Status.SPECIAL_MEASURE},
    "contact_association": frozenset(Status),
}


# The apply step's variant after a blocking step (advice words each; keys written out whole).
_AFTER = {"register_mypage": "after_register_mypage", "earn_units": "after_earn_units",
          "confirm_activity": "after_confirm_activity"}


class Step(NamedTuple):
    """(An immutable tuple: every roster row makes one or two, and a frozen dataclass is
    several times slower to make.)"""
    code: str
    variant: str = ""     # which wording of the code (e.g. why the association is contacted)


def contact_reason(s: Situation) -> str | None:
    """Why only the association can help now, or None."""
    if s.status is Status.EXPIRED:
        return "lapsed" if s.measure is not None else "expired"
    if s.status is Status.MISSED:
        return "within_years_passed" if s.within_passed else "missed"
    if s.measure_active:
        if s.eligibility.complete_at_expiry:
            return "measure_units_complete"      # the measure is for units NOT complete by then
        if not s.choice.actionable:
            return "measure_plan_passed" if s.measure.twice else "measure_no_round"
    if s.limit_before_window:
        return "within_years_overdue" if s.window_state is Status.OVERDUE else "within_years_before_window"
    if s.window_state is Status.OVERDUE:
        return "apply_by_passed"
    if s.mypage["registered"] and s.mypage_too_late and s.procedure.needs_expiry:
        return "mypage_late"
    return None


def steps(s: Situation) -> list[Step]:
    """The checklist, most urgent first; the first step is the verdict."""
    result = deciding_steps(s)
    if result[0].code == "contact_association":
        return result
    if s.measure_active and s.measure.twice:
        result.append(Step("second_renewal"))
    result.extend(Step(step.code, str(index)) for index, step in enumerate(s.procedure.steps))
    if s.procedure.fee is not None:
        result.append(Step("apply_fee"))
    return result


def deciding_steps(s: Situation) -> list[Step]:
    """The steps that decide what happens: what must come first, then when to apply (or,
    alone, contacting the association). The verdict is the first; a roster needs no more."""
    reason = contact_reason(s)
    if reason:
        return [Step("contact_association", reason)]
    result = []
    if not s.mypage["registered"]:
        result.append(Step("register_mypage"))
    if s.short:
        result.append(Step("earn_units", "measure" if s.measure_active
                           else ("renewal" if s.procedure.needs_expiry else "new")))
    if s.eligibility.activity in ("unknown", "no"):
        result.append(Step("confirm_activity", s.eligibility.activity))
    result.append(_apply_step(s, waiting_for=result[-1].code if result else None))
    return result


def _apply_step(s: Situation, waiting_for: str | None) -> Step:
    if waiting_for == "register_mypage" and s.mypage_too_late:
        return Step("apply_later", "after_register_mypage_late")   # no day to aim at: ask
    if waiting_for is not None:
        return Step("apply_later", _AFTER[waiting_for])
    if s.ready_on > s.as_of:
        return Step("apply_later", "after_mypage")
    if s.window_state is Status.OPEN:
        return Step("apply_now")
    return Step("apply_later", "upcoming")


def verdict_of(checklist: list[Step]) -> Step:
    """The first step, which is always one of VERDICTS (a contact, a blocking step or an
    apply step: `deciding_steps` makes nothing else first)."""
    first = checklist[0]
    if first.code not in VERDICTS:   # not an assert: the browser's bytecode has none (sitegen/package.py)
        raise ValueError(f"the checklist does not start with a verdict: {first}")
    return first
