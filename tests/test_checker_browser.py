"""The checker as a physician meets it: the built site served by nginx under a sub-path,
Debian's Chromium driven by Playwright, keyboard and clicks, nothing leaving 127.0.0.1."""
import json
import re
import urllib.parse
from pathlib import Path

import icalendar
import pytest

from browser import OffSiteGuard, chromium
from checker import evaluate
from nginx import nginx_serving
from test_site import site  # noqa: F401 - builds the site once per session

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
READY = "document.getElementById('checker-status').textContent.includes('準備完了')"


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):  # noqa: F811
    with nginx_serving(site, tmp_path_factory.mktemp("nginx")) as base, chromium() as browser:
        yield base, browser


@pytest.fixture
def page_of(served):
    """A fresh context per test (clean cache), with the off-site guard and CSP watch."""
    base, browser = served
    opened = []

    def open_page(path="checker/", **options):
        context = browser.new_context(locale="ja-JP", accept_downloads=True, **options)
        guard = OffSiteGuard()
        guard.attach(context)
        context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                                " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
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


def type_date(page, prefix, year, month, day):
    for part, value in (("year", year), ("month", month), ("day", day)):
        page.locator(f"#{prefix}-{part}").click()
        page.keyboard.type(value)


def request_in_url(page) -> dict:
    fragment = urllib.parse.urlsplit(page.url).fragment
    assert fragment.startswith("q=")
    return json.loads(urllib.parse.unquote(fragment[2:]))


