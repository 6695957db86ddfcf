"""The freshness report: build.py prints it, the about page shows it, and every page that
shows an estimated day says on which day's sources the estimate rests."""
import shutil
import subprocess
import sys

import pytest

from checker.dates.japanese import date_ja
from checker.rules.model import Rules
from loader import editions, load_rules
from loader.compile import RULES_DIR
from site_html import html_pages, read_page
from paths import ROOT

AS_OF = "2026-12-02"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = tmp_path_factory.mktemp("fresh") / "site"
    done = subprocess.run([sys.executable, "build.py", "--site-dir", str(site), "--as-of", AS_OF], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return site, done.stdout


def test_the_build_prints_the_report(built, rules):
    _, output = built
    model = Rules.of(rules)
    assert "ルールの新しさ（2026年12月2日時点）" in output
    assert f"ルールを出典と照合した日：{date_ja(model.checked_on, False)}" in output
    schedule = model.schedule
    for year in (2026, 2027):
        labels = [rnd.label for rnd in schedule.rounds_in_fiscal_year(year)]
        official = [rnd.label for rnd in schedule.rounds_in_fiscal_year(year) if not rnd.estimated]
        line = next(line for line in output.splitlines() if line.startswith(f"- {year}年度"))
        assert all(label in line for label in labels)
        assert ("日本医師会の表：" in line) == bool(official)
    for edition in editions():
        assert f"  - {edition}（{load_rules(edition=edition)['prefecture']['association']['name']}）：" in output


def test_the_about_page_shows_it(built, rules):
    site, _ = built
    page = read_page(html_pages(site)["about"])
    model = Rules.of(rules)
    assert "情報の新しさ（2026年12月2日時点）" in page.text
    assert f"内容を出典と最後に照合した日は{date_ja(model.checked_on, False)}です。" in page.text
    for year in (2026, 2027):
        rounds = model.schedule.rounds_in_fiscal_year(year)
        official = "・".join(r.label for r in rounds if not r.estimated) or "なし"
        estimated = "・".join(r.label for r in rounds if r.estimated) or "なし"
        label = next(row[0] for row in page.rows if row and row[0].startswith(f"{year}年度"))
        assert [label, official, estimated] in page.rows
    rounds = [row for row in page.rows if row and row[0].startswith(("2026年度（令和8年度） 第", "2027年度（令和9年度） 第"))]
    assert [row[0] for row in rounds] == ["2026年度（令和8年度） 第5回", "2026年度（令和8年度） 第6回",
                                          "2027年度（令和9年度） 第1回", "2027年度（令和9年度） 第2回"]


@pytest.mark.parametrize("key", ["schedule", "checker", "index"])
def test_pages_that_show_estimates_say_as_of_which_sources(built, rules, key):
    site, _ = built
    checked = date_ja(Rules.of(rules).checked_on, False)
    assert f"この日付は{checked}時点の資料による目安です。" in read_page(html_pages(site)[key]).text


def test_a_broken_other_edition_is_named_in_the_report_and_the_build_goes_on(tmp_path):
    rules_dir = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules_dir)
    (rules_dir / "editions" / "broken.yaml").write_text("association: {name: X}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "build.py", "--rules", str(rules_dir), "--site-dir", str(tmp_path / "site"),
                           "--as-of", AS_OF], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "  - broken：読めません（ルールファイルに" in done.stdout
