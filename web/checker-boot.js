// Inlined by the build at the top of the checker and roster blocks (allowed by its hash in
// the page's CSP): starts the worker the moment the parser gets here, before the theme's
// own work. Downloading and compiling the runtime is the long pole.
//
// window.checkerEngine is what the pages' modules use:
//   ready          one promise: resolves when the checker can answer, rejects on failure
//                  (a new one after start() — the 「もう一度試す」 button)
//   ask(message)   waits for ready, then the worker's answer to this message
//   state          stage, bytes of the runtime received, time of the last sign of life
//   listen(fn)     fn() after every change of state
//   fail()         give up (the watchdog in status.js calls it when nothing arrives)
//   startMessage() the worker's URL and its start message (the roster page starts a helper)
//   helperWanted() whether this computer gets that helper
//   progress()     {percent, received, total} of the runtime's download (MB, one decimal)
//   waitingSay()   the banner at the top of the checker (#checker-waiting) in the words of
//                  its `kind` (a shared link, or 確認する pressed early) with the progress
//
// A shared link (#q=…) says so at the top from the first paint, with the progress: the
// page's modules may arrive seconds later on a slow line, behind the runtime.
(function () {
  var app = document.getElementById("checker-app");
  var MB = 1024 * 1024;
  var engine = { worker: null, state: {}, listeners: [] };
  window.checkerEngine = engine;
  var waiting = new Map(), sequence = 0, settle = null;
  function url(name) { return new URL(app.dataset[name], location.href).href; }
  function changed() { engine.listeners.forEach(function (listener) { listener(engine.state); }); }
  engine.listen = function (listener) { engine.listeners.push(listener); listener(engine.state); };
  engine.whenParsed = function (main) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { main(app, engine); });
    else main(app, engine);
  };
  engine.ask = function (message, transfer) {
    return engine.ready.then(function () {
      var id = ++sequence;
      return new Promise(function (done) {
        waiting.set(id, done);
        engine.worker.postMessage(Object.assign({}, message, { id: id }), transfer || []);
      });
    });
  };
  engine.fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  };
  engine.download = function (text, type, filename) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  };
  engine.progress = function () {
    var total = Number(app && app.dataset.runtimeBytes) || 0;
    var received = Math.min(engine.state.received || 0, total);
    return { percent: total ? Math.floor((received / total) * 100) : 0, done: total > 0 && received >= total,
             received: (received / MB).toFixed(1), total: (total / MB).toFixed(1) };
  };
  var banner = document.getElementById("checker-waiting");
  engine.waiting = null;   // "link" | "waiting" | null: what the banner says, if shown
  engine.waitingSay = function () {
    if (!banner) return;
    var kind = engine.waiting, state = engine.state;
    banner.hidden = !kind || state.ready || state.failed;
    if (banner.hidden) return;
    var now = engine.progress();
    banner.querySelector(".checker-waiting-text").textContent =
      engine.fill(banner.dataset[now.done ? kind + "Starting" : kind], now);
    banner.querySelector("progress").value = now.done ? 100 : now.percent;
  };
  engine.fail = function () {
    waiting.forEach(function (done) { done({ type: "failed" }); });   // no question is left hanging
    waiting.clear();
    if (engine.state.failed) return;
    if (engine.state.ready) {   // broken after it was ready: later questions fail at once
      engine.ready = Promise.reject(new Error("checker failed"));
      engine.ready.catch(function () {});
    }
    engine.state.failed = true;
    engine.state.ready = false;
    if (engine.worker) engine.worker.terminate();
    settle(false);
    changed();
  };
  // An answer goes to the ask() that waits for it; anything else changes the state.
  function deliver(event) {
    var message = event.data || {};
    var answer = waiting.get(message.id);
    if (answer) { waiting.delete(message.id); answer(message); return; }
    var state = engine.state;
    if (state.failed || event.target !== engine.worker) return;   // a worker given up on
    state.lastActivity = Date.now();
    if (message.type === "progress") {
      state.stage = message.stage;
      if (message.received != null) state.received = message.received;
      performance.mark("checker-" + message.stage);
    } else if (message.type === "ready") {
      state.ready = true;
      state.fromSnapshot = message.fromSnapshot;
      state.snapshots = message.snapshots;
      state.helperSnapshot = message.helperSnapshot || null;   // the roster page's helper starts from it, once
      // read by bench/ and the tests (warmed: the roster page's made-up roster was checked), harmless elsewhere
      performance.mark("checker-ready", { detail: { warmed: Boolean(message.warmed) } });
      settle(true);
    } else if (message.type === "failed") {
      return engine.fail();
    }
    changed();
  }
  // Whether this computer gets a second worker (the roster page's helper, roster-share.js):
  // two or more cores, not a touch-first device such as a phone, and not little memory.
  engine.helperWanted = function () {
    var touch = typeof matchMedia === "function" && matchMedia("(pointer: coarse)").matches;
    return (navigator.hardwareConcurrency || 1) >= 2 && !touch && typeof Worker === "function"
      && !(navigator.deviceMemory && navigator.deviceMemory < 4);
  };
  // What the worker is started with (the roster page's helper, roster-share.js, too).
  engine.startMessage = function () {
    return { type: "start", worker: url("worker"), pyodide: url("pyodide"), stdlib: url("stdlib"), package: url("package"),
             rules: url("rules"), lock: app.dataset.lock, extra: app.dataset.extraPackage ? url("extraPackage") : undefined,
             helperSnapshot: Boolean(app.dataset.extraPackage) && !engine.retried && engine.helperWanted() };
  };
  engine.start = function () {
    engine.retried = Boolean(engine.worker);   // the helper is started once, from the first start's snapshot
    engine.state = { stage: "start", received: 0, lastActivity: Date.now(), ready: false, failed: false };
    engine.ready = new Promise(function (resolve, reject) {
      settle = function (ok) { if (ok) resolve(); else reject(new Error("checker failed")); };
    });
    engine.ready.catch(function () {});   // a page that waits sees it; no unhandled rejection
    if (!app || typeof WebAssembly !== "object" || typeof Worker !== "function") return engine.fail();
    try {
      engine.worker = new Worker(url("worker"), { type: "module" });
    } catch (error) {
      return engine.fail();
    }
    engine.worker.onmessage = deliver;
    engine.worker.onerror = function () { deliver({ target: this, data: { type: "failed" } }); };
    performance.mark("checker-worker-start");
    engine.worker.postMessage(engine.startMessage());
    changed();
  };
  if (/^#q=./.test(location.hash)) engine.waiting = "link";
  engine.listeners.push(engine.waitingSay);
  engine.start();
})();
