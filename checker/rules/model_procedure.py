"""A procedure of a title (更新申請 / 新規申請): its floors and total, documents, facts, fee and
the N-years limit of a new application; the values that may change on a date (`values:`)
and the procedure in force on a day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .model_common import CITED, Cited, Source, cited, optional, text
from .schema import Bool, Checks, Dated, Entry, Field, Int, ListOf, MapOf, Timeline, ok, resolve


def number(low: int, high: int) -> dict:
    """A whole number with its source (optionally how it was derived, and a sentence)."""
    return {"value": Field(Int(low, high)), "source": cited(), "derived": text(False), "text": text(False)}


class SourcedNumber(Entry):
    FIELDS = number(0, 1000)


class ValidityYears(SourcedNumber):
    FIELDS = number(1, 10)


class Total(SourcedNumber):
    FIELDS = number(1, 1000)


class Floor(SourcedNumber):
    FIELDS = number(0, 1000)


class WithinYears(SourcedNumber):
    FIELDS = number(1, 10)


class Fee(Entry):
    FIELDS = {"amount": Field(Int(0, 1_000_000)), "text": text(), "source": cited()}

    @property
    def yen(self) -> str:
        """The amount as written in Japanese texts: 10,000."""
        return f"{self.amount:,}"


class Document(Cited):
    """A step of a procedure's checklist as the national rules word it. `paper: true`
    marks the step that says what becomes of the paper record (手帳・修了証) when applying
    (the credits page quotes it); `faq` is a question the FAQ page answers with the step."""
    FIELDS = {**Cited.FIELDS, "paper": optional(Bool(), browser=False), "faq": text(False, browser=False)}


class Activity(Cited):
    """The practice activity a renewal needs proved (健康スポーツ医): the rule, and how the
    checker's form asks about it (`label`)."""
    FIELDS = {**Cited.FIELDS, "label": text(browser=False)}


@dataclass(frozen=True)
class ChecklistStep:
    """One step of a procedure's checklist as worded for an edition (verdict.Step names it
    by its index); `code` is `apply_step`, or `apply_submission` for what is handed to the
    association after applying (the edition may word it)."""
    code: str
    text: str
    source: Source | None = None
    local: bool = False   # worded by the edition
    id: str | None = None  # the document's id (`submission`: the edition may word it)
    paper: bool = False    # what becomes of the paper record (the credits page quotes it)
    faq: str | None = None  # the FAQ page's question that this step answers


