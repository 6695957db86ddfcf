// Run the YAML cases, their calendars and rosters inside real Pyodide under Node, from the
// pinned npm package, and say which standard-library files Python read to do it.
// usage: node run_cases.mjs PACKAGE.zip RULES.json CASES.json OUT.json [--stdlib ZIP] [--roster CSV]...
// RULES.json maps each edition the cases name to its compiled rules.
// The package zip is the very artifact the site serves; so is --stdlib, the trimmed standard
// library (without it, the runtime's stock python_stdlib.zip: how sitegen/record_stdlib.py
// finds what to keep). The comparison of each result with its case is tests/helpers/case_format.py,
// shipped inside the package zip for this run.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const args = process.argv.slice(2);
const [zipPath, rulesPath, casesPath, outPath] = args;
const option = (name) => args.flatMap((arg, i) => (arg === name ? [args[i + 1]] : []));
const [stdLibURL] = option("--stdlib");
const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve("pyodide/package.json", { paths: [process.cwd()] }));
const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));

const started = Date.now();
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, stdLibURL });
// The standard-library files Python read, however it came to need them (Pyodide's start-up,
// the checker, a codec, a traceback): on the stock library, what the trimmed one must hold.
pyodide.runPython(`
import sys
library = next(entry for entry in sys.path if entry.endswith(".zip"))

def stdlib_read():
    # Modules frozen into the interpreter (os, codecs…) carry a __file__ in the zip but
    # were never read from it.
    return sorted({module.__file__[len(library) + 1:] for module in list(sys.modules.values())
                   if (getattr(module, "__file__", None) or "").startswith(library + "/")
                   and getattr(module.__spec__, "origin", None) != "frozen"})
`);
pyodide.unpackArchive(new Uint8Array(await readFile(zipPath)), "zip", { extractDir: "/home/pyodide/app" });
const rosters = option("--roster");
for (const [index, file] of rosters.entries()) pyodide.FS.writeFile(`/tmp/roster-${index}.csv`, await readFile(file));
pyodide.globals.set("rules_json", await readFile(rulesPath, "utf8"));
pyodide.globals.set("cases_json", await readFile(casesPath, "utf8"));
pyodide.globals.set("roster_count", rosters.length);
const output = pyodide.runPython(`
import datetime as dt
import json
sys.path.insert(0, "/home/pyodide/app")
import checker
from checker.interfaces.ics import calendar
from checker.rules.model import Rules
from checker.roster.notices import Letters
from checker.roster.check import Roster
from case_format import mismatches
models = {edition: Rules.of(compiled) for edition, compiled in json.loads(rules_json).items()}
stamp = dt.datetime(2026, 11, 21, tzinfo=dt.timezone.utc)
results = {}
for case in json.loads(cases_json):
    rules = models[case["edition"]]
    result = checker.evaluate(case["request"], rules)
    results[case["id"]] = {"result": result, "mismatches": mismatches(case, result),
                           "ics": calendar(result, rules, now=stamp) if result["ok"] else None}
kyoto = models["kyoto"]
calendar(checker.evaluate({"certification": "sports", "procedure": "new"}, kyoto), kyoto)  # today, the clock
roster, letters = Roster(kyoto), Letters(kyoto)
checked_rosters = []
for index in range(roster_count):
    with open(f"/tmp/roster-{index}.csv", "rb") as handle:
        data = handle.read()
    checked = roster.check(data, "2026-11-21")
    members = letters.members(data, Letters.due(checked["rows"], checked["as_of"]), checked["as_of"])
    checked_rosters.append({"checked": checked, "csv": roster.to_csv(checked["rows"], checked["as_of"], source=data),
                            "letters": letters.document(members, checked["as_of"])})
json.dumps({"python": sys.version, "results": results, "rosters": checked_rosters}, ensure_ascii=False)
`);
// A Python error as the page would meet one: its traceback is formatted by modules that
// nothing above needs (traceback, linecache…), so they are recorded too.
let errorShown = "";
try {
  pyodide.runPython("1 / 0");
} catch (error) {
  errorShown = String(error);
}
const result = { ...JSON.parse(output), error_shown: errorShown,
                 stdlib_read: JSON.parse(pyodide.runPython("json.dumps(stdlib_read())")) };
await writeFile(outPath, JSON.stringify(result));
console.log(`ran ${Object.keys(result.results).length} cases and ${rosters.length} rosters in Pyodide in ${Date.now() - started} ms`);
