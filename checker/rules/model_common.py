"""The shapes every rule file shares: a citation, a text with its citation, a note, a source
of sources.yaml, and the short ways model*.py declare their fields.
"""
from __future__ import annotations

from .schema import Checks, Choice, Entry, Field, Name, Plain, SourceId, Text, Url


Source = dict  # {"id": ..., "section": ...}; pages only
# The procedures of every title: the checker knows what each asks (a renewal, an expiry).
# The titles themselves are data: rules/titles.yaml lists them, one file each.
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


def title_name() -> Name:
    """A title's name as the rules refer to it (a key of titles.yaml's list)."""
    return Name(what="資格")


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
