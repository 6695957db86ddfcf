// The checker's answer on the page: errors beside their fields (and as links in a summary
// that takes focus), or the result, whose verdict heading takes focus at the top of the
// screen. Words come from the page; the policy and the dates' wording from Python.
import { dateLabel } from "./dates.js";
import { markInvalid } from "./date-field.js";

export function checkerResult(app, engine, form) {
  const byId = (id) => document.getElementById(id);
  const fill = engine.fill;
  const pageTitle = document.title;

  function clearErrors() {
    app.querySelectorAll("[aria-invalid]").forEach((element) => element.removeAttribute("aria-invalid"));
    app.querySelectorAll(".field-error, .row-note").forEach((element) => { element.hidden = true; element.textContent = ""; });
    app.querySelectorAll(".credit-row-error").forEach((element) => { element.hidden = true; });
    byId("error-summary").hidden = true;
    document.title = pageTitle;
  }

  // Where an error of `field` is said, and which inputs it marks. `asked` holds the rows and
  // totals in the order of the request's lists.
  function placeOf(field, asked) {
    const row = /^credits\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (row) {
      const entry = asked.rows[Number(row[1])];
      if (!entry) return { message: byId("credits-error"), inputs: [] };
      const inputs = row[2] === "earned_on" ? [entry.year, entry.month, entry.day] : row[2] === "category" ? [entry.category]
        : row[2] === "units" ? [entry.units] : [entry.year, entry.category, entry.units];
      entry.errorRow.hidden = false;
      return { message: entry.errorText, inputs };
    }
    const total = /^credit_totals\[(\d+)\]/.exec(field);
    if (total) {
      const entry = asked.totals[Number(total[1])];
      return { message: byId("credits-error"), inputs: entry ? [entry.input] : [] };
    }
    const name = field === "credit_totals" ? "credits" : field;
    const message = byId(`${name}-error`);
    if (!message) return { message: null, inputs: [] };
    const fieldset = byId(`field-${name}`);
    const inputs = ["expires_on", "mypage_registered_on", "as_of"].includes(name) ? form.dateInputs(name)
      : fieldset ? [...fieldset.querySelectorAll("input")] : [];
    return { message, inputs };
  }

  function showErrors(errors, asked) {
    clearErrors();
    const list = byId("error-summary-list");
    list.replaceChildren();
    for (const error of errors) {
      const { message, inputs } = placeOf(error.field, asked);
      if (message) {
        message.textContent = message.textContent ? `${message.textContent} ${error.message}` : error.message;
        message.hidden = false;
      }
      markInvalid(inputs, message);
      const item = document.createElement("li");
      const target = inputs.find((input) => input.id);
      if (target) {
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
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }

  // A link in the summary moves focus to its field (the browser alone would only scroll).
  byId("error-summary-list").addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const target = link && byId(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });

  const cell = (text) => { const td = document.createElement("td"); td.textContent = String(text); return td; };
  const textOf = (item) => item.text;   // actions and warnings are {code, text}

  function listOf(id, items, checklist) {
    byId(id).replaceChildren(...items.map((entry) => {
      const item = document.createElement("li");
      if (checklist) {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        label.append(box, " ", textOf(entry));
        item.append(label);
      } else {
        item.textContent = textOf(entry);
      }
      return item;
    }));
  }

  // The credits not counted, each beside its row (the list keeps a short sentence too).
  function notesBeside(notCounted, asked) {
    const note = byId("result-period");
    for (const entry of notCounted || []) {
      const row = asked.rows[entry.row - 1];
      if (!row) continue;
      row.noteText.textContent = fill(note.dataset.rowNote, { message: entry.message });
      row.noteText.hidden = false;
      row.errorRow.hidden = false;
    }
  }

  function showInputs(result) {
    const target = byId("result-inputs");
    const expiry = result.expires_on ? fill(target.dataset.expiry, { date: dateLabel(result.expires_on) }) : "";
    target.textContent = fill(target.dataset.text, {
      certification: result.certification.name, procedure: result.procedure.label, expiry, as_of: result.as_of_label,
    });
  }

  function showResult(result, asked) {
    clearErrors();
    const heading = byId("result-heading");
    const verdict = result.verdict;
    // Each thing once: the heading, one sentence, then the steps after it (the verdict is
    // the checklist's first step, so the list starts at the second).
    heading.textContent = verdict.title;
    byId("result-verdict").textContent = verdict.text;
    byId("result-verdict").hidden = false;
    showInputs(result);
    // The state of the answer, worded in Python from the same state as the verdict.
    byId("result-status").textContent = `${result.as_of_label}：${result.status_label}`;
    const schedule = result.schedule;
    // No round left to apply in (expired, missed): no table of its dates. A calendar only
    // for days still to meet, where the physician can act without asking the association.
    byId("result-schedule").hidden = !schedule.actionable || result.status === "expired";
    byId("download-ics").hidden = byId("result-schedule").hidden || result.verdict.code === "contact_association";
    const steps = result.actions.slice(1);
    byId("result-steps").hidden = steps.length === 0;
    listOf("result-actions", steps, true);
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
    notesBeside(credits.not_counted, asked);
    const labels = result.schedule.labels;
    byId("result-estimated").hidden = !result.schedule.estimated;
    byId("result-round").textContent = labels.round;
    byId("result-apply").textContent = labels.apply_months;
    byId("result-opens").textContent = labels.opens_from;
    const applyBy = byId("result-apply-by");
    // Whose day it is: the association's closing day, an estimate, or the N-years limit of a
    // new application; and, once it is before the day checked, that it has passed.
    const applyByWords = { closing_day: applyBy.dataset.known, estimate: applyBy.dataset.estimated,
                           within_years: applyBy.dataset.within };
    applyBy.textContent = fill(applyByWords[schedule.apply_by_kind], { date: labels.apply_by })
      + (schedule.apply_by_passed ? applyBy.dataset.passed : "");
    byId("result-apply-by-reason").textContent = result.schedule.apply_by_reason;
    byId("result-approval").textContent = labels.approval_on;
    byId("result-certificate").textContent = labels.certificate_from + byId("result-certificate").dataset.suffix;
    byId("result-derivation").textContent = result.schedule.derivation || "";
    byId("checker-result").hidden = false;
    if (window.refreshPageFixes) window.refreshPageFixes(byId("checker-result"));
    // The answer first: the result at the top of the screen, its heading with focus (read out first).
    byId("checker-result").scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
    performance.mark("checker-result");
  }

  return { showErrors, showResult, clearErrors };
}
