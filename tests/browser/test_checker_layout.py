"""Where things are on the screen and on paper (issue #11): the verdict heading at the top
of the screen with focus, on a PC and a phone, after 確認する and after a shared link; the
printout names what was checked; the schedule page's tables on a phone. Screenshots go to
test-artifacts/ for people to look at."""
import io
import re

import pytest
from pypdf import PdfReader

from checker_page import ARTIFACTS, PC, PHONE, fill_row, heading_in_view, link_to, shown_result, type_date

REQUEST = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
           "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21",
           "credits": [{"earned_on": "2023-06-10", "category": "更新研修", "units": 8},
                       {"earned_on": "2025-07-20", "category": "実地研修", "units": 3},
                       {"earned_on": "2020-02-01", "category": "専門研修", "units": 5}]}


def assert_heading_on_top(page, name):
    where = heading_in_view(page)
    assert where["focused"], f"{name}: the verdict heading does not have focus"
    assert where["header"] - 1 <= where["top"] and where["bottom"] <= where["height"], f"{name}: {where}"
    assert where["top"] < where["height"] / 3, f"{name}: the heading is not near the top ({where})"


@pytest.mark.parametrize("name,viewport", [("pc", PC), ("phone", PHONE)])
def test_the_verdict_is_on_top_after_submit(served, name, viewport):
    base, browser = served
    context = browser.new_context(viewport=viewport, locale="ja-JP")
    page = context.new_page()
    page.goto(base + "checker/")
    type_date(page, "expires_on", "2027", "3", "31")
    for index, credit in enumerate(REQUEST["credits"]):
        if index:
            page.click("#add-credit-row")
        fill_row(page, index, *credit["earned_on"].split("-"), credit["category"], str(credit["units"]))
    page.click("#checker-submit")
    shown_result(page)
    assert_heading_on_top(page, name)
    context.close()


@pytest.mark.parametrize("name,viewport", [("pc", PC), ("phone", PHONE)])
def test_a_shared_link_opens_at_the_verdict_and_screenshots(served, name, viewport):
    base, browser = served
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=viewport, locale="ja-JP", device_scale_factor=1)
    page = context.new_page()
    page.goto(base + link_to(REQUEST))
    shown_result(page)
    assert_heading_on_top(page, name)
    page.screenshot(path=ARTIFACTS / f"checker-result-{name}.png")                 # what the physician sees first
    page.screenshot(path=ARTIFACTS / f"checker-result-{name}-full.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= viewport["width"], f"{name}: the page scrolls sideways ({width}px)"


def test_the_printout_names_what_was_checked(served, tmp_path):
    base, browser = served
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.goto(base + link_to(REQUEST))
    shown = shown_result(page)
    page.emulate_media(media="print")
    assert not page.locator("#checker-form").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert not page.locator("#copy-link").is_visible()
    assert page.locator("#print-note").is_visible()
    inputs = page.locator("#result-inputs")
    assert inputs.is_visible()
    for words in ("日本医師会認定産業医", "更新申請", "有効期限 2027年3月31日", "2026年11月21日"):
        assert words in shown["inputs"], shown["inputs"]
    # what the printer gets: the text of everything shown under print media
    printed = page.locator(".md-content").inner_text()
    assert "日本医師会認定産業医の更新申請（有効期限 2027年3月31日）" in printed
    assert "共有リンク" not in printed
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "checker-result-a4.pdf"), format="A4")
    context.close()
    # ... and the printed PDF itself names the inputs and the verdict, without the share link
    text = re.sub(r"\s+", "", "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages))
    for words in ("確認した内容", "日本医師会認定産業医の更新申請", "有効期限2027年3月31日", "2026年11月21日", "すること",
                  "申請の期限"):
        assert words in text, words
    assert "共有リンク" not in text


def test_schedule_tables_on_a_phone(served):
    """Wide tables scroll sideways with a shadow at the edge, a date such as 2026年3月 is
    never split over two lines, and notes are as large as the text around them."""
    base, browser = served
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    page.goto(base + "schedule/")
    found = page.evaluate("""() => {
        const wrap = document.querySelector('.md-typeset__scrollwrap');
        const dates = [...document.querySelectorAll('.md-typeset td .nowrap')];
        const split = dates.filter(d => d.getClientRects().length > 1 || d.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(d).lineHeight || 20));
        const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset > p')).fontSize);
        const note = document.querySelector('.md-typeset .admonition');
        return {scrolls: wrap.scrollWidth > wrap.clientWidth, focusable: wrap.tabIndex === 0,
                cue: getComputedStyle(wrap).backgroundImage,
                dates: dates.map(d => d.textContent), split: split.map(d => d.textContent),
                body, note: note ? parseFloat(getComputedStyle(note).fontSize) : null};
    }""")
    context.close()
    assert found["scrolls"] and found["focusable"]
    assert found["cue"].count("gradient") >= 2
    assert any(re.fullmatch(r"\d{4}年\d{1,2}月.*", d) for d in found["dates"]), found["dates"][:10]
    assert found["split"] == []
    assert found["note"] is not None and found["note"] >= found["body"]


def test_schedule_tables_on_a_pc_fit_the_page_with_whole_dates(served):
    """At 1280 px the schedule's tables fit the page (no sideways scrolling) and no date is
    broken across lines (「2026 / 年3月 / 31日」 cannot be read)."""
    base, browser = served
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ja-JP")
    page = context.new_page()
    page.goto(base + "schedule/")
    found = page.evaluate("""() => {
        const wraps = [...document.querySelectorAll('.md-typeset__scrollwrap')];
        const dates = [...document.querySelectorAll('.md-typeset td .nowrap')];
        return {tables: wraps.length, scrolling: wraps.filter(w => w.scrollWidth > w.clientWidth + 1).length,
                split: dates.filter(d => d.getClientRects().length > 1).map(d => d.textContent)};
    }""")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "schedule-pc.png"), full_page=True)
    context.close()
    assert found["tables"] >= 3 and found["scrolling"] == 0 and found["split"] == [], found
