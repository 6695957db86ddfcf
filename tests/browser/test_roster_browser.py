"""The roster page as association staff use it: a file chosen, checked in the browser,
filtered and downloaded; the table at 1280 px with what staff act on in view; a file that
cannot be read says why. A screenshot goes to test-artifacts/."""
import re
import urllib.parse
import urllib.request

import pytest

from checker.evaluate import today_in_japan
from checker.dates.japanese import date_ja
from checker.roster.check import Roster
from browser import OffSiteGuard
from checker_page import ARTIFACTS, PC, PHONE, READY
from roster_files import generated


def cells_by_column(page, index=0) -> dict:
    keys = page.locator("#table-roster thead th").evaluate_all("ths => ths.map(th => th.dataset.key)")
    return dict(zip(keys, page.locator("#roster-rows tr").nth(index).locator("th, td").all_inner_texts()))


def cells_in_view(row, *columns) -> list[dict]:
    """The boxes of the row's cells in `columns`, each asserted to lie across the PC viewport."""
    boxes = []
    for column in columns:
        box = row.locator(f".{column}").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PC["width"], (column, box)
        boxes.append(box)
    return boxes


def test_roster_upload_filter_and_download(page_of, rules, tmp_path):
    text, expected = generated(seed=21, count=120)
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("cp932"))        # as Excel on a Japanese PC saves it
    page = page_of("roster/")
    page.set_input_files("#roster-file", str(path))   # chosen before it is ready: it waits, then checks
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    shown = page.locator("#roster-rows tr")
    assert shown.count() == 120
    # bench/ times a roster from the file chosen (its change event) to the rows painted
    page.wait_for_function("performance.getEntriesByName('roster-shown').length === 1", timeout=10000)
    chosen, painted = page.evaluate("['roster-chosen', 'roster-shown'].map((name) => "
                                    "performance.getEntriesByName(name).map((mark) => mark.startTime))")
    assert len(chosen) == 1 and chosen[0] < painted[0]
    python_rows = Roster(rules).check(path.read_bytes(), None)["rows"]
    first, cells = python_rows[0], cells_by_column(page)
    assert cells["line"] == str(first["line"]) and cells["id"] == first["id"]
    assert cells["status"] == first["status_label"] and cells["round"] == first["round"]
    assert cells["apply_months"] == first["apply_label"] and cells["approval_on"] == first["approval_on"]
    assert cells["apply_by"] == first.get("apply_by_label", "")
    page.select_option("#filter-status", "error")
    with_errors = [row for row in python_rows if row["errors"]]
    assert shown.count() == len(with_errors) > 0
    error_cells = cells_by_column(page)
    assert "行目の「" in error_cells["status"] and "errors" not in error_cells   # the reason, where 状況 is
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
    assert data.decode("utf-8") == Roster(rules).to_csv(in_month, source=path.read_bytes())


def test_the_first_screen_comes_first_then_every_row(page_of, rules, tmp_path):
    """A file of more rows than the table lists at once: every row is checked and sorted,
    the first 200 are shown, and the others come while the browser draws them (web/roster.js).
    Then the count, the next rows, the filters and the CSV cover every row, in the order
    Python gives; a filter kept from the last check shows its rows from all of them."""
    text, _ = generated(seed=26, count=450)
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("cp932"))
    python_rows = Roster(rules).check(path.read_bytes(), None)["rows"]
    page = page_of("roster/")
    page.wait_for_function(READY, timeout=60000)
    page.set_input_files("#roster-file", str(path))
    page.wait_for_function("performance.getEntriesByName('roster-shown').length === 1", timeout=60000)
    shown = page.locator("#roster-rows tr")
    ids = lambda: shown.locator("th").all_inner_texts()  # noqa: E731
    assert ids() == [row["id"] for row in python_rows[:200]]
    page.wait_for_function("!document.querySelector('#roster-more').disabled", timeout=10000)
    assert "450人が当てはまります（全450人）。200人を表に表示しています。" in page.locator("#roster-count").inner_text()
    page.click("#roster-more")
    assert ids() == [row["id"] for row in python_rows[:400]]
    with page.expect_download() as download_info:
        page.click("#roster-download")
    download_info.value.save_as(tmp_path / "all.csv")
    assert (tmp_path / "all.csv").read_bytes().decode("utf-8") == Roster(rules).to_csv(python_rows, source=path.read_bytes())
    page.select_option("#filter-status", "error")
    with_errors = [row["id"] for row in python_rows if row["errors"]]
    assert len(with_errors) > 100 and any(row["errors"] for row in python_rows[200:])
    assert ids() == with_errors[:200]
    page.click("#as-of-details summary")   # the recheck sits beside the 基準日
    page.click("#roster-recheck")   # the filter stays: its rows are shown once all have come
    page.wait_for_function("performance.getEntriesByName('roster-shown').length === 2", timeout=60000)
    assert ids() == with_errors[:200]
    page.wait_for_function("!document.querySelector('#roster-file').disabled", timeout=10000)
    assert f"{len(with_errors)}人が当てはまります（全450人）" in page.locator("#roster-count").inner_text()
    assert page.evaluate("performance.getEntriesByName('roster-shown').length") == 2   # one table per check