def shown_result(page):
    page.wait_for_selector("#checker-result:not([hidden])", timeout=60000)
    rows = page.locator("#result-credit-rows tr")
    return {
        "verdict": page.locator("#result-verdict").inner_text(),
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
    assert shown["counted_total"] == str(expected["credits"]["counted_total"])
    assert shown["round"] == expected["schedule"]["labels"]["round"]
    assert shown["apply"] == expected["schedule"]["labels"]["apply_months"]
    assert shown["approval"] == expected["schedule"]["labels"]["approval_on"]
    assert [a.strip() for a in shown["actions"]] == [a["text"] for a in expected["actions"]]
    assert shown["warnings"] == [w["text"] for w in expected["warnings"]]
    assert expected["status_label"] in shown["status"]
    return expected


def test_occupational_renewal_typed_row_by_row(page_of, rules):
    page = page_of()
    type_date(page, "expires_on", "2027", "３", "31")   # a full-width digit, as an IME gives it
    assert page.locator("#expires_on-wareki").inner_text() == "（令和9年）"
    row = page.locator("tr.credit-row").nth(0)
    row.locator("input.year").click()
    page.keyboard.type("2023")
    page.keyboard.press("Tab")
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    page.keyboard.type("10")
    row.locator("select.category").select_option("更新研修")
    row.locator("input.units").fill("8")
    page.click("#add-credit-row")
    second = page.locator("tr.credit-row").nth(1)
    assert second.locator("input.year").evaluate("e => e === document.activeElement")
    page.keyboard.type("2025")
    second.locator("input.month").fill("7")
    second.locator("input.day").fill("20")
    second.locator("select.category").select_option("実地研修")
    second.locator("input.units").fill("3")
    page.keyboard.press("Enter")   # submits the form
    shown = shown_result(page)
    expected = assert_matches_cpython(page, shown, rules)
    assert request_in_url(page)["credits"] == [
        {"earned_on": "2023-06-10", "category": "更新研修", "units": 8},
        {"earned_on": "2025-07-20", "category": "実地研修", "units": 3}]
    assert shown["rows"][0] == ["更新研修", "1", "8", "0", "8", "0"]
    assert shown["rows"][1] == ["実地研修", "1", "3", "0", "0", "3"]
    assert "要件を満たしていません" in shown["verdict"]
    assert expected["credits"]["shortfall_total"] == 9


def test_sports_renewal_with_totals_is_eligible(page_of, rules):
    page = page_of()
    page.get_by_label("日本医師会認定健康スポーツ医").check()
    assert page.locator("#field-activity").is_visible()
    type_date(page, "expires_on", "2027", "5", "30")
    page.get_by_label("区分ごとの合計を入力する").check()
    page.get_by_label("再研修会（紙）の単位数").fill("3")
    page.get_by_label("再研修会（MAMIS）の単位数").fill("2")
    page.locator("#field-activity").get_by_label("ある").check()
    page.click("#checker-submit")
    shown = shown_result(page)
    assert_matches_cpython(page, shown, rules)
    assert "要件を満たしています" in shown["verdict"]
    assert shown["rows"] == [["再研修会", "5", "5", "0", "3", "2"]]
    assert page.locator("#result-paper-heading").inner_text() == "修了証（2025年3月31日まで）"


def test_new_application_hides_the_validity_date(page_of, rules):
    page = page_of()
    page.get_by_label("新規申請").check()
    assert not page.locator("#field-expires_on").is_visible()
    page.get_by_label("まだ登録していない").check()
    page.click("#checker-submit")
    shown = shown_result(page)
    assert_matches_cpython(page, shown, rules)
    assert any("今すぐマイページの登録" in action for action in shown["actions"])


def test_errors_are_shown_beside_their_fields(page_of):
    page = page_of()
    page.wait_for_function(READY, timeout=60000)
    type_date(page, "expires_on", "2027", "2", "30")
    row = page.locator("tr.credit-row").nth(0)
    row.locator("input.year").fill("2025")
    row.locator("input.month").fill("5")
    row.locator("input.day").fill("1")
    row.locator("input.units").fill("0")
    page.click("#checker-submit")
    summary = page.locator("#error-summary")
    summary.wait_for(state="visible")
    assert page.title().startswith("エラー：")
    assert summary.evaluate("e => e === document.activeElement")
    assert page.locator("#expires_on-error").inner_text() == "有効期限の「2027-02-30」は存在しない日付です。"
    for part in ("year", "month", "day"):
        field = page.locator(f"#expires_on-{part}")
        assert field.get_attribute("aria-invalid") == "true"
        assert "expires_on-error" in field.get_attribute("aria-describedby")
    units = row.locator("input.units")
    assert units.get_attribute("aria-invalid") == "true"
    row_error = page.locator("#credit-row-0-error")
    assert "1行目の単位数" in row_error.inner_text() and row_error.is_visible()
    assert "credit-row-0-error" in units.get_attribute("aria-describedby")
    assert page.locator("#error-summary-list li").count() == 2
    page.locator("#error-summary-list a").first.click()
    assert page.locator("#expires_on-year").evaluate("e => e === document.activeElement")
    assert page.locator("#checker-result").is_hidden()
    # corrected, the errors go away and the title is restored
    page.locator("#expires_on-day").fill("28")
    units.fill("2")
    page.click("#checker-submit")
    shown_result(page)
    assert not page.title().startswith("エラー：")
    assert page.locator("[aria-invalid]").count() == 0


def test_a_share_link_fills_the_form_and_shows_the_result(page_of, rules):
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2026-09-30",
               "mypage_registered_on": "2025-04-20", "as_of": "2026-05-15",
               "credits": [{"earned_on": "2024-01-20", "category": "専門研修", "units": 12},
                           {"earned_on": "2025-10-05", "category": "実地研修", "units": 4},
                           {"earned_on": "2026-02-11", "category": "更新研修", "units": 4}]}
    page = page_of("checker/#q=" + urllib.parse.quote(json.dumps(request, ensure_ascii=False)))
    shown = shown_result(page)   # no click
    expected = assert_matches_cpython(page, shown, rules)
    assert expected["status"] == "open" and expected["eligible"] is True
    assert page.locator("#expires_on-year").input_value() == "2026"
    assert page.locator("#mypage_registered_on-day").input_value() == "20"
    assert page.locator("tr.credit-row").count() == 3
    assert "2026年5月15日" in shown["status"]


