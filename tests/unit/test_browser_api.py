"""The browser's Python glue (checker/interfaces/browser_api.py) in CPython: the worker only calls it,
so what the pages get is tested here, with the rules JSON the build writes for the browser."""
import json
import re

import pytest

from build import for_browser
from checker import evaluate
from checker.interfaces.browser_api import Session, load_json
from checker.roster.check import Roster
from checker.roster.output import for_page
from roster_files import generated

REQUEST = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
           "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21",
           "credits": [{"earned_on": "2020-01-10", "category": "更新研修", "units": 3},
                       {"earned_on": "2024-01-20", "category": "実地研修", "units": 2}]}


@pytest.fixture(scope="module")
def session(rules):
    return Session(json.dumps(for_browser(rules), ensure_ascii=False))


def test_evaluate_json_is_evaluate(session, rules):
    answer = json.loads(session.evaluate_json(json.dumps(REQUEST, ensure_ascii=False)))
    assert answer == json.loads(json.dumps(evaluate(REQUEST, rules)))
    assert answer["credits"]["not_counted"][0]["row"] == 1


@pytest.mark.parametrize("text", ["", "{", "[1, 2", "null", "[]", "\"x\"", "[" * 100000 + "]" * 100000])
def test_unreadable_or_odd_requests_get_a_japanese_error(session, text):
    answer = json.loads(session.evaluate_json(text))
    assert answer["ok"] is False and answer["errors"]
    for error in answer["errors"]:
        assert re.search("[ぁ-ん]", error["message"]) and not re.search("Expecting|line [0-9]|char [0-9]", error["message"])


def test_load_json_turns_deep_nesting_into_value_error():
    with pytest.raises(ValueError):
        load_json("[" * 100000 + "]" * 100000)
    assert load_json('{"a": [1]}') == {"a": [1]}


def test_ics_is_the_calendar_of_the_result(session):
    text = session.ics(json.dumps(REQUEST, ensure_ascii=False))
    # the day to apply by, approval, certificate, expiry (an opening known only by its month is no event)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 4
    assert "BEGIN:VEVENT" not in session.ics("not json")


def test_roster_prepare_makes_the_checker_the_first_file_then_uses(rules, tmp_path):
    """The roster page's worker makes its roster checker once it is ready, before a file is
    chosen (web/checker-worker.js); the file's check uses that one and answers as ever."""
    session = Session(json.dumps(for_browser(rules), ensure_ascii=False))
    session.roster_prepare()
    prepared = session._roster_checker()
    text, _ = generated(seed=6, count=30)
    source, out = tmp_path / "roster.csv", tmp_path / "roster.json"
    source.write_bytes(text.encode("cp932"))
    session.roster_file(str(source), str(out), "2026-12-03")
    assert session._roster_checker() is prepared
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(
        for_page(Roster(rules).check(text.encode("cp932"), "2026-12-03"))))


def test_roster_file_and_csv_of_chosen_rows(session, rules, tmp_path):
    text, _ = generated(seed=4, count=40)
    source, out = tmp_path / "roster.csv", tmp_path / "roster.json"
    source.write_bytes(text.encode("cp932"))
    session.roster_file(str(source), str(out))
    shown = json.loads(out.read_text(encoding="utf-8"))
    expected = Roster(rules).check(text.encode("cp932"))
    assert shown == json.loads(json.dumps(for_page(expected)))
    # each row as the page reads it: its fields, a worded one looked up in the result's table
    for values, row in zip(shown["rows"], expected["rows"], strict=True):
        read = {field: (shown["words"][field][value] if field in shown["words"] else value)
                for field, value in zip(shown["fields"], values, strict=True)}
        assert read == {field: row[field] for field in shown["fields"] if field != "month"} | {
            "month": row["apply_months"][0] if row["apply_months"] else ""}
    assert {field for _, field in Roster.RESULT_COLUMNS} <= set(shown["fields"])   # every cell of the page's table
    for field, texts in shown["words"].items():   # each text crosses once
        assert len(texts) == len(set(texts)), field
    rows, data = expected["rows"], text.encode("cp932")
    assert session.roster_csv(json.dumps([3, 0])) == Roster(rules).to_csv([rows[3], rows[0]], source=data)
    # indices from the page that name no row are ignored, never an exception
    assert session.roster_csv(json.dumps([0, 99999, -1, "1", True])) == Roster(rules).to_csv([rows[0]], source=data)
    assert session.roster_csv("broken") == Roster(rules).to_csv([], source=data)


def test_sessions_do_not_share_roster_rows(rules, tmp_path):
    rules_text = json.dumps(for_browser(rules), ensure_ascii=False)
    first, second = Session(rules_text), Session(rules_text)
    text, _ = generated(seed=9, count=5)
    (tmp_path / "r.csv").write_bytes(text.encode("utf-8"))
    first.roster_file(str(tmp_path / "r.csv"), str(tmp_path / "r.json"))
    assert second.roster_csv("[0]") == Roster(rules).to_csv([], source=b"")
    assert first.roster_csv("[0]") != second.roster_csv("[0]")



def _read(part: dict) -> list[list]:
    """A page result's rows as the page reads them: each worded value looked up."""
    return [[part["words"][field][value] if field in part["words"] else value
             for field, value in zip(part["fields"], values, strict=True)] for values in part["rows"]]


