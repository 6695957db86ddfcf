// Inlined by build.py at the top of the checker block (allowed by its hash in the page's
// CSP): starts the worker the moment the parser gets here, before the theme's own work.
// Downloading and compiling the runtime is the long pole; checker.js wires the form later
// and receives the messages kept here until then.
(function () {
  var app = document.getElementById("checker-app");
  var engine = { worker: null, failed: false, queue: [], handler: null };
  window.checkerEngine = engine;
  // Shared by the pages' scripts (checker.js, roster.js): run main(app, engine) once the
  // page is parsed, ask the worker and get its answer, fill a page's {name} template,
  // and offer text as a file to save.
  engine.whenParsed = function (main) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { main(app, engine); });
    else main(app, engine);
  };
  var waiting = new Map(), sequence = 0;
  engine.ask = function (message, transfer) {
    var id = ++sequence;
    return new Promise(function (done) {
      waiting.set(id, done);
      engine.worker.postMessage(Object.assign({}, message, { id: id }), transfer || []);
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
  if (!app || typeof WebAssembly !== "object" || typeof Worker !== "function") { engine.failed = true; return; }
  function url(name) { return new URL(app.dataset[name], location.href).href; }
  // An answer goes to the ask() that waits for it; anything else to the page's handler
  // (kept in the queue until the page's script has set one).
  function deliver(event) {
    var answer = event.data && waiting.get(event.data.id);
    if (answer) { waiting.delete(event.data.id); answer(event.data); }
    else if (engine.handler) engine.handler(event);
    else engine.queue.push(event);
  }
  try {
    engine.worker = new Worker(url("worker"), { type: "module" });
  } catch (error) {
    engine.failed = true;
    return;
  }
  engine.worker.onmessage = deliver;
  engine.worker.onerror = function (event) { deliver({ data: { type: "failed", detail: String(event.message || "") } }); };
  performance.mark("checker-worker-start");
  engine.worker.postMessage({ type: "start", pyodide: url("pyodide"), stdlib: url("stdlib"), package: url("package"), rules: url("rules"),
                              lock: app.dataset.lock,
                              extra: app.dataset.extraPackage ? url("extraPackage") : undefined });
})();
