"""What site/ redistributes and under which licence: the facts of the 「ライセンス」 page.

An association that copies site/ onto its server redistributes the Pyodide runtime, the
Python standard library, the theme's scripts and styles and our own code. Names, versions
and licences are read from what is installed (node_modules/pyodide, its lock file's Python
version, the Python packages' metadata, the theme's source maps for what its scripts
bundle, version strings inside the runtime's wasm), so an upgrade never leaves the page
stale. `origin()` says which listed component a file of a built site comes from; the
tests walk a built site and fail on any file it cannot place. The page's words are in
templates/licenses.md.j2.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .assets import PYODIDE_DIR, pyodide_version
from .stdlib import listed_files

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "cache"

# What the theme's scripts and styles bundle (read from its source maps), by npm name.
BUNDLED = {
    "rxjs": ("RxJS", "Apache-2.0", "https://github.com/ReactiveX/rxjs/blob/master/LICENSE.txt"),
    "clipboard": ("clipboard.js", "MIT", "https://github.com/zenorocha/clipboard.js/blob/master/LICENSE"),
    "escape-html": ("escape-html", "MIT", "https://github.com/component/escape-html/blob/master/LICENSE"),
    "focus-visible": ("focus-visible", "W3C-20150513", "https://github.com/WICG/focus-visible/blob/main/LICENSE.md"),
    "tslib": ("tslib", "0BSD", "https://github.com/microsoft/tslib/blob/main/LICENSE.txt"),
    "lunr": ("Lunr", "MIT", "https://github.com/olivernightingale/lunr.js/blob/master/LICENSE"),
    "material-design-color": ("material-design-color", "MIT", "https://www.npmjs.com/package/material-design-color"),
}
# Libraries compiled into pyodide.asm.wasm, found by a string each leaves in the binary
# (a pattern where that string carries the version).
IN_RUNTIME = (
    ("Emscripten", b"emscripten", "MIT OR NCSA", "https://github.com/emscripten-core/emscripten/blob/main/LICENSE"),
    ("zlib", re.compile(rb"deflate (\d+\.\d+(?:\.\d+)?) Copyright"), "Zlib", "https://zlib.net/zlib_license.html"),
    ("bzip2", b"bzip2/libbzip2", "bzip2-1.0.6", "https://sourceware.org/bzip2/"),
    ("XZ Utils (liblzma)", b"lzma_", "0BSD", "https://github.com/tukaani-project/xz/blob/master/COPYING"),
    ("Zstandard", b"ZSTD_", "BSD-3-Clause OR GPL-2.0-only", "https://github.com/facebook/zstd/blob/dev/LICENSE"),
    ("SQLite", b"sqlite_master", "blessing", "https://www.sqlite.org/copyright.html"),
    ("Expat", re.compile(rb"expat_(\d+\.\d+\.\d+)"), "MIT", "https://github.com/libexpat/libexpat/blob/master/expat/COPYING"),
    ("libffi", b"ffi_call", "MIT", "https://github.com/libffi/libffi/blob/master/LICENSE"),
    ("mpdecimal", b"libmpdec", "BSD-2-Clause", "https://www.bytereef.org/mpdecimal/"),
    ("HACL*", b"Hacl_", "MIT", "https://github.com/hacl-star/hacl-star/blob/main/LICENSE"),
)
# Our own files among the content-hashed ones build.py writes into assets/.
# (.js.map: the source maps esbuild writes of our scripts, sitegen/scripts.py.)
OWN_ASSETS = re.compile(r"assets/(checker|checker-worker|roster|roster-template|rules|notices)\.[0-9a-f]{10}"
                        r"\.(js|js\.map|zip|json|csv|css)")
STDLIB_ASSET = re.compile(r"assets/python_stdlib\.[0-9a-f]{10}\.zip")


@lru_cache(maxsize=None)
def _distribution(name: str) -> metadata.Distribution:
    return metadata.distribution(name)


def theme_assets() -> Path:
    """The theme's own assets folder, as installed (mkdocs copies it into site/assets/)."""
    return Path(_distribution("mkdocs-material").locate_file("material/templates/assets"))


def _package(name: str) -> dict:
    meta = _distribution(name).metadata
    return {"version": meta["Version"], "licence": meta.get("License-Expression") or meta.get("License") or ""}


def _licence_text(name: str) -> str:
    """The licence file a package's metadata names (License-File), read from its
    .dist-info folder (licenses/ since PEP 639, or the folder itself before)."""
    dist = _distribution(name)
    for file in dist.metadata.get_all("License-File") or []:
        text = dist.read_text(f"licenses/{file}") or dist.read_text(file)
        if text:
            return text.strip()
    return ""


def bundled_packages() -> list[str]:
    """npm packages inside the theme's scripts and styles, by their source maps."""
    names = set()
    for source_map in theme_assets().rglob("*.map"):
        for source in json.loads(source_map.read_text(encoding="utf-8")).get("sources", []):
            match = re.search(r"node_modules/((?:@[^/]+/)?[^/]+)/", source)
            if match:
                names.add(match.group(1))
    return sorted(names)


