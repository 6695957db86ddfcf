"""The pages this change shapes, as a reader sees them in Chromium (PC and phone): the
schedule (each year's table and its own notes; with the staff's added years too), the
contact page (the desk and where to find its address) and the about page (the freshness
report). Screenshots go to test-artifacts/."""
import datetime as dt

import pytest

import build
from browser import OffSiteGuard, chromium, serve_folder
from paths import ARTIFACTS
from staff_edits import next_year, staff_copy

VIEWPORTS = {"pc": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory):
    rules = staff_copy(tmp_path_factory.mktemp("staff") / "rules")
    return build.build(rules, tmp_path_factory.mktemp("staff-site") / "site", dt.date(next_year(), 9, 15))


def shoot(folder, pages: dict[str, str], prefix: str) -> dict:
    """Each page at each viewport, full length; returns what the reader sees (text)."""
    ARTIFACTS.mkdir(exist_ok=True)
    seen = {}
    with serve_folder(folder) as base, chromium() as browser:
        for name, viewport in VIEWPORTS.items():
            context = browser.new_context(locale="ja-JP", viewport=viewport)
            guard = OffSiteGuard()
            guard.attach(context)
            page = context.new_page()
            for key, path in pages.items():
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(ARTIFACTS / f"{prefix}{key}-{name}.png"), full_page=True)
                seen[(key, name)] = page.locator("article").inner_text()
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, (key, name, overflow)   # tables scroll inside their own box
            context.close()
            assert guard.blocked == []
    return seen


def test_the_schedule_contact_and_about_pages(site):  # noqa: F811
    seen = shoot(site, {"schedule": "schedule/", "contact": "contact/", "about": "about/"}, "rules-")
    for name in VIEWPORTS:
        assert seen[("schedule", name)].count("申請月は4月だけです") == 1
        assert "住所（郵送先）と電話番号は、このサイトの資料にはありません" in seen[("contact", name)]
        assert "情報の新しさ" in seen[("about", name)]


def test_the_schedule_with_the_years_staff_added(staff_site):
    seen = shoot(staff_site, {"schedule": "schedule/"}, "staff-")
    text = seen[("schedule", "pc")]
    assert text.count("（有効期限ごと、") >= 3 and text.count("申請月は4月だけです") == 1   # the article only
