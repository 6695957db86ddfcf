// Run one Python script inside real Pyodide under Node, from the pinned npm package, with
// package zips (the very artifacts the site serves) unpacked first. The script's last
// expression, a string, is written to OUT.
// usage: node run_python.mjs SCRIPT.py OUT PACKAGE.zip...
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const [scriptPath, outPath, ...zipPaths] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve("pyodide/package.json", { paths: [process.cwd()] }));
const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));

const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
for (const zipPath of zipPaths) {
  pyodide.unpackArchive(new Uint8Array(await readFile(zipPath)), "zip", { extractDir: "/home/pyodide/app" });
}
pyodide.runPython('import sys; sys.path.insert(0, "/home/pyodide/app")');
await writeFile(outPath, pyodide.runPython(await readFile(scriptPath, "utf8")));
