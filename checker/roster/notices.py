"""Renewal notices: one printed A4 letter per member, from a checked roster.

Associations mail the renewal papers about four months before the expiry; the roster
already knows, for every member, the round, the months, the day to apply by and any
shortfall. Each letter is that member's own single check (`evaluate`, with its ordered
checklist), placed in the letter template `templates/notices/letter.html` with the print
styles `letter.css`. The words live there, not here; every value is escaped as text.

The same code makes the letters the roster page prints (the template travels in the
roster package) and the file `python -m checker notices` writes, so the two are equal.
"""
from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

from ..dates.japanese import date_ja
from ..dates.months import Month, parse_date
from ..words.advice import shortfall_details
from .cells import BIDI_CONTROLS, inert as _inert
from .check import Roster
from .letter_fit import fit, shown_name
from .reading import FileProblem

# Letters go, unless staff choose rows, to the members whose application months begin
# within this many months (this month included): the papers reach them about then.
WITHIN_MONTHS = 4
_PART = re.compile(r"<!-- part: (\w+) -->\n")
# In the browser the template sits in the package (checker/roster/notices/); in the
# repository, beside the page templates (templates/notices/).
_PLACES = (Path(__file__).resolve().parent / "notices",
           Path(__file__).resolve().parents[2] / "templates" / "notices")


def template_files() -> tuple[str, str]:
    """(letter.html, letter.css) as text, from wherever this package finds them."""
    for place in _PLACES:
        if (place / "letter.html").is_file():
            return ((place / "letter.html").read_text(encoding="utf-8"),
                    (place / "letter.css").read_text(encoding="utf-8"))
    raise FileNotFoundError("templates/notices/letter.html")


class _Escaped(dict):
    """The values a part is filled with (`fill` has escaped them): a name the caller gives
    no value for is left blank, as the address of a roster without that column."""

    def __missing__(self, key):
        return ""