class Procedure(Entry):
    FIELDS = {
        "label": text(), "training": text(), "counts_within_validity": Field(Bool()),
        "counts_within_validity_source": cited(required=False),
        "total": Field(Dated(Total.node())),
        "minimums": Field(MapOf(Dated(Floor.node()), min_items=1)),
        "activity_required": optional(Activity.node()),
        "apply_within_years_of_last_credit": optional(Dated(WithinYears.node())),
        "fee": optional(Dated(Fee.node())),
        "documents": Field(ListOf(Document.node(), min_items=1)),
        # The pages' heading of the steps adds this in brackets (手帳の原本, 修了証の写真).
        "heading_note": text(False, browser=False),
        "facts": optional(ListOf(CITED)),
        "conditions_not_checked": Field(ListOf(CITED)),
    }
    DATED = ("total", "apply_within_years_of_last_credit", "fee")

    def _now(self, name: str):
        value = self._raw[name]
        if isinstance(value, Timeline):
            raise RuntimeError(f"{self.key}.{name} changes on a date: read it from procedure.in_force(day)")
        return value

    @property
    def total(self) -> int:
        return self._now("total").value

    @property
    def total_derived(self) -> str | None:
        return self._now("total").derived

    @cached_property
    def minimums(self) -> tuple[tuple[str, int], ...]:
        """(category, floor), in the rules' order."""
        for value in self._raw["minimums"].values():
            if isinstance(value, Timeline):
                raise RuntimeError(f"{self.key}.minimums change on a date: read them from procedure.in_force(day)")
        return tuple((name, floor.value) for name, floor in self._raw["minimums"].items())

    @cached_property
    def categories(self) -> tuple[str, ...]:
        return tuple(self._raw["minimums"])

    @property
    def within_years(self) -> int | None:
        entry = self._now("apply_within_years_of_last_credit")
        return entry.value if entry else None

    @property
    def within_text(self) -> Cited | None:
        entry = self._now("apply_within_years_of_last_credit")
        return entry if entry and entry.text else None

    @property
    def fee(self) -> Fee | None:
        return self._now("fee")

    @property
    def activity(self) -> Activity | None:
        return self.activity_required

    @property
    def facts(self) -> tuple[Cited, ...]:
        return self._raw["facts"] or ()

    @property
    def conditions(self) -> tuple[Cited, ...]:
        return self.conditions_not_checked

    @cached_property
    def sources(self) -> dict:
        """Pages: the citations of the total and the validity rule."""
        return {"total": self._now("total").source, "validity": self.counts_within_validity_source}

    @property
    def paper_step(self) -> ChecklistStep | None:
        """The step that says what becomes of the paper record when applying, if any."""
        return next((step for step in self.steps if step.paper), None)

    @property
    def needs_expiry(self) -> bool:
        """What the form asks: a renewal is checked against the certificate's expiry."""
        return self.key == "renewal"

    @property
    def needs_activity(self) -> bool:
        return self.activity_required is not None

    # -- the edition's wording and the values of a day ---------------------------------------------
    def localized(self, submission: Cited | None) -> "Procedure":
        """This procedure with its checklist (`steps`): the national documents, where the
        edition words what is handed in after applying (`submission`) in its own terms."""
        steps = []
        for document in self.documents:
            marks = {"id": document.id, "paper": bool(document.paper), "faq": document.faq}
            if document.id == "submission" and submission:
                steps.append(ChecklistStep("apply_submission", submission.text, submission.source, True, **marks))
            else:
                steps.append(ChecklistStep("apply_submission" if document.id == "submission" else "apply_step",
                                           document.text, document.source, **marks))
        copy = self.replaced()
        copy.__dict__["steps"] = tuple(steps)   # made here once; frozen from now on
        return copy

    @cached_property
    def _timelines(self) -> tuple[Timeline, ...]:
        values = [self._raw[name] for name in self.DATED] + list(self._raw["minimums"].values())
        return tuple(value for value in values if isinstance(value, Timeline))

    @property
    def dated(self) -> bool:
        """Whether a value of this procedure is written by date (`values:`)."""
        return bool(self._timelines)

    @cached_property
    def change_days(self) -> tuple[dt.date, ...]:
        """The days on which one of this procedure's values changes."""
        return tuple(sorted({day for t in self._timelines for day in t.starts()[1:]}))

    def in_force(self, day: dt.date) -> "Procedure":
        """The procedure with the values in force on `day` (itself when nothing is dated)."""
        if not self._timelines:
            return self
        since = max((start for start in self.change_days if start <= day), default=None)
        memo = self.__dict__.setdefault("_in_force", {})   # frozen: kept beside the fields, as cached_property does
        if since not in memo:
            values = {name: resolve(self._raw[name], day) for name in self.DATED}
            values["minimums"] = {name: resolve(value, day) for name, value in self._raw["minimums"].items()}
            copy = self.replaced(**values)
            copy.__dict__["steps"] = self.steps
            memo[since] = copy
        return memo[since]

    @classmethod
    def check_fields(cls, values, check: Checks):
        total, minimums = values.get("total"), values.get("minimums")
        if not ok(total, minimums) or not all(ok(v) for v in minimums.values()):
            return
        days = {None}
        for entry in [total, *minimums.values()]:
            if "values" in entry:
                days.update(entry["values"])
        for day in sorted(days, key=lambda d: d or ""):
            amount = _value_on(total, day)
            floors = sum(_value_on(m, day) or 0 for m in minimums.values())
            if ok(amount) and amount is not None and floors > amount:
                when = f"{day}から" if day else ""
                check.report(("total",), f"区分ごとの下限の合計（{floors}）が合計の要件（{amount}）を超えています{'（' + when + '）' if when else ''}。")


def _value_on(entry: dict, day: str | None):
    """The `value` of a checked (possibly dated) entry on `day` (an ISO date, or None: the first)."""
    if "values" not in entry:
        return entry.get("value")
    chosen = None
    for start, item in entry["values"].items():
        if chosen is None or (day is not None and start <= day):
            chosen = item
    return chosen.get("value") if isinstance(chosen, dict) else None
