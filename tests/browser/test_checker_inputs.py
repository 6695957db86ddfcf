"""What a physician types is never silently changed or dropped (issue #11): an empty
registration date is an error, switching title or procedure never re-labels a credit row,
a credit the checker did not count has its note beside its row, 和暦 years are read, a
bare 「9」 is asked about, every field says 必須 or 任意, and keyboard focus is visible."""
from checker import evaluate
from checker_page import READY, fill_row, link_to, request_in_url, shown_result, type_date


def test_registered_later_without_a_date_is_an_error_beside_the_field(page_of):
    page = page_of()
    type_date(page, "expires_on", "2027", "3", "31")
    page.get_by_label("それより後に登録を完了した（登録日を入力）").check()
    page.click("#checker-submit")
    error = page.locator("#mypage_registered_on-error")
    error.wait_for(state="visible")
    assert "登録を完了した日を入力してください" in error.inner_text()
    assert page.locator("#mypage_registered_on-year").get_attribute("aria-invalid") == "true"
    assert page.locator("#checker-result").is_hidden()
    link = page.locator("#error-summary-list a").first
    assert link.get_attribute("href") == "#mypage_registered_on-year"


def test_switching_title_never_relabels_a_row(page_of):
    page = page_of()
    page.get_by_label("日本医師会認定健康スポーツ医").check()
    row = fill_row(page, 0, "2024", "2", "1", "再研修会", "3")
    page.get_by_label("日本医師会認定産業医").check()
    select = row.locator("select.category")
    assert select.input_value() == ""                       # not 更新研修, not anything
    error = page.locator("#credit-row-0-error")
    assert error.is_visible() and "区分「再研修会」は、日本医師会認定産業医の更新申請にはありません" in error.inner_text()
    assert select.get_attribute("aria-invalid") == "true"
    page.get_by_label("日本医師会認定健康スポーツ医").check()   # back: the row is as it was typed
    assert select.input_value() == "再研修会" and error.is_hidden()
    page.get_by_label("日本医師会認定産業医").check()
    type_date(page, "expires_on", "2027", "3", "31")
    page.click("#checker-submit")
    page.locator("#error-summary").wait_for(state="visible")
    assert page.locator("#error-summary-list a").first.get_attribute("href") == "#credit-row-0-category"
    assert page.locator("#checker-result").is_hidden()


def test_totals_of_a_category_not_offered_are_kept_and_said(page_of):
    page = page_of()
    page.get_by_label("区分ごとの合計を入力する").check()
    page.get_by_label("更新研修（紙）の単位数").fill("4")
    page.get_by_label("日本医師会認定健康スポーツ医").check()
    note = page.locator("#totals-hidden-note")
    assert note.is_visible() and "更新研修" in note.inner_text()
    page.get_by_label("日本医師会認定産業医").check()
    assert page.get_by_label("更新研修（紙）の単位数").input_value() == "4" and note.is_hidden()


def test_a_credit_not_counted_has_its_note_beside_its_row(page_of, rules):
    page = page_of()
    type_date(page, "expires_on", "2027", "3", "31")
    fill_row(page, 0, "2024", "1", "20", "更新研修", "3")
    page.click("#add-credit-row")
    fill_row(page, 1, "2020", "6", "1", "専門研修", "5")     # before the validity period
    page.click("#checker-submit")
    shown_result(page)
    expected = evaluate(request_in_url(page), rules)
    [dropped] = expected["credits"]["not_counted"]
    assert dropped["row"] == 2
    note = page.locator("#credit-row-1-note")
    assert note.is_visible() and dropped["message"] in note.inner_text()
    assert page.locator("#credit-row-0-note").is_hidden()


def test_era_years_are_read_and_a_bare_year_is_asked_about(page_of):
    page = page_of()
    page.wait_for_function(READY, timeout=60000)
    for value in (("2019", "5", "1"), ("", "", "")):   # a western year gets its era year, by Intl
        for part, text in zip(("year", "month", "day"), value):
            page.locator(f"#expires_on-{part}").fill(text)
        if value[0]:
            assert page.locator("#expires_on-wareki").inner_text() == "（令和元年）"
    type_date(page, "expires_on", "R9", "3", "31")
    assert page.locator("#expires_on-wareki").inner_text() == "（2027年3月31日）"
    page.get_by_label("それより後に登録を完了した（登録日を入力）").check()
    type_date(page, "mypage_registered_on", "令和7", "5", "1")
    fill_row(page, 0, "Ｈ３１", "4", "1", "更新研修", "2")    # full-width, as an IME gives it
    page.click("#checker-submit")
    shown_result(page)
    request = request_in_url(page)
    assert request["expires_on"] == "2027-03-31"
    assert request["mypage_registered_on"] == "2025-05-01"
    assert request["credits"][0]["earned_on"] == "2019-04-01"
    # a bare 9: which year? The page suggests 令和9年＝2027年 and asks nothing of Python
    page.locator("#expires_on-year").fill("9")
    page.click("#checker-submit")
    error = page.locator("#expires_on-error")
    error.wait_for(state="visible")
    assert "「R9」" in error.inner_text() and "令和9年＝2027年" in error.inner_text()
    assert page.locator("#checker-result").is_hidden()


def test_every_field_says_whether_it_is_required(page_of):
    page = page_of()
    marks = page.evaluate("""() => [...document.querySelectorAll('#checker-form fieldset legend')]
        .map(legend => [legend.textContent.trim(), legend.querySelector('.req, .opt')?.textContent])""")
    assert marks and all(mark in ("必須", "任意") for _, mark in marks), marks
    assert dict((text.split()[0], mark) for text, mark in marks)["資格"] == "必須"


def test_every_focusable_control_shows_keyboard_focus(page_of):
    """Tab through the checker with a result shown: each input, radio, select, button and
    link it reaches has an outline or shadow it does not have without focus (WCAG 2.4.7)."""
    page = page_of(link_to({"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
                            "mypage_registered_on": "2025-05-01", "as_of": "2026-11-21"}))
    shown_result(page)
    page.evaluate("""() => {
        const style = (e) => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
        window.__controls = [...document.querySelectorAll('#checker-app :is(input, select, button, summary, a[href], [tabindex="0"])')];
        document.activeElement.blur();
        window.__plain = window.__controls.map(style);
        window.__style = style;
        document.querySelector('h1').setAttribute('tabindex', '-1');
        document.querySelector('h1').focus();
    }""")
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        found = page.evaluate("""() => { const e = document.activeElement, i = window.__controls.indexOf(e);
            return {inside: i >= 0, kind: e.type || e.tagName, html: e.outerHTML.slice(0, 100),
                    same: i >= 0 && window.__style(e) === window.__plain[i]}; }""")
        if not found["inside"]:
            break
        seen.append(found)
    assert {"radio", "text", "select-one", "submit", "button", "checkbox", "SUMMARY"} <= {f["kind"] for f in seen}, (seen, found)
    assert [f["html"] for f in seen if f["same"]] == []