def test_calendar_download_is_valid_icalendar(page_of, rules, tmp_path):
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
               "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21"}
    page = page_of("checker/#q=" + urllib.parse.quote(json.dumps(request)))
    shown_result(page)
    with page.expect_download() as download_info:
        page.click("#download-ics")
    download = download_info.value
    assert download.suggested_filename == "ninteii-schedule.ics"
    path = tmp_path / "schedule.ics"
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") and max(len(line) for line in raw.split(b"\r\n")) <= 75
    calendar = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    events = {str(event["SUMMARY"]): event["DTSTART"].dt.isoformat() for event in calendar.walk("VEVENT")}
    schedule = evaluate(request, rules)["schedule"]
    assert events == {
        "認定産業医の更新申請：申請の受付開始（第5回）": schedule["opens_on"],
        "認定産業医の更新申請：申請の期限の目安（第5回）": schedule["apply_by"],
        "認定産業医の更新申請：日本医師会の審査・承認（第5回）": schedule["approval_on"],
        "認定産業医の更新申請：認定証到着の目安（第5回）": schedule["certificate_from"],
        "認定産業医の更新申請：有効期限": "2027-03-31",
    }
    assert all(event["DTSTART"].params.get("VALUE") == "DATE" for event in calendar.walk("VEVENT"))


def test_copy_link_puts_the_request_in_the_fragment(page_of, served):
    base, _ = served
    page = page_of(permissions=["clipboard-read", "clipboard-write"])
    page.get_by_label("新規申請").check()
    page.click("#checker-submit")
    shown_result(page)
    page.click("#copy-link")
    page.locator("#share-status").filter(has_text="コピーしました").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(base + "checker/#q=")
    assert json.loads(urllib.parse.unquote(copied.split("#q=", 1)[1]))["procedure"] == "new"


def test_the_page_says_so_when_the_runtime_cannot_start(served):
    base, browser = served
    context = browser.new_context()
    context.route(re.compile(r".*\.wasm$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(base + "checker/")
    failed = page.locator("#checker-failed")
    failed.wait_for(state="visible", timeout=60000)
    assert "申請スケジュールの表" in failed.inner_text()
    assert failed.locator("a", has_text="申請スケジュールの表").get_attribute("href") == "../schedule/"
    context.close()


def test_no_webassembly_fails_at_once(served):
    base, browser = served
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(base + "checker/")
    page.locator("#checker-failed").wait_for(state="visible", timeout=5000)
    assert page.locator("#checker-submit").is_disabled()
    context.close()


def test_screenshots_desktop_and_phone(served, rules):
    base, browser = served
    ARTIFACTS.mkdir(exist_ok=True)
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
               "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21",
               "credits": [{"earned_on": "2023-06-10", "category": "更新研修", "units": 8},
                           {"earned_on": "2025-07-20", "category": "実地研修", "units": 3}]}
    url = base + "checker/#q=" + urllib.parse.quote(json.dumps(request, ensure_ascii=False))
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        context = browser.new_context(viewport=viewport, locale="ja-JP", device_scale_factor=1)
        page = context.new_page()
        page.goto(url)
        shown_result(page)
        page.screenshot(path=ARTIFACTS / f"checker-{name}.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        context.close()
        assert width <= viewport["width"], f"{name}: the page scrolls sideways ({width}px)"


def test_a_slow_load_says_it_is_still_loading(served, site, tmp_path):  # noqa: F811
    """A phone on a weak network: nginx sends at most 500 KB/s per connection (the wasm
    alone takes about 19 s here), so the 10-second "still loading" message must show."""
    browser = served[1]
    with nginx_serving(site, tmp_path / "slow", location_extra="limit_rate 500k;") as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "checker/")
        status = page.locator("#checker-status")
        assert "読み込み中" in status.inner_text()
        assert status.get_attribute("aria-live") == "polite"
        page.locator("#expires_on-year").fill("2027")   # the form is usable meanwhile
        status.filter(has_text="まだ読み込んでいます").wait_for(timeout=30000)
        page.wait_for_function(READY, timeout=120000)
        context.close()


def test_a_result_prints_without_the_form(page_of, tmp_path):
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
               "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21"}
    page = page_of("checker/#q=" + urllib.parse.quote(json.dumps(request)))
    shown_result(page)
    page.emulate_media(media="print")
    assert not page.locator("#checker-form").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert not page.locator("#copy-link").is_visible()
    assert page.locator("#checker-result").is_visible()
    assert page.locator("#print-note").is_visible()
    page.pdf(path=str(tmp_path / "result.pdf"), format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "checker-result-a4.pdf"), format="A4")


