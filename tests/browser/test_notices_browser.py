"""Renewal letters from the roster page, as staff print them: a 40-member Shift_JIS roster
checked in the browser, 「案内状を印刷」, and Chromium's print of the page (page.pdf) is one
A4 page per member due within four months, each naming that member's expiry and months.
The letters equal those the command line writes for the same file and day."""
import io
import re

from pypdf import PdfReader

from checker.evaluate import today_in_japan
from checker.roster.check import Roster
from checker_page import ARTIFACTS, ROOT
from notices_roster import MARKUP_NAME, due_ids, printed_as_the_command_line_writes, roster_of_40

# The browser's print dialog cannot be driven headless: count the calls instead and print
# with page.pdf(), which renders the page's print styles as the dialog would.
NO_DIALOG = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


def test_the_roster_page_prints_one_letter_per_member_due(page_of, rules, tmp_path):
    as_of = today_in_japan().isoformat()          # the page checks a roster as of today
    data, expiries = roster_of_40(as_of)
    path = tmp_path / "meibo.csv"
    path.write_bytes(data)
    page = page_of("roster/", init_script=NO_DIALOG)
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    page.click("#roster-notices")
    page.wait_for_function("window.__prints === 1", timeout=60000)
    due = due_ids(Roster(rules).check(data, as_of)["rows"], as_of=as_of)
    assert len(due) >= 3
    assert page.locator("#notices section.notice").count() == len(due)
    assert f"{len(due)}人分の案内状" in page.locator("#notices-count").inner_text()
    assert MARKUP_NAME in page.locator("#notices").inner_text()          # a name is text,
    assert page.locator("#notices script, #notices b").count() == 0      # never markup

    pdf = page.pdf(prefer_css_page_size=True)
    (ARTIFACTS / "notices.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == len(due)
    for printed in pages:
        text = re.sub(r"\s+", "", printed.extract_text())
        member = next(member for member in due if re.sub(r"\D", "", expiries[member])[:4] in text
                      and f"{int(expiries[member][5:7])}月{int(expiries[member][8:])}日" in text)
        assert member and "申請月" in text and "申請の期限" in text

    assert printed_as_the_command_line_writes(page, path, as_of), "the page prints what the command line writes"
    # A picture of one letter as it prints (the README's example is a copy of it)
    page.click("#roster-notices")
    page.wait_for_function("window.__prints === 2", timeout=60000)
    page.emulate_media(media="print")
    page.locator("#notices section.notice").first.screenshot(path=str(ARTIFACTS / "notice-letter.png"))


def test_a_filter_chooses_who_gets_a_letter(page_of, tmp_path):
    data, _ = roster_of_40(today_in_japan().isoformat())
    path = tmp_path / "meibo.csv"
    path.write_bytes(data)
    page = page_of("roster/", init_script=NO_DIALOG)
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    month = page.locator("#filter-month option").nth(3).get_attribute("value")
    page.select_option("#filter-month", month)
    shown = page.locator("#roster-rows tr").count()
    page.click("#roster-notices")
    page.wait_for_function("window.__prints === 1", timeout=60000)
    assert page.locator("#notices section.notice").count() == shown > 0


def test_the_readme_shows_a_letter():
    """The README's example letter is there and is a picture (a copy of the one above)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "![更新申請の案内状の見本（A4 1枚）](examples/notice-letter.png)" in readme
    assert (ROOT / "examples" / "notice-letter.png").read_bytes().startswith(b"\x89PNG")
