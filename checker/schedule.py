"""The JMA review rounds: which round a validity date or a date of application falls in.

The committee meets at the end of the committee months (odd months); a round's approval
month fixes everything else by the offsets in `rules/schedule.yaml`. Where an official
table has the round, the table is used and the round is not an estimate; the test
suite checks that the rule reproduces every official row, so both agree.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .japanese import date_ja, month_ja, months_ja
from .months import Month, parse_date
from .ruleset import once_per_rules


@dataclass(frozen=True)
class Round:
    fiscal_year: int
    number: int
    approval: Month
    apply_months: tuple[Month, ...]
    expires_around: Month
    certificate_from: Month
    opens_on: dt.date
    closes_on: dt.date
    estimated: bool
    before_mamis: bool = field(default=False)

    @cached_property
    def labels(self) -> dict[str, str]:
        """The round's dates as Japanese readers expect them. Worked out once per round
        (rounds are memoized), not once per request: a roster asks thousands of times."""
        return {
            "apply_months": months_ja(list(self.apply_months)),
            "opens_on": date_ja(self.opens_on),
            "closes_on": date_ja(self.closes_on),
            "approval_on": date_ja(self.approval.last_day()),
            "certificate_from": date_ja(self.certificate_from.last_day()),
            "expires_around": month_ja(self.expires_around),
        }

    def status_on(self, as_of: dt.date) -> str:
        """"upcoming", "open" or "missed" for the application window on `as_of`."""
        if as_of < self.opens_on:
            return "upcoming"
        if as_of <= self.closes_on:
            return "open"
        return "missed"


class ReviewSchedule:
    @classmethod
    def of(cls, rules: dict) -> "ReviewSchedule":
        """The schedule for these rules, built once per rules object (its rounds are
        memoized in it)."""
        return once_per_rules(cls, rules)

    def __init__(self, rules: dict):
        review = rules["review"]
        cutover = rules["cutover"]
        self.committee_months = tuple(review["committee"]["months"])
        self.fiscal_year_start = review["fiscal_year_starts_month"]
        self.rule = review["rule"]
        self.derivation = review["rule"]["derived"]
        self.first_mamis_approval = Month.parse(cutover["paper_form_abolished"]["month"])
        self.mamis_opens = parse_date(cutover["mamis_opens"]["date"])
        self.first_mamis_closes = parse_date(cutover["first_mamis_round_closes"]["date"])
        self.official = {
            Month.parse(row["approval"]): row
            for table in review["official"] for row in table["rounds"]
        }
        self._rounds: dict[Month, Round] = {}
        self._by_expiry: dict[tuple[int, int], tuple[Round, bool]] = {}

    # -- numbering ----------------------------------------------------------------
    def fiscal_year(self, month: Month) -> int:
        return month.year if month.month >= self.fiscal_year_start else month.year - 1

    def round_number(self, approval: Month) -> int:
        """1 for the fiscal year's first committee month, and so on."""
        in_order = sorted(self.committee_months, key=lambda m: (m - self.fiscal_year_start) % 12)
        return in_order.index(approval.month) + 1

    def is_committee_month(self, month: Month) -> bool:
        return month.month in self.committee_months

    # -- one round ------------------------------------------------------------------
    def computed(self, approval: Month) -> dict:
        """The round by rule alone, as a row of the same shape as an official one."""
        apply = [approval + offset for offset in self.rule["apply_offsets"]]
        if approval >= self.first_mamis_approval:
            # From the first MAMIS-only round on, nobody can apply before MAMIS opens.
            apply = [month for month in apply if month >= Month.of(self.mamis_opens)] or apply[-1:]
        return {
            "round": self.round_number(approval),
            "expires_around": (approval + self.rule["expires_offset"]).iso(),
            "apply_months": [month.iso() for month in apply],
            "approval": approval.iso(),
            "certificate_from": (approval + self.rule["certificate_offset"]).iso(),
        }

    def round_for_approval(self, approval: Month) -> Round:
        """The round approved in `approval` (rounds are immutable, so each is made once)."""
        if approval not in self._rounds:
            self._rounds[approval] = self._make_round(approval)
        return self._rounds[approval]

    def _make_round(self, approval: Month) -> Round:
        official = self.official.get(approval)
        row = official or self.computed(approval)
        apply = tuple(Month.parse(m) for m in row["apply_months"])
        before_mamis = approval < self.first_mamis_approval
        opens_on = apply[0].first_day()
        if not before_mamis:
            opens_on = max(opens_on, self.mamis_opens)
        if "closes_on" in row:
            closes_on = parse_date(row["closes_on"])
        elif approval == self.first_mamis_approval:
            closes_on = self.first_mamis_closes
        else:
            closes_on = apply[-1].last_day()
        return Round(
            fiscal_year=self.fiscal_year(approval),
            number=row["round"],
            approval=approval,
            apply_months=apply,
            expires_around=Month.parse(row["expires_around"]),
            certificate_from=Month.parse(row["certificate_from"]),
            opens_on=opens_on,
            closes_on=closes_on,
            estimated=official is None,
            before_mamis=before_mamis,
        )

    def rounds_in_fiscal_year(self, fiscal_year: int) -> list[Round]:
        """Every round whose approval falls in `fiscal_year`, in order (第1回 first)."""
        start = Month(fiscal_year, self.fiscal_year_start)
        months = [start + offset for offset in range(12)]
        return [self.round_for_approval(month) for month in months if self.is_committee_month(month)]

    # -- finding the round -----------------------------------------------------------
    def round_for_expiry(self, expires_on: dt.date) -> tuple[Round, bool]:
        """The round for a validity ending on `expires_on`, and whether it was moved earlier.

        A validity ending in a month that is no round's (an even month) takes the round
        of the month before (the earlier approval), as the rules say. Memoized by month.
        """
        key = (expires_on.year, expires_on.month)
        if key not in self._by_expiry:
            self._by_expiry[key] = self._round_for_expiry(Month(*key))
        return self._by_expiry[key]

    def _round_for_expiry(self, expiry: Month) -> tuple[Round, bool]:
        approval = expiry - self.rule["expires_offset"]
        moved = False
        for _ in range(12):
            if self.is_committee_month(approval):
                break
            approval -= 1
            moved = True
        return self.round_for_approval(approval), moved

    def next_round_on(self, as_of: dt.date) -> Round:
        """The first round whose application window has not closed on `as_of`."""
        approval = Month.of(as_of)
        for _ in range(36):
            if self.is_committee_month(approval):
                candidate = self.round_for_approval(approval)
                if candidate.closes_on >= as_of:
                    return candidate
            approval += 1
        raise ValueError("no committee month within three years")  # rules validated: unreachable
