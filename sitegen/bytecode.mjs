// Compile Python sources to bytecode with the runtime's own Python, at build time
// (sitegen/bytecode.py runs this for the standard library and for the checker package).
// usage: node bytecode.mjs SOURCES.zip OUT.zip [--prefix PATH] [--optimize N]
// The .pyc files are unchecked-hash ones (no source beside them to compare with) without
// column positions (PYTHONNODEBUGRANGES: a quarter smaller; tracebacks keep file and line),
// and each records the path its source would have where the runtime mounts it (--prefix;
// by default the standard library's zip), so a traceback shows the same paths as before.
// --optimize 2 leaves docstrings and assert statements out (Python's -OO).
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const args = process.argv.slice(2);
const [sourcesPath, outPath] = args;
const option = (name, otherwise) => (args.includes(name) ? args[args.indexOf(name) + 1] : otherwise);
const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve("pyodide/package.json", { paths: [process.cwd()] }));
const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, env: { PYTHONNODEBUGRANGES: "1" } });
pyodide.FS.writeFile("/tmp/sources.zip", await readFile(sourcesPath));
pyodide.globals.set("prefix", option("--prefix", null));
pyodide.globals.set("optimize", Number(option("--optimize", "0")));
pyodide.runPython(`
import os, py_compile, sys, zipfile
library = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
with zipfile.ZipFile("/tmp/sources.zip") as sources, zipfile.ZipFile("/tmp/out.zip", "w") as out:
    for name in sources.namelist():
        source, compiled = f"/tmp/src/{name}", f"/tmp/pyc/{name}c"
        os.makedirs(os.path.dirname(source), exist_ok=True)
        with open(source, "wb") as handle:
            handle.write(sources.read(name))
        py_compile.compile(source, cfile=compiled, dfile=f"{prefix or library}/{name}", doraise=True,
                           optimize=optimize, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        out.write(compiled, name + "c")
`);
await writeFile(outPath, pyodide.FS.readFile("/tmp/out.zip"));
