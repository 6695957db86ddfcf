"""Shared links as they arrive (issue #14): long ones are built in one pass and capped at
the command line's limit, odd values never throw, and a link that cannot be read says so
in Japanese, never with a blank form that only says 準備完了."""
import urllib.parse

import pytest

from checker.interfaces.request import MAX_CREDIT_ROWS
from checker_page import READY, link_to, shown_result

# Counts the insertions into the credit rows' table: one pass is one insertion.
COUNT_INSERTIONS = """window.__insertions = 0;
new MutationObserver(records => {
    for (const r of records) if (r.target.id === 'credit-rows' && r.addedNodes.length) window.__insertions += 1;
}).observe(document, {childList: true, subtree: true});"""


def credits(count):
    return [{"earned_on": f"20{23 + i % 3}-0{1 + i % 9}-1{i % 10}", "category": "更新研修", "units": 1}
            for i in range(count)]


def request_with(rows):
    return {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
            "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21", "credits": credits(rows)}


@pytest.mark.parametrize("rows", [500, 1000])
def test_a_long_link_is_built_in_one_pass(page_of, rows):
    page = page_of(link_to(request_with(rows)), init_script=COUNT_INSERTIONS)
    shown_result(page)
    assert page.locator("tr.credit-row").count() == rows
    assert page.locator("tr.credit-row .row-number").last.inner_text() == str(rows)
    assert page.evaluate("window.__insertions") == 2     # the form's first empty row, then all of the link's
    assert page.locator("#link-problem").is_hidden()


def test_a_link_over_the_limit_keeps_the_first_rows_and_says_so(page_of):
    rows = 3 * MAX_CREDIT_ROWS
    page = page_of(link_to(request_with(rows)), init_script=COUNT_INSERTIONS)
    problem = page.locator("#link-problem")
    problem.wait_for(state="visible", timeout=30000)
    text = problem.inner_text()
    assert f"{rows}行" in text and f"{MAX_CREDIT_ROWS}行まで" in text
    assert page.locator("tr.credit-row").count() == MAX_CREDIT_ROWS
    assert page.evaluate("window.__insertions") == 2
    assert problem.evaluate("e => e === document.activeElement")
    page.wait_for_function(READY, timeout=60000)
    assert page.locator("#checker-result").is_hidden()      # nothing counted that is not shown


def test_values_with_quotes_and_brackets_never_throw(page_of):
    odd = 'x"] , input[name="y'
    request = {"certification": odd, "procedure": "renewal", "activity": odd, "expires_on": "2027-03-31",
               "credits": [{"earned_on": odd, "category": odd, "units": odd}, None, 7, {"earned_on": ["a"]}]}
    page = page_of(link_to(request), init_script="window.__errors = []; addEventListener('error', e => window.__errors.push(e.message));")
    page.locator("#error-summary").wait_for(state="visible", timeout=60000)
    assert page.evaluate("window.__errors") == []
    assert page.locator("tr.credit-row").count() == 4
    assert page.locator("#credit-row-0-year").input_value() == odd
    assert page.locator("#credit-row-0-category").input_value() == ""    # not offered: no choice made for it


BROKEN = [
    ("q=%7B%22certification%22%3A", "途中で切れているか"),   # JSON cut short
    ("q=%E3%81", "途中で切れているか"),                        # bad % encoding
    ("q=%5B1%2C2%5D", "形が、このチェッカーのものではありません"),  # not an object
    ("q=null", "形が、このチェッカーのものではありません"),
    ("q=", "入力内容が入っていません"),                        # empty
    ("q", "入力内容が入っていません"),                         # no "=" at all (issue #22)
    ("q=" + urllib.parse.quote("[" * 100000), "途中で切れているか"),   # nested too deep for a parser
]


def test_a_broken_link_says_why_in_japanese(served):
    base, browser = served
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    for number, (fragment, words) in enumerate(BROKEN):
        page.goto("about:blank")
        page.goto(base + "checker/#" + fragment)
        problem = page.locator("#link-problem")
        problem.wait_for(state="visible", timeout=10000)
        text = problem.inner_text()
        assert "共有リンク" in text and words in text, fragment
        assert not any(english in text for english in ("JSON", "Unexpected", "Expecting", "URI")), text
        assert problem.evaluate("e => e === document.activeElement")
        if number == 0:   # once the checker is ready, the message is still there, and no result
            page.wait_for_function(READY, timeout=60000)
            assert problem.is_visible() and page.locator("#checker-result").is_hidden()
    context.close()
