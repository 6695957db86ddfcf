"""The words of the checker live in `rules/messages.yaml`; this module only fills them in.

`MESSAGE_FIELDS` is the contract between the two: for every message, the names the
checker supplies. The rules loader refuses a messages file that lacks a message or uses
a name the checker does not supply, so formatting here cannot fail at run time.
"""
from __future__ import annotations

import string

MESSAGE_FIELDS: dict[str, dict[str, frozenset[str]]] = {
    "errors": {
        "request_not_object": frozenset(),
        "invalid_json": frozenset({"detail"}),
        "json_position": frozenset({"line", "column"}),
        "not_utf8": frozenset({"line"}),
        "request_too_large": frozenset({"max", "rows"}),
        "request_too_deep": frozenset({"max"}),
        "file_not_found": frozenset({"path"}),
        "file_not_readable": frozenset({"path"}),
        "required": frozenset({"label"}),
        "certification_invalid": frozenset(),
        "procedure_invalid": frozenset(),
        "date_format": frozenset({"label"}),
        "date_not_real": frozenset({"label", "value"}),
        "date_out_of_range": frozenset({"label", "min_year", "max_year"}),
        "date_after_as_of": frozenset({"label", "date", "as_of"}),
        "credits_not_list": frozenset(),
        "too_many_credits": frozenset({"max"}),
        "credit_not_object": frozenset({"row"}),
        "category_unknown": frozenset({"row", "value", "certification", "procedure", "allowed"}),
        "category_required": frozenset({"row"}),
        "units_invalid": frozenset({"row", "max"}),
        "source_invalid": frozenset({"row"}),
        "activity_invalid": frozenset(),
        "internal": frozenset(),
    },
    "labels": {
        "certification": frozenset(),
        "procedure": frozenset(),
        "expires_on": frozenset(),
        "mypage_registered_on": frozenset(),
        "earned_on": frozenset({"row"}),
        "as_of": frozenset(),
    },
    "actions": {
        "expired": frozenset({"expires_on", "association"}),
        "missed": frozenset({"apply_months", "association"}),
        "register_mypage": frozenset({"login_url", "delay_months"}),
        "shortfall": frozenset({"units", "details"}),
        "shortfall_detail": frozenset({"category", "units"}),
        "shortfall_total_detail": frozenset({"units"}),
        "activity_missing": frozenset({"activity_text"}),
        "apply_open": frozenset({"closes_on", "procedure", "association"}),
        "apply_upcoming": frozenset({"opens_on", "procedure", "apply_months"}),
        "apply_within_years": frozenset({"procedure", "apply_by", "last_on", "years"}),
        "apply_within_years_passed": frozenset({"apply_by", "last_on", "years", "association"}),
        "fee": frozenset({"fee", "association"}),
    },
    "warnings": {
        "estimated_schedule": frozenset({"derivation"}),
        "even_month": frozenset({"month"}),
        "outside_validity": frozenset({"start", "end", "rows"}),
        "future_credit": frozenset({"as_of", "rows"}),
        "mypage_pending": frozenset({"ready_on", "delay_months"}),
        "mypage_late_for_window": frozenset({"ready_on", "closes_on", "association"}),
        "mypage_between": frozenset({"registered_on", "deadline", "opens_on", "delay_months"}),
        "activity_unknown": frozenset(),
        "keep_paper": frozenset({"paper", "last_paper_day"}),
        "before_mamis": frozenset({"approval"}),
        "totals_as_given": frozenset(),
    },
    "not_counted": {
        "outside_validity": frozenset({"start", "end"}),
        "future": frozenset({"as_of"}),
    },
    "calendar": {
        "opens": frozenset({"title", "round"}),
        "closes": frozenset({"title", "round"}),
        "approval": frozenset({"title", "round"}),
        "certificate": frozenset({"title", "round"}),
        "expires": frozenset({"title", "round"}),
        "estimated": frozenset({"association"}),
        "official": frozenset({"association"}),
    },
    "status": {
        "upcoming": frozenset(), "open": frozenset(), "missed": frozenset(), "expired": frozenset(),
    },
    "roster": {
        "id": frozenset(), "certification": frozenset(), "expires_on": frozenset(),
        "mypage_registered_on": frozenset(), "credits": frozenset({"category"}), "optional": frozenset(),
        "line": frozenset(), "round": frozenset(), "apply_months": frozenset(), "approval_on": frozenset(),
        "status": frozenset(), "shortfall": frozenset(), "errors": frozenset(),
        "error_cell": frozenset({"line", "column", "message"}),
        "no_header": frozenset({"columns"}), "unreadable": frozenset({"line"}), "empty": frozenset(),
        "too_many_rows": frozenset({"max"}),
        "nul_byte": frozenset({"line"}), "broken_quote": frozenset({"line", "lines"}),
        "line_break_in_cell": frozenset({"line", "lines"}), "cell_too_long": frozenset({"line", "max"}),
        "duplicate_column": frozenset({"column", "first", "second"}), "duplicate_id": frozenset({"first"}),
        "as_of": frozenset(), "edition": frozenset(),
        "units_invalid": frozenset({"max"}),
        "category_not_for_title": frozenset({"certification"}),
    },
    "labels_result": {
        "notebook": frozenset({"paper", "last_paper_day"}),
        "mamis": frozenset({"mamis_from"}),
    },
}


def placeholders(template: str) -> set[str]:
    """The `{name}` fields of a template; raises ValueError on a malformed one."""
    names = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(template):
        if field is not None:
            names.add(field)
    return names


class _Blank(dict):
    def __missing__(self, key):
        return ""


class Messages:
    """Japanese sentences from the compiled rules, filled in with values."""

    def __init__(self, compiled: dict):
        self._texts = compiled

    def text(self, section: str, key: str, **values) -> str:
        template = self._texts.get(section, {}).get(key, "")
        try:
            return template.format_map(_Blank(values))
        except (ValueError, IndexError, AttributeError):
            return template
