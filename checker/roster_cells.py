"""A roster's cells as staff write them: dates in Western or Japanese-era spelling,
full-width digits, units as text. Each reader returns what the single check expects, or
the text as it is, so the check says what is wrong with it beside the cell."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .japanese import ERAS

# 令和 and R both count from 2018 (令和1年 = 2019): the year before the era's first.
_ERA_YEAR_ZERO = {spelling: era.start.year - 1 for era in ERAS for spelling in (era.name, era.letter)}
_WAREKI = re.compile(rf"({'|'.join(_ERA_YEAR_ZERO)})(\d{{1,2}}|元)(?:年|[./-])(\d{{1,2}})(?:月|[./-])(\d{{1,2}})日?")
_WESTERN = re.compile(r"(\d{4})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?")
_UNITS = re.compile(r"\d+(\.\d+)?")


def half_width(text: str) -> str:
    """Full-width digits, letters and ．／－ as Excel and IMEs write them, made ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", text).strip()


@lru_cache(maxsize=8192)
def iso_date(text: str) -> str:
    """2027-03-31, 2027/3/31, 2027.3.31, 2027年3月31日, 令和9年3月31日, 令和9.3.31, R9.3.31
    or R9/3/31 (H for 平成) → 2027-03-31; else the text as is (the checker then says what
    is wrong with it). Cached: a roster repeats its dates."""
    value = half_width(text).upper().replace(" ", "")
    match = _WAREKI.fullmatch(value)
    if match:
        year = 1 if match.group(2) == "元" else int(match.group(2))
        return f"{_ERA_YEAR_ZERO[match.group(1)] + year:04d}-{int(match.group(3)):02d}-{int(match.group(4)):02d}"
    match = _WESTERN.fullmatch(value)
    if match:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
    return text.strip()


@lru_cache(maxsize=1024)
def units_in(text: str):
    """A units cell: a number (3, 1.5, ３) or the text as it is. Cached: rosters repeat them."""
    value = half_width(text)
    return float(value) if _UNITS.fullmatch(value) else value
