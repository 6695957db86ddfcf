"""Starting the checker on slow, stalled and broken connections: the status beside the
button shows how much of the runtime has arrived, failure is declared only when nothing
arrives for a while (or an error is thrown), and 「もう一度試す」 starts again without
losing what was typed."""
import re
import threading
import time

from checker_page import READY
from nginx import nginx_serving


def give_up_after(page, seconds):
    """The page's watchdog limit (60 seconds on the site), shortened or restored by a test."""
    page.evaluate(f"document.getElementById('checker-app').dataset.giveUpAfter = '{seconds}'")


def near_button(page) -> bool:
    """The status is beside the 確認する button: side by side, or just below it."""
    return page.evaluate("""() => {
        const button = document.getElementById('checker-submit').getBoundingClientRect();
        const status = document.getElementById('checker-status').getBoundingClientRect();
        return Math.abs(status.top - button.top) < 120 && Math.abs(status.left - button.right) < 400;
    }""")


def watch_progress_to_the_end(page):
    """On a page loading slowly (a 12-second limit of silence): the status beside the button
    moves forward in bytes and percent, no failure is declared, and a request made early
    runs by itself once ready."""
    give_up_after(page, 12)
    status = page.locator("#checker-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert near_button(page)
    for part, value in (("year", "2027"), ("month", "2"), ("day", "30")):   # the form is usable meanwhile
        page.locator(f"#expires_on-{part}").fill(value)
    page.click("#checker-submit")                  # pressed early: it waits, and says so
    status.filter(has_text="準備ができしだい計算します").wait_for(timeout=10000)
    # ... also at the top of the screen, wherever the physician is (here: at the button)
    banner = page.locator("#checker-waiting")
    banner.filter(has_text="準備ができしだい計算します（読み込み").wait_for(timeout=10000)
    box = banner.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"], box
    seen = []
    while not page.evaluate(READY) and len(seen) < 200:
        seen.append(page.evaluate("""() => ({value: document.getElementById('checker-progress').value,
            text: document.getElementById('checker-progress-text').textContent,
            failed: !document.getElementById('checker-failed').hidden,
            status: document.getElementById('checker-status').textContent})"""))
        assert not seen[-1]["failed"], seen
        if "計算の部品を起動しています" in seen[-1]["status"]:
            give_up_after(page, 60)   # all arrived; Python's start on a busy machine is not the point here
            assert seen[-1]["value"] == 100, seen[-1]   # the bar reaches its end: every byte counted has arrived
            assert re.fullmatch(r"(\d+\.\d) MB／\1 MB", seen[-1]["text"]), seen[-1]
            break
        page.wait_for_timeout(1000)
    values = [sample["value"] for sample in seen]
    assert len(set(values)) >= 5 and values == sorted(values), values   # it moved, and only forward
    assert values[-1] == 100, values
    assert any(re.fullmatch(r"\d+\.\d MB／\d+\.\d MB", sample["text"]) for sample in seen), seen
    assert any(re.search(r"読み込み [1-9]0%", sample["status"]) for sample in seen), seen
    # the early request runs by itself once ready (its error, from Python: 2027-02-30 does not exist)
    page.locator("#error-summary").wait_for(state="visible", timeout=120000)
    assert banner.is_hidden()
    assert "存在しない日付" in page.locator("#expires_on-error").inner_text()
    assert page.locator("#checker-failed").is_hidden()


def test_a_slow_connection_shows_progress_and_never_fails_while_bytes_arrive(served, site, tmp_path):  # noqa: F811
    """A phone on a weak network: nginx sends at most 400 KB/s per connection, so the
    runtime takes about 25 s, twice the (shortened) 12-second limit of silence."""
    browser = served[1]
    with nginx_serving(site, tmp_path / "slow", location_extra="limit_rate 400k;") as base:
        context = browser.new_context(locale="ja-JP")
        page = context.new_page()
        page.goto(base + "checker/")
        watch_progress_to_the_end(page)
        context.close()


def test_a_throttled_browser_shows_progress_and_never_fails(served):  # noqa: F811
    """The same through Chromium's own network emulation (CDP, as a slow line in the
    browser: 2 Mbit/s, 100 ms), which also slows the worker's downloads."""
    base, browser = served
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 100,
                                                      "downloadThroughput": 2_000_000 / 8, "uploadThroughput": 500_000 / 8})
    page.goto(base + "checker/")
    watch_progress_to_the_end(page)
    context.close()


