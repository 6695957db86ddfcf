"""The made-up roster the roster page's worker checks before it is ready
(checker/roster/warm_up.py): it covers what real files meet, it is checked whole, its rows
never reach the session, and the module memos it filled are emptied, even by an exception;
a real file is checked as without it."""
import datetime as dt
import json

import pytest

from build import for_browser
from checker.interfaces.browser_api import Session
from checker.roster import warm_up
from checker.roster.check import Roster
from roster_files import generated


def filled_memos() -> dict[str, int]:
    """The memos of the checker's modules that hold values, with how many."""
    return {f"{memo.__module__}.{memo.__qualname__}": memo.cache_info().currsize
            for memo in warm_up.checker_memos() if memo.cache_info().currsize}


def checked(session: Session, tmp_path, text: str) -> str:
    source, out = tmp_path / "roster.csv", tmp_path / "roster.json"
    source.write_bytes(text.encode("cp932"))
    session.roster_file(str(source), str(out), "2026-12-03")
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("as_of", [dt.date(2026, 12, 3), dt.date(2027, 6, 1), dt.date(2029, 3, 31)])
def test_the_made_up_roster_has_each_title_spelling_and_state_and_only_its_two_errors(rules, as_of):
    roster = Roster(rules)
    data = warm_up.sample_csv(roster, as_of)
    text = data.decode("cp932")
    assert text.startswith(",".join(roster.headers()) + "\r\n")   # the template's header, as staff's files have
    for certification in roster.rules.certifications.values():
        assert f",{certification.name}," in text and f",{certification.short_name}," in text
    assert "令和" in text and "年" in text and "/" in text and "-" in text
    rows = roster.check(data, as_of.isoformat())["rows"]
    assert len(rows) == warm_up.ROWS
    wrong = {int(row["id"].split("-")[1]) % 15 for row in rows if row["errors"]}
    assert wrong == {7, 14}   # a title left out, a day that does not exist; nothing else
    statuses = {row["status"] for row in rows if row["status"]}
    assert {"upcoming", "expired"} <= statuses and len(statuses) >= 3   # the special measure ends, in time
    assert len({row["verdict"] for row in rows if row["verdict"]}) >= 5


def empty_memos() -> None:
    """As `forget_memos` does, done here so that a test of it does not lean on it."""
    for memo in warm_up.checker_memos():
        memo.cache_clear()


def filled_by_open(rules_text: str, path, as_of: str = "") -> dict[str, int]:
    """The memos a new session's opening of the file at `path` fills, from empty (the
    session made first: reading the rules fills some)."""
    fresh = Session(rules_text)
    empty_memos()
    fresh.roster_open(str(path), as_of)
    return filled_memos()


def test_the_memos_found_are_those_of_every_module_that_has_one():
    found = {f"{memo.__module__}.{memo.__qualname__}" for memo in warm_up.checker_memos()}
    assert {"checker.dates.months.parse_date", "checker.dates.japanese.date_ja", "checker.roster.cells.iso_date",
            "checker.policy.credits._period_label"} <= found


def test_the_warm_up_checks_the_whole_made_up_roster_and_then_empties_the_module_memos(rules, tmp_path, monkeypatch):
    rules_text = json.dumps(for_browser(rules), ensure_ascii=False)
    text, _ = generated(seed=41, count=200)
    expected = checked(Session(rules_text), tmp_path, text)
    session = Session(rules_text)
    session.roster_prepare()
    made_up, real_rows = [], Roster.rows

    def rows(self, opened, start, end):   # the rows the warm-up checks, seen on their way
        made_up.extend(found := real_rows(self, opened, start, end))
        return found

    monkeypatch.setattr(Roster, "rows", rows)
    assert session.roster_warm_up() is None
    monkeypatch.undo()
    assert len(made_up) == warm_up.ROWS and all(row["id"].startswith("見本-") for row in made_up)
    assert not filled_memos(), filled_memos()
    assert session._roster_rows == [] and session._roster_opened is None   # its rows are its own
    assert checked(session, tmp_path, text) == expected   # a real file is checked as without it
    assert not any(row["id"].startswith("見本-") for row in session._roster_rows)


def test_a_real_file_after_the_warm_up_fills_the_memos_as_without_it(rules, tmp_path):
    rules_text = json.dumps(for_browser(rules), ensure_ascii=False)
    text, _ = generated(seed=42, count=120)
    (tmp_path / "roster.csv").write_bytes(text.encode("cp932"))
    session = Session(rules_text)
    session.roster_prepare()
    session.roster_warm_up()
    session.roster_open(str(tmp_path / "roster.csv"), "2026-12-03")
    assert filled_memos() == filled_by_open(rules_text, tmp_path / "roster.csv", "2026-12-03")


def test_a_warm_up_that_fails_empties_the_memos_all_the_same(rules, tmp_path, monkeypatch):
    """The worker goes on to ready after an exception (it only costs speed); the memos filled
    before it are emptied, so the file is checked as without it."""
    rules_text = json.dumps(for_browser(rules), ensure_ascii=False)
    session = Session(rules_text)
    session.roster_prepare()

    def fails(*_):
        raise RuntimeError("made-up")

    monkeypatch.setattr(warm_up, "for_page", fails)   # after the rows: the memos are full by then
    with pytest.raises(RuntimeError):
        session.roster_warm_up()
    assert not filled_memos(), filled_memos()
    text, _ = generated(seed=44, count=10)
    assert checked(session, tmp_path, text) == checked(Session(rules_text), tmp_path, text)
