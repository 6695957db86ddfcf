"""The rules as typed, frozen objects, and the one schema they are made from.

Each class below declares its `FIELDS`: the keys its rule file (and the compiled JSON)
holds, what each must be, and whether the browser's copy keeps it. That declaration is
the rules' only schema (`schema.py` walks it): the loader checks the YAML against it with
file and line, `Rules.of` checks a compiled JSON against it with paths, `browser_copy`
leaves out what it marks `browser=False`, and `Messages` holds the message contract.
Adding a key means one entry in FIELDS here and the code or template that reads it.

The objects hold each declared key as an attribute (dates as `date`s, months as `Month`s);
what the checker needs worded otherwise (`Procedure.total` as a number, `Review.official`
by approval month) is a property, so each fact is parsed in one place. Citations
(`source`) and page-only texts are optional in a JSON: the browser's copy leaves them out,
and the checker never reads them.

Values that change on a date (a procedure's total, floors, fee, the N-years limit) may be
written as `values:` keyed by their first day (`schema.Dated`); `Procedure.in_force(day)`
gives the procedure of that day, and the checker asks for it once, for the application's
round (evaluate.situation).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .messages import MESSAGE_FIELDS, Messages
from .months import Month
from .schema import (INVALID, Bool, Checks, Choice, Date, Dated, Entry, Field, Int, ListOf, MapOf, MessageText,
                     MonthOf, Plain, Record, RulesDataError, SourceId, Tel, Text, Timeline, Url, Year, check_json, ok,
                     read, resolve)

__all__ = ["Rules", "RulesDataError", "browser_copy", "RULES", "FILES"]

Source = dict  # {"id": ..., "section": ...}; pages only
CERTIFICATIONS = ("occupational", "sports")
PROCEDURES = ("renewal", "new")


# -- shared shapes --------------------------------------------------------------------------
class SourceRef(Entry):
    """`source: {id: <sources.yaml id>, section: "..."}`."""
    FIELDS = {"id": Field(SourceId()), "section": Field(Text(), required=False)}


SOURCE_REF = Plain(SourceRef)


def cited(required: bool = True) -> Field:
    """The citation every rule value carries (pages only)."""
    return Field(SOURCE_REF, required=required, browser=False,
                 missing="出典（source）がありません。出典のない値は書けません。")


def text(required: bool = True, browser: bool = True) -> Field:
    return Field(Text(), required=required, browser=browser)


def optional(node, browser: bool = True) -> Field:
    return Field(node, required=False, browser=browser)


class Cited(Entry):
    """A rule text and where it comes from (`derived`: how a tier-C value was worked out)."""
    FIELDS = {"text": text(), "source": cited(), "derived": text(False), "id": text(False)}


CITED = Cited.node()


class Note(Cited):
    """A text the pages print under a heading, found by its `id`."""
    FIELDS = {**Cited.FIELDS, "id": text()}


class SourceEntry(Entry):
    """One document of sources.yaml."""
    FIELDS = {"tier": Field(Choice("A", "B", what="tier")), "title": text(), "url": optional(Url()),
              "file": text(False)}

    @classmethod
    def check_fields(cls, values, check: Checks):
        if values.get("url") is None and values.get("file") is None:
            check.report_here("出典には url か file が必要です。")


# -- schedule.yaml --------------------------------------------------------------------------
class Day(Entry):
    """One cutover fact: its date (or month), what happened, and the source."""

    @property
    def when(self) -> dt.date | Month:
        return self["date"] if "date" in self.FIELDS else self["month"]


class DayDate(Day):
    FIELDS = {"date": Field(Date()), "label": text(browser=False), "source": cited()}


class DayMonth(Day):
    FIELDS = {"month": Field(MonthOf()), "label": text(browser=False), "source": cited()}


class Cutover(Entry):
    FIELDS = {"mypage_deadline": Field(DayDate.node()), "last_paper_seminar": Field(DayDate.node()),
              "mamis_credits_from": Field(DayDate.node()), "mamis_opens": Field(DayDate.node()),
              "paper_form_abolished": Field(DayMonth.node())}
    IN_ORDER = ("mypage_deadline", "last_paper_seminar", "mamis_credits_from", "mamis_opens")

    def in_order(self) -> tuple[Day, ...]:
        return tuple(self[key] for key in self.FIELDS)

    @classmethod
    def check_fields(cls, values, check: Checks):
        days = []
        for key in cls.IN_ORDER:
            entry = values.get(key)
            day = entry.get("date") if isinstance(entry, dict) else None
            if ok(day):
                days.append((key, day))
        for (key_a, a), (key_b, b) in zip(days, days[1:]):
            if a >= b:
                check.report((key_b,), f"「{key_b}」（{b}）は「{key_a}」（{a}）より後の日付でなければなりません。")


class Committee(Entry):
    FIELDS = {"months": Field(ListOf(Int(1, 12), min_items=1)), "label": text(browser=False), "source": cited()}

    @classmethod
    def check_fields(cls, values, check: Checks):
        months = values.get("months")
        if ok(months) and all(ok(m) for m in months) and months != sorted(set(months)):
            check.report(("months",), "審査の月は小さい順に、重ねずに書いてください。")


class FiscalYearStart(Entry):
    FIELDS = {"value": Field(Int(1, 12)), "label": text(browser=False), "source": cited()}


class ReviewRule(Entry):
    """The rule that continues the official tables (approval month ± offsets)."""
    FIELDS = {"expires_offset": Field(Int(0, 12)), "apply_offsets": Field(ListOf(Int(-12, 0), min_items=1)),
              "certificate_offset": Field(Int(0, 12)), "derived": text(), "source": cited()}


class ApplyByRule(Entry):
    """Where an edition gives no closing day: the last weekday of which application month."""
    FIELDS = {"apply_month": Field(Int(1, 12)), "derived": text(), "source": cited()}


class OfficialRow(Entry):
    FIELDS = {"round": Field(Int(1, 12)), "expires_around": Field(MonthOf()),
              "apply_months": Field(ListOf(MonthOf(), min_items=1)), "approval": Field(MonthOf()),
              "certificate_from": Field(MonthOf())}


class OfficialTable(Entry):
    """One fiscal year's table as the JMA published it; `notes`: what the pages say of
    that year alone (FY2025: the first round's application month is April only)."""
    FIELDS = {"fiscal_year": Field(Year()), "source": cited(), "notes": optional(ListOf(CITED), browser=False),
              "rounds": Field(ListOf(Plain(OfficialRow), min_items=1))}

    @classmethod
    def check_fields(cls, values, check: Checks):
        for index, row in enumerate(values.get("rounds") or []):
            if not isinstance(row, dict):
                continue
            number = row.get("round")
            if ok(number) and number != index + 1:
                check.report(("rounds", index), f"回の番号が順番になっていません（{index + 1}行目に第{number}回）。")
            parts = [row.get(key) for key in ("approval", "expires_around", "certificate_from", "apply_months")]
            if not ok(*parts) or not all(ok(m) for m in parts[3]):
                continue
            approval = Month.parse(row["approval"])
            apply = [Month.parse(m) for m in row["apply_months"]]
            if apply != sorted(set(apply)) or apply[-1] >= approval:
                check.report(("rounds", index), "申請月は古い順に並べ、承認の月より前にしてください。")
            if Month.parse(row["certificate_from"]) <= approval or Month.parse(row["expires_around"]) <= approval:
                check.report(("rounds", index), "認定証到着の目安と有効期限は、承認の月より後にしてください。")


class Review(Entry):
    """The JMA review schedule's rules (schedule.py turns them into rounds)."""
    FIELDS = {"committee": Field(Committee.node()), "fiscal_year_starts_month": Field(FiscalYearStart.node()),
              "rule": Field(ReviewRule.node()), "apply_by": Field(ApplyByRule.node()),
              "official": Field(ListOf(Plain(OfficialTable))), "notes": Field(ListOf(Note.node()))}

    committee_months = read("committee", "months")          # (1, 3, 5, 7, 9, 11)
    committee_label = read("committee", "label")
    fiscal_year_start = read("fiscal_year_starts_month", "value")
    expires_offset = read("rule", "expires_offset")
    apply_offsets = read("rule", "apply_offsets")
    certificate_offset = read("rule", "certificate_offset")
    derivation = read("rule", "derived")
    apply_by_month = read("apply_by", "apply_month")
    apply_by_derivation = read("apply_by", "derived")

    @cached_property
    def official_tables(self) -> tuple[dict, ...]:
        """Each fiscal year's table as written (pages: fiscal_year, source, notes, rounds)."""
        return self["official"]

    @cached_property
    def official(self) -> dict:
        """Approval Month → its row of an official table."""
        return {Month.parse(row["approval"]): row for table in self["official"] for row in table["rounds"]}

    @cached_property
    def notes(self) -> dict[str, Note]:
        return {note.id: note for note in self["notes"]}

    @cached_property
    def sources(self) -> dict:
        return {"committee": self["committee"].source, "fiscal_year": self["fiscal_year_starts_month"].source,
                "rule": self["rule"].source, "apply_by": self["apply_by"].source}

    @classmethod
    def check_fields(cls, values, check: Checks):
        rule, apply_by = values.get("rule"), values.get("apply_by")
        if isinstance(rule, dict) and isinstance(apply_by, dict) and ok(rule.get("apply_offsets"), apply_by.get("apply_month")):
            if apply_by["apply_month"] > len(rule["apply_offsets"]):
                check.report(("apply_by", "apply_month"), f"「apply_month」は申請月の数（{len(rule['apply_offsets'])}）"
                                                          "までにしてください。")
        committee = values.get("committee")
        months = set(committee["months"]) if isinstance(committee, dict) and ok(committee.get("months")) else None
        fy = values.get("fiscal_year_starts_month")
        start = fy.get("value") if isinstance(fy, dict) and ok(fy.get("value")) else None
        previous, years = None, []
        for t, table in enumerate(values.get("official") or []):
            if not isinstance(table, dict):
                continue
            year = table.get("fiscal_year")
            if ok(year):
                if year in years:
                    check.report(("official", t, "fiscal_year"), f"{year}年度の表が2つあります。")
                years.append(year)
            for r, row in enumerate(table.get("rounds") or []):
                approval = row.get("approval") if isinstance(row, dict) else None
                if not ok(approval):
                    continue
                month = Month.parse(approval)
                if months is not None and month.month not in months:
                    check.report(("official", t, "rounds", r), f"承認の月（{approval}）は審査の月（committee.months）のどれかにしてください。")
                if start is not None and ok(year) and (month.year if month.month >= start else month.year - 1) != year:
                    check.report(("official", t, "rounds", r), f"承認の月（{approval}）が{year}年度の中にありません。")
                if previous is not None and month <= previous:
                    check.report(("official", t, "rounds", r),
                                 f"表の行が日付の順になっていません（{approval}承認が{previous.iso()}承認の後にあります）。")
                previous = month
        seen = set()
        for index, note in enumerate(values.get("notes") or []):
            note_id = note.get("id") if isinstance(note, dict) else None
            if ok(note_id) and note_id in seen:
                check.report(("notes", index, "id"), f"id「{note_id}」が2回書かれています。")
            seen.add(note_id)


# -- occupational.yaml / sports.yaml ----------------------------------------------------------------
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
    """A step of a procedure's checklist as the national rules word it."""


@dataclass(frozen=True)
class Step:
    """One step of a procedure's checklist; `code` is `apply_step`, or `apply_submission`
    for what is handed to the association after applying (the edition may word it)."""
    code: str
    text: str
    source: Source | None = None
    local: bool = False   # worded by the edition
    id: str | None = None  # for pages that quote one step (faq)


class Procedure(Entry):
    FIELDS = {
        "label": text(), "training": text(), "counts_within_validity": Field(Bool()),
        "counts_within_validity_source": cited(required=False),
        "total": Field(Dated(Total.node())),
        "minimums": Field(MapOf(Dated(Floor.node()), min_items=1)),
        "activity_required": optional(CITED),
        "apply_within_years_of_last_credit": optional(Dated(WithinYears.node())),
        "fee": optional(Dated(Fee.node())),
        "documents": Field(ListOf(Document.node(), min_items=1)),
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
    def activity(self) -> Cited | None:
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

    def step(self, step_id: str) -> Step:
        return next(step for step in self.steps if step.id == step_id)

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
            if document.id == "submission":
                steps.append(Step("apply_submission", submission.text, submission.source, True, document.id)
                             if submission else Step("apply_submission", document.text, document.source, id=document.id))
            else:
                steps.append(Step("apply_step", document.text, document.source, id=document.id))
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


class Procedures(Entry):
    FIELDS = {key: Field(Procedure.node()) for key in PROCEDURES}


class PaperRecord(Entry):
    FIELDS = {"label": text(), "text": text(browser=False), "source": cited()}


class Category(Entry):
    FIELDS = {"group": text(), "source": cited()}


class MeasureGroup(Entry):
    FIELDS = {"group": Field(Int(1, 9)), "expires_from": Field(Date()), "expires_to": Field(Date()),
              "renewals_needed": Field(Int(1, 5))}


class SpecialMeasure(Entry):
    """The COVID special measure of 認定産業医: who it covers, until when."""
    FIELDS = {"label": text(), "expired_from": Field(Date()), "ends_on": Field(Date()),
              "groups": Field(ListOf(MeasureGroup.node(), min_items=1)), "text": text(), "expiry_unchanged": text(),
              "ending": text(), "source": cited(), "sources": optional(ListOf(SOURCE_REF), browser=False)}

    @property
    def more_sources(self) -> tuple[Source, ...]:
        return self["sources"] or ()

    def group_of(self, expires_on: dt.date) -> MeasureGroup | None:
        return next((g for g in self.groups if g.expires_from <= expires_on <= g.expires_to), None)

    @classmethod
    def check_fields(cls, values, check: Checks):
        previous = None
        for index, group in enumerate(values.get("groups") or []):
            if not isinstance(group, dict) or not ok(group.get("expires_from"), group.get("expires_to")):
                continue
            if group["expires_from"] > group["expires_to"]:
                check.report(("groups", index), "expires_from は expires_to より前の日付にしてください。")
            if previous and group["expires_from"] <= previous:
                check.report(("groups", index), "グループは有効期限の古い順に、重ならないように書いてください。")
            previous = group["expires_to"]


class Certification(Entry):
    FIELDS = {"name": text(), "short_name": text(), "paper_record": Field(PaperRecord.node()),
              "validity_years": Field(ValidityYears.node()), "unit": optional(CITED, browser=False),
              "categories": Field(MapOf(Category.node(), min_items=1), browser=False),
              "procedures": Field(Procedures.node()), "special_measure": optional(SpecialMeasure.node())}

    paper_label = read("paper_record", "label")   # 手帳 / 修了証
    paper_text = read("paper_record", "text")
    validity_years = read("validity_years", "value")

    @property
    def categories(self) -> dict:
        return self["categories"] or {}

    @cached_property
    def sources(self) -> dict:
        return {"validity": self["validity_years"].source, "paper": self["paper_record"].source}

    def in_force(self, day: dt.date) -> "Certification":
        """The title with each procedure's values in force on `day` (the pages' day)."""
        if not any(p.dated for p in self.procedures.values()):
            return self
        copy = self.replaced()
        copy.__dict__["procedures"] = {key: p.in_force(day) for key, p in self.procedures.items()}
        return copy

    @classmethod
    def check_fields(cls, values, check: Checks):
        categories, procedures = values.get("categories"), values.get("procedures")
        if not ok(categories, procedures) or not isinstance(procedures, dict):
            return
        for key, procedure in procedures.items():
            minimums = procedure.get("minimums") if isinstance(procedure, dict) else None
            for name in minimums if isinstance(minimums, dict) else ():
                if name not in categories:
                    check.report(("procedures", key, "minimums", name),
                                 f"区分「{name}」は categories にありません（ある区分：{'、'.join(sorted(categories))}）。")


class Certifications(Entry):
    FIELDS = {key: Field(Certification.node()) for key in CERTIFICATIONS}


# -- mypage.yaml, contacts.yaml, application.yaml ------------------------------------------------
class LoginUrl(Entry):
    FIELDS = {"value": Field(Url()), "source": cited()}


class Delay(Entry):
    FIELDS = {"months": Field(Int(0, 12)), "text": text(), "source": cited()}


class StepList(Entry):
    FIELDS = {"label": text(), "summary": text(), "items": Field(ListOf(Text(), min_items=1)), "source": cited()}


class MyPageSteps(Entry):
    FIELDS = {"member": Field(StepList.node()), "non_member": Field(StepList.node())}


class MyPage(Entry):
    FIELDS = {"login_url": Field(LoginUrl.node()), "registration_delay": Field(Delay.node()),
              "without_mypage": Field(CITED), "steps": Field(MyPageSteps.node(), browser=False),
              "already_done": Field(CITED, browser=False)}

    login_url = read("login_url", "value")
    delay_months = read("registration_delay", "months")
    delay_text = read("registration_delay")


class Contact(Entry):
    """A desk: name, purpose, and how to reach it (phone: digits and hyphens; a page; a
    postal address where a source gives one). `sources`: further citations (of the page,
    say, where they differ from the name's)."""
    FIELDS = {"name": text(), "purpose": text(), "tel": Field(Tel()), "hours": text(False),
              "url": optional(Url()), "address": text(False), "source": cited(),
              "sources": optional(ListOf(SOURCE_REF), browser=False)}

    @property
    def more_sources(self) -> tuple[Source, ...]:
        return self["sources"] or ()


class Desk(Contact):
    """The edition's desk for 認定医: a phone number is not required (no source may give one)."""
    FIELDS = {**Contact.FIELDS, "tel": optional(Tel())}


class RenewalNotice(Entry):
    FIELDS = {"text": text(), "months_before": Field(Int(1, 12)), "source": cited(),
              "sources": optional(ListOf(SOURCE_REF), browser=False)}

    @property
    def more_sources(self) -> tuple[Source, ...]:
        return self["sources"] or ()


class Application(Entry):
    FIELDS = {"where_to_apply": Field(CITED), "renewal_notice": Field(RenewalNotice.node()),
              "registered_info": Field(CITED)}

    notice_months = read("renewal_notice", "months_before")


# -- editions/<name>.yaml --------------------------------------------------------------------------
class Association(Entry):
    FIELDS = {"name": text(), "short_name": text(), "source": cited()}


class DeadlineRow(Entry):
    FIELDS = {"round": Field(Int(1, 12)), "opens_on": optional(Date()), "closes_on": Field(Date())}


class DeadlineTable(Entry):
    """An edition's own closing (and opening) days, one title, one fiscal year."""
    FIELDS = {"certification": Field(Choice(*CERTIFICATIONS, what="資格")), "fiscal_year": Field(Year()),
              "source": cited(), "note": text(False), "rounds": Field(ListOf(DeadlineRow.node(), min_items=1))}

    @classmethod
    def check_fields(cls, values, check: Checks):
        seen = set()
        for index, row in enumerate(values.get("rounds") or []):
            if not isinstance(row, dict):
                continue
            number, opens, closes = row.get("round"), row.get("opens_on"), row.get("closes_on")
            if ok(number) and number in seen:
                check.report(("rounds", index), f"第{number}回が2回書かれています。")
            seen.add(number)
            if ok(opens, closes) and opens > closes:
                check.report(("rounds", index), f"受付の開始（{opens}）が締切（{closes}）より後です。")


@dataclass(frozen=True)
class Deadline:
    """An edition's own closing (and opening) day for one round of one title."""
    closes_on: dt.date
    opens_on: dt.date | None = None
    note: str | None = None
    source: Source | None = None


class LocalText(Entry):
    """A text of the edition's own (what is handed in after applying, a note)."""
    FIELDS = {"text": text(), "source": cited(), "derived": text(False)}


class EditionNote(LocalText):
    """A note for the edition's members, for one title or procedure if given."""
    FIELDS = {**LocalText.FIELDS, "certification": optional(Choice(*CERTIFICATIONS, what="資格")),
              "procedure": optional(Choice(*PROCEDURES, what="手続き"))}


class Edition(Entry):
    """One association's edition: its name, desk, wording, closing days, notes, contacts."""
    FIELDS = {"association": Field(Association.node()), "site_url": optional(Url()), "desk": optional(Desk.node()),
              "submission": optional(MapOf(LocalText.node(), key=Choice(*CERTIFICATIONS, what="資格"))),
              "deadlines": optional(ListOf(DeadlineTable.node())), "notes": optional(ListOf(EditionNote.node())),
              "contacts": optional(ListOf(Contact.node()), browser=False)}

    name = read("association", "name")
    short_name = read("association", "short_name")
    source = read("association", "source")

    @cached_property
    def site_url(self) -> str | None:
        """Where the association publishes this site (the letters name it), ending in /."""
        url = self["site_url"]
        return url if not url or url.endswith("/") else url + "/"

    @property
    def submission(self) -> dict:
        return self["submission"] or {}

    @property
    def contacts(self) -> tuple[Contact, ...]:
        return self["contacts"] or ()

    @cached_property
    def deadlines(self) -> dict:
        """(certification, fiscal_year, round) → Deadline."""
        return {(table.certification, table.fiscal_year, row.round): Deadline(row.closes_on, row.opens_on, table.note,
                                                                              table.source)
                for table in self["deadlines"] or () for row in table.rounds}

    @cached_property
    def notes(self) -> tuple[tuple[str | None, str | None, Cited], ...]:
        """(certification, procedure, note) for each note."""
        return tuple((note.certification, note.procedure, note) for note in self["notes"] or ())

    def deadline(self, certification: str, fiscal_year: int, number: int) -> Deadline | None:
        return self.deadlines.get((certification, fiscal_year, number))

    def notes_for(self, certification: str, procedure: str) -> list[Cited]:
        return [text for cert, proc, text in self.notes
                if cert in (None, certification) and proc in (None, procedure)]


# -- messages.yaml -------------------------------------------------------------------------------------
class _MessagesNode(Plain):
    def build(self, value, key=None):
        return Messages(value)


def _messages_node() -> _MessagesNode:
    """messages.yaml's schema, one key per entry of the contract (messages.MESSAGE_FIELDS)."""
    sections = {}
    for section, keys in MESSAGE_FIELDS.items():
        fields = {key: Field(MessageText(supplied)) for key, supplied in keys.items()}
        sections[section] = Field(Plain(type(f"Messages_{section}", (Entry,), {"FIELDS": fields})))
    return _MessagesNode(type("MessagesFile", (Entry,), {"FIELDS": sections}))


# -- all of it ----------------------------------------------------------------------------------------
class Rules(Entry):
    FIELDS = {
        "checked_on": Field(Date()),
        "sources": Field(MapOf(Plain(SourceEntry)), browser=False),
        "cutover": Field(Cutover.node()),
        "review": Field(Review.node()),
        "certifications": Field(Certifications.node()),
        "mypage": Field(MyPage.node()),
        "contacts": Field(ListOf(Contact.node())),
        "application": Field(Application.node()),
        "edition": text(),
        "prefecture": Field(Edition.node()),
        "messages": Field(_messages_node()),
    }

    SITE_TITLE = "認定医のMAMIS手続きガイド"

    def __init__(self, values: dict, key: str | None = None):
        super().__init__(values, key)
        edition = values.get("prefecture")
        if edition is not None:
            edition = edition.replaced()
            object.__setattr__(edition, "key", values.get("edition"))
        self.__dict__["edition"] = edition
        certifications = values.get("certifications")
        if certifications is not None:
            submission = edition.submission if edition else {}
            self.__dict__["certifications"] = {
                key: _localized(certifications[key], submission.get(key)) for key in Certifications.FIELDS}

    @classmethod
    def of(cls, compiled: dict) -> "Rules":
        """The rules in `compiled` (the loader's dict or its JSON); RulesDataError naming
        every problem by its path if it is not in the schema's shape."""
        return RULES.build(check_json(RULES, compiled))

    @classmethod
    def for_schedule(cls, cutover: Cutover, review: Review) -> "Rules":
        """Rules holding only what the review schedule reads (to check an edition's days)."""
        return cls({"cutover": cutover, "review": review})

    @classmethod
    def check_fields(cls, values, check: Checks):
        """An edition's closing and opening days lie in their round's application months,
        and the round exists in that fiscal year (the schedule decides, so this is checked
        only once schedule.yaml has no problem)."""
        edition = values.get("prefecture")
        tables = edition.get("deadlines") if isinstance(edition, dict) else None
        if (not isinstance(tables, list) or not isinstance(values.get("cutover"), dict)
                or not isinstance(values.get("review"), dict) or not check.walk.clean(("cutover",), ("review",))):
            return
        from .schedule import ReviewSchedule

        schedule = ReviewSchedule(cls.for_schedule(Cutover.node().build(values["cutover"]),
                                                   Review.node().build(values["review"])))
        for t, table in enumerate(tables):
            if not isinstance(table, dict) or not ok(table.get("fiscal_year")):
                continue
            rounds = schedule.rounds_in_fiscal_year(table["fiscal_year"])
            for r, row in enumerate(table.get("rounds") or []):
                number = row.get("round") if isinstance(row, dict) else None
                if not ok(number):
                    continue
                where = ("prefecture", "deadlines", t, "rounds", r)
                if not 1 <= number <= len(rounds):
                    check.report(where, f"{table['fiscal_year']}年度に第{number}回はありません。")
                    continue
                months = rounds[number - 1].apply_months
                first, last = months[0].first_day().isoformat(), months[-1].last_day().isoformat()
                for key in ("opens_on", "closes_on"):
                    day = row.get(key)
                    if ok(day) and not first <= day <= last:
                        check.report(where, f"第{number}回の「{key}」（{day}）は、この回の申請月（{first}〜{last}）の中の日付にしてください。")

    @property
    def sources(self) -> dict:
        return self["sources"] or {}

    @cached_property
    def schedule(self):
        """The review schedule, its rounds made once and kept (schedule.py)."""
        from .schedule import ReviewSchedule

        return ReviewSchedule(self)

    @cached_property
    def source_labels(self) -> dict:
        """How results name the two kinds of record, per title: 手帳（2025年3月31日まで）, MAMIS（…から）."""
        from .japanese import date_ja

        mamis = self.messages.text("labels_result", "mamis", mamis_from=date_ja(self.cutover.mamis_credits_from.when, False))
        last_paper = date_ja(self.cutover.last_paper_seminar.when, False)
        return {key: {"notebook": self.messages.text("labels_result", "notebook", paper=c.paper_label,
                                                     last_paper_day=last_paper), "mamis": mamis}
                for key, c in self.certifications.items()}

    def verdict_title(self, key: str, units, opens_on: str) -> str:
        """The verdict's heading (messages.yaml `verdict`), worded once per distinct value:
        a roster gives thousands of rows a few dozen different headings."""
        memo = self.__dict__.setdefault("_titles", {})   # frozen: kept beside the fields, as cached_property does
        if (key, units, opens_on) not in memo:
            memo[(key, units, opens_on)] = self.messages.text("verdict", key, units=units, opens_on=opens_on,
                                                              association=self.edition.name)
        return memo[(key, units, opens_on)]

    @cached_property
    def status_labels(self) -> dict[str, str]:
        return {status: self.messages.text("status", status) for status in self.messages.section("status")}

    @cached_property
    def apply_by_reasons(self) -> dict:
        """Why a window's day to apply by is what it is: the association's, or an estimate."""
        name = self.edition.name
        return {"known": self.messages.text("apply_by_reason", "known", association=name),
                "estimated": self.messages.text("apply_by_reason", "estimated", association=name,
                                                derivation=self.review.apply_by_derivation)}

    @property
    def association(self) -> str:
        return self.edition.name

    @property
    def site_title(self) -> str:
        """The site's title, as every page and the printed result name it."""
        return f"{self.SITE_TITLE}（{self.edition.name}）"

    def procedure(self, certification: str, procedure: str) -> Procedure:
        return self.certifications[certification].procedures[procedure]


def _localized(certification: Certification, submission: Cited | None) -> Certification:
    """The title with its procedures' checklists worded for the edition."""
    copy = certification.replaced()
    copy.__dict__["procedures"] = {key: certification["procedures"][key].localized(submission) for key in PROCEDURES}
    return copy


RULES = Rules.node()

# Where each rule file's keys go in the compiled rules: "hoist" files give their keys to
# the top, the others are one entry (by its path). Each file may also hold `description`.
FILES = (
    ("sources.yaml", {"hoist": ("checked_on", "sources")}),
    ("schedule.yaml", {"hoist": ("cutover", "review")}),
    ("occupational.yaml", {"at": ("certifications", "occupational")}),
    ("sports.yaml", {"at": ("certifications", "sports")}),
    ("mypage.yaml", {"at": ("mypage",)}),
    ("contacts.yaml", {"hoist": ("contacts",)}),
    ("application.yaml", {"at": ("application",)}),
    ("messages.yaml", {"at": ("messages",)}),
    ("editions/{edition}.yaml", {"at": ("prefecture",)}),
)


def cited_ids(compiled: dict) -> set[str]:
    """The ids of the sources the compiled rules cite (`source` and `sources` entries)."""
    found: set[str] = set()

    def walk(node, key=None):
        if isinstance(node, dict):
            if key in ("source", "counts_within_validity_source") and isinstance(node.get("id"), str):
                found.add(node["id"])
            for child_key, child in node.items():
                walk(child, child_key)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item, "source" if key == "sources" else None)

    walk({key: value for key, value in compiled.items() if key != "sources"})
    return found


def browser_copy(compiled: dict) -> dict:
    """The rules as the browser's checker reads them: without what the schema marks
    `browser=False` (citations, texts only the pages show). Every byte here is downloaded
    before the checker is ready; the tests compare its answers with the full rules'."""
    return RULES.strip(compiled)


__all__ += ["INVALID"]
