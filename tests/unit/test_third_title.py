"""A third title needs rules files and words, not a template edit: in a temporary copy of
rules/, a made-up title (its own file like occupational.yaml, listed in titles.yaml) is
added and nothing else is changed. The site builds; the renewal, new, credits, top, FAQ
and checker pages and the roster page name it from its rules; the checker (CPython, the
browser's rules JSON and Chromium) and the roster answer for it. Never shipped: rules/
has no such title (checked here too)."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import build
from browser import OffSiteGuard, chromium, serve_folder
from checker import evaluate
from checker.rules.model import Rules
from checker.roster.check import Roster
from loader import load_rules
from loader.compile import RULES_DIR
from site_html import html_pages, read_page
from paths import ARTIFACTS

AS_OF = dt.date(2026, 11, 20)
KEY = "kasou"
NAME = "日本医師会認定架空医（テスト用）"
SHORT = "認定架空医"
# The made-up title: the shape of sports.yaml, its own words. Its citations borrow ids
# sources.yaml has (a test of the structure, not a rule).
TITLE_FILE = f"""# テストだけの架空の資格です（rules/ にはありません）。
description: 架空の資格
name: {NAME}
short_name: {SHORT}
paper_record:
  label: 受講票
  text: "{{last_paper_seminar}}までの研修会の単位は、紙の受講票で管理します（受講票管理）。"
  source: {{id: seed-000}}
validity_years:
  value: 3
  source: {{id: seed-000}}
categories:
  架空研修: {{group: 架空医学研修, source: {{id: seed-000}}}}
  架空実習: {{group: 架空医学研修, source: {{id: seed-000}}}}
procedures:
  renewal:
    label: 更新申請
    training: 架空医学研修
    counts_within_validity: true
    total: {{value: 12, source: {{id: seed-000}}}}
    minimums:
      架空研修: {{value: 8, source: {{id: seed-000}}}}
    fee: {{amount: 5000, text: 登録料は都道府県医師会の指示に従って支払います。, source: {{id: seed-000}}}}
    documents:
      - text: MAMISの申請ページで必要事項を入力して申請します。
        source: {{id: seed-000}}
      - text: 受講票の原本は、申請の後に架空医学会へ送ります。
        paper: true
        faq: 認定架空医の受講票はどうすればよいですか？
        source: {{id: seed-000}}
    heading_note: 受講票の原本
    conditions_not_checked: []
  new:
    label: 新規申請
    training: 架空医学講習会
    counts_within_validity: false
    total: {{value: 20, source: {{id: seed-000}}}}
    minimums:
      架空研修: {{value: 10, source: {{id: seed-000}}}}
      架空実習: {{value: 10, source: {{id: seed-000}}}}
    documents:
      - text: MAMISの新規申請ページで申請します。
        source: {{id: seed-000}}
    conditions_not_checked: []
