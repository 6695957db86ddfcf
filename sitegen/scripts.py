"""The pages' scripts (web/*.js) as the site serves them, made by esbuild.

The sources are small ES modules, each with one job (and the pure ones are tested in Node
as they are). A page gets ONE file: its entry module bundled by esbuild (the npm package,
pinned in package-lock.json) with everything it imports, minified, and a source map beside
it that holds the sources as written, so the browser's DevTools show web/*.js and its line
numbers. Every byte before the checker is ready counts (README, 性能), and one file is one
request. Both names change with their content (`checker.<hash>.js`, `checker.<hash>.js.map`;
cached for a year).

Plain scripts (not modules) are minified too and held to ES5: checker-boot.js, which the
pages carry inline (`inline_scripts()`: the page's CSP allows exactly these texts), and
theme-fixes.js, which every page loads (mkdocs.yml's `extra_javascript`).

esbuild runs under Node (scripts_esbuild.mjs), once for all of a build's scripts; the
output is kept in build/cache/scripts/ by the sources' content and esbuild's version, so a
build whose web/ did not change starts no Node at all.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .assets import write_hashed
from .problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
DRIVER = Path(__file__).with_name("scripts_esbuild.mjs")
CACHE = ROOT / "build" / "cache" / "scripts"
ESBUILD = ROOT / "node_modules" / "esbuild" / "package.json"
# The pages' ES-module entries (build.py names them: the checker page, its worker, the roster page).
PAGE_MODULES = ("checker.js", "checker-worker.js", "roster.js")
# Scripts every page loads, by mkdocs.yml's `extra_javascript` (javascripts/<name>).
THEME_SCRIPTS = ("theme-fixes.js",)
# Scripts the pages carry inside their HTML (the checker and roster pages' boot script).
INLINE_SCRIPTS = ("checker-boot.js",)
_MAP_LINK = "//# sourceMappingURL="
KEEP = 16   # cache entries kept (the newest): one per state of web/ lately built


def esbuild(web: Path = WEB, modules: tuple[str, ...] | None = None) -> dict[str, dict[str, str]]:
    """File name → {"code", and "map" for all but the inline scripts}, as esbuild writes
    them (see scripts_esbuild.mjs), for the ES-module entries `modules` (by default the
    PAGE_MODULES in `web`) and the plain scripts in `web`; from build/cache/ when the same
    sources were built before."""
    def present(names):
        return sorted(name for name in names if (web / name).is_file())

    request = {"modules": sorted(set(modules)) if modules is not None else present(PAGE_MODULES),
               "classic": present(THEME_SCRIPTS), "inline": present(INLINE_SCRIPTS)}
    try:
        version = json.loads(ESBUILD.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise BuildError(["node_modules/esbuild がありません。`make build`（または `npm ci`）を実行してください。"]) from None
    key = hashlib.sha256(json.dumps([version, request, DRIVER.read_text(encoding="utf-8"), web.name,  # in the maps
                                     sorted((p.relative_to(web).as_posix(), p.read_text(encoding="utf-8"))
                                            for p in web.rglob("*.js"))]).encode()).hexdigest()[:32]
    cached = CACHE / f"{key}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    outputs = _run(web, request)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(outputs), encoding="utf-8")
        os.replace(partial, cached)   # never a half-written entry, even if two builds race
        for old in sorted(CACHE.glob("*.json"), key=lambda path: path.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass   # a read-only checkout builds all the same
    return outputs


def _run(web: Path, request: dict) -> dict:
    node = shutil.which("node")
    if not node:
        raise BuildError(["Node.js（node）が見つかりません。ページのスクリプトを esbuild でまとめるのに使います。"
                          "`make build` の前に Node.js を入れてください。"])
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "request.json").write_text(json.dumps({"web": str(web.resolve()), **request}), encoding="utf-8")
        done = subprocess.run([node, str(DRIVER), f"{tmp}/request.json"], cwd=ROOT, capture_output=True,
                              text=True, encoding="utf-8", timeout=300)
    if done.returncode != 0:
        raise BuildError(["ページのスクリプトを esbuild でまとめられませんでした。", done.stderr[-2000:]])
    answer = json.loads(done.stdout)
    if "errors" in answer:
        raise BuildError(["ページのスクリプトに誤りがあります（esbuild）。", *answer["errors"]])
    return answer["outputs"]


def write_scripts(assets: Path, entries: dict[str, str], web: Path = WEB) -> dict[str, str]:
    """Bundle each entry (key → file name in web/) into `assets`, each beside its source
    map; returns key → the script's hashed name."""
    made = esbuild(web, modules=tuple(entries.values()))
    return {key: _write_with_map(assets, name, made[name], hashed=True) for key, name in entries.items()}


def _write_with_map(folder: Path, name: str, output: dict, *, hashed: bool) -> str:
    """Write a script and its map into `folder`, the script's last line naming the map as
    written (`stem.<hash>.js.map` when `hashed`); returns the script's file name."""
    stem = name.removesuffix(".js")
    code, _, _ = output["code"].rpartition(_MAP_LINK)
    if hashed:
        map_name = write_hashed(folder, stem, ".js.map", output["map"].encode("utf-8"))
    else:
        map_name = f"{name}.map"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / map_name).write_text(output["map"], encoding="utf-8")
    code = f"{code}{_MAP_LINK}{map_name}\n".encode("utf-8")
    if hashed:
        return write_hashed(folder, stem, ".js", code)
    (folder / name).write_bytes(code)
    return name


def inline_scripts(web: Path = WEB) -> dict[str, str]:
    """File name → the exact text of each script the build puts inside the pages' HTML:
    the scripts the pages' Content-Security-Policy allows by their hashes."""
    made = esbuild(web)
    return {name: made[name]["code"].rstrip("\n") for name in INLINE_SCRIPTS}


def inline_script(name: str, web: Path = WEB) -> str:
    """One of INLINE_SCRIPTS, as the pages carry it."""
    return inline_scripts(web)[name]


def copy_theme_scripts(docs_dir: Path, web: Path = WEB) -> None:
    """Put the scripts every page loads (and their maps) where mkdocs.yml's
    `extra_javascript` names them."""
    made = esbuild(web)
    for name in THEME_SCRIPTS:
        _write_with_map(docs_dir / "javascripts", name, made[name], hashed=False)
