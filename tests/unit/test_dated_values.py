"""Values that change on a date (OpenFisca's `values:` keyed by the first day): the checker
uses the value in force for the application's round, the pages the value in force on
their day. The shipped rules hold no such change (no source gives one); these tests make
one up in a temporary copy of rules/, as the README's example shows."""
import datetime as dt
import shutil

import pytest

from build import for_browser
from checker import evaluate
from checker.rules.model import Rules
from loader import load_rules
from loader.compile import RULES_DIR
from sitegen.context import build_context
from sitegen.render import environment
from rules_copies import edit, line_of, problems_of
from paths import ROOT

# The README's example (README「日付で変わる値」), with a made-up change on `day`.
TOTAL = """    total:
      value: 20
      source: {id: jma-sangyoi-tebiki-5}
"""
DATED_TOTAL = """    total:
      values:
        2025-04-01:
          value: 20
          source: {{id: jma-sangyoi-tebiki-5}}
        {day}:
          value: 25
          source: {{id: jma-sangyoi-tebiki-5, section: "（テスト用の架空の変更）"}}
"""
FEE = """    fee:
      amount: 10000
      text: 登録料は都道府県医師会の指示に従って支払います。
      source: {id: seed-001, section: "〈更新申請方法〉「登録料（10,000円）」"}
"""
DATED_FEE = """    fee:
      values:
        2025-04-01:
          amount: 10000
          text: 登録料は都道府県医師会の指示に従って支払います。
          source: {{id: seed-001, section: "〈更新申請方法〉「登録料（10,000円）」"}}
        {day}:
          amount: 12000
          text: 登録料は都道府県医師会の指示に従って支払います。
          source: {{id: seed-001, section: "（テスト用の架空の変更）"}}
"""
# Round 1 of FY2027 (approval 2027-05) opens on 2027-03-01, round 2 (approval 2027-07) on
# 2027-05-01: the day of round 2's opening, and the day after it.
ROUND_1 = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-07-31", "as_of": "2026-12-01"}
ROUND_2 = {**ROUND_1, "expires_on": "2027-09-30"}


def dated_rules(tmp_path, day: str):
    target = tmp_path / f"rules-{day}"
    shutil.copytree(RULES_DIR, target)
    edit(target / "occupational.yaml", TOTAL, DATED_TOTAL.format(day=day))
    edit(target / "occupational.yaml", FEE, DATED_FEE.format(day=day))
    return target


def answer(rules, request):
    result = evaluate(request, rules)
    assert result["ok"], result["errors"]
    fee = next(item["text"] for item in result["actions"] if item["code"] == "apply_fee")
    return result["schedule"]["opens_on"], result["credits"]["required_total"], fee


@pytest.mark.parametrize("day,round_2", [("2027-05-01", 25), ("2027-05-02", 20)],
                         ids=["change on round 2's first day", "change the day after"])
def test_the_checker_uses_the_value_in_force_for_the_round(tmp_path, day, round_2):
    rules = load_rules(dated_rules(tmp_path, day))
    opens, total, fee = answer(rules, ROUND_1)
    assert (opens, total) == ("2027-03-01", 20) and "10,000円" in fee
    opens, total, fee = answer(rules, ROUND_2)
    assert (opens, total) == ("2027-05-01", round_2)
    assert ("12,000円" if round_2 == 25 else "10,000円") in fee


def test_the_browsers_copy_keeps_the_dates(tmp_path):
    rules = load_rules(dated_rules(tmp_path, "2027-05-01"))
    slim = Rules.of(for_browser(rules))
    assert evaluate(ROUND_2, slim) == evaluate(ROUND_2, rules)
    assert "'values'" in repr(for_browser(rules))


@pytest.mark.parametrize("today,total,fee", [(dt.date(2027, 4, 30), "| 合計 | 20単位以上 |", "10,000円"),
                                             (dt.date(2027, 5, 1), "| 合計 | 25単位以上 |", "12,000円")])
def test_the_pages_show_the_value_in_force_on_their_day(tmp_path, today, total, fee):
    model = Rules.of(load_rules(dated_rules(tmp_path, "2027-05-01")))
    page = environment(ROOT / "templates").get_template("renewal.md.j2").render(
        build_context(model, today, {}))
    occupational = page.split("## 日本医師会認定健康スポーツ医")[0]
    assert total in occupational and fee in occupational


def test_an_undated_read_of_a_dated_value_is_an_error_not_a_guess(tmp_path):
    procedure = Rules.of(load_rules(dated_rules(tmp_path, "2027-05-01"))).procedure("occupational", "renewal")
    with pytest.raises(RuntimeError, match="in_force"):
        procedure.total
    assert procedure.in_force(dt.date(2027, 5, 1)).total == 25
    assert procedure.in_force(dt.date(2020, 1, 1)).total == 20   # the first value holds before its day


def test_dated_values_are_checked_like_any_other(tmp_path):
    rules_dir = dated_rules(tmp_path, "2027-05-01")
    path = rules_dir / "occupational.yaml"
    edit(path, "          value: 25\n", "          value: 2\n")
    edit(path, "        2027-05-01:\n          amount: 12000", "        2027-04-31:\n          amount: 12000")
    reasons = {(p.line, p.reason) for p in problems_of(rules_dir)}
    assert (line_of(path, "    total:"), "区分ごとの下限の合計（3）が合計の要件（2）を超えています（2027-05-01から）。") in reasons
    assert (line_of(path, "2027-04-31"), "「values」の「2027-04-31」は存在しない日付です。") in reasons


def test_dates_must_be_in_order(tmp_path):
    rules_dir = dated_rules(tmp_path, "2027-05-01")
    path = rules_dir / "occupational.yaml"
    edit(path, "        2025-04-01:\n          value: 20", "        2028-04-01:\n          value: 20")
    assert [p.reason for p in problems_of(rules_dir)] == ["values の日付は古い順に書いてください。"]
