"""Staff text is text: markup, quotes and links typed into an edition's free-text fields
end up as inert text on every page, in the theme's title, in the checker's answers and in
the letters; URL and phone fields that are not URLs or numbers are refused at their line.
A real browser opens every page of such a site and the checker, and no dialog appears."""
import json
import shutil
import subprocess
import sys
import urllib.parse

import pytest

import build
from browser import OffSiteGuard, chromium, serve_folder
from loader import load_rules
from loader.compile import RULES_DIR
from site_html import html_pages
from rules_copies import line_of, problems_of
from paths import ROOT

AS_OF = "2026-11-21"
PAYLOAD = "<script>alert(1)</script>\"q' [x](javascript:alert(2)) <img src=x onerror=alert(3)> **b** | # h"
# Markup that must never reach a page as markup (as text it is escaped: &lt;script&gt;…).
LIVE = ("<script>alert", "<img src=x", 'href="javascript', "<strong>b</strong>", "<h1>h")


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_edition() -> str:
    """An edition whose every free-text field holds PAYLOAD (each one once, by name)."""
    p = lambda field: quoted(f"{field}:{PAYLOAD}")  # noqa: E731 - the payload, named by its field
    return f"""description: {p("description")}
association:
  name: {p("name")}
  source: {{id: seed-001, section: {p("section")}}}
desk:
  name: {p("desk.name")}
  purpose: {p("desk.purpose")}
  hours: {p("desk.hours")}
  address: {p("desk.address")}
  url: https://example.jp/desk
  source: {{id: seed-001}}
submission:
  occupational:
    text: {p("submission.text")}
    derived: {p("submission.derived")}
    source: {{id: seed-001}}
deadlines:
  - certification: occupational
    fiscal_year: 2025
    note: {p("deadlines.note")}
    source: {{id: seed-001}}
    rounds:
      - {{round: 1, closes_on: 2025-04-15}}
notes:
  - text: {p("notes.text")}
    source: {{id: seed-001}}
contacts:
  - name: {p("contacts.name")}
    purpose: {p("contacts.purpose")}
    tel: 075-000-0000
    hours: {p("contacts.hours")}
    address: {p("contacts.address")}
    source: {{id: seed-001}}
"""


@pytest.fixture(scope="module")
def hostile_rules(tmp_path_factory):
    target = tmp_path_factory.mktemp("hostile") / "rules"
    shutil.copytree(RULES_DIR, target)
    (target / "editions" / "hostile.yaml").write_text(hostile_edition(), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_site(hostile_rules, tmp_path_factory):
    import datetime as dt

    return build.build(hostile_rules, tmp_path_factory.mktemp("hostile-site") / "site", dt.date(2026, 11, 21),
                       edition="hostile")


def test_every_free_text_field_builds_and_is_inert_on_every_page(hostile_site):
    pages = html_pages(hostile_site)
    shown = ""
    for key, path in pages.items():
        html = path.read_text(encoding="utf-8")
        assert not [live for live in LIVE if live in html], key
        shown += html
    for field in ("name", "desk.name", "desk.purpose", "desk.hours", "desk.address", "submission.text",
                  "notes.text", "contacts.name", "contacts.purpose", "contacts.hours"):
        assert f"{field}:&lt;script&gt;alert(1)&lt;/script&gt;&quot;q&#x27; [x](javascript:alert(2))" in shown, field


def test_the_theme_prints_the_name_escaped_once(hostile_site):
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    name = "name:&lt;script&gt;alert(1)&lt;/script&gt;&quot;q&#x27; [x](javascript:alert(2))"
    assert f"<title>認定医のMAMIS手続きガイド（{name}" in html
    assert f'aria-label="認定医のMAMIS手続きガイド（{name}' in html
    assert "&amp;lt;script" not in html


def test_the_checker_and_the_letters_keep_it_as_text(hostile_rules, tmp_path):
    from checker import evaluate

    rules = load_rules(hostile_rules, edition="hostile")
    result = evaluate({"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
                       "as_of": AS_OF}, rules)
    assert result["edition"]["name"].startswith("name:<script>")   # JSON: the page sets it as textContent
    done = subprocess.run([sys.executable, "-m", "checker", "notices", str(ROOT / "examples" / "roster.csv"),
                           "--rules", str(hostile_rules), "--edition", "hostile", "--as-of", AS_OF],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not [live for live in LIVE if live in done.stdout]
    assert "desk.address:&lt;script&gt;alert(1)" in done.stdout


@pytest.mark.parametrize("old,new,needle,reason", [
    ("  url: https://example.jp/desk", "  url: javascript:alert(1)", "javascript:alert(1)", "はURLではありません"),
    ("  url: https://example.jp/desk", "  url: 'https://example.jp/\"onmouseover=alert(1)'", "onmouseover",
     "はURLではありません"),
    ("  url: https://example.jp/desk", "  url: 'data:text/html,<script>alert(1)</script>'", "data:text", "はURLではありません"),
    ("    tel: 075-000-0000", "    tel: '<script>alert(1)</script>'", "tel: '<script>", "数字とハイフンで書いてください"),
    ("association:\n", "site_url: 'javascript:alert(1)//'\nassociation:\n", "site_url:", "はURLではありません"),
])
def test_a_link_or_number_field_that_is_not_one_is_refused_at_its_line(tmp_path, old, new, needle, reason):
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    path = target / "editions" / "hostile.yaml"
    text = hostile_edition()
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = problems_of(target, "hostile")
    assert [(p.file, p.line) for p in problems if reason in p.reason] == [("rules/editions/hostile.yaml",
                                                                         line_of(path, needle))]


@pytest.mark.browser
def test_no_dialog_in_a_real_browser(hostile_site):
    """Every page, and the checker answering (its result names the association and shows
    the edition's note on its closing days)."""
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2025-07-31", "as_of": "2025-04-10",
               "mypage_registered_on": "2025-03-01"}
    with serve_folder(hostile_site) as base, chromium() as browser:
        context = browser.new_context(locale="ja-JP")
        guard = OffSiteGuard()
        guard.attach(context)
        dialogs = []
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for key in html_pages(hostile_site):
            page.goto(base + ("" if key == "index" else f"{key}/"))
            page.wait_for_load_state("load")
        page.goto(base + "checker/#q=" + urllib.parse.quote(json.dumps(request, ensure_ascii=False)))
        page.wait_for_selector("#checker-result:not([hidden])", timeout=90000)
        result = page.locator("#checker-result").inner_text()
        assert "name:<script>alert(1)</script>" in result and "deadlines.note:<script>alert(1)</script>" in result
        page.mouse.move(5, 5)
        page.mouse.move(300, 300)
        context.close()
    assert dialogs == []
    assert guard.blocked == []
