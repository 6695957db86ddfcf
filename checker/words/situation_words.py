"""The values every sentence of one result may use (`Words`), and the few date words that
the verdict, the checklist (`advice`), what to know (`to_know`) and the pages share.

Both `advice` and `to_know` fill their sentences from here; neither imports the other's
sentences for this, so the words have no import circle.
"""
from __future__ import annotations

from ..dates.japanese import date_ja
from ..policy.situation import Situation


def day(value, weekday: bool = True) -> str:
    """A day as the sentences print it: 2027年1月29日（金） (without the weekday: 2027年1月29日)."""
    return date_ja(value, weekday)


class Words:
    """Fills the messages for one situation (the values every sentence may use)."""

    def __init__(self, s: Situation):
        self.s = s
        self.messages = s.rules.messages
        window = s.window
        self.values = {
            "association": s.association, "procedure": s.procedure.label,
            "apply_months": window.labels["apply_months"], "opens_on": window.labels["opens_on"],
            "opens_from": window.labels["opens_from"], "months_end": window.labels["months_end"],
            "round": window.labels["round"],
            "apply_by": day(s.apply_by), "ready_on": day(s.ready_on, False),
            "login_url": s.rules.mypage.login_url, "delay_months": s.rules.mypage.delay_months,
            "expires_on": day(s.request.expires_on, False) if s.request.expires_on else "",
            "ordinal": self.messages.text("phrases", "first_renewal") if s.measure_active and s.measure.twice else "",
        }
        self.values["deadline"] = self.deadline()

    def text(self, section: str, key: str, **values) -> str:
        return self.messages.text(section, key, **{**self.values, **values})

    def deadline(self) -> str:
        """The one day to apply by, with what it is: the association's, the N-years limit, or 目安."""
        s = self.s
        if s.apply_by != s.window.apply_by:
            return self.messages.text("phrases", "deadline_within", date=day(s.apply_by),
                                      years=s.procedure.within_years)
        return deadline_of(s.window, s.association, self.messages)


def deadline_of(window, association: str, messages) -> str:
    """A window's day to apply by with what it is: 目安の2027年1月29日（金）, or the association's."""
    if window.apply_by_estimated:
        return messages.text("phrases", "deadline_estimated", date=window.labels["apply_by"])
    return messages.text("phrases", "deadline_known", date=window.labels["apply_by"], association=association)
