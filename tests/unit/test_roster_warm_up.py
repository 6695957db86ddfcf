"""The made-up roster the roster page's worker checks while staff choose their file
(checker/roster/warm_up.py): it covers what real files meet, it goes a part at a time, a
real file stops it, and nothing of it stays: a real file is checked exactly as without it."""
import datetime as dt
import json
import math
import sys

import pytest

from build import for_browser
from checker.interfaces.browser_api import Session
from checker.roster import warm_up
from checker.roster.check import Roster
from roster_files import generated


def memos() -> dict[str, int]:
    """Every memo (lru_cache) of the checker's modules, with how many values it holds."""
    found = {}
    for name, module in list(sys.modules.items()):
        if module is not None and (name == "checker" or name.startswith("checker.")):
            for attribute, value in vars(module).items():
                if callable(getattr(value, "cache_info", None)):
                    found[f"{name}.{attribute}"] = value.cache_info().currsize
    return found


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


def test_the_warm_up_goes_a_part_at_a_time_and_then_forgets_everything(rules, tmp_path):
    rules_text = json.dumps(for_browser(rules), ensure_ascii=False)
    text, _ = generated(seed=41, count=200)
    expected = checked(Session(rules_text), tmp_path, text)
    session = Session(rules_text)
    session.roster_prepare()
    parts = 1
    while session.roster_warm_up():
        parts += 1
        assert parts <= 100
    assert parts == 1 + math.ceil(warm_up.ROWS / warm_up.PART) + 1   # open, the parts, the page's result
    filled = {name: size for name, size in memos().items() if size}
    assert not filled, filled
    assert session.roster_warm_up() is False   # done once: not started again
    assert session._warm_up is None and session._roster_rows == []
    assert checked(session, tmp_path, text) == expected


@pytest.mark.parametrize("parts", [1, 2, 5])
def test_a_real_file_stops_the_warm_up_and_is_checked_as_without_it(rules, tmp_path, parts):
    rules_text = json.dumps(for_browser(rules), ensure_ascii=False)
    text, _ = generated(seed=42, count=120)
    expected = checked(Session(rules_text), tmp_path, text)
    session = Session(rules_text)
    session.roster_prepare()
    for _ in range(parts):
        assert session.roster_warm_up() is True
    assert checked(session, tmp_path, text) == expected
    assert session._warm_up is None
    assert session.roster_warm_up() is False   # a file came first: the warm-up is over
    assert len(session._roster_rows) == 120 and not any(row["id"].startswith("見本-") for row in session._roster_rows)
