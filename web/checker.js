// The checker page: reads the form into a request, has the worker evaluate it, shows the
// result. Words come from the page (templates/_checker_app.html.j2); the policy and the
// dates' wording come from the Python checker. What is typed never leaves the browser.
//
// The worker was started by checker-boot.js, inlined at the top of the checker block so
// that it runs the moment the parser reaches it; this module wires the form to it.
import { checkerForm } from "./checker-form.js";
import { checkerResult } from "./checker-result.js";
import { readLink, sayLinkProblem } from "./share-link.js";
import { startupStatus } from "./status.js";

if (window.checkerEngine) window.checkerEngine.whenParsed(main);

function main(app, engine) {
  const data = JSON.parse(document.getElementById("checker-data").textContent);
  const byId = (id) => document.getElementById(id);
  const form = checkerForm(app, data, engine);
  const answer = checkerResult(app, engine, form);
  let pending = null, lastRequest = null;
  const status = startupStatus(app, engine, { onReady, control: byId("checker-submit") });

  function onReady() {
    if (!engine.state.fromSnapshot && engine.state.snapshots) setTimeout(makeSnapshot, 1000);
    if (pending) evaluate(pending);
  }

  // A started runtime kept in this browser makes the next visit start in a fraction of the
  // time. It is made by a second worker while the physician reads, and only where the
  // browser can store it; nothing leaves the browser.
  function makeSnapshot() {
    const resolve = (name) => new URL(app.dataset[name], location.href).href;
    const saveData = navigator.connection && navigator.connection.saveData;
    if (saveData || !window.caches || !(navigator.deviceMemory === undefined || navigator.deviceMemory >= 2)) return;
    const helper = new Worker(resolve("worker"), { type: "module" });
    helper.onmessage = (event) => {
      if (event.data.type !== "snapshot") return;
      if (event.data.saved) performance.mark("checker-snapshot-saved");
      helper.terminate();
    };
    helper.onerror = () => helper.terminate();
    helper.postMessage({ type: "snapshot", pyodide: resolve("pyodide"), stdlib: resolve("stdlib"), package: resolve("package"), lock: app.dataset.lock });
  }

  // `asked`: the rows and totals in the order of the request's lists (errors and notes
  // go beside them).
  async function evaluate(asking) {
    pending = asking;
    if (!engine.state.ready) { status.waiting(true); return; }
    status.say("working");
    const reply = await engine.ask({ type: "evaluate", request: JSON.stringify(asking.request) }).catch(() => null);
    if (pending !== asking) return;   // a newer request was made meanwhile
    pending = null;
    status.waiting(false);
    status.say("ready");
    if (!reply || reply.type !== "result") { engine.fail(); return; }
    const result = JSON.parse(reply.result);
    if (!result.ok) { answer.showErrors(result.errors, asking); return; }
    lastRequest = asking.request;
    history.replaceState(null, "", `#q=${encodeURIComponent(JSON.stringify(asking.request))}`);
    answer.showResult(result, asking);
  }

  form.form.addEventListener("submit", (event) => {
    event.preventDefault();
    byId("link-problem").hidden = true;
    const read = form.read();
    if (read.problems.length) { pending = null; status.waiting(false); answer.showErrors(read.problems, read); return; }
    evaluate(read);
  });
  byId("print-result").addEventListener("click", () => window.print());
  byId("download-ics").addEventListener("click", async () => {
    if (!lastRequest) return;
    const reply = await engine.ask({ type: "ics", request: JSON.stringify(lastRequest) }).catch(() => null);
    if (reply && reply.type === "ics") engine.download(reply.text, "text/calendar;charset=utf-8", byId("download-ics").dataset.filename);
  });
  byId("copy-link").addEventListener("click", async () => {
    const button = byId("copy-link");
    const field = byId("share-link");
    field.value = location.href;
    try {
      await navigator.clipboard.writeText(location.href);
      byId("share-status").textContent = button.dataset.done;
    } catch (error) {
      byId("share-status").textContent = button.dataset.manual;
    }
    field.hidden = false;
    field.select();
  });

  // A shared link fills the form and shows the result at once; a link that cannot be
  // read, or one with more rows than the checker takes, says so and shows no result.
  const link = readLink(location.hash);
  if (link && link.problem) {
    sayLinkProblem(byId("link-problem"), engine.fill, link.problem);
  } else if (link) {
    const credits = Array.isArray(link.request.credits) ? link.request.credits.length : 0;
    const asked = form.fillFrom(link.request, data.max_credit_rows);
    if (credits > data.max_credit_rows) {
      sayLinkProblem(byId("link-problem"), engine.fill, "too_many", { count: credits, max: data.max_credit_rows });
    } else {
      evaluate({ request: link.request, ...asked });
    }
  }
}
