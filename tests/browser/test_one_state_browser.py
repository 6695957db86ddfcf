"""One answer on every surface, in a real browser, on the days after an estimate (issue 20).

The site is built as of 2026-12-03, three days after round 5's estimated day to apply by
(2026-11-30) while its months run to 2026-12-31. The top page, the checker's status line
and table, the roster page's 状況 (its 基準日 set to that day) and renewal letters (printed
on 2027-01-30, the day after round 6's estimate, 2027-01-29, a Friday: by the command line,
and from the roster page with its 基準日 set to that day) must all say that the day has
passed, never ask for it, and name the same round. Screenshots (PC and phone) go to
test-artifacts/.
"""
import datetime as dt
import io
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

import build
from browser import chromium, serve_folder
from checker import evaluate
from checker_page import ARTIFACTS, PC, PHONE, READY, ROOT, link_to, shown_result, type_date
from loader.compile import RULES_DIR
from nginx import nginx_serving
from notices_roster import printed_as_the_command_line_writes

BUILT_ON = dt.date(2026, 12, 3)
OVERDUE = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
           "mypage_registered_on": "2025-03-29", "as_of": BUILT_ON.isoformat(),
           "credits": [{"earned_on": "2025-06-01", "category": "更新研修", "units": 18},
                       {"earned_on": "2025-06-02", "category": "実地研修", "units": 1},
                       {"earned_on": "2025-06-03", "category": "専門研修", "units": 1}]}


# Members due for a letter on 2027-01-30: round 6 (past its estimate), FY2027 round 1 and a
# member of the special measure's group 1 (two renewals).
LETTERS_ROSTER = ("ID・氏名,資格,有効期限,マイページ登録日,更新研修（単位）,実地研修（単位）,専門研修（単位）,郵便番号,住所,氏名\r\n"
                  "L-1,認定産業医,2027/5/31,2025/3/20,18,1,1,600-0000,京都市中京区1-1,京都 一郎\r\n"
                  "L-2,認定産業医,2027/7/31,2025/3/20,18,1,1,600-0000,京都市中京区2-2,京都 二郎\r\n"
                  "L-3,認定産業医,2021/6/30,2025/3/20,18,1,1,600-0000,京都市中京区3-3,京都 三郎\r\n")
# The browser's print dialog cannot be driven headless: count the calls, print with page.pdf().
NO_DIALOG = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


@pytest.fixture(scope="module")
def site_on_the_day(tmp_path_factory):
    return build.build(RULES_DIR, tmp_path_factory.mktemp("site-1203") / "site", BUILT_ON)


@pytest.fixture(scope="module")
def browser_on_site(site_on_the_day, tmp_path_factory):
    with nginx_serving(site_on_the_day, tmp_path_factory.mktemp("nginx")) as base, chromium() as browser:
        yield base, browser


def open_page(browser, url, viewport):
    context = browser.new_context(locale="ja-JP", viewport=viewport)
    page = context.new_page()
    page.goto(url)
    return context, page


def test_the_top_page_and_the_checker_say_the_same_on_the_day_after_the_estimate(browser_on_site, rules):
    base, browser = browser_on_site
    expected = evaluate(OVERDUE, rules)
    assert expected["status"] == "overdue" and expected["schedule"]["round"] == 5
    for name, viewport in (("pc", PC), ("phone", PHONE)):
        context, page = open_page(browser, base, viewport)
        line = page.locator("article li", has_text="有効期限が概ね2027年3月末の方").inner_text()
        assert "第5回の申請の期限（目安の2026年11月30日（月））を過ぎています" in line
        assert "申請月は2026年12月31日までです。まだ受け付けているかを、すぐに京都府医師会にご確認ください" in line
        assert "今が更新申請の時期です" not in page.locator("article").inner_text()
        assert "2026年12月3日（木）時点" in page.locator("article h2").first.inner_text()
        page.screenshot(path=str(ARTIFACTS / f"one-state-top-{name}.png"), full_page=False)
        context.close()

        context, page = open_page(browser, base + link_to(OVERDUE), viewport)
        shown = shown_result(page)
        assert shown["heading"] == expected["verdict"]["title"] == "申請の期限を過ぎています。すぐに京都府医師会にご確認ください"
        assert shown["status"] == "2026年12月3日（木）：申請の期限を過ぎています（申請月のうち）"
        assert shown["round"] == "2026年度（令和8年度） 第5回"
        assert shown["apply_by"] == "2026年11月30日（月）（目安）・過ぎています"
        assert "今が申請の時期" not in page.locator("#checker-result").inner_text()
        assert "次の2026年度（令和8年度） 第6回" in shown["verdict"]
        page.locator("#checker-result").screenshot(path=str(ARTIFACTS / f"one-state-checker-{name}.png"))
        context.close()


