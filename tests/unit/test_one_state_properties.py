"""Properties of the one state, over generated requests and days (issue 20):

- every estimated day to apply by is a weekday;
- no surface (verdict, steps, status line, the schedule table, a roster row, a letter)
  presents a day before the day checked as a day still to meet;
- the (verdict, status) pair is in the allowed table, and the status agrees with the dates;
- an answer names one round: the verdict, the steps, the roster row and the letter name the
  schedule's round (a later round only as the fallback of an overdue one, and the special
  measure's second renewal its own).

Each property was run against the code before this change (85237e2) and failed there; see
the README's contract section and the closing note for the counterexamples found.
"""
import datetime as dt
import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import examples
from checker import evaluate
from checker.rules.current_rules import model_of
from checker.roster.notices import Letters
from checker.roster.check import Roster
from checker.policy.verdict import ALLOWED
from loader import editions, load_rules
from request_strategies import valid_requests

SETTINGS = settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAY = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(?:（.）)?")   # a month alone: its first day
# What follows a day that asks the reader to meet it: apply by it, or from it.
# (「…までに取得した修了証」「…までに単位がそろっていました」 describe the past: not days to meet.)
TO_MEET = re.compile(r"^(?:）)?(?:までに(?:、|申請|取得し、|取得してください|マイページ)|から(?:（目安）)?(?:1回目の)?(?:更新|新規)?申請)")
ROUND = re.compile(r"\d{4}年度（[^）]+） 第\d回")


def requests(rules):
    """Valid requests, and some that say nothing of the units (no `credits`: unknown)."""
    return st.tuples(valid_requests(rules), st.booleans()).map(
        lambda pair: {key: value for key, value in pair[0].items() if key != "credits" or pair[1]})


def days_to_meet(text: str) -> list[dt.date]:
    """Each day in `text` that the text asks to meet (apply by it, or from it)."""
    found = []
    for match in DAY.finditer(text):
        if TO_MEET.match(text[match.end():]):
            found.append(dt.date(int(match[1]), int(match[2]), int(match[3] or 1)))
    return found


def result_texts(result: dict) -> list[str]:
    return ([result["verdict"]["title"], result["verdict"]["text"], result["status_label"]]
            + [item["text"] for item in result["actions"]])


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@st.composite
def roster_rows(draw, rules):
    """A one-member roster (its CSV bytes) and the day it is checked, from a generated request."""
    model = model_of(rules)
    request = draw(valid_requests(rules))
    while "expires_on" not in request:
        request = draw(valid_requests(rules))
    certification = model.certifications[request["certification"]]
    categories = list(dict.fromkeys(name for c in model.certifications.values()
                                    for name in c.procedures["renewal"].categories))
    units = {name: "" for name in categories}
    if draw(st.booleans()):
        for credit in request["credits"]:
            if credit["category"] in units:
                units[credit["category"]] = str(float(units[credit["category"]] or 0) + credit["units"])
    registered = request["mypage_registered_on"] or draw(st.sampled_from(["", "未登録"]))
    header = ["ID・氏名", "資格", "有効期限", "マイページ登録日"] + [f"{name}（単位）" for name in categories]
    cells = ["M-1", certification.name, request["expires_on"], registered] + [units[name] for name in categories]
    return ",".join(header) + "\r\n" + ",".join(cells) + "\r\n", request["as_of"]


@SETTINGS
@given(st.data())
def test_every_estimated_day_is_a_weekday(rules, data):
    result = evaluate(data.draw(requests(rules)), rules)
    schedule = result["schedule"]
    shown = [schedule] + ([schedule["fallback"]] if schedule.get("fallback") else []) + (
        (result["special_measure"] or {}).get("plan") or [])
    for window in shown:
        if window["apply_by_estimated"]:
            assert dt.date.fromisoformat(window["apply_by"]).weekday() < 5, window


def test_every_estimated_day_of_every_edition_is_a_weekday():
    """Not only the rounds the generator happened to meet: every round of FY2025–FY2035."""
    for edition in editions():
        model = model_of(load_rules(edition=edition))
        for key in model.certifications:
            for year in range(2025, 2036):
                for rnd in model.schedule.rounds_in_fiscal_year(year):
                    window = model.schedule.window(key, rnd)
                    if window.apply_by_estimated:
                        assert window.apply_by.weekday() < 5, (edition, key, rnd)