@pytest.mark.parametrize("share", [1, 7, 30])
def test_a_roster_shared_between_two_workers_is_the_roster_checked_whole(rules, tmp_path, share):
    """The roster page's two workers (web/roster-share.js): each opens the file, the
    shares of rows alternate between them, the helper's come back as JSON and the page's
    worker finishes. The page's rows, the CSV and the letters are those of one check."""
    rules_text = json.dumps(for_browser(rules), ensure_ascii=False)
    whole, page, helper = Session(rules_text), Session(rules_text), Session(rules_text)
    text, _ = generated(seed=11, count=60)
    lines = text.split("\r\n")
    copied = next(index for index in range(3, 10) if lines[index])
    lines.insert(copied + 9, lines[copied])   # a copy of a line, in another share than the first
    source = tmp_path / "roster.csv"
    source.write_bytes("\r\n".join(lines).encode("cp932"))
    whole.roster_file(str(source), str(tmp_path / "whole.json"), "2026-12-03")
    opened = json.loads(page.roster_open(str(source), "2026-12-03"))
    assert json.loads(helper.roster_open(str(source), "2026-12-03")) == opened
    assert opened["count"] > 60 and not opened["errors"]
    shares = []
    for index, start in enumerate(range(0, opened["count"], share)):
        end = min(opened["count"], start + share)
        if index % 2:
            shares.append(str(tmp_path / f"share-{index}.json"))
            helper.roster_rows(start, end, shares[-1])
        else:
            page.roster_rows(start, end)
    page.roster_finish(str(tmp_path / "page.json"), json.dumps(shares), 7)   # the first screen: 7 rows
    page.roster_rest(str(tmp_path / "rest.json"), 7)
    first, rest, whole_page = (json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
                               for name in ("page", "rest", "whole"))
    assert _read(first) + _read(rest) == _read(whole_page) and first["count"] == whole_page["count"]
    assert page._roster_rows == whole._roster_rows
    copy = next(row for row in page._roster_rows if row["line"] == copied + 10)
    assert str(copied + 1) in copy["error_text"] and copy["verdict"] == ""   # the twin, found across shares
    everyone = json.dumps(list(range(opened["count"])))
    assert page.roster_csv(everyone) == whole.roster_csv(everyone)
    assert page.notices("null") == whole.notices("null")
    helper.roster_close()   # the helper lets its copy go; the page's rows stay
    assert helper._roster_data == b"" and helper._roster_opened is None and page._roster_rows


def test_the_first_screen_and_the_rest_are_the_whole_result(session, rules, tmp_path):
    """The page shows its first rows before it asks for the rest (web/roster.js): the first
    `first` rows from roster_finish and the others from roster_rest are the rows of one
    result, in its order, each part with its own words; `count` says how many in all."""
    text, _ = generated(seed=5, count=300)
    source = tmp_path / "roster.csv"
    source.write_bytes(text.encode("cp932"))
    whole = for_page(Roster(rules).check(text.encode("cp932"), "2026-12-03"))
    opened = json.loads(session.roster_open(str(source), "2026-12-03"))
    session.roster_rows(0, 100)
    session.roster_rows(100, opened["count"])
    session.roster_finish(str(tmp_path / "first.json"), "[]", 200)
    session.roster_rest(str(tmp_path / "rest.json"), 200)
    first, rest = (json.loads((tmp_path / name).read_text(encoding="utf-8")) for name in ("first.json", "rest.json"))
    assert len(first["rows"]) == 200 and len(rest["rows"]) == opened["count"] - 200 > 0
    assert first["count"] == rest["count"] == whole["count"] == opened["count"]
    assert _read(first) + _read(rest) == _read(whole)
    assert len(first["words"]["status_label"]) < len(whole["words"]["status_label"])   # its own words only
    same = ("as_of", "as_of_label", "errors", "error_field", "fields")
    assert {key: first[key] for key in same} == {key: rest[key] for key in same} == {key: whole[key] for key in same}
    assert session.roster_csv(json.dumps([0, 250])) == Roster(rules).to_csv(
        [Roster(rules).check(text.encode("cp932"), "2026-12-03")["rows"][i] for i in (0, 250)], "2026-12-03",
        source=text.encode("cp932"))


def test_a_share_of_other_fields_fails_the_finish(rules, tmp_path):
    """The two workers run one package; a share whose rows have other fields (never so)
    stops the finish (the worker answers `failed`, and the page says so), never a table
    with cells in the wrong columns."""
    page, helper = (Session(json.dumps(for_browser(rules), ensure_ascii=False)) for _ in range(2))
    text, _ = generated(seed=8, count=20)
    source = tmp_path / "roster.csv"
    source.write_bytes(text.encode("cp932"))
    count = json.loads(page.roster_open(str(source), "2026-12-03"))["count"]
    helper.roster_open(str(source), "2026-12-03")
    helper.roster_rows(10, count, str(tmp_path / "share.json"))
    share = json.loads((tmp_path / "share.json").read_text(encoding="utf-8"))
    share["fields"] = share["fields"][::-1]
    (tmp_path / "share.json").write_text(json.dumps(share, ensure_ascii=False), encoding="utf-8")
    page.roster_rows(0, 10)
    with pytest.raises(ValueError):
        page.roster_finish(str(tmp_path / "out.json"), json.dumps([str(tmp_path / "share.json")]))
    assert page._roster_parts == [] and page._roster_opened is None and page._roster_rows == []


def test_a_roster_that_cannot_be_checked_is_answered_at_finish(session, tmp_path):
    source = tmp_path / "roster.csv"
    source.write_bytes("氏名,生年月日\r\nA,1970/1/1\r\n".encode("cp932"))
    opened = json.loads(session.roster_open(str(source), "2026-12-03"))
    assert opened["count"] == 0 and opened["errors"]
    session.roster_finish(str(tmp_path / "out.json"), "[]")
    shown = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert shown["errors"] == opened["errors"] and shown["rows"] == []
    assert json.loads(session.roster_open(str(source), "2026-02-30"))["errors"]   # a day that does not exist
