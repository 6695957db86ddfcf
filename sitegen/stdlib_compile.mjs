// Compile standard-library sources to bytecode with the runtime's own Python, at build
// time (sitegen/stdlib.py runs this). usage: node stdlib_compile.mjs SOURCES.zip OUT.zip
// The .pyc files are unchecked-hash ones (no source beside them to compare with) without
// column positions (PYTHONNODEBUGRANGES: a quarter smaller; tracebacks keep file and line),
// named as the runtime will mount them, so a traceback shows the same paths as before.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const [sourcesPath, outPath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve("pyodide/package.json", { paths: [process.cwd()] }));
const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, env: { PYTHONNODEBUGRANGES: "1" } });
pyodide.FS.writeFile("/tmp/sources.zip", await readFile(sourcesPath));
pyodide.runPython(`
import os, py_compile, sys, zipfile
library = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
with zipfile.ZipFile("/tmp/sources.zip") as sources, zipfile.ZipFile("/tmp/out.zip", "w") as out:
    for name in sources.namelist():
        source, compiled = f"/tmp/src/{name}", f"/tmp/pyc/{name}c"
        os.makedirs(os.path.dirname(source), exist_ok=True)
        with open(source, "wb") as handle:
            handle.write(sources.read(name))
        py_compile.compile(source, cfile=compiled, dfile=f"{library}/{name}", doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        out.write(compiled, name + "c")
`);
await writeFile(outPath, pyodide.FS.readFile("/tmp/out.zip"));
