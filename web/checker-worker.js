// The checker's Python (the `checker` package, unchanged) running in Pyodide, off the
// page's main thread. This file only loads the runtime and calls checker/interfaces/browser_api.py
// (tested in CPython); messages in and out are JSON strings or bytes, never proxies.
// Nothing here talks to any host but the site the page came from.
//
// Start-up: Pyodide's own start (Python's initialisation) is most of the wait. After the
// first visit a memory snapshot of a started runtime with the checker imported is kept in
// the browser (pyodide-snapshot.js), made in the background by a second copy of this worker.
import { snapshotSupport, snapshotKey, readSnapshot, hasSnapshot, saveSnapshot, dropSnapshots } from "./pyodide-snapshot.js";

const APP = "/home/pyodide/app";
let session = null;
let fileSystem = null;

function post(message, transfer) {
  self.postMessage(message, transfer || []);
}

// loadPyodide never settles when the .wasm cannot be fetched or compiled: Emscripten only
// warns. Turn that warning into a failure at once.
const warn = console.warn.bind(console);
console.warn = (...args) => {
  warn(...args);
  if (String(args[0]).includes("wasm instantiation failed")) post({ type: "failed", detail: String(args[0]) });
};

// The page shows how much of the runtime has arrived, and declares failure only when
// nothing arrives for a while. Pyodide fetches its .wasm and standard library with
// fetch(); a copy of each response's body (clone) is read here only to count its bytes,
// while Pyodide streams the original as before.
function countDownloads() {
  const realFetch = self.fetch.bind(self);
  let received = 0, last = 0;
  const report = (force) => {
    const now = performance.now();
    if (force || now - last > 200) { last = now; post({ type: "progress", stage: "download", received }); }
  };
  self.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (!response.ok || !response.body) return response;
    const reader = response.clone().body.getReader();
    (async () => {
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        received += part.value.byteLength;
        report(false);
      }
      report(true);
    })().catch(() => null);
    return response;
  };
}

async function fetchOk(url, kind) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return kind === "text" ? response.text() : response.arrayBuffer();
}

// stdlib: the trimmed, compiled standard library the page names (sitegen/stdlib.py).
async function loadRuntime(base, stdlib, lock, options) {
  const runtime = await import(new URL("pyodide.mjs", base).href);
  const snapshots = snapshotSupport(runtime.version);
  const pyodide = await runtime.loadPyodide({ indexURL: base, stdLibURL: stdlib, lockFileContents: lock,
                                              ...(options(snapshots) || {}) });
  return { pyodide, snapshots };
}

// The package goes where Python finds it; browser_api imports the rest of the checker.
function importApi(pyodide, zip) {
  pyodide.unpackArchive(zip, "zip", { extractDir: APP });
  const path = pyodide.pyimport("sys").path;
  if (!path.toJs().includes(APP)) path.insert(0, APP);
  return pyodide.pyimport("checker.interfaces.browser_api");
}

// `helperSnapshot` (the roster page's own worker, where the page will start a helper): a
// memory snapshot of this runtime, taken once the checker is imported (no rules, nothing
// chosen or typed yet), goes to the page with "ready", and on to the helper as `snapshot`
// (roster-share.js), which starts from it instead of starting Python anew: the helper is
// ready in about half the time, and the start-up it skips no longer competes with the first
// rows of a file chosen at once. It stays in this browser's memory; nothing is stored.
async function start({ pyodide: base, stdlib, package: packageUrl, rules: rulesUrl, lock, extra, helper,
                       helperSnapshot, snapshot: given }) {
  post({ type: "progress", stage: "runtime" });
  // Fetch our own files while the runtime compiles: they are small, and it is not.
  const packageBytes = fetchOk(packageUrl, "bytes");
  const rulesText = fetchOk(rulesUrl, "text");
  const extraBytes = extra ? fetchOk(extra, "bytes") : null;   // the roster page's own module
  const key = snapshotKey(base, stdlib, packageUrl);
  const snapshot = given || await readSnapshot(key);
  // A browser with a snapshot has been here: the runtime comes from its cache in a moment,
  // and is left exactly as the browser streams and caches it (no copy of the body read).
  if (!snapshot) countDownloads();
  let loaded = null, restored = false;
  if (snapshot) {
    try {
      loaded = await loadRuntime(base, stdlib, lock, (snapshots) => snapshots && snapshots.restoreOptions(snapshot));
      restored = Boolean(loaded.snapshots);
      if (restored) post({ type: "progress", stage: "snapshot" });
    } catch (error) {
      if (!given) await dropSnapshots();   // a stale or broken kept one (a given one is not kept)
      loaded = null;
    }
  }
  const recording = Boolean(helperSnapshot && !helper && !restored);
  if (!loaded) loaded = await loadRuntime(base, stdlib, lock, (snapshots) => recording && snapshots && snapshots.recordOptions());
  const { pyodide } = loaded;
  post({ type: "progress", stage: "package" });
  const api = importApi(pyodide, new Uint8Array(await packageBytes));
  let forHelper = null;
  if (recording && loaded.snapshots) {
    try {
      forHelper = loaded.snapshots.take(pyodide);
    } catch (error) {
      forHelper = null;   // the helper starts Python anew, as without it
    }
  }
  if (extraBytes) pyodide.unpackArchive(new Uint8Array(await extraBytes), "zip", { extractDir: APP });
  session = api.Session(await rulesText);
  fileSystem = pyodide.FS;
  // The roster page: its checker made, and, in the page's own worker, a made-up roster
  // checked (checker/roster/warm_up.py), before ready: the browser then compiles the
  // roster's code for speed while nothing waits, not during the first rows of the file.
  let warmed = false;
  if (extraBytes) {
    session.roster_prepare();
    if (!helper) {
      try {
        session.roster_warm_up();
        warmed = true;
      } catch (error) {   // a Python exception only costs speed; a broken runtime fails here, at once
        if (!(error instanceof pyodide.ffi.PythonError)) throw error;
      }
    }
  }
  post({ type: "ready", fromSnapshot: restored, snapshots: Boolean(loaded.snapshots),
         warmed, helperSnapshot: forHelper }, forHelper ? [forHelper.buffer] : []);
}

