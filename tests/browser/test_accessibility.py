"""axe-core (the pinned npm package, injected by the test) on the checker, with a result
and with errors shown, and on every guidance page: no serious or critical violations."""
import json
import urllib.parse

import pytest

from browser import chromium
from nginx import nginx_serving
from site_html import html_pages
from paths import ROOT

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

        yield base, run, context
        context.close()


def test_guidance_pages(audit, site):  # noqa: F811
    base, run, _ = audit
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
    base, run, _ = audit
    return run(path, prepare)


def tab_stops(page, count: int) -> list[dict]:
    """The next `count` elements the Tab key reaches, and whether each can be seen."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => {
            const e = document.activeElement;
            if (!e || e === document.body) return {id: 'body', seen: true};
            const box = e.getBoundingClientRect();
            let hidden = false;
            for (let node = e; node && node !== document.body; node = node.parentElement) {
                const style = getComputedStyle(node);
                if (style.visibility === 'hidden' || style.display === 'none' ||
                    (Number(style.opacity) === 0 && !node.classList.contains('md-skip'))) hidden = true;
            }
            const seen = !hidden && box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth;
            return {id: e.id || e.className || e.tagName, text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 30),
                    seen, inForm: Boolean(e.closest('#checker-form')), name: e.name || ''};
        }"""))
    return stops


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["PC", "phone"])
def test_the_skip_link_is_the_first_tab_stop_and_no_tab_stop_is_hidden(audit, viewport):
    """The first Tab reaches 「入力欄にスキップ」, Enter puts focus on the form's first field
    (2 keys, where 17 Tabs were needed). Every Tab stop of the page can be seen: not the
    closed search's results, nor (on a phone) the closed search box and navigation drawer."""
    base, _run, context = audit
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(base + "checker/")
    page.keyboard.press("Tab")
    skip = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent.trim()})")
    assert "md-skip" in skip["cls"] and skip["text"] == "入力欄にスキップ", skip
    page.keyboard.press("Enter")
    first = page.evaluate("({name: document.activeElement.name, value: document.activeElement.value})")
    assert first == {"name": "certification", "value": "occupational"}
    page.goto(base + "checker/")
    stops = tab_stops(page, 70)
    assert [stop for stop in stops if not stop["seen"]] == []
    before_form = next(index for index, stop in enumerate(stops) if stop["inForm"])
    # before the form: the skip link, the header, and (on a PC) the visible navigation
    assert before_form <= (16 if viewport["width"] > 1000 else 3), stops[:before_form]
    assert not any("md-search__scrollwrap" in stop["id"] for stop in stops)
    page.goto(base + "roster/")                    # the roster page's skip link goes to its file
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "ファイルを選ぶ欄にスキップ"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "roster-file"
    page.close()



def axe_on(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
    }""")
    return [v for v in found if v["impact"] in ("serious", "critical")]


def test_checker_while_a_link_waits_and_with_pasted_lines_it_cannot_read(audit):
    """The banner of a shared link waiting for the runtime, a row added with defaults, and
    the paste box with its problems: no serious or critical violation."""
    import re

    base, _run, context = audit
    page = context.new_page()
    page.route(re.compile(r".*\\.wasm$"), lambda route: None)   # the runtime never arrives: the banner stays
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
               "credits": [{"earned_on": "2024-06-01", "category": "専門研修", "units": 2}]}
    page.goto(base + "checker/#q=" + urllib.parse.quote(json.dumps(request, ensure_ascii=False)))
    page.locator("#checker-waiting").wait_for(state="visible")
    page.locator("tr.credit-row input.units").press("Enter")     # a row with the date and 区分 above
    page.locator("#credit-paste-box summary").click()
    page.fill("#credit-paste", "2024/6/1 専門研修 2\n2024/13/1 専門研修 2\nメモ")
    page.click("#credit-paste-apply")
    page.locator("#credit-paste-problems li").first.wait_for()
    assert axe_on(page) == []
    page.close()


def test_roster_with_its_table(audit, tmp_path):
    from roster_files import generated

    base, _run, context = audit
    text, _ = generated(seed=2, count=30)
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("utf-8"))
    page = context.new_page()
    page.goto(base + "roster/")
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    assert page.locator("#table-roster caption").text_content() == "名簿の確認結果（1行に1人）"
    assert axe_on(page) == []
    page.close()


def test_on_a_phone_the_header_icons_open_the_menu_and_the_search_from_the_keyboard(audit):
    """The closed menu and search are out of the Tab order on a phone; their header icons
    are buttons: Enter opens each, with focus in it (a tap on the search icon still puts the
    caret in the search box)."""
    base, _run, context = audit
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "credits/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "ナビゲーション"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('md-nav__link')", timeout=3000)
    assert page.evaluate("document.activeElement.innerText.trim()") == "トップ"
    page.goto(base + "credits/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "検索"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=3000)
    page.goto(base + "credits/")
    page.click("label.md-header__button[for=__search]")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=3000)
    page.close()
