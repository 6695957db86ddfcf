"""The rules' one schema (checker/rules/model.py FIELDS, walked by checker/rules/schema.py): a misspelt
key anywhere in any rule file is refused at its line, every mistake of a file is reported
at once, YAML's anchors and aliases are refused, the compiled JSON is checked by the same
schema with paths, and the messages may use only the names their contract declares."""
import copy
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from cases_loader import all_cases
from checker import evaluate
from checker.rules.messages import MESSAGE_FIELDS, MessageError, Messages
from checker.rules.model import FILES, RULES, Rules, RulesDataError, browser_copy
from checker.rules.schema import Choice, Dated, ListOf, MapOf, Record
from loader import editions, load_rules
from loader.compile import RULES_DIR
from loader.located_yaml import load_located
from rules_copies import edit, line_of, problems_of


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


# -- every key of every file ---------------------------------------------------------------------
def _node_at(path: tuple):
    node = RULES
    for part in path:
        node = node.value if isinstance(node, MapOf) else node.cls.FIELDS[part].node
    return node


def keys_of(node, value, depth=0):
    """(line, key, depth, kind) of every key below `value`: kind "record" for a key the
    schema fixes (a misspelling is an unknown key at its line), "name" for a name the
    rules choose (a category, a source id: a misspelling breaks what refers to it)."""
    if isinstance(node, Dated):
        if isinstance(value, dict) and "values" in value:
            yield value.line_of("values"), "values", depth, "record"
            yield from keys_of(node._days, value["values"], depth + 1)
        else:
            yield from keys_of(node.item, value, depth)
    elif isinstance(node, Record) and isinstance(value, dict):
        for key, item in value.items():
            yield value.line_of(key), key, depth, "record"
            if key in node.cls.FIELDS:
                yield from keys_of(node.cls.FIELDS[key].node, item, depth + 1)
    elif isinstance(node, MapOf) and isinstance(value, dict):
        for key, item in value.items():
            yield value.line_of(key), key, depth, "record" if isinstance(node.key, Choice) else "name"
            yield from keys_of(node.value, item, depth + 1)
    elif isinstance(node, ListOf) and isinstance(value, list):
        for item in value:
            yield from keys_of(node.item, item, depth)


def file_keys(rules_dir: Path, name: str, place: dict):
    document = load_located((rules_dir / name).read_text(encoding="utf-8"), f"rules/{name}")
    found = [(document.line_of(key), key, 0, "record") for key in document]
    if "hoist" in place:
        for key in place["hoist"]:
            found += keys_of(RULES.cls.FIELDS[key].node, document[key], 1)
    else:
        body = type(document)({k: v for k, v in document.items() if k != "description"})
        body.lines, body.line = document.lines, document.line
        found += [item for item in keys_of(_node_at(place["at"]), body, 0) if item[2] > 0]
    return found


TITLES = load_rules()["titles"]
ALL_FILES = [(pattern.format(edition=edition, title=title),
              {"at": tuple(part.format(title=title) for part in place["at"])} if title else place, edition)
             for edition in editions() for pattern, place in FILES
             for title in (TITLES if "{title}" in pattern else [None])
             if "{edition}" in pattern or edition == "kyoto"]


