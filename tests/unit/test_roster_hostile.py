"""The roster against hostile files and odd bytes: formulas in the result CSV stay text,
CR / LF / CRLF read alike, a broken file is refused with the line to look at (never read
in part), and no bytes at all make `Roster.check` raise (hypothesis, 7,000 files)."""
import csv
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import examples
from checker.roster.check import Roster
from checker.roster.cells import iso_date
from paths import ROOT

AS_OF = "2026-11-21"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "-Taro", "+81-75-000", "@SUM(A1:A9)"]


@pytest.fixture(scope="module")
def roster(rules):
    return Roster(rules)


def records(out: str) -> list[list[str]]:
    assert out.startswith("\ufeff")
    return list(csv.reader(io.StringIO(out[1:], newline="")))


def roster_file(roster, lines: list[str], end: str = "\r\n") -> bytes:
    return (end.join([roster.template_csv().strip("\ufeff\r\n"), *lines]) + end).encode("utf-8")


def quoted(*cells: str) -> str:
    """One line as Excel writes it (a cell with a comma or quote in quotes)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def test_formula_like_cells_are_written_as_text(roster):
    lines = [quoted(payload, "認定産業医", "2027/3/31") for payload in PAYLOADS] + ["A-9,認定産業医,=1+1"]
    checked = roster.check(roster_file(roster, lines), AS_OF)
    assert checked["errors"] == []
    # The rows (and the page's table) keep what the file said ...
    assert {row["id"] for row in checked["rows"]} == {*PAYLOADS, "A-9"}
    assert any(row["expires_on"] == "=1+1" for row in checked["rows"])
    # ... the CSV Excel opens has them as text: a leading ' and nothing that starts a formula.
    table = records(roster.to_csv(checked["rows"], checked["as_of"], source=roster_file(roster, lines)))
    ids = {row[0] for row in table[1:]}
    assert ids == {"'" + payload for payload in PAYLOADS} | {"A-9"}
    expiry = table[0].index("有効期限")
    assert ["'=1+1"] == [row[expiry] for row in table[1:] if row[0] == "A-9"]
    assert not [cell for row in table for cell in row if cell.startswith(FORMULA_START)]


def test_a_tab_at_the_start_of_a_cell_is_neutralised_too(roster):
    """(A cell cannot start with CR: a CR inside a cell is refused as a line break.)"""
    data = roster_file(roster, [quoted("\tcmd", "認定産業医", "\t=1+1")])
    checked = roster.check(data, AS_OF)
    table = records(roster.to_csv(checked["rows"], AS_OF, source=data))
    assert table[1][0] == "'\tcmd" and table[1][table[0].index("有効期限")] == "'\t=1+1"


def test_the_csv_states_the_day_and_the_edition(roster, rules):
    data = roster_file(roster, ["A-1,認定産業医,2027/3/31", "A-2,産業医,2028/3/31"])
    checked = roster.check(data, AS_OF)
    assert checked["as_of"] == AS_OF
    table = records(roster.to_csv(checked["rows"], checked["as_of"], source=data))
    assert table[0][-2:] == ["基準日", "版"]
    assert {tuple(row[-2:]) for row in table[1:]} == {("2026年11月21日（土）", rules["prefecture"]["association"]["name"])}
    width = len(roster.headers()) + len(Roster.CSV_COLUMNS) + 2
    assert {len(row) for row in table} == {width}   # one clean table, for a mail merge


def test_the_command_line_csv_is_inert_too(tmp_path, roster):
    path = tmp_path / "meibo.csv"
    path.write_bytes(roster_file(roster, [quoted(payload, "認定産業医", "2027/3/31") for payload in PAYLOADS]))
    done = subprocess.run([sys.executable, "-m", "checker", "roster", str(path), "--as-of", AS_OF],
                          cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    table = records(done.stdout.decode("utf-8"))
    assert {row[0] for row in table[1:]} == {"'" + payload for payload in PAYLOADS}
    assert {row[-2] for row in table[1:]} == {"2026年11月21日（土）"}


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"], ids=["CRLF", "LF", "CR (CSV Macintosh)"])
def test_every_line_ending_reads_alike(roster, end):
    lines = ["A-1,認定産業医,2027/3/31,,12,4,4", "", "A-2,健康スポーツ医,R9.5.30,,,,,5"]
    checked = roster.check(roster_file(roster, lines, end), AS_OF)
    assert checked["errors"] == []
    assert sorted((row["line"], row["id"], row["expires_on"]) for row in checked["rows"]) == [
        (2, "A-1", "2027-03-31"), (4, "A-2", "2027-05-30")]


@pytest.mark.parametrize("lines,message", [
    (["A-1,認定産業医,2027/3/31", "A-2," + "x" * 200_000 + ",2027/3/31"],
     "3行目に1000文字を超えるセルがあります。"),
    (["A-1,認定産業医,2027/3/31", 'A-2,"産業医,2027/3/31', "A-3,産業医,2027/3/31", "A-4,産業医,2027/3/31"],
     "3行目の「\"」が閉じていないか、セルの途中にあるため、3行目から3行を読めませんでした。"),
    (['A-1,"認定"産業医,2027/3/31'], "2行目の「\"」が閉じていないか、セルの途中にあるため、2行目から1行を読めませんでした。"),
    (['A-1,"認定産業医', 'A-2",2027/3/31', "A-3,産業医,2027/3/31"],
     "2行目のセルの中に改行があり、2行が1つのセルになっています"),
    (["A-1,認定産業医,2027/3/31", "A-2\x00,産業医,2027/3/31"], "3行目にNUL文字（0x00）があります。"),
], ids=["cell over 131,072 characters", "unclosed quote", "quote mid-cell", "quote closed lines later", "NUL"])
def test_a_broken_file_is_refused_with_its_line(roster, lines, message):
    for end in ("\r\n", "\r"):
        checked = roster.check(roster_file(roster, lines, end), AS_OF)
        assert checked["rows"] == [] and len(checked["errors"]) == 1
        assert checked["errors"][0].startswith(message), checked["errors"]


def test_a_stray_byte_names_its_line(roster):
    data = roster_file(roster, ["A-1,認定産業医,2027/3/31", "A-2,産業医,2027/3/31", "A-3,産業医,2027/3/31"])
    data = data.replace(b"A-3,", b"A-3\xff,")
    assert roster.check(data, AS_OF)["errors"] == [
        "ファイルの文字コードを読み取れません（4行目に、UTF-8でもShift_JIS（CP932）でもない文字があります）。"
        "その文字を直すか、UTF-8かShift_JIS（CP932）のCSVで保存し直してください。"]


def test_a_column_given_twice_is_refused(roster):
    data = "ID・氏名,資格,有効期限,有効期限（任意）\r\nA-1,産業医,2027/3/31,2028/3/31\r\n".encode("cp932")
    assert roster.check(data, AS_OF)["errors"] == [
        "見出しの「有効期限」が2つあります（3列目と4列目）。どちらか1つにしてください。"]


def test_the_same_person_and_title_twice_is_reported(roster):
    lines = ["A-1,認定産業医,2027/3/31", "A-1,健康スポーツ医,2027/3/31", "A-1,産業医,2028/3/31", ",産業医,2027/3/31"]
    rows = {row["line"]: row for row in roster.check(roster_file(roster, lines), AS_OF)["rows"]}
    assert [e["text"] for e in rows[4]["errors"]] == [
        "4行目の「ID・氏名」：2行目と4行目は同じID・氏名と資格です。どちらかを消してください。"]
    assert rows[4]["error_text"] == rows[4]["errors"][0]["text"]   # the エラー column (table and CSV) says it
    assert rows[2]["errors"] == rows[3]["errors"] == []   # both titles of one physician: fine
    # the copy gets no result of its own (which line is stale, only staff know); the first keeps its own
    duplicate = rows[4]
    assert duplicate["status"] == duplicate["verdict"] == duplicate["round"] == duplicate["apply_by"] == ""
    assert duplicate["apply_months"] == [] and duplicate["shortfall"] is None
    assert rows[2]["round"] and rows[2]["status"]


@pytest.mark.parametrize("written,iso", [
    ("R9.9.30", "2027-09-30"), ("R9/9/30", "2027-09-30"), ("H31.4.30", "2019-04-30"), ("令和9.9.30", "2027-09-30"),
    ("2027.3.31", "2027-03-31"), ("ｒ９．９．３０", "2027-09-30"), ("令和元年5月1日", "2019-05-01"),
    ("平成30年3月31日", "2018-03-31"), ("2027年3月31日", "2027-03-31"),
])
def test_dates_as_offices_write_them(written, iso):
    assert iso_date(written) == iso


def test_a_missing_roster_file_is_a_japanese_message(tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "checker", "roster", str(tmp_path / "nai.csv")],
                          cwd=ROOT, capture_output=True, timeout=60, env=env)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8").strip() == f"ファイル「{tmp_path / 'nai.csv'}」が見つかりません。名前と場所を確かめてください。"
    done = subprocess.run([sys.executable, "-m", "checker", "roster", str(tmp_path)],
                          cwd=ROOT, capture_output=True, timeout=60, env=env)
    assert done.returncode == 2 and "を開けません" in done.stderr.decode("utf-8")


# -- any bytes at all -------------------------------------------------------------------
FRAGMENTS = ['"', '""', ",", "\r", "\n", "\r\n", "\x00", "\ufeff", "\t", " ", "　", "=", "-", "+", "@",
             "認定産業医", "産業医", "健康スポーツ医", "歯科医", "2027/3/31", "R9.9.30", "令和元年5月1日", "H31.4.30",
             "2025-02-30", "9999/99/99", "12", "0", "1.5", "-3", "１２", "1e9", "x" * 999, "x" * 1001]
cell = st.text(max_size=12) | st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join)
HEADERS = ["ID・氏名", "資格", "有効期限", "マイページ登録日（任意）", "更新研修（単位）（任意）", "再研修会（単位）", "氏名", ""]


@st.composite
def roster_files(draw) -> bytes:
    """CSV-shaped files: a header of known and unknown columns, rows of awkward cells,
    any line ending, UTF-8 (BOM or not) or CP932, now and then a stray byte."""
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=0, max_size=7))
    rows = draw(st.lists(st.lists(cell, max_size=8), max_size=12))
    end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    text = end.join(",".join(cells) for cells in [header, *rows]) + draw(st.sampled_from(["", end]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp932"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return data


def assert_answers(roster, data: bytes) -> None:
    checked = roster.check(data, AS_OF)
    assert set(checked) == {"rows", "errors", "as_of"}
    assert all(isinstance(message, str) and message for message in checked["errors"])
    assert not (checked["rows"] and checked["errors"])
    json.dumps(checked, ensure_ascii=False, allow_nan=False)
    table = records(roster.to_csv(checked["rows"], checked["as_of"], source=data))
    assert len(table) == len(checked["rows"]) + 1 and len({len(row) for row in table}) == 1
    assert not [c for row in table for c in row if c.startswith(FORMULA_START)]


FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=examples(5000), **FUZZ)
@given(roster_files())
def test_no_csv_shaped_file_makes_the_roster_raise(roster, data):
    assert_answers(roster, data)


@settings(max_examples=examples(2000), **FUZZ)
@given(st.binary(max_size=400))
def test_no_bytes_make_the_roster_raise(roster, data):
    assert_answers(roster, data)


# -- issue #22 ----------------------------------------------------------------------------
@pytest.mark.parametrize("written,message", [
    ("H99.1.1", "「H99.1.1」という日はありません（平成は1989年1月8日から2019年4月30日までです）。"),
    ("平成31年5月1日", "「平成31年5月1日」という日はありません（平成は1989年1月8日から2019年4月30日までです）。"),
    ("R0.1.1", "令和0年はありません（令和は元年＝1年からです）。"),
    ("令和0年1月1日", "令和0年はありません（令和は元年＝1年からです）。"),
    ("令和元年4月30日", "「令和元年4月30日」という日はありません（令和は2019年5月1日からです）。"),
])
def test_a_day_the_era_never_had_is_an_error_naming_the_cell(roster, written, message):
    assert iso_date(written) == written      # not read as some Western day (H99 → 2087, R0 → 2018)
    lines = [f"A-1,認定産業医,{written}", f"A-2,認定産業医,2027/3/31,{written}"]
    rows = {row["line"]: row for row in roster.check(roster_file(roster, lines), AS_OF)["rows"]}
    assert [e["text"] for e in rows[2]["errors"]] == [f"2行目の「有効期限」：{message}"]
    assert [e["text"] for e in rows[3]["errors"]] == [f"3行目の「マイページ登録日」：{message}"]


def test_the_first_year_of_an_era_is_1(roster):
    assert iso_date("令和元年5月1日") == iso_date("R1.5.1") == iso_date("令和1年5月1日") == "2019-05-01"
    assert iso_date("平成元年1月8日") == iso_date("H1.1.8") == "1989-01-08"
    assert iso_date("H31.4.30") == "2019-04-30"


def test_a_blank_id_is_an_error_for_that_row(roster):
    lines = ["A-1,認定産業医,2027/3/31", ",認定産業医,2027/3/31", "　 ,産業医,2028/3/31"]
    rows = {row["line"]: row for row in roster.check(roster_file(roster, lines), AS_OF)["rows"]}
    assert rows[2]["errors"] == []
    for line in (3, 4):
        assert [e["text"] for e in rows[line]["errors"]] == [
            f"{line}行目の「ID・氏名」：ID・氏名を書いてください（案内状と結果で、だれの行かわかるように）。"]


@pytest.mark.parametrize("failing", ["situate", "verdict_only", "status_label", "apply_by_part"])
def test_a_failure_nobody_foresaw_is_the_checks_internal_error_on_that_row(rules, monkeypatch, failing):
    """Whether the calculators or the wording fail, the roster says so on the row, in the
    single check's words, and goes on: `check` never raises."""
    import checker.roster.check as check_module

    def broken(*args, **kwargs):
        raise RuntimeError("nobody foresaw this")

    monkeypatch.setattr(check_module, failing, broken)
    roster = Roster(rules)
    lines = ["A-1,認定産業医,2027/3/31", "A-2,健康スポーツ医,2028/3/31"]
    rows = roster.check(roster_file(roster, lines), AS_OF)["rows"]
    internal = rules["messages"]["errors"]["internal"]
    assert sorted(row["line"] for row in rows) == [2, 3]
    for row in rows:
        assert [error["message"] for error in row["errors"]] == [internal]
        assert row["verdict"] == row["status"] == row["round"] == "" and row["apply_months"] == []


BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]


def test_bidi_controls_are_removed_from_everything_printed_and_flagged(roster, rules):
    from checker.roster.notices import Letters
    from notices_roster import HEADER

    address = "京都府京都市中京区"
    reversed_address = "京都府" + "\u202e" + address[3:] + "\u202c"   # prints 区京中市都京
    data = ("\r\n".join([HEADER, f"B\u200f-1,認定産業医,2027/02/28,2025/3/20,12,1,1,,600-0001,{reversed_address},山田\u2067 太郎",
                         "B-2,認定産業医,2027/02/28,2025/3/20,12,1,1,,600-0002,京都市,鈴木 花子"]) + "\r\n").encode("utf-8")
    checked = roster.check(data, "2026-11-22")
    row = next(row for row in checked["rows"] if row["line"] == 2)
    assert row["id"] == "B-1"
    assert [e["text"] for e in row["errors"]] == [
        f"2行目の「{column}」：文字の向きを変える制御文字（{codes}）があったため、取り除いて表示しています。ファイルのこのセルから消してください。"
        for column, codes in (("ID・氏名", "U+200F"), ("住所（任意）", "U+202E、U+202C"), ("氏名（任意）", "U+2067"))]
    assert next(row for row in checked["rows"] if row["line"] == 3)["errors"] == []
    table = json.dumps(checked, ensure_ascii=False) + roster.to_csv(checked["rows"], checked["as_of"], source=data)
    letters = Letters(rules)
    members = letters.members(data, checked["rows"], checked["as_of"])   # letters for both, flagged or not
    printed = letters.document(members, checked["as_of"]) + letters.mail_merge_csv(members)
    assert address in printed and "山田 太郎" in printed
    for text in (table, printed):
        assert not [c for c in BIDI if c in text]
    # A value the template fills in is cleaned too, wherever it came from.
    assert letters.fill("step", text="A\u202eB") == "<li>AB</li>"


