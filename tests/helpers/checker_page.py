"""What the checker's browser tests share: the built site served by nginx under a sub-path,
Debian's Chromium with every off-site request blocked and every CSP violation recorded,
and helpers that read the page the way a physician sees it."""
from __future__ import annotations

import json
import urllib.parse

import pytest

from browser import OffSiteGuard, chromium
from checker import evaluate
from nginx import nginx_serving

from paths import ARTIFACTS, ROOT  # noqa: F401 - the browser tests import both from here
READY = "document.getElementById('checker-status').textContent.includes('準備完了')"
PC = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):  # noqa: F811
    with nginx_serving(site, tmp_path_factory.mktemp("nginx")) as base, chromium() as browser:
        yield base, browser


@pytest.fixture
def page_of(served):
    """A fresh context per test (clean cache), with the off-site guard and CSP watch."""
    base, browser = served
    opened = []

    def open_page(path="checker/", init_script=None, **options):
        context = browser.new_context(locale="ja-JP", accept_downloads=True, **options)
        guard = OffSiteGuard()
        guard.attach(context)
        context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                                " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.goto(base + path)
        opened.append((context, guard, page))
        return page

    yield open_page
    for context, guard, page in opened:
        violations = page.evaluate("window.__csp")
        context.close()
        assert guard.blocked == [], guard.blocked
        assert violations == [], violations


def link_to(request) -> str:
    return "checker/#q=" + urllib.parse.quote(json.dumps(request, ensure_ascii=False))


def type_date(page, prefix, year, month, day):
    for part, value in (("year", year), ("month", month), ("day", day)):
        page.locator(f"#{prefix}-{part}").click()
        page.keyboard.type(value)


def fill_row(page, index, year, month, day, category=None, units=None):
    row = page.locator("tr.credit-row").nth(index)
    row.locator("input.year").fill(year)
    row.locator("input.month").fill(month)
    row.locator("input.day").fill(day)
    if category:
        row.locator("select.category").select_option(category)
    if units is not None:
        row.locator("input.units").fill(units)
    return row


def request_in_url(page) -> dict:
    fragment = urllib.parse.urlsplit(page.url).fragment
    assert fragment.startswith("q=")
    return json.loads(urllib.parse.unquote(fragment[2:]))


def texts(items) -> list[str]:
    """Actions and warnings ({code, text}) as the page shows them."""
    return [item["text"] for item in items]


def shown_result(page):
    page.wait_for_selector("#checker-result:not([hidden])", timeout=60000)
    rows = page.locator("#result-credit-rows tr")
    return {
        "heading": page.locator("#result-heading").inner_text(),
        "verdict": page.locator("#result-verdict").inner_text(),
        "apply_by": page.locator("#result-apply-by").inner_text(),
        "inputs": page.locator("#result-inputs").inner_text(),
        "status": page.locator("#result-status").inner_text(),
        "rows": [rows.nth(i).locator("th, td").all_inner_texts() for i in range(rows.count())],
        "counted_total": page.locator("#result-counted-total").inner_text(),
        "round": page.locator("#result-round").inner_text(),
        "apply": page.locator("#result-apply").inner_text(),
        "approval": page.locator("#result-approval").inner_text(),
        "actions": page.locator("#result-actions li").all_inner_texts(),
        "warnings": page.locator("#result-warnings li").all_inner_texts(),
    }


def assert_matches_cpython(page, shown, rules):
    """What the page shows is what CPython's evaluate says for the request in the link."""
    expected = evaluate(request_in_url(page), rules)
    assert expected["ok"]
    assert shown["heading"] == expected["verdict"]["title"]
    assert shown["verdict"] == expected["verdict"]["text"]
    assert shown["apply_by"].startswith(expected["schedule"]["labels"]["apply_by"])
    whose = {"estimate": "（目安）", "closing_day": "の締切）", "within_years": "（新規申請の期限）"}
    passed = "・過ぎています" if expected["schedule"]["apply_by_passed"] else ""
    assert shown["apply_by"].endswith(whose[expected["schedule"]["apply_by_kind"]] + passed), shown["apply_by"]
    assert shown["counted_total"] == str(expected["credits"]["counted_total"])
    assert shown["round"] == expected["schedule"]["labels"]["round"]
    assert shown["apply"] == expected["schedule"]["labels"]["apply_months"]
    assert shown["approval"] == expected["schedule"]["labels"]["approval_on"]
    # Each thing once: the verdict's sentence is not repeated as the first step of the list.
    assert [a.strip() for a in shown["actions"]] == texts(expected["actions"])[1:]
    assert page.locator("#result-steps").is_hidden() == (len(expected["actions"]) == 1)
    assert shown["warnings"] == texts(expected["warnings"])
    assert page.locator("#result-status").is_visible() and expected["status_label"] in shown["status"]
    no_round = expected["status"] == "expired" or not expected["schedule"]["actionable"]
    assert page.locator("#result-schedule").is_hidden() == no_round
    return expected


def heading_in_view(page) -> dict:
    """Where the verdict heading is: inside the viewport, below the fixed header, focused?"""
    return page.evaluate("""() => {
        const heading = document.getElementById('result-heading');
        const box = heading.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return {top: box.top, bottom: box.bottom, header: header.bottom, height: innerHeight,
                focused: document.activeElement === heading};
    }""")
