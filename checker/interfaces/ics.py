"""The deadlines of a result as an iCalendar file (RFC 5545), for the physician's calendar.

All-day events (VALUE=DATE, DTEND the next day), CRLF line ends, UTF-8 text escaped and
folded at 75 octets without splitting a character. The words come from messages.yaml.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from ..dates.months import parse_date
from ..rules.current_rules import model_of


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, continuation lines led by a space."""
    pieces, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current)
            current, limit = b"", 74   # the leading space of a continuation counts
        current += encoded
    pieces.append(current)
    return "\r\n ".join(piece.decode("utf-8") for piece in pieces)


def calendar(result: dict, rules, now: dt.datetime | None = None) -> str:
    """The .ics text for an `ok` result with a round to apply in (an empty calendar for one
    with errors, or with no round left). The application deadline is the result's
    `apply_by`, named as what it is: the association's closing day, an estimate, or a new
    application's N-years limit."""
    rules = model_of(rules)
    messages = rules.messages
    now = now or dt.datetime.now(dt.timezone.utc)
    stamp = now.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ninteii-mamis-guide//checker//JA",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    schedule = result.get("schedule")
    if result.get("ok") and schedule and schedule["actionable"] and result["status"] != "expired":
        title = f"{result['certification']['short_name']}の{result['procedure']['label']}"
        association = rules.edition.name
        within_years = rules.procedure(result["certification"]["key"], result["procedure"]["key"]).within_years
        note = messages.text("calendar", "estimated" if schedule["estimated"] else "official",
                             association=association)
        deadline = {"estimate": "apply_by_estimated", "closing_day": "apply_by_known",
                    "within_years": "apply_by_within_years"}[schedule["apply_by_kind"]]
        # A calendar holds days to meet: an opening day only where a source gives it, and no
        # day already passed on the day checked (an overdue round's day is not asked for).
        events = [("opens", schedule["opens_on"]) if not schedule["opens_on_estimated"] else None,
                  (deadline, schedule["apply_by"]),
                  ("approval", schedule["approval_on"]), ("certificate", schedule["certificate_from"])]
        if result.get("expires_on"):
            events.append(("expires", result["expires_on"]))
        worded = []
        for kind, day_text in (event for event in events if event):
            worded.append((kind, day_text, messages.text("calendar", kind, title=title, round=schedule["round_label"],
                                                         association=association, years=within_years)))
        if result["verdict"]["code"] != "contact_association":   # else the measure itself is for the association to say
            worded += _measure_events(result["special_measure"], schedule, messages, title, association)
        as_of = result["as_of"]
        for event_kind, day_text, summary in (event for event in worded if event[1] >= as_of):
            day = parse_date(day_text)
            uid = hashlib.sha256(f"{event_kind}|{day_text}|{title}".encode("utf-8")).hexdigest()[:20]
            lines += ["BEGIN:VEVENT", f"UID:{uid}@ninteii-checker", f"DTSTAMP:{stamp}",
                      f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                      f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(note)}",
                      "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _measure_events(measure: dict | None, schedule: dict, messages, title: str,
                    association: str) -> list[tuple[str, str, str]]:
    """Under the special measure: each renewal's last day to apply in the plan (group 1 has
    two, one after the other) and the measure's end, by which every renewal is approved.
    (kind, day, summary). A plan's round that is the round applied in now is already there."""
    if not measure:
        return []
    plan = measure.get("plan") or ()
    events = []
    for step in plan:
        if (step["fiscal_year"], step["round"]) == (schedule["fiscal_year"], schedule["round"]):
            continue
        estimated = step["apply_by_estimated"]
        values = {"title": title, "round": step["last_round_label"], "association": association}
        if len(plan) > 1:
            kind = "measure_plan_apply_by_estimated" if estimated else "measure_plan_apply_by_known"
            summary = messages.text("calendar", kind, renewal=step["renewal"], **values)
        else:
            kind = "measure_last_apply_by_estimated" if estimated else "measure_last_apply_by_known"
            summary = messages.text("calendar", kind, **values)
        events.append((f"{kind}{step['renewal']}", step["apply_by"], summary))
    ends = messages.text("calendar", "measure_ends", title=title, renewals=measure["renewals_needed"])
    return events + [("measure_ends", measure["ends_on"], ends)]
