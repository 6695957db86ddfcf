"""The words of the checker live in `rules/messages.yaml`; this module only fills them in.

`MESSAGE_FIELDS` is the contract between the two: for every message, the names the
checker supplies. The rules loader refuses a messages file that lacks a message or uses
a name the checker does not supply, so formatting here cannot fail at run time.
"""
from __future__ import annotations

import string

# What every sentence of a result may use (advice.Words fills these in).
_ANY = frozenset({"association", "procedure", "apply_months", "opens_on", "opens_from", "months_end", "round", "apply_by",
                  "ready_on", "login_url", "delay_months", "deadline", "units", "expires_on", "ordinal"})
_MEASURE = frozenset({"label", "ends_on", "renewals", "expires_on", "next_expires_on"})

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
        "duplicate_key": frozenset({"name"}),
        "lone_surrogate": frozenset({"field", "code"}),
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
    "verdict": {
        "register_mypage": _ANY, "earn_units": _ANY, "confirm_activity": _ANY, "apply_now": _ANY,
        "apply_later": _ANY, "apply_later_mypage": _ANY, "contact_association": _ANY,
        "contact_association_overdue": _ANY,
    },
    "phrases": {
        "deadline_known": frozenset({"date", "association"}),
        "deadline_estimated": frozenset({"date", "association"}),
        "deadline_within": frozenset({"date", "years"}),
        "opens_known": frozenset({"date"}),
        "opens_estimated": frozenset({"month"}),
        "first_renewal": frozenset(),
    },
    "apply_by_reason": {
        "known": frozenset({"association"}),
        "estimated": frozenset({"derivation", "association"}),
        "within_years": frozenset({"years"}),
    },
    "actions": {
        "contact_expired": _ANY | {"expires_on"},
        "contact_lapsed": _ANY | {"expires_on", "ends_on"},
        "contact_missed": _ANY | {"expires_on"},
        "contact_apply_by_passed": _ANY,
        "contact_still_accepting": _ANY,
        "contact_fallback": _ANY | {"fallback_round", "fallback_months", "fallback_deadline", "fallback_approval"},
        "contact_units_too": _ANY,
        "contact_measure_plan_passed": _ANY | {"ends_on"},
        "contact_within_years_before_window": _ANY | {"last_on", "years", "limit"},
        "contact_within_years_overdue": _ANY | {"last_on", "years", "limit"},
        "contact_measure_no_round": _ANY | {"expires_on", "ends_on"},
        "contact_within_years_passed": _ANY | {"last_on", "years", "limit"},
        "contact_mypage_late": _ANY | {"expires_on"},
        "contact_measure_units_complete": _ANY | {"expires_on", "ends_on"},
        "register_mypage": _ANY, "register_mypage_by_deadline": _ANY | {"mypage_deadline", "mamis_opens"},
        "earn_units": _ANY | {"units", "details", "by_when"},
        "shortfall_detail": _ANY | {"category", "units"},
        "shortfall_total_detail": _ANY | {"units"},
        "shortfall_categories_met": _ANY,
        "earn_by_deadline": _ANY, "earn_else_measure": _ANY | {"ends_on"},
        "earn_by_measure": _ANY | {"ends_on"},
        "earn_before_applying": _ANY,
        "confirm_activity_unknown": _ANY | {"activity_text"},
        "confirm_activity_no": _ANY | {"activity_text"},
        "apply_after_mypage": _ANY, "apply_after_mypage_on": _ANY, "apply_after_register_mypage": _ANY,
        "apply_after_register_mypage_late": _ANY,
        "apply_after_earn_units": _ANY, "apply_after_earn_units_new": _ANY, "apply_after_confirm_activity": _ANY,
        "apply_when_upcoming": _ANY, "apply_when_open": _ANY,
        "second_renewal": _ANY | {"first_approval", "ends_on", "second_round", "second_months", "second_deadline",
                                  "units_total"},
        "apply_fee": _ANY | {"fee"},
    },
    "warnings": {
        "late_round": _ANY | {"recommended", "recommended_months", "round", "approval_on", "expires_on"},
        "late_round_mypage": _ANY | {"recommended", "recommended_months", "round", "approval_on", "expires_on"},
        "special_measure": _ANY | _MEASURE,
        "special_measure_twice": _ANY | _MEASURE,
        "special_measure_last_round": _ANY | _MEASURE | {"last_deadline"},
        "special_measure_first_last_round": _ANY | _MEASURE | {"last_deadline"},
        "special_measure_ended": _ANY | _MEASURE,
        "measure_possible": _ANY | {"label", "ends_on"},
        "measure_units": _ANY | {"expires_on", "ends_on"},
        "opens_estimated": _ANY,
        "mypage_late_for_window": _ANY | {"closes_on"},
        "mypage_late_for_estimate": _ANY | {"closes_on"},
        "within_years": _ANY | {"last_on", "years", "limit"},
        "estimated_schedule": _ANY,
        "even_month": _ANY | {"month"},
        "outside_validity": _ANY | {"start", "end", "rows"},
        "future_credit": _ANY | {"as_of", "rows"},
        "mypage_pending": _ANY,
        "mypage_between": _ANY | {"registered_on", "deadline", "opens_on"},
        "activity_unknown": _ANY,
        "keep_paper": _ANY | {"paper", "last_paper_day"},
        "before_mamis": _ANY | {"approval"},
        "totals_as_given": _ANY,
    },
    "not_counted": {
        "outside_validity": frozenset({"start", "end"}),
        "future": frozenset({"as_of"}),
    },
    "calendar": {
        "opens": frozenset({"title", "round"}),
        "apply_by_known": frozenset({"title", "round", "association"}),
        "apply_by_estimated": frozenset({"title", "round", "association"}),
        "apply_by_within_years": frozenset({"title", "years"}),
        "approval": frozenset({"title", "round"}),
        "certificate": frozenset({"title", "round"}),
        "expires": frozenset({"title", "round"}),
        "estimated": frozenset({"association"}),
        "official": frozenset({"association"}),
    },
    "status": {
        "upcoming": frozenset(), "open": frozenset(), "overdue": frozenset(), "missed": frozenset(),
        "expired": frozenset(), "special_measure": frozenset(),
    },
    "status_notes": {
        "special_measure_unclear": frozenset({"association"}),
    },
    "roster": {
        "id": frozenset(), "certification": frozenset(), "expires_on": frozenset(),
        "mypage_registered_on": frozenset(), "credits": frozenset({"category"}), "optional": frozenset(),
        "not_registered": frozenset(),
        "postal_code": frozenset(), "address": frozenset(), "name": frozenset(),
        "notices_title": frozenset({"association"}),
        "line": frozenset(), "verdict": frozenset(), "apply_by": frozenset(), "estimated": frozenset({"date"}), "passed": frozenset({"label"}),
        "certification_invalid": frozenset({"titles"}), "round": frozenset(), "apply_months": frozenset(), "approval_on": frozenset(),
        "status": frozenset(), "shortfall": frozenset(), "errors": frozenset(),
        "error_cell": frozenset({"line", "column", "message"}),
        "no_header": frozenset({"columns"}), "unreadable": frozenset({"line"}), "empty": frozenset(),
        "too_many_rows": frozenset({"max"}),
        "nul_byte": frozenset({"line"}), "broken_quote": frozenset({"line", "lines"}),
        "line_break_in_cell": frozenset({"line", "lines"}), "cell_too_long": frozenset({"line", "max"}),
        "duplicate_column": frozenset({"column", "first", "second"}), "duplicate_id": frozenset({"first", "second"}),
        "as_of": frozenset(), "edition": frozenset(),
        "units_invalid": frozenset({"max"}),
        "category_not_for_title": frozenset({"certification"}),
        "id_required": frozenset(),
        "era_year_zero": frozenset({"era"}), "era_outside": frozenset({"era", "value", "span"}),
        "bidi_removed": frozenset({"codes"}),
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

    def section(self, section: str) -> dict[str, str]:
        """Every template of a section, unfilled (the pages list the status words)."""
        return dict(self._texts.get(section, {}))

    def text(self, section: str, key: str, **values) -> str:
        template = self._texts.get(section, {}).get(key, "")
        try:
            return template.format_map(_Blank(values))
        except (ValueError, IndexError, AttributeError):
            return template
