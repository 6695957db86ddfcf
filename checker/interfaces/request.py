"""Reading one physician's request: every problem becomes an error beside its field.

Nothing here raises on any JSON value. Field names in errors follow the request
(`credits[2].units`), so the page can put each message next to the field it is about.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..dates.months import MAX_YEAR, MIN_YEAR, parse_date
from ..policy.credits import Credit, Total, exact
from ..rules.model_common import PROCEDURES

MAX_CREDIT_ROWS = 1000
MAX_UNITS_PER_ROW = 1000
SOURCES = ("notebook", "mamis", "unspecified")   # unspecified: a roster's total per category


@dataclass
class Request:
    certification: str | None = None
    procedure: str | None = None
    expires_on: dt.date | None = None
    mypage_registered_on: dt.date | None = None
    credits: list[Credit] = field(default_factory=list)
    credit_totals: list[Total] = field(default_factory=list)
    activity: bool | None = None
    as_of: dt.date | None = None
    units_given: bool = False   # `credits` or `credit_totals` was sent ([] says: none yet); absent: unknown
    errors: list[dict] = field(default_factory=list)


class RequestReader:
    def __init__(self, rules, today: Callable[[], dt.date]):
        """`rules` is a `model.Rules`; `today()` gives the date a request without `as_of`
        is checked on (asked only then)."""
        self.rules = rules
        self.messages = rules.messages
        self.today = today

    def error(self, request: Request, field_name: str, key: str, **values) -> None:
        request.errors.append({"field": field_name, "message": self.messages.text("errors", key, **values)})

    def label(self, key: str, **values) -> str:
        return self.messages.text("labels", key, **values)

    def read(self, raw) -> Request:
        request = Request()
        if not isinstance(raw, dict):
            self.error(request, "", "request_not_object")
            return request
        request.as_of = self._date(request, raw, "as_of") or self.today()
        titles = self.rules.certifications
        request.certification = self._choice(request, raw, "certification", titles, "certification_invalid", lambda: {
            "titles": "か".join(f"「{c.short_name}」（{key}）" for key, c in titles.items())})
        request.procedure = self._choice(request, raw, "procedure", PROCEDURES, "procedure_invalid")
        procedure = self._procedure(request)
        if raw.get("procedure") == "renewal":
            request.expires_on = self._date(request, raw, "expires_on")
            if request.expires_on is None and not any(e["field"] == "expires_on" for e in request.errors):
                self.error(request, "expires_on", "required", label=self.label("expires_on"))
        registered = self._date(request, raw, "mypage_registered_on")
        if registered and registered > request.as_of:
            self.error(request, "mypage_registered_on", "date_after_as_of",
                       label=self.label("mypage_registered_on"), date=registered.isoformat(),
                       as_of=request.as_of.isoformat())
        request.mypage_registered_on = registered
        if procedure is not None and procedure.needs_activity:
            activity = raw.get("activity")
            if activity is not None and not isinstance(activity, bool):
                self.error(request, "activity", "activity_invalid")
            else:
                request.activity = activity
        credits, totals = raw.get("credits"), raw.get("credit_totals")
        allowed = procedure.categories if procedure else None   # None: the categories cannot be known
        if credits is not None:
            self._credits(request, credits, allowed)
        if totals is not None:
            self._credit_totals(request, totals, allowed)
        request.units_given = credits is not None or totals is not None
        return request

    def _choice(self, request: Request, raw: dict, name: str, allowed, invalid: str, values=dict) -> str | None:
        """The value of `name` if it is one of `allowed`; else an error (`invalid`: the
        message key that says what may be chosen, worded with `values()`)."""
        value = raw.get(name)
        if value in (None, ""):
            self.error(request, name, "required", label=self.label(name))
        elif not isinstance(value, str) or value not in allowed:
            self.error(request, name, invalid, **values())
        else:
            return value
        return None

    def _date(self, request: Request, raw: dict, name: str) -> dt.date | None:
        value = raw.get(name)
        if value is None or value == "":
            return None
        return self.date_value(request, value, name, name)

    def date_value(self, request: Request, value, field_name: str, label_key: str,
                   **label_values) -> dt.date | None:
        """The date in `value`, or None with an error naming the field by its label
        (`labels.<label_key>`; worded only when there is an error to show)."""
        if not isinstance(value, str):
            self.error(request, field_name, "date_format", label=self.label(label_key, **label_values))
            return None
        try:
            day = parse_date(value)
        except ValueError:
            shaped = len(value) == 10 and value[4] == "-" and value[7] == "-"
            if shaped and value.replace("-", "").isdigit() and value.isascii():
                self.error(request, field_name, "date_not_real", label=self.label(label_key, **label_values),
                           value=value)
            else:
                self.error(request, field_name, "date_format", label=self.label(label_key, **label_values))
            return None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.error(request, field_name, "date_out_of_range", label=self.label(label_key, **label_values),
                       min_year=MIN_YEAR, max_year=MAX_YEAR)
            return None
        return day

    def _credits(self, request: Request, raw, allowed: tuple[str, ...] | None) -> None:
        """`credits`: [{earned_on, category, units}], one row per seminar."""
        def read(entry, prefix, row, allowed):
            earned_on = None
            if entry.get("earned_on") in (None, ""):
                self.error(request, f"{prefix}.earned_on", "required", label=self.label("earned_on", row=row))
            else:
                earned_on = self.date_value(request, entry["earned_on"], f"{prefix}.earned_on",
                                            "earned_on", row=row)
            category, units = self._category_and_units(request, entry, prefix, row, allowed)
            return lambda: Credit(row, earned_on, category, exact(units))

        request.credits = self._entries(request, raw, "credits", read, allowed)

    def _credit_totals(self, request: Request, raw, allowed: tuple[str, ...] | None) -> None:
        """`credit_totals`: [{category, source: notebook|mamis, units}], the quick mode."""
        def read(entry, prefix, row, allowed):
            category, units = self._category_and_units(request, entry, prefix, row, allowed)
            source = entry.get("source")
            if not isinstance(source, str) or source not in SOURCES:
                self.error(request, f"{prefix}.source", "source_invalid", row=row)
            return lambda: Total(row, category, source, exact(units))

        request.credit_totals = self._entries(request, raw, "credit_totals", read, allowed)

    def _entries(self, request: Request, raw, field_name: str, read, allowed: tuple[str, ...] | None) -> list:
        """The items of the list `field_name`: `read` checks one entry (reporting errors
        under `field_name[i]`) and returns how to build it, which is done only when that
        entry added no error and the categories could be known (`allowed`: the
        procedure's; None when the title or procedure could not be read)."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(request, field_name, "credits_not_list")
            return []
        if len(raw) > MAX_CREDIT_ROWS:
            self.error(request, field_name, "too_many_credits", max=MAX_CREDIT_ROWS)
            return []
        items = []
        for index, entry in enumerate(raw):
            row, prefix = index + 1, f"{field_name}[{index}]"
            if not isinstance(entry, dict):
                self.error(request, prefix, "credit_not_object", row=row)
                continue
            errors_before = len(request.errors)
            build = read(entry, prefix, row, allowed)
            if len(request.errors) == errors_before and allowed is not None:
                items.append(build())
        return items

    def _category_and_units(self, request: Request, entry: dict, prefix: str, row: int, allowed):
        category = entry.get("category")
        if category in (None, ""):
            self.error(request, f"{prefix}.category", "category_required", row=row)
        elif allowed is not None and (not isinstance(category, str) or category not in allowed):
            self._unknown_category(request, prefix, row, category, allowed)
        units = entry.get("units")
        if not self._units_ok(units):
            self.error(request, f"{prefix}.units", "units_invalid", row=row, max=MAX_UNITS_PER_ROW)
        return category, units

    @staticmethod
    def _units_ok(units) -> bool:
        # Comparisons alone: NaN fails them, and a huge int never becomes a float.
        return (not isinstance(units, bool) and isinstance(units, (int, float))
                and 0 < units <= MAX_UNITS_PER_ROW)

    def _procedure(self, request: Request):
        if request.certification is None or request.procedure is None:
            return None
        return self.rules.procedure(request.certification, request.procedure)

    def _unknown_category(self, request, prefix, row, category, allowed) -> None:
        self.error(request, f"{prefix}.category", "category_unknown", row=row,
                   value=str(category)[:40], certification=self.rules.certifications[request.certification].short_name,
                   procedure=self._procedure(request).label, allowed="・".join(allowed))
