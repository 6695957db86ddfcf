"""<title>.yaml (occupational.yaml, sports.yaml, any title titles.yaml lists): one title's
categories, procedures, validity, paper record and, for 認定産業医, the COVID special measure.
"""
from __future__ import annotations

import datetime as dt
from functools import cached_property

from .model_common import CITED, PROCEDURES, SOURCE_REF, Source, cited, optional, text, title_name
from .model_procedure import Procedure, ValidityYears
from .schema import Checks, Date, Entry, Field, Int, ListOf, MapOf, ok, read


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


def certifications() -> MapOf:
    """Every title, by its name, in titles.yaml's order."""
    return MapOf(Certification.node(), key=title_name(), min_items=1)