def misspell(path: Path, edits: list[tuple[int, str]]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for line, key in edits:
        text, count = re.subn(rf"(?<![\w-]){re.escape(str(key))}(?=\s*:)", f"{key}z", lines[line - 1], count=1)
        assert count == 1, (path.name, line, key, lines[line - 1])
        lines[line - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("name,place,edition", ALL_FILES, ids=[name for name, _, _ in ALL_FILES])
def test_a_misspelt_key_anywhere_is_refused_at_its_line(rules_copy, name, place, edition):
    """Every key the schema fixes, misspelt (a whole depth of the file at a time), is
    reported as an unknown key at its own line."""
    keys = [item for item in file_keys(rules_copy, name, place) if item[3] == "record" and item[1] != "description"]
    assert keys
    original = (rules_copy / name).read_text(encoding="utf-8")
    by_depth = defaultdict(list)
    for line, key, depth, _ in keys:
        by_depth[depth].append((line, key))
    for depth, edits in sorted(by_depth.items()):
        (rules_copy / name).write_text(original, encoding="utf-8")
        misspell(rules_copy / name, edits)
        reported = {(p.line, named) for p in problems_of(rules_copy, edition) if p.file == f"rules/{name}"
                    for named in re.findall(r"「(.+?)」", p.reason)}
        missing = [(line, key) for line, key in edits if (line, f"{key}z") not in reported]
        assert not missing, f"{name}, depth {depth}: not reported at their lines: {missing}"


@pytest.mark.parametrize("name,place,edition", ALL_FILES, ids=[name for name, _, _ in ALL_FILES])
def test_a_misspelt_name_is_refused(rules_copy, name, place, edition):
    """A name the rules choose (a category, a source's id) misspelt: whatever refers to
    it, or what it refers to, is missing, and the build says where."""
    cited = set(re.findall(r"'id': '([^']+)'", repr(load_rules(rules_copy, edition))))
    names = [item for item in file_keys(rules_copy, name, place) if item[3] == "name"
             and (name != "sources.yaml" or item[1] in cited)]   # an id nothing cites: nothing to break
    original = (rules_copy / name).read_text(encoding="utf-8")
    for line, key, _, _ in names:
        (rules_copy / name).write_text(original, encoding="utf-8")
        misspell(rules_copy / name, [(line, key)])
        problems = problems_of(rules_copy, edition)
        assert all(p.file.startswith("rules/") and p.line >= 1 for p in problems)


def test_the_walk_sees_every_kind_of_key(rules_copy):
    kinds = {kind for name, place, _ in ALL_FILES for *_, kind in file_keys(rules_copy, name, place)}
    assert kinds == {"record", "name"}


# -- every mistake at once -----------------------------------------------------------------------------
def test_a_file_with_two_mistakes_gives_two_messages(rules_copy):
    path = rules_copy / "editions" / "kyoto.yaml"
    edit(path, "    hours: 年中無休・6時〜21時", "    hourz: 年中無休・6時〜21時")
    edit(path, "{round: 1, closes_on: 2025-04-15}", "{round: 1, closes_on: 2025-06-15}")
    assert [str(p) for p in problems_of(rules_copy)] == [
        f"rules/editions/kyoto.yaml:{line_of(path, 'closes_on: 2025-06-15')}: 第1回の「closes_on」（2025-06-15）は、"
        "この回の申請月（2025-04-01〜2025-04-30）の中の日付にしてください。",
        f"rules/editions/kyoto.yaml:{line_of(path, 'hourz')}: 「hourz」は使えない項目です"
        "（使える項目：name、purpose、tel、hours、url、address、source、sources）。"]


def test_two_mistakes_in_different_files_and_places_are_all_reported(rules_copy):
    edit(rules_copy / "schedule.yaml", "date: 2025-04-07", "date: 2025-04-31")
    edit(rules_copy / "occupational.yaml", "      value: 20", "      value: twenty")
    edit(rules_copy / "messages.yaml", "  apply_now: 今が申請の時期です\n", "  apply_now: 今が申請の時期です（期限 {apply_by}／{deadline}）\n")
    problems = problems_of(rules_copy)
    assert {p.file for p in problems} == {"rules/schedule.yaml", "rules/occupational.yaml", "rules/messages.yaml"}
    assert len(problems) == 3, [str(p) for p in problems]


def test_duplicate_keys_are_all_reported(rules_copy):
    path = rules_copy / "editions" / "kyoto.yaml"
    edit(path, "  name: 京都府医師会\n", "  name: 京都府医師会\n  name: 府医会\n")
    edit(path, "    hours: 年中無休・6時〜21時\n", "    hours: 年中無休・6時〜21時\n    hours: いつでも\n")
    problems = [str(p) for p in problems_of(rules_copy)]
    assert problems == [f"rules/editions/kyoto.yaml:{line_of(path, '府医会')}: キー「name」が重複しています（最初は{line_of(path, 'name: 京都府医師会')}行目）。",
                        f"rules/editions/kyoto.yaml:{line_of(path, 'いつでも')}: キー「hours」が重複しています（最初は{line_of(path, '年中無休')}行目）。"]


# -- YAML's anchors and aliases ---------------------------------------------------------------------------
def test_anchors_and_aliases_are_refused_with_their_lines(rules_copy):
    path = rules_copy / "sports.yaml"
    edit(path, "  source: {id: jma-sportsdoctor-update}\nunit:", "  source: &update {id: jma-sportsdoctor-update}\nunit:")
    edit(path, "unit:\n  text: 1単位は60分です。\n  source: {id: jma-sportsdoctor-update}",
         "unit:\n  text: 1単位は60分です。\n  source: *update")
    problems = [str(p) for p in problems_of(rules_copy)]
    assert f"rules/sports.yaml:{line_of(path, '&update')}: 「&update」（アンカー）は使えません。値はその場所に書いてください。" in problems
    assert f"rules/sports.yaml:{line_of(path, '*update')}: 「*update」（別名）は使えません。値はその場所に書いてください。" in problems


def test_a_merge_key_and_a_billion_laughs_are_refused_at_once(rules_copy):
    path = rules_copy / "contacts.yaml"
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    path.write_text(path.read_text(encoding="utf-8").replace("contacts:\n  - name:", "contacts:\n  - <<: *i\n    name:")
                    + laughs, encoding="utf-8")
    problems = problems_of(rules_copy)
    assert sum("別名" in p.reason for p in problems) == 8 * 6 + 1
    assert sum("アンカー" in p.reason for p in problems) == 9
    assert f"rules/contacts.yaml:{line_of(path, '<<: *i')}: 「<<」は使えない項目です" in " ".join(str(p) for p in problems)


# -- the compiled JSON: the same schema, with paths ------------------------------------------------------
def test_the_json_is_checked_by_the_same_schema_with_paths(rules):
    broken = copy.deepcopy(rules)
    broken["review"]["committee"]["monthz"] = broken["review"]["committee"].pop("months")
    broken["review"]["fiscal_year_starts_month"]["valeu"] = 4
    broken["certifications"]["occupational"]["procedures"]["renewal"]["minimums"]["更新研修"]["value"] = 30
    with pytest.raises(RulesDataError) as caught:
        Rules.of(broken)
    message = str(caught.value)
    assert message.splitlines()[0] == "ルールのデータに4件の誤りがあります。"
    assert "「review.committee.monthz」：「monthz」は使えない項目です" in message
    assert "「review.committee」：「months」がありません。" in message
    assert "「review.fiscal_year_starts_month.valeu」：「valeu」は使えない項目です" in message
    # The two validators used to disagree on this one: the floors must fit the total.
    assert "「certifications.occupational.procedures.renewal.total」：区分ごとの下限の合計（32）が合計の要件（20）を超えています。" in message


@pytest.mark.parametrize("edition", editions())
def test_the_loaders_output_and_the_browser_copy_pass_the_json_check(rules_of, edition):
    compiled = rules_of(edition)
    Rules.of(compiled)
    slim = browser_copy(compiled)
    Rules.of(slim)
    assert "'source'" not in repr(slim) and "'sources'" not in repr(slim) and "steps" not in slim["mypage"]


def test_a_json_edition_deadline_outside_its_round_is_refused(rules):
    broken = copy.deepcopy(rules)
    broken["prefecture"]["deadlines"][0]["rounds"][0]["closes_on"] = "2025-06-15"
    with pytest.raises(RulesDataError, match=r"「prefecture\.deadlines\[0\]\.rounds\[0\]」：第1回の「closes_on」"):
        Rules.of(broken)


def test_the_same_bounds_hold_in_yaml_and_json(rules_copy, rules):
    """apply_within_years_of_last_credit: one declaration, one range (it was 10 in one
    validator and 50 in the other)."""
    edit(rules_copy / "occupational.yaml", "apply_within_years_of_last_credit:\n      value: 5",
         "apply_within_years_of_last_credit:\n      value: 11")
    assert any("「value」の値11が範囲（1〜10）の外です。" == p.reason for p in problems_of(rules_copy))
    broken = copy.deepcopy(rules)
    broken["certifications"]["occupational"]["procedures"]["new"]["apply_within_years_of_last_credit"]["value"] = 11
    with pytest.raises(RulesDataError, match="範囲（1〜10）の外"):
        Rules.of(broken)


# -- the messages' contract ------------------------------------------------------------------------------
def test_a_placeholder_no_code_supplies_is_a_build_error_at_its_line(rules_copy):
    """The issue's own example: the verdict's heading is worded with units, the opening
    day and the association only."""
    path = rules_copy / "messages.yaml"
    edit(path, "  apply_now: 今が申請の時期です\n", "  apply_now: 今が申請の時期です（期限 {apply_by}／{deadline}）\n")
    assert [str(p) for p in problems_of(rules_copy)] == [
        f"rules/messages.yaml:{line_of(path, '（期限 {apply_by}')}: 「apply_now」の {{apply_by}}、{{deadline}} は使えません"
        "（使えるもの：{association}、{opens_from}、{units}）。"]


@pytest.mark.parametrize("template,reason", [
    ("単位があと{units:>3}単位足りません", "のような書き方は使えません"),
    ("単位があと{units!r}単位足りません", "のような書き方は使えません"),
    ("単位があと{units単位足りません", "{ } の書き方が正しくありません"),
    ("単位があと{0}単位足りません", "{0} は使えません"),
])
def test_a_message_may_use_only_plain_names(rules_copy, template, reason):
    path = rules_copy / "messages.yaml"
    edit(path, "  earn_units: 単位があと{units}単位足りません\n", f"  earn_units: \"{template}\"\n")
    problems = problems_of(rules_copy)
    assert len(problems) == 1 and reason in problems[0].reason and problems[0].line == line_of(path, template)


def test_a_message_missing_from_the_file_or_not_in_the_contract_is_refused(rules_copy):
    path = rules_copy / "messages.yaml"
    edit(path, "  apply_now: 今が申請の時期です\n", "  apply_nowz: 今が申請の時期です\n")
    reasons = [p.reason for p in problems_of(rules_copy)]
    assert any(r.startswith("「apply_nowz」は使えない項目です") for r in reasons)
    assert "「apply_now」がありません。" in reasons


def test_at_run_time_a_missing_message_or_value_raises(rules):
    messages = Rules.of(rules).messages
    with pytest.raises(MessageError):
        messages.text("verdict", "no_such_message")
    with pytest.raises(MessageError):
        messages.text("verdict", "apply_later", units=1, association="A")   # opens_from missing
    with pytest.raises(MessageError):
        messages.text("verdict", "apply_later", units=1, association="A", opens_from=None)
    with pytest.raises(MessageError):
        messages.section("no_such_section")
    assert messages.text("verdict", "apply_later", units=1, association="A",
                         opens_from="2027年1月から（目安）") == "申請は2027年1月から（目安）です"


def test_every_name_a_contract_declares_is_supplied_by_its_callers(rules):
    """Every message rewritten to use every name its contract declares: each case is
    answered in full, with no internal error and no {name} left unfilled."""
    greedy = copy.deepcopy(rules)
    for section, keys in MESSAGE_FIELDS.items():
        for key, names in keys.items():
            greedy["messages"][section][key] = key + "".join(f"[{{{name}}}]" for name in sorted(names))
    model = Rules.of(greedy)
    for case in all_cases():
        if case["edition"] != "kyoto":
            continue
        result = evaluate(case["request"], model)
        assert not result.get("internal_error"), case["id"]
        texts = [result["verdict"]["title"] if result["verdict"] else ""] + [item["text"] for item in
                                                                              result["actions"] + result["warnings"]]
        assert not [t for t in texts if "{" in t], case["id"]


def test_messages_text_is_never_blank_for_a_contract_name():
    messages = Messages({"verdict": {"earn_units": "あと{units}単位"}})
    with pytest.raises(MessageError):
        messages.text("verdict", "earn_units", opens_on="x", association="y")
