// A date typed in 年 / 月 / 日 boxes (templates/_date_field.html.j2), as the checker's dates
// and the roster's 基準日 read it: the value for Python, the problems only a person can see
// (a bare 「9」, a box left empty), the 和暦 or 西暦 echoed beside the boxes, and an error
// shown beside the field (aria-invalid, aria-describedby).
import { makeDates, dateLabel, isRealDate } from "./dates.js";

// eras: the era table the build hands the page; words: the page's words element's data
// (bareYear, partialDate, era, western); fill: the engine's {name} filler.
export function dateFields(eras, words, fill) {
  const dates = makeDates(eras);
  const inputsOf = (prefix) => ["year", "month", "day"].map((part) => document.getElementById(`${prefix}-${part}`));

  // {value, problem}: value is "YYYY-MM-DD" (or the parts as typed, for Python to name what
  // is wrong), null for three empty boxes, undefined where `problem` says why not.
  function read(inputs, label) {
    const got = dates.read(...inputs);
    if (got.bare) return { problem: fill(words.bareYear, { label, typed: got.typed, ...got.bare }) };
    if (got.partial) return { problem: fill(words.partialDate, { label }) };
    return { value: got.empty ? null : got.value };
  }

  // Beside the boxes: 2027-03-31 typed as R9 shows （2027年3月31日）, typed as 2027 （令和9年）.
  function showEra(prefix) {
    const got = dates.read(...inputsOf(prefix));
    const target = document.getElementById(`${prefix}-wareki`);
    target.textContent = !got.value || !isRealDate(got.value) ? ""
      : got.era ? fill(words.western, { date: dateLabel(got.value) }) : fill(words.era, { year: dates.eraYear(got.value) });
  }

  // "YYYY-MM-DD" into the boxes (a shared link), as a person would type it.
  function set(prefix, value) {
    const [year, month, day] = (typeof value === "string" ? value : "").split("-");
    const [y, m, d] = inputsOf(prefix);
    y.value = year || "";
    m.value = month ? String(Number(month) || month) : "";
    d.value = day ? String(Number(day) || day) : "";
    showEra(prefix);
  }

  return { dates, inputsOf, read, showEra, set };
}

// The inputs marked as wrong, each described by `message` (the error beside the field).
export function markInvalid(inputs, message) {
  for (const input of inputs) {
    input.setAttribute("aria-invalid", "true");
    const described = input.getAttribute("aria-describedby") || "";
    if (message && message.id && !described.split(" ").includes(message.id)) {
      input.setAttribute("aria-describedby", `${described} ${message.id}`.trim());
    }
  }
}
