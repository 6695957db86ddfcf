// A large roster is checked in shares of rows by two workers at once: the page's own
// (window.checkerEngine, which keeps the rows for the CSV and the letters) and a helper,
// a second copy of the same worker started beside it. Each row is checked by exactly the
// same Python either way (checker/interfaces/browser_api.py roster_open, roster_rows,
// roster_finish); the helper's shares come back as whole rows and the page's worker puts
// them in order with its own. The file goes from this page to the two workers only.
//
// The helper is an extra, never a dependency: on a machine with one core or little memory
// it is not started; while it is not ready, or if it fails or stops answering, the page's
// worker checks the rows that are left.

const SHARE = 500;   // rows per share: at the end, neither worker waits long for the other
const PATIENCE_MS = 10000;   // a helper this much later than the page's worker is given up on

// Starts the helper at once, beside the page's worker, so that both are ready about together
// (the browser's cache has one download feed both: HttpCache::Writers). Returns null where
// none is started.
export function startHelper(engine) {
  const cores = navigator.hardwareConcurrency || 1;
  if (cores < 2 || (navigator.deviceMemory && navigator.deviceMemory < 4) || typeof Worker !== "function") return null;
  const waiting = new Map();
  let worker = null, sequence = 0, settle = null;
  const helper = { ready: false, failed: false };
  helper.whenReady = new Promise((done) => { settle = done; });
  helper.fail = () => {
    if (helper.failed) return;
    helper.failed = true;
    helper.ready = false;
    settle(false);
    waiting.forEach((done) => done({ type: "failed" }));
    waiting.clear();
    if (worker) worker.terminate();
  };
  helper.ask = (message, transfer) => {
    if (helper.failed || !worker) return Promise.resolve({ type: "failed" });
    const id = ++sequence;
    return new Promise((done) => {
      waiting.set(id, done);
      worker.postMessage({ ...message, id }, transfer || []);
    });
  };
  try {
    worker = new Worker(engine.startMessage().worker, { type: "module" });
  } catch {
    helper.fail();
    return null;
  }
  worker.onmessage = (event) => {
    const message = event.data || {};
    const answer = waiting.get(message.id);
    if (answer) {
      waiting.delete(message.id);
      answer(message);
    } else if (message.type === "ready") {
      helper.ready = true;
      performance.mark("roster-helper-ready");
      settle(true);
    } else if (message.type === "failed") {
      helper.fail();
    }
  };
  worker.onerror = helper.fail;
  worker.postMessage(engine.startMessage());
  return helper;
}

// Checks the file's `bytes` as of `asOf` ("" for today in Japan) with the page's worker
// and, when it is there, the helper. The page's worker's answer to roster-finish (its
// `result`: the rows as the page reads them), with `shares`: how many rows each checked;
// null when the page's worker failed.
export async function checkShared(engine, helper, bytes, asOf) {
  const copy = helper && !helper.failed ? bytes.slice(0) : null;
  const opening = engine.ask({ type: "roster-open", bytes, as_of: asOf }, [bytes])
    .then((answer) => (answer.type === "roster-open" ? JSON.parse(answer.text) : null));
  const left = [], shares = [], counted = { page: 0, helper: 0 };
  let ownDone = null;
  const ownFinished = new Promise((done) => { ownDone = done; });

  async function own() {
    for (let range = left.shift(); range; range = left.shift()) {
      const answer = await engine.ask({ type: "roster-rows", start: range[0], end: range[1], keep: true });
      if (answer.type !== "roster-rows") return false;
      counted.page += range[1] - range[0];
    }
    return true;
  }
  // The helper reads the file while the page's worker does; it helps only where it read the
  // same rows for the same day (today is asked of each: they could straddle midnight).
  async function helped() {
    if (!copy) return;
    if (!helper.ready && !(await Promise.race([helper.whenReady, ownFinished]))) return;
    const answer = await helper.ask({ type: "roster-open", bytes: copy, as_of: asOf }, [copy]);
    const mine = await opening;
    if (answer.type !== "roster-open" || !mine) return;
    const theirs = JSON.parse(answer.text);
    if (theirs.count !== mine.count || theirs.as_of !== mine.as_of) return;
    for (let range = left.shift(); range; range = left.shift()) {
      const share = await helper.ask({ type: "roster-rows", start: range[0], end: range[1], keep: false });
      if (share.type !== "roster-rows") {   // the page's worker checks it
        left.push(range);
        return;
      }
      shares.push(share.share.buffer);
      counted.helper += range[1] - range[0];
    }
  }

  const helping = helped();
  const opened = await opening;
  if (!opened) return null;
  for (let start = 0; start < opened.count; start += SHARE) left.push([start, Math.min(opened.count, start + SHARE)]);
  const ownOk = await own();
  ownDone(false);
  if (!ownOk) {
    if (helper) helper.fail();
    return null;
  }
  let timer = null;
  const late = new Promise((done) => { timer = setTimeout(done, PATIENCE_MS, "late"); });
  if (await Promise.race([helping, late]) === "late") helper.fail();   // its share goes back to `left`
  clearTimeout(timer);
  await helping;
  if (left.length && !(await own())) return null;
  const finished = await engine.ask({ type: "roster-finish", shares }, shares);
  if (finished.type !== "roster") return null;
  return { ...finished, shares: counted };
}
