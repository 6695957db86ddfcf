"""mypage.yaml, contacts.yaml, application.yaml (the national texts and desks) and
editions/<name>.yaml (one association's name, desk, wording, closing days, notes, contacts).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .model_common import CITED, PROCEDURES, SOURCE_REF, Cited, Source, cited, optional, text, title_name
from .schema import Checks, Choice, Date, Entry, Field, Int, ListOf, MapOf, Tel, Text, Url, Year, ok, read


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


# -- editions/<name>.yaml --------------------------------------------------------------------------
class Association(Entry):
    FIELDS = {"name": text(), "source": cited()}


class DeadlineRow(Entry):
    FIELDS = {"round": Field(Int(1, 12)), "opens_on": optional(Date()), "closes_on": Field(Date())}


class DeadlineTable(Entry):
    """An edition's own closing (and opening) days, one title, one fiscal year."""
    FIELDS = {"certification": Field(title_name()), "fiscal_year": Field(Year()),
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
    FIELDS = {**LocalText.FIELDS, "certification": optional(title_name()),
              "procedure": optional(Choice(*PROCEDURES, what="手続き"))}


class Edition(Entry):
    """One association's edition: its name, desk, wording, closing days, notes, contacts."""
    FIELDS = {"association": Field(Association.node()), "site_url": optional(Url()), "desk": optional(Desk.node()),
              "submission": optional(MapOf(LocalText.node(), key=title_name())),
              "deadlines": optional(ListOf(DeadlineTable.node())), "notes": optional(ListOf(EditionNote.node())),
              "contacts": optional(ListOf(Contact.node()), browser=False)}

    name = read("association", "name")
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
