"""Adding up credits against one title's requirement for one procedure.

Each category has its own floor and units in one category never cover another's
shortfall; the total has its own floor too. So the units still needed are the larger of
(total floor − all units counted) and (the sum of the category shortfalls).

Units are added exactly: whole units as ints, any other value as the `Decimal` of what
was written (0.1 stays one tenth), so ten rows of 0.1 make exactly 1. Seminars give
whole, half or tenth units; any decimal is added exactly all the same.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Union

from ..dates.japanese import date_ja

if TYPE_CHECKING:
    from ..rules.model_procedure import Procedure

Units = Union[int, Decimal]


class Credit(NamedTuple):
    """One seminar's units. (Immutable tuples: a roster makes thousands, and a frozen
    dataclass is several times slower to make.)"""
    row: int            # 1-based, as the physician sees the rows
    earned_on: dt.date
    category: str
    units: Units


class Total(NamedTuple):
    """A total the physician added up themselves (the form's quick mode): no dates, so
    it is counted as it is, on the physician's word that it lies inside the period."""
    row: int
    category: str
    source: str        # "notebook" (paper: 手帳・修了証), "mamis", or "unspecified" (a roster's)
    units: Units


def exact(value: int | float) -> Units:
    """A number as written, exactly: an int stays, a float becomes the Decimal of its
    shortest spelling (0.1 → Decimal("0.1"), not 0.1000000000000000055…)."""
    if type(value) is int:
        return value
    if value.is_integer():
        return int(value)
    return Decimal(repr(value))


def number(value: Units) -> int | float:
    """Units as the physician wrote them: 3 rather than 3.0, 1.5 rather than Decimal."""
    if type(value) is int:
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def tally(procedure: Procedure, credits: list[Credit], *, period: tuple[dt.date, dt.date] | None,
          as_of: dt.date, mamis_from: dt.date, reason: Callable[[str], str],
          totals: list[Total] = ()) -> dict:
    """The `credits` part of the result.

    `procedure` is the one in force for the round applied in (its `minimums` and `total`).
    Units count when earned on or before `as_of` and, where the procedure counts only the
    validity period, inside `period` (first and last day). `mamis_from` splits units into
    notebook (paper) and MAMIS by seminar date. `reason(kind)` words the Japanese reason
    for each kind of entry left out ("future", "outside_validity").
    """
    by_category = {name: {"required": floor, "counted": 0, "notebook": 0, "mamis": 0}
                   for name, floor in procedure.minimums}
    by_source = {"notebook": 0, "mamis": 0}
    not_counted = []
    for credit in credits:
        if credit.earned_on > as_of:
            kind = "future"
        elif period is not None and not period[0] <= credit.earned_on <= period[1]:
            kind = "outside_validity"
        else:
            kind = None
        if kind:
            not_counted.append({"row": credit.row, "earned_on": credit.earned_on.isoformat(),
                                "category": credit.category, "units": number(credit.units),
                                "reason": kind, "message": reason(kind)})
            continue
        source = "mamis" if credit.earned_on >= mamis_from else "notebook"
        _add(by_category[credit.category], by_source, source, credit.units)
    for total in totals:
        _add(by_category[total.category], by_source, total.source, total.units)

    shortfalls = 0
    for entry in by_category.values():
        entry["shortfall"] = shortfall = max(0, entry["required"] - entry["counted"])
        shortfalls += shortfall
        _as_numbers(entry)
    required_total = procedure.total
    counted_total = sum(by_source.values())
    shortfall_total = max(0, required_total - counted_total, shortfalls)
    return {
        "required_total": required_total,
        "counted_total": number(counted_total),
        "shortfall_total": number(shortfall_total),
        "shortfall_beyond_categories": number(shortfall_total - shortfalls),
        "by_category": by_category,
        "by_source": _as_numbers(by_source),
        "not_counted": not_counted,
        **(_period_view(*period) if period else {"period": None, "period_label": None}),
        "sufficient": shortfall_total == 0,
    }


def _period_view(start: dt.date, end: dt.date) -> dict:
    """The period as the result shows it."""
    return {"period": [start.isoformat(), end.isoformat()], "period_label": _period_label(start, end)}


@lru_cache(maxsize=4096)
def _period_label(start: dt.date, end: dt.date) -> str:
    """Worded once per period: a roster's rows share a few hundred."""
    return f"{date_ja(start, False)}〜{date_ja(end, False)}"


def _as_numbers(values: dict) -> dict:
    """`number` of each value, in place; whole units (nearly all) without a call each."""
    for key, value in values.items():
        if type(value) is not int:
            values[key] = number(value)
    return values


def _add(entry: dict, by_source: dict, source: str, units: Units) -> None:
    entry["counted"] += units
    entry[source] = entry.get(source, 0) + units
    by_source[source] = by_source.get(source, 0) + units