def test_the_result_csv_goes_back_into_the_roster_page(page_of, rules, tmp_path):
    """Staff keep the result file and choose it again next month: every column they gave is
    in it, and the page checks it as it checked the roster (one set of result columns). A
    copied line names both lines and shows no answer of its own."""
    text, _ = generated(seed=23, count=60)
    lines = text.split("\r\n")
    lines[1:1] = [lines[5]]                 # line 2 is the same member as line 7
    path = tmp_path / "meibo.csv"
    path.write_bytes("\r\n".join(lines).encode("cp932"))
    page = page_of("roster/")
    page.wait_for_function(READY, timeout=60000)
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    duplicate = page.locator("#roster-rows tr", has_text="2行目と7行目は同じ")
    assert duplicate.count() == 1
    cells = dict(zip(page.locator("#table-roster thead th").evaluate_all("ths => ths.map(th => th.dataset.key)"),
                     duplicate.locator("th, td").all_inner_texts()))
    assert cells["status"] == "7行目の「ID・氏名」：2行目と7行目は同じID・氏名と資格です。どちらかを消してください。"
    assert cells["verdict"] == cells["apply_by"] == cells["round"] == cells["approval_on"] == ""
    first = page.evaluate("[...document.querySelectorAll('#roster-rows tr')].map(tr => tr.innerText)")
    with page.expect_download() as download_info:
        page.click("#roster-download")
    saved = tmp_path / "meibo-result.csv"
    download_info.value.save_as(saved)
    header = saved.read_bytes().decode("utf-8-sig").split("\r\n")[0]
    assert header == lines[0] + "," + ",".join(Roster(rules).csv_result_headers())
    page.set_input_files("#roster-file", str(saved))
    page.locator("#roster-count").filter(has_text="（全61人）").wait_for(timeout=60000)
    again = page.evaluate("[...document.querySelectorAll('#roster-rows tr')].map(tr => tr.innerText)")
    # the same answers; only the line numbers are those of the file read (its rows are sorted)
    without_lines = lambda rows: sorted(re.sub(r"\d+行目", "N行目", row.split("\t", 1)[1]) for row in rows)  # noqa: E731
    assert without_lines(again) == without_lines(first)
    with page.expect_download() as download_info:
        page.click("#roster-download")
    download_info.value.save_as(tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes().decode("utf-8-sig").split("\r\n")[0] == header


def test_the_roster_table_at_1280_px(page_of, tmp_path):
    """状況 (for an error row: its reason) right after the name, inside the viewport with
    申請期限; the name stays in view while the table scrolls sideways."""
    text, _ = generated(seed=21, count=40)
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("utf-8"))
    page = page_of("roster/", viewport=PC)
    page.wait_for_function(READY, timeout=60000)
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=60000)
    page.select_option("#filter-status", "error")
    page.locator("#roster-count").evaluate("e => e.scrollIntoView()")
    first = page.locator("#roster-rows tr").first
    for box in cells_in_view(first, "roster-id", "roster-status"):
        assert box["y"] + 20 <= PC["height"], box
    assert first.locator(".roster-status").evaluate("e => getComputedStyle(e).color") == "rgb(176, 0, 30)"
    page.select_option("#filter-status", "")
    page.locator("#roster-count").evaluate("e => e.scrollIntoView()")
    # all rows shown (long headings in すること among them): an error row's reason and every
    # row's day to apply by are still in view
    cells_in_view(page.locator("#roster-rows tr.roster-error").first, "roster-status", "roster-apply_by")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "roster-1280.png")
    wrap = page.locator(".roster-table-wrap")
    before = first.locator(".roster-id").bounding_box()["x"]
    wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    assert wrap.evaluate("e => e.scrollLeft") > 0
    assert abs(page.locator("#roster-rows tr").first.locator(".roster-id").bounding_box()["x"] - before) < 1


