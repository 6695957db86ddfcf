"""The rules as typed, frozen objects: built once from the compiled JSON, read by everything.

`loader/` compiles `rules/*.yaml` (and one edition) into a plain JSON dict; `Rules.of`
turns that dict into these objects once, validating it on the way (a hand-edited or
truncated rules JSON gives a Japanese `RulesDataError`, never a KeyError later). The
checker, the roster, the page templates and the browser all read this object, so each
fact is parsed and worded in one place: dates are `date`s here, not strings.

Citations (`source`) and page-only texts are optional: the browser's copy of the rules
leaves them out, and the checker never reads them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .messages import Messages
from .months import Month

Source = dict  # {"id": ..., "section": ...}; pages only


@dataclass(frozen=True)
class Cited:
    """A rule text and where it comes from (`derived`: how a tier-C value was worked out)."""
    text: str
    source: Source | None = None
    derived: str | None = None


@dataclass(frozen=True)
class Day:
    """One cutover fact: its date (or month), what happened, and the source."""
    key: str
    when: dt.date | Month
    label: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Cutover:
    mypage_deadline: Day
    last_paper_seminar: Day
    mamis_credits_from: Day
    mamis_opens: Day
    paper_form_abolished: Day

    def in_order(self) -> tuple[Day, ...]:
        return (self.mypage_deadline, self.last_paper_seminar, self.mamis_credits_from, self.mamis_opens,
                self.paper_form_abolished)


@dataclass(frozen=True)
class Fee:
    amount: int
    text: str
    source: Source | None = None

    @property
    def yen(self) -> str:
        """The amount as written in Japanese texts: 10,000."""
        return f"{self.amount:,}"


@dataclass(frozen=True)
class Step:
    """One step of a procedure's checklist; `code` is `apply_step`, or `apply_submission`
    for what is handed to the association after applying (the edition may word it)."""
    code: str
    text: str
    source: Source | None = None
    local: bool = False   # worded by the edition
    id: str | None = None  # for pages that quote one step (faq)


@dataclass(frozen=True)
class Procedure:
    key: str                      # renewal / new
    label: str
    training: str
    counts_within_validity: bool
    total: int
    minimums: tuple[tuple[str, int], ...]   # (category, floor), in the rules' order
    steps: tuple[Step, ...]
    facts: tuple[Cited, ...]
    conditions: tuple[Cited, ...]
    total_derived: str | None = None
    activity: Cited | None = None
    within_years: int | None = None
    within_text: Cited | None = None
    fee: Fee | None = None
    sources: dict = field(default_factory=dict, compare=False)   # pages: total / floors / validity

    @cached_property
    def categories(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.minimums)

    def step(self, step_id: str) -> Step:
        return next(step for step in self.steps if step.id == step_id)

    @property
    def needs_expiry(self) -> bool:
        """What the form asks: a renewal is checked against the certificate's expiry."""
        return self.key == "renewal"

    @property
    def needs_activity(self) -> bool:
        return self.activity is not None


@dataclass(frozen=True)
class MeasureGroup:
    group: int
    expires_from: dt.date
    expires_to: dt.date
    renewals_needed: int


@dataclass(frozen=True)
class SpecialMeasure:
    """The COVID special measure of 認定産業医: who it covers, until when."""
    label: str
    expired_from: dt.date
    ends_on: dt.date
    groups: tuple[MeasureGroup, ...]
    text: str
    expiry_unchanged: str
    ending: str
    source: Source | None = None
    more_sources: tuple[Source, ...] = ()

    def group_of(self, expires_on: dt.date) -> MeasureGroup | None:
        return next((g for g in self.groups if g.expires_from <= expires_on <= g.expires_to), None)


@dataclass(frozen=True)
class Certification:
    key: str
    name: str
    short_name: str
    paper_label: str               # 手帳 / 修了証
    validity_years: int
    procedures: dict               # key → Procedure
    special_measure: SpecialMeasure | None = None
    paper_text: str | None = None  # pages only
    unit: Cited | None = None
    categories: dict = field(default_factory=dict, compare=False)   # name → {"group", "source"}
    sources: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Contact:
    name: str
    purpose: str
    tel: str | None = None
    hours: str | None = None
    url: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Deadline:
    """An edition's own closing (and opening) day for one round of one title."""
    closes_on: dt.date
    opens_on: dt.date | None = None
    note: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Edition:
    key: str
    name: str
    short_name: str
    desk: Contact | None
    submission: dict                       # certification → Cited
    deadlines: dict                        # (certification, fiscal_year, round) → Deadline
    notes: tuple[tuple[str | None, str | None, Cited], ...]   # (certification, procedure, text)
    contacts: tuple[Contact, ...] = ()
    source: Source | None = None
    site_url: str | None = None    # where the association publishes this site (the letters name it)

    def deadline(self, certification: str, fiscal_year: int, number: int) -> Deadline | None:
        return self.deadlines.get((certification, fiscal_year, number))

    def notes_for(self, certification: str, procedure: str) -> list[Cited]:
        return [text for cert, proc, text in self.notes
                if cert in (None, certification) and proc in (None, procedure)]


@dataclass(frozen=True)
class MyPage:
    login_url: str
    delay_months: int
    without_mypage: Cited
    delay_text: Cited | None = None      # pages only from here on
    already_done: Cited | None = None
    steps: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Application:
    where_to_apply: Cited
    renewal_notice: Cited
    notice_months: int
    registered_info: Cited


@dataclass(frozen=True)
class Review:
    """The JMA review schedule's rules (schedule.py turns them into rounds)."""
    committee_months: tuple[int, ...]
    fiscal_year_start: int
    expires_offset: int
    apply_offsets: tuple[int, ...]
    certificate_offset: int
    derivation: str
    apply_by_month: int
    apply_by_derivation: str
    official: dict                          # approval Month → official row (dict)
    official_tables: tuple[dict, ...]       # pages: fiscal_year, source, rounds
    notes: dict                             # id → Cited
    committee_label: str | None = None
    sources: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rules:
    checked_on: dt.date
    cutover: Cutover
    review: Review
    certifications: dict                    # key → Certification
    mypage: MyPage
    edition: Edition
    messages: Messages = field(compare=False)
    application: Application | None = None
    contacts: tuple[Contact, ...] = ()
    sources: dict = field(default_factory=dict, compare=False)

    SITE_TITLE = "認定医のMAMIS手続きガイド"

    @classmethod
    def of(cls, compiled: dict) -> "Rules":
        """The rules in `compiled` (the loader's dict or its JSON); RulesDataError if malformed."""
        from .model_build import build

        return build(cls, compiled)

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

    def verdict_title(self, key: str, units, opens_from: str) -> str:
        """The verdict's heading (messages.yaml `verdict`), worded once per distinct value:
        a roster gives thousands of rows a few dozen different headings."""
        memo = self.__dict__.setdefault("_titles", {})   # frozen: kept beside the fields, as cached_property does
        if (key, units, opens_from) not in memo:
            memo[(key, units, opens_from)] = self.messages.text("verdict", key, units=units, opens_from=opens_from,
                                                                association=self.edition.name)
        return memo[(key, units, opens_from)]

    @cached_property
    def status_labels(self) -> dict[str, str]:
        return {status: self.messages.text("status", status) for status in self.messages.section("status")}

    @cached_property
    def apply_by_reasons(self) -> dict[str, str]:
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