def roster_checked_on(browser, base, viewport, day: dt.date, path, init_script=None):
    """The roster page with its 基準日 typed as staff type it (年・月・日), then the file chosen."""
    context = browser.new_context(locale="ja-JP", viewport=viewport, accept_downloads=True)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(base + "roster/")
    page.wait_for_function(READY, timeout=60000)
    page.click("#as-of-details summary")
    type_date(page, "as_of", str(day.year), str(day.month), str(day.day))
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    return context, page


def test_the_roster_page_says_the_same_as_of_its_day(browser_on_site, rules, tmp_path):
    """The roster page, its 基準日 set to 2026-12-03: the member of the checker's request
    above (expiry 2027-03-31, units complete, registered) is in round 5, past its estimated
    day within its months, as the top page and the checker say on that day; the CSV says
    which day it is for. Screenshots of the table on a PC (1280) and a phone (390)."""
    base, browser = browser_on_site
    expected = evaluate(OVERDUE, rules)
    path = tmp_path / "meibo.csv"
    path.write_text("ID・氏名,資格,有効期限,マイページ登録日,更新研修（単位）,実地研修（単位）,専門研修（単位）\r\n"
                    "R-1,認定産業医,2027/3/31,2025/3/29,18,1,1\r\n"
                    "R-2,認定産業医,2027/7/31,2025/3/29,18,1,1\r\n"
                    "R-3,認定健康スポーツ医,2027/1/31,,,,\r\n", encoding="utf-8")
    for name, viewport in (("pc", PC), ("phone", PHONE)):
        context, page = roster_checked_on(browser, base, viewport, BUILT_ON, path)
        keys = page.locator("#table-roster thead th").evaluate_all("ths => ths.map(th => th.dataset.key)")
        member = dict(zip(keys, page.locator("#roster-rows tr", has_text="R-1").locator("th, td").all_inner_texts()))
        assert member["status"] == expected["status_label"] == "申請の期限を過ぎています（申請月のうち）"
        assert member["apply_by"] == "2026年11月30日（月）・目安（過ぎています）"
        assert member["round"] == expected["schedule"]["labels"]["round"] == "2026年度（令和8年度） 第5回"
        assert member["verdict"] == expected["verdict"]["title"]
        assert "2026年12月3日（木）" in page.locator("#roster-as-of").inner_text()
        assert "今が申請の時期" not in page.locator("#roster-result").inner_text()
        page.evaluate("""() => {   // the result's heading just under the theme's fixed header
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            scrollTo(0, document.getElementById('roster-result-heading').getBoundingClientRect().top + scrollY - header - 8);
        }""")
        page.screenshot(path=str(ARTIFACTS / f"one-state-roster-{name}.png"))
        if name == "phone":   # the table scrolled sideways to 状況 and 申請期限; the name stays
            page.locator(".roster-table-wrap").evaluate(
                "wrap => { wrap.scrollLeft = wrap.querySelector('thead .roster-status').offsetLeft"
                " - wrap.querySelector('thead .roster-verdict').offsetLeft; }")
            page.screenshot(path=str(ARTIFACTS / "one-state-roster-phone-scrolled.png"))
        if name == "pc":
            with page.expect_download() as download:
                page.click("#roster-download")
            saved = tmp_path / "result.csv"
            download.value.save_as(saved)
            table = saved.read_bytes().decode("utf-8-sig").split("\r\n")
            column = table[0].split(",").index("基準日")
            assert {line.split(",")[column] for line in table[1:] if line} == {"2026年12月3日（木）"}
        context.close()


