"""The built site in headless Chromium: every page opens with no request leaving
127.0.0.1, and the Japanese search finds the right page."""
import pytest

from browser import OffSiteGuard, chromium, serve_folder
from site_html import html_pages
from test_site import site  # noqa: F401 - the session fixture that builds the site


@pytest.fixture(scope="module")
def served(site):  # noqa: F811
    with serve_folder(site) as base, chromium() as browser:
        context = browser.new_context(locale="ja-JP")
        guard = OffSiteGuard()
        guard.attach(context)
        yield base, context, guard
        context.close()


def test_every_page_opens_without_any_off_site_request(served, site):  # noqa: F811
    base, context, guard = served
    page = context.new_page()
    opened = []
    for key, path in html_pages(site).items():
        url = base + path.relative_to(site).as_posix().removesuffix("index.html")
        response = page.goto(url, wait_until="networkidle")
        assert response.status == 200 or key == "404", url
        assert page.locator("h1").first.inner_text().strip(), url
        opened.append(key)
    page.close()
    assert len(opened) >= 11
    assert guard.blocked == []


def test_the_guard_counts_an_off_site_request(served):
    """The guard itself can fail a test: with the page's CSP bypassed, an off-site fetch
    reaches the router and is counted (with the CSP on, the browser refuses it first)."""
    base, context, guard = served
    browser = context.browser
    loose = browser.new_context(bypass_csp=True)
    own = OffSiteGuard()
    own.attach(loose)
    page = loose.new_page()
    page.goto(base)
    page.evaluate("fetch('https://example.com/x').catch(() => null)")
    page.wait_for_timeout(300)
    loose.close()
    assert own.blocked == ["https://example.com/x"]


SEARCHES = [
    ("手帳", "credits/"), ("更新申請", "renewal/"), ("修了認定書", "new/"), ("サイ窓", "contact/"),
    ("通知はがき", "mypage/"), ("単位シール", "credits/"), ("申請スケジュール", "schedule/"), ("登録料", "renewal/"),
    ("現金書留", "renewal/"), ("猶予期間", "renewal/"), ("マイページ", "mypage/"), ("利用者登録", "mypage/"),
    ("再研修会", "renewal/"), ("産業医科大学", "new/"), ("偶数月", "schedule/"), ("3枚複写", "renewal/"),
    ("実践活動", "renewal/"), ("前期研修", "new/"), ("問い合わせ", "contact/"), ("取扱い", "credits/"),
    ("締切", "schedule/"), ("非会員", "mypage/"), ("京都府警察", "contact/"), ("令和8年度", "schedule/"),
    ("特例措置", "renewal/"), ("8項目", "new/"), ("プライバシー", "about/"),
]


def type_query(page, query: str) -> None:
    """Type into Material's search box as a person would: it searches on keyup."""
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(query)
    search.press("End")


def test_japanese_search_finds_the_page(served):
    """Typed as a person would (Material searches on keyup); every query finds its page."""
    base, context, guard = served
    page = context.new_page()
    page.goto(base)
    misses = []
    for query, expected_page in SEARCHES:
        type_query(page, query)
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function("q => document.querySelector('.md-search-result__meta') && "
                               "document.querySelector('input.md-search__input').value === q", arg=query)
        page.wait_for_timeout(300)
        results = page.locator(".md-search-result__item a")
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        if not any(expected_page in href for href in hrefs):
            misses.append((query, expected_page, meta.inner_text(), hrefs[:3]))
    page.close()
    assert misses == []
    assert guard.blocked == []


def test_search_reports_nothing_found_for_an_absent_word(served):
    base, context, guard = served
    page = context.new_page()
    page.goto(base)
    type_query(page, "量子コンピュータ")
    page.wait_for_timeout(1000)
    assert page.locator(".md-search-result__item").count() == 0
    page.close()


def test_a_page_prints_without_navigation(served, tmp_path):
    base, context, guard = served
    page = context.new_page()
    page.goto(base + "schedule/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.locator("table").first.is_visible()
    pdf = tmp_path / "schedule.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    page.close()
