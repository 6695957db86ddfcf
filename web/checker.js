// The checker page: reads the form into a request, has the worker evaluate it, shows the
// result. Words come from the page (templates/_checker_app.html.j2); the policy and the
// dates' wording come from the Python checker. What is typed never leaves the browser.
//
// The worker was started by checker-boot.js, inlined at the top of the checker block so
// that it runs the moment the parser reaches it; this module wires the form to it.
import { checkerForm } from "./checker-form.js";
import { checkerResult } from "./checker-result.js";
import { readLink, sayLinkProblem } from "./share-link.js";
import { makeSnapshot } from "./snapshot-maker.js";
import { startupStatus } from "./status.js";

if (window.checkerEngine) window.checkerEngine.whenParsed(main);

// Errors as the form lists its fields: top to bottom, a row's date before its 区分 and units.
const FIELD_ORDER = ["", "certification", "procedure", "expires_on", "mypage_registered_on", "credits", "credit_totals",
                     "activity", "as_of"];
const PART_ORDER = ["", "earned_on", "category", "source", "units"];
function inFormOrder(errors) {
  const rank = (field) => {
    const [, name = "", row = "-1", part = ""] = /^(\w*)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field) || [];
    return [FIELD_ORDER.indexOf(name), Number(row), PART_ORDER.indexOf(part)];
  };
  return errors.map((error, index) => ({ error, index, rank: rank(error.field) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2] || a.index - b.index)
    .map((entry) => entry.error);
}

function main(app, engine) {
  const data = JSON.parse(document.getElementById("checker-data").textContent);
  const byId = (id) => document.getElementById(id);
  const form = checkerForm(app, data, engine);
  const answer = checkerResult(app, engine, form);
  let pending = null, lastRequest = null;
  const status = startupStatus(app, engine, { onReady, control: byId("checker-submit") });

  function onReady() {
    setTimeout(() => makeSnapshot(engine), 1000);   // while the physician reads or types
    if (pending) evaluate(pending);
  }

  // `asking`: what form.read() or a share link gives, {request, rows, totals}: the request,
  // and the form's rows and totals in the order of its lists (errors and notes go beside them).
  async function evaluate(asking) {
    pending = asking;
    if (!engine.state.ready) { status.waiting(true); return; }
    status.say("working");
    const reply = await engine.ask({ type: "evaluate", request: JSON.stringify(asking.request) }).catch(() => null);
    if (pending !== asking) return;   // a newer request was made meanwhile
    pending = null;
    status.waiting(false);
    if (!reply || reply.type !== "result") { engine.fail(); return; }
    status.clear();   // the answer (or the errors) now speaks; no 「準備完了」 under it
    const result = JSON.parse(reply.result);
    if (!result.ok) { answer.showErrors(result.errors, asking); return; }
    lastRequest = asking.request;
    history.replaceState(null, "", `#q=${encodeURIComponent(JSON.stringify(asking.request))}`);
    answer.showResult(result, asking);
  }

  // Problems the page finds itself (a 区分 not chosen, a date only a person can read) are
  // shown with those Python finds in the rest of the form, all at once, in the form's order;
  // before the runtime is ready, the page's own at once.
  let submits = 0;
  form.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    byId("link-problem").hidden = true;
    const read = form.read();
    if (!read.problems.length) { evaluate(read); return; }
    const submit = ++submits;
    pending = null;
    status.waiting(false);
    let errors = read.problems;
    if (engine.state.ready) {
      const reply = await engine.ask({ type: "evaluate", request: JSON.stringify(read.request) }).catch(() => null);
      if (submit !== submits) return;   // pressed again meanwhile
      const result = reply && reply.type === "result" ? JSON.parse(reply.result) : null;
      const seen = new Set(errors.map((error) => error.field));
      if (result && !result.ok) errors = inFormOrder(errors.concat(result.errors.filter((error) => !seen.has(error.field))));
      status.clear();
    }
    answer.showErrors(errors, read);
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
  // While the runtime loads, the banner at the top (shown by checker-boot.js from the first
  // paint) says that the link's result is on its way; it has focus until the result takes it.
  const link = readLink(location.hash);
  if (link && link.problem) {
    status.waiting(false);
    sayLinkProblem(byId("link-problem"), engine.fill, link.problem);
  } else if (link) {
    const credits = Array.isArray(link.request.credits) ? link.request.credits.length : 0;
    const asked = form.fillFrom(link.request, data.max_credit_rows);
    if (credits > data.max_credit_rows) {
      status.waiting(false);
      sayLinkProblem(byId("link-problem"), engine.fill, "too_many", { count: credits, max: data.max_credit_rows });
    } else {
      evaluate({ request: link.request, ...asked });
      const banner = byId("checker-waiting");
      if (!banner.hidden && (document.activeElement === document.body || !document.activeElement)) {
        banner.focus({ preventScroll: true });
      }
    }
  }
}