def test_roster_template_and_a_bad_file(page_of, served):
    base, _ = served
    page = page_of("roster/")
    href = page.locator("a[download]").get_attribute("href")
    template = urllib.request.urlopen(urllib.parse.urljoin(base + "roster/", href)).read()
    assert template.startswith("\ufeffID・氏名,資格,有効期限".encode("utf-8"))
    page.wait_for_function(READY, timeout=60000)
    page.set_input_files("#roster-file", files=[{"name": "x.csv", "mimeType": "text/csv",
                                                 "buffer": "氏名,生年月日\r\nA,1970/1/1\r\n".encode("utf-8")}])
    error = page.locator("#roster-file-error")
    error.wait_for(state="visible", timeout=30000)
    assert "1行目に見出しがありません" in error.inner_text()
    assert page.locator("#roster-file").get_attribute("aria-invalid") == "true"


# An element scrolled just below the theme's fixed header (for its screenshot).
UNDER_HEADER = "e => scrollTo(0, e.getBoundingClientRect().top + scrollY - document.querySelector('.md-header').offsetHeight - 8)"


def test_the_day_checked_for_is_typed_as_the_checker_reads_dates(page_of, tmp_path):
    """The optional 基準日 (empty: today in Japan) in 年・月・日 boxes: a day that does not
    exist or a bare 「9」 is said beside the field (aria-invalid, aria-describedby) and nothing
    is checked; R8 12 3 is 2026-12-03, for the table, the status line and the CSV. Emptied
    again and checked again, the roster is as of today. Screenshots (PC and phone)."""
    text, _ = generated(seed=21, count=20)
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("utf-8"))
    for name, viewport in (("pc", PC), ("phone", PHONE)):
        page = page_of("roster/", viewport=viewport)
        page.wait_for_function(READY, timeout=60000)
        boxes = [page.locator(f"#as_of-{part}") for part in ("year", "month", "day")]
        page.click("#as-of-details summary")
        for box, value in zip(boxes, ("2027", "2", "30")):
            box.fill(value)
        page.set_input_files("#roster-file", str(path))
        error = page.locator("#as_of-error")
        error.wait_for(state="visible", timeout=60000)
        assert error.inner_text() == "基準日の「2027-02-30」は存在しない日付です。"   # the checker's own words
        for box in boxes:
            assert box.get_attribute("aria-invalid") == "true"
            assert "as_of-error" in box.get_attribute("aria-describedby").split()
        assert page.locator("#roster-result").is_hidden()
        page.locator("#field-as_of").evaluate(UNDER_HEADER)
        page.locator("#field-as_of").screenshot(path=str(ARTIFACTS / f"roster-as-of-error-{name}.png"))
        boxes[0].fill("9")
        boxes[1].fill("12")
        boxes[2].fill("3")
        page.set_input_files("#roster-file", [])
        page.set_input_files("#roster-file", str(path))
        page.wait_for_function("document.getElementById('as_of-error').textContent.includes('令和9年＝2027年')")
        assert page.locator("#roster-result").is_hidden()
        boxes[0].fill("R8")
        assert page.locator("#as_of-wareki").inner_text() == "（2026年12月3日）"
        page.set_input_files("#roster-file", [])
        page.set_input_files("#roster-file", str(path))
        page.locator("#roster-result").wait_for(state="visible", timeout=60000)
        assert error.is_hidden() and boxes[0].get_attribute("aria-invalid") is None
        assert page.locator("#roster-as-of").inner_text().startswith("基準日：2026年12月3日（木）")
        assert page.locator("#checker-status").inner_text().startswith("2026年12月3日（木）時点で、20人を確認しました")
        with page.expect_download() as download_info:
            page.click("#roster-download")
        saved = tmp_path / f"result-{name}.csv"
        download_info.value.save_as(saved)
        assert saved.read_bytes().decode("utf-8-sig").split("\r\n")[1].endswith(",2026年12月3日（木）,京都府医師会")
        for box in boxes:
            box.fill("")
        page.click("#roster-recheck")
        today = date_ja(today_in_japan())
        page.locator("#roster-as-of").filter(has_text=f"基準日：{today}").wait_for(timeout=60000)
        page.locator("#as-of-details").evaluate(UNDER_HEADER)
        page.locator("#as-of-details").screenshot(path=str(ARTIFACTS / f"roster-as-of-{name}.png"))


