"""Entering many notebook stickers: a new row's 区分 starts 未選択 and a row nobody filled
is never counted; Enter in the last row adds the next row with the row above's date and
区分 as defaults; lines pasted from a note or a spreadsheet become rows, and every line that
cannot be read stays beside the box with why. The 11-sticker task is measured (keys,
clicks, fields) and written to test-artifacts/sticker-entry.json for the README."""
import json

from checker_page import (ARTIFACTS, PC, PHONE, READY, assert_matches_cpython, request_in_url, shown_result,
                          type_date)
from paths import ROOT

# Eleven stickers of one notebook (an occupational physician whose certificate runs to
# 2027-03-31): runs of one day and one kind, as seminars give them.
STICKERS = [("2022", "6", "12", "専門研修", "2"), ("2022", "6", "12", "専門研修", "1"), ("2022", "11", "20", "更新研修", "3"),
            ("2023", "2", "5", "実地研修", "2"), ("2023", "2", "5", "実地研修", "1"), ("2023", "7", "9", "専門研修", "2"),
            ("2023", "10", "15", "更新研修", "2"), ("2024", "3", "3", "専門研修", "1.5"), ("2024", "3", "3", "専門研修", "1.5"),
            ("2024", "9", "22", "実地研修", "2"), ("2025", "2", "16", "更新研修", "3")]
CATEGORIES = ["", "更新研修", "実地研修", "専門研修"]   # the select's order: 未選択 first


def credits_of(stickers):
    return [{"earned_on": f"{y}-{int(m):02d}-{int(d):02d}", "category": c, "units": float(u) if "." in u else int(u)}
            for y, m, d, c, u in stickers]


def test_a_new_row_starts_unchosen_and_a_row_left_as_it_came_is_not_counted(page_of, rules):
    page = page_of()
    page.wait_for_function(READY, timeout=60000)
    first = page.locator("tr.credit-row").nth(0)
    assert first.locator("select.category").input_value() == ""          # 未選択
    assert first.locator("select.category option:checked").inner_text() == "未選択"
    type_date(page, "expires_on", "2027", "2", "30")
    first.locator("input.year").fill("2024")
    first.locator("input.month").fill("6")
    first.locator("input.day").fill("1")
    first.locator("input.units").fill("2")
    page.click("#add-credit-row")                                        # no 区分 above: an empty row
    second = page.locator("tr.credit-row").nth(1)
    assert [second.locator(f"input.{p}").input_value() for p in ("year", "month", "day")] == ["", "", ""]
    page.click("#checker-submit")
    page.locator("#error-summary").wait_for(state="visible")
    # beside the field, and with the errors Python finds in the rest of the form, in the form's order
    assert "1行目の区分を選んでください。" in page.locator("#credit-row-0-error").inner_text()
    assert first.locator("select.category").get_attribute("aria-invalid") == "true"
    assert "credit-row-0-error" in first.locator("select.category").get_attribute("aria-describedby")
    assert page.locator("#error-summary-list li").all_inner_texts() == [
        "有効期限の「2027-02-30」は存在しない日付です。", "1行目の区分を選んでください。"]
    # chosen: Enter in the last row adds a row with this row's date and 区分, left out if untouched
    page.fill("#expires_on-day", "28")
    first.locator("select.category").select_option("専門研修")
    second.locator("button.remove-row").click()
    first.locator("input.units").press("Enter")
    second = page.locator("tr.credit-row").nth(1)
    assert [second.locator(f"input.{p}").input_value() for p in ("year", "month", "day")] == ["2024", "6", "1"]
    assert second.locator("select.category").input_value() == "専門研修"
    assert "is-default" in second.get_attribute("class")
    assert "credit-defaults-hint" in second.locator("input.year").get_attribute("aria-describedby")
    assert page.evaluate("document.activeElement.id") == "credit-row-1-year"
    page.click("#checker-submit")
    shown = shown_result(page)
    assert_matches_cpython(page, shown, rules)
    assert request_in_url(page)["credits"] == [{"earned_on": "2024-06-01", "category": "専門研修", "units": 2}]
    # typed into, the row counts (its date and 区分 kept as they came)
    second.locator("input.units").fill("1")
    assert "is-default" not in second.get_attribute("class")
    page.click("#checker-submit")
    page.wait_for_function("location.hash.includes('%22units%22%3A1')", timeout=30000)
    assert [c["earned_on"] for c in request_in_url(page)["credits"]] == ["2024-06-01", "2024-06-01"]


