"""What the physician should do now, and the steps after it: codes only, no words.

One verdict, then ordered steps that all follow from it. A step that makes applying
possible (register the マイページ, earn the units, confirm the practice activity) always
comes before the step that applies; where the rules do not decide, or it is too late,
the one step is to contact the association.
"""
from __future__ import annotations

from dataclasses import dataclass

from .situation import Situation

VERDICTS = ("register_mypage", "earn_units", "confirm_activity", "apply_now", "apply_later", "contact_association")
BLOCKING = ("register_mypage", "earn_units", "confirm_activity")


@dataclass(frozen=True)
class Step:
    code: str
    variant: str = ""     # which wording of the code (e.g. why the association is contacted)


def contact_reason(s: Situation) -> str | None:
    """Why only the association can help now, or None."""
    if s.status == "expired":
        return "lapsed" if s.measure is not None else "expired"
    if s.status == "missed":
        return "missed"
    if s.measure is not None and s.measure.active:
        if s.complete_at_expiry:
            return "measure_units_complete"      # the measure is for units NOT complete by then
        if s.window.round.approval_on > s.measure.ends_on:
            return "measure_no_round"
    if s.within_passed:
        return "within_years_passed"
    if s.mypage["registered"] and s.mypage_too_late and s.procedure.needs_expiry:
        return "mypage_late"
    return None


def steps(s: Situation) -> list[Step]:
    """The checklist, most urgent first; the first step is the verdict."""
    result = deciding_steps(s)
    if result[0].code == "contact_association":
        return result
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
        result.append(Step("earn_units", "measure" if s.measure and s.measure.active
                           else ("renewal" if s.procedure.needs_expiry else "new")))
    if s.activity in ("unknown", "no"):
        result.append(Step("confirm_activity", s.activity))
    result.append(_apply_step(s, waiting_for=result[-1].code if result else None))
    return result


def _apply_step(s: Situation, waiting_for: str | None) -> Step:
    if waiting_for == "register_mypage" and s.mypage_too_late:
        return Step("apply_later", "after_register_mypage_late")   # no day to aim at: ask
    if waiting_for is not None:
        return Step("apply_later", f"after_{waiting_for}")
    if s.ready_on > s.as_of:
        return Step("apply_later", "after_mypage")
    if s.window.status_on(s.as_of) == "open":
        return Step("apply_now", "overdue" if s.as_of > s.apply_by else "")
    return Step("apply_later", "upcoming")


def verdict_of(checklist: list[Step]) -> Step:
    first = checklist[0]
    if first.code not in VERDICTS:   # not an assert: the browser's bytecode has none (sitegen/package.py)
        raise ValueError(f"the checklist does not start with a verdict: {first}")
    return first
