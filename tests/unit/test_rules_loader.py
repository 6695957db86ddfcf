"""Loading the rules: the real files load, and each kind of mistake is reported with
file, line and a Japanese reason, without a traceback."""

import pytest

from rules_copies import edit, line_of, problems_of
from loader import RulesError, editions, load_rules




def test_real_rules_load(rules):
    assert rules["cutover"]["mamis_opens"]["date"]
    assert rules["prefecture"]["association"]["name"]


def test_every_rule_value_carries_a_known_source(rules):
    """Walk the compiled rules: every entry holding a rule value has a source id."""
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            holds_value = any(key in node for key in ("value", "date", "month", "text", "amount", "tel"))
            if holds_value and path and not path[0] in ("messages", "sources") and "source" not in node:
                missing.append("/".join(path))
            if "source" in node and node["source"] is not None:
                assert node["source"]["id"] in rules["sources"], path
            for key, value in node.items():
                if key != "source":
                    walk(value, path + [str(key)])
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, path + [str(index)])

    walk(rules, [])
    assert missing == []


def test_derived_values_say_how(rules):
    assert "奇数月" in rules["review"]["rule"]["derived"]
    assert rules["certifications"]["sports"]["procedures"]["new"]["total"]["derived"]


@pytest.mark.parametrize("file,old,new,needle,reason", [
    ("schedule.yaml", "date: 2025-04-07", "date: 2025-04-31", "date: 2025-04-31", "存在しない日付"),
    ("schedule.yaml", "date: 2025-03-29", "date: 29.3.2025", "date: 29.3.2025", "日付ではありません"),
    ("occupational.yaml", "      source: {id: jma-sangyoi-tebiki-5}\n    minimums:", "    minimums:",
     "      value: 20", "出典（source）がありません"),
    ("occupational.yaml", "      実地研修: {value: 1, source: {id: jma-sangyoi-tebiki-5}}\n",
     "      実地研修: {value: 1, source: {id: jma-sangyoi-tebiki-5}}\n      実地研修: {value: 2, source: {id: jma-sangyoi-tebiki-5}}\n",
     "実地研修: {value: 2", "重複しています"),
    ("occupational.yaml", "      専門研修: {value: 1,", "      専門研修X: {value: 1,", "専門研修X", "categories にありません"),
    ("schedule.yaml", "{round: 3, expires_around: 2025-11, apply_months: [2025-07, 2025-08], approval: 2025-09",
     "{round: 3, expires_around: 2025-11, apply_months: [2025-07, 2025-08], approval: 2025-05",
     "{round: 3,", "日付の順になっていません"),
    ("schedule.yaml", "apply_months: [2025-05, 2025-06]", "apply_months: [2025-06, 2025-05]",
     "apply_months: [2025-06, 2025-05]", "申請月は古い順"),
    ("occupational.yaml", "{id: twmu-ishikai-1056}", "{id: no-such-source}", "no-such-source", "sources.yaml にありません"),
    # An unclosed list: the parser notices at the next key; the reason names where the list began.
    ("schedule.yaml", "    months: [1, 3, 5, 7, 9, 11]", "    months: [1, 3, 5, 7, 9, 11\n", "label: 日本医師会は奇数月",
     "{start}行目から始まる部分の閉じ忘れ"),
    ("messages.yaml", "  apply_fee: 登録料（{fee}円）", "  apply_fee: 登録料（{amount}円）", "  apply_fee: 登録料",
     "{amount} は使えません"),
    ("editions/kyoto.yaml", "    tel: 075-451-9111", "    tel: 075-451-911１", "075-451-911１", "電話番号"),
    ("editions/saga.yaml", "{round: 5, closes_on: 2025-11-28}", "{round: 5, closes_on: 2025-10-28}",
     "closes_on: 2025-10-28", "この回の申請月"),
    ("editions/saga.yaml", "{round: 6, closes_on: 2026-01-30}", "{round: 5, closes_on: 2026-01-30}",
     "{round: 5, closes_on: 2026-01-30}", "第5回が2回"),
    ("editions/kanagawa.yaml", "opens_on: 2025-05-15, closes_on: 2025-05-30", "opens_on: 2025-05-31, closes_on: 2025-05-30",
     "opens_on: 2025-05-31", "締切（2025-05-30）より後"),
    ("editions/kyoto.yaml", "  - certification: occupational", "  - certification: occupatonal", "certification: occupatonal",
     "資格「occupatonal」はありません"),
    ("occupational.yaml", "expires_from: 2023-04-01", "expires_from: 2023-03-01", "expires_from: 2023-03-01",
     "重ならないように"),
    ("mypage.yaml", "{mamis_opens:md}以降に", "{mamis_open:md}以降に", "{mamis_open:md}", "「{mamis_open:md}」は使えません"),
    ("sports.yaml", "    counts_within_validity: true", "    counts_within_vallidity: true", "counts_within_vallidity",
     "使えない項目"),
])
def test_a_mistake_is_reported_with_file_line_and_reason(rules_copy, file, old, new, needle, reason):
    path = rules_copy / file
    edit(path, old, new)
    edition = file.split("/")[1][:-5] if file.startswith("editions/") else "kyoto"
    if "{start}" in reason:
        reason = reason.replace("{start}", str(line_of(path, new.strip().splitlines()[0])))
    problems = problems_of(rules_copy, edition)
    matching = [p for p in problems if reason in p.reason]
    assert matching, [str(p) for p in problems]
    assert matching[0].file == f"rules/{file}"
    assert matching[0].line == line_of(path, needle), [str(p) for p in problems]


def test_all_problems_are_reported_at_once(rules_copy):
    edit(rules_copy / "schedule.yaml", "date: 2025-04-07", "date: 2025-04-31")
    edit(rules_copy / "occupational.yaml", "{id: twmu-ishikai-1056}", "{id: nowhere}")
    problems = problems_of(rules_copy)
    assert {p.file for p in problems} == {"rules/schedule.yaml", "rules/occupational.yaml"}
    assert "2件の誤り" in RulesError(problems).report()


def test_a_missing_file_is_reported(rules_copy):
    (rules_copy / "contacts.yaml").unlink()
    assert [str(p) for p in problems_of(rules_copy)] == ["rules/contacts.yaml:1: ファイルがありません。"]


def test_an_unknown_edition_is_reported_with_the_ones_there_are(rules_copy):
    problems = problems_of(rules_copy, "no-such-edition")
    assert [str(p) for p in problems] == [
        f"rules/editions/no-such-edition.yaml:1: この版のファイルがありません（ある版：{'、'.join(editions(rules_copy))}）。"]


def test_every_edition_loads_and_names_its_association():
    assert all(load_rules(edition=edition)["prefecture"]["association"]["name"] for edition in editions())


def test_cutover_dates_must_stay_in_order(rules_copy):
    edit(rules_copy / "schedule.yaml", "date: 2025-04-07", "date: 2025-03-30")
    assert any("より後の日付" in p.reason for p in problems_of(rules_copy))
