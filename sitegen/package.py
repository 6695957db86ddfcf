"""The checker package as the browser loads it: one zip of `checker/*.py`.

Pyodide's `unpackArchive` extracts it into the worker's file system; no wheel and no
build tool is needed for a pure-Python package. The zip is byte-for-byte reproducible
(fixed timestamps, sorted names), so its content hash changes only when the code does.
"""
from __future__ import annotations

import ast
import hashlib
import io
import os
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "cache" / "browser-source"
FIXED_TIME = (2025, 4, 7, 0, 0, 0)


ROSTER_ONLY = ("roster.py", "roster_cells.py", "roster_csv.py", "notices.py", "letter_fit.py")   # only the roster page needs them
# The renewal letters' template and print styles (words staff may edit), beside the page
# templates; the roster package carries them to where checker/notices.py looks.
NOTICE_FILES = ("letter.html", "letter.css")
NOT_IN_BROWSER = ("__main__.py", "command_line.py", "os_errors.py")     # the command line


def checker_zip(extra: dict[str, bytes] | None = None, *, without: tuple[str, ...] = ()) -> bytes:
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
    """`checker/<name>.py` → its browser source, for each module whose file name is `wanted`."""
    return {f"checker/{path.name}": _cached_browser_source(path.read_bytes())
            for path in sorted((ROOT / "checker").glob("*.py")) if wanted(path.name)}


def _cached_browser_source(source: bytes) -> bytes:
    """`browser_source`, kept in build/cache by the source's content (and this Python's
    version, whose `ast.unparse` writes it): parsing and unparsing every module was the
    build's own largest step."""
    key = hashlib.sha256(source + sys.version.encode()).hexdigest()[:32]
    cached = CACHE / f"{key}.py"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    made = browser_source(source)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(made)
        os.replace(partial, cached)   # never a half-written entry, even if two builds race
    except OSError:
        pass   # a read-only checkout builds all the same, only slower
    return made


def browser_source(source: bytes) -> bytes:
    """A module as the browser gets it: the same code, without docstrings and comments.

    Docstrings are for people reading the repository; on the checker page every byte
    counts (its budget is 100 KB over the runtime), and they are about a quarter of the
    package. `ast.unparse` writes back exactly the parsed code, and the Node and
    Chromium tests run this very artifact, so what is tested is what is served."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = node.body[1:] or [ast.Pass()]
    return (ast.unparse(tree) + "\n").encode("utf-8")


def reproducible_zip(files: dict[str, bytes]) -> bytes:
    """A deflated zip of `files` whose bytes depend on nothing but their names and contents."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()