def test_a_letter_printed_on_the_day_after_an_estimate_does_not_ask_for_it(browser_on_site, rules, tmp_path):
    """The letters of 2027-01-30 (a Saturday; round 6's estimate was Friday 2027-01-29),
    printed by Chromium: round 6's member is told the day has passed and to ask at once;
    the group-1 member's letter plans both renewals."""
    path = tmp_path / "meibo.csv"
    path.write_text(LETTERS_ROSTER, encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "checker", "notices", str(path), "--as-of", "2027-01-30",
                           "--within-months", "12"], cwd=ROOT, capture_output=True, timeout=120)
    assert made.returncode == 0, made.stderr.decode("utf-8")
    (tmp_path / "annaijo.html").write_bytes(made.stdout)
    _, browser = browser_on_site
    with serve_folder(tmp_path) as base:
        context = browser.new_context(locale="ja-JP")
        page = context.new_page()
        page.goto(base + "annaijo.html")
        pdf = page.pdf(prefer_css_page_size=True)
        page.emulate_media(media="print")
        page.locator("section.notice").first.screenshot(path=str(ARTIFACTS / "one-state-letter.png"))
        context.close()
    (ARTIFACTS / "one-state-letters.pdf").write_bytes(pdf)
    letters_do_not_ask_for_the_day_past(pdf, rules)


def letters_do_not_ask_for_the_day_past(pdf: bytes, rules) -> None:
    """The three letters of LETTERS_ROSTER as printed on 2027-01-30."""
    letters = {re.search(r"L-\d", text).group(0): text for text in
               (re.sub(r"\s+", "", printed.extract_text()) for printed in PdfReader(io.BytesIO(pdf)).pages)}
    assert sorted(letters) == ["L-1", "L-2", "L-3"]
    for text in letters.values():   # the day is named only as one that has passed
        for named in re.finditer(r"2027年1月29日", text):
            assert text[named.end():].startswith(("（金）（目安）・過ぎています", "（金））を過ぎています")), \
                text[named.start() - 40:named.end() + 40]
    first = letters["L-1"]
    assert "2027年1月29日（金）（目安）・過ぎています" in first
    assert "申請の期限を過ぎています。すぐに京都府医師会にご確認ください" in first
    assert "2027年1月29日（金）までに" not in first and "2027年1月29日（金））までに" not in first
    assert evaluate({"certification": "occupational", "procedure": "renewal", "expires_on": "2027-05-31",
                     "mypage_registered_on": "2025-03-20", "as_of": "2027-01-30"}, rules)["status"] == "overdue"
    assert "2027年3月31日（水）（目安）" in letters["L-2"] and "過ぎています" not in letters["L-2"].split("すること")[0]
    assert "2回目の更新は、1回目の更新が承認されたら" in letters["L-3"]


def test_letters_printed_from_the_roster_page_as_of_its_day(browser_on_site, rules, tmp_path):
    """The roster page with its 基準日 set to 2027-01-30: 「案内状を印刷」 prints (page.pdf, as
    the browser's dialog would) the same letters the command line writes for that day, and
    none asks for 2027-01-29."""
    base, browser = browser_on_site
    path = tmp_path / "meibo.csv"
    path.write_text(LETTERS_ROSTER, encoding="utf-8")
    context, page = roster_checked_on(browser, base, PC, dt.date(2027, 1, 30), path, init_script=NO_DIALOG)
    page.click("#roster-notices")
    page.wait_for_function("window.__prints === 1", timeout=60000)
    assert page.locator("#notices section.notice").count() == 3
    pdf = page.pdf(prefer_css_page_size=True)
    (ARTIFACTS / "one-state-letters-roster-page.pdf").write_bytes(pdf)
    letters_do_not_ask_for_the_day_past(pdf, rules)
    assert printed_as_the_command_line_writes(page, path, "2027-01-30"), "the page prints, as of its 基準日, what the command line writes for that day"
    context.close()