def test_a_later_visit_starts_from_the_kept_snapshot_and_answers_the_same(served, rules):
    base, browser = served
    context = browser.new_context(locale="ja-JP")
    guard = OffSiteGuard()
    guard.attach(context)
    first = context.new_page()
    first.goto(base + "checker/")
    first.wait_for_function("performance.getEntriesByName('checker-snapshot-saved').length > 0", timeout=120000)
    assert first.evaluate("performance.getEntriesByName('checker-snapshot').length") == 0
    first.close()
    request = {"certification": "sports", "procedure": "renewal", "expires_on": "2027-05-30", "activity": True,
               "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21",
               "credits": [{"earned_on": "2024-02-01", "category": "再研修会", "units": 5}]}
    page = context.new_page()
    page.goto(base + "checker/#q=" + urllib.parse.quote(json.dumps(request, ensure_ascii=False)))
    shown = shown_result(page)
    assert page.evaluate("performance.getEntriesByName('checker-snapshot').length") == 1
    assert_matches_cpython(page, shown, rules)
    # a broken snapshot is thrown away and the runtime starts afresh
    page.evaluate("""async () => { const cache = await caches.open('ninteii-checker-snapshots');
        for (const key of await cache.keys()) await cache.put(key, new Response(new Uint8Array([1, 2, 3]))); }""")
    page.close()
    again = context.new_page()
    again.goto(base + "checker/")
    again.wait_for_function(READY, timeout=60000)
    assert again.evaluate("performance.getEntriesByName('checker-snapshot').length") == 0
    context.close()
    assert guard.blocked == []


def test_roster_upload_filter_and_download(page_of, rules, tmp_path):
    from checker.roster import Roster
    from test_roster import generated

    text, expected = generated(seed=21, count=120)
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("cp932"))        # as Excel on a Japanese PC saves it
    page = page_of("roster/")
    page.wait_for_function("document.getElementById('checker-status').textContent.includes('準備完了')",
                           timeout=60000)
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    shown = page.locator("#roster-rows tr")
    assert shown.count() == 120
    python_rows = Roster(rules).check(path.read_bytes(), None)["rows"]
    first_cells = shown.nth(0).locator("td").all_inner_texts()
    assert first_cells == [str(python_rows[0][field] if python_rows[0][field] is not None else "")
                           for field in Roster.result_fields()]
    page.select_option("#filter-status", "error")
    with_errors = [row for row in python_rows if row["errors"]]
    assert shown.count() == len(with_errors) > 0
    assert "行目の「" in shown.nth(0).locator("td").nth(Roster.result_fields().index("error_text")).inner_text()
    page.select_option("#filter-status", "")
    month = python_rows[0]["apply_months"][0]
    page.select_option("#filter-month", month)
    in_month = [row for row in python_rows if row["apply_months"] and row["apply_months"][0] == month]
    assert shown.count() == len(in_month)
    assert f"{len(in_month)}人が当てはまります（全120人）" in page.locator("#roster-count").inner_text()
    with page.expect_download() as download_info:
        page.click("#roster-download")
    saved = tmp_path / "result.csv"
    download_info.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")       # UTF-8 with BOM, so Excel opens it correctly
    assert data.decode("utf-8") == Roster(rules).to_csv(in_month)


def test_roster_template_and_a_bad_file(page_of, served):
    base, _ = served
    page = page_of("roster/")
    href = page.locator("a[download]").get_attribute("href")
    import urllib.request

    template = urllib.request.urlopen(urllib.parse.urljoin(base + "roster/", href)).read()
    assert template.startswith("\ufeffID・氏名,資格,有効期限".encode("utf-8"))
    page.wait_for_function("document.getElementById('checker-status').textContent.includes('準備完了')",
                           timeout=60000)
    page.set_input_files("#roster-file", files=[{"name": "x.csv", "mimeType": "text/csv",
                                                 "buffer": "氏名,生年月日\r\nA,1970/1/1\r\n".encode("utf-8")}])
    error = page.locator("#roster-file-error")
    error.wait_for(state="visible", timeout=30000)
    assert "1行目に見出しがありません" in error.inner_text()
    assert page.locator("#roster-file").get_attribute("aria-invalid") == "true"
