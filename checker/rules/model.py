"""The rules as typed, frozen objects, and the one schema they are made from.

Each model class declares its `FIELDS`: the keys its rule file (and the compiled JSON)
holds, what each must be, and whether the browser's copy keeps it. The classes live one
module per rule file (model_schedule.py, model_titles.py with model_procedure.py,
model_edition.py, model_common.py for the shared shapes); `Rules` here holds them all, and
`FILES` says where each file's keys go. That declaration is the rules' only schema
(schema.py walks it): the loader checks the YAML against it with file and line, `Rules.of`
checks a compiled JSON against it with paths, `browser_copy` leaves out what it marks
`browser=False`, and messages.yaml's schema is made from the message contract. Adding a
key means one entry in a FIELDS and the code or template that reads it.

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

from functools import cached_property

from ..dates.japanese import date_ja
from .messages import MESSAGE_FIELDS, Messages
# The model, one module per rule file (each class with its FIELDS); named here as well, so
# that `from checker.rules.model import X` finds any of them.
from .model_common import PROCEDURES, Cited, Note, SourceEntry, SourceRef, text, title_name
from .model_edition import (Application, Association, Contact, Deadline, DeadlineRow, DeadlineTable, Desk, Edition,
                            EditionNote, LocalText, MyPage)
from .model_procedure import ChecklistStep, Fee, Procedure
from .model_schedule import Cutover, Day, Review
from .model_titles import Certification, MeasureGroup, SpecialMeasure, certifications
from .schedule import ReviewSchedule
from .schema import (Checks, Date, Entry, Field, ListOf, MapOf, MessageText, Plain, RulesDataError, Timeline,
                     check_json, ok)

__all__ = ["Rules", "RULES", "FILES", "browser_copy", "RulesDataError",
           "Application", "Association", "Certification", "Cited", "Contact", "Cutover", "Day",
           "Deadline", "DeadlineRow", "DeadlineTable", "Desk", "Edition", "EditionNote", "Fee", "LocalText",
           "MeasureGroup", "MyPage", "Note", "Procedure", "Review", "SourceEntry", "SourceRef", "SpecialMeasure", "ChecklistStep"]


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
        "titles": Field(ListOf(title_name(), min_items=1)),
        "certifications": Field(certifications()),
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
                key: _localized(certification, submission.get(key)) for key, certification in certifications.items()}

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
        cls._check_titles(values, check)
        cls._check_edition_days(values, check)

    @classmethod
    def _check_titles(cls, values, check: Checks):
        """Every title titles.yaml lists has its file (the loader reads one per name, so a
        JSON is checked here), each once; an edition names only titles there are."""
        titles, found = values.get("titles"), values.get("certifications")
        if not ok(titles) or not all(ok(title) for title in titles):
            return
        for index, title in enumerate(titles):
            if title in titles[:index]:
                check.report(("titles", index), f"資格「{title}」が2回あります。")
        if ok(found) and list(found) != list(dict.fromkeys(titles)):
            check.report(("certifications",), f"資格のルール（{'、'.join(found)}）が、資格の一覧（titles：{'、'.join(titles)}）と合いません。")
        edition = values.get("prefecture")
        if not isinstance(edition, dict):
            return
        named = [(("prefecture", "submission", key), key) for key in edition.get("submission") or {}]
        for part in ("deadlines", "notes"):
            for index, entry in enumerate(edition.get(part) or []):
                if isinstance(entry, dict) and ok(entry.get("certification")) and entry.get("certification") is not None:
                    named.append((("prefecture", part, index, "certification"), entry["certification"]))
        for where, title in named:
            if ok(title) and title not in titles:
                check.report(where, f"資格「{title}」はありません（使えるもの：{'、'.join(titles)}）。")

    @classmethod
    def _check_edition_days(cls, values, check: Checks):
        """An edition's closing and opening days lie in their round's application months,
        and the round exists in that fiscal year (the schedule decides, so this is checked
        only once schedule.yaml has no problem)."""
        edition = values.get("prefecture")
        tables = edition.get("deadlines") if isinstance(edition, dict) else None
        if (not isinstance(tables, list) or not isinstance(values.get("cutover"), dict)
                or not isinstance(values.get("review"), dict) or not check.walk.clean(("cutover",), ("review",))):
            return
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
    def cited(self) -> dict:
        """The sources these rules cite (of sources.yaml's list), in its order: an edition's
        about page lists these, not another edition's."""
        found: set[str] = set()

        def walk(node, key=None):
            if isinstance(node, Entry):
                node = node._raw
            if isinstance(node, Timeline):
                node = [value for _, value in node.changes]
            if isinstance(node, dict):
                if key in ("source", "counts_within_validity_source") and isinstance(node.get("id"), str):
                    found.add(node["id"])
                for child_key, child in node.items():
                    walk(child, child_key)
            elif isinstance(node, (list, tuple)):
                for item in node:
                    walk(item, "source" if key == "sources" else None)

        walk({key: value for key, value in self._raw.items() if key not in ("sources", "messages")})
        return {key: value for key, value in self.sources.items() if key in found}

    @cached_property
    def schedule(self):
        """The review schedule, its rounds made once and kept (schedule.py)."""
        return ReviewSchedule(self)

    @cached_property
    def source_labels(self) -> dict:
        """How results name the two kinds of record, per title: 手帳（2025年3月31日まで）, MAMIS（…から）."""
        mamis = self.messages.text("labels_result", "mamis", mamis_from=date_ja(self.cutover.mamis_credits_from.when, False))
        last_paper = date_ja(self.cutover.last_paper_seminar.when, False)
        return {key: {"notebook": self.messages.text("labels_result", "notebook", paper=c.paper_label,
                                                     last_paper_day=last_paper), "mamis": mamis}
                for key, c in self.certifications.items()}

    def text_once(self, section: str, key: str, **values) -> str:
        """`messages.text`, worded once per distinct value: a roster gives thousands of rows
        a few dozen different headings and statuses."""
        memo = self.__dict__.setdefault("_worded", {})   # frozen: kept beside the fields, as cached_property does
        found = (section, key, *values.items())
        if found not in memo:
            memo[found] = self.messages.text(section, key, **values)
        return memo[found]

    def verdict_title(self, key: str, units, opens_from: str) -> str:
        """The verdict's heading (messages.yaml `verdict`)."""
        return self.text_once("verdict", key, units=units, opens_from=opens_from, association=self.edition.name)

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
# `{title}.yaml` is read once for each title that titles.yaml lists, in its order.
FILES = (
    ("sources.yaml", {"hoist": ("checked_on", "sources")}),
    ("schedule.yaml", {"hoist": ("cutover", "review")}),
    ("titles.yaml", {"hoist": ("titles",)}),
    ("{title}.yaml", {"at": ("certifications", "{title}")}),
    ("mypage.yaml", {"at": ("mypage",)}),
    ("contacts.yaml", {"hoist": ("contacts",)}),
    ("application.yaml", {"at": ("application",)}),
    ("messages.yaml", {"at": ("messages",)}),
    ("editions/{edition}.yaml", {"at": ("prefecture",)}),
)


def browser_copy(compiled: dict) -> dict:
    """The rules as the browser's checker reads them: without what the schema marks
    `browser=False` (citations, texts only the pages show). Every byte here is downloaded
    before the checker is ready; the tests compare its answers with the full rules'."""
    return RULES.strip(compiled)
