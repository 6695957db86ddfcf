"""Files the checker page loads, placed in the site under names that change with content.

A rules update or a code change gets a new file name, so no browser or proxy can serve a
stale copy; the Pyodide runtime sits under its version number for the same reason.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

from .problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# Not python_stdlib.zip: the pages give the runtime a trimmed library (sitegen/stdlib.py).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
FIXED_TIME = (2025, 4, 7, 0, 0, 0)


def hashed_name(stem: str, suffix: str, data: bytes) -> str:
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{suffix}"


def write_hashed(directory: Path, stem: str, suffix: str, data: bytes) -> str:
    """Write `data` as `stem.<hash>suffix` in `directory`; return the file name."""
    name = hashed_name(stem, suffix, data)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data)
    return name


def reproducible_zip(files: dict[str, bytes]) -> bytes:
    """A deflated zip of `files` whose bytes depend on nothing but their names and contents
    (fixed timestamps, sorted names), so its content hash changes only when they do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def pyodide_version() -> str:
    try:
        return json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise BuildError(["node_modules/pyodide がありません。`make build`（または `npm ci`）を実行してください。"]) from None


def copy_pyodide(target_root: Path) -> str:
    """Copy the runtime files to `pyodide/<version>/`; return that folder's path in the site."""
    version = pyodide_version()
    folder = target_root / "pyodide" / version
    folder.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = PYODIDE_DIR / name
        if not source.is_file():
            raise BuildError([f"node_modules/pyodide/{name} がありません。`npm ci` をやり直してください。"])
        try:   # a link, not a copy: mkdocs copies these 14 MB into the site anyway
            os.link(source, folder / name)
        except OSError:
            shutil.copyfile(source, folder / name)
    return f"pyodide/{version}/"


def runtime_bytes() -> int:
    """The size of what the checker's worker counts as it downloads before Python can
    start: the .wasm and the trimmed standard library the pages give it (sitegen/stdlib.py),
    as served uncompressed. The page shows how much of it has arrived, up to 100 %."""
    from .stdlib import stdlib_zip   # cached by the build: no second compile

    return (PYODIDE_DIR / "pyodide.asm.wasm").stat().st_size + len(stdlib_zip())


def minimal_lock() -> str:
    """The runtime's lock file without its package list: the checker installs no
    packages, so Pyodide needs only the `info` part, and the page saves a 119 KB fetch."""
    lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":"))
