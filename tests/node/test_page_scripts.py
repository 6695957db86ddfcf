"""The pages' scripts outside the browser: how the build names and links them, and the
small pure parts (和暦 years, the snapshot version check) run by Node on the real files."""
import datetime as dt
import json
import re
import shutil
import subprocess

import pytest

from checker.dates.japanese import wareki_year
from checker.rules.model import Rules
from sitegen.context import checker_data
from sitegen.problems import BuildError
from sitegen.scripts import INLINE_SCRIPTS, PAGE_MODULES, copy_theme_scripts, inline_scripts, write_scripts
from paths import ROOT

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


def test_a_page_gets_one_file_with_what_it_imports_and_a_source_map(tmp_path):
    """esbuild (npm): one minified ES module per page, two modules may use the same
    top-level name, and an error's stack points at the line as written in web/."""
    web = tmp_path / "web"
    web.mkdir()
    (web / "page.js").write_text('// a comment\nimport { a } from "./part.js";\nimport { b } from "./other.js";\n'
                                 'const b0 = "page";\nconsole.log(a, b, b0);\nthrow new Error("boom");\n',
                                 encoding="utf-8")
    (web / "part.js").write_text('import { b } from "./other.js";\nconst b0 = 10;\nexport const a = b + b0;\n',
                                 encoding="utf-8")
    (web / "other.js").write_text("  // says why\nexport function b0() {}\nexport const b = 1;\n", encoding="utf-8")
    names = write_scripts(tmp_path / "assets", {"script": "page.js"}, web)
    script = tmp_path / "assets" / names["script"]
    assert re.fullmatch(r"page\.[0-9a-f]{10}\.js", script.name)
    code = script.read_text(encoding="utf-8")
    assert "import" not in code and "export" not in code and "comment" not in code and "says why" not in code
    map_name = code.splitlines()[-1].removeprefix("//# sourceMappingURL=")
    assert re.fullmatch(r"page\.[0-9a-f]{10}\.js\.map", map_name)
    source_map = json.loads((tmp_path / "assets" / map_name).read_text(encoding="utf-8"))
    assert sorted(source_map["sources"]) == ["../web/other.js", "../web/page.js", "../web/part.js"]
    assert (web / "page.js").read_text(encoding="utf-8") in source_map["sourcesContent"]
    run = tmp_path / "assets" / "page.mjs"
    shutil.copyfile(script, run)
    done = subprocess.run([NODE, "--enable-source-maps", str(run)], capture_output=True, text=True, timeout=60)
    assert done.stdout == "11 1 page\n"
    assert re.search(r"web/page\.js:6\b", done.stderr), done.stderr   # the map leads back to the line
    (web / "other.js").write_text("export const b = 2;\n", encoding="utf-8")   # a change anywhere renames it
    assert write_scripts(tmp_path / "again", {"script": "page.js"}, web) != names


def test_a_missing_module_or_a_syntax_error_stops_the_build_with_file_and_line(tmp_path):
    (tmp_path / "a.js").write_text('import { b } from "./b.js";\nconsole.log(b);\n', encoding="utf-8")
    with pytest.raises(BuildError) as missing:
        write_scripts(tmp_path / "assets", {"script": "a.js"}, tmp_path)
    assert any(problem.startswith(f"{tmp_path.name}/a.js:1:") and "./b.js" in problem
               for problem in missing.value.problems), missing.value.problems
    (tmp_path / "b.js").write_text("export const b = (;\n", encoding="utf-8")
    with pytest.raises(BuildError) as broken:
        write_scripts(tmp_path / "assets", {"script": "a.js"}, tmp_path)
    assert any(problem.startswith(f"{tmp_path.name}/b.js:1:") for problem in broken.value.problems)


