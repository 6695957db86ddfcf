"""The words of the checker live in `rules/messages.yaml`; this module only fills them in.

`MESSAGE_FIELDS` is the contract between the two, one entry per message: the `{names}`
the code supplies whenever it words that message. It is part of the rules' schema
(`schema.MessageText`): the build refuses a messages file that lacks a message, has one
no entry declares, or uses a name its entry does not list (file and line).

At run time the contract holds the other way round: `Messages.text` raises
`MessageError` when a message is missing or when the caller leaves out a name the entry
declares. So a sentence is never shown with a blank where a value belongs, and a test
that words a message finds a call that supplies too little.

To add a message: its key and sentence in messages.yaml, and here one entry with the
names every caller supplies (a set shared by a group of callers, like `_ANY` for the
sentences `situation_words.Words` fills, may be used).
"""
from __future__ import annotations

# What every sentence of a result may use (situation_words.Words fills these in).
_ANY = frozenset({"association", "procedure", "apply_months", "opens_on", "opens_from", "months_end", "round",
                  "apply_by", "ready_on", "login_url", "delay_months", "deadline", "expires_on", "ordinal"})
_MEASURE = frozenset({"label", "title", "ends_on", "renewals", "expires_on", "next_expires_on"})
_VERDICT = frozenset({"units", "opens_from", "association"})
_WITHIN = _ANY | {"last_on", "years", "limit"}

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
        "certification_invalid": frozenset({"titles"}),   # 「認定産業医」（occupational）か…, from the rules
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
    # The verdict's heading: Rules.verdict_title words it (once per distinct value).
    "verdict": {
        "register_mypage": _VERDICT, "earn_units": _VERDICT, "confirm_activity": _VERDICT, "apply_now": _VERDICT,
        "apply_later": _VERDICT, "apply_later_mypage": _VERDICT, "contact_association": _VERDICT,
        "contact_association_overdue": _VERDICT,
    },
    "phrases": {
        "deadline_known": frozenset({"date", "association"}),
        "deadline_estimated": frozenset({"date"}),
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
        "contact_expired": _ANY,
        "contact_lapsed": _ANY | {"ends_on"},
        "contact_missed": _ANY,
        # An overdue round: also on the top page (its round, its day, its months).
        "contact_apply_by_passed": frozenset({"round", "deadline"}),
        "contact_still_accepting": frozenset({"months_end", "association"}),
        "contact_fallback": _ANY | {"fallback_round", "fallback_months", "fallback_deadline", "fallback_approval"},
        "contact_units_too": _ANY | {"units"},
        "contact_measure_no_round": _ANY | {"ends_on"},
        "contact_measure_plan_passed": _ANY | {"ends_on"},
        "contact_within_years_passed": _WITHIN,
        "contact_within_years_before_window": _WITHIN,
        "contact_within_years_overdue": _WITHIN,
        "contact_mypage_late": _ANY,
        "contact_measure_units_complete": _ANY | {"ends_on"},
        "register_mypage": frozenset({"login_url", "delay_months"}),
        "register_mypage_by_deadline": _ANY | {"mypage_deadline", "mamis_opens"},
        "earn_units": _ANY | {"details", "by_when"},
        # The pieces of `details` (advice.shortfall_details, also in the letters).
        "shortfall_detail": frozenset({"category", "units"}),
        "shortfall_total_detail": frozenset({"units"}),
        "shortfall_categories_met": frozenset({"units"}),
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
                                  "units", "units_total"},
        "apply_fee": frozenset({"fee", "association"}),   # also on the pages
    },
    "warnings": {
        "late_round": _ANY | {"recommended", "recommended_months", "approval_on"},
        "late_round_mypage": _ANY | {"recommended", "recommended_months", "approval_on"},
        "special_measure": _ANY | _MEASURE,
        "special_measure_twice": frozenset(),   # also on the special-measure page
        "special_measure_next": _ANY | _MEASURE,
        "special_measure_next_first": _ANY | _MEASURE,
        "special_measure_next_passed": _ANY | _MEASURE,
        "special_measure_last_round": _ANY | _MEASURE | {"last_deadline"},
        "special_measure_first_last_round": _ANY | _MEASURE | {"last_deadline"},
        "special_measure_ended": _ANY | _MEASURE,
        "measure_possible": _ANY | {"label", "ends_on"},
        "measure_units": _ANY | {"ends_on"},
        "opens_estimated": _ANY,
        "mypage_late_for_window": _ANY | {"closes_on"},
        "mypage_late_for_estimate": _ANY | {"closes_on"},
        "within_years": _WITHIN,
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
        "measure_plan_apply_by_known": frozenset({"title", "round", "association", "renewal"}),
        "measure_plan_apply_by_estimated": frozenset({"title", "round", "association", "renewal"}),
        "measure_last_apply_by_known": frozenset({"title", "round", "association"}),
        "measure_last_apply_by_estimated": frozenset({"title", "round", "association"}),
        "measure_ends": frozenset({"title", "renewals"}),
        "estimated": frozenset({"association"}),
        "official": frozenset({"association"}),
    },
    "status": {
        "upcoming": frozenset(), "open": frozenset(), "overdue": frozenset(), "missed": frozenset(),
        "expired": frozenset(), "special_measure": frozenset(),
    },
    "status_notes": {
        "special_measure_unclear": frozenset({"association"}),
        "late_round": frozenset({"status", "round", "recommended"}),
        "late_round_mypage": frozenset({"status", "round", "recommended"}),
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


class MessageError(KeyError):
    """A message asked for that the rules do not have, or worded without a value its
    contract declares: a bug in the code, which the tests are there to find."""


class Messages:
    """Japanese sentences from the compiled rules, filled in with values."""

    def __init__(self, compiled: dict):
        self._texts = compiled

    def section(self, section: str) -> dict[str, str]:
        """Every template of a section, unfilled (the pages list the status words)."""
        if section not in MESSAGE_FIELDS:
            raise MessageError(f"messages.yaml has no section {section!r}")
        return dict(self._texts[section])

    def text(self, section: str, key: str, **values) -> str:
        """The message `section.key` with `values`; MessageError if the message is not
        in the contract or a value it declares is missing (or None)."""
        declared = MESSAGE_FIELDS.get(section, {}).get(key)
        if declared is None:
            raise MessageError(f"no message {section}.{key} in MESSAGE_FIELDS")
        if not (values.keys() >= declared and None not in values.values()):   # the usual case, checked in C
            missing = [name for name in declared if values.get(name) is None]
            if missing:
                raise MessageError(f"{section}.{key} worded without {', '.join(sorted(missing))}")
        return self._texts[section][key].format_map(values)
