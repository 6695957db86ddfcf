"""Renewal notices from the command line: the members due within four months get one
letter each, names and addresses are text (never markup), and the file is self-contained:
no script and nothing loaded from anywhere. Printed by Chromium, each letter is one A4 page
naming that member's expiry and application months."""
import io
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from browser import chromium
from checker.dates.japanese import date_ja
from checker.dates.months import parse_date
from checker.roster.notices import Letters
from checker.roster.check import Roster
from notices_roster import AS_OF, MARKUP_NAME, due_ids, roster_of_40
from paths import ROOT



@pytest.fixture(scope="module")
def made(tmp_path_factory):
    work = tmp_path_factory.mktemp("notices")
    data, expiries = roster_of_40()
    (work / "roster.csv").write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "checker", "notices", str(work / "roster.csv"), "--as-of", AS_OF,
                           "--csv", str(work / "merge.csv")], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return work, data, expiries, done.stdout.decode("utf-8")


def letters_of(page: str) -> list[str]:
    return re.findall(r'<section class="notice">.*?</section>', page, re.S)


def test_exactly_the_members_due_within_four_months_get_a_letter(made, rules):
    work, data, expiries, page = made
    rows = Roster(rules).check(data, AS_OF)["rows"]
    due = due_ids(rows)
    assert 3 <= len(due) < 40
    letters = letters_of(page)
    assert len(letters) == len(due)
    for row in rows:
        if row["id"] in due:
            letter = next(text for text in letters if date_ja(parse_date(expiries[row["id"]])) in text)
            assert row["apply_label"] in letter
    merge = (work / "merge.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(merge) == len(due) + 1 and {line.split(",")[0] for line in merge[1:]} == due


def test_names_and_addresses_are_text_and_the_file_loads_nothing(made):
    _, _, _, page = made
    assert MARKUP_NAME not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;山田 &amp; 花子" in page
    assert "<script" not in page.lower()
    assert not re.search(r'(src|href)\s*=|@import|url\(', page)


def test_a_member_without_an_address_gets_an_empty_block_not_a_broken_one(made):
    _, _, _, page = made
    blocks = re.findall(r'<div class="notice-address">(.*?)</div>', page, re.S)
    assert "" in blocks and any("〒" in block for block in blocks)
    assert "〒" not in "".join(block for block in blocks if "様" not in block)


@pytest.mark.browser
def test_printed_by_chromium_each_letter_is_one_page_naming_its_member(made, tmp_path):
    _, _, expiries, page = made
    html_file = tmp_path / "notices.html"
    html_file.write_text(page, encoding="utf-8")
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto(html_file.as_uri())
        pdf = tab.pdf(prefer_css_page_size=True)
    pages = PdfReader(io.BytesIO(pdf)).pages
    letters = letters_of(page)
    assert len(pages) == len(letters)
    for number, (letter, printed) in enumerate(zip(letters, pages)):
        text = re.sub(r"\s+", "", printed.extract_text())
        expiry = re.search(r"<th>有効期限</th><td>(.*?)</td>", letter).group(1)
        months = re.search(r"<th>申請月</th><td>(.*?)</td>", letter).group(1)
        assert re.sub(r"\s+", "", expiry) in text and re.sub(r"\s+", "", months) in text, number


def test_the_letter_words_come_from_the_template(rules):
    template = (ROOT / "templates" / "notices" / "letter.html").read_text(encoding="utf-8")
    changed = Letters(rules, template.replace("更新申請のご案内", "更新のお知らせ"),
                      (ROOT / "templates" / "notices" / "letter.css").read_text(encoding="utf-8"))
    data, _ = roster_of_40()
    rows = Letters.due(Roster(rules).check(data, AS_OF)["rows"], AS_OF)
    assert "更新のお知らせ" in changed.document(changed.members(data, rows, AS_OF), AS_OF)


def test_the_browser_rules_write_the_same_letters(rules):
    """The roster page's rules (build.for_browser) lack page-only texts, yet its letters
    are the command line's: the desk and the help line travel with them."""
    from build import for_browser
    from checker.rules.model import Rules

    data, _ = roster_of_40()
    rows = Letters.due(Roster(rules).check(data, AS_OF)["rows"], AS_OF)
    full, slim = Letters(rules), Letters(Rules.of(for_browser(rules)))
    assert slim.fragment(slim.members(data, rows, AS_OF), AS_OF) == full.fragment(full.members(data, rows, AS_OF), AS_OF)


@pytest.mark.parametrize("data", [b"", "氏名,生年月日\r\nA,1970/1/1\r\n".encode("cp932"), b"\x81\x00\xff\xfe" * 8])
def test_a_file_the_roster_refuses_gets_no_letters_and_no_error(rules, data):
    letters = Letters(rules)
    checked = Roster(rules).check(data, AS_OF)
    assert checked["errors"] and letters.members(data, Letters.due(checked["rows"], AS_OF), AS_OF) == []
    assert letters.members(data, [{"line": 2, "errors": []}], AS_OF) == []


def test_an_edition_that_names_its_site_points_the_letters_there(rules):
    data, _ = roster_of_40()
    named = dict(rules, prefecture=dict(rules["prefecture"], site_url="https://example.jp/ninteii/"))
    for compiled, expected in ((rules, False), (named, True)):
        letters = Letters(compiled)
        members = letters.members(data, Letters.due(Roster(compiled).check(data, AS_OF)["rows"], AS_OF), AS_OF)
        page = letters.document(members, AS_OF)
        assert ("単位と申請時期は https://example.jp/ninteii/checker/ でも確かめられます" in page) is expected


def test_the_readme_command_works_on_the_example_roster(tmp_path):
    done = subprocess.run([sys.executable, "-m", "checker", "notices", "examples/roster.csv", "--as-of", AS_OF,
                           "--within-months", "4", "--csv", str(tmp_path / "sashikomi.csv")],
                          cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert "見本 一郎　様" in done.stdout.decode("utf-8") and len(letters_of(done.stdout.decode("utf-8"))) == 2
    assert "python -m checker notices examples/roster.csv" in (ROOT / "README.md").read_text(encoding="utf-8")


def _letters_for(rules, lines: list[str], as_of: str = AS_OF) -> list[str]:
    from notices_roster import HEADER

    data = ("\r\n".join([HEADER, *lines]) + "\r\n").encode("cp932")
    letters = Letters(rules)
    rows = Roster(rules).check(data, as_of)["rows"]
    return letters_of(letters.document(letters.members(data, rows, as_of), as_of))


def test_what_the_roster_does_not_say_is_not_claimed_in_the_letter(rules):
    """A blank registration date is not 「未登録」, and blank unit cells are not 0 units:
    the letter neither tells a long-registered member to register as its first step nor
    claims a shortfall the roster knows nothing of. It names the member's ID, so a letter
    without an address can still be matched."""
    letters = _letters_for(rules, [
        "K-1,認定産業医,2027/3/31,,,,,,,,",
        "K-2,認定産業医,2027/3/31,未登録,,,,,,,",
        "K-3,認定産業医,2027/3/31,2025/3/20,12,1,1,,,,"])
    blank, unregistered, short = (next(letter for letter in letters if f">{key}<" in letter) for key in ("K-1", "K-2", "K-3"))
    first_step = lambda letter: re.search(r"<li>(.*?)</li>", letter, re.S).group(1)  # noqa: E731
    assert first_step(blank).startswith("マイページの登録がまだの方は、今すぐマイページの登録を完了してください")
    assert "単位があと" not in blank and "<h2>単位</h2>" not in blank
    assert first_step(unregistered).startswith("<strong>まずマイページの登録を完了してください。</strong>登録は")
    assert "単位があと6単位足りません" in short


def test_a_member_under_the_special_measure_is_not_told_the_expiry_is_near(rules):
    letter, = _letters_for(rules, ["S-1,認定産業医,2024/8/31,2025/3/20,18,1,1,,,,"])
    assert "有効期限が近づいています" not in letter
    assert "有効期限（2024年8月31日）は過ぎていますが、特例措置により2028年3月31日までは認定産業医とみなされます" in letter


# -- the layout holds for any cell (issue #22) --------------------------------------------
MM = 25.4 / 72                               # millimetres per PDF point
WINDOW = (23.0, 15.0, 113.0, 60.0)           # the envelope's window on the A4 sheet: left, top, right, bottom (mm)
CORNER = (118.0, 27.0, 195.0, 64.0)          # the ID's corner, right of the window, below the sender, above the text
# (its right side is the text's edge, 192 mm, and the room that a width's estimate may take beyond it)


def text_boxes(page) -> list[tuple[str, float, float, float, float]]:
    """Every piece of text Chromium printed on `page`: (text, left, top, right, bottom) in mm
    from the sheet's top left. The box is the line's: from the baseline up by the font's
    ascent and down by its descent, as wide as its characters at most (a full-width one
    is 1 em, any other at most 0.65 em, the spaces pypdf adds between runs none)."""
    import unicodedata

    height = float(page.mediabox.height)
    boxes = []

    def visit(text, cm, tm, _font, size):
        if not text.strip():
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        em = size * abs(cm[3]) * MM
        shown = text.strip(" ")   # pypdf puts a space between runs that a gap separates
        width = sum(em if unicodedata.east_asian_width(c) in "WF" else 0.65 * em for c in shown)
        left, baseline = x * MM, (height - y) * MM
        boxes.append((text, left, baseline - 0.88 * em, left + width, baseline + 0.12 * em))

    page.extract_text(visitor_text=visit)
    return boxes


def inside(box, area) -> bool:
    _, left, top, right, bottom = box
    return area[0] <= left and right <= area[2] and area[1] <= top and bottom <= area[3]


@pytest.mark.browser
def test_a_long_address_or_id_stays_in_its_box_and_the_name_in_the_window(rules, tmp_path):
    """A 1,000-character address (or name, or ID) does not push the member's name out of the
    envelope's window, nor run across the page: on the PDF Chromium prints, the name's text
    box lies inside the window's rectangle, and every piece of the address and the ID inside
    its own box."""
    from notices_roster import HEADER

    long_address = "京都府京都市中京区" + "烏丸通夷川上る少将井町" * 90
    cases = {   # ID → (address, name): all due (application months from November 2026)
        "L-1": (long_address[:995], "山田 太郎"),
        "L-2": ("京都市中京区1番地", "鈴木 花子"),
        "L-3": ("京都府京都市中京区烏丸通夷川上る少将井町240番地 京都府医師会館ビル3階 総務課気付", "寿限無" * 8),
        "L-4": ("京都市中京区2番地", "長" * 995),
        "L-5": ("", "住所 なし"),
    }
    long_id = "ID-" + "0123456789" * 99
    lines = [f"{key if key != 'L-2' else long_id},認定産業医,2027/02/28,2025/3/20,12,1,1,,600-0001,{address},{name}"
             for key, (address, name) in cases.items()]
    data = ("\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8")
    letters = Letters(rules)
    rows = Roster(rules).check(data, AS_OF)["rows"]
    assert all(not row["errors"] for row in rows)
    page = letters.document(letters.members(data, Letters.due(rows, AS_OF), AS_OF), AS_OF)
    assert len(letters_of(page)) == len(cases)
    (tmp_path / "notices.html").write_text(page, encoding="utf-8")
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto((tmp_path / "notices.html").as_uri())
        pdf = tab.pdf(prefer_css_page_size=True)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == len(cases)                       # nothing spilled onto a second sheet
    for printed in pages:
        boxes = text_boxes(printed)
        text = "".join(box[0] for box in boxes)
        key = next(key for key in cases if key in text) if "ID-0123" not in text else "L-2"
        address, name = cases[key]
        # The name, with its 様: printed, and every line of it inside the window.
        name_boxes = [box for box in boxes if box[0].strip() and (box[0].strip() in name + "\u3000様"
                                                                  or "様" in box[0])]
        assert "様" in "".join(box[0] for box in name_boxes), key
        assert name.split()[0][:4] in "".join(box[0] for box in name_boxes), key
        assert all(inside(box, WINDOW) for box in name_boxes), (key, name_boxes)
        # The address block (postal code, address, name) never leaves the window.
        block = [box for box in boxes if box[1] < CORNER[0] and box[2] < 64]
        assert all(inside(box, WINDOW) for box in block), (key, [b for b in block if not inside(b, WINDOW)])
        # The ID stays in its corner, however long, and nothing runs off the sheet's right side.
        ids = [box for box in boxes if box[1] > WINDOW[2] and 26 < box[2] < CORNER[3]]
        assert (long_id if key == "L-2" else key)[:20] in "".join(box[0] for box in ids).replace(" ", ""), key
        assert all(inside(box, CORNER) for box in ids), (key, [box for box in ids if not inside(box, CORNER)])
        assert all(box[3] <= CORNER[2] for box in boxes), key
