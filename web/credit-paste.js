// Notebook stickers typed or pasted as lines of text, one sticker a line, from a
// spreadsheet (cells separated by tabs) or a note: 「2024/6/1 専門研修 2」. Each line
// becomes a credit row, or a problem naming the line and what could not be read in it.
// The words of the problems are the page's; this module only says which problem it is.

// One line's parts: a date (2024/6/1, 2024-06-01, 2024.6.1, 2024年6月1日, R6.6.1, 令和6年6月1日),
// a 区分 (its name, or the start of one name: 専門 → 専門研修), units (2, 1.5, 2単位). Any order.
const DATE = /^(.+?)[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?$/;
const UNITS = /^(\d+(?:\.\d+)?)(?:単位)?$/;

// {credits: [{earned_on, category, units}], problems: [{line, text, problem, values}]}
// `categories`: the 区分 the chosen title and procedure offer; `others`: those of the other
// titles and procedures (a line naming one of them says so); `dates`: makeDates(...).
export function readStickerLines(text, { categories, others, dates, isRealDate }) {
  const credits = [], problems = [];
  String(text).split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.normalize("NFKC").trim();
    if (line === "") return;
    const found = readLine(line, { categories, others, dates, isRealDate });
    if (found.problem) problems.push({ line: index + 1, text: raw.trim(), problem: found.problem, values: found.values || {} });
    else credits.push(found.credit);
  });
  return { credits, problems };
}

function readLine(line, { categories, others, dates, isRealDate }) {
  const parts = line.split(/[\s,、]+/).filter(Boolean);
  let date = null, category = null, units = null;
  const rest = [];
  for (const part of parts) {
    const dateMatch = DATE.exec(part);
    const unitsMatch = UNITS.exec(part);
    if (dateMatch && date === null) date = dateMatch;
    else if (unitsMatch && units === null) units = unitsMatch[1];
    else if (category === null && categoryOf(part, categories)) category = categoryOf(part, categories);
    else rest.push(part);
  }
  if (date === null) return { problem: "noDate" };
  const read = dates.read({ value: date[1] }, { value: date[2] }, { value: date[3] });
  if (!read.value || !isRealDate(read.value)) return { problem: "badDate", values: { date: date[0] } };
  if (category === null) {
    const other = rest.find((part) => others.includes(part));
    if (other) return { problem: "otherCategory", values: { category: other } };
    return { problem: rest.length ? "unknownCategory" : "noCategory", values: { category: rest[0] || "" } };
  }
  if (units === null) return rest.length ? { problem: "badUnits", values: { units: rest.join(" ") } } : { problem: "noUnits" };
  if (rest.length) return { problem: "extra", values: { extra: rest.join(" ") } };
  return { credit: { earned_on: read.value, category, units: Number(units) } };
}

// The 区分 a piece of a line names: the whole name, or the start of exactly one name.
function categoryOf(part, categories) {
  if (categories.includes(part)) return part;
  const starting = categories.filter((name) => part.length >= 2 && name.startsWith(part));
  return starting.length === 1 ? starting[0] : null;
}
