"""The shapes that recur across rule files: a text with its source, a whole number with
its source, a list of texts, a list of contacts. One reader each, so every file checks
them the same way."""
from __future__ import annotations

from .reader import Reader


def sourced_text(r: Reader, parent, key, *, required=True) -> dict | None:
    """A `{text, source}` entry (optionally `derived`, `id`)."""
    entry = r.mapping(parent, key, required=required)
    if entry is None:
        return None
    return text_entry(r, entry)


def text_entry(r: Reader, entry, extra: tuple[str, ...] = ()) -> dict:
    """`{text, source}` plus the optional keys `derived`, `id` and any `extra` text keys."""
    r.unknown_keys(entry, {"text", "source", "derived", "id", *extra})
    item = {"text": r.text(entry, "text"), "source": r.source(entry)}
    for optional in ("derived", "id", *extra):
        value = r.text(entry, optional, required=False)
        if value:
            item[optional] = value
    return item


def sourced_list(r: Reader, parent, key, *, required=True) -> list[dict]:
    if not required and key not in (parent or {}):
        return []
    return [text_entry(r, entry) for _, entry in r.mappings(parent, key, "{text: 文, source: 出典}")]


def sourced_value(r: Reader, parent, key, *, minimum=0, maximum=None, required=True) -> dict | None:
    """A `{value, source}` entry (optionally `derived`, `text`) holding a whole number."""
    entry = r.mapping(parent, key, required=required)
    if entry is None:
        return None
    r.unknown_keys(entry, {"value", "source", "derived", "text"})
    item = {"value": r.integer(entry, "value", minimum=minimum, maximum=maximum), "source": r.source(entry)}
    for optional in ("derived", "text"):
        value = r.text(entry, optional, required=False)
        if value:
            item[optional] = value
    return item


def more_sources(r: Reader, parent, key="sources") -> list[dict]:
    """Further citations for the same fact (`sources: [{id, section}, ...]`)."""
    if key not in (parent or {}):
        return []
    items = r.sequence(parent, key) or []
    found = [r.check_source(ref, items.line_of(index)) for index, ref in enumerate(items)]
    return [source for source in found if source]


def contact_list(r: Reader, doc, key="contacts", *, required=True) -> list[dict]:
    if not required and key not in (doc or {}):
        return []
    return [contact(r, entry) for _, entry in r.mappings(doc, key, "{name: 名前, tel: 電話, source: 出典}")]


def contact(r: Reader, entry, *, tel_required=True) -> dict:
    """A desk: name, purpose, and a phone number (digits and hyphens) or a page (url)."""
    r.unknown_keys(entry, {"name", "purpose", "tel", "hours", "url", "source"})
    tel = r.text(entry, "tel", required=tel_required)
    if tel and not all(ch in "0123456789-" for ch in tel):
        r.problem(entry.line_of("tel"), f"電話番号「{tel}」は数字とハイフンで書いてください。")
    item = {"name": r.text(entry, "name"), "purpose": r.text(entry, "purpose"), "source": r.source(entry)}
    if tel:
        item["tel"] = tel
    for optional in ("hours",):
        value = r.text(entry, optional, required=False)
        if value:
            item[optional] = value
    url = r.url(entry, "url", required=False)
    if url:
        item["url"] = url
    return item
