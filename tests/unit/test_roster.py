"""The roster check: generated rosters (UTF-8 with and without BOM, Shift_JIS, blank lines,
wrong dates, unknown titles) and every row checked against a single `evaluate` call."""
import csv
import io
import re
import subprocess
import sys

import pytest

from checker import evaluate
from checker.roster.check import Roster
from checker.roster.rows import ROW_FIELDS
from paths import ROOT
from roster_files import generated

AS_OF = "2026-11-21"




@pytest.fixture(scope="module")
def roster(rules):
    return Roster(rules)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_every_row_is_the_single_check(roster, rules, encoding):
    text, expected = generated(seed=7, count=300)
    checked = roster.check(text.encode(encoding), AS_OF)
    assert checked["errors"] == []
    assert len(checked["rows"]) == len(expected) == 300
    kinds = {"ok": 0, "error": 0}
    for row in checked["rows"]:
        line, request, units_known = expected[row["id"]]
        assert row["line"] == line
        single = evaluate(request, rules, units_known=units_known)
        title_word = roster.word("certification_invalid", titles="・".join(
            c["short_name"] for c in rules["certifications"].values()))
        # the generator writes a date that does not exist as 2027/2/30: echoed as written
        as_written = lambda message: re.sub(r"「(\d{4})-02-30」", r"「\1/2/30」", message)  # noqa: E731
        assert [e["message"] for e in row["errors"]] == [
            title_word if e["field"] == "certification" else as_written(e["message"]) for e in single["errors"]], row["id"]
        if single["ok"]:
            kinds["ok"] += 1
            assert row["status"] == single["status"]
            assert (row["verdict"], row["verdict_title"]) == (single["verdict"]["code"], single["verdict"]["title"])
            if single["status"] == "expired" or not single["schedule"]["actionable"]:
                # no round to apply in: the row leaves the schedule out
                assert row["apply_by"] == row["round"] == "" and row["apply_months"] == []
            else:
                assert row["apply_by"] == single["schedule"]["apply_by"]
                assert row["apply_by_label"].startswith(single["schedule"]["labels"]["apply_by"])
                assert row["round"] == single["schedule"]["labels"]["round"]
                assert row["apply_months"] == single["schedule"]["apply_months"]
            expected_shortfall = single["credits"]["shortfall_total"] if units_known else None
            assert row["shortfall"] == expected_shortfall, row["id"]
            if not units_known:
                assert row["verdict"] != "earn_units"    # no units given: no shortfall is claimed
        else:
            kinds["error"] += 1
            assert all(error["text"].startswith(f"{line}行目の「") for error in row["errors"])
    assert kinds["ok"] > 150 and kinds["error"] > 30    # the generator made both kinds
    # every row has the same fields, in order: the page's worker keeps rows as lists of them
    assert {tuple(row) for row in checked["rows"]} == {ROW_FIELDS}


def test_rows_are_sorted_by_application_month(roster):
    text, _ = generated(seed=3, count=200)
    rows = roster.check(text.encode("utf-8"), AS_OF)["rows"]
    months = [row["apply_months"][0] if row["apply_months"] else "9999-99" for row in rows]
    assert months == sorted(months)
    assert rows[-1]["errors"]      # rows with errors come last


def test_errors_name_the_line_and_column(roster):
    text = roster.template_csv() + "X-1,歯科医,2027/2/30,,abc,,,\r\n"
    row = roster.check(text.encode("utf-8"), AS_OF)["rows"][0]
    assert [e["text"] for e in row["errors"]] == [
        "2行目の「資格」：資格は認定産業医・認定健康スポーツ医のどれかを書いてください。",
        "2行目の「有効期限」：有効期限の「2027/2/30」は存在しない日付です。",   # as the file wrote it
        "2行目の「更新研修（単位）」：単位数は、0以上1000以下の数で入力してください（空でも構いません）。",
    ]
    text = roster.template_csv() + "X-2,健康スポーツ医,2027/3/31,,4,,,5\r\n"
    row = roster.check(text.encode("utf-8"), AS_OF)["rows"][0]
    assert [e["text"] for e in row["errors"]] == [
        "2行目の「更新研修（単位）」：認定健康スポーツ医の更新では使わない区分です。空にしてください。"]


@pytest.mark.parametrize("data,message", [
    (b"\xff\xfe\x00broken\x81", "文字コードを読み取れません"),
    ("氏名,生年月日\r\nA,1970/1/1\r\n".encode("utf-8"), "1行目に見出しがありません"),
    ("ID・氏名,資格,有効期限\r\n\r\n".encode("utf-8"), "データの行がありません"),
])
def test_file_level_problems(roster, data, message):
    checked = roster.check(data, AS_OF)
    assert checked["rows"] == [] and message in checked["errors"][0]


