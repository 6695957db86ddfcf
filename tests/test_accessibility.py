"""axe-core (the pinned npm package, injected by the test) on the checker, with a result
and with errors shown, and on every guidance page: no serious or critical violations."""
import json
import urllib.parse
from pathlib import Path

import pytest

from browser import chromium
from nginx import nginx_serving
from site_html import html_pages
from test_site import site  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def audit(site, tmp_path_factory):  # noqa: F811
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `make test` (it runs npm ci)")
    with nginx_serving(site, tmp_path_factory.mktemp("nginx")) as base, chromium() as browser:
        # The pages forbid injected scripts (CSP); only this test's context lifts that.
        context = browser.new_context(bypass_csp=True, locale="ja-JP")

        def run(path, prepare=None):
            page = context.new_page()
            page.goto(base + path)
            if prepare:
                prepare(page)
            page.add_script_tag(path=str(AXE))
            found = page.evaluate("""async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
            }""")
            page.close()
            return [v for v in found if v["impact"] in ("serious", "critical")]

        yield base, run
        context.close()


def test_guidance_pages(audit, site):  # noqa: F811
    base, run = audit
    problems = {}
    for key, path in html_pages(site).items():
        if key in ("checker", "404"):   # the checker is audited below, with a result and with errors
            continue
        found = run(path.relative_to(site).as_posix().removesuffix("index.html"))
        if found:
            problems[key] = found
    assert problems == {}


def test_checker_with_a_result(audit):
    request = {"certification": "sports", "procedure": "renewal", "expires_on": "2027-05-30", "activity": True,
               "mypage_registered_on": None, "as_of": "2026-11-21",
               "credits": [{"earned_on": "2024-02-01", "category": "再研修会", "units": 3}]}

    def wait(page):
        page.wait_for_selector("#checker-result:not([hidden])", timeout=60000)

    assert run_checker(audit, "checker/#q=" + urllib.parse.quote(json.dumps(request, ensure_ascii=False)), wait) == []


def test_checker_with_errors(audit):
    def errors(page):
        page.wait_for_function("document.getElementById('checker-status').textContent.includes('準備完了')",
                               timeout=60000)
        page.fill("#expires_on-year", "2027")
        page.fill("#expires_on-month", "13")
        page.fill("#expires_on-day", "1")
        page.locator("tr.credit-row input.units").fill("x")
        page.locator("tr.credit-row input.year").fill("2025")
        page.click("#checker-submit")
        page.wait_for_selector("#error-summary:not([hidden])")

    assert run_checker(audit, "checker/", errors) == []


def run_checker(audit, path, prepare):
    base, run = audit
    return run(path, prepare)
