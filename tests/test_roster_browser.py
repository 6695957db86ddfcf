"""The roster page in Chromium (through nginx) against hostile files: the worker survives
every one of them, the file input stays usable, a formula in a name is shown as written
and downloaded as text."""
import csv
import io

import pytest

from checker.evaluate import today_in_japan
from checker.roster import Roster
from test_checker_browser import READY, page_of, served  # noqa: F401 - fixtures
from test_site import site  # noqa: F401 - builds the site once per session

HEADER = "ID・氏名,資格,有効期限,マイページ登録日（任意）,更新研修（単位）（任意）,実地研修（単位）（任意）,専門研修（単位）（任意）,再研修会（単位）（任意）"


def choose(page, data: bytes) -> None:
    page.set_input_files("#roster-file", files=[{"name": "meibo.csv", "mimeType": "text/csv", "buffer": data}])


def wait_until_answered(page) -> None:
    page.wait_for_function("""() => !document.getElementById('roster-file-error').hidden
        || !document.getElementById('roster-result').hidden""", timeout=60000)


def file_error(page) -> str:
    error = page.locator("#roster-file-error")
    error.wait_for(state="visible", timeout=60000)
    return error.inner_text()


@pytest.fixture
def roster_page(page_of):  # noqa: F811
    page = page_of("roster/")
    page.wait_for_function(READY, timeout=60000)
    return page


def test_the_worker_survives_every_broken_file(roster_page):
    page = roster_page
    rows = ["A-1,認定産業医,2027/3/31,,12,4,4,", "A-2,健康スポーツ医,R9.5.30,,,,,5"]
    # An old Mac "CSV (Macintosh)": lines end with CR only. It is read like any other.
    choose(page, ("\r".join([HEADER, *rows]) + "\r").encode("cp932"))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    assert page.locator("#roster-rows tr").count() == 2
    broken = [
        ("\r\n".join([HEADER, rows[0], "A-3," + "x" * 200_000 + ",2027/3/31"]), "3行目に1000文字を超えるセルがあります。"),
        ("\r\n".join([HEADER, rows[0], 'A-3,"産業医,2027/3/31', rows[1]]), "3行目から2行を読めませんでした。"),
        ("\r\n".join([HEADER, rows[0], "A-3\x00,産業医,2027/3/31"]), "3行目にNUL文字（0x00）があります。"),
    ]
    for text, message in broken:
        page.evaluate("document.getElementById('roster-file-error').hidden = true")
        choose(page, text.encode("utf-8"))
        assert message in file_error(page)
        assert page.locator("#roster-file").is_enabled()
        assert page.locator("#checker-failed").is_hidden()
    stray = ("\r\n".join([HEADER, rows[0], rows[1]]) + "\r\n").encode("utf-8").replace(b"A-2,", b"A-2\xff,")
    page.evaluate("document.getElementById('roster-file-error').hidden = true")
    choose(page, stray)
    assert "3行目に、UTF-8でもShift_JIS（CP932）でもない文字があります" in file_error(page)
    # ... and the next good file is checked as usual.
    choose(page, ("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8"))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    assert page.locator("#roster-file-error").is_hidden() and page.locator("#roster-rows tr").count() == 2


def test_a_formula_is_shown_as_written_and_downloaded_as_text(roster_page, rules, tmp_path):
    page = roster_page
    payloads = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "-Taro"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER.split(","))
    for payload in payloads:
        writer.writerow([payload, "認定産業医", "2027/3/31"])
    writer.writerow(["A-4", "認定産業医", "=1+1"])
    data = out.getvalue().encode("cp932")
    choose(page, data)
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    shown = {page.locator("#roster-rows tr").nth(i).locator("td").nth(1).inner_text() for i in range(4)}
    assert shown == {*payloads, "A-4"}                  # the table shows what the file said
    with page.expect_download() as download_info:
        page.click("#roster-download")
    saved = tmp_path / "result.csv"
    download_info.value.save_as(saved)
    text = saved.read_bytes().decode("utf-8")
    checked = Roster(rules).check(data, None)
    assert text == Roster(rules).to_csv(checked["rows"], today_in_japan().isoformat())
    table = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert {row[1] for row in table[1:]} == {"'" + payload for payload in payloads} | {"A-4"}
    assert table[0][-2:] == ["基準日", "版"]
    assert not [cell for row in table for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
