"""The roster for association staff: a CSV of members checked row by row with the single
check's own calculators, its result table and CSV, and the printed renewal letters."""
from .check import Roster

__all__ = ["Roster"]
