// The roster page: hands the chosen file to the worker (it never leaves the browser),
// shows the rows it gets back, filters them, and downloads the shown ones as CSV.
// Words come from the page; the rows' wording comes from the Python checker.

if (window.checkerEngine) window.checkerEngine.whenParsed(main);

function main(app, engine) {
  const byId = (id) => document.getElementById(id);
  const status = byId("checker-status");
  const fill = engine.fill;
  let ready = false, rows = [];
  const fields = JSON.parse(app.dataset.fields);   // the row's field shown in each column, in order

  function fail() {
    status.hidden = true;
    byId("checker-failed").hidden = false;
    byId("roster-file").disabled = true;
  }

  const onMessage = (event) => {
    const message = event.data;
    if (message.type === "ready") {
      ready = true;
      status.textContent = status.dataset.ready;
      performance.mark("checker-ready");
    } else if (message.type === "failed" && !ready) {
      fail();
    }
  };
  if (engine.failed || !engine.worker) { fail(); return; }
  engine.handler = onMessage;
  engine.queue.splice(0).forEach(onMessage);
  const watch = setTimeout(() => { if (!ready) fail(); }, Number(app.dataset.giveUpAfter) * 1000);

  const ask = engine.ask;

  async function whenReady() {
    while (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    clearTimeout(watch);
  }

  // The table lists PAGE rows at a time: 10,000 rows would be 100,000 cells for the
  // browser to lay out, and nobody reads them at once; filters and the CSV cover them all.
  const PAGE = 200;
  let listed = PAGE;

  function selected() {
    const month = byId("filter-month").value;
    const state = byId("filter-status").value;
    return rows.filter((row) => (!month || row.apply_months[0] === month)
      && (!state || (state === "error" ? row.errors.length > 0 : row.status === state)));
  }

  function show() {
    const body = byId("roster-rows");
    const shown = selected();
    body.replaceChildren(...shown.slice(0, listed).map((row) => {
      const tr = document.createElement("tr");
      const cells = fields.map((field) => row[field] ?? "");
      for (const value of cells) {
        const td = document.createElement("td");
        td.textContent = String(value);
        tr.append(td);
      }
      if (row.errors.length) tr.className = "roster-error";
      return tr;
    }));
    const count = byId("roster-count");
    const listedNow = Math.min(listed, shown.length);
    count.textContent = fill(count.dataset.text, { shown: shown.length, total: rows.length, listed: listedNow });
    const more = byId("roster-more");
    more.hidden = shown.length <= listed;
    more.textContent = fill(more.dataset.text, { count: Math.min(PAGE, shown.length - listed) });
    return shown;
  }

  byId("roster-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const error = byId("roster-file-error");
    error.hidden = true;
    const bytes = await file.arrayBuffer();
    status.textContent = status.dataset.working;
    await whenReady();
    status.textContent = status.dataset.working;
    const answer = await ask({ type: "roster", bytes }, [bytes]);
    if (answer.type !== "roster") { fail(); return; }
    const checked = JSON.parse(new TextDecoder().decode(answer.result));
    performance.mark("roster-done");
    window.rosterMs = answer.ms;
    if (checked.errors.length) {
      error.textContent = checked.errors.join(" ");
      error.hidden = false;
      byId("roster-file").setAttribute("aria-invalid", "true");
      byId("roster-result").hidden = true;
      status.textContent = status.dataset.ready;
      return;
    }
    byId("roster-file").removeAttribute("aria-invalid");
    rows = checked.rows;
    const months = [...new Set(rows.map((row) => row.apply_months[0]).filter(Boolean))].sort();
    const select = byId("filter-month");
    select.replaceChildren(select.options[0], ...months.map((value) => {
      const label = rows.find((row) => row.apply_months[0] === value).apply_label.split("〜")[0];
      return new Option(label, value);
    }));
    status.textContent = fill(status.dataset.done, { count: rows.length, ms: (answer.ms / 1000).toFixed(1) });
    byId("roster-result").hidden = false;
    listed = PAGE;
    show();
  });
  const refilter = () => { listed = PAGE; show(); };
  byId("filter-month").addEventListener("change", refilter);
  byId("filter-status").addEventListener("change", refilter);
  byId("roster-more").addEventListener("click", () => { listed += PAGE; show(); });
  byId("roster-download").addEventListener("click", async () => {
    const shown = selected();
    const answer = await ask({ type: "roster-csv", indices: shown.map((row) => rows.indexOf(row)) });
    engine.download(answer.text, "text/csv;charset=utf-8", byId("roster-download").dataset.filename);
  });
}
