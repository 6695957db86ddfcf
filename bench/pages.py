"""Pages the benchmark adds to its own copy of the site (never to the published one).

The floor is a page that does nothing but `loadPyodide()` from the runtime exactly as
published (its stock python_stdlib.zip, which run.py puts beside it), served by the same
nginx: whatever the checker takes beyond it is our own cost, and whatever it takes less
is what the site does better than the stock runtime.

The limit is a page that only streams and compiles the runtime's pyodide.asm.wasm
(`WebAssembly.compileStreaming`) and does nothing else: no Python starts, no other file is
fetched. No page that runs Python can be ready sooner, so the checker's time over it says
how much of the wait is left to win at all.
"""
from __future__ import annotations

FLOOR = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>floor</title></head>
<body><p>loadPyodide()</p><script type="module">
performance.mark("floor-start");
const base = new URL("../{pyodide}", location.href).href;
const {{ loadPyodide }} = await import(base + "pyodide.mjs");
await loadPyodide({{ indexURL: base }});
performance.mark("pyodide-ready");
</script></body></html>
"""

LIMIT = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>limit</title></head>
<body><p>WebAssembly.compileStreaming(pyodide.asm.wasm)</p><script type="module">
await WebAssembly.compileStreaming(fetch(new URL("../{pyodide}pyodide.asm.wasm", location.href)));
performance.mark("wasm-compiled");
</script></body></html>
"""

EVALUATE = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>evaluate</title></head>
<body><script type="module">
const base = new URL("../{pyodide}", location.href).href;
const {{ loadPyodide }} = await import(base + "pyodide.mjs");
const pyodide = await loadPyodide({{ indexURL: base }});   // stock library: timing.py uses statistics
const zip = await (await fetch("../assets/{package}")).arrayBuffer();
pyodide.unpackArchive(new Uint8Array(zip), "zip", {{ extractDir: "/home/pyodide/app" }});
pyodide.globals.set("rules_text", await (await fetch("../assets/{rules}")).text());
pyodide.globals.set("requests_json", {requests});
window.__evaluate_ms = pyodide.runPython(`
import sys
sys.path.insert(0, "/home/pyodide/app")
import json, checker
checker.use_rules(rules_text)
from timing import median_evaluate_ms
median_evaluate_ms(json.loads(requests_json))
`);
</script></body></html>
"""