def paste_into(page, selector, text):
    """A real paste (Ctrl+V) of `text`, through the browser's clipboard."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.locator(selector).focus()
    page.keyboard.press("Control+V")


PASTED = "\n".join([
    "2024/6/1 専門研修 2",
    "R5.11.12\t更新\t1.5",           # 和暦, tabs from a spreadsheet, the start of a 区分's name
    "2023年2月30日 実地研修 1",       # a day that does not exist
    "",
    "2025/1/15　実地研修　3単位",     # full-width spaces, 「単位」
    "2024/7/7 再研修会 2",            # a sports physician's 区分
    "メモ：シールは全部で5枚",
])


def test_lines_pasted_into_the_box_become_rows_and_the_bad_ones_stay_with_why(page_of, rules):
    page = page_of(viewport=PC, permissions=["clipboard-read", "clipboard-write"])
    page.wait_for_function(READY, timeout=60000)
    type_date(page, "expires_on", "2027", "3", "31")
    page.locator("#credit-paste-box summary").click()
    paste_into(page, "#credit-paste", PASTED)
    page.locator("#credit-paste-status").filter(has_text="3行を表に入れました").wait_for(timeout=5000)
    rows = page.locator("tr.credit-row")
    assert rows.count() == 3
    assert [[rows.nth(i).locator(f".{p}").input_value() for p in ("year", "month", "day", "category", "units")]
            for i in range(3)] == [["2024", "6", "1", "専門研修", "2"], ["2023", "11", "12", "更新研修", "1.5"],
                                   ["2025", "1", "15", "実地研修", "3"]]
    assert page.locator("#credit-paste").input_value() == "\n".join(
        ["2023年2月30日 実地研修 1", "2024/7/7 再研修会 2", "メモ：シールは全部で5枚"])
    assert page.locator("#credit-paste-problems li").all_inner_texts() == [
        "1行目「2023年2月30日 実地研修 1」：受講日「2023年2月30日」は、ない日付か、読めない書き方です。",
        "2行目「2024/7/7 再研修会 2」：区分「再研修会」は、日本医師会認定産業医の更新申請にはありません。",
        "3行目「メモ：シールは全部で5枚」：受講日がありません。"]
    assert "読めなかった3行は、この欄に残しています" in page.locator("#credit-paste-status").inner_text()
    assert page.evaluate("document.activeElement.id") == "credit-paste"
    ARTIFACTS.mkdir(exist_ok=True)
    box = page.evaluate("""() => { scrollTo(0, 0); const r = document.getElementById('credit-rows-panel').getBoundingClientRect();
        return {x: r.x, y: r.y - 10, width: r.width, height: r.height + 20}; }""")   # the page's coordinates
    page.screenshot(path=ARTIFACTS / "checker-paste-box.png", clip=box, full_page=True)
    page.click("#checker-submit")
    shown = shown_result(page)
    assert_matches_cpython(page, shown, rules)
    assert request_in_url(page)["credits"] == [
        {"earned_on": "2024-06-01", "category": "専門研修", "units": 2},
        {"earned_on": "2023-11-12", "category": "更新研修", "units": 1.5},
        {"earned_on": "2025-01-15", "category": "実地研修", "units": 3}]


def test_cells_pasted_from_a_spreadsheet_into_a_row_become_rows(page_of):
    page = page_of(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.wait_for_function(READY, timeout=60000)
    page.locator("tr.credit-row input.units").fill("5")      # a row typed first is kept
    page.locator("tr.credit-row select.category").select_option("更新研修")
    page.locator("tr.credit-row input.year").fill("2023")
    page.locator("tr.credit-row input.month").fill("4")
    page.locator("tr.credit-row input.day").fill("1")
    page.click("#add-credit-row")
    paste_into(page, "#credit-row-1-year", "2024/6/1\t専門研修\t2\r\n2024/6/2\t専門研修\t1\r\n2024/6/3\t専門\tx\r\n")
    rows = page.locator("tr.credit-row")
    page.wait_for_function("document.querySelectorAll('tr.credit-row').length === 3", timeout=5000)
    assert [rows.nth(i).locator("input.day").input_value() for i in range(3)] == ["1", "1", "2"]
    assert page.locator("#credit-paste-box").get_attribute("open") is not None
    assert page.locator("#credit-paste").input_value() == "2024/6/3\t専門\tx"
    assert page.locator("#credit-paste-problems li").evaluate_all("lis => lis.map(li => li.textContent)") == [
        "1行目「2024/6/3\t専門\tx」：単位数「x」を読めません（2 や 1.5 のように数で書きます）。"]
    page.locator("#credit-paste-box").scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "checker-paste-box-phone.png")


class Counter:
    """What a physician does: characters typed, other keys pressed (Tab, Enter, arrows,
    Ctrl+V), clicks, and the fields typed into or changed."""

    def __init__(self, page):
        self.page, self.typed, self.keys, self.clicks, self.fields = page, 0, 0, 0, set()

    def type(self, text):
        self.fields.add(self.page.evaluate("document.activeElement.id"))
        self.page.keyboard.type(text)
        self.typed += len(text)

    def press(self, key, times=1):
        if key not in ("Tab", "Enter"):
            self.fields.add(self.page.evaluate("document.activeElement.id"))
        for _ in range(times):
            self.page.keyboard.press(key)
        self.keys += times

    def click(self, selector):
        self.page.click(selector)
        self.clicks += 1

    def counts(self) -> dict:
        return {"fields": len(self.fields), "clicks": self.clicks, "typed": self.typed, "other_keys": self.keys,
                "actions": self.clicks + self.typed + self.keys}


def counted_page(page_of) -> Counter:
    """A fresh checker page, counted from the first click: the expiry typed (2027/3/31)."""
    page = page_of(viewport=PC, permissions=["clipboard-read", "clipboard-write"])
    page.wait_for_function(READY, timeout=60000)
    count = Counter(page)
    count.click("#expires_on-year")
    for part in ("2027", "3", "31"):
        count.type(part)
        count.press("Tab")
    return count


def test_eleven_stickers_by_keyboard_and_by_paste(page_of, rules):
    """The task of the walk-through: 11 stickers into the form. By keyboard, each row comes
    from Enter in the row above with its date and 区分; by paste, the 11 lines at once."""
    count = counted_page(page_of)
    page = count.page
    count.press("Tab", 2)   # from マイページ (its radio group) past 研修会ごと (its group) to the first row's year
    previous = ("", "", "", "")
    for index, (year, month, day, category, units) in enumerate(STICKERS):
        assert page.evaluate("document.activeElement.id") == f"credit-row-{index}-year"
        for value, before in zip((year, month, day), previous[:3]):
            if value != before:
                count.type(value)   # the default is selected: typed over
            count.press("Tab")
        steps = CATEGORIES.index(category) - CATEGORIES.index(previous[3])
        if steps:
            count.press("ArrowDown" if steps > 0 else "ArrowUp", abs(steps))
        count.press("Tab")
        count.type(units)
        if index < len(STICKERS) - 1:
            count.press("Enter")    # the next row, with this row's date and 区分
        previous = (year, month, day, category)
    keyboard = count.counts()
    page.click("#checker-submit")
    shown = shown_result(page)
    assert_matches_cpython(page, shown, rules)
    assert request_in_url(page)["credits"] == credits_of(STICKERS)

    count = counted_page(page_of)
    page = count.page
    page.evaluate("text => navigator.clipboard.writeText(text)",
                  "\n".join("\t".join((f"{y}/{m}/{d}", c, u)) for y, m, d, c, u in STICKERS))
    count.click("#credit-paste-box summary")
    count.click("#credit-paste")
    count.press("Control+V")
    page.locator("#credit-paste-status").filter(has_text="11行を表に入れました").wait_for(timeout=5000)
    pasted = count.counts()
    page.click("#checker-submit")
    shown_result(page)
    assert request_in_url(page)["credits"] == credits_of(STICKERS)

    before = {"fields": 58, "clicks": 80, "keystrokes": 96, "actions": 80 + 96}   # the walk-through of issue 23
    measured = {"stickers": len(STICKERS), "before": before, "keyboard": keyboard, "paste": pasted}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "sticker-entry.json").write_text(json.dumps(measured, ensure_ascii=False, indent=1), encoding="utf-8")
    assert keyboard["clicks"] == 1 and keyboard["fields"] < before["fields"], measured
    assert keyboard["actions"] < before["actions"] * 0.8, measured
    assert pasted["clicks"] == 3 and pasted["actions"] < 20, measured
    # the README's table is these counts
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for how, counts in (("キーボード（Enter で次の行、前の行の受講日と区分を使う）", keyboard),
                        ("貼り付け（メモや表計算ソフトの11行）", pasted)):
        row = " | ".join(str(counts[key]) for key in ("fields", "clicks", "typed", "other_keys", "actions"))
        assert f"| {how} | {row} |" in readme, (how, counts)


def test_the_readme_shows_the_loading_screen_and_the_paste_box():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("checker-link-phone-loading.png", "checker-paste-box.png"):
        assert f"](examples/{name})" in readme and f"`test-artifacts/{name}`" in readme, name
        assert (ROOT / "examples" / name).read_bytes().startswith(b"\x89PNG")
