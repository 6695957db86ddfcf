// The checker's table of credits, one row per seminar (受講日・区分・単位数), each with a
// line beside it for its error or note. Rows are built in one pass, however many a shared
// link brings: one insertion into the table, each row numbered once.
//
// A new row's 区分 is 未選択: a row never counts under a 区分 nobody chose. Once the row
// above has a 区分, a row added after it (「行を追加」, or Enter in the last row) starts with
// that row's date and 区分 as defaults, to be typed over: stickers come in runs of one day
// and one kind. A row left as it was added is not a row of the request.

export function creditRows({ body, template, fill, categories, choose, droppedMessage, defaultsHint }) {
  let rows = [];

  function filled(row) {
    return !row.untouched && row.inputs.some((input) => input.value.trim() !== "");
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
    } else if (current !== "" && (wanted !== undefined || filled(row))) {
      row.category.value = "";        // from a link, or typed in: never silently another category
      row.dropped = current;
    } else {
      row.category.value = "";        // 未選択 until the physician chooses
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

  // One row after the last, with the last row's date and 区分 as defaults once it has a
  // 区分 (else empty); returns it.
  function addAfterLast() {
    const last = rows[rows.length - 1];
    const [row] = add();
    if (last && last.category.value !== "") {
      for (const part of ["year", "month", "day"]) row[part].value = last[part].value;
      row.category.value = last.category.value;
      row.untouched = true;
      row.tr.classList.add("is-default");
      for (const input of [...row.inputs, row.category]) describe(input, defaultsHint, true);
    }
    return row;
  }

  function touch(row) {
    if (!row.untouched) return;
    row.untouched = false;
    row.tr.classList.remove("is-default");
    for (const input of [...row.inputs, row.category]) describe(input, defaultsHint, false);
  }

  function describe(input, id, on) {
    if (!id) return;
    const ids = (input.getAttribute("aria-describedby") || "").split(" ").filter((name) => name && name !== id);
    if (on) ids.push(id);
    if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  }

  // Rows for `credits` after the rows already filled (the empty ones at the end go).
  function append(credits) {
    while (rows.length && !filled(rows[rows.length - 1])) {
      const last = rows.pop();
      last.tr.remove();
      last.errorRow.remove();
    }
    return add(credits.length ? credits : [null]);
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
  const rowOf = (element) => rows.find((candidate) => candidate.tr.contains(element));
  body.addEventListener("change", (event) => {
    const row = event.target.matches("select.category") && rows.find((candidate) => candidate.category === event.target);
    if (row && row.dropped && event.target.value !== "") { row.dropped = null; showDropped(row); }
    if (row) touch(row);
  });
  body.addEventListener("input", (event) => {
    const row = rowOf(event.target);
    if (row) touch(row);
  });
  // Enter in the last row, once something is typed in it, adds the next row and moves there
  // (the date's year selected, to be typed over); in an untouched last row Enter submits.
  body.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing || event.keyCode === 229 || event.shiftKey || event.altKey
        || event.ctrlKey || event.metaKey || !event.target.matches("input, select")) return;
    const row = rowOf(event.target);
    if (!row || row !== rows[rows.length - 1] || !filled(row)) return;
    event.preventDefault();
    const next = addAfterLast();
    next.year.focus();
    next.year.select();
  });

  return {
    all: () => rows,
    filled: () => rows.filter(filled),
    add, addAfterLast, append, replaceAll, say,
    reoffer: () => rows.forEach((row) => offer(row)),
  };
}
