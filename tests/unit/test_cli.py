"""`python -m checker` as a person runs it: a file or stdin in, JSON out, exit codes."""
import json
import os
import shutil
import subprocess
import sys

from loader.compile import RULES_DIR
from paths import ROOT

EXAMPLE = ROOT / "examples" / "renewal-occupational.json"


def run(*args, stdin: bytes = b""):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "checker", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=60)


def test_readme_example_file(tmp_path):
    done = run(str(EXAMPLE))
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert result["ok"] and result["schedule"]["round"] == 5 and result["status"] == "open"


def test_stdin_with_bom():
    request = {"certification": "sports", "procedure": "new", "as_of": "2026-11-21", "mypage_registered_on": "2025-03-01"}
    done = run(stdin=b"\xef\xbb\xbf" + json.dumps(request).encode())
    assert done.returncode == 0
    assert json.loads(done.stdout)["schedule"]["apply_months"] == ["2026-11", "2026-12"]


def test_request_errors_exit_2_and_still_print_json():
    done = run(stdin=json.dumps({"certification": "occupational", "procedure": "renewal"}).encode())
    assert done.returncode == 2
    result = json.loads(done.stdout)
    assert [e["field"] for e in result["errors"]] == ["expires_on"]


def test_invalid_json_exits_2_with_a_japanese_message():
    done = run(stdin=b"{certification: occupational")
    assert done.returncode == 2
    result = json.loads(done.stdout)
    assert result["ok"] is False and "JSONとして読めませんでした" in result["errors"][0]["message"]
    assert result["schedule"] is None


def test_compiled_json_rules_give_the_same_answer(tmp_path, rules):
    compiled = tmp_path / "rules.json"
    compiled.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    a = run(str(EXAMPLE))
    b = run("--rules", str(compiled), str(EXAMPLE))
    assert a.stdout == b.stdout and b.returncode == 0


def test_a_request_given_as_the_rules_is_one_sentence_exit_2():
    """`--rules` left without its value takes the request that follows for the rules: that is
    a wrong argument (one sentence, exit 2), not rules with 17 errors (exit 1)."""
    done = run("--rules", str(EXAMPLE))
    assert done.returncode == 2 and not done.stdout
    message = done.stderr.decode()
    assert "build.py が書いたルールのJSONとして読めません" in message.splitlines()[0] and "件の誤り" not in message


def test_broken_rules_exit_1_with_file_and_line(tmp_path):
    broken = tmp_path / "rules"
    shutil.copytree(RULES_DIR, broken)
    path = broken / "schedule.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-04-07", "date: 2025-04-77"), encoding="utf-8")
    done = run("--rules", str(broken), str(EXAMPLE))
    assert done.returncode == 1
    assert "rules/schedule.yaml:" in done.stderr.decode() and "2025-04-77" in done.stderr.decode()


def test_the_edition_is_chosen_on_the_command_line():
    request = json.dumps({"certification": "occupational", "procedure": "renewal", "expires_on": "2025-07-31",
                          "mypage_registered_on": "2025-03-01", "as_of": "2025-04-16"})
    answers = {}
    for edition in ("kyoto", "saga", "kanagawa"):
        done = subprocess.run([sys.executable, "-m", "checker", "--edition", edition], input=request, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        answers[edition] = json.loads(done.stdout)
    assert answers["kyoto"]["edition"]["name"] == "京都府医師会" and answers["kyoto"]["status"] == "overdue"   # past 4/15, April not over
    assert answers["saga"]["schedule"]["closes_on"] == "2025-04-17" and answers["saga"]["status"] == "open"
    assert answers["kanagawa"]["schedule"]["apply_by_estimated"] is True
    done = subprocess.run([sys.executable, "-m", "checker", "--edition", "tokyo"], input=request, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "ある版：kanagawa、kyoto、saga" in done.stderr   # an argument: refused before any work
