"""The pages' scripts outside the browser: how the build names and links them, and the
small pure parts (和暦 years, the snapshot version check) run by Node on the real files."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.model import Rules
from sitegen.context import checker_data
from sitegen.problems import BuildError
from sitegen.scripts import bundle, write_scripts

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")


def node_module(tmp_path, name: str, script: str):
    """Run `script` (an ES module body) in Node with web/<name>.js imported as `m`; its
    JSON output back."""
    shutil.copyfile(ROOT / "web" / f"{name}.js", tmp_path / f"{name}.mjs")
    runner = tmp_path / "run.mjs"
    runner.write_text(f'import * as m from "./{name}.mjs";\n{script}\n', encoding="utf-8")
    done = subprocess.run([NODE, str(runner)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_page_gets_one_file_with_what_it_imports(tmp_path):
    web = tmp_path / "web"
    web.mkdir()
    (web / "page.js").write_text('// a comment\nimport { a } from "./part.js";\nimport { b } from "./other.js";\n'
                                 "console.log(a, b);\n", encoding="utf-8")
    (web / "part.js").write_text('import { b } from "./other.js";\nexport const a = b + 1;\n', encoding="utf-8")
    (web / "other.js").write_text("  // says why\nexport function b0() {}\nexport const b = 1;\n", encoding="utf-8")
    assert bundle("page.js", web) == "function b0() {}\nconst b = 1;\nconst a = b + 1;\nconsole.log(a, b);\n"
    names = write_scripts(tmp_path / "assets", {"script": "page.js"}, web)
    assert (tmp_path / "assets" / names["script"]).read_text(encoding="utf-8") == bundle("page.js", web)
    (web / "other.js").write_text("export const b = 2;\n", encoding="utf-8")   # a change anywhere renames it
    assert write_scripts(tmp_path / "again", {"script": "page.js"}, web) != names


def test_a_missing_circular_or_clashing_module_stops_the_build(tmp_path):
    (tmp_path / "a.js").write_text('import { b } from "./b.js";\n', encoding="utf-8")
    with pytest.raises(BuildError, match="b.js がありません"):
        bundle("a.js", tmp_path)
    (tmp_path / "b.js").write_text('import { a } from "./a.js";\nexport const b = 1;\n', encoding="utf-8")
    with pytest.raises(BuildError, match="循環"):
        bundle("a.js", tmp_path)
    (tmp_path / "b.js").write_text("export const b = 1;\n", encoding="utf-8")
    (tmp_path / "a.js").write_text('import { b } from "./b.js";\nconst b = 2;\n', encoding="utf-8")
    with pytest.raises(BuildError, match="「b」は web/b.js にもあります"):
        bundle("a.js", tmp_path)


def test_the_real_pages_bundle():
    for entry in ("checker.js", "roster.js", "checker-worker.js"):
        text = bundle(entry)
        assert "import {" not in text and not re.search(r"^export ", text, re.M)


def test_every_page_script_and_python_module_is_under_300_lines():
    """Small modules with one job each (the product's code, not its tests)."""
    files = [*(ROOT / "web").glob("*.js"), ROOT / "build.py",
             *(path for folder in ("checker", "loader", "sitegen", "bench") for path in (ROOT / folder).rglob("*.py"))]
    long = {str(path.relative_to(ROOT)): n for path in files
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}


def test_era_years_from_the_python_table(tmp_path, rules):
    eras = json.dumps(checker_data(Rules.of(rules))["eras"], ensure_ascii=False)
    got = node_module(tmp_path, "dates", f"""
const dates = m.makeDates({eras});
const years = ["2027", "R9", "r9", "Ｒ９", "令和9", "令和9年", "令和元", "H31", "平成31", "H32", "R0", "9", "２７", "R", "abc", ""]
  .map((text) => dates.readYear(text));
const box = (value) => ({{ value }});
console.log(JSON.stringify({{years, read: dates.read(box("令和7"), box("５"), box("1")),
  bare: dates.read(box("9"), box("3"), box("31")), era: dates.eraYear("2019-04-30") + dates.eraYear("2019-05-01")}}));""")
    assert [y.get("year") for y in got["years"][:9]] == [2027, 2027, 2027, 2027, 2027, 2027, 2019, 2019, 2019]
    assert got["years"][9] == {"text": "H32"} and got["years"][10] == {"text": "R0"}
    assert got["years"][11] == {"bare": True, "number": 9} and got["years"][12] == {"bare": True, "number": 27}
    assert got["years"][13] == {"text": "R"} and got["years"][15] == {"empty": True}
    assert got["read"] == {"value": "2025-05-01", "era": True}
    assert got["bare"]["bare"] == {"era": "令和", "letter": "R", "number": 9, "year": 2027}
    assert got["era"] == "平成31年令和元年"


def test_snapshots_only_with_the_runtime_they_were_written_for(tmp_path):
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
    got = node_module(tmp_path, "pyodide-snapshot", f"""
const same = m.snapshotSupport({json.dumps(version)});
console.log(JSON.stringify({{written_for: m.SNAPSHOT_RUNTIME, other: m.snapshotSupport("999.0.0"),
  restore: same && same.restoreOptions("x"), record: same && same.recordOptions()}}));""")
    assert got["other"] is None
    # Fails when the pinned Pyodide changes: check its private snapshot options again, then
    # change SNAPSHOT_RUNTIME in web/pyodide-snapshot.js.
    assert got["written_for"] == version
    assert got["restore"] == {"_loadSnapshot": "x"} and got["record"] == {"_makeSnapshot": True}
