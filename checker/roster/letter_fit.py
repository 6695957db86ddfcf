"""How much room a value printed on a letter needs, as a class the print styles size it by.

A letter's boxes do not move: the address block sits in the window of the envelope, the
roster's ID in the top corner. A value longer than its box would push the member's name
out of the window, or run across the page. So each value gets `fit-0` (the size as
designed) to `fit-3` (the smallest type) by its length, and templates/notices/letter.css
says what each means. What still does not fit is cut off inside its own box (a
1,000-character cell is no real address), and the name keeps its place in the window.
"""
from __future__ import annotations

# The most characters printed at each size (beyond the last: the smallest), per value.
LIMITS = {"address": (40, 80, 140), "name": (14, 24, 40), "id": (24, 48, 96)}
# A name is never cut off by its box (its 様 would go with it): one longer than this is
# printed shortened, with …; at the smallest size it then takes at most three lines.
LONGEST_NAME = 60


def fit(kind: str, text: str) -> str:
    """The class for `text` printed as `kind` (address, name, id): fit-0 … fit-3."""
    length = len(text)
    for level, most in enumerate(LIMITS[kind]):
        if length <= most:
            return f"fit-{level}"
    return f"fit-{len(LIMITS[kind])}"


def shown_name(name: str) -> str:
    """The name as the letter prints it: as written, or its first 59 characters and …"""
    return name if len(name) <= LONGEST_NAME else name[:LONGEST_NAME - 1] + "…"
