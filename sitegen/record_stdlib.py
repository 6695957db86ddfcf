"""Write sitegen/stdlib_files.txt: the standard-library files the checker pages need.

    make stdlib-files        (or: .venv/bin/python sitegen/record_stdlib.py)

Runs every YAML case, its calendar and rosters in each encoding inside Pyodide under Node on
the runtime's stock python_stdlib.zip (tests/helpers/pyodide_node.py), and lists every file of that
zip Python read: Pyodide's own start-up, the checker, the roster, a traceback. Run it after
upgrading Pyodide, then `make test` (the Node and browser tests run on the trimmed zip).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "helpers")]

from pyodide_node import rules_by_edition, run_in_pyodide  # noqa: E402
from sitegen.stdlib import FILE_LIST, write_file_list  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        output = run_in_pyodide(Path(tmp), rules_by_edition(), stdlib=None)
    failing = [case_id for case_id, result in output["results"].items() if result["mismatches"]]
    if failing:
        print(f"{len(failing)} cases fail in Pyodide (first: {failing[0]}); not writing the list.", file=sys.stderr)
        return 1
    write_file_list(output["stdlib_read"])
    print(f"{len(output['stdlib_read'])} files → {FILE_LIST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
