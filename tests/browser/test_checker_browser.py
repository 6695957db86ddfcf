"""The checker as a physician meets it: the built site served by nginx under a sub-path,
Debian's Chromium driven by Playwright, keyboard and clicks, nothing leaving 127.0.0.1."""
import json
import urllib.parse

import icalendar

from browser import OffSiteGuard
from checker import evaluate
from checker_page import READY, assert_matches_cpython, link_to, request_in_url, shown_result, type_date


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
    page.keyboard.press("Enter")   # in the last row: a third row, with the second row's date and 区分
    third = page.locator("tr.credit-row").nth(2)
    assert third.locator("input.year").evaluate("e => e === document.activeElement")
    assert [third.locator(f"input.{part}").input_value() for part in ("year", "month", "day")] == ["2025", "7", "20"]
    assert third.locator("select.category").input_value() == "実地研修"
    page.keyboard.press("Enter")   # in a row left as it came: submits the form (the row is not counted)
    shown = shown_result(page)
    expected = assert_matches_cpython(page, shown, rules)
    assert request_in_url(page)["credits"] == [
        {"earned_on": "2023-06-10", "category": "更新研修", "units": 8},
        {"earned_on": "2025-07-20", "category": "実地研修", "units": 3}]
    assert shown["rows"][0] == ["更新研修", "1", "8", "0", "8", "0"]
    assert shown["rows"][1] == ["実地研修", "1", "3", "0", "0", "3"]
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
    expected = assert_matches_cpython(page, shown, rules)
    assert expected["eligible"] is True
    assert shown["rows"] == [["再研修会", "5", "5", "0", "3", "2"]]
    assert page.locator("#result-paper-heading").inner_text() == "修了証（2025年3月31日まで）"


def test_a_zero_in_the_totals_means_none_not_an_error(page_of, rules):
    page = page_of()
    type_date(page, "expires_on", "2027", "3", "31")
    page.get_by_label("区分ごとの合計を入力する").check()
    page.get_by_label("更新研修（紙）の単位数").fill("18")
    page.get_by_label("実地研修（紙）の単位数").fill("1")
    page.get_by_label("実地研修（MAMIS）の単位数").fill("0")
    page.get_by_label("専門研修（MAMIS）の単位数").fill("１")
    page.click("#checker-submit")
    shown = shown_result(page)
    expected = assert_matches_cpython(page, shown, rules)
    assert expected["credits"]["counted_total"] == 20 and page.locator("[aria-invalid]").count() == 0
    assert len(request_in_url(page)["credit_totals"]) == 3


def test_new_application_hides_the_validity_date(page_of, rules):
    page = page_of()
    page.get_by_label("新規申請").check()
    assert not page.locator("#field-expires_on").is_visible()
    page.get_by_label("まだ登録していない").check()
    page.click("#checker-submit")
    shown = shown_result(page)
    assert_matches_cpython(page, shown, rules)
    assert shown["heading"] == "まずマイページの登録を完了してください"
    assert shown["verdict"].startswith("登録は https://mamis.med.or.jp/login からできます")


def test_a_date_with_a_box_left_empty_says_so_beside_it(page_of):
    page = page_of()
    page.wait_for_function(READY, timeout=60000)
    page.locator("#expires_on-year").fill("R9")
    page.locator("#expires_on-month").fill("3")
    page.click("#checker-submit")
    page.locator("#error-summary").wait_for(state="visible")
    assert page.locator("#expires_on-error").inner_text() == "有効期限の年・月・日を、すべて入力してください。"
    assert page.locator("#expires_on-day").get_attribute("aria-invalid") == "true"


def test_errors_are_shown_beside_their_fields(page_of):
    page = page_of()
    page.wait_for_function(READY, timeout=60000)
    type_date(page, "expires_on", "2027", "2", "30")
    row = page.locator("tr.credit-row").nth(0)
    row.locator("input.year").fill("2025")
    row.locator("input.month").fill("5")
    row.locator("input.day").fill("1")
    row.locator("select.category").select_option("更新研修")
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
    page = page_of(link_to(request))
    shown = shown_result(page)   # no click
    expected = assert_matches_cpython(page, shown, rules)
    assert expected["status"] == "open" and expected["eligible"] is True
    assert page.locator("#expires_on-year").input_value() == "2026"
    assert page.locator("#mypage_registered_on-day").input_value() == "20"
    assert page.locator("tr.credit-row").count() == 3
    assert "2026年5月15日" in shown["status"]


def test_a_new_applications_years_limit_is_not_shown_as_the_associations_closing_day(page_of, rules):
    request = {"certification": "occupational", "procedure": "new", "mypage_registered_on": "2025-03-29",
               "as_of": "2026-11-05", "credits": [{"earned_on": "2021-11-20", "category": name, "units": units}
                                                  for name, units in (("前期研修", 14), ("実地研修", 10), ("後期研修", 26))]}
    page = page_of(link_to(request))
    shown = shown_result(page)
    assert_matches_cpython(page, shown, rules)
    assert shown["apply_by"] == "2026年11月20日（金）（新規申請の期限）"


def test_no_round_state_that_contradicts_the_verdict(page_of, rules):
    """A new application past its five years: no round is left for it, so the state says
    the time has passed (not 「今が申請の時期です」) and no round's table is shown. An
    expired certificate (sports: no special measure) has no round to show at all."""
    past_five_years = {"certification": "occupational", "procedure": "new", "mypage_registered_on": "2025-03-29",
                       "as_of": "2026-11-22", "credits": [{"earned_on": "2021-10-01", "category": name, "units": units}
                                                          for name, units in (("前期研修", 14), ("実地研修", 10), ("後期研修", 26))]}
    page = page_of(link_to(past_five_years))
    shown = shown_result(page)
    expected = assert_matches_cpython(page, shown, rules)
    assert expected["status"] == "missed" and expected["verdict"]["code"] == "contact_association"
    assert "今が申請の時期" not in shown["status"] and page.locator("#result-schedule").is_hidden()
    expired = {"certification": "sports", "procedure": "renewal", "expires_on": "2024-05-30", "activity": True,
               "mypage_registered_on": "2025-03-29", "as_of": "2026-11-22"}
    page = page_of(link_to(expired))
    shown = shown_result(page)
    assert assert_matches_cpython(page, shown, rules)["status"] == "expired"
    assert page.locator("#result-schedule").is_hidden() and page.locator("#result-status").is_visible()
    assert page.locator("#download-ics").is_hidden()   # no dates of an old round in a calendar


def test_calendar_download_is_valid_icalendar(page_of, rules, tmp_path):
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
               "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21"}
    page = page_of(link_to(request))
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
    assert schedule["opens_on_estimated"]   # an opening known only by its month is no event
    assert events == {
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
    page.goto(base + link_to(request))
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