@SETTINGS
@given(st.data())
def test_no_day_before_the_day_checked_is_asked_for(rules, data):
    result = evaluate(data.draw(requests(rules)), rules)
    as_of = dt.date.fromisoformat(result["as_of"])
    for text in result_texts(result):
        assert all(day >= as_of for day in days_to_meet(text)), (result["as_of"], text)
    schedule = result["schedule"]
    # The table: a day to apply by before the day checked is shown as passed.
    assert schedule.get("apply_by_passed", False) == (schedule["apply_by"] < result["as_of"]), schedule


@SETTINGS
@given(st.data())
def test_the_verdict_and_the_state_agree(rules, data):
    result = evaluate(data.draw(requests(rules)), rules)
    code, status, schedule, as_of = result["verdict"]["code"], result["status"], result["schedule"], result["as_of"]
    assert status in ALLOWED[code], (code, status)
    if status == "open" or code == "apply_now":
        assert schedule["apply_by"] >= as_of, (code, status, schedule["apply_by"], as_of)
    if status == "overdue":
        assert schedule["apply_by"] < as_of <= schedule["months_end"]
    if status == "upcoming":
        assert as_of < schedule["opens_on"]
    plain = model_of(rules).status_labels[status]
    if schedule["late"] and status in ("upcoming", "open", "overdue"):   # a later round: the status says which, and why
        assert plain in result["status_label"] and schedule["round_label"] in result["status_label"], result["status_label"]
    else:
        assert result["status_label"] == plain or status == "special_measure"


@SETTINGS
@given(st.data())
def test_an_answer_names_one_round(rules, data):
    result = evaluate(data.draw(requests(rules)), rules)
    schedule = result["schedule"]
    named = {schedule["labels"]["round"]}
    if schedule.get("fallback"):
        named.add(schedule["fallback"]["labels"]["round"])
    for item in [result["verdict"]] + result["actions"]:
        if item.get("code") == "second_renewal":
            continue   # the special measure's second renewal: its own latest round
        for label in ROUND.findall(item.get("text", "")) + ROUND.findall(item.get("title", "")):
            assert label in named, (label, named, item)


@FEW
@given(st.data())
def test_the_roster_row_and_the_letter_agree_with_the_answer(rules, data):
    """The same properties on a roster row and its letter: the round, no past day to meet,
    a passed day said to have passed."""
    text, as_of = data.draw(roster_rows(rules))
    roster, letters = Roster(rules), Letters(rules)
    checked = roster.check(text.encode("utf-8"), as_of)
    row, = checked["rows"]
    if row["errors"]:
        return
    member, = letters.members(text.encode("utf-8"), checked["rows"], as_of)
    result = member["result"]
    assert (row["status"], row["verdict"]) == (result["status"], result["verdict"]["code"])
    assert row["status"] in ALLOWED[row["verdict"]]
    if row["round"]:
        assert row["round"] == result["schedule"]["labels"]["round"]
        assert ("過ぎています" in row["apply_by_label"]) == (row["apply_by"] < as_of)
    letter = plain(letters.letter(member, as_of))
    day = dt.date.fromisoformat(as_of)
    assert all(found >= day for found in days_to_meet(letter)), letter
    if row["round"]:
        assert row["round"] in letter
        apply_by = re.escape(result["schedule"]["labels"]["apply_by"])
        assert bool(re.search(apply_by + r"（[^）]*）・過ぎています", letter)) == (row["apply_by"] < as_of)
    for label in ROUND.findall(letter):
        allowed = {result["schedule"]["labels"]["round"]} | (
            {result["schedule"]["fallback"]["labels"]["round"]} if result["schedule"]["fallback"] else set()) | {
            entry["last_round_label"] for entry in (result["special_measure"] or {}).get("plan", [])}
        assert label in allowed, (label, allowed)


def test_the_properties_can_fail(rules):
    """Guards: a day to meet is found where one is asked for, and only there."""
    assert days_to_meet("目安の2026年11月30日（月）までに、MAMISから更新申請") == [dt.date(2026, 11, 30)]
    assert days_to_meet("2027年1月から（目安）更新申請ができます") == [dt.date(2027, 1, 1)]
    assert days_to_meet("申請の期限（目安の2026年11月30日（月））を過ぎています") == []
    assert days_to_meet("2025年3月31日までの研修会の単位は手帳で管理します") == []
    assert days_to_meet("2025年3月31日までに取得した再研修会の修了証は") == []
    assert days_to_meet("有効期限（2020年2月1日）までに必要な単位がそろっていました") == []
    assert days_to_meet("目安の2027年1月29日（金）までに取得し、そろったら申請") == [dt.date(2027, 1, 29)]
    assert ROUND.findall("次の2026年度（令和8年度） 第6回（申請月") == ["2026年度（令和8年度） 第6回"]