@lru_cache(maxsize=1)
def runtime_parts() -> tuple[dict, ...]:
    """The libraries compiled into pyodide.asm.wasm that can be recognised in it (kept in
    build/cache/ per runtime version: reading 10 MB is a fortieth of a build)."""
    cached = CACHE / f"runtime-parts-{pyodide_version()}.json"
    if cached.is_file():
        return tuple(json.loads(cached.read_text(encoding="utf-8")))
    binary = (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()
    parts = []
    for name, signature, licence, url in IN_RUNTIME:
        match = signature.search(binary) if isinstance(signature, re.Pattern) else signature in binary
        if match:
            version = match.group(1).decode() if isinstance(match, re.Match) else None
            parts.append({"name": name, "version": version, "licence": licence, "url": url})
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(parts), encoding="utf-8")
    return tuple(parts)


def python_version() -> str:
    return json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]["python"]


def components() -> dict[str, dict]:
    """Key → facts of each component whose files are in site/, in the page's order."""
    pyodide = json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))
    version, python = pyodide_version(), python_version()
    material, mkdocs = _package("mkdocs-material"), _package("mkdocs")
    repository = re.sub(r"^git\+|\.git$", "", pyodide["repository"]["url"])
    return {
        "site": {"name": "認定医のMAMIS手続きガイド", "version": None, "licence": "MIT",
                 "text": (ROOT / "LICENSE").read_text(encoding="utf-8").strip()},
        "pyodide": {"name": "Pyodide", "version": version, "licence": pyodide["license"],
                    "url": "https://www.mozilla.org/en-US/MPL/2.0/", "source": f"{repository}/tree/{version}",
                    "parts": list(runtime_parts())},
        "python": {"name": "Python", "version": python, "licence": "PSF-2.0", "files": len(listed_files()),
                   "url": f"https://docs.python.org/{python.rsplit('.', 1)[0]}/license.html",
                   "source": f"https://github.com/python/cpython/tree/v{python}"},
        "material": {"name": "Material for MkDocs", "version": material["version"], "licence": material["licence"],
                     "text": _licence_text("mkdocs-material"),
                     "source": f"https://github.com/squidfunk/mkdocs-material/tree/{material['version']}",
                     "parts": [dict(zip(("name", "licence", "url"), BUNDLED[name]), version=None)
                               for name in bundled_packages() if name in BUNDLED]},
        "lunr-languages": {"name": "lunr-languages", "version": None, "licence": "MPL-1.1",
                           "url": "https://www.mozilla.org/en-US/MPL/1.1/",
                           "source": "https://github.com/MihaiValentin/lunr-languages"},
        "tinyseg": {"name": "TinySegmenter", "version": None, "licence": "BSD-3-Clause",
                    "url": "http://chasen.org/~taku/software/TinySegmenter/LICENCE.txt"},
        "wordcut": {"name": "wordcut", "version": None, "licence": "LGPL",
                    "url": "https://www.gnu.org/licenses/lgpl-3.0.html", "source": "https://github.com/veer66/wordcut"},
        "mkdocs": {"name": "MkDocs", "version": mkdocs["version"], "licence": mkdocs["licence"],
                   "url": "https://github.com/mkdocs/mkdocs/blob/master/LICENSE"},
    }


def origin(rel: str) -> str | None:
    """The key of the component a file of site/ comes from (its path relative to site/,
    with '/'), or None when it is none of them."""
    rel = re.sub(r"\.(br|gz)$", "", rel)   # precompressed copies (and mkdocs' sitemap.xml.gz)
    if rel.startswith(f"pyodide/{pyodide_version()}/") and (PYODIDE_DIR / rel.split("/", 2)[2]).is_file():
        return "pyodide"
    if STDLIB_ASSET.fullmatch(rel):
        return "python"
    if rel.startswith("assets/") and (theme_assets() / rel[len("assets/"):]).is_file():
        lunr = re.match(r"assets/javascripts/lunr/(min/.*|tinyseg\.js|wordcut\.js)$", rel)
        if lunr:
            return {"tinyseg.js": "tinyseg", "wordcut.js": "wordcut"}.get(lunr.group(1), "lunr-languages")
        return "material"
    theme_script = rel.removeprefix("javascripts/").removesuffix(".map")   # a script of web/, or its map
    if (ROOT / "docs" / rel).is_file() or OWN_ASSETS.fullmatch(rel) or \
            (rel.startswith("javascripts/") and (ROOT / "web" / theme_script).is_file()):
        return "site"
    if rel.endswith(".html") or rel == "search/search_index.json":
        return "site"         # our pages, laid out by the theme's templates
    if rel == "sitemap.xml":
        return "mkdocs"
    return None
