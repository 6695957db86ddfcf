"""The standard library the checker pages hand to Pyodide (`stdLibURL`): only the files the
checker, the roster and Pyodide's own start-up read, compiled to bytecode.

Why: the runtime's stock python_stdlib.zip is the whole library as deflated source
(2.5 MB, which a brotli server cannot shrink further), and on a first visit Python then
compiles every module it imports while starting (about 150 of them: most of the wait on
a fresh visit). This zip holds only the files listed in stdlib_files.txt, as .pyc files
made by the runtime's own Python (bytecode.py, run under Node at build time and
kept in build/cache/bytecode/), so there is less to fetch and nothing to compile.

stdlib_files.txt is written by `make stdlib-files` (sitegen/record_stdlib.py), which runs
every YAML case, calendar and roster on the stock library and keeps what Python read.
The Node tests run all of that again on this very zip, so a missing file fails a test;
after upgrading Pyodide, run `make stdlib-files` and then `make test`.
"""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from .assets import PYODIDE_DIR, pyodide_version
from .bytecode import compiled_zip
from .problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
FILE_LIST = Path(__file__).with_name("stdlib_files.txt")
REGENERATE = "`make stdlib-files` で一覧を作り直してください（README「性能」を参照）。"


def stock_zip() -> Path:
    return PYODIDE_DIR / "python_stdlib.zip"


def listed_files() -> list[str]:
    lines = FILE_LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_file_list(files: list[str]) -> None:
    header = [f"# The standard-library files the checker pages ship (Pyodide {pyodide_version()}).",
              "# Written by `make stdlib-files` (sitegen/record_stdlib.py); run it again after upgrading Pyodide.",
              "# Each is a path inside the runtime's python_stdlib.zip; sitegen/stdlib.py compiles them."]
    FILE_LIST.write_text("\n".join(header + sorted(files)) + "\n", encoding="utf-8")


def sources(files: list[str]) -> dict[str, bytes]:
    """The listed files' sources from the stock zip; a file it lacks stops the build."""
    with zipfile.ZipFile(stock_zip()) as stock:
        present = set(stock.namelist())
        missing = [name for name in files if name not in present]
        if missing:
            raise BuildError([f"Pyodide {pyodide_version()} の標準ライブラリに {name} がありません。{REGENERATE}"
                              for name in missing])
        return {name: stock.read(name) for name in files}


def stdlib_zip() -> bytes:
    """The trimmed, compiled library (from build/cache/ when the same runtime and list made
    it before: compiling starts Python under Node, a few seconds). Unlike the checker's
    package it keeps docstrings and asserts: the library and Pyodide behave as published."""
    files = listed_files()
    identity = b"\0".join([hashlib.sha256(stock_zip().read_bytes()).digest(), *(name.encode() for name in files)])
    return compiled_zip("stdlib", identity, lambda: sources(files))
