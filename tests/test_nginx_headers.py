"""The README's nginx block forbids framing: nginx sends X-Frame-Options and a CSP header
with frame-ancestors (which a <meta> policy cannot carry), and Chromium refuses to show a
page of the site inside another site's frame, while the same page without those headers
would be shown (so the check can fail)."""
import urllib.request

import pytest

from browser import chromium, serve_folder
from nginx import nginx_serving
from test_site import site  # noqa: F401 - builds the site once per session


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):  # noqa: F811
    with nginx_serving(site, tmp_path_factory.mktemp("nginx-headers")) as base:
        yield base


@pytest.mark.parametrize("path", ["", "checker/", "roster/", "schedule/"])
def test_pages_come_with_the_frame_headers(served, path):
    with urllib.request.urlopen(served + path, timeout=10) as response:
        headers = response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def frame_shows(outer_base: str) -> bool:
    """Whether the page in outer_base's frame.html iframe is shown (its title read)."""
    with chromium() as browser:
        page = browser.new_page()
        page.goto(outer_base + "frame.html")
        page.wait_for_timeout(1500)
        inner = [frame for frame in page.frames if frame != page.main_frame][0]
        try:   # a refused frame holds Chromium's error page instead
            shown = "申請スケジュール" in inner.evaluate("document.title")
        except Exception:  # noqa: BLE001 - or no document we may read at all
            shown = False
        page.close()
        return shown


def test_another_site_cannot_frame_the_pages(served, site, tmp_path):  # noqa: F811
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / "frame.html").write_text(f'<iframe src="{served}schedule/"></iframe>', encoding="utf-8")
    with serve_folder(outer) as outer_base:
        assert not frame_shows(outer_base)
        # The same page from a server without the headers is shown: the check can fail.
        with serve_folder(site) as plain:
            (outer / "frame.html").write_text(f'<iframe src="{plain}schedule/"></iframe>', encoding="utf-8")
            assert frame_shows(outer_base)
