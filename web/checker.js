// The checker page: reads the form into a request, has the worker evaluate it, shows the
// result. Words come from the page (templates/_checker_app.html.j2); the policy and the
// dates' wording come from the Python checker. What is typed never leaves the browser.

// The worker was started by checker-boot.js, inlined at the top of the checker block so
// that it runs the moment the parser reaches it; this module wires the form to it.
if (window.checkerEngine) window.checkerEngine.whenParsed(main);

function main(app, engine) {
  const data = JSON.parse(document.getElementById("checker-data").textContent);
  const form = document.getElementById("checker-form");
  const status = document.getElementById("checker-status");
  const pageTitle = document.title;
  const resolve = (name) => new URL(app.dataset[name], location.href).href;
  const byId = (id) => document.getElementById(id);
  const fill = engine.fill;

  // ---- the worker ---------------------------------------------------------------
  let worker = null, ready = false, failed = false, pending = null, lastProgress = Date.now();

  function setStatus(key) { status.textContent = status.dataset[key]; }

  function fail() {
    if (failed) return;
    failed = true;
    if (worker) worker.terminate();
    status.hidden = true;
    byId("checker-failed").hidden = false;
    byId("checker-submit").disabled = true;
  }

  function startWorker() {
    worker = engine.worker;
    if (engine.failed || !worker) { fail(); return; }
    const onMessage = (event) => {
      const message = event.data;
      lastProgress = Date.now();
      if (message.type === "progress") performance.mark(`checker-${message.stage}`);
      if (message.type === "ready") {
        ready = true;
        performance.mark("checker-ready");   // read by bench/, harmless elsewhere
        setStatus("ready");
        if (!message.fromSnapshot) setTimeout(makeSnapshot, 1000);
        if (pending) { const request = pending; pending = null; evaluate(request); }
      } else if (message.type === "failed" && !ready) {
        fail();
      }
    };
    engine.handler = onMessage;
    engine.queue.splice(0).forEach(onMessage);
    const slowAfter = Number(app.dataset.slowAfter) * 1000;
    const giveUpAfter = Number(app.dataset.giveUpAfter) * 1000;
    const started = Date.now();
    const watch = setInterval(() => {
      if (ready || failed) { clearInterval(watch); return; }
      if (Date.now() - started > slowAfter && status.textContent !== status.dataset.slow && !pending) setStatus("slow");
      if (Date.now() - lastProgress > giveUpAfter) { clearInterval(watch); fail(); }
    }, 1000);
  }

  setStatus("loading");
  startWorker();

  // A started runtime kept in this browser makes the next visit start in a fraction of the
  // time. It is made by a second worker while the physician reads, and only where the
  // browser can store it; nothing leaves the browser.
  function makeSnapshot() {
    const data = navigator.connection && navigator.connection.saveData;
    if (data || !window.caches || !(navigator.deviceMemory === undefined || navigator.deviceMemory >= 2)) return;
    const helper = new Worker(resolve("worker"), { type: "module" });
    helper.onmessage = (event) => {
      if (event.data.type !== "snapshot") return;
      if (event.data.saved) performance.mark("checker-snapshot-saved");
      helper.terminate();
    };
    helper.onerror = () => helper.terminate();
    helper.postMessage({ type: "snapshot", pyodide: resolve("pyodide"), stdlib: resolve("stdlib"), package: resolve("package"), lock: app.dataset.lock });
  }

  const ask = (type, request) => engine.ask({ type, request: JSON.stringify(request) });

  // ---- reading the form -----------------------------------------------------------
  const halfWidth = (text) => text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();

  function dateFrom(year, month, day) {
    const parts = [year, month, day].map((input) => halfWidth(input.value));
    if (parts.every((part) => part === "")) return null;
    if (parts.every((part) => /^\d+$/.test(part))) {
      return `${parts[0].padStart(4, "0")}-${parts[1].padStart(2, "0")}-${parts[2].padStart(2, "0")}`;
    }
    return parts.join("-");  // the checker says what is wrong with it
  }

  function datePartsOf(prefix) {
    return [byId(`${prefix}-year`), byId(`${prefix}-month`), byId(`${prefix}-day`)];
  }

  function unitsFrom(input) {
    const text = halfWidth(input.value);
    return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }

  const checked = (name) => (form.querySelector(`input[name="${name}"]:checked`) || {}).value;

  function readRequest() {
    const request = { certification: checked("certification"), procedure: checked("procedure") };
    if (request.procedure === "renewal") request.expires_on = dateFrom(...datePartsOf("expires_on"));
    const mypage = checked("mypage");
    request.mypage_registered_on = mypage === "by_deadline" ? data.mypage_deadline
      : mypage === "on_date" ? dateFrom(...datePartsOf("mypage_registered_on")) : null;
    if (checked("credit-mode") === "totals") {
      request.credit_totals = totalInputs
        .filter(({ input }) => halfWidth(input.value) !== "")
        .map(({ category, source, input }) => ({ category, source, units: unitsFrom(input) }));
    } else {
      request.credits = rows()
        .filter((row) => row.inputs().some((input) => halfWidth(input.value) !== ""))
        .map((row) => ({ earned_on: dateFrom(...row.dateInputs()), category: row.category.value, units: unitsFrom(row.units) }));
    }
    if (request.certification === "sports" && request.procedure === "renewal" && checked("activity") !== "") {
      request.activity = checked("activity") === "true";
    }
    const asOf = dateFrom(...datePartsOf("as_of"));
    if (asOf) request.as_of = asOf;
    return request;
  }

  // ---- credit rows and totals ------------------------------------------------------
  const rowsBody = byId("credit-rows");
  const rowTemplate = byId("credit-row-template");

  function categories() {
    return data.categories[checked("certification")][checked("procedure")];
  }

  function rows() {
    return [...rowsBody.querySelectorAll("tr.credit-row")].map((tr) => ({
      tr,
      errorRow: tr.nextElementSibling,
      dateInputs: () => [...tr.querySelectorAll(".date-parts input")],
      category: tr.querySelector("select.category"),
      units: tr.querySelector("input.units"),
      inputs: () => [...tr.querySelectorAll(".date-parts input"), tr.querySelector("input.units")],
    }));
  }

  function fillCategories(select) {
    const keep = select.value;
    select.replaceChildren(...categories().map((name) => new Option(name, name)));
    if (categories().includes(keep)) select.value = keep;
  }

  function renumberRows() {
    rows().forEach((row, index) => {
      row.tr.querySelector(".row-number").textContent = String(index + 1);
      row.tr.querySelectorAll("[data-aria]").forEach((element) => {
        element.setAttribute("aria-label", fill(element.dataset.aria, { row: index + 1 }));
      });
      row.errorRow.querySelector(".field-error").id = `credit-row-${index}-error`;
    });
  }

  function addRow(credit) {
    rowsBody.append(rowTemplate.content.cloneNode(true));
    const row = rows().at(-1);
    fillCategories(row.category);
    row.tr.querySelector(".remove-row").addEventListener("click", () => {
      row.errorRow.remove();
      row.tr.remove();
      if (!rows().length) addRow();
      renumberRows();
      rowsBody.querySelector("input")?.focus();
    });
    if (credit) {
      const [year, month, day] = String(credit.earned_on || "").split("-");
      const [y, m, d] = row.dateInputs();
      y.value = year || ""; m.value = month ? String(Number(month) || month) : ""; d.value = day ? String(Number(day) || day) : "";
      if (credit.category) row.category.value = credit.category;
      row.units.value = credit.units ?? "";
    }
    renumberRows();
    return row;
  }

  let totalInputs = [];
  function buildTotals() {
    const body = byId("credit-totals");
    const template = byId("credit-total-template");
    const previous = new Map(totalInputs.map(({ category, source, input }) => [`${category}|${source}`, input.value]));
    body.replaceChildren();
    totalInputs = [];
    for (const category of categories()) {
      body.append(template.content.cloneNode(true));
      const tr = body.lastElementChild;
      tr.querySelector(".category-name").textContent = category;
      for (const source of ["notebook", "mamis"]) {
        const input = tr.querySelector(`input.${source}`);
        input.setAttribute("aria-label", fill(input.dataset.aria, { category }));
        input.value = previous.get(`${category}|${source}`) || "";
        totalInputs.push({ category, source, input });
      }
    }
    byId("totals-paper-heading").textContent = data.paper_labels[checked("certification")];
  }

  // ---- what is shown depends on what is chosen ---------------------------------------
  function updateVisibility() {
    const renewal = checked("procedure") === "renewal";
    byId("field-expires_on").hidden = !renewal;
    byId("field-activity").hidden = !(renewal && checked("certification") === "sports");
    for (const element of app.querySelectorAll("[data-when-mypage]")) element.hidden = checked("mypage") !== element.dataset.whenMypage;
    for (const element of app.querySelectorAll("[data-when-mode]")) element.hidden = checked("credit-mode") !== element.dataset.whenMode;
    rows().forEach((row) => fillCategories(row.category));
    buildTotals();
  }

  const eraFormat = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric" });
  function showWareki(prefix) {
    const target = byId(`${prefix}-wareki`);
    const value = dateFrom(...datePartsOf(prefix));
    const match = value && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const day = match && new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const real = day && day.getMonth() === Number(match[2]) - 1 && Number(match[1]) >= 1990;
    target.textContent = real ? `（${eraFormat.format(day)}）` : "";
  }

  // ---- errors beside their fields ---------------------------------------------------
  function clearErrors() {
    app.querySelectorAll("[aria-invalid]").forEach((element) => element.removeAttribute("aria-invalid"));
    app.querySelectorAll(".field-error").forEach((element) => { element.hidden = true; element.textContent = ""; });
    app.querySelectorAll(".credit-row-error").forEach((element) => { element.hidden = true; });
    byId("error-summary").hidden = true;
    document.title = pageTitle;
  }

  function placeOf(field) {
    const row = /^credits\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (row) {
      const entry = rowsInRequest[Number(row[1])];
      if (!entry) return { message: byId("credits-error"), inputs: [] };
      const inputs = row[2] === "earned_on" ? entry.dateInputs() : row[2] === "category" ? [entry.category]
        : row[2] === "units" ? [entry.units] : entry.inputs();
      entry.errorRow.hidden = false;
      return { message: entry.errorRow.querySelector(".field-error"), inputs };
    }
    const total = /^credit_totals\[(\d+)\]/.exec(field);
    if (total) {
      const entry = totalsInRequest[Number(total[1])];
      return { message: byId("credits-error"), inputs: entry ? [entry.input] : [] };
    }
    const name = field === "credit_totals" ? "credits" : field;
    const message = byId(`${name}-error`);
    if (!message) return { message: null, inputs: [] };
    const fieldset = byId(`field-${name}`);
    const inputs = ["expires_on", "mypage_registered_on", "as_of"].includes(name) ? datePartsOf(name)
      : fieldset ? [...fieldset.querySelectorAll("input")] : [];
    return { message, inputs };
  }

  function showErrors(errors) {
    const list = byId("error-summary-list");
    list.replaceChildren();
    for (const error of errors) {
      const { message, inputs } = placeOf(error.field);
      if (message) {
        message.textContent = message.textContent ? `${message.textContent} ${error.message}` : error.message;
        message.hidden = false;
      }
      for (const input of inputs) {
        input.setAttribute("aria-invalid", "true");
        if (message && message.id && !(input.getAttribute("aria-describedby") || "").includes(message.id)) {
          input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${message.id}`.trim());
        }
      }
      const item = document.createElement("li");
      const target = inputs[0];
      if (target && target.id) {
        const link = document.createElement("a");
        link.href = `#${target.id}`;
        link.textContent = error.message;
        item.append(link);
      } else {
        item.textContent = error.message;
      }
      list.append(item);
    }
    document.title = app.dataset.titleError + pageTitle;
    const summary = byId("error-summary");
    summary.hidden = false;
    byId("checker-result").hidden = true;
    summary.focus();
  }

  // ---- the result -------------------------------------------------------------------
  function cell(text) { const td = document.createElement("td"); td.textContent = String(text); return td; }

  function showResult(result) {
    const section = byId("checker-result");
    const verdict = byId("result-verdict");
    verdict.textContent = result.eligible ? verdict.dataset.yes : verdict.dataset.no;
    byId("result-status").textContent = `${result.as_of_label}：${result.status_label}`;
    const listOf = (id, texts, checklist) => byId(id).replaceChildren(...texts.map((text) => {
      const item = document.createElement("li");
      if (checklist) {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        label.append(box, " ", text);
        item.append(label);
      } else {
        item.textContent = text;
      }
      return item;
    }));
    listOf("result-actions", result.actions, true);
    listOf("result-warnings", result.warnings, false);
    const credits = result.credits;
    byId("result-paper-heading").textContent = credits.source_labels.notebook;
    byId("result-credit-rows").replaceChildren(...Object.entries(credits.by_category).map(([name, entry]) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = name;
      tr.append(th, cell(entry.required), cell(entry.counted), cell(entry.shortfall), cell(entry.notebook), cell(entry.mamis));
      return tr;
    }));
    byId("result-required-total").textContent = credits.required_total;
    byId("result-counted-total").textContent = credits.counted_total;
    byId("result-shortfall-total").textContent = credits.shortfall_total;
    byId("result-notebook-total").textContent = credits.by_source.notebook;
    byId("result-mamis-total").textContent = credits.by_source.mamis;
    const period = byId("result-period");
    period.hidden = !credits.period;
    if (credits.period) period.textContent = fill(period.dataset.text, { period: credits.period_label });
    const labels = result.schedule.labels;
    byId("result-estimated").hidden = !result.schedule.estimated;
    byId("result-round").textContent = labels.round;
    byId("result-apply").textContent = labels.apply_months;
    byId("result-window").textContent = `${labels.opens_on}〜${labels.closes_on}`;
    byId("result-approval").textContent = labels.approval_on;
    byId("result-certificate").textContent = labels.certificate_from + byId("result-certificate").dataset.suffix;
    byId("result-derivation").textContent = result.schedule.derivation || "";
    section.hidden = false;
    section.focus();
    performance.mark("checker-result");
  }

  // ---- run ------------------------------------------------------------------------------
  let rowsInRequest = [], totalsInRequest = [], lastRequest = null;

  async function evaluate(request) {
    if (!ready) { pending = request; setStatus("waiting"); return; }
    setStatus("working");
    const answer = await ask("evaluate", request);
    setStatus("ready");
    if (answer.type !== "result") { fail(); return; }
    const result = JSON.parse(answer.result);
    clearErrors();
    if (!result.ok) { showErrors(result.errors); return; }
    lastRequest = request;
    history.replaceState(null, "", `#q=${encodeURIComponent(JSON.stringify(request))}`);
    showResult(result);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = readRequest();
    rowsInRequest = rows().filter((row) => row.inputs().some((input) => halfWidth(input.value) !== ""));
    totalsInRequest = totalInputs.filter(({ input }) => halfWidth(input.value) !== "");
    evaluate(request);
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "radio") updateVisibility();
  });
  form.addEventListener("input", (event) => {
    for (const prefix of ["expires_on", "mypage_registered_on", "as_of"]) {
      if (event.target.id && event.target.id.startsWith(prefix)) showWareki(prefix);
    }
  });
  byId("add-credit-row").addEventListener("click", () => addRow().dateInputs()[0].focus());
  byId("print-result").addEventListener("click", () => window.print());
  byId("download-ics").addEventListener("click", async () => {
    if (!lastRequest) return;
    const answer = await ask("ics", lastRequest);
    if (answer.type !== "ics") return;
    engine.download(answer.text, "text/calendar;charset=utf-8", byId("download-ics").dataset.filename);
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

  // ---- a shared link fills the form and shows the result at once ---------------------------
  function setRadio(name, value) {
    const input = form.querySelector(`input[name="${name}"][value="${value}"]`);
    if (input) input.checked = true;
  }

  function setDate(prefix, value) {
    const [year, month, day] = String(value || "").split("-");
    const [y, m, d] = datePartsOf(prefix);
    y.value = year || "";
    m.value = month ? String(Number(month) || month) : "";
    d.value = day ? String(Number(day) || day) : "";
    showWareki(prefix);
  }

  function fillFrom(request) {
    if (request.certification) setRadio("certification", request.certification);
    if (request.procedure) setRadio("procedure", request.procedure);
    if (request.expires_on) setDate("expires_on", request.expires_on);
    if (request.mypage_registered_on == null) setRadio("mypage", "none");
    else if (request.mypage_registered_on === data.mypage_deadline) setRadio("mypage", "by_deadline");
    else { setRadio("mypage", "on_date"); setDate("mypage_registered_on", request.mypage_registered_on); }
    if ("activity" in request) setRadio("activity", String(request.activity));
    if (request.as_of) { setDate("as_of", request.as_of); byId("as-of-details").open = true; }
    setRadio("credit-mode", Array.isArray(request.credit_totals) ? "totals" : "rows");
    updateVisibility();
    rowsBody.replaceChildren();
    for (const credit of Array.isArray(request.credits) ? request.credits : []) addRow(credit);
    if (!rows().length) addRow();
    for (const total of Array.isArray(request.credit_totals) ? request.credit_totals : []) {
      const entry = totalInputs.find((t) => t.category === total.category && t.source === total.source);
      if (entry) entry.input.value = total.units ?? "";
    }
  }

  function sharedRequest() {
    if (!location.hash.startsWith("#q=")) return null;
    try {
      const request = JSON.parse(decodeURIComponent(location.hash.slice(3)));
      return request && typeof request === "object" && !Array.isArray(request) ? request : null;
    } catch (error) {
      return null;
    }
  }

  updateVisibility();
  addRow();
  const shared = sharedRequest();
  if (shared) {
    fillFrom(shared);
    rowsInRequest = rows().filter((row) => row.inputs().some((input) => halfWidth(input.value) !== ""));
    totalsInRequest = totalInputs.filter(({ input }) => halfWidth(input.value) !== "");
    evaluate(shared);
  }
}
