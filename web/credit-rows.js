// The checker's table of credits, one row per seminar (受講日・区分・単位数), each with a
// line beside it for its error or note. Rows are built in one pass, however many a shared
// link brings: one insertion into the table, each row numbered once.

export function creditRows({ body, template, fill, categories, choose, droppedMessage }) {
  let rows = [];

  function filled(row) {
    return row.inputs.some((input) => input.value.trim() !== "");
  }

  // The categories on offer for the chosen title and procedure. A row whose category is
  // not among them is never re-labelled: it keeps an empty choice and says why beside it.
  function offer(row, wanted) {
    const names = categories();
    const current = wanted !== undefined ? wanted : row.dropped || row.category.value;
    row.category.replaceChildren(new Option(choose, ""), ...names.map((name) => new Option(name, name)));
    if (names.includes(current)) {
      row.category.value = current;
      row.dropped = null;
    } else if (wanted !== undefined || (current !== "" && filled(row))) {
      row.category.value = "";        // from a link, or typed in: never silently another category
      row.dropped = current || null;
    } else {
      row.category.value = names[0] || "";   // an empty row: the first category, as a new row gets
      row.dropped = null;
    }
    showDropped(row);
  }

  function showDropped(row) {
    if (row.dropped) {
      say(row, "error", droppedMessage({ row: row.number, category: row.dropped }));
      row.category.setAttribute("aria-invalid", "true");
    } else if (row.errorText.dataset.kind === "dropped") {
      say(row, "error", "");
      row.category.removeAttribute("aria-invalid");
    }
  }

  // The line under a row: an error (red, with エラー：) or a note; empty hides it.
  function say(row, kind, text) {
    const target = kind === "error" ? row.errorText : row.noteText;
    target.textContent = text;
    target.hidden = text === "";
    if (kind === "error") target.dataset.kind = text && row.dropped ? "dropped" : "";
    row.errorRow.hidden = row.errorText.hidden && row.noteText.hidden;
  }

  function number(row, index) {
    row.number = index + 1;
    row.tr.querySelector(".row-number").textContent = String(row.number);
    for (const element of row.tr.querySelectorAll("[data-aria]")) {
      element.setAttribute("aria-label", fill(element.dataset.aria, { row: row.number }));
    }
    for (const [input, part] of [[row.year, "year"], [row.month, "month"], [row.day, "day"], [row.category, "category"], [row.units, "units"]]) {
      input.id = `credit-row-${index}-${part}`;
    }
    row.errorText.id = `credit-row-${index}-error`;
    row.noteText.id = `credit-row-${index}-note`;
  }

  function make(credit) {
    const fragment = template.content.cloneNode(true);
    const tr = fragment.querySelector("tr.credit-row");
    const [year, month, day] = tr.querySelectorAll(".date-parts input");
    const row = {
      tr, errorRow: fragment.querySelector("tr.credit-row-error"), year, month, day,
      category: tr.querySelector("select.category"), units: tr.querySelector("input.units"), dropped: null,
    };
    row.errorText = row.errorRow.querySelector(".field-error");
    row.noteText = row.errorRow.querySelector(".row-note");
    row.inputs = [year, month, day, row.units];
    const entry = credit && typeof credit === "object" ? credit : {};
    const text = (value) => (value == null || typeof value === "object" ? "" : String(value));
    if (credit) {
      const [y, m, d] = text(entry.earned_on).split("-");
      year.value = y || "";
      month.value = m ? String(Number(m) || m) : "";
      day.value = d ? String(Number(d) || d) : "";
      row.units.value = text(entry.units);
    }
    return { row, fragment, wanted: credit ? text(entry.category) : undefined };
  }

  // Add a row for each credit (or one empty row) with a single insertion into the table.
  function add(credits = [null]) {
    const all = document.createDocumentFragment();
    const start = rows.length;
    for (const credit of credits) {
      const { row, fragment, wanted } = make(credit);
      rows.push(row);
      number(row, rows.length - 1);
      offer(row, wanted);
      all.append(fragment);
    }
    body.append(all);
    return rows.slice(start);
  }

  function remove(row) {
    const index = rows.indexOf(row);
    row.tr.remove();
    row.errorRow.remove();
    rows.splice(index, 1);
    rows.slice(index).forEach((later, offset) => number(later, index + offset));
    if (!rows.length) add();
  }

  function replaceAll(credits) {
    body.replaceChildren();
    rows = [];
    return add(credits.length ? credits : [null]);
  }

  body.addEventListener("click", (event) => {
    const button = event.target.closest(".remove-row");
    const row = button && rows.find((candidate) => candidate.tr.contains(button));
    if (!row) return;
    const index = rows.indexOf(row);
    remove(row);
    (rows[Math.min(index, rows.length - 1)] || rows[0]).year.focus();
  });
  body.addEventListener("change", (event) => {
    const row = event.target.matches("select.category") && rows.find((candidate) => candidate.category === event.target);
    if (row && row.dropped && event.target.value !== "") { row.dropped = null; showDropped(row); }
  });

  return {
    all: () => rows,
    filled: () => rows.filter(filled),
    add, replaceAll, say,
    reoffer: () => rows.forEach((row) => offer(row)),
  };
}
