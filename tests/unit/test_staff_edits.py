"""What staff do each year, done in a temporary copy of rules/ (tests/helpers/staff_edits.py): the
FY2026 and FY2027 tables and Kyoto's FY2026 closing days are added in the shapes rules/
has, and nothing else changes. The site builds, the schedule page has three tables and the
FY2025-only sentence once, the checker, the roster and the letters answer from the new
rows, and the rules-dependent tests pass on the copy."""
import datetime as dt
import os
import re
import subprocess
import sys

import pytest

import build
from checker import evaluate
from checker.dates.japanese import date_ja, fiscal_year_ja
from checker.rules.model import Rules
from checker.roster.notices import Letters
from loader import load_rules
from site_html import html_pages, read_page
from staff_edits import closing_days, next_year, staff_copy
from paths import ROOT

YEAR = next_year()                    # the first year the copy adds (2026 on the shipped rules)
AS_OF = dt.date(YEAR, 9, 15)          # in round 4's first application month
ROUND_4 = closing_days(YEAR)[4]       # Kyoto's made-up closing day of round 4 (approval in November)
REQUEST = {"certification": "occupational", "procedure": "renewal", "expires_on": f"{YEAR + 1}-01-31",
           "mypage_registered_on": "2025-03-01", "as_of": AS_OF.isoformat()}
# The tests that read what they expect from the rules (the answers pinned on the shipped
# rules stand aside by themselves: tests/helpers/pinned.py); run here on the copy, in a second pytest.
RULES_DEPENDENT = ["test_schedule_rule.py", "test_rules_loader.py", "test_rules_reuse.py", "test_browser_rules.py",
                   "test_properties.py", "test_advice_properties.py", "test_dated_values.py", "test_roster.py",
                   "test_ics.py", "test_cases.py", "test_shipped_rules.py", "test_site.py", "test_site_editions.py",
                   "test_cli.py"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return staff_copy(tmp_path_factory.mktemp("staff") / "rules")


@pytest.fixture(scope="module")
def site(copy, tmp_path_factory):
    report: list[str] = []
    site = build.build(copy, tmp_path_factory.mktemp("staff-site") / "site", AS_OF, report=report)
    return site, report


def test_the_schedule_page_has_every_table_and_the_fy2025_sentence_once(site, copy):
    site, _ = site
    page = read_page(html_pages(site)["schedule"]).text
    years = [table["fiscal_year"] for table in load_rules(copy)["review"]["official"]]
    assert years[-2:] == [YEAR, YEAR + 1]
    assert [year for year in years if f"（有効期限ごと、{fiscal_year_ja(year, 4)}）" in page] == years
    html = (site / "schedule" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<h2[^>]*>[^<]*（有効期限ごと、[^<]*年度（[^<]*）", html)) == len(years)
    assert page.count("申請月は4月だけです") == 1
    assert page.count("京都府医師会の認定産業医の締切は2025年4月15日（火）でした") == 1
    # The current and next years come from the tables now: no estimate is left to explain.
    for year in (YEAR, YEAR + 1):
        assert f"{fiscal_year_ja(year, 4)}（日本医師会の表による）" in page
    assert f"{date_ja(ROUND_4)}（京都府医師会の締切）" in page


def test_the_checker_answers_from_the_new_rows(copy):
    rules = load_rules(copy)
    schedule = evaluate(REQUEST, rules)["schedule"]
    assert schedule["estimated"] is False
    assert schedule["closes_on"] == schedule["apply_by"] == ROUND_4.isoformat()
    assert (schedule["apply_by_kind"], schedule["fiscal_year"], schedule["round"]) == ("closing_day", YEAR, 4)
    later = evaluate({**REQUEST, "expires_on": f"{YEAR + 1}-09-30"}, rules)["schedule"]
    assert later["estimated"] is False and later["closes_on"] is None and later["apply_by_kind"] == "estimate"


def test_the_roster_and_the_letters_use_them(copy):
    model = Rules.of(load_rules(copy))
    data = ("ID・氏名,資格,有効期限,マイページ登録日\r\n"
            f"A-1,認定産業医,{YEAR + 1}/1/31,2025/3/1\r\n").encode("utf-8")
    letters = Letters(model)
    rows = letters.roster.check(data, AS_OF.isoformat())["rows"]
    assert rows[0]["apply_by"] == ROUND_4.isoformat()
    members = letters.members(data, rows, AS_OF.isoformat())
    letter = letters.letter(members[0], AS_OF.isoformat())
    assert f"{date_ja(ROUND_4)}（京都府医師会の締切）" in letter and "目安" not in letter.split("申請の期限")[1][:40]


def test_the_freshness_report_says_so(site):
    _, report = site
    text = "\n".join(report)
    assert f"{fiscal_year_ja(YEAR, 4)}　日本医師会の表：第1回・第2回・第3回・第4回・第5回・第6回" in text
    assert f"kyoto（京都府医師会）：{fiscal_year_ja(YEAR, 4)} 第4回 認定産業医 {date_ja(ROUND_4, False)}" in text


@pytest.mark.suite
def test_the_rules_dependent_tests_pass_on_the_copy(copy):
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                           *(str(ROOT / "tests" / "unit" / name) for name in RULES_DEPENDENT)],
                          cwd=ROOT, env={**os.environ, "NINTEII_RULES_DIR": str(copy)},
                          capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" in done.stdout   # the answers pinned on the shipped rules stand aside


def test_the_pinned_answers_stand_aside_on_the_copy_and_run_on_the_shipped_rules(copy):
    import pinned

    done = subprocess.run([sys.executable, "-c", "import sys; sys.path[:0] = ['.', 'tests/helpers']; import pinned; "
                           "print(pinned.state())"], cwd=ROOT, env={**os.environ, "NINTEII_RULES_DIR": str(copy)},
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "added", done.stderr
    # PINNED_FOR names nothing the rules in use lack (it is not stale): the pins run, or
    # stand aside only because a year or closing days were added.
    assert pinned.state() in ("same", "added")