class Letters:
    def __init__(self, rules, template: str | None = None, css: str | None = None):
        self.roster = Roster(rules)
        self.rules = self.roster.rules
        if template is None or css is None:
            template, css = template_files()
        chunks = _PART.split(template)
        self.parts = {name: body.strip("\n") for name, body in zip(chunks[1::2], chunks[2::2])}
        self.css = css

    def fill(self, part: str, **values) -> str:
        """The template `part` with `values`: strings escaped as text (and without
        bidirectional controls, which would print them reversed), `Markup` kept."""
        return self.parts[part].format_map(_Escaped(
            {key: value if isinstance(value, Markup) else html.escape(BIDI_CONTROLS.sub("", str(value)))
             for key, value in values.items()}))

    # -- who gets a letter ----------------------------------------------------------------
    @staticmethod
    def due(rows: list[dict], as_of: str, within_months: int = WITHIN_MONTHS) -> list[dict]:
        """Rows without errors whose application months begin within `within_months`
        months from `as_of`'s month (this month included)."""
        first = Month.of(parse_date(as_of))
        months = {(first + offset).iso() for offset in range(within_months)}
        return [row for row in rows if not row["errors"] and row["apply_months"] and row["apply_months"][0] in months]

    def members(self, data: bytes, rows: list[dict], as_of: str) -> list[dict]:
        """For each of `rows` (from `Roster.check` of `data`), its single check with
        sentences and its address cells, read again from the file by line."""
        if not rows:
            return []
        try:
            layout, body = self.roster.read(data)
        except FileProblem:   # a file Roster.check refused has no rows to write to
            return []
        cells_of = {number: layout.pad(cells) for number, cells in body}
        found = []
        for row in rows:
            cells = cells_of.get(row["line"])
            if cells is None:
                continue
            asked = self.roster.request(cells, layout, as_of)
            found.append({"row": row, "result": self.roster.evaluate(asked, sentences=True),
                          "mypage_known": asked.mypage_known,
                          "address": {key: cells[index].strip() for key, index in layout.address.items()}})
        return found

    # -- the letters ------------------------------------------------------------------------
    def letter(self, member: dict, as_of: str) -> str:
        result, address = member["result"], member["address"]
        rules = self.rules
        # The first step is the verdict: its heading, then its sentence (as the checker shows them).
        first, *rest = result["actions"]
        steps = [self.fill("first_step", title=result["verdict"]["title"], text=first["text"])]
        steps += [self.fill("step", text=item["text"]) for item in rest]
        if not member["mypage_known"]:   # the roster did not say: the step for those not registered yet
            steps.insert(0, self.fill("mypage_unknown", login_url=rules.mypage.login_url,
                                      delay_months=rules.mypage.delay_months))
        intro = ("intro_contact" if result["verdict"]["code"] == "contact_association"
                 else "intro_measure" if result["status"] == "special_measure" else "intro")
        values = {
            "id": member["row"]["id"], "id_fit": fit("id", member["row"]["id"]),
            "intro": Markup(self.fill(intro, expires_on=date_ja(parse_date(result["expires_on"]), False),
                                      ends_on=date_ja(parse_date(result["special_measure"]["ends_on"]), False)
                                      if result["special_measure"] else "")),
            "address_block": Markup(self.fill("address", **dict(address, name=shown_name(address["name"])),
                                              address_fit=fit("address", address["address"]),
                                              name_fit=fit("name", address["name"])) if any(address.values()) else ""),
            "as_of": date_ja(parse_date(as_of), False), "association": rules.edition.name,
            "certification": result["certification"]["name"], "expires_on": date_ja(parse_date(result["expires_on"])),
            "schedule": Markup(self._schedule(result)),
            "units": Markup(self._units(result["credits"]) if member["row"]["shortfall"] is not None else ""),
            "checklist": Markup("\n".join(steps)),
            "contacts": Markup("\n".join(self._contact(contact) for contact in self._desks())),
            "site": Markup(self.fill("site", url=rules.edition.site_url) if rules.edition.site_url else ""),
        }
        return self.fill("letter", **values)

    def _schedule(self, result: dict) -> str:
        """The round's rows: none where no round is left to apply in (the checklist says
        what to do), and a day to apply by that has passed said to have passed, never asked for."""
        schedule = result["schedule"]
        if not schedule["actionable"] or result["status"] == "expired":
            return self.fill("no_round")
        labels = schedule["labels"]
        apply_by = self.fill("estimated" if schedule["apply_by_estimated"] else "known", date=labels["apply_by"],
                             association=self.rules.edition.name)
        if schedule["apply_by_passed"]:
            apply_by = self.fill("passed", apply_by=Markup(apply_by))
        return self.fill("schedule", round=labels["round"], apply_months=labels["apply_months"],
                         apply_by=Markup(apply_by), approval_on=labels["approval_on"],
                         certificate_from=labels["certificate_from"], apply_by_reason=schedule["apply_by_reason"])

    def _units(self, credits: dict) -> str:
        shortfall = (self.fill("short", units=credits["shortfall_total"],
                               details=shortfall_details(credits, self.rules.messages))
                     if credits["shortfall_total"] else self.fill("enough"))
        return self.fill("units", counted=credits["counted_total"], required=credits["required_total"],
                         shortfall=Markup(shortfall))

    def _desks(self) -> list:
        desk = self.rules.edition.desk
        return ([desk] if desk else []) + list(self.rules.contacts)

    def _contact(self, contact) -> str:
        item = self.fill("contact", name=contact.name,
                         tel=Markup(self.fill("tel", tel=contact.tel) if contact.tel else ""),
                         hours=Markup(self.fill("hours", hours=contact.hours) if contact.hours else ""),
                         address=Markup(self.fill("address_line", address=contact.address) if contact.address else ""))
        if contact is self.rules.edition.desk and not (contact.address and contact.tel):
            # Where the desk's postal address or phone is in no source: say where to find them.
            where = ("desk_where_url" if contact.url else "desk_where")
            item += "\n" + self.fill(where, association=self.rules.edition.name, url=contact.url or "")
        return item

    def fragment(self, members: list[dict], as_of: str) -> str:
        """Every letter, one after another (what the roster page prints)."""
        return "\n".join(self.letter(member, as_of) for member in members)

    def document(self, members: list[dict], as_of: str) -> str:
        """One self-contained printable HTML file: the styles inside, no script, nothing
        loaded from anywhere."""
        title = html.escape(self.rules.messages.text("roster", "notices_title", association=self.rules.edition.name))
        return ("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{title}</title>\n<style>\n{self.css}\n</style>\n</head>\n<body>\n<main class=\"notices\">\n"
                f"{self.fragment(members, as_of)}\n</main>\n</body>\n</html>\n")

    def mail_merge_csv(self, members: list[dict]) -> str:
        """The selected members for a word processor's mail merge: UTF-8 with BOM, CRLF,
        formula-like cells made inert as in the roster's result CSV."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        keys = ("id", "name", "postal_code", "address", "certification", "expires_on", "round", "apply_months",
                "apply_by", "approval_on", "shortfall", "verdict")
        writer.writerow([self.roster.word(key) for key in keys])
        for member in members:
            row, address = member["row"], member["address"]
            cells = [row["id"], address.get("name", ""), address.get("postal_code", ""), address.get("address", ""),
                     row["certification"], row["expires_on"], row["round"], row["apply_label"], row["apply_by_label"],
                     row["approval_on"], "" if row["shortfall"] is None else row["shortfall"], row["verdict_title"]]
            writer.writerow([_inert(str(cell)) for cell in cells])
        return "\ufeff" + out.getvalue()


class Markup(str):
    """A piece of HTML this module made from the template (not escaped again)."""
