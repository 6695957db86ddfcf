"""What the page templates are given: the rules model, plus facts computed by the checker's code.

The schedule tables for the current and the next fiscal year, and the top page's
「いま、すること」, come from the same `ReviewSchedule` and windows that answer the checker,
so a page and the checker cannot disagree. Templates hold the guidance's own words; every
value and sentence of the rules reaches them from the model, and they name no title: they
loop over `certifications` (in titles.yaml's order) and each title's procedures, and what
is one title's own (the special measure, the paper record, a step the FAQ quotes) comes
from that title's rules. A new title needs its rules file, not a template edit.
"""
from __future__ import annotations

import datetime as dt
from markupsafe import Markup

from checker.words.situation_words import deadline_of
from checker.dates.japanese import ERAS, fiscal_year_ja, wareki_year
from checker.policy.measure import plan
from checker.rules.model import Rules
from checker.rules.model_common import PROCEDURES
from checker.roster.notices import WITHIN_MONTHS
from checker.dates.months import MAX_YEAR, MIN_YEAR, Month
from checker.interfaces.request import MAX_CREDIT_ROWS
from checker.roster.check import Roster

from .assets import runtime_bytes
from .scripts import inline_script
from .licenses import components as licenses


def checker_data(rules: Rules) -> dict:
    """What the checker form needs before Python is ready: for each title and procedure,
    the categories to offer and what to ask; the eras a typed year may be written in."""
    return {
        "forms": {key: {procedure.key: {"categories": list(procedure.categories),
                                        "needs_expiry": procedure.needs_expiry,
                                        "needs_activity": procedure.needs_activity,
                                        **({"activity_label": procedure.activity.label} if procedure.activity else {})}
                        for procedure in c.procedures.values()}
                  for key, c in rules.certifications.items()},
        "paper_labels": {key: c.paper_label for key, c in rules.certifications.items()},
        "mypage_deadline": rules.cutover.mypage_deadline.when.isoformat(),
        "eras": [{"name": name, "letter": letter, "start": start.isoformat()} for start, name, letter in ERAS],
        "years": {"min": MIN_YEAR, "max": MAX_YEAR},
        "max_credit_rows": MAX_CREDIT_ROWS,
    }


def per_title(rules: Rules, windows: list, today: dt.date) -> list[dict]:
    """One line per title's window, or a single line when every title shares its deadline;
    each with the window's state on `today` (`Window.state_on`, as the checker words it)."""
    keys = list(rules.certifications)
    if len({(w.round.approval, w.apply_by, w.opens_on) for w in windows}) == 1:
        return [{"who": None, "window": windows[0], "state": windows[0].state_on(today).value}]
    return [{"who": rules.certifications[key].short_name, "window": w, "state": w.state_on(today).value}
            for key, w in zip(keys, windows)]


def now_items(rules: Rules, today: dt.date) -> dict:
    """The top page's 「いま、すること」: the round whose months run on `today` (or the next
    one), in its state on that day, and the round after it, for each title."""
    schedule = rules.schedule
    current = [schedule.next_window(key, today) for key in rules.certifications]
    following = [schedule.next_window(key, window.round.months_end + dt.timedelta(days=1))
                 for key, window in zip(rules.certifications, current)]
    return {"current": per_title(rules, current, today), "following": per_title(rules, following, today)}


def first_round_deadlines(rules: Rules) -> list[dict]:
    """The edition's closing day of the first MAMIS-only round, for each title it gives one."""
    schedule = rules.schedule
    first = schedule.round_for_approval(rules.cutover.paper_form_abolished.when)
    windows = [(c.short_name, schedule.window(key, first)) for key, c in rules.certifications.items()]
    return [{"who": who, "window": w} for who, w in windows if w.closes_on]


