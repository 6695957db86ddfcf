"""The pages' scripts (web/*.js) as the site serves them.

The sources are small ES modules, each with one job (and the pure ones are tested in Node
as they are). A page gets ONE file: its entry module with everything it imports, in
dependency order, without the import lines, the `export` keywords and the comment lines.
Every byte before the checker is ready counts (README, 性能), and one file is one request.
The file's name changes with its content (`checker.<hash>.js`, cached for a year).

Only what the sources use is handled: `import { names } from "./x.js";` on one line and
`export` before a top-level declaration. Two modules declaring the same top-level name
would clash in one file: the build stops and says which.
"""
from __future__ import annotations

import re
from pathlib import Path

from .assets import write_hashed
from .problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
# Scripts every page loads, by mkdocs.yml's `extra_javascript` (javascripts/<name>).
THEME_SCRIPTS = ("theme-fixes.js",)
_IMPORT = re.compile(r"""^import\s*\{[^}]*\}\s*from\s*["']\./([\w-]+)\.js["'];?[ \t]*\n""", re.M)
_EXPORT = re.compile(r"^export\s+(?=(async\s+)?(function|const|let|class)\b)", re.M)
_DECLARED = re.compile(r"^(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|class)\s+([\w$]+)", re.M)
_COMMENT_LINE = re.compile(r"^[ \t]*//.*\n", re.M)


def bundle(entry: str, web: Path = WEB) -> str:
    """The module `entry` (a file name in `web`) with what it imports, as one script."""
    order: list[str] = []

    def visit(stem: str, chain: tuple[str, ...]) -> None:
        if stem in chain:
            raise BuildError([f"web/{stem}.js: 読み込みが循環しています（{' → '.join(chain + (stem,))}）。"])
        if stem in order:
            return
        path = web / f"{stem}.js"
        if not path.is_file():
            raise BuildError([f"{'web/' + chain[-1] + '.js' if chain else 'build.py'}: web/{stem}.js がありません。"])
        for dependency in _IMPORT.findall(path.read_text(encoding="utf-8")):
            visit(dependency, chain + (stem,))
        order.append(stem)

    visit(entry.removesuffix(".js"), ())
    declared: dict[str, str] = {}
    parts = []
    for stem in order:
        text = (web / f"{stem}.js").read_text(encoding="utf-8")
        for name in _DECLARED.findall(text):
            if name in declared:
                raise BuildError([f"web/{stem}.js: 「{name}」は web/{declared[name]}.js にもあります（1つのファイルにまとめられません）。"])
            declared[name] = stem
        parts.append(without_comment_lines(_EXPORT.sub("", _IMPORT.sub("", text))))
    return "".join(parts)


def without_comment_lines(text: str) -> str:
    """The script without its whole-line `//` comments (they are for people reading web/)."""
    return _COMMENT_LINE.sub("", text)


def inline_script(name: str, web: Path = WEB) -> str:
    """A script the page carries inline (its CSP hash is taken from the page as built)."""
    return without_comment_lines((web / name).read_text(encoding="utf-8"))


def write_scripts(assets: Path, entries: dict[str, str], web: Path = WEB) -> dict[str, str]:
    """Bundle each entry (key → file name in web/) into `assets`; returns key → hashed name."""
    return {key: write_hashed(assets, name.removesuffix(".js"), ".js", bundle(name, web).encode("utf-8"))
            for key, name in entries.items()}


def copy_theme_scripts(docs_dir: Path, web: Path = WEB) -> None:
    """Put the scripts every page loads where mkdocs.yml's `extra_javascript` names them."""
    target = docs_dir / "javascripts"
    target.mkdir(parents=True, exist_ok=True)
    for name in THEME_SCRIPTS:
        (target / name).write_text(without_comment_lines((web / name).read_text(encoding="utf-8")), encoding="utf-8")
