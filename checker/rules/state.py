"""Where an application stands on a day: one typed value that every surface words.

A round's window is before its application months (`UPCOMING`), open with its day to
apply by still ahead (`OPEN`), past that day while the JMA's application months still
run (`OVERDUE`: only the association can say whether it still takes the application), or
over (`MISSED`). A physician's answer adds two states of the certificate itself:
`EXPIRED`, and `SPECIAL_MEASURE` (認定産業医 whose certificate expired under the COVID
measure). The verdict, the status line, the schedule table, the top page, the roster,
the letters and the calendar all read this value; none of them compares dates again.

A StrEnum, so the result's JSON carries the plain string ("open") the contract names.
"""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    OVERDUE = "overdue"
    MISSED = "missed"
    EXPIRED = "expired"
    SPECIAL_MEASURE = "special_measure"


# A window in these states (the first two of a window's four; EXPIRED and SPECIAL_MEASURE
# belong to a certificate) can still be applied in by the day it names.
AHEAD = (Status.UPCOMING, Status.OPEN)
