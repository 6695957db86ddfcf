"""The JMA review rounds, and each round as one association receives one title's applications.

The committee meets at the end of the committee months (odd months); a round's approval
month fixes everything else by the offsets in `rules/schedule.yaml`. Where an official
table has the round, the table is used and the round is not an estimate; the tests check
that the rule reproduces every official row, so both agree.

A `Round` is national. A `Window` is that round at one association for one title: its
closing (and opening) day where the edition gives one, with a source. Without one, the day
to apply by is an estimate, the last weekday of the first application month (every
closing day in the sources falls there or before it), and the opening day is not known:
only its month is said, as an estimate. `Window.state_on` is the one place that tells
where a window stands on a day (`state.Status`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ..dates.japanese import date_ja, fiscal_year_ja, month_ja, months_ja
from ..dates.months import Month
from .state import Status


@dataclass(frozen=True)
class Round:
    fiscal_year: int
    number: int
    approval: Month
    apply_months: tuple[Month, ...]
    expires_around: Month
    certificate_from: Month
    opens_on: dt.date              # nationally: the first application day
    estimated: bool
    fiscal_year_label: str
    before_mamis: bool = False
    opens_known: bool = False      # opens_on is a sourced day (MAMIS's opening), not just the month's first

    @property
    def label(self) -> str:
        """第5回: how the seeds name a round."""
        return f"第{self.number}回"

    @cached_property
    def months_end(self) -> dt.date:
        """The last day of the application months: the JMA still receives the round's
        applications until then, so a window past its day to apply by is `OVERDUE`, not
        `MISSED`, until this day. (Worked out once: rounds are made once and asked often.)"""
        return self.apply_months[-1].last_day()

    @cached_property
    def approval_on(self) -> dt.date:
        return self.approval.last_day()

    def seed_cells(self) -> dict:
        """The round as a row of the seed's own table: 7月末 / 5-6月 / 第2回 / 7月末 / 8月末以降."""
        apply = self.apply_months
        months = f"{apply[0].month}月" if len(apply) == 1 else f"{apply[0].month}-{apply[-1].month}月"
        return {"expires": f"{self.expires_around.month}月末", "apply": months, "round": self.label,
                "approval": f"{self.approval.month}月末", "certificate": f"{self.certificate_from.month}月末以降"}


@dataclass(frozen=True)
class Window:
    """A round at one association for one title."""
    round: Round
    opens_on: dt.date
    closes_on: dt.date | None     # the edition's closing day, where its rules give one
    apply_by: dt.date
    apply_by_estimated: bool
    opens_known: bool = False     # opens_on comes from a source (else only its month is known)
    opens_from: str = ""          # 2027年1月15日（金）から / 2027年1月から（目安）
    note: str | None = None       # the edition's note on its deadlines (e.g. members apply elsewhere)

    def needs_mypage_by(self, ready_on: dt.date) -> bool:
        """Whether a マイページ ready on `ready_on` comes too late for this window: after
        its apply-by day, in a round applied for through MAMIS."""
        return ready_on > self.apply_by and not self.round.before_mamis

    def state_on(self, as_of: dt.date) -> Status:
        """Where this window stands on `as_of`: before it, open with the day to apply by
        ahead, past that day within the JMA's application months, or over."""
        if as_of < self.opens_on:
            return Status.UPCOMING
        if as_of <= self.apply_by:
            return Status.OPEN
        if as_of <= self.round.months_end:
            return Status.OVERDUE
        return Status.MISSED

    @cached_property
    def part(self) -> dict:
        """The window as a result's `schedule` shows it (made once; each result copies it)."""
        rnd = self.round
        return {
            "fiscal_year": rnd.fiscal_year, "fiscal_year_label": rnd.fiscal_year_label,
            "round": rnd.number, "round_label": rnd.label,
            "apply_months": [month.iso() for month in rnd.apply_months],
            "opens_on": self.opens_on.isoformat(), "opens_on_estimated": not self.opens_known,
            "closes_on": self.closes_on.isoformat() if self.closes_on else None,
            "apply_by": self.apply_by.isoformat(), "apply_by_estimated": self.apply_by_estimated,
            "months_end": rnd.months_end.isoformat(),
            "approval_on": rnd.approval_on.isoformat(),
            "certificate_from": rnd.certificate_from.last_day().isoformat(),
            "expires_around": rnd.expires_around.iso(), "estimated": rnd.estimated,
        }

    @cached_property
    def labels(self) -> dict[str, str | None]:
        """The round's dates as Japanese readers expect them, worded once per window."""
        rnd = self.round
        return {
            "round": f"{rnd.fiscal_year_label} {rnd.label}",
            "apply_months": months_ja(list(rnd.apply_months)),
            "opens_on": date_ja(self.opens_on) if self.opens_known else month_ja(Month.of(self.opens_on)),
            "opens_from": self.opens_from,
            "closes_on": date_ja(self.closes_on) if self.closes_on else None,
            "apply_by": date_ja(self.apply_by),
            "months_end": date_ja(rnd.months_end, False),
            "approval_on": date_ja(rnd.approval_on),
            "certificate_from": date_ja(rnd.certificate_from.last_day()),
            "expires_around": month_ja(rnd.expires_around),
        }


