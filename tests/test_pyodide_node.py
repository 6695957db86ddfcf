"""The same YAML cases inside real Pyodide (the pinned npm package) under Node:
every case passes there too, and every result equals the CPython one."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cases_loader import all_cases
from checker import evaluate
from sitegen.package import checker_zip

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory, rules_of):
    if not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.fail("node_modules/pyodide is missing: run `make test` (it runs npm ci)")
    work = tmp_path_factory.mktemp("pyodide")
    cases = all_cases()
    (work / "checker.zip").write_bytes(
        checker_zip({"case_format.py": (ROOT / "tests" / "case_format.py").read_bytes()}))
    by_edition = {case["edition"]: rules_of(case["edition"]) for case in cases}
    (work / "rules.json").write_text(json.dumps(by_edition, ensure_ascii=False), encoding="utf-8")
    (work / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([NODE, str(ROOT / "tests" / "node" / "run_cases.mjs"), str(work / "checker.zip"),
                           str(work / "rules.json"), str(work / "cases.json"), str(work / "out.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return cases, json.loads((work / "out.json").read_text(encoding="utf-8"))


def test_it_really_ran_in_pyodide(pyodide_run):
    cases, output = pyodide_run
    assert "Emscripten" in output["python"] or "3.14" in output["python"], output["python"]
    assert len(output["results"]) == len(cases) > 100


def test_every_case_passes_in_pyodide(pyodide_run):
    cases, output = pyodide_run
    failing = {case_id: r["mismatches"] for case_id, r in output["results"].items() if r["mismatches"]}
    assert failing == {}


def test_pyodide_gives_the_same_results_as_cpython(pyodide_run, rules_of):
    cases, output = pyodide_run
    different = [case["id"] for case in cases if output["results"][case["id"]]["result"]
                 != json.loads(json.dumps(evaluate(case["request"], rules_of(case["edition"]))))]
    assert different == []
