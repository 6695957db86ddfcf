"""The JMA review rounds, and each round as one association receives one title's applications.

The committee meets at the end of the committee months (odd months); a round's approval
month fixes everything else by the offsets in `rules/schedule.yaml`. Where an official
table has the round, the table is used and the round is not an estimate; the tests check
that the rule reproduces every official row, so both agree.

A `Round` is national. A `Window` is that round at one association for one title: its
closing day where the edition gives one (with a source), otherwise none — and then the
day to apply by is an estimate (the last day of the first application month, the
earliest pattern among associations), never a month's last day dressed as a deadline.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .japanese import date_ja, fiscal_year_ja, month_ja, months_ja
from .months import Month


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

    @property
    def label(self) -> str:
        """第5回: how the seeds name a round."""
        return f"第{self.number}回"

    @property
    def months_end(self) -> dt.date:
        """The last day of the application months: an application is possible until then
        somewhere, so a round is `open` until this day unless the edition closes earlier."""
        return self.apply_months[-1].last_day()

    @property
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
    note: str | None = None       # the edition's note on its deadlines (e.g. members apply elsewhere)

    @property
    def last_day(self) -> dt.date:
        return self.closes_on or self.round.months_end

    def needs_mypage_by(self, ready_on: dt.date) -> bool:
        """Whether a マイページ ready on `ready_on` comes too late for this window: after
        its apply-by day, in a round applied for through MAMIS."""
        return ready_on > self.apply_by and not self.round.before_mamis

    def status_on(self, as_of: dt.date) -> str:
        """"upcoming", "open" or "missed" for the application window on `as_of`."""
        if as_of < self.opens_on:
            return "upcoming"
        if as_of <= self.last_day:
            return "open"
        return "missed"

    @cached_property
    def part(self) -> dict:
        """The window as a result's `schedule` shows it (made once; each result copies it)."""
        rnd = self.round
        return {
            "fiscal_year": rnd.fiscal_year, "fiscal_year_label": rnd.fiscal_year_label,
            "round": rnd.number, "round_label": rnd.label,
            "apply_months": [month.iso() for month in rnd.apply_months],
            "opens_on": self.opens_on.isoformat(),
            "closes_on": self.closes_on.isoformat() if self.closes_on else None,
            "apply_by": self.apply_by.isoformat(), "apply_by_estimated": self.apply_by_estimated,
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
            "opens_on": date_ja(self.opens_on),
            "closes_on": date_ja(self.closes_on) if self.closes_on else None,
            "apply_by": date_ja(self.apply_by),
            "approval_on": date_ja(rnd.approval_on),
            "certificate_from": date_ja(rnd.certificate_from.last_day()),
            "expires_around": month_ja(rnd.expires_around),
        }


class ReviewSchedule:
    """Every round, made from the rules once and kept (a roster asks thousands of times)."""

    def __init__(self, rules):
        from .model import Rules

        rules = rules if isinstance(rules, Rules) else Rules.of(rules)
        self.review = rules.review
        self.edition = rules.edition
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
            fiscal_year_label=fiscal_year_ja(fiscal_year, self.fiscal_year_start), before_mamis=before_mamis)

    def window(self, certification: str, rnd: Round) -> Window:
        """`rnd` as this edition receives applications for `certification` (made once)."""
        key = (certification, rnd.approval)
        if key not in self._windows:
            deadline = self.edition.deadline(certification, rnd.fiscal_year, rnd.number)
            month = rnd.apply_months[min(self.review.apply_by_month, len(rnd.apply_months)) - 1]
            self._windows[key] = Window(
                round=rnd,
                opens_on=deadline.opens_on if deadline and deadline.opens_on else rnd.opens_on,
                closes_on=deadline.closes_on if deadline else None,
                apply_by=deadline.closes_on if deadline else month.last_day(),
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
        """The windows still open or ahead on `as_of`, in order (at most `limit` months ahead).
        Kept per day asked: a roster asks for the same day for every row."""
        key = (certification, as_of, limit)
        if key not in self._ahead:
            approval, found = Month.of(as_of), []
            for _ in range(limit):
                if self.is_committee_month(approval):
                    window = self.window(certification, self.round_for_approval(approval))
                    if window.last_day >= as_of:
                        found.append(window)
                approval += 1
            self._ahead[key] = tuple(found)
        return self._ahead[key]

    def next_window(self, certification: str, as_of: dt.date) -> Window:
        """The first window that has not closed on `as_of`."""
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

    def reachable_window(self, certification: str, as_of: dt.date, ready_on: dt.date,
                         approved_by: dt.date | None = None) -> Window | None:
        """The first window open or ahead on `as_of` that a マイページ ready on `ready_on`
        can still meet (its apply-by day not before that; a paper round before MAMIS needs
        none), approved on or before `approved_by` if given; None if there is none."""
        for window in self.windows_from(certification, as_of):
            if approved_by is not None and window.round.approval_on > approved_by:
                return None
            if not window.needs_mypage_by(ready_on):
                return window
        return None
