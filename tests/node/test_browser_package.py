"""The checker package as the browser gets it (sitegen/package.py): bytecode compiled by the
runtime's own Python at -OO, so no docstrings and no asserts; the checker therefore has no
assert statement, and a traceback inside Pyodide still names the repository's file and line."""
import ast
import io
import json
import re
import shutil
import subprocess
import zipfile

from paths import ROOT
from sitegen.package import NOT_IN_BROWSER, ROSTER_ONLY, checker_zip, modules, named, roster_zip

CHECKER = modules()   # paths in checker/: "policy/verdict.py"


def test_the_checker_has_no_assert_statement():
    """-OO drops them: a check the code relies on would vanish in the browser alone."""
    found = [f"{name}:{node.lineno}" for name in CHECKER
             for node in ast.walk(ast.parse(source_of(name))) if isinstance(node, ast.Assert)]
    assert found == []


def source_of(module: str) -> str:
    return (ROOT / "checker" / module).read_text(encoding="utf-8")


def test_the_package_is_bytecode_without_docstrings():
    with zipfile.ZipFile(io.BytesIO(checker_zip(without=ROSTER_ONLY + NOT_IN_BROWSER))) as archive:
        shipped = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(io.BytesIO(roster_zip())) as archive:
        roster = archive.namelist()
    assert sorted(shipped) == sorted(f"checker/{name}c" for name in CHECKER
                                     if not named(name, ROSTER_ONLY + NOT_IN_BROWSER))
    assert sorted(name for name in roster if name.endswith(".pyc")) == sorted(
        f"checker/{name}c" for name in CHECKER if name.startswith("roster/"))
    assert "checker/roster/check.pyc" in roster and "checker/roster/notices/letter.html" in roster
    assert not any(name.startswith("checker/roster/") for name in shipped)
    assert "checker/interfaces/browser_api.pyc" in shipped and "checker/interfaces/command_line.pyc" not in shipped
    docstrings = 0
    for module in CHECKER:
        name = f"checker/{module}c"
        if name not in shipped:
            continue
        data = shipped[name]
        assert f"/home/pyodide/app/checker/{module}".encode() in data    # where a traceback says it is
        for node in ast.walk(ast.parse(source_of(module))):
            text = ast.get_docstring(node, clean=False) if isinstance(
                node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) else None
            if text and len(text) > 20:
                assert text[:20].encode("utf-8") not in data, (name, text[:40])
                docstrings += 1
    assert docstrings > 50
    assert b"register_mypage" in shipped["checker/policy/verdict.pyc"]   # the code's own strings are there


def test_a_traceback_in_pyodide_names_the_repository_file_and_line(tmp_path):
    (tmp_path / "checker.zip").write_bytes(checker_zip(without=ROSTER_ONLY + NOT_IN_BROWSER))
    (tmp_path / "script.py").write_text("""
import json, traceback
from checker.dates.months import parse_date
try:
    parse_date("2025/04/07")
except ValueError as error:
    frame = traceback.extract_tb(error.__traceback__)[-1]
json.dumps({"file": frame.filename, "line": frame.lineno, "function": frame.name, "doc": parse_date.__doc__})
""", encoding="utf-8")
    done = subprocess.run([shutil.which("node"), str(ROOT / "tests" / "node" / "run_python.mjs"),
                           str(tmp_path / "script.py"), str(tmp_path / "out.json"), str(tmp_path / "checker.zip")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    got = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    source = (ROOT / "checker" / "dates" / "months.py").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(source, 1) if re.fullmatch(r"\s+raise ValueError\(text\)", text))
    assert got == {"file": "/home/pyodide/app/checker/dates/months.py", "line": line, "function": "parse_date", "doc": None}
