// A started runtime kept in this browser makes the next visit start in a fraction of the
// time (pyodide-snapshot.js; both the checker and the roster page start from it). It is
// made once, by a short-lived second worker that the page starts a little after its own
// work (checker.js, roster.js), and only where the browser can store it. That worker loads
// only the checker, never what was typed or chosen; nothing leaves the browser.

// Starts that worker, unless this page's own worker came from a kept snapshot or cannot use one.
export function makeSnapshot(engine) {
  if (engine.state.fromSnapshot || !engine.state.snapshots) return;
  const { worker, pyodide, stdlib, package: packageUrl, lock } = engine.startMessage();   // the page worker's files
  const saveData = navigator.connection && navigator.connection.saveData;
  if (saveData || !window.caches || !(navigator.deviceMemory === undefined || navigator.deviceMemory >= 2)) return;
  performance.mark("checker-snapshot-started");   // read by the tests, harmless elsewhere
  const maker = new Worker(worker, { type: "module" });
  maker.onmessage = (event) => {
    if (event.data.type !== "snapshot") return;
    if (event.data.saved) performance.mark("checker-snapshot-saved");   // read by the tests, harmless elsewhere
    maker.terminate();
  };
  maker.onerror = () => maker.terminate();
  maker.postMessage({ type: "snapshot", pyodide, stdlib, package: packageUrl, lock });
}
