"""Hostile roster files and deeply nested requests inside real Pyodide under Node, run
from the zips the roster page serves: nothing raises (an exception there would stop the
page's worker), and every answer equals CPython's."""
import base64
import json
import shutil
import subprocess

import build
from checker.interfaces import safe_json
from checker.roster.check import Roster
from paths import ROOT
from sitegen.package import NOT_IN_BROWSER, ROSTER_ONLY, checker_zip, roster_zip

AS_OF = "2026-11-21"
HEADER = "ID・氏名,資格,有効期限,更新研修（単位）（任意）"
FILES = {
    "CR only": "\r".join([HEADER, "A-1,認定産業医,R9.3.31,12", "A-2,産業医,2027.9.30,"]) + "\r",
    "long cell": "\r\n".join([HEADER, "A-1,認定産業医," + "9" * 200_000]),
    "unclosed quote": "\r\n".join([HEADER, 'A-1,"認定産業医,2027/3/31', "A-2,産業医,2027/3/31"]),
    "NUL": HEADER + "\r\nA-1\x00,産業医,2027/3/31\r\n",
    "formula": HEADER + '\r\n"=HYPERLINK(""http://x"",""y"")",認定産業医,=1+1,\r\n',
}
SCRIPT = """
import base64, json
from checker.interfaces import safe_json
from checker.rules import current_rules
from checker.roster.check import Roster
current_rules.use(rules_json)
roster = Roster(current_rules.current())
answers = {}
for name, data in json.loads(files_json).items():
    checked = roster.check(base64.b64decode(data), AS_OF)
    answers[name] = {"checked": checked, "csv": roster.to_csv(checked["rows"], checked["as_of"], source=base64.b64decode(data))}
refused = []
for text in json.loads(texts_json):
    try:
        safe_json.load(text)
        refused.append(None)
    except safe_json.RequestRejected as exc:
        refused.append(str(exc))
json.dumps({"answers": answers, "refused": refused}, ensure_ascii=False)
"""
TEXTS = ["[" * 1000 + "]" * 1000, '{"a":' * 100_000 + "1" + "}" * 100_000, "[" * 20 + "]" * 20, "{x"]


def test_hostile_input_in_pyodide_answers_as_in_cpython(tmp_path, rules):
    browser_rules = build.for_browser(rules)
    (tmp_path / "checker.zip").write_bytes(checker_zip(without=ROSTER_ONLY + NOT_IN_BROWSER))
    (tmp_path / "roster.zip").write_bytes(roster_zip())
    files = {name: base64.b64encode(text.encode("utf-8")).decode() for name, text in FILES.items()}
    script = "\n".join([f"rules_json = {json.dumps(json.dumps(browser_rules, ensure_ascii=False))}",
                        f"files_json = {json.dumps(json.dumps(files))}",
                        f"texts_json = {json.dumps(json.dumps(TEXTS))}", f"AS_OF = {AS_OF!r}", SCRIPT])
    (tmp_path / "script.py").write_text(script, encoding="utf-8")
    done = subprocess.run([shutil.which("node"), str(ROOT / "tests" / "node" / "run_python.mjs"),
                           str(tmp_path / "script.py"), str(tmp_path / "out.json"),
                           str(tmp_path / "checker.zip"), str(tmp_path / "roster.zip")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    pyodide = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))

    roster = Roster(browser_rules)
    for name, text in FILES.items():
        checked = roster.check(text.encode("utf-8"), AS_OF)
        expected = {"checked": checked, "csv": roster.to_csv(checked["rows"], checked["as_of"], source=text.encode("utf-8"))}
        assert pyodide["answers"][name] == json.loads(json.dumps(expected)), name
    assert len(pyodide["answers"]["CR only"]["checked"]["rows"]) == 2
    assert "'=HYPERLINK" in pyodide["answers"]["formula"]["csv"]
    expected = []   # the messages are the same in the browser's slimmer rules
    for text in TEXTS:
        try:
            safe_json.load(text)
            expected.append(None)
        except safe_json.RequestRejected as exc:
            expected.append(str(exc))
    assert pyodide["refused"] == expected and expected[0] and expected[1] and expected[2] is None and expected[3]
