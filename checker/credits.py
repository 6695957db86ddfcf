"""Adding up credits against one title's requirement for one procedure.

Each category has its own floor and units in one category never cover another's
shortfall; the total has its own floor too. So the units still needed are the larger of
(total floor − all units counted) and (the sum of the category shortfalls).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Credit:
    row: int            # 1-based, as the physician sees the rows
    earned_on: dt.date
    category: str
    units: float


def number(value: float) -> int | float:
    """Units as the physician wrote them: 3 rather than 3.0, and no float noise."""
    value = round(value, 4)
    return int(value) if value == int(value) else value


def tally(procedure: dict, credits: list[Credit], *, period: tuple[dt.date, dt.date] | None,
          as_of: dt.date, mamis_from: dt.date, reasons: dict[str, str]) -> dict:
    """The `credits` part of the result.

    Units count when earned on or before `as_of` and, where the procedure counts only the
    validity period, inside `period` (first and last day). `mamis_from` splits units into
    notebook (paper) and MAMIS by seminar date. `reasons` holds the Japanese reason for
    each kind of entry left out.
    """
    minimums = {name: entry["value"] for name, entry in procedure["minimums"].items()}
    by_category = {name: {"required": floor, "counted": 0.0, "notebook": 0.0, "mamis": 0.0}
                   for name, floor in minimums.items()}
    by_source = {"notebook": 0.0, "mamis": 0.0}
    not_counted = []
    for credit in credits:
        if credit.earned_on > as_of:
            reason = "future"
        elif period is not None and not period[0] <= credit.earned_on <= period[1]:
            reason = "outside_validity"
        else:
            reason = None
        if reason:
            not_counted.append({"row": credit.row, "earned_on": credit.earned_on.isoformat(),
                                "category": credit.category, "units": number(credit.units),
                                "reason": reason, "message": reasons[reason]})
            continue
        source = "mamis" if credit.earned_on >= mamis_from else "notebook"
        entry = by_category[credit.category]
        entry["counted"] += credit.units
        entry[source] += credit.units
        by_source[source] += credit.units

    for entry in by_category.values():
        entry["shortfall"] = max(0.0, entry["required"] - entry["counted"])
    required_total = procedure["total"]["value"]
    counted_total = sum(by_source.values())
    shortfall_total = max(0.0, required_total - counted_total,
                          sum(entry["shortfall"] for entry in by_category.values()))
    return {
        "required_total": required_total,
        "counted_total": number(counted_total),
        "shortfall_total": number(shortfall_total),
        "by_category": {name: {key: number(value) for key, value in entry.items()}
                        for name, entry in by_category.items()},
        "by_source": {key: number(value) for key, value in by_source.items()},
        "not_counted": not_counted,
        "period": [period[0].isoformat(), period[1].isoformat()] if period else None,
        "sufficient": shortfall_total == 0,
    }
