// The roster page: hands the chosen file to the workers (it never leaves the browser),
// shows the rows it gets back, filters them, and downloads the shown ones as CSV.
// Words come from the page; the rows' wording comes from the Python checker.
import { startupStatus } from "./status.js";
import { dateFields, markInvalid } from "./date-field.js";
import { checkShared, startHelper } from "./roster-share.js";
import { makeSnapshot } from "./snapshot-maker.js";

// The worker's rows are lists of `fields` (checker/roster/output.py for_page); a worded
// field holds the index of its text in `words[field]`, each text sent once. One object per
// row, its texts shared, for the table, the filters and the CSV's and letters' indices.
function unpack({ fields, words, rows }) {
  const tables = fields.map((field) => words[field]);
  return rows.map((values) => {
    const row = {};
    fields.forEach((field, index) => { row[field] = tables[index] ? tables[index][values[index]] : values[index]; });
    return row;
  });
}

// The worker's answer, UTF-8 JSON bytes (a large string is slow to cross from Python).
const readJson = (bytes) => JSON.parse(new TextDecoder().decode(bytes));

if (window.checkerEngine) window.checkerEngine.whenParsed(main);

function main(app, engine) {
  const byId = (id) => document.getElementById(id);
  const fill = engine.fill;
  const input = byId("roster-file");
  const table = byId("table-roster");
  let rows = [], chosen = null, checkedFile = null, checking = false, snapshotAsked = false;
  const status = startupStatus(app, engine, { onReady, control: input });
  const helper = startHelper(engine);   // a second worker: a large file's rows are shared with it

  function onReady() {
    if (chosen) check(chosen);
  }

  // The 基準日 (optional; empty: today in Japan): read as the checker reads its dates, a
  // problem shown beside the boxes. Python checks the day too and says so the same way.
  const words = byId("roster-words").dataset;
  const dateBoxes = dateFields(JSON.parse(byId("roster-data").textContent).eras, words, fill);
  const asOfInputs = dateBoxes.inputsOf("as_of");
  const asOfError = byId("as_of-error");
  function showAsOfError(message) {
    asOfError.textContent = message;
    asOfError.hidden = false;
    markInvalid(asOfInputs, asOfError);
    byId("as-of-details").open = true;
    asOfInputs[0].focus();
  }
  // The day typed ("" for none), or undefined when it cannot be read (said beside the field).
  function readAsOf() {
    asOfError.hidden = true;
    asOfError.textContent = "";
    for (const box of asOfInputs) box.removeAttribute("aria-invalid");
    const got = dateBoxes.read(asOfInputs, words.asOf);
    if (got.problem) { showAsOfError(got.problem); return undefined; }
    return got.value || "";
  }

  // The table lists PAGE rows at a time: 10,000 rows would be 100,000 cells for the
  // browser to lay out, and nobody reads them at once; filters and the CSV cover them all.
  const PAGE = 200;
  let listed = PAGE;

  function selected() {
    const month = byId("filter-month").value;
    const state = byId("filter-status").value;
    return rows.filter((row) => (!month || row.month === month)
      && (!state || (state === "error" ? row.error_text !== "" : row.status === state)));
  }

  // The columns are the table's: each header names the row's field it shows (data-field).
  // A row with errors says why in its 状況 (near the name, in view without scrolling); the
  // table has no column of its own for them (the CSV has).
  const columns = [...table.querySelectorAll("thead th")].map((th) => ({ key: th.dataset.key, field: th.dataset.field }));
  function cellText(row, field) {
    if (field === "status_label" && row.error_text) return row.error_text;
    return String(row[field] ?? "");
  }

  function show() {
    const shown = selected();
    list(shown.slice(0, listed));
    sayCount(shown.length, rows.length);
  }
  function list(some) {
    byId("roster-rows").replaceChildren(...some.map((row) => {
      const tr = document.createElement("tr");
      for (const { key, field } of columns) {
        const cell = document.createElement(key === "id" ? "th" : "td");
        if (key === "id") cell.scope = "row";
        cell.textContent = cellText(row, field);
        cell.className = `roster-${key}`;
        tr.append(cell);
      }
      if (row.error_text) tr.className = "roster-error";
      return tr;
    }));
  }
  // 「M人が当てはまります（全N人）…」 for `shown` rows of `total`, and the button for the next rows.
  function sayCount(shown, total) {
    const count = byId("roster-count");
    count.textContent = fill(count.dataset.text, { shown, total, listed: Math.min(listed, shown) });
    const more = byId("roster-more");
    more.hidden = shown <= listed;
    more.textContent = fill(more.dataset.text, { count: Math.min(PAGE, shown - listed) });
  }

  // Each check is numbered: only the latest one's answer is shown. The worker answers in
  // order and keeps the rows of the last check it made (the CSV and the letters are made
  // from them), so the table always shows those rows. While a check runs, and until all its
  // rows have come, the file box and the recheck button wait, and so do the download, the
  // letters, the filters and the next rows (they name or list rows by their place in the
  // table, which the running check is about to replace).
  let asked = 0;
  const recheck = byId("roster-recheck");
  const controls = ["roster-file", "roster-recheck", "roster-download", "roster-notices", "filter-month",
    "filter-status", "roster-more"].map(byId);
  function busy(on) {
    checking = on;
    for (const control of controls) control.disabled = on;
  }

  function fileError(message) {
    const error = byId("roster-file-error");
    error.textContent = message;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    byId("roster-result").hidden = true;
  }

  async function check(file) {
    chosen = file;
    const error = byId("roster-file-error");
    error.hidden = true;
    if (file !== checkedFile) { checkedFile = null; recheck.hidden = true; }   // a new file: no recheck of the old one
    if (!engine.state.ready) { status.waiting(true); return; }
    const asOf = readAsOf();
    if (asOf === undefined) { chosen = null; status.waiting(false); return; }   // said beside the 基準日
    const mine = ++asked;
    status.say("working");
    busy(true);
    let answer = null, unreadable = false, bytes = null;
    try {
      bytes = await file.arrayBuffer();
    } catch {   // the file changed or went away after it was chosen
      unreadable = true;
    }
    const started = performance.now();
    if (bytes) answer = await checkShared(engine, helper, bytes, asOf, PAGE).catch(() => null);
    const ms = performance.now() - started;
    if (mine !== asked) return;   // a later check was asked for meanwhile
    chosen = null;
    status.waiting(false);
    if (unreadable) {   // to be chosen again
      busy(false);
      status.say("ready");
      fileError(error.dataset.unreadable);
      checkedFile = null;
      recheck.hidden = true;
      input.value = "";   // empty, so that choosing the same file again is a change the page hears
      return;
    }
    let failed = !answer || answer.type !== "roster";
    if (!failed) {
      try {
        await present(answer, ms, file, mine);
      } catch {   // an answer the page cannot read, or no rest of the rows: the checker failed
        failed = true;
      }
    }
    if (mine !== asked) return;
    busy(false);   // before fail(), which disables the file box for good
    if (failed) {
      rows = [];
      byId("roster-result").hidden = true;
      engine.fail();
    }
  }

  // The answer to roster-finish: every row is checked and sorted, and the worker sends the
  // first screen's rows first, then (roster-rest) the others, for the filters and the next
  // rows, while the browser draws these. With a state filter still chosen from the last
  // check, the table waits for all of them. Throws when the rest does not come.
  async function present(answer, ms, file, mine) {
    const checked = readJson(answer.result);
    performance.mark("roster-done");
    window.rosterMs = ms;                 // read by bench/ and the tests, harmless elsewhere
    window.rosterShares = answer.shares;  // rows checked by the page's worker and by the helper
    if (checked.errors.length) {
      if (checked.error_field === "as_of") {
        showAsOfError(checked.errors.join(" "));
        byId("roster-result").hidden = true;
      } else {
        fileError(checked.errors.join(" "));
      }
      status.say("ready");
      return;
    }
    input.removeAttribute("aria-invalid");
    checkedFile = file;
    recheck.hidden = false;
    listed = PAGE;
    rows = unpack(checked);
    // The table with its day and the status line, all at once.
    const reveal = () => {
      const asOfLine = byId("roster-as-of");
      asOfLine.textContent = fill(asOfLine.dataset.text, { as_of: checked.as_of_label });
      status.say("done", { count: checked.count, ms: (ms / 1000).toFixed(1), as_of: checked.as_of_label });
      byId("roster-result").hidden = false;
      // For bench/: the rows painted (the frame after they were put in the table); harmless elsewhere.
      requestAnimationFrame(() => setTimeout(() => performance.mark("roster-shown")));
    };
    byId("filter-month").value = "";   // its months are the last file's; made again below
    const filtered = byId("filter-status").value !== "";
    if (!filtered) {
      list(rows);
      sayCount(checked.count, checked.count);
      reveal();
    }
    if (checked.count > rows.length) {
      const rest = await engine.ask({ type: "roster-rest", start: rows.length }).catch(() => null);
      if (mine !== asked) return;
      if (!rest || rest.type !== "roster-rest") throw new Error("the rest of the rows did not come");
      rows = rows.concat(unpack(readJson(rest.result)));
    }
    const months = [...new Set(rows.map((row) => row.month).filter(Boolean))].sort();
    const select = byId("filter-month");
    select.replaceChildren(select.options[0], ...months.map((value) => {
      const label = rows.find((row) => row.month === value).apply_label.split("〜")[0];
      return new Option(label, value);
    }));
    if (filtered) {
      show();
      reveal();
    }
    // The next visit starts sooner, as the checker page's does: the snapshot is made once, a
    // second after all of the first file's rows have come, while staff read them. Its worker
    // is started only while no file is being checked (a file chosen while it runs shares the
    // computer with it).
    if (!snapshotAsked) {
      snapshotAsked = true;
      const whenIdle = () => (checking ? setTimeout(whenIdle, 1000) : makeSnapshot(engine));
      setTimeout(whenIdle, 1000);
    }
  }

  input.addEventListener("change", (event) => {
    // When the file was chosen, for bench/ (to the rows shown: "roster-shown"); harmless elsewhere.
    performance.mark("roster-chosen", { startTime: event.timeStamp });
    if (event.target.files[0]) check(event.target.files[0]);
  });
  recheck.addEventListener("click", () => { if (checkedFile) check(checkedFile); });
  asOfInputs.forEach((box) => box.addEventListener("input", () => dateBoxes.showEra("as_of")));
  const refilter = () => { listed = PAGE; show(); };
  byId("filter-month").addEventListener("change", refilter);
  byId("filter-status").addEventListener("change", refilter);
  byId("roster-more").addEventListener("click", () => { listed += PAGE; show(); });
  // Renewal letters: the filtered rows, or (no filter) those due within four months, as
  // the worker words them from the letters template; printed by the browser's own dialog.
  byId("roster-notices").addEventListener("click", async () => {
    const filtered = byId("filter-month").value || byId("filter-status").value;
    const index = new Map(rows.map((row, position) => [row, position]));
    const indices = filtered ? selected().map((row) => index.get(row)) : null;
    const answer = await engine.ask({ type: "notices", indices }).catch(() => null);
    if (!answer || answer.type !== "notices") return;
    const { count, html } = JSON.parse(answer.text);
    const note = byId("notices-count");
    note.textContent = count ? fill(note.dataset.text, { count }) : note.dataset.none;
    if (!count) return;
    const letters = byId("notices");
    letters.replaceChildren(...new DOMParser().parseFromString(html, "text/html").body.childNodes);  // escaped by Python
    // The letters' A4 sheets (no margins) only while they print: the page's own print keeps its margins.
    const styles = document.createElement("link");
    styles.rel = "stylesheet";
    styles.href = letters.dataset.styles;
    await new Promise((done) => { styles.onload = styles.onerror = done; document.head.append(styles); });
    document.body.classList.add("printing-notices");
    window.addEventListener("afterprint", () => {
      document.body.classList.remove("printing-notices");
      styles.remove();
    }, { once: true });
    window.print();
  });
  byId("roster-download").addEventListener("click", async () => {
    const shown = selected();
    const index = new Map(rows.map((row, position) => [row, position]));
    const answer = await engine.ask({ type: "roster-csv", indices: shown.map((row) => index.get(row)) }).catch(() => null);
    if (answer && answer.type === "roster-csv") {
      engine.download(answer.text, "text/csv;charset=utf-8", byId("roster-download").dataset.filename);
    }
  });
}
