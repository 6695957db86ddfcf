"""Running the checker inside real Pyodide under Node (tests/node/run_cases.mjs): every YAML
case, its calendar, and rosters in each encoding Excel writes, on a given standard library.

Shared by the Node test (on the trimmed library the site serves) and by record_stdlib.py
(on the stock one, to find what the trimmed library must keep).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from cases_loader import all_cases
from sitegen.package import checker_zip, notice_files

from paths import ROOT
AS_OF = "2026-11-21"   # the rosters' day, as run_cases.mjs checks them


def roster_files() -> dict[str, bytes]:
    """Rosters as staff's files come: UTF-8 with and without BOM, Shift_JIS, one without
    the header line and one in no encoding the checker reads (its error path)."""
    from roster_files import generated

    text, _ = generated(seed=5, count=200)
    return {"utf-8-sig": text.encode("utf-8-sig"), "utf-8": text.encode("utf-8"), "cp932": text.encode("cp932"),
            "no-header": "氏名,生年月日\r\nA,1970/1/1\r\n".encode("cp932"), "unreadable": b"\x81\x00\xff\xfe" * 8}


def rules_by_edition() -> dict[str, dict]:
    """The compiled rules of every edition the cases name."""
    from loader import load_rules

    return {edition: load_rules(edition=edition) for edition in sorted({case["edition"] for case in all_cases()})}


def run_in_pyodide(work: Path, rules: dict[str, dict], stdlib: bytes | None) -> dict:
    """The output of run_cases.mjs: results by case id (each under its edition's rules),
    rosters in roster_files() order with the letters for each, the standard-library files
    Python read and every module name it looked for. `rules` maps edition → compiled rules."""
    if not (ROOT / "node_modules" / "pyodide").is_dir():
        raise RuntimeError("node_modules/pyodide is missing: run `make test` (it runs npm ci)")
    work.mkdir(parents=True, exist_ok=True)
    (work / "checker.zip").write_bytes(
        checker_zip({"case_format.py": (ROOT / "tests" / "helpers" / "case_format.py").read_bytes(), **notice_files()}))
    (work / "rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    (work / "cases.json").write_text(json.dumps(all_cases(), ensure_ascii=False), encoding="utf-8")
    command = [shutil.which("node") or "node", str(ROOT / "tests" / "node" / "run_cases.mjs"),
               str(work / "checker.zip"), str(work / "rules.json"), str(work / "cases.json"), str(work / "out.json")]
    if stdlib is not None:
        (work / "stdlib.zip").write_bytes(stdlib)
        command += ["--stdlib", str(work / "stdlib.zip")]
    for name, data in roster_files().items():
        (work / f"roster-{name}.csv").write_bytes(data)
        command += ["--roster", str(work / f"roster-{name}.csv")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-4000:])
    return json.loads((work / "out.json").read_text(encoding="utf-8"))