"""
REQUEST = {"certification": KEY, "procedure": "renewal", "expires_on": "2027-03-31",
           "mypage_registered_on": "2025-03-01", "as_of": AS_OF.isoformat(),
           "credits": [{"earned_on": "2024-06-01", "category": "架空研修", "units": 5},
                       {"earned_on": "2025-06-01", "category": "架空研修", "units": 2}]}


def third_title_copy(target: Path) -> Path:
    """rules/ copied to `target` with the made-up title added: its file and one line in titles.yaml."""
    shutil.copytree(RULES_DIR, target)
    (target / f"{KEY}.yaml").write_text(TITLE_FILE, encoding="utf-8")
    titles = target / "titles.yaml"
    titles.write_text(titles.read_text(encoding="utf-8") + f"  - {KEY}\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return third_title_copy(tmp_path_factory.mktemp("third") / "rules")


@pytest.fixture(scope="module")
def site(copy, tmp_path_factory):
    return build.build(copy, tmp_path_factory.mktemp("third-site") / "site", AS_OF)


def page_text(site: Path, name: str) -> str:
    return read_page(html_pages(site)[name]).text


def test_the_shipped_rules_have_no_made_up_title():
    assert KEY not in load_rules()["titles"] and not (RULES_DIR / f"{KEY}.yaml").exists()


def test_the_copy_differs_from_rules_only_by_the_title(copy):
    changed = {path.relative_to(copy).as_posix() for path in copy.rglob("*.yaml")
               if not (RULES_DIR / path.relative_to(copy)).is_file()
               or (RULES_DIR / path.relative_to(copy)).read_bytes() != path.read_bytes()}
    assert changed == {f"{KEY}.yaml", "titles.yaml"}


def test_the_guidance_pages_name_it_from_its_rules(site):
    renewal = page_text(site, "renewal")
    assert NAME in renewal and f"{SHORT}の更新には、何単位必要ですか（架空医学研修）" in renewal
    assert f"{SHORT}の申請の手順と書類（受講票の原本、登録料）" in renewal
    assert "有効期間（3年）の中で、架空医学研修の単位を合計12単位以上取得します。" in renewal
    new = page_text(site, "new")
    assert f"{SHORT}の新規申請には、何単位必要ですか" in new and "MAMISの新規申請ページで申請します。" in new
    credits = page_text(site, "credits")
    assert "受講票（受講票管理）" in credits and "紙の受講票で管理します" in credits
    assert "申請のとき、手帳や修了証や受講票の原本はどうしますか" in credits
    assert "受講票の原本は、申請の後に架空医学会へ送ります。" in credits
    assert "認定産業医は5年間、認定健康スポーツ医は5年間、認定架空医は3年間" in credits
    index = page_text(site, "index")
    assert f"日本医師会認定産業医、日本医師会認定健康スポーツ医と{NAME}（以下「認定医」）" in index
    faq = page_text(site, "faq")
    assert "認定架空医の受講票はどうすればよいですか？" in faq
    assert f"認定健康スポーツ医と{SHORT}の方は、" in faq          # no special measure for it
    assert f"日本医師会認定健康スポーツ医と{NAME}には、この特例措置はありません。" in page_text(site, "special-measure")


def test_the_checker_and_roster_pages_offer_it(site):
    html = (site / "checker" / "index.html").read_text(encoding="utf-8")
    assert f'<input type="radio" name="certification" value="{KEY}"> {NAME}</label>' in html
    data = json.loads(html.split('<script type="application/json" id="checker-data">')[1].split("</script>")[0])
    assert data["forms"][KEY]["renewal"] == {"categories": ["架空研修"], "needs_activity": False, "needs_expiry": True}
    assert data["paper_labels"][KEY] == "受講票"
    roster = page_text(site, "roster")
    assert f"（認定産業医、認定健康スポーツ医か{SHORT}）" in roster


def test_the_checker_answers_for_it(copy, site):
    expected = evaluate(REQUEST, load_rules(copy))
    assert expected["ok"], expected["errors"]
    assert expected["certification"]["name"] == NAME
    assert expected["credits"]["required_total"] == 12 and expected["credits"]["shortfall_total"] == 5
    assert expected["credits"]["by_category"]["架空研修"]["shortfall"] == 1
    assert expected["credits"]["by_source"] == {"notebook": 5, "mamis": 2}
    assert expected["verdict"]["code"] == "earn_units"
    # The browser's rules (what the page downloads) give the same answer.
    rules_json = next((site / "assets").glob("rules.*.json"))
    assert evaluate(REQUEST, json.loads(rules_json.read_text(encoding="utf-8"))) == expected
    refused = evaluate({**REQUEST, "certification": "kasuo"}, load_rules(copy))
    assert refused["errors"][0]["message"] == (
        f"資格は「認定産業医」（occupational）か「認定健康スポーツ医」（sports）か「{SHORT}」（{KEY}）を選んでください。")


def test_the_roster_checks_its_rows(copy):
    roster = Roster(Rules.of(load_rules(copy)))
    assert [header.split("（")[0] for header in roster.headers()[4:9]] == ["更新研修", "実地研修", "専門研修", "再研修会",
                                                                          "架空研修"]
    data = ("ID・氏名,資格,有効期限,マイページ登録日,架空研修\r\n"
            f"K-1,{SHORT},2027/3/31,2025/3/1,4\r\n").encode("utf-8")
    checked = roster.check(data, AS_OF.isoformat())
    assert checked["errors"] == [] and checked["rows"][0]["errors"] == []
    assert checked["rows"][0]["certification"] == SHORT and checked["rows"][0]["shortfall"] == 8


@pytest.mark.browser
def test_chromium_answers_for_it(site):
    """The physician picks the made-up title in the form and gets its answer (screenshots:
    test-artifacts/third-title-form.png, third-title-result.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with serve_folder(site) as base, chromium() as browser:
        context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 800})
        guard = OffSiteGuard()
        guard.attach(context)
        page = context.new_page()
        page.goto(base + "checker/")
        page.get_by_label(NAME).check()
        assert not page.locator("#field-activity").is_visible()
        for part, value in (("year", "2027"), ("month", "3"), ("day", "31")):
            page.locator(f"#expires_on-{part}").fill(value)
        row = page.locator("tr.credit-row").nth(0)
        row.locator("input.year").fill("2024")
        row.locator("input.month").fill("6")
        row.locator("input.day").fill("1")
        assert row.locator("select.category option").all_inner_texts()[1:] == ["架空研修"]
        row.locator("select.category").select_option("架空研修")
        row.locator("input.units").fill("5")
        page.locator("#as-of-details summary").click()
        for part, value in (("year", "2026"), ("month", "11"), ("day", "20")):
            page.locator(f"#as_of-{part}").fill(value)
        page.locator("#field-certification").scroll_into_view_if_needed()
        page.locator("#checker-form").screenshot(path=str(ARTIFACTS / "third-title-form.png"))
        page.click("#checker-submit")
        page.wait_for_selector("#checker-result:not([hidden])", timeout=90000)
        heading = page.locator("#result-heading").inner_text()
        inputs = page.locator("#result-inputs").inner_text()
        rows = page.locator("#result-credit-rows tr").all_inner_texts()
        page.locator("#checker-result").screenshot(path=str(ARTIFACTS / "third-title-result.png"))
        context.close()
    assert guard.blocked == []
    assert heading == "単位があと7単位足りません"
    assert inputs.startswith(f"確認した内容：{NAME}の更新申請（有効期限 2027年3月31日")
    assert rows[0].split("\t")[:4] == ["架空研修", "8", "5", "3"]
