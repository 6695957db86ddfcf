"""Which round an answer names: the one calculator that chooses it, and nothing else.

A renewal aims at the round of its expiry. When that round's day to apply by has passed
while the JMA's months still run (`OVERDUE`), a physician who could apply today is sent
to the association at once, and a later round still approved by the expiry is named as
the fallback; one who cannot apply yet (units, マイページ, proof of activity) aims at that
later round instead (`late`). A new application, and a certificate under the special
measure, aim at the next round whose day is still ahead, within their own bound (the
measure's last round; a new application's N-year limit).

Every choice is a `RoundChoice`; `actionable` is False when no round is left to apply in
(the answer is then the association alone, and no surface shows the round's days).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..rules.schedule import ReviewSchedule, Window
from ..rules.state import AHEAD, Status


@dataclass(frozen=True)
class RoundChoice:
    window: Window                   # the round the answer names
    state: Status                    # that window's state on the day asked
    recommended: Window | None = None   # the expiry's own round, where `window` is a later one
    fallback: Window | None = None      # a later round still in time, named beside an OVERDUE window
    moved_earlier: bool = False         # an even-month expiry took the odd month before
    actionable: bool = True             # False: no round is left to apply in

    @property
    def late(self) -> bool:
        return self.recommended is not None

    def late_for_mypage(self, as_of: dt.date) -> bool:
        """Named late because the マイページ will not be ready for the expiry's own round,
        whose day is still ahead (else: because that day has passed)."""
        return self.late and self.recommended.state_on(as_of) in AHEAD


def _usable(window: Window, as_of: dt.date, ready_on: dt.date) -> bool:
    """Its day to apply by is still ahead, and the マイページ will be ready for it."""
    return window.state_on(as_of) in AHEAD and not window.needs_mypage_by(ready_on)


def for_expiry(schedule: ReviewSchedule, certification: str, expires_on: dt.date, as_of: dt.date,
               ready_on: dt.date, can_apply_now: bool) -> RoundChoice:
    """The round for a certificate valid until `expires_on`, checked on or before that day.
    `can_apply_now`: nothing but the round stands between the physician and applying."""
    own_round, moved = schedule.round_for_expiry(expires_on)
    own = schedule.window(certification, own_round)
    state = own.state_on(as_of)
    if state in AHEAD and not own.needs_mypage_by(ready_on):
        return RoundChoice(own, state, moved_earlier=moved)
    later = [window for window in schedule.windows_from(certification, as_of)
             if own_round.approval < window.round.approval and window.round.approval_on <= expires_on]
    next_usable = next((window for window in later if _usable(window, as_of, ready_on)), None)
    if state is Status.OVERDUE and can_apply_now:
        return RoundChoice(own, state, fallback=next_usable, moved_earlier=moved)
    if next_usable is not None:
        return RoundChoice(next_usable, next_usable.state_on(as_of), recommended=own, moved_earlier=moved)
    if state is Status.OVERDUE:
        return RoundChoice(own, state, moved_earlier=moved)
    overdue_later = next((window for window in later if window.state_on(as_of) is Status.OVERDUE), None)
    if overdue_later is not None:
        return RoundChoice(overdue_later, Status.OVERDUE, recommended=own, moved_earlier=moved)
    # Only the マイページ stands in the way now: the first round still ahead (the answer is
    # to ask the association, or to register and then ask).
    if state in AHEAD:
        return RoundChoice(own, state, moved_earlier=moved)
    ahead_later = next((window for window in later if window.state_on(as_of) in AHEAD), None)
    if ahead_later is not None:
        return RoundChoice(ahead_later, ahead_later.state_on(as_of), recommended=own, moved_earlier=moved)
    return RoundChoice(own, Status.MISSED, moved_earlier=moved, actionable=False)


def after_expiry(schedule: ReviewSchedule, certification: str, expires_on: dt.date) -> RoundChoice:
    """An expired certificate (no special measure): the round it belonged to, over."""
    own_round, moved = schedule.round_for_expiry(expires_on)
    return RoundChoice(schedule.window(certification, own_round), Status.MISSED, moved_earlier=moved,
                       actionable=False)


def next_round(schedule: ReviewSchedule, certification: str, as_of: dt.date, ready_on: dt.date,
               approved_by: dt.date | None = None) -> RoundChoice:
    """The next round whose day is still ahead and that the マイページ can meet, approved on
    or before `approved_by`; else one past its day but within its months (ask the
    association at once); else the next one where only the マイページ stands in the way;
    else none (`actionable` False, the last round within the bound shown)."""
    windows = [window for window in schedule.windows_from(certification, as_of)
               if approved_by is None or window.round.approval_on <= approved_by]
    found = next((window for window in windows if _usable(window, as_of, ready_on)), None)
    if found is not None:
        return RoundChoice(found, found.state_on(as_of))
    overdue = next((window for window in windows if window.state_on(as_of) is Status.OVERDUE), None)
    if overdue is not None:
        return RoundChoice(overdue, Status.OVERDUE)
    if windows:
        return RoundChoice(windows[0], windows[0].state_on(as_of))
    shown = (schedule.last_window_approved_by(certification, approved_by) if approved_by is not None
             else schedule.next_window(certification, as_of))
    return RoundChoice(shown, shown.state_on(as_of), actionable=False)


def for_new(schedule: ReviewSchedule, certification: str, as_of: dt.date, ready_on: dt.date,
            limit: dt.date | None) -> tuple[RoundChoice, bool]:
    """A new application's round, and whether its N-year `limit` falls before the next
    round it could be sure to apply in. A round is sure if it is open now, or its day to
    apply by comes by the limit, or its sourced opening day does (an opening known only by
    its month may come after the limit). Past the limit, nothing is left (`MISSED`)."""
    plain = next_round(schedule, certification, as_of, ready_on)
    if limit is None:
        return plain, False
    if limit < as_of:
        return RoundChoice(plain.window, Status.MISSED, actionable=False), False
    window = plain.window
    if plain.state is Status.OPEN or (plain.state is Status.UPCOMING and (
            window.apply_by <= limit or (window.opens_known and window.opens_on <= limit))):
        return plain, False
    # A round past its day but within its months may still take the application: ask at once.
    first = schedule.next_window(certification, as_of)
    if first.state_on(as_of) is Status.OVERDUE:
        return RoundChoice(first, Status.OVERDUE), True
    return plain, True