def test_the_real_pages_bundle_into_modules_that_import_nothing(tmp_path):
    names = write_scripts(tmp_path, {entry: entry for entry in PAGE_MODULES})
    for entry, name in names.items():
        code = (tmp_path / name).read_text(encoding="utf-8")
        assert not re.search(r"(^|[;}])\s*(import\s*[{*\w]|export\s)", code), entry
        source_map = json.loads((tmp_path / code.splitlines()[-1].split("=", 1)[1]).read_text(encoding="utf-8"))
        assert f"../web/{entry}" in source_map["sources"]
        assert all(source.startswith("../web/") and (ROOT / source[3:]).is_file() for source in source_map["sources"])
        assert (ROOT / "web" / entry).read_text(encoding="utf-8") in source_map["sourcesContent"]


def test_the_plain_scripts_are_minified_and_the_inline_one_has_no_map(tmp_path):
    inline = inline_scripts()
    assert list(inline) == list(INLINE_SCRIPTS)
    boot = inline["checker-boot.js"]
    assert "sourceMappingURL" not in boot and "//" not in boot.replace("://", "") and "\n" not in boot
    assert len(boot) < len((ROOT / "web" / "checker-boot.js").read_text(encoding="utf-8")) / 2
    copy_theme_scripts(tmp_path)
    code = (tmp_path / "javascripts" / "theme-fixes.js").read_text(encoding="utf-8")
    assert code.endswith("//# sourceMappingURL=theme-fixes.js.map\n")
    assert json.loads((tmp_path / "javascripts" / "theme-fixes.js.map").read_text(encoding="utf-8"))["sources"] == \
        ["../web/theme-fixes.js"]


def test_a_plain_script_stays_within_es5(tmp_path):
    """The boot script must run in a browser too old for the checker, to say so."""
    (tmp_path / "checker-boot.js").write_text("const late = () => 1;\n", encoding="utf-8")
    with pytest.raises(BuildError, match="checker-boot.js:1:"):
        inline_scripts(tmp_path)


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
  bare: dates.read(box("9"), box("3"), box("31")), era: dates.eraYear("2019-04-30") + dates.eraYear("2019-05-01"),
  intl: ["2027-03-31", "2025-01-01", "1989-01-07", "1989-01-08", ""].map(m.eraYear)}}));""")
    assert [y.get("year") for y in got["years"][:9]] == [2027, 2027, 2027, 2027, 2027, 2027, 2019, 2019, 2019]
    assert got["years"][9] == {"text": "H32"} and got["years"][10] == {"text": "R0"}
    assert got["years"][11] == {"bare": True, "number": 9} and got["years"][12] == {"bare": True, "number": 27}
    assert got["years"][13] == {"text": "R"} and got["years"][15] == {"empty": True}
    assert got["read"] == {"value": "2025-05-01", "era": True}
    assert got["bare"]["bare"] == {"era": "令和", "letter": "R", "number": 9, "year": 2027}
    assert got["era"] == "平成31年令和元年"
    # written by Intl's Japanese calendar, which agrees with Python's table where both have the era
    assert got["intl"][:2] == [wareki_year(dt.date(2027, 3, 31)), wareki_year(dt.date(2025, 1, 1))] == ["令和9年", "令和7年"]
    assert got["intl"][2:] == ["昭和64年", "平成元年", ""]


def test_snapshots_only_with_the_runtime_they_were_written_for(tmp_path):
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
    got = node_module(tmp_path, "pyodide-snapshot", f"""
const same = m.snapshotSupport({json.dumps(version)});
const restore = same && same.restoreOptions("x");
const first = restore && await restore._loadSnapshot;   // as Pyodide's loadPyodide takes it
const again = restore && await restore._loadSnapshot;
console.log(JSON.stringify({{written_for: m.SNAPSHOT_RUNTIME, other: m.snapshotSupport("999.0.0"),
  restore: restore && Object.keys(restore), first, again, record: same && same.recordOptions()}}));""")
    assert got["other"] is None
    # Fails when the pinned Pyodide changes: check its private snapshot options again, then
    # change SNAPSHOT_RUNTIME in web/pyodide-snapshot.js.
    assert got["written_for"] == version
    assert got["restore"] == ["_loadSnapshot"] and got["record"] == {"_makeSnapshot": True}
    assert got["first"] == "x" and got["again"] is None   # the bytes, once: then let go (not kept by the runtime)
