"""Precompressed copies (.br and .gz) of the site's files, for servers that send them as
they are (nginx gzip_static / brotli_static): the best compression, paid once.

Brotli at its best setting takes most of a minute for Pyodide's wasm, so results are kept
in build/cache/ under the SHA-256 of the input; a rebuild with the same runtime reuses them.
A copy is written only when it saves at least a tenth of the file.
"""
from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "cache" / "compressed"
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".zip", ".map"}
MIN_SIZE = 1024


def _compressed(data: bytes, key: str, kind: str) -> bytes:
    """`data` compressed as `kind`, from the cache under `key` (its SHA-256) when there."""
    cached = CACHE / f"{key}.{kind}"
    if cached.is_file():
        return cached.read_bytes()
    if kind == "br":
        import brotli

        out = brotli.compress(data, quality=11)
    else:
        out = gzip.compress(data, compresslevel=9, mtime=0)
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(out)
    return out


def precompress(site_dir: Path) -> dict:
    """Write file.br and file.gz beside each compressible file; return byte totals."""
    totals = {"files": 0, "raw": 0, "br": 0}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or path.stat().st_size < MIN_SIZE:
            continue
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()
        for kind in ("br", "gz"):
            out = _compressed(data, key, kind)
            if len(out) <= 0.9 * len(data):
                path.with_name(path.name + "." + kind).write_bytes(out)
        totals["files"] += 1
        totals["raw"] += len(data)
    return totals
