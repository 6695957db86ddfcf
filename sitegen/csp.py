"""A Content-Security-Policy for every built page, as a <meta> (static hosts set no headers).

Only the site itself may supply scripts, styles, images, fonts, workers and data. The
theme's few inline scripts are allowed by their sha256 hashes, page by page (their text
differs with the page's depth).

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
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs:
            continue
        kind = re.search(r'type="([^"]*)"', attrs)
        if (kind.group(1) if kind else "") not in _EXECUTABLE_TYPES:
            continue  # data blocks (application/json) never run
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(html: str, wasm: bool) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html), *(["'wasm-unsafe-eval'", "'unsafe-eval'"] if wasm else [])])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


def add_policy(site_dir: Path, wasm_pages: set[str]) -> int:
    """Insert the policy right after <meta charset> of every HTML file; return how many."""
    count = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_dir).as_posix()
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, rel in wasm_pages)}">'
        html, replaced = re.subn(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, html, count=1)
        if not replaced:
            html = html.replace("<head>", "<head>" + meta, 1)
        path.write_text(html, encoding="utf-8")
        count += 1
    return count