// Run in a second, short-lived copy of this worker, started by the page once it has a
// moment (web/snapshot-maker.js).
async function makeSnapshot({ pyodide: base, stdlib, package: packageUrl, lock }) {
  const key = snapshotKey(base, stdlib, packageUrl);
  if (await hasSnapshot(key)) return post({ type: "snapshot", saved: true });
  const packageBytes = fetchOk(packageUrl, "bytes");
  const { pyodide, snapshots } = await loadRuntime(base, stdlib, lock, (support) => support && support.recordOptions());
  if (!snapshots || typeof CompressionStream !== "function") return post({ type: "snapshot", saved: false });
  importApi(pyodide, new Uint8Array(await packageBytes));
  await saveSnapshot(key, snapshots.take(pyodide));
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
      post({ type: "result", id: message.id, result: session.evaluate_json(message.request) });
    } else if (message.type === "ics") {
      post({ type: "ics", id: message.id, text: session.ics(message.request) });
    } else if (message.type === "roster-open") {
      // The file stays in this worker's memory file system; it is never sent anywhere.
      // A roster is checked a share of rows at a time, in this worker and perhaps in a
      // second one (roster-share.js): rows, then finish here, with the other's shares.
      fileSystem.writeFile("/tmp/roster.csv", new Uint8Array(message.bytes));
      post({ type: "roster-open", id: message.id, text: session.roster_open("/tmp/roster.csv", message.as_of || "") });
    } else if (message.type === "roster-rows") {
      const out = message.keep ? "" : "/tmp/roster-share.json";
      session.roster_rows(message.start, message.end, out);
      const share = message.keep ? null : fileSystem.readFile(out);
      post({ type: "roster-rows", id: message.id, share }, share ? [share.buffer] : []);
    } else if (message.type === "roster-close") {
      session.roster_close();
      post({ type: "roster-close", id: message.id });
    } else if (message.type === "roster-finish") {
      const paths = message.shares.map((share, index) => {
        const path = `/tmp/roster-share-${index}.json`;
        fileSystem.writeFile(path, new Uint8Array(share));
        return path;
      });
      session.roster_finish("/tmp/roster-result.json", JSON.stringify(paths), message.first || 0);
      paths.forEach((path) => fileSystem.unlink(path));
      const result = fileSystem.readFile("/tmp/roster-result.json");
      post({ type: "roster", id: message.id, result }, [result.buffer]);
    } else if (message.type === "roster-rest") {   // the rows after the first screen
      session.roster_rest("/tmp/roster-result.json", message.start);
      const result = fileSystem.readFile("/tmp/roster-result.json");
      post({ type: "roster-rest", id: message.id, result }, [result.buffer]);
    } else if (message.type === "roster-csv") {
      post({ type: "roster-csv", id: message.id, text: session.roster_csv(JSON.stringify(message.indices)) });
    } else if (message.type === "notices") {
      post({ type: "notices", id: message.id, text: session.notices(JSON.stringify(message.indices)) });
    }
  } catch (error) {
    post({ type: message.type === "snapshot" ? "snapshot" : "failed", id: message.id, saved: false,
           detail: String(error && error.message || error) });
  }
};