def test_while_a_check_runs_nothing_can_ask_for_other_rows_and_a_changed_file_says_so(page_of, tmp_path):
    """During a check the file box, the recheck, the download and the letters wait (they
    name rows by their place in the table the check replaces), so the table and the CSV
    are always one check's. A file saved again after it was chosen cannot be read by the
    browser: the page says so beside the file box instead of hanging on 「確認しています」."""
    text, _ = generated(seed=5, count=15000)   # long enough to see the check run; one line is added below
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("utf-8"))
    page = page_of("roster/")
    page.wait_for_function(READY, timeout=60000)
    page.set_input_files("#roster-file", str(path))
    controls = ["#roster-file", "#roster-recheck", "#roster-download", "#roster-notices"]
    page.wait_for_function(f"{controls!r}.every((id) => document.querySelector(id).disabled)", timeout=10000)
    page.locator("#roster-result").wait_for(state="visible", timeout=120000)
    assert not any(page.locator(selector).is_disabled() for selector in controls)
    page.click("#as-of-details summary")   # the recheck sits beside the 基準日
    assert page.locator("#roster-recheck").is_visible()
    path.write_bytes(text.encode("utf-8") + b"X-1,\xe8\xaa\x8d\xe5\xae\x9a\xe7\x94\xa3\xe6\xa5\xad\xe5\x8c\xbb,2027/3/31\r\n")
    page.click("#roster-recheck")
    error = page.locator("#roster-file-error")
    error.wait_for(state="visible", timeout=60000)
    assert error.inner_text().startswith("エラー：ファイルを読めませんでした。")
    assert page.locator("#roster-file").get_attribute("aria-invalid") == "true"
    assert page.locator("#roster-result").is_hidden() and not page.locator("#roster-file").is_disabled()
    assert page.locator("#roster-recheck").is_hidden()   # nothing checked to check again
    page.set_input_files("#roster-file", str(path))   # chosen again: read and checked
    page.locator("#roster-result").wait_for(state="visible", timeout=120000)
    assert error.is_hidden()


# The second worker made to fail: no second worker on a one-core machine; a helper whose
# first share fails (a share it cannot read: its worker answers `failed`, as for any error).
ONE_CORE = "Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 1 });"


def helper_messages_rewritten(rewrite: str) -> str:
    """An init script that passes each message the page sends its helper (the second checker
    worker) through `rewrite`, JavaScript that may replace `message` and `transfer`."""
    return """
const RealWorker = window.Worker;
let checkers = 0;   // the page's checker worker, then the helper (the theme has a worker of its own)
window.Worker = class extends RealWorker {
  constructor(url, options) {
    super(url, options);
    this.helper = String(url).includes("checker-worker") && ++checkers === 2;
  }
  postMessage(message, transfer) {
    if (this.helper && message) {""" + rewrite + """}
    super.postMessage(message, transfer || []);
  }
};
"""


HELPER_FAILS_A_SHARE = helper_messages_rewritten("""
      if (message.type === "roster-rows" && !window.__brokeShare) {
        window.__brokeShare = true;
        message = { ...message, start: "not a row" };
      }""")
# The helper given a snapshot that cannot be restored: it starts Python anew, and helps all the same.
HELPER_SNAPSHOT_BROKEN = helper_messages_rewritten("""
      if (message.type === "start" && message.snapshot) {
        window.__brokeSnapshot = true;
        message = { ...message, snapshot: new Uint8Array(64) };
        transfer = [];
      }""")


