// The checker's form: what is shown for the chosen title and procedure, reading the form
// into a request (and the problems found before asking Python), and filling it from a
// shared link. Nothing typed is changed or dropped without a word beside it.
import { creditRows } from "./credit-rows.js";
import { readStickerLines } from "./credit-paste.js";
import { isRealDate } from "./dates.js";
import { dateFields } from "./date-field.js";

const DATE_FIELDS = ["expires_on", "mypage_registered_on", "as_of"];

export function checkerForm(app, data, engine) {
  const byId = (id) => document.getElementById(id);
  const form = byId("checker-form");
  const words = { ...byId("checker-words").dataset };
  const fill = engine.fill;
  const dateBoxes = dateFields(data.eras, words, fill);
  const dates = dateBoxes.dates;
  const radios = (name) => [...form.querySelectorAll("input[type=radio]")].filter((input) => input.name === name);
  const checked = (name) => (radios(name).find((input) => input.checked) || {}).value;
  // Compares values, never builds a selector from them: a link may hold any text.
  const setRadio = (name, value) => { const input = radios(name).find((r) => r.value === String(value)); if (input) input.checked = true; };
  const dateInputs = dateBoxes.inputsOf;
  // What the chosen title and procedure ask for (from the rules, by the build).
  const asks = () => (data.forms[checked("certification")] || {})[checked("procedure")] || { categories: [] };
  const categories = () => asks().categories;
  const choiceLabel = (name) => { const input = radios(name).find((r) => r.checked); return input ? input.parentElement.textContent.trim() : ""; };

  // A row whose category the chosen title and procedure do not offer says so, naming them.
  const rows = creditRows({
    body: byId("credit-rows"), template: byId("credit-row-template"), fill, categories, choose: words.choose,
    droppedMessage: (values) => fill(words.notOffered,
      { ...values, certification: choiceLabel("certification"), procedure: choiceLabel("procedure") }),
    defaultsHint: "credit-defaults-hint",
  });

  // ---- totals by category --------------------------------------------------------------
  const typedTotals = new Map();   // kept across switches of title and procedure
  let totalInputs = [];
  function buildTotals() {
    for (const { category, source, input } of totalInputs) typedTotals.set(`${category}|${source}`, input.value);
    const body = byId("credit-totals");
    const template = byId("credit-total-template");
    body.replaceChildren();
    totalInputs = [];
    for (const category of categories()) {
      body.append(template.content.cloneNode(true));
      const tr = body.lastElementChild;
      tr.querySelector(".category-name").textContent = category;
      for (const source of ["notebook", "mamis"]) {
        const input = tr.querySelector(`input.${source}`);
        input.setAttribute("aria-label", fill(input.dataset.aria, { category }));
        input.value = typedTotals.get(`${category}|${source}`) || "";
        totalInputs.push({ category, source, input });
      }
    }
    byId("totals-paper-heading").textContent = data.paper_labels[checked("certification")];
    const hidden = [...new Set([...typedTotals].filter(([key, value]) => value.trim() !== "" && !categories().includes(key.split("|")[0]))
      .map(([key]) => key.split("|")[0]))];
    const note = byId("totals-hidden-note");
    note.textContent = hidden.length ? fill(note.dataset.text, { categories: hidden.join("、") }) : "";
    note.hidden = !hidden.length;
  }

  // ---- what is shown depends on what is chosen ------------------------------------------
  function update() {
    byId("field-expires_on").hidden = !asks().needs_expiry;
    byId("field-activity").hidden = !asks().needs_activity;
    if (asks().activity_label) byId("activity-legend").textContent = asks().activity_label;
    for (const element of app.querySelectorAll("[data-when-mypage]")) element.hidden = checked("mypage") !== element.dataset.whenMypage;
    for (const element of app.querySelectorAll("[data-when-mode]")) element.hidden = checked("credit-mode") !== element.dataset.whenMode;
    rows.reoffer();
    buildTotals();
  }

  // ---- reading the form ----------------------------------------------------------------
  const unitsOf = (input) => { const text = input.value.normalize("NFKC").trim(); return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text; };

  // {request, problems, rows, totals}: `problems` are found here, in the words of the page,
  // before Python is asked (a date that only a person can read, a choice without a date).
  function read() {
    const problems = [];
    const dateOf = (inputs, field, label) => {
      const got = dateBoxes.read(inputs, label);
      if (got.problem) problems.push({ field, message: got.problem });
      return got.value;
    };
    const request = { certification: checked("certification"), procedure: checked("procedure") };
    if (asks().needs_expiry) request.expires_on = dateOf(dateInputs("expires_on"), "expires_on", words.expiresOn);
    const mypage = checked("mypage");
    request.mypage_registered_on = mypage === "by_deadline" ? data.mypage_deadline : null;
    if (mypage === "on_date") {
      request.mypage_registered_on = dateOf(dateInputs("mypage_registered_on"), "mypage_registered_on", words.registeredOn);
      if (request.mypage_registered_on == null && !problems.length) problems.push({ field: "mypage_registered_on", message: words.noRegistrationDate });
    }
    let filledRows = [], filledTotals = [];
    if (checked("credit-mode") === "totals") {
      // 0 in a total means none yet (as in the roster): not an entry at all.
      filledTotals = totalInputs.filter(({ input }) => input.value.trim() !== "" && unitsOf(input) !== 0);
      request.credit_totals = filledTotals.map(({ category, source, input }) => ({ category, source, units: unitsOf(input) }));
    } else {
      filledRows = rows.filled();
      request.credits = filledRows.map((row, index) => {
        const label = fill(words.rowDate, { row: index + 1 });
        const earned = dateOf([row.year, row.month, row.day], `credits[${index}].earned_on`, label);
        if (row.category.value === "") {
          problems.push({ field: `credits[${index}].category`,
                          message: row.dropped ? row.errorText.textContent : fill(words.chooseCategory, { row: index + 1 }) });
        }
        return { earned_on: earned, category: row.category.value, units: unitsOf(row.units) };
      });
    }
    if (asks().needs_activity && checked("activity") !== "") {
      request.activity = checked("activity") === "true";
    }
    const asOf = dateOf(dateInputs("as_of"), "as_of", words.asOf);
    if (asOf) request.as_of = asOf;
    return { request, problems, rows: filledRows, totals: filledTotals };
  }

  // ---- a shared link fills the form ------------------------------------------------------
  const setDate = dateBoxes.set;

  // Returns the rows and totals in the order of the request's lists.
  function fillFrom(request, maxRows) {
    if (request.certification) setRadio("certification", request.certification);
    if (request.procedure) setRadio("procedure", request.procedure);
    if (request.expires_on) setDate("expires_on", request.expires_on);
    if (request.mypage_registered_on == null) setRadio("mypage", "none");
    else if (request.mypage_registered_on === data.mypage_deadline) setRadio("mypage", "by_deadline");
    else { setRadio("mypage", "on_date"); setDate("mypage_registered_on", request.mypage_registered_on); }
    if ("activity" in request) setRadio("activity", request.activity == null ? "" : String(request.activity));
    if (request.as_of) { setDate("as_of", request.as_of); byId("as-of-details").open = true; }
    const totals = Array.isArray(request.credit_totals) ? request.credit_totals : [];
    setRadio("credit-mode", Array.isArray(request.credit_totals) ? "totals" : "rows");
    update();
    const credits = Array.isArray(request.credits) ? request.credits.slice(0, maxRows) : [];
    const made = rows.replaceAll(credits);
    const totalsMade = totals.map((total) => {
      const entry = totalInputs.find((t) => total && t.category === total.category && t.source === total.source);
      if (entry) entry.input.value = total.units == null ? "" : String(total.units);
      return entry;
    });
    return { rows: credits.length ? made : [], totals: totalsMade };
  }

  form.addEventListener("change", (event) => {
    if (event.target.type === "radio") update();
  });
  form.addEventListener("input", (event) => {
    const prefix = DATE_FIELDS.find((name) => event.target.id.startsWith(`${name}-`));
    if (prefix) dateBoxes.showEra(prefix);
  });
  byId("add-credit-row").addEventListener("click", () => {
    const row = rows.addAfterLast();
    row.year.focus();
    row.year.select();
  });

  // ---- many stickers at once: lines typed or pasted into the box, or pasted into a row ------
  const pasteBox = byId("credit-paste-box");
  const pasteWords = pasteBox.dataset;
  const pasteField = byId("credit-paste");
  const allCategories = () => [...new Set(Object.values(data.forms).flatMap((procedures) =>
    Object.values(procedures).flatMap((form) => form.categories)))];

  // Readable lines become rows after those filled in; every other line stays in the box,
  // with why beside it (the box says which of its lines those are).
  function takeLines(text) {
    const offered = categories();
    const { credits, problems } = readStickerLines(text, {
      categories: offered, others: allCategories().filter((name) => !offered.includes(name)), dates, isRealDate,
    });
    if (credits.length) rows.append(credits);
    pasteField.value = problems.map((problem) => problem.text).join("\n");
    const reason = (problem) => fill(pasteWords[problem.problem], { ...problem.values, categories: offered.join("・"),
      certification: choiceLabel("certification"), procedure: choiceLabel("procedure") });
    byId("credit-paste-problems").replaceChildren(...problems.map((problem, index) => {
      const item = document.createElement("li");
      item.textContent = fill(pasteWords.line, { line: index + 1, text: problem.text, reason: reason(problem) });
      return item;
    }));
    byId("credit-paste-status").textContent = [credits.length ? fill(pasteWords.done, { count: credits.length }) : pasteWords.none,
      problems.length ? fill(pasteWords.left, { count: problems.length }) : ""].join("");
    pasteBox.open = true;
    if (problems.length) pasteField.focus();
    return credits.length;
  }

  byId("credit-paste-apply").addEventListener("click", () => takeLines(pasteField.value));
  pasteField.addEventListener("paste", () => setTimeout(() => takeLines(pasteField.value), 0));
  // Lines pasted into a row's box (from a spreadsheet: tabs and line breaks) are read the same way.
  byId("credit-rows").addEventListener("paste", (event) => {
    const text = event.clipboardData ? event.clipboardData.getData("text") : "";
    if (!/[\t\r\n]/.test(text.trim())) return;
    event.preventDefault();
    takeLines(text);
  });

  update();
  rows.add();
  return { form, read, fillFrom, rows, dateInputs, totalInputs: () => totalInputs };
}