@pytest.mark.parametrize("cell", ["＝1+1", "\u200b=1+1", "\ufeff=1+1", " =1+1", "\u3000＝SUM(A1:A9)", "\u00a0=1",
                                  "＋81-75", "－5", "＠SUM(A1)", "﹦1", "−1", "\u2060@A1", "\u200b\ufeff ＝cmd|'/C calc'!A0"])
def test_disguised_formulas_are_written_as_text(roster, cell):
    """Japanese Excel takes a typed full-width ＝ (and ＋ －) as the formula's = + -, and some
    importers drop leading spaces or invisible characters: so a cell that starts with one
    once those are passed over gets the ' too."""
    data = roster_file(roster, [quoted(cell, "認定産業医", "2027/3/31")])
    checked = roster.check(data, AS_OF)
    assert records(roster.to_csv(checked["rows"], AS_OF, source=data))[1][0] == "'" + cell


@pytest.mark.parametrize("cell", ["山田 太郎", "A-1", "2027-03-31", "（注）", "'=1", "ー", "〒600-0001", "", "・"])
def test_ordinary_cells_are_written_as_they_are(roster, cell):
    data = roster_file(roster, [quoted(cell, "認定産業医", "2027/3/31")])
    checked = roster.check(data, AS_OF)
    assert records(roster.to_csv(checked["rows"], AS_OF, source=data))[1][0] == cell