@pytest.mark.parametrize("helper", ["helps", "one core", "fails a share", "broken snapshot"])
def test_a_large_roster_is_shared_with_a_second_worker_and_checked_as_one(page_of, rules, tmp_path, helper):
    """On a machine with two or more cores the roster page starts a second worker once its
    own is ready (from a memory snapshot of the page's worker, handed over with ready), and
    both check shares of a large file's rows (web/roster-share.js); the table and the CSV
    are those of one check. Without the helper, or when it fails, the
    page's own worker checks every row."""
    text, _ = generated(seed=31, count=2600)   # six shares of 500 rows
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("cp932"))
    page = page_of("roster/", init_script={"one core": ONE_CORE, "fails a share": HELPER_FAILS_A_SHARE,
                                           "broken snapshot": HELPER_SNAPSHOT_BROKEN}.get(helper))
    page.wait_for_function(READY, timeout=60000)
    if helper != "one core":
        page.wait_for_function("performance.getEntriesByName('roster-helper-ready').length > 0", timeout=60000)
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=120000)
    shares = page.evaluate("window.rosterShares")
    checked = Roster(rules).check(path.read_bytes(), today_in_japan().isoformat())
    assert shares["page"] + shares["helper"] == len(checked["rows"])
    assert page.evaluate("window.checkerEngine.state.helperSnapshot == null")   # handed over or never made: not kept
    if helper in ("helps", "broken snapshot"):
        assert shares["helper"] >= 500 and shares["page"] >= 500
        # a first visit (nothing kept in this browser): the helper started from the page's worker's
        # snapshot, or, given one it could not restore, started Python anew (and says so)
        assert page.evaluate("performance.getEntriesByName('roster-helper-ready')[0].detail.fromSnapshot") is (
            helper == "helps")
        assert page.evaluate("Boolean(window.__brokeSnapshot)") is (helper == "broken snapshot")
    else:
        assert shares["helper"] == 0
        assert page.evaluate("performance.getEntriesByName('roster-helper-ready').length") == (helper != "one core")
    if helper == "fails a share":
        assert page.evaluate("window.__brokeShare") is True
    assert f"（全{len(checked['rows'])}人）" in page.locator("#roster-count").inner_text()
    with page.expect_download() as download_info:
        page.click("#roster-download")
    saved = tmp_path / "result.csv"
    download_info.value.save_as(saved)
    assert saved.read_bytes().decode("utf-8") == Roster(rules).to_csv(checked["rows"], source=path.read_bytes())
    if helper == "helps":   # a small file is not shared: the page's worker is done before the helper has read it
        small, _ = generated(seed=32, count=300)
        (tmp_path / "small.csv").write_bytes(small.encode("cp932"))
        page.set_input_files("#roster-file", str(tmp_path / "small.csv"))
        page.wait_for_function("window.rosterShares.page + window.rosterShares.helper === 300", timeout=60000)
        assert page.evaluate("window.rosterShares.helper") == 0


# Whether the kept snapshot (gzip in Cache Storage, pyodide-snapshot.js) holds each text's bytes.
SNAPSHOT_HAS = """async (texts) => {
  const cache = await caches.open("ninteii-checker-snapshots");
  const [key] = await cache.keys();
  const plain = (await cache.match(key)).body.pipeThrough(new DecompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(plain).arrayBuffer());
  const has = (needle) => {
    outer: for (let i = bytes.indexOf(needle[0]); i !== -1; i = bytes.indexOf(needle[0], i + 1)) {
      for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  };
  return Object.fromEntries(texts.map((text) => [text, has(new TextEncoder().encode(text))]));
}"""