def measure_plans(rules: Rules) -> dict[str, list[dict]]:
    """For each title with a special measure (認定産業医), for each of its groups: the latest
    round of each renewal it needs, made one after the other (checker/policy/measure.py, as the
    checker plans them)."""
    found = {}
    for key, certification in rules.certifications.items():
        measure = certification.special_measure
        if measure is None:
            continue
        plans = [(group, plan(rules.schedule, key, measure.ends_on, group.renewals_needed)) for group in measure.groups]
        found[key] = [{"group": group, "plan": windows, "estimated": any(w.apply_by_estimated for w in windows)}
                      for group, windows in plans]
    return found


def title_words(rules: Rules) -> dict:
    """What the pages say of all titles at once: each procedure's label (as the first title
    words it: the titles word their procedures alike), the paper records (手帳・修了証), and
    the titles with and without a special measure."""
    titles = list(rules.certifications.values())
    return {
        "procedure_labels": {key: titles[0].procedures[key].label for key in PROCEDURES},
        "paper_labels": list(dict.fromkeys(c.paper_label for c in titles)),
        "with_measure": [c for c in titles if c.special_measure],
        "without_measure": [c for c in titles if not c.special_measure],
    }


def schedule_tables(rules: Rules, today: dt.date) -> dict:
    schedule = rules.schedule
    official = [{
        "fiscal_year": table["fiscal_year"],
        "label": fiscal_year_ja(table["fiscal_year"], schedule.fiscal_year_start),
        "source": table.get("source"),
        "notes": table.get("notes") or [],
        "rows": [rnd.seed_cells() for rnd in schedule.rounds_in_fiscal_year(table["fiscal_year"])],
    } for table in rules.review.official_tables]
    this_year = schedule.fiscal_year(Month.of(today))
    keys = list(rules.certifications)
    computed = []
    for year in (this_year, this_year + 1):
        rounds = schedule.rounds_in_fiscal_year(year)
        estimated = [rnd.estimated for rnd in rounds]
        computed.append({
            "label": fiscal_year_ja(year, schedule.fiscal_year_start),
            "official": not any(estimated), "estimated": any(estimated), "mixed": any(estimated) and not all(estimated),
            "rows": [{"round": rnd, "lines": per_title(rules, [schedule.window(key, rnd) for key in keys], today)}
                     for rnd in rounds],
        })
    return {"official_tables": official, "computed_tables": computed}


def build_context(rules: Rules, today: dt.date, checker_assets: dict, freshness: dict | None = None) -> dict:
    roster = Roster(rules)
    return {
        "rules": rules,
        "today": today,
        "cutover": rules.cutover,
        "association": rules.edition,
        "certifications": {key: c.in_force(today) for key, c in rules.certifications.items()},
        "sources": rules.cited,   # the about page lists what this edition's rules cite
        "checked_on": rules.checked_on,
        "wareki_year": wareki_year,
        "message": lambda section, key, **values: rules.messages.text(section, key, association=rules.edition.name,
                                                                      **values),
        "fee_sentence": lambda fee: rules.messages.text("actions", "apply_fee", fee=fee.yen,
                                                        association=rules.edition.name),
        **schedule_tables(rules, today),
        "first_round_deadlines": first_round_deadlines(rules),
        "measure_plans": measure_plans(rules),
        **title_words(rules),
        "now": now_items(rules, today),
        "deadline": lambda window: deadline_of(window, rules.edition.name, rules.messages),
        "checker_assets": checker_assets,
        "checker_data": checker_data(rules),
        "checker_boot": Markup(inline_script("checker-boot.js")),
        "runtime_bytes": runtime_bytes(),
        "roster_template": checker_assets.get("roster_template", ""),
        "roster_headers": roster.headers(),
        "roster_not_registered": roster.word("not_registered"),
        "roster_columns": [{"key": key, "field": field, "label": label} for (key, field), label
                           in zip(Roster.RESULT_COLUMNS, roster.result_headers())],
        "status_labels": dict(rules.messages.section("status")),
        "notices_within_months": WITHIN_MONTHS,
        "licenses": licenses(),
        "freshness": freshness,
    }
