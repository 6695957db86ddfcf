// The checker's Python (the `checker` package, unchanged) running in Pyodide, off the
// page's main thread. Messages in and out are JSON strings, never proxies.
// Nothing here talks to any host but the site the page came from.
//
// Start-up: Pyodide's own start (Python's initialisation) is most of the wait. After the
// first visit, a memory snapshot of a started runtime with the checker imported is kept
// in the browser's Cache Storage (made in the background by a second copy of this
// worker, never sent anywhere); later visits restore it instead of starting Python anew.

const SNAPSHOT_CACHE = "ninteii-checker-snapshots";
let evaluateJson = null;
let icsJson = null;
let rosterJson = null;
let rosterCsv = null;
let fileSystem = null;

function post(message, transfer) {
  self.postMessage(message, transfer || []);
}

// loadPyodide never settles when the .wasm cannot be fetched or compiled: Emscripten only
// warns. Turn that warning into a failure at once (the page's 60-second watchdog stays as
// the last resort for anything else that hangs).
const warn = console.warn.bind(console);
console.warn = (...args) => {
  warn(...args);
  if (String(args[0]).includes("wasm instantiation failed")) post({ type: "failed", detail: String(args[0]) });
};

async function fetchOk(url, kind) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return kind === "text" ? response.text() : response.arrayBuffer();
}

// The snapshot depends on the runtime, its standard library and our package, all named by content.
const snapshotKey = (base, stdlib, packageUrl) =>
  `${packageUrl}?snapshot-of=${encodeURIComponent(base)}&stdlib=${encodeURIComponent(stdlib)}`;

async function readSnapshot(key) {
  if (!self.caches || typeof DecompressionStream !== "function") return null;
  try {
    const response = await (await caches.open(SNAPSHOT_CACHE)).match(key);
    if (!response) return null;
    const plain = response.body.pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(plain).arrayBuffer());
  } catch (error) {
    return null;
  }
}

const SETUP = `
import json, sys
if "/home/pyodide/app" not in sys.path:
    sys.path.insert(0, "/home/pyodide/app")
import checker
from checker import ruleset
from checker.ics import calendar
`;

// stdlib: the trimmed, compiled standard library the page names (sitegen/stdlib.py).
async function loadRuntime(base, stdlib, lock, extra) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  return loadPyodide({ indexURL: base, stdLibURL: stdlib, lockFileContents: lock, ...extra });
}

async function start({ pyodide: base, stdlib, package: packageUrl, rules: rulesUrl, lock, extra }) {
  post({ type: "progress", stage: "runtime" });
  // Fetch our own files while the runtime compiles: they are small, and it is not.
  const packageBytes = fetchOk(packageUrl, "bytes");
  const rulesText = fetchOk(rulesUrl, "text");
  const extraBytes = extra ? fetchOk(extra, "bytes") : null;   // the roster page's own module
  const key = snapshotKey(base, stdlib, packageUrl);
  const snapshot = await readSnapshot(key);
  let pyodide = null;
  if (snapshot) {
    try {
      pyodide = await loadRuntime(base, stdlib, lock, { _loadSnapshot: snapshot });
      post({ type: "progress", stage: "snapshot" });
    } catch (error) {
      await caches.delete(SNAPSHOT_CACHE).catch(() => null);   // a stale or broken one: start afresh
      pyodide = null;
    }
  }
  if (!pyodide) pyodide = await loadRuntime(base, stdlib, lock, {});
  post({ type: "progress", stage: "package" });
  pyodide.unpackArchive(new Uint8Array(await packageBytes), "zip", { extractDir: "/home/pyodide/app" });
  if (extraBytes) pyodide.unpackArchive(new Uint8Array(await extraBytes), "zip", { extractDir: "/home/pyodide/app" });
  pyodide.runPython(SETUP);
  pyodide.globals.set("rules_text", await rulesText);
  pyodide.runPython(`
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

last_roster = []

def roster_json(path, out_path):
    # The result goes to a file as UTF-8 JSON and on to the page as bytes:
    # a Python string of megabytes is slow to cross to JS.
    from checker.roster import Roster   # only on the roster page, which unpacks it
    global last_roster
    with open(path, "rb") as handle:
        checked = Roster(ruleset.current()).check(handle.read())
    last_roster = checked["rows"]
    with open(out_path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(checked, ensure_ascii=False))   # dumps: json.dump encodes in Python

def roster_csv(indices_json):
    from checker.roster import Roster
    return Roster(ruleset.current()).to_csv([last_roster[i] for i in json.loads(indices_json)])
`);
  evaluateJson = pyodide.globals.get("evaluate_json");
  icsJson = pyodide.globals.get("ics_json");
  rosterJson = pyodide.globals.get("roster_json");
  rosterCsv = pyodide.globals.get("roster_csv");
  fileSystem = pyodide.FS;
  post({ type: "ready", fromSnapshot: Boolean(snapshot && pyodide) });
}

// Run in a second, short-lived copy of this worker once the checker is ready.
async function makeSnapshot({ pyodide: base, stdlib, package: packageUrl, lock }) {
  if (!self.caches || typeof CompressionStream !== "function") return post({ type: "snapshot", saved: false });
  const key = snapshotKey(base, stdlib, packageUrl);
  const cache = await caches.open(SNAPSHOT_CACHE);
  if (await cache.match(key)) return post({ type: "snapshot", saved: true });
  const pyodide = await loadRuntime(base, stdlib, lock, { _makeSnapshot: true });
  pyodide.unpackArchive(new Uint8Array(await fetchOk(packageUrl, "bytes")), "zip", { extractDir: "/home/pyodide/app" });
  pyodide.runPython(SETUP);
  const packed = new Blob([pyodide.makeMemorySnapshot()]).stream().pipeThrough(new CompressionStream("gzip"));
  for (const old of await cache.keys()) await cache.delete(old);   // keep only the current one
  await cache.put(key, new Response(packed, { headers: { "Content-Type": "application/octet-stream" } }));
  post({ type: "snapshot", saved: true });
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      await start(message);
    } else if (message.type === "snapshot") {
      await makeSnapshot(message);
    } else if (message.type === "evaluate") {
      post({ type: "result", id: message.id, result: evaluateJson(message.request) });
    } else if (message.type === "ics") {
      post({ type: "ics", id: message.id, text: icsJson(message.request) });
    } else if (message.type === "roster") {
      // The file stays in this worker's memory file system; it is never sent anywhere.
      fileSystem.writeFile("/tmp/roster.csv", new Uint8Array(message.bytes));
      const started = performance.now();
      rosterJson("/tmp/roster.csv", "/tmp/roster-result.json");
      const result = fileSystem.readFile("/tmp/roster-result.json");
      post({ type: "roster", id: message.id, result, ms: performance.now() - started }, [result.buffer]);
    } else if (message.type === "roster-csv") {
      post({ type: "roster-csv", id: message.id, text: rosterCsv(JSON.stringify(message.indices)) });
    }
  } catch (error) {
    post({ type: message.type === "snapshot" ? "snapshot" : "failed", id: message.id, saved: false,
           detail: String(error && error.message || error) });
  }
};
