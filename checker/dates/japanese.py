"""Dates as Japanese readers expect them: 2025年4月7日（月）, 2025年度（令和7年度）."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from .months import Month

_WEEKDAYS = "月火水木金土日"


class Era(NamedTuple):
    start: dt.date   # its first day
    name: str        # 令和
    letter: str      # R, as in R9.3.31 (how forms and Excel abbreviate it)


# Newest first; only eras a certificate of these titles can meet. The one table of eras:
# pages and the checker write 令和7年 from it, the roster reads 令和9年3月31日 and R9.3.31.
ERAS = (Era(dt.date(2019, 5, 1), "令和", "R"), Era(dt.date(1989, 1, 8), "平成", "H"))


def era_last_day(era: Era) -> dt.date | None:
    """The era's last day, the day before the next one began (平成: 2019-04-30); None
    for the era of today."""
    newer = ERAS.index(era)
    return ERAS[newer - 1].start - dt.timedelta(days=1) if newer else None


@lru_cache(maxsize=4096)
def date_ja(day: dt.date, weekday: bool = True) -> str:
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（{_WEEKDAYS[day.weekday()]}）" if weekday else text


def month_ja(month: Month) -> str:
    return f"{month.year}年{month.month}月"


def months_ja(months: list[Month]) -> str:
    """["2025-05", "2025-06"] → 2025年5月〜6月 (same year) or 2025年12月〜2026年1月."""
    if not months:
        return ""
    first, last = months[0], months[-1]
    if first == last:
        return month_ja(first)
    if first.year == last.year:
        return f"{month_ja(first)}〜{last.month}月"
    return f"{month_ja(first)}〜{month_ja(last)}"


def wareki_year(day: dt.date) -> str:
    """令和7年 for any day of 2025 (after 1 May 2019); 平成31年 before that in 2019."""
    for era in ERAS:
        if day >= era.start:
            number = day.year - era.start.year + 1
            return f"{era.name}{'元' if number == 1 else number}年"
    return f"{day.year}年"


def fiscal_year_ja(fiscal_year: int, start_month: int) -> str:
    """2025 → 2025年度（令和7年度）: a fiscal year is named by the year it starts in."""
    era = wareki_year(dt.date(fiscal_year, start_month, 1))
    return f"{fiscal_year}年度（{era}度）"
