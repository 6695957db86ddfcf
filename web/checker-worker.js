// The checker's Python (the `checker` package, unchanged) running in Pyodide, off the
// page's main thread. Messages in and out are JSON strings, never proxies.
// Nothing here talks to any host but the site the page came from.

let evaluateJson = null;
let icsJson = null;

function post(message) {
  self.postMessage(message);
}

async function fetchOk(url, kind) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return kind === "text" ? response.text() : response.arrayBuffer();
}

// loadPyodide never settles when the .wasm cannot be fetched or compiled: Emscripten only
// warns. Turn that warning into a failure at once (the page's 60-second watchdog stays as
// the last resort for anything else that hangs).
const warn = console.warn.bind(console);
console.warn = (...args) => {
  warn(...args);
  if (String(args[0]).includes("wasm instantiation failed")) post({ type: "failed", detail: String(args[0]) });
};

async function start({ pyodide: base, package: packageUrl, rules: rulesUrl }) {
  post({ type: "progress", stage: "runtime" });
  // Fetch our own files while the runtime compiles: they are small, and it is not.
  const packageBytes = fetchOk(packageUrl, "bytes");
  const rulesText = fetchOk(rulesUrl, "text");
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({ indexURL: base });
  post({ type: "progress", stage: "package" });
  pyodide.unpackArchive(new Uint8Array(await packageBytes), "zip", { extractDir: "/home/pyodide/app" });
  pyodide.globals.set("rules_text", await rulesText);
  pyodide.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide/app")
import checker
from checker import ruleset
from checker.ics import calendar

checker.use_rules(rules_text)
del rules_text

def evaluate_json(text):
    try:
        request = json.loads(text)
    except ValueError:
        request = None
    return json.dumps(checker.evaluate(request), ensure_ascii=False)

def ics_json(text):
    return calendar(checker.evaluate(json.loads(text)), ruleset.current())
`);
  evaluateJson = pyodide.globals.get("evaluate_json");
  icsJson = pyodide.globals.get("ics_json");
  post({ type: "ready" });
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      await start(message);
    } else if (message.type === "evaluate") {
      post({ type: "result", id: message.id, result: evaluateJson(message.request) });
    } else if (message.type === "ics") {
      post({ type: "ics", id: message.id, text: icsJson(message.request) });
    }
  } catch (error) {
    post({ type: "failed", id: message.id, detail: String(error && error.message || error) });
  }
};
