"""A Content-Security-Policy for every built page, as a <meta> (static hosts set no headers).

Only the site itself may supply scripts, styles, images, fonts, workers and data. Inline
scripts are allowed by their sha256 hashes, and only the ones the build writes itself,
known before any page is read back: the theme's few inline scripts (taken from the
theme's own templates, for each page depth: their text names the page's base URL) and the
scripts build.py puts in pages (the checker's starter). A page that holds any other
inline script (text from the rules that became markup, say) stops the build: its hash is
never added, so the policy can never bless it.

The checker page also allows 'wasm-unsafe-eval' and 'unsafe-eval', and no other page
does: its worker inherits the page's policy (Chromium), and Pyodide 314's loader
compiles its EM_JS/EM_ASM snippets with eval() while linking (pyodide.asm.mjs), so with
'wasm-unsafe-eval' alone the runtime never starts. That page renders no HTML from input
(only textContent and form values), which keeps eval of our own runtime the only use.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from .problems import BuildError

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
# How the theme's inline scripts name the page's base URL, and the URLs it can be: the
# site's root seen from each page depth (404.html: an absolute "/").
_BASE_URL = re.compile(r"\{\{\s*(?:config\.extra\.scope\s*\|\s*d\(base_url\)|base_url)\s*\}\}")
_BASES = (".", "/", *("/".join([".."] * depth) for depth in range(1, 8)))


def digest(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"


@lru_cache(maxsize=1)
def theme_scripts() -> frozenset[str]:
    """Every inline script the theme (mkdocs-material) can write, for every page depth."""
    import material

    found = set()
    for template in (Path(material.__file__).resolve().parent / "templates").rglob("*.html"):
        for match in _INLINE_SCRIPT.finditer(template.read_text(encoding="utf-8")):
            if match.group("attrs").strip():
                continue   # src=…, or a data block (type="application/json")
            body = match.group("body")
            for base in _BASES:
                text = _BASE_URL.sub(base, body)
                if "{{" not in text and "{%" not in text:
                    found.add(text)
    return frozenset(found)


def inline_scripts(html: str) -> list[str]:
    """The bodies of the page's inline scripts that a browser would run."""
    bodies = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", attrs, re.I)
        if (kind.group(1).lower() if kind else "") not in _EXECUTABLE_TYPES:
            continue  # data blocks (application/json) never run
        bodies.append(match.group("body"))
    return bodies


def policy(hashes: list[str], wasm: bool) -> str:
    scripts = " ".join(["'self'", *sorted(set(hashes)), *(["'wasm-unsafe-eval'", "'unsafe-eval'"] if wasm else [])])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


def add_policy(site_dir: Path, wasm_pages: set[str], written: list[str]) -> int:
    """Insert the policy right after <meta charset> of every HTML file; return how many.
    `written`: the inline scripts the build put in pages itself. BuildError naming each
    page that holds an inline script neither the build nor the theme wrote."""
    known = {digest(body) for body in (*theme_scripts(), *written)}
    pages, problems = [], []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_dir).as_posix()
        hashes = [digest(body) for body in inline_scripts(html)]
        for body, found in zip(inline_scripts(html), hashes):
            if found not in known:
                problems.append(f"{rel}: build が書いていないスクリプトがあります（「{' '.join(body.split())[:60]}」）。"
                                "ルールの文がページの部品になっていないか確かめてください。")
        pages.append((path, html, policy(hashes, rel in wasm_pages)))
    if problems:
        raise BuildError(problems)
    for path, html, content in pages:
        meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
        html, replaced = re.subn(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, html, count=1)
        if not replaced:
            html = html.replace("<head>", "<head>" + meta, 1)
        path.write_text(html, encoding="utf-8")
    return len(pages)


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of the inline scripts a page holds (what its policy lists)."""
    return sorted({digest(body) for body in inline_scripts(html)})
