"""The pages' scripts (web/*.js) as the site serves them.

Each module is written under a name that changes with its content (`checker.<hash>.js`),
and the `./name.js` it imports is rewritten to that module's own hashed name, so a page
can never meet a stale copy of any part (hashed names are cached for a year). A module's
hash covers its rewritten imports, so a change anywhere renames everything that leads to it.
"""
from __future__ import annotations

import re
from pathlib import Path

import shutil

from .assets import write_hashed
from .problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
# Scripts every page loads, by mkdocs.yml's `extra_javascript` (javascripts/<name>).
THEME_SCRIPTS = ("theme-fixes.js",)
# `import … from "./x.js"`, `export … from "./x.js"` and `import("./x.js")`.
_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])\./([\w-]+)\.js\2""")


def write_scripts(assets: Path, entries: dict[str, str], web: Path = WEB) -> dict[str, str]:
    """Write each entry module (key → file name in web/) and what it imports; returns key →
    the entry's hashed file name in `assets`."""
    written: dict[str, str] = {}

    def write(stem: str, chain: tuple[str, ...]) -> str:
        if stem in chain:
            raise BuildError([f"web/{stem}.js: 読み込みが循環しています（{' → '.join(chain + (stem,))}）。"])
        if stem not in written:
            path = web / f"{stem}.js"
            if not path.is_file():
                raise BuildError([f"{'web/' + chain[-1] + '.js' if chain else 'build.py'}: web/{stem}.js がありません。"])
            text = _IMPORT.sub(lambda m: f"{m.group(1)}{m.group(2)}./{write(m.group(3), chain + (stem,))}{m.group(2)}",
                               path.read_text(encoding="utf-8"))
            written[stem] = write_hashed(assets, stem, ".js", text.encode("utf-8"))
        return written[stem]

    return {key: write(name.removesuffix(".js"), ()) for key, name in entries.items()}


def copy_theme_scripts(docs_dir: Path, web: Path = WEB) -> None:
    """Put the scripts every page loads where mkdocs.yml's `extra_javascript` names them."""
    target = docs_dir / "javascripts"
    target.mkdir(parents=True, exist_ok=True)
    for name in THEME_SCRIPTS:
        shutil.copyfile(web / name, target / name)
