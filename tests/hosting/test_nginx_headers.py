"""The README's nginx block, run in nginx: every response carries the security headers
(pages, the hashed assets and the runtime of the nested location, redirects and 404s);
only files that exist are cached as immutable, a miss is sent no-store; and framing is
forbidden: nginx sends X-Frame-Options and a CSP header with frame-ancestors (which a
<meta> policy cannot carry), and Chromium refuses to show a page of the site inside
another site's frame, while the same page without those headers would be shown (so the
check can fail)."""
import http.client
import urllib.parse
import urllib.request

import pytest

from browser import chromium, serve_folder
from nginx import nginx_serving


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


SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
            "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"}
IMMUTABLE = "public, max-age=31536000, immutable"


def fetch(url: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """(status, headers, body) of one GET, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def responses(site) -> dict[str, tuple[str, int, str | None]]:  # noqa: F811
    """What each kind of request must get: (path, status, Cache-Control)."""
    asset = next((site / "assets").glob("checker.*.zip")).relative_to(site)
    wasm = next(site.glob("pyodide/*/pyodide.asm.wasm")).relative_to(site)
    return {
        "the index": ("", 200, "no-cache"),
        "a page": ("schedule/", 200, "no-cache"),
        "a page without its slash": ("schedule", 301, "no-cache"),
        "a hashed asset": (str(asset), 200, IMMUTABLE),
        "the wasm": (str(wasm), 200, IMMUTABLE),
        "a missing hashed asset": ("assets/checker.0123456789.js", 404, "no-store"),
        "a missing runtime file": (f"{wasm.parent}/nai.wasm", 404, "no-store"),
        "a missing page": ("nai/", 404, "no-store"),
    }


def test_every_response_carries_the_headers_and_only_real_files_are_immutable(served, site):  # noqa: F811
    for kind, (path, status, cache) in responses(site).items():
        got, headers, body = fetch(served + path)
        assert got == status, kind
        for name, value in SECURITY.items():
            assert headers.get_all(name) == [value], (kind, name, headers.get_all(name))
        assert headers.get_all("Cache-Control") == [cache], (kind, headers.get_all("Cache-Control"))
        if kind == "the wasm":
            assert headers["Content-Type"] == "application/wasm"
        if status == 404:   # the site's own 404 page
            assert body == (site / "404.html").read_bytes(), kind


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
