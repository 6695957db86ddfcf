"""Python sources compiled to bytecode by the runtime's own Python, at build time.

The browser's Python would otherwise compile every module it imports while the physician
waits. The compiler is Pyodide itself, run under Node (bytecode.mjs): the same Python
version that will load the .pyc files, so they match it exactly. Starting it takes a few
seconds, so results are kept in build/cache/bytecode/ by the sources' content, the runtime's
version and the compiler; a build whose sources did not change starts no Node at all.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

from .assets import pyodide_version, reproducible_zip
from .problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
COMPILER = Path(__file__).with_name("bytecode.mjs")
CACHE = ROOT / "build" / "cache" / "bytecode"


def compiled_zip(kind: str, identity: bytes, sources: Callable[[], dict[str, bytes]], *,
                 prefix: str | None = None, optimize: int = 0) -> bytes:
    """A reproducible zip of `name.pyc` for each `name.py` of `sources()`, which is called
    only when the cache has no zip for `identity` (bytes that decide what the sources are:
    their contents, or the file they are read from). Each .pyc names its source as
    `prefix/name.py` in tracebacks (None: where the runtime mounts the standard library);
    `optimize` 2 leaves docstrings and asserts out. `kind` names the cache entry: one is
    kept per kind (the standard library, the checker package)."""
    key = hashlib.sha256(b"\0".join([pyodide_version().encode(), COMPILER.read_bytes(), str(prefix).encode(),
                                     str(optimize).encode(), identity]))
    cached = CACHE / f"{kind}-{key.hexdigest()[:32]}.zip"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    made = reproducible_zip(_unzipped(_compile(sources(), prefix, optimize)))
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(made)
        os.replace(partial, cached)   # never a half-written entry, even if two builds race
        for old in CACHE.glob(f"{kind}-*.zip"):   # made from other sources: keep one
            if old != cached:
                old.unlink(missing_ok=True)
    except OSError:
        pass   # a read-only checkout builds all the same, only slower
    return made


def compiled(kind: str, sources: dict[str, bytes], **options) -> dict[str, bytes]:
    """`name.pyc` → its bytes, for each `name.py` of `sources` (see compiled_zip)."""
    identity = b"\0".join(part for name in sorted(sources) for part in (name.encode(), sources[name]))
    return _unzipped(compiled_zip(kind, identity, lambda: sources, **options))


def _unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _compile(sources: dict[str, bytes], prefix: str | None, optimize: int) -> bytes:
    node = shutil.which("node")
    if not node:
        raise BuildError(["Node.js（node）が見つかりません。チェッカーの Python をバイトコードにするのに使います。"
                          "`make build` の前に Node.js を入れてください。"])
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sources.zip").write_bytes(reproducible_zip(sources))
        command = [node, str(COMPILER), f"{tmp}/sources.zip", f"{tmp}/compiled.zip", "--optimize", str(optimize)]
        done = subprocess.run(command + (["--prefix", prefix] if prefix else []),
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise BuildError(["Python のファイルをバイトコードにできませんでした。", done.stderr[-2000:]])
        return (Path(tmp) / "compiled.zip").read_bytes()
