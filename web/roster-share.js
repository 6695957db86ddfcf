// A large roster is checked in shares of rows by two workers at once: the page's own
// (window.checkerEngine, which keeps the rows for the CSV and the letters) and a helper,
// a second copy of the same worker. Each row is checked by exactly the same Python either
// way (checker/interfaces/browser_api.py roster_open, roster_rows, roster_finish); the
// helper's shares come back as whole rows and the page's worker puts them in order with
// its own. The file goes from this page to the two workers only.
//
// The helper is an extra, never a dependency. It is started only on a computer with two or
// more cores (not on a touch-first device such as a phone, nor where the browser says it has
// little memory: engine.helperWanted), once the page's worker is ready: started together,
// the two slowed each other's start-up, and a browser without a disk cache downloaded the
// runtime twice. It starts from the page's worker's memory snapshot when there is one
// (checker-worker.js), or from the one kept in the browser on a later visit. It
// helps only with files of SHARED_FROM rows or more. While it is not ready, or if it fails
// or stops answering, the page's worker checks the rows that are left.

const SHARE = 500;   // rows per share: at the end, neither worker waits long for the other
const SHARED_FROM = 4 * SHARE;   // a smaller file is checked sooner than the helper reads it
const PATIENCE_MS = 10000;   // a helper this much later than the page's worker is given up on
const EARLY_BYTES = 64 * 1024;   // a file this large likely has SHARED_FROM rows (about 60 bytes a row)

// The helper, started once the page's worker is ready; null where none is started.
export function startHelper(engine) {
  if (!engine.helperWanted()) return null;
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
  function start() {
    const snapshot = engine.state.helperSnapshot;   // handed over (transferred): the page keeps no copy
    engine.state.helperSnapshot = null;
    try {
      worker = new Worker(engine.startMessage().worker, { type: "module" });
    } catch {
      return helper.fail();
    }
    worker.onmessage = (event) => {
      const message = event.data || {};
      const answer = waiting.get(message.id);
      if (answer) {
        waiting.delete(message.id);
        answer(message);
      } else if (message.type === "ready") {
        helper.ready = true;
        performance.mark("roster-helper-ready", { detail: { fromSnapshot: Boolean(message.fromSnapshot) } });   // bench/, tests
        settle(true);
      } else if (message.type === "failed") {
        helper.fail();
      }
    };
    worker.onerror = helper.fail;
    worker.postMessage({ ...engine.startMessage(), helper: true, snapshot }, snapshot ? [snapshot.buffer] : []);
  }
  engine.ready.then(start, helper.fail);
  return helper;
}

// Checks the file's `bytes` as of `asOf` ("" for today in Japan) with the page's worker
// and, for a large file, the helper when it is there. The page's worker's answer to
// roster-finish (its `result`: the first `first` rows as the page reads them, and how many
// there are; roster-rest gives the others), with `shares`: how many rows each checked;
// null when the page's worker failed.
export async function checkShared(engine, helper, bytes, asOf, first) {
  // A helper that is ready reads a file that is likely large at the same time as the page's
  // worker (its own copy); otherwise it reads it once the page's worker has counted the rows.
  let helperOpening = null;
  if (helper && helper.ready && bytes.byteLength >= EARLY_BYTES) {
    const copy = bytes.slice(0);
    helperOpening = helper.ask({ type: "roster-open", bytes: copy, as_of: asOf }, [copy]);
  }
  const opened = await engine.ask({ type: "roster-open", bytes, as_of: asOf });   // a copy: `bytes` stays here
  if (opened.type !== "roster-open") return null;
  const { count, as_of: day } = JSON.parse(opened.text);
  const left = [], shares = [], counted = { page: 0, helper: 0 };
  for (let start = 0; start < count; start += SHARE) left.push([start, Math.min(count, start + SHARE)]);
  let ownDone = null, holding = null;   // holding: the range the helper is checking, if any
  const ownFinished = new Promise((done) => { ownDone = done; });

  async function own() {
    for (let range = left.shift(); range; range = left.shift()) {
      const answer = await engine.ask({ type: "roster-rows", start: range[0], end: range[1], keep: true });
      if (answer.type !== "roster-rows") return false;
      counted.page += range[1] - range[0];
    }
    return true;
  }
  // The helper reads the file too; it helps only where it read the same rows for the same
  // day (today is asked of each: the two could straddle midnight). Whatever it opened, it
  // lets go of at the end.
  async function helped() {
    if (!helper || helper.failed) return;
    let reading = helperOpening;
    if (count >= SHARED_FROM && (helper.ready || await Promise.race([helper.whenReady, ownFinished])) && left.length) {
      reading = reading || helper.ask({ type: "roster-open", bytes, as_of: day }, [bytes]);
      const answer = await reading;
      const theirs = answer.type === "roster-open" ? JSON.parse(answer.text) : null;
      if (theirs && theirs.count === count && theirs.as_of === day) await helperShares();
    }
    if (reading) helper.ask({ type: "roster-close" });   // its copy of the file and rows are let go
  }
  async function helperShares() {
    for (holding = left.shift(); holding; holding = left.shift()) {
      const share = await helper.ask({ type: "roster-rows", start: holding[0], end: holding[1], keep: false });
      if (share.type !== "roster-rows") {   // the page's worker checks it
        left.push(holding);
        break;
      }
      shares.push(share.share.buffer);
      counted.helper += holding[1] - holding[0];
    }
    holding = null;
  }

  const helping = helped();
  const ownOk = await own();
  ownDone(false);
  if (!ownOk) return null;
  if (holding) {   // the helper's last share: waited for, within PATIENCE_MS
    let timer = null;
    const late = new Promise((done) => { timer = setTimeout(done, PATIENCE_MS, "late"); });
    if (await Promise.race([helping, late]) === "late") helper.fail();   // its share goes back to `left`
    clearTimeout(timer);
    await helping;
    if (left.length && !(await own())) return null;
  }
  const finished = await engine.ask({ type: "roster-finish", shares, first }, shares);
  if (finished.type !== "roster") return null;
  return { ...finished, shares: counted };
}