class ReviewSchedule:
    """Every round, made from the rules once and kept (a roster asks thousands of times)."""

    def __init__(self, rules):
        """`rules`: the rules model (`model.Rules`, or what `Rules.for_schedule` makes while
        checking an edition), which makes this schedule once and keeps it (`Rules.schedule`)."""
        self.review = rules.review
        self.edition = rules.edition
        self.messages = rules.messages
        self.fiscal_year_start = rules.review.fiscal_year_start
        self.first_mamis_approval: Month = rules.cutover.paper_form_abolished.when
        self.mamis_opens: dt.date = rules.cutover.mamis_opens.when
        self._rounds: dict[Month, Round] = {}
        self._windows: dict[tuple[str, Month], Window] = {}
        self._last: dict[tuple[str, dt.date], Window] = {}
        self._by_expiry: dict[tuple[int, int], tuple[Round, bool]] = {}
        self._ahead: dict[tuple[str, dt.date, int], tuple[Window, ...]] = {}

    # -- numbering ----------------------------------------------------------------
    def fiscal_year(self, month: Month) -> int:
        return month.year if month.month >= self.fiscal_year_start else month.year - 1

    def round_number(self, approval: Month) -> int:
        """1 for the fiscal year's first committee month, and so on."""
        in_order = sorted(self.review.committee_months, key=lambda m: (m - self.fiscal_year_start) % 12)
        return in_order.index(approval.month) + 1

    def is_committee_month(self, month: Month) -> bool:
        return month.month in self.review.committee_months

    # -- one round ------------------------------------------------------------------
    def computed(self, approval: Month) -> dict:
        """The round by rule alone, as a row of the same shape as an official one."""
        apply = [approval + offset for offset in self.review.apply_offsets]
        if approval >= self.first_mamis_approval:
            # From the first MAMIS-only round on, nobody can apply before MAMIS opens.
            apply = [month for month in apply if month >= Month.of(self.mamis_opens)] or apply[-1:]
        return {
            "round": self.round_number(approval),
            "expires_around": (approval + self.review.expires_offset).iso(),
            "apply_months": [month.iso() for month in apply],
            "approval": approval.iso(),
            "certificate_from": (approval + self.review.certificate_offset).iso(),
        }

    def round_for_approval(self, approval: Month) -> Round:
        """The round approved in `approval` (rounds are immutable, so each is made once)."""
        if approval not in self._rounds:
            self._rounds[approval] = self._make_round(approval)
        return self._rounds[approval]

    def _make_round(self, approval: Month) -> Round:
        official = self.review.official.get(approval)
        row = official or self.computed(approval)
        apply = tuple(Month.parse(m) for m in row["apply_months"])
        before_mamis = approval < self.first_mamis_approval
        opens_on = apply[0].first_day() if before_mamis else max(apply[0].first_day(), self.mamis_opens)
        fiscal_year = self.fiscal_year(approval)
        return Round(
            fiscal_year=fiscal_year, number=row["round"], approval=approval, apply_months=apply,
            expires_around=Month.parse(row["expires_around"]), certificate_from=Month.parse(row["certificate_from"]),
            opens_on=opens_on, estimated=official is None,
            fiscal_year_label=fiscal_year_ja(fiscal_year, self.fiscal_year_start), before_mamis=before_mamis,
            opens_known=opens_on == self.mamis_opens)

    def window(self, certification: str, rnd: Round) -> Window:
        """`rnd` as this edition receives applications for `certification` (made once)."""
        key = (certification, rnd.approval)
        if key not in self._windows:
            deadline = self.edition.deadline(certification, rnd.fiscal_year, rnd.number)
            month = rnd.apply_months[min(self.review.apply_by_month, len(rnd.apply_months)) - 1]
            opens_known = bool(deadline and deadline.opens_on) or rnd.opens_known
            opens_on = deadline.opens_on if deadline and deadline.opens_on else rnd.opens_on
            opens_from = (self.messages.text("phrases", "opens_known", date=date_ja(opens_on)) if opens_known
                          else self.messages.text("phrases", "opens_estimated", month=month_ja(Month.of(opens_on))))
            self._windows[key] = Window(
                round=rnd, opens_on=opens_on, opens_known=opens_known, opens_from=opens_from,
                closes_on=deadline.closes_on if deadline else None,
                apply_by=deadline.closes_on if deadline else month.last_weekday(),
                apply_by_estimated=deadline is None,
                note=deadline.note if deadline else None)
        return self._windows[key]

    def rounds_in_fiscal_year(self, fiscal_year: int) -> list[Round]:
        """Every round whose approval falls in `fiscal_year`, in order (第1回 first)."""
        start = Month(fiscal_year, self.fiscal_year_start)
        months = [start + offset for offset in range(12)]
        return [self.round_for_approval(month) for month in months if self.is_committee_month(month)]

    # -- finding the round -----------------------------------------------------------
    def round_for_expiry(self, expires_on: dt.date) -> tuple[Round, bool]:
        """The round for a validity ending on `expires_on`, and whether it was moved earlier.

        A validity ending in a month that is no round's (an even month) takes the round
        of the month before (the earlier approval), as the rules say. Kept by month: a
        roster asks for the same few months thousands of times.
        """
        key = (expires_on.year, expires_on.month)
        if key not in self._by_expiry:
            self._by_expiry[key] = self._round_for_expiry(Month(*key))
        return self._by_expiry[key]

    def _round_for_expiry(self, expiry: Month) -> tuple[Round, bool]:
        approval = expiry - self.review.expires_offset
        moved = False
        for _ in range(12):
            if self.is_committee_month(approval):
                break
            approval -= 1
            moved = True
        return self.round_for_approval(approval), moved

    def windows_from(self, certification: str, as_of: dt.date, limit: int = 36) -> tuple[Window, ...]:
        """The windows not over on `as_of` (upcoming, open or overdue), in order, at most
        `limit` months ahead. Kept per day asked: a roster asks for the same day for every row."""
        key = (certification, as_of, limit)
        if key not in self._ahead:
            approval, found = Month.of(as_of), []
            for _ in range(limit):
                if self.is_committee_month(approval):
                    window = self.window(certification, self.round_for_approval(approval))
                    if window.round.months_end >= as_of:
                        found.append(window)
                approval += 1
            self._ahead[key] = tuple(found)
        return self._ahead[key]

    def next_window(self, certification: str, as_of: dt.date) -> Window:
        """The first window not over on `as_of` (it may be past its day to apply by)."""
        for window in self.windows_from(certification, as_of):
            return window
        raise ValueError("no committee month within three years")  # rules validated: unreachable

    def last_window_approved_by(self, certification: str, day: dt.date) -> Window:
        """The last window whose approval falls on or before `day` (made once per day asked)."""
        key = (certification, day)
        if key not in self._last:
            approval = Month.of(day)
            while not (self.is_committee_month(approval) and approval.last_day() <= day):
                approval -= 1
            self._last[key] = self.window(certification, self.round_for_approval(approval))
        return self._last[key]

    def last_window_approved_before(self, certification: str, day: dt.date) -> Window:
        """The last window whose approval falls strictly before `day`."""
        return self.last_window_approved_by(certification, day - dt.timedelta(days=1))
