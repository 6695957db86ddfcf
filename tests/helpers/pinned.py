"""Which rules the pinned answers were written for.

tests/cases/ and a few page tests state the checker's answers on the shipped rules as
they are: that no JMA table exists for FY2026 on, say, so those rounds are estimates.
A staff member who adds a year's table or an edition's closing days changes those
answers, rightly. So such tests carry the `shipped_rules` mark and run only while the
rules hold the official tables and closing days below; once more are added, pytest skips
them and says why (every other test reads what it expects from the rules, and still
runs). A developer who updates the pinned answers updates PINNED_FOR with them."""
from __future__ import annotations

from functools import lru_cache

PINNED_FOR = {
    "official": (2025,),
    "deadlines": {
        "kyoto": (("occupational", 2025, 1),),
        "saga": tuple(("occupational", 2025, n) for n in range(1, 7)),
        "kanagawa": (*(("occupational", 2025, n) for n in range(2, 7)), ("occupational", 2026, 1)),
    },
}


@lru_cache(maxsize=1)
def schedule_data() -> dict:
    """The official tables' years and each pinned edition's closing days in the rules in use."""
    from loader import RulesError, load_rules

    try:
        rules = {edition: load_rules(edition=edition) for edition in PINNED_FOR["deadlines"]}
    except RulesError:
        return {}
    return {
        "official": tuple(table["fiscal_year"] for table in rules["kyoto"]["review"]["official"]),
        "deadlines": {edition: tuple((t["certification"], t["fiscal_year"], row["round"])
                                     for t in compiled["prefecture"].get("deadlines", []) for row in t["rounds"])
                      for edition, compiled in rules.items()},
    }


def _contains(data: dict, pinned: dict) -> bool:
    return (set(pinned["official"]) <= set(data.get("official", ()))
            and all(set(days) <= set(data.get("deadlines", {}).get(edition, ()))
                    for edition, days in pinned["deadlines"].items()))


def state() -> str:
    """"same": the rules hold exactly the tables and closing days the answers were pinned
    for; "added": those and more (a year, closing days: what staff add); "other": some
    are gone (the pinned tests run, and say what changed)."""
    data = schedule_data()
    if data == PINNED_FOR:
        return "same"
    return "added" if data and _contains(data, PINNED_FOR) else "other"


def pins_apply() -> bool:
    return state() != "added"
