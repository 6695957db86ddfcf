"""The checker package as the browser loads it: one zip of `checker/**/*.pyc`.

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

# A module is named by its path in checker/ ("policy/verdict.py"); a name ending in "/"
# is a whole sub-package.
ROSTER_ONLY = ("roster/",)   # only the roster page needs it
# The renewal letters' template and print styles (words staff may edit), beside the page
# templates; the roster package carries them to where checker/roster/notices.py looks.
NOTICE_FILES = ("letter.html", "letter.css")
NOTICES_AT = "checker/roster/notices"
NOT_IN_BROWSER = ("__main__.py", "interfaces/command_line.py", "interfaces/os_errors.py")     # the command line


def notice_files() -> dict[str, bytes]:
    """The letters' template files where the roster package's notices.py finds them."""
    return {f"{NOTICES_AT}/{name}": (ROOT / "templates" / "notices" / name).read_bytes() for name in NOTICE_FILES}


def named(name: str, names: tuple[str, ...]) -> bool:
    """Whether the module `name` (its path in checker/) is one of `names` or in one of
    their sub-packages."""
    return any(name == entry or (entry.endswith("/") and name.startswith(entry)) for entry in names)


def checker_zip(extra: dict[str, bytes] | None = None, *, without: tuple[str, ...] = ()) -> bytes:
    """The package's modules but those named in `without`, plus `extra` (name → bytes, as
    they are: the tests' and the benchmark's own helpers)."""
    files = _modules(lambda name: not named(name, without))
    files.update(extra or {})
    return reproducible_zip(files)


def roster_zip() -> bytes:
    """The roster's own modules and the letters' template, unpacked on top of the checker
    package on the roster page."""
    files = _modules(lambda name: named(name, ROSTER_ONLY))
    files.update(notice_files())
    return reproducible_zip(files)


def modules() -> list[str]:
    """Every module of the package, by its path in checker/ ("policy/verdict.py")."""
    return sorted(path.relative_to(ROOT / "checker").as_posix() for path in (ROOT / "checker").rglob("*.py"))


def _modules(wanted) -> dict[str, bytes]:
    """`checker/<path>.pyc` for each module whose path in checker/ is `wanted`."""
    sources = {name: (ROOT / "checker" / name).read_bytes() for name in modules()}
    pycs = compiled("checker", sources, prefix=f"{UNPACKED_AT}/checker", optimize=OPTIMIZE)
    return {f"checker/{name}c": pycs[f"{name}c"] for name in sources if wanted(name)}