def test_after_its_first_file_the_roster_page_keeps_a_snapshot_for_the_next_visit(served, rules, tmp_path):
    """Staff who use only the roster page get the faster start of later visits too: once the
    first file's rows are shown, the page keeps a started runtime (web/snapshot-maker.js, as
    the checker page does), made by a worker that never read the file: no member's data is
    in it. The next visit's worker and its helper start from it, and the rows are those of
    the check in Python."""
    base, browser = served
    context = browser.new_context(locale="ja-JP")
    guard = OffSiteGuard()
    guard.attach(context)
    text, _ = generated(seed=33, count=2600)   # six shares: the helper checks some of them
    private = "ZQ-PRIVATE-7351"   # a member's ID that must not be kept in the snapshot
    text = text.replace("ID-00000,", private + ",", 1)
    assert private in text
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("cp932"))
    first = context.new_page()
    first.goto(base + "roster/")
    first.wait_for_function(READY, timeout=60000)
    first.set_input_files("#roster-file", str(path))
    first.locator("#roster-result").wait_for(state="visible", timeout=120000)
    first.wait_for_function("performance.getEntriesByName('checker-snapshot-saved').length > 0", timeout=120000)
    assert first.evaluate("performance.getEntriesByName('checker-snapshot').length") == 0
    # made by a worker that never read the roster: none of its rows is in the kept memory
    found = first.evaluate(SNAPSHOT_HAS, [private, "browser_api"])
    assert found == {private: False, "browser_api": True}
    first.close()
    page = context.new_page()
    page.goto(base + "roster/")
    page.wait_for_function(READY, timeout=60000)
    assert page.evaluate("window.checkerEngine.state.fromSnapshot") is True
    page.wait_for_function("performance.getEntriesByName('roster-helper-ready').length > 0", timeout=60000)
    assert page.evaluate("performance.getEntriesByName('roster-helper-ready')[0].detail.fromSnapshot") is True
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-result").wait_for(state="visible", timeout=120000)
    checked = Roster(rules).check(path.read_bytes(), today_in_japan().isoformat())["rows"]
    assert page.evaluate("window.rosterShares.helper") >= 500
    assert f"（全{len(checked)}人）" in page.locator("#roster-count").inner_text()
    cells = cells_by_column(page)
    assert cells["id"] == checked[0]["id"] and cells["status"] == (checked[0]["error_text"] or checked[0]["status_label"])
    assert cells["apply_by"] == checked[0]["apply_by_label"]
    # the snapshot is not made again from a page that started from it
    page.wait_for_timeout(2500)
    assert page.evaluate("performance.getEntriesByName('checker-snapshot-saved').length") == 0
    context.close()
    assert guard.blocked == []


def test_the_snapshot_is_not_started_while_a_file_is_checked(page_of, tmp_path):
    """The roster page starts its snapshot worker a second after the first rows are shown,
    but not while a file is being checked: a large file chosen at once is checked first
    (two Pythons starting beside the check would slow it down)."""
    small, _ = generated(seed=34, count=30)
    large, _ = generated(seed=35, count=20000)   # the most a roster may have: checked for well over a second
    (tmp_path / "small.csv").write_bytes(small.encode("cp932"))
    (tmp_path / "large.csv").write_bytes(large.encode("cp932"))
    page = page_of("roster/")
    page.wait_for_function(READY, timeout=60000)
    page.set_input_files("#roster-file", str(tmp_path / "small.csv"))
    page.wait_for_function("performance.getEntriesByName('roster-shown').length === 1", timeout=60000)
    page.set_input_files("#roster-file", str(tmp_path / "large.csv"))
    page.wait_for_function("performance.getEntriesByName('roster-done').length === 2", timeout=120000)
    page.wait_for_function("performance.getEntriesByName('checker-snapshot-started').length === 1", timeout=30000)
    first_shown, second_chosen, second_done, started = page.evaluate(
        "[['roster-shown', 0], ['roster-chosen', 1], ['roster-done', 1], ['checker-snapshot-started', 0]]"
        ".map(([name, index]) => performance.getEntriesByName(name)[index].startTime)")
    assert second_chosen - first_shown < 1000 < second_done - first_shown   # the second check spans the first try
    assert started >= second_done


def test_before_it_is_ready_the_worker_checks_a_made_up_roster(page_of, rules, tmp_path):
    """Before it says it is ready, the roster page's worker checks a made-up roster
    (checker/roster/warm_up.py), so that the browser has compiled the roster's code for
    speed when the file comes. The file chosen after it is checked as in Python, and none
    of the made-up rows is shown."""
    page = page_of("roster/")
    page.wait_for_function(READY, timeout=60000)
    assert page.evaluate("performance.getEntriesByName('checker-ready')[0].detail.warmed") is True   # no exception
    text, _ = generated(seed=43, count=80)
    path = tmp_path / "meibo.csv"
    path.write_bytes(text.encode("cp932"))
    page.set_input_files("#roster-file", str(path))
    page.locator("#roster-count").filter(has_text="（全80人）").wait_for(timeout=60000)
    shown = page.evaluate("[...document.querySelectorAll('#roster-rows tr')].map(tr => tr.innerText)")
    assert len(shown) == 80 and not any("見本-" in row for row in shown)
    python_rows = Roster(rules).check(path.read_bytes(), None)["rows"]
    assert [row.split("\t")[1] for row in shown] == [row["id"] for row in python_rows]
