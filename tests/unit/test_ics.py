"""The calendar file (RFC 5545) built in Python: CRLF, lines folded at 75 octets without
splitting a character, text escaped, all-day events, parsed back by `icalendar`."""
import datetime as dt

import icalendar

from checker import evaluate
from checker.interfaces.ics import calendar, fold

NOW = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.timezone.utc)


def test_fold_keeps_characters_whole_and_lines_short():
    line = "SUMMARY:" + "認定産業医の更新申請：申請の締切の目安（第5回）" * 3
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if i else piece for i, piece in enumerate(pieces)) == line


def test_calendar_for_a_result(rules):
    result = evaluate({"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
                       "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21"}, rules)
    text = calendar(result, rules, NOW)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert "DTSTAMP:20261121T100000Z" in text
    parsed = icalendar.Calendar.from_ical(text)
    events = list(parsed.walk("VEVENT"))
    # The day to apply by, the approval, the certificate and the expiry. No opening day: the
    # round opened (an estimate, its month only) before the day checked.
    assert len(events) == 4
    assert {event["DTSTART"].params.get("VALUE") for event in events} == {"DATE"}
    assert all(event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(days=1) for event in events)
    assert "京都府医師会" in str(events[0]["DESCRIPTION"])
    assert len({str(event["UID"]) for event in events}) == 4
    assert not any("受付開始" in str(event["SUMMARY"]) for event in events)


def dates_in_calendar(result, rules) -> dict:
    return {str(event["SUMMARY"]): event["DTSTART"].dt
            for event in icalendar.Calendar.from_ical(calendar(result, rules, NOW)).walk("VEVENT")}


def test_no_day_before_the_day_checked_and_no_estimated_opening_day(rules):
    """The day before, of and after an estimate: the day to apply by is an event while it is
    ahead (or today), and gone the day after; an opening known only by its month never is."""
    ask = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
           "mypage_registered_on": "2025-03-29"}
    for as_of, has_deadline in (("2026-11-29", True), ("2026-11-30", True), ("2026-12-01", False)):
        days = dates_in_calendar(evaluate(dict(ask, as_of=as_of), rules), rules)
        assert all(day >= dt.date.fromisoformat(as_of) for day in days.values()), days
        assert (dt.date(2026, 11, 30) in days.values()) is has_deadline
    upcoming = dates_in_calendar(evaluate(dict(ask, expires_on="2027-05-31", as_of="2026-12-03"), rules), rules)
    assert dt.date(2027, 1, 1) not in upcoming.values() and dt.date(2027, 1, 29) in upcoming.values()


def test_a_sourced_opening_day_is_an_event(rules_of):
    rules = rules_of("kanagawa")
    result = evaluate({"certification": "occupational", "procedure": "renewal", "expires_on": "2026-05-31",
                       "mypage_registered_on": "2025-03-29", "as_of": "2026-01-05"}, rules)
    assert dates_in_calendar(result, rules)["認定産業医の更新申請：申請の受付開始（第6回）"] == dt.date(2026, 1, 15)


def test_text_is_escaped(rules):
    changed = dict(rules, prefecture=dict(rules["prefecture"], association=dict(
        rules["prefecture"]["association"], name="A医師会; B, C")))
    result = evaluate({"certification": "sports", "procedure": "new", "as_of": "2026-11-21"}, changed)
    assert "A医師会\\; B\\, C" in calendar(result, changed, NOW).replace("\r\n ", "")


def test_a_result_with_errors_gives_an_empty_calendar(rules):
    text = calendar(evaluate({"certification": "x"}, rules), rules, NOW)
    assert "BEGIN:VEVENT" not in text and text.startswith("BEGIN:VCALENDAR\r\n")


def test_a_new_applications_years_limit_is_named_as_such_not_as_the_associations_closing_day(rules):
    seminars = [{"earned_on": "2021-11-20", "category": name, "units": units}
                for name, units in (("前期研修", 14), ("実地研修", 10), ("後期研修", 26))]
    result = evaluate({"certification": "occupational", "procedure": "new", "as_of": "2026-11-05",
                       "credits": seminars}, rules)
    assert result["schedule"]["apply_by_kind"] == "within_years"
    summaries = {str(event["SUMMARY"]): event["DTSTART"].dt
                 for event in icalendar.Calendar.from_ical(calendar(result, rules, NOW)).walk("VEVENT")}
    assert summaries["認定産業医の新規申請：新規申請の期限（最後の受講日から5年）"] == dt.date(2026, 11, 20)
    assert not any("締切" in summary for summary in summaries)


def test_the_special_measure_plan_and_its_end_are_events(rules):
    """Group 1 (two renewals, one after the other): each renewal's last day to apply and the
    measure's end (2028-03-31), beside the round applied in now (a plan's round that is that
    round is not repeated); group 2: one renewal. Days already past on the day checked are
    left out, as every other; when the answer is to ask the association (the first renewal's
    last round has passed), the measure's days are not promised."""
    ask = {"certification": "occupational", "procedure": "renewal", "mypage_registered_on": "2025-03-01"}
    twice = dates_in_calendar(evaluate(dict(ask, expires_on="2021-03-31", as_of="2026-12-03"), rules), rules)
    assert twice["認定産業医の更新申請：特例措置の1回目の更新は遅くともこの日までに申請（目安・2027年度（令和9年度） 第4回）"] \
        == dt.date(2027, 9, 30)
    assert twice["認定産業医の更新申請：特例措置の2回目の更新は遅くともこの日までに申請（目安・2027年度（令和9年度） 第6回）"] \
        == dt.date(2028, 1, 31)
    assert twice["認定産業医の更新申請：特例措置の終わり（この日までに2回の更新の承認が必要）"] == dt.date(2028, 3, 31)
    once = dates_in_calendar(evaluate(dict(ask, expires_on="2024-03-31", as_of="2026-12-03"), rules), rules)
    assert [day for summary, day in once.items() if "特例措置の更新は遅くとも" in summary] == [dt.date(2028, 1, 31)]
    assert once["認定産業医の更新申請：特例措置の終わり（この日までに1回の更新の承認が必要）"] == dt.date(2028, 3, 31)
    for as_of in ("2027-09-29", "2027-09-30"):   # the first renewal's last round is the one applied in now
        now = dates_in_calendar(evaluate(dict(ask, expires_on="2021-03-31", as_of=as_of), rules), rules)
        assert list(now.values()).count(dt.date(2027, 9, 30)) == 1, now
        assert not any("1回目の更新は遅くとも" in summary for summary in now)
        assert dt.date(2028, 1, 31) in now.values() and dt.date(2028, 3, 31) in now.values()
    passed = evaluate(dict(ask, expires_on="2021-03-31", as_of="2027-10-01"), rules)
    assert passed["verdict"]["code"] == "contact_association"
    assert not any("特例措置" in summary for summary in dates_in_calendar(passed, rules))
    last = dates_in_calendar(evaluate(dict(ask, expires_on="2024-03-31", as_of="2028-01-30"), rules), rules)
    assert list(last.values()).count(dt.date(2028, 1, 31)) == 1, last
    plain = dates_in_calendar(evaluate(dict(ask, expires_on="2027-03-31", as_of="2026-11-21"), rules), rules)
    assert not any("特例措置" in summary for summary in plain)