def test_a_stalled_download_fails_with_a_retry_that_keeps_the_form(served):
    base, browser = served
    context = browser.new_context(locale="ja-JP")
    held, hold = [], threading.Event()
    hold.set()

    def stall(route):
        if hold.is_set():
            held.append(route)     # never answered: no byte arrives
        else:
            route.continue_()

    context.route(re.compile(r".*\.wasm$"), stall)
    page = context.new_page()
    page.goto(base + "checker/")
    give_up_after(page, 3)
    page.locator("#expires_on-year").fill("R9")
    failed = page.locator("#checker-failed")
    failed.wait_for(state="visible", timeout=30000)
    assert "申請スケジュールの表" in failed.inner_text()
    assert failed.locator("a", has_text="申請スケジュールの表").get_attribute("href") == "../schedule/"
    assert page.locator("#checker-submit").is_disabled()
    hold.clear()
    give_up_after(page, 60)
    page.get_by_role("button", name="もう一度試す").click()
    assert failed.is_hidden()
    page.wait_for_function(READY, timeout=60000)
    assert page.locator("#expires_on-year").input_value() == "R9"
    assert page.locator("#checker-submit").is_enabled()
    context.close()


def failed_start(served, path):
    """The page at `path` with the runtime's .wasm refused: (context, page, failure box shown)."""
    base, browser = served
    context = browser.new_context()
    context.route(re.compile(r".*\.wasm$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(base + path)
    failed = page.locator("#checker-failed")
    failed.wait_for(state="visible", timeout=60000)   # at once: an error, not the watchdog
    return context, page, failed


def test_the_page_says_so_when_the_runtime_cannot_start(served):
    context, page, failed = failed_start(served, "checker/")
    assert failed.get_by_role("button", name="もう一度試す").is_visible()
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


def test_the_roster_page_shares_the_status_and_never_points_staff_to_the_readme(served):
    context, page, failed = failed_start(served, "roster/")
    assert "README" not in failed.inner_text()
    assert failed.get_by_role("button", name="もう一度試す").is_visible()
    assert page.locator("#roster-file").is_disabled()
    context.close()


PHONE_LINE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}


def banner_in_view(page) -> dict:
    return page.evaluate("""() => {
        const banner = document.getElementById('checker-waiting');
        const box = banner.getBoundingClientRect();
        return {shown: !banner.hidden && box.height > 0, top: box.top, bottom: box.bottom, height: innerHeight,
                text: banner.innerText};
    }""")


def test_a_share_link_on_a_slow_phone_says_so_on_the_first_screen(served, site):  # noqa: F811
    """A fresh phone (390×844) on 1.6 Mbit/s with 150 ms latency opens a shared link: within
    2 s the first screen says that the link's result is on its way, with how much has
    arrived; it stays (and stays in view when scrolled) until the result replaces it."""
    from checker_page import ARTIFACTS, PHONE, link_to

    base, browser = served
    context = browser.new_context(locale="ja-JP", viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    session.send("Network.emulateNetworkConditions", PHONE_LINE)
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
               "mypage_registered_on": "2025-03-29", "as_of": "2026-11-21",
               "credits": [{"earned_on": "2024-06-01", "category": "専門研修", "units": 2}]}
    started = time.monotonic()
    page.goto(base + link_to(request), wait_until="commit")
    page.wait_for_function("""() => { const b = document.getElementById('checker-waiting');
        return b && !b.hidden && /読み込み \\d+%・\\d+\\.\\d MB／\\d+\\.\\d MB/.test(b.innerText)
            && b.getBoundingClientRect().bottom <= innerHeight && b.getBoundingClientRect().height > 0; }""",
                           timeout=2000, polling=50)
    took = time.monotonic() - started
    seen = banner_in_view(page)
    assert seen["shown"] and 0 <= seen["top"] and seen["bottom"] <= seen["height"], seen
    assert seen["text"].startswith("共有リンクの結果を準備しています（読み込み"), seen
    print(f"banner after {took:.2f} s")
    assert took < 2.0, took
    page.wait_for_function("document.querySelector('#checker-waiting progress').value > 0", timeout=30000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "checker-link-phone-loading.png")
    # scrolled down to the form, it is still in view under the header
    page.evaluate("document.getElementById('checker-submit').scrollIntoView()")
    assert 0 <= banner_in_view(page)["top"] < 120 and banner_in_view(page)["shown"]
    assert page.locator("#checker-result").is_hidden()
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                      "uploadThroughput": -1})
    page.wait_for_selector("#checker-result:not([hidden])", timeout=120000)
    assert page.locator("#checker-waiting").is_hidden()
    assert page.evaluate("document.activeElement.id") == "result-heading"
    assert page.locator("#checker-status").inner_text() == ""   # no 「準備完了。入力して…」 under the answer
    context.close()
