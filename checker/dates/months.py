"""Calendar months and dates as the JMA schedule speaks of them.

The review table is written in months ("5月末", "9-10月"), and a certificate's validity
is five years ending on a date. `Month` is an ordered (year, month) with arithmetic;
`period_start` gives the day a five-year period starts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

# Every date the checker reads lies in these years: the rules' dates, months and fiscal years
# (a value outside is a slip of the keyboard, 0001-01-01 or 2199, refused in the YAML and in a
# JSON alike) and what a physician or a command line enters (a date outside is refused beside
# its field). Not a rule: it keeps the date arithmetic done with every value in range.
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        return _parse_month(text)

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    def __add__(self, months: int) -> "Month":
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def __sub__(self, months: int) -> "Month":
        return self + (-months)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return (self + 1).first_day() - dt.timedelta(days=1)

    def last_weekday(self) -> dt.date:
        """The month's last Monday-to-Friday day: where associations' closing days fall
        (Saga's 5/30, 11/28, 1/30 of FY2025 were Fridays before a weekend month-end)."""
        day = self.last_day()
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        return day

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@lru_cache(maxsize=512)
def _parse_month(text: str) -> Month:
    year, month = text.split("-")
    return Month(int(year), int(month))


@lru_cache(maxsize=8192)
def parse_date(text: str) -> dt.date:
    """Strict YYYY-MM-DD (raises ValueError otherwise, including for 2025-02-30).

    Cached: a roster parses the same few dates thousands of times (dates are immutable,
    and an exception is not cached, so a wrong date is reported every time)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    year, month, day = text[:4], text[5:7], text[8:]
    if not (year.isdigit() and month.isdigit() and day.isdigit() and year.isascii()
            and month.isascii() and day.isascii()):
        raise ValueError(text)
    return dt.date(int(year), int(month), int(day))


@lru_cache(maxsize=4096)
def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day where that day does not exist.
    (Cached like `parse_date`: a roster asks for the same few days again and again.)"""
    target = Month.of(day) + months
    return min(dt.date(target.year, target.month, 1) + dt.timedelta(days=day.day - 1),
               target.last_day())


def period_start(expires_on: dt.date, years: int) -> dt.date:
    """First day of the `years`-long validity period that ends on `expires_on`.

    The period starts the day after the previous one ended (令和2年5月30日 → 令和2年5月31日
    to 令和7年5月30日), so it is (expires_on − years) + 1 day, with 29 February taken as
    the 28th in a year that has none.
    """
    previous_end = add_months(expires_on, -12 * years)
    return previous_end + dt.timedelta(days=1)
