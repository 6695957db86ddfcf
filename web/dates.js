// Dates as people type them in the checker's year / month / day boxes: full-width digits
// as an IME gives them, and the year also in 和暦 (令和9, R9, H31, 令和元). Reading a typed
// era year uses the one era table, Python's (checker/dates/japanese.py ERAS), handed to the page
// by the build; writing a date's era year is the browser's own Japanese calendar (Intl).

const normal = (text) => String(text).normalize("NFKC").trim();

// 令和9年, 令和元年: the era and year of the browser's Japanese calendar (UTC: the day as typed).
const eraFormat = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", timeZone: "UTC" });

export function makeDates(eras) {
  // eras: [{name: "令和", letter: "R", start: "2019-05-01"}, ...], the newest first.
  const named = new Map();
  eras.forEach((era, index) => {
    const first = Number(era.start.slice(0, 4));
    const next = index > 0 ? Number(eras[index - 1].start.slice(0, 4)) : Infinity;
    const entry = { name: era.name, first, last: next };
    named.set(era.name, entry);
    named.set(era.letter.toUpperCase(), entry);
  });
  const eraPattern = new RegExp(`^(${[...named.keys()].join("|")})\\s*(\\d{1,2}|元)\\s*年?$`, "i");

  // The year in a year box: {year} (a number), {empty}, {bare} (1-2 digits: which era?),
  // or {text} (anything else, passed on for the checker to name what is wrong).
  function readYear(raw) {
    const text = normal(raw);
    if (text === "") return { empty: true };
    if (/^\d{4}$/.test(text)) return { year: Number(text) };
    const match = eraPattern.exec(text);
    if (match) {
      const era = named.get(match[1].toUpperCase()) || named.get(match[1]);
      const number = match[2] === "元" ? 1 : Number(match[2]);
      const year = era.first + number - 1;
      if (number >= 1 && year <= era.last) return { year, era: true };
      return { text };
    }
    if (/^\d{1,2}$/.test(text)) return { bare: true, number: Number(text) };
    return { text };
  }

  // What a bare 「9」 probably means, in the newest era: 令和9年＝2027年.
  function suggestion(number) {
    const era = eras[0];
    return { era: era.name, letter: era.letter, number, year: Number(era.start.slice(0, 4)) + number - 1 };
  }

  // The three boxes → {value} for the request ("YYYY-MM-DD" when all are numbers, else the
  // parts joined for the checker to name the problem), {empty}, {partial} (a box left empty),
  // or {bare} for the year.
  function read(yearInput, monthInput, dayInput) {
    const year = readYear(yearInput.value);
    const month = normal(monthInput.value), day = normal(dayInput.value);
    if (year.empty && month === "" && day === "") return { empty: true };
    if (year.bare) return { bare: suggestion(year.number), typed: normal(yearInput.value) };
    if (year.empty || month === "" || day === "") return { partial: true };   // one box left empty
    const yearText = year.year != null ? String(year.year).padStart(4, "0") : normal(yearInput.value);
    if (year.year != null && /^\d+$/.test(month) && /^\d+$/.test(day)) {
      return { value: `${yearText}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`, era: year.era };
    }
    return { value: [yearText, month, day].join("-") };
  }

  return { read, readYear, eraYear };
}

// A date's era year for the note beside the boxes: 2027-03-31 → 令和9年, 2019-05-01 →
// 令和元年; "" where the browser has no Japanese calendar (the note is then left out).
export function eraYear(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!match || eraFormat.resolvedOptions().calendar !== "japanese") return "";
  return eraFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

// 2027-03-31 → 2027年3月31日 (the form's own echo of what was typed).
export function dateLabel(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  return match ? `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日` : "";
}

// Whether "YYYY-MM-DD" is a real day of the calendar.
export function isRealDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.getUTCMonth() === Number(match[2]) - 1 && day.getUTCDate() === Number(match[3]);
}
