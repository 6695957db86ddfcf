// Run the YAML cases inside real Pyodide under Node, from the pinned npm package.
// usage: node run_cases.mjs PACKAGE.zip RULES.json CASES.json OUT.json
// RULES.json maps each edition the cases name to its compiled rules.
// The package zip is the very artifact the site serves; the comparison of each result
// with its case is tests/case_format.py, shipped inside the zip for this run.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const [zipPath, rulesPath, casesPath, outPath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve("pyodide/package.json", { paths: [process.cwd()] }));
const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));

const started = Date.now();
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.unpackArchive(new Uint8Array(await readFile(zipPath)), "zip", { extractDir: "/home/pyodide/app" });
pyodide.globals.set("rules_json", await readFile(rulesPath, "utf8"));
pyodide.globals.set("cases_json", await readFile(casesPath, "utf8"));
const output = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide/app")
import checker
from checker.model import Rules
from case_format import mismatches
models = {edition: Rules.of(compiled) for edition, compiled in json.loads(rules_json).items()}
results = {}
for case in json.loads(cases_json):
    result = checker.evaluate(case["request"], models[case["edition"]])
    results[case["id"]] = {"result": result, "mismatches": mismatches(case, result)}
json.dumps({"python": sys.version, "results": results}, ensure_ascii=False)
`);
await writeFile(outPath, output);
console.log(`ran ${Object.keys(JSON.parse(output).results).length} cases in Pyodide in ${Date.now() - started} ms`);