def test_the_result_csv_opens_in_excel(roster):
    text, _ = generated(seed=5, count=20)
    checked = roster.check(text.encode("cp932"), AS_OF)
    out = roster.to_csv(checked["rows"], checked["as_of"], source=text.encode("cp932"))
    assert out.startswith("\ufeff" + text.split("\r\n")[0] + ",行,すること,状況,申請期限,不足単位,エラー,審査の回,申請月,"
                          "審査・承認,基準日,版\r\n")
    assert out.count("\r\n") == 21


def test_command_line_roster(tmp_path):
    path = tmp_path / "roster.csv"
    text, _ = generated(seed=11, count=30)
    path.write_bytes(text.encode("cp932"))
    done = subprocess.run([sys.executable, "-m", "checker", "roster", str(path), "--as-of", AS_OF],
                          cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode in (0, 2)
    out = done.stdout.decode("utf-8")
    assert out.startswith("\ufeffID・氏名,資格,有効期限") and len(out.strip().splitlines()) == 31
    example = subprocess.run([sys.executable, "-m", "checker", "roster", "examples/roster.csv", "--as-of", AS_OF],
                             cwd=ROOT, capture_output=True, timeout=60)
    assert example.returncode == 0, example.stdout.decode()


def test_decimal_units_in_a_roster_add_up_exactly(roster):
    """1.2 + 16.4 + 2.4 is 20 here (in floats 19.999999999999996), 0.1 + 0.2 + 0.1 is 0.4."""
    text = roster.template_csv() + "D-1,認定産業医,2027/3/31,2025/3/20,1.2,16.4,2.4,\r\nD-2,認定産業医,2027/3/31,2025/3/20,0.1,0.2,0.1,\r\n"
    rows = {row["id"]: row for row in roster.check(text.encode("utf-8"), AS_OF)["rows"]}
    assert rows["D-1"]["shortfall"] == 0 and rows["D-1"]["verdict"] == "apply_now"
    assert rows["D-2"]["shortfall"] == 19.6


STAFF_FILE = ("ID・氏名,資格,有効期限,マイページ登録日（任意）,更新研修（単位）（任意）,実地研修（単位）（任意）,"
              "専門研修（単位）（任意）,郵便番号（任意）,住所（任意）,氏名（任意）,備考\r\n"
              "K-1,認定産業医,R9.3.31,2025/3/20,12,4,4,604-8585,京都市中京区西ノ京東栂尾町6,京都 太郎,電話済み\r\n"
              "K-2,産業医,2027年8月31日,未登録,,,,600-0000,\"京都市下京区1-2, 3階\",下京 花子,\r\n"
              "K-3,認定健康スポーツ医,2028/1/31,,,,,,,,\r\n"
              "K-4,産業医,2027/2/30,,,,,,,,日付を確認\r\n")


def test_the_result_csv_keeps_every_column_as_written_then_the_results(roster):
    """Staff's own columns (the address block, a note of their own) come back as the file
    wrote them, dates included; what the roster adds are words Excel leaves as text."""
    data = STAFF_FILE.encode("cp932")
    checked = roster.check(data, AS_OF)
    table = list(csv.reader(io.StringIO(roster.to_csv(checked["rows"], checked["as_of"], source=data)[1:], newline="")))
    written = list(csv.reader(io.StringIO(STAFF_FILE, newline="")))
    assert table[0] == written[0] + roster.csv_result_headers()
    width = len(written[0])
    by_id = {line[0]: line for line in table[1:]}
    for line in written[1:]:
        assert by_id[line[0]][:width] == line          # every input cell as written: R9.3.31, 2027年8月31日, notes
    results = [cell for line in table[1:] for cell in line[width:]]
    assert not [cell for cell in results if re.search(r"\d{4}-\d{2}-\d{2}", cell)]   # no ISO date Excel would re-type
    assert "2027/2/30" in by_id["K-4"][table[0].index("エラー")]                    # the error echoes the cell


def test_the_result_csv_can_be_checked_again_next_month(roster):
    """The result file, chosen again, is a roster: the same answers, and one set of result
    columns (the old ones are replaced, not repeated)."""
    data = STAFF_FILE.encode("cp932")
    first = roster.check(data, AS_OF)
    result = roster.to_csv(first["rows"], AS_OF, source=data).encode("utf-8")
    again = roster.check(result, AS_OF)
    assert again["errors"] == []
    fields = ("id", "status", "verdict", "round", "apply_by", "apply_label", "shortfall", "expires_on", "expires_on_cell")
    answers = lambda rows: sorted(tuple(str(row[f]) for f in fields) + (str([e["message"] for e in row["errors"]]),)  # noqa: E731
                                  for row in rows)
    assert answers(again["rows"]) == answers(first["rows"])
    second = roster.to_csv(again["rows"], AS_OF, source=result)
    assert second.split("\r\n")[0] == result.decode("utf-8").split("\r\n")[0]
    # and a whole generated roster of 300 goes round too
    text, _ = generated(seed=8, count=300)
    first = roster.check(text.encode("cp932"), AS_OF)
    again = roster.check(roster.to_csv(first["rows"], AS_OF, source=text.encode("cp932")).encode("utf-8"), AS_OF)
    assert answers(again["rows"]) == answers(first["rows"])
