"""schedule.yaml: the cutover dates and the JMA review schedule (its official tables, one per
fiscal year, and the rule that continues them).
"""
from __future__ import annotations

import datetime as dt
from functools import cached_property

from ..dates.months import Month
from .model_common import CITED, Note, cited, optional, text
from .schema import Checks, Date, Entry, Field, Int, ListOf, MonthOf, Plain, Year, ok, read


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
