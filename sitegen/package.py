"""The checker package as the browser loads it: one zip of `checker/*.pyc`.

Pyodide's `unpackArchive` extracts it into the worker's file system; no wheel and no
build tool is needed for a pure-Python package. The modules are compiled to bytecode at
build time by the runtime's own Python (sitegen/bytecode.py, as the standard library is),
so the browser's Python imports them without compiling anything, and at Python's -OO:
without docstrings (they are for people reading the repository, and on the checker page
every byte counts) and without `assert` statements (the checker has none: a test keeps it
so). A traceback names the module's file where the worker unpacks it, and its line. The
Node and Chromium tests run this very artifact, so what is tested is what is served. The
zip is byte-for-byte reproducible, so its content hash changes only when the code does.
"""
from __future__ import annotations

from pathlib import Path

from .assets import reproducible_zip
from .bytecode import compiled

ROOT = Path(__file__).resolve().parent.parent
# Where the worker unpacks the package (web/checker-worker.js APP): the .pyc files name
# their sources there, as the source files themselves would in a traceback.
UNPACKED_AT = "/home/pyodide/app"
OPTIMIZE = 2   # -OO: no docstrings, no asserts

ROSTER_ONLY = ("roster.py", "roster_cells.py", "roster_csv.py", "roster_output.py", "notices.py", "letter_fit.py")   # only the roster page needs them
# The renewal letters' template and print styles (words staff may edit), beside the page
# templates; the roster package carries them to where checker/notices.py looks.
NOTICE_FILES = ("letter.html", "letter.css")
NOT_IN_BROWSER = ("__main__.py", "command_line.py", "os_errors.py")     # the command line


def checker_zip(extra: dict[str, bytes] | None = None, *, without: tuple[str, ...] = ()) -> bytes:
    """The package's modules but those named in `without`, plus `extra` (name → bytes, as
    they are: the tests' and the benchmark's own helpers)."""
    files = _modules(lambda name: name not in without)
    files.update(extra or {})
    return reproducible_zip(files)


def roster_zip() -> bytes:
    """The roster's own modules and the letters' template, unpacked on top of the checker
    package on the roster page."""
    files = _modules(lambda name: name in ROSTER_ONLY)
    files.update({f"checker/notices/{name}": (ROOT / "templates" / "notices" / name).read_bytes()
                  for name in NOTICE_FILES})
    return reproducible_zip(files)


def _modules(wanted) -> dict[str, bytes]:
    """`checker/<name>.pyc` for each module whose file name is `wanted`."""
    sources = {path.name: path.read_bytes() for path in sorted((ROOT / "checker").glob("*.py"))}
    pycs = compiled("checker", sources, prefix=f"{UNPACKED_AT}/checker", optimize=OPTIMIZE)
    return {f"checker/{name}c": pycs[f"{name}c"] for name in sources if wanted(name)}
