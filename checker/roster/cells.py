"""A roster's cells as staff write them: dates in Western or Japanese-era spelling,
full-width digits, units as text. Each reader returns what the single check expects, or
the text as it is, so the check says what is wrong with it beside the cell.

Also what a cell may not carry into anything printed: the bidirectional controls
(U+202E and its kin) that make 京都市中京区 print as 区京中市都京 on a letter and in the
table (removed where the file is read; the row says which cell had them), and, in a CSV
that Excel opens, the start of a formula (`inert`)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..dates.japanese import ERAS, Era, date_ja, era_last_day

_ERA_OF = {spelling: era for era in ERAS for spelling in (era.name, era.letter)}
_WAREKI = re.compile(rf"({'|'.join(_ERA_OF)})(\d{{1,2}}|元)(?:年|[./-])(\d{{1,2}})(?:月|[./-])(\d{{1,2}})日?")
_WESTERN = re.compile(r"(\d{4})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?")
_UNITS = re.compile(r"\d+(\.\d+)?")
# Explicit direction marks, embeddings, overrides and isolates (Unicode's Bidi_Control).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What Excel would take for a formula (OWASP, "CSV Injection"): such a cell gets a leading '.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class EraDate(NamedTuple):
    era: Era
    year: int      # of the era: 元年 is 1
    month: int
    day: int

    def western_year(self) -> int:
        return self.era.start.year - 1 + self.year   # 令和1年 = 2019


def half_width(text: str) -> str:
    """Full-width digits, letters and ．／－ as Excel and IMEs write them, made ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", text).strip()


@lru_cache(maxsize=1024)
def without_spaces(text: str) -> str:
    """`half_width` without any space inside (「未 登録」, 「2025/3/ 20」; NFKC has already
    made an ideographic space a plain one). Cached: a roster's マイページ cells repeat a few
    values."""
    return half_width(text).replace(" ", "")


def _normal(text: str) -> str:
    """A date cell as the era and western patterns read it: `without_spaces`, upper case."""
    return without_spaces(text).upper()


def era_date(text: str) -> EraDate | None:
    """令和9年3月31日, 令和元.5.1, R9.3.31, H31/4/30 … read as written (no check of the
    year against the era), or None for any other text."""
    return _era_date_of(_normal(text))


def _era_date_of(normal: str) -> EraDate | None:
    """`era_date` of text already made `_normal`."""
    match = _WAREKI.fullmatch(normal)
    if not match:
        return None
    year = 1 if match.group(2) == "元" else int(match.group(2))
    return EraDate(_ERA_OF[match.group(1)], year, int(match.group(3)), int(match.group(4)))


@lru_cache(maxsize=8192)
def iso_date(text: str) -> str:
    """2027-03-31, 2027/3/31, 2027.3.31, 2027年3月31日, 令和9年3月31日, 令和9.3.31, R9.3.31
    or R9/3/31 (H for 平成) → 2027-03-31; else the text as is (the checker then says what
    is wrong with it, and `era_problem` why, for an era date the era never had).
    Cached: a roster repeats its dates."""
    normal = _normal(text)
    written = _era_date_of(normal)
    if written:
        if era_problem(text):
            return text.strip()
        return f"{written.western_year():04d}-{written.month:02d}-{written.day:02d}"
    match = _WESTERN.fullmatch(normal)
    if match:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
    return text.strip()


def era_problem(text: str) -> tuple[str, dict] | None:
    """Why an era date names no day of that era, as (message key in messages.yaml
    `roster`, its values): year 0 (元年 is the first), or a day before the era began or
    after it ended (H99.1.1 would be 2087, R0.1.1 2018). None when it names one, or is
    no era date at all (a day like 2月30日 is the checker's to refuse)."""
    written = era_date(text)
    if written is None:
        return None
    era = written.era
    if written.year == 0:
        return "era_year_zero", {"era": era.name}
    try:
        day = dt.date(written.western_year(), written.month, written.day)
    except ValueError:
        return None
    last = era_last_day(era)
    if day < era.start or (last is not None and day > last):
        span = f"{date_ja(era.start, False)}から" + (f"{date_ja(last, False)}まで" if last else "")
        return "era_outside", {"era": era.name, "value": text.strip(), "span": span}
    return None


def without_bidi(cells: list[str]) -> tuple[list[str], dict[int, str]]:
    """The cells without bidirectional controls, and for each cell that had some, its
    index → the controls found (U+202E …), for the row to say so."""
    if not BIDI_CONTROLS.search("".join(cells)):   # nearly every line: one search, not one per cell
        return cells, {}
    found = {}
    for index, cell in enumerate(cells):
        codes = dict.fromkeys(f"U+{ord(c):04X}" for c in BIDI_CONTROLS.findall(cell))
        if codes:
            found[index] = "、".join(codes)
    return [BIDI_CONTROLS.sub("", cell) for cell in cells], found


def inert(cell: str) -> str:
    """The cell with a leading ' if a spreadsheet could read it as a formula: it starts
    with one of FORMULA_START, or does so once the spaces and invisible characters before
    it are passed over and its first character is made ASCII (＝, U+200B then =, U+FEFF
    then =, a space then =; and −, U+2212). Japanese Excel takes a typed ＝ for =, other
    importers drop leading spaces; the ' costs nothing where none of them would."""
    if not cell or cell[0].isalnum():
        return cell
    start = 0
    while start < len(cell) and (cell[start].isspace() or unicodedata.category(cell[start]) == "Cf"):
        start += 1
    first = unicodedata.normalize("NFKC", cell[start:start + 1])
    formula = cell.startswith(FORMULA_START) or first.startswith(FORMULA_START) or first == "\u2212"
    return "'" + cell if formula else cell


@lru_cache(maxsize=1024)
def units_in(text: str):
    """A units cell: a number (3, 1.5, ３) or the text as it is. Cached: rosters repeat them."""
    value = half_width(text)
    return float(value) if _UNITS.fullmatch(value) else value
