"""Building `model.Rules` from the compiled rules dict, checking its shape on the way.

The YAML is validated line by line by `loader/`; a rules JSON handed to the command line
(`--rules rules.json`) or edited by hand has no lines, so here every missing or mistyped
entry raises `RulesDataError` naming its path (`certifications.occupational.name`) in
Japanese. Nothing later indexes the dict, so nothing later can fail on it.
"""
from __future__ import annotations

import datetime as dt

from . import model as m
from .messages import MESSAGE_FIELDS, Messages
from .months import Month, parse_date

MIN_YEAR, MAX_YEAR = 2000, 2100   # rule dates outside this are a mistake, not a rule (YAML and JSON alike)


class RulesDataError(ValueError):
    """The compiled rules are not in the shape the checker reads (message in Japanese)."""


class _At:
    """A value of the compiled dict and the path that leads to it (for the message)."""

    def __init__(self, value, path: str):
        self.value, self.path = value, path

    def fail(self, what: str):
        raise RulesDataError(f"ルールのデータの「{self.path or '（全体）'}」{what}")

    def __getitem__(self, key: str) -> "_At":
        if not isinstance(self.value, dict):
            self.fail("は「名前: 値」の組ではありません。")
        if key not in self.value:
            _At(None, f"{self.path}.{key}" if self.path else key).fail("がありません。")
        return _At(self.value[key], f"{self.path}.{key}" if self.path else key)

    def get(self, key: str) -> "_At | None":
        if not isinstance(self.value, dict):
            self.fail("は「名前: 値」の組ではありません。")
        return self[key] if self.value.get(key) is not None else None

    def items(self):
        if not isinstance(self.value, dict):
            self.fail("は「名前: 値」の組ではありません。")
        return [(key, self[key]) for key in self.value]

    def list(self) -> list["_At"]:
        if not isinstance(self.value, list):
            self.fail("は一覧ではありません。")
        return [_At(item, f"{self.path}[{index}]") for index, item in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value:
            self.fail("は文字列ではありません。")
        return self.value

    def integer(self, low: int, high: int) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int) or not low <= self.value <= high:
            self.fail(f"は{low}から{high}までの整数にしてください。")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("は true か false にしてください。")
        return self.value

    def date(self) -> dt.date:
        try:
            day = parse_date(self.text())
        except ValueError:
            self.fail("は YYYY-MM-DD の日付ではありません。")
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.fail(f"は{MIN_YEAR}年から{MAX_YEAR}年までの日付にしてください。")
        return day

    def month(self) -> Month:
        text = self.text()
        try:
            month = Month.parse(text)
        except ValueError:
            self.fail("は YYYY-MM の年月ではありません。")
        if not (1 <= month.month <= 12 and MIN_YEAR <= month.year <= MAX_YEAR):
            self.fail("は正しい年月ではありません。")
        return month


def _opt_text(node: _At, key: str) -> str | None:
    child = node.get(key)
    return child.text() if child else None


def _source(node: _At):
    child = node.get("source")
    return child.value if child else None


def _value(node: _At | None):
    return node.value if node else None


def _cited(node: _At | None) -> m.Cited | None:
    if node is None:
        return None
    return m.Cited(node["text"].text(), _source(node), _opt_text(node, "derived"))


def _contact(node: _At) -> m.Contact:
    return m.Contact(node["name"].text(), node["purpose"].text(), _opt_text(node, "tel"),
                     _opt_text(node, "hours"), _opt_text(node, "url"), _source(node))


def build(cls, compiled) -> m.Rules:
    if not isinstance(compiled, dict):
        raise RulesDataError("ルールのデータは「名前: 値」の組（JSONのオブジェクト）で渡してください。")
    top = _At(compiled, "")
    messages = top["messages"]
    for section, keys in MESSAGE_FIELDS.items():
        for key in keys:
            messages[section][key].text()
    edition = _edition(top, top["prefecture"])
    cutover = top["cutover"]
    return cls(
        checked_on=top["checked_on"].date(),
        cutover=m.Cutover(*(m.Day(key, cutover[key]["date"].date() if kind == "date" else cutover[key]["month"].month(),
                                  _opt_text(cutover[key], "label"), _source(cutover[key]))
                            for key, kind in (("mypage_deadline", "date"), ("last_paper_seminar", "date"),
                                              ("mamis_credits_from", "date"), ("mamis_opens", "date"),
                                              ("paper_form_abolished", "month")))),
        review=_review(top["review"]),
        certifications={key: _certification(key, node, edition) for key, node in top["certifications"].items()},
        mypage=_mypage(top["mypage"]),
        edition=edition,
        messages=Messages(messages.value),
        application=_application(top.get("application")),
        contacts=tuple(_contact(node) for node in (top.get("contacts").list() if top.get("contacts") else [])),
        sources=compiled.get("sources") or {},
    )


def _review(node: _At) -> m.Review:
    rule, apply_by = node["rule"], node["apply_by"]
    committee = node["committee"]
    official, tables = {}, []
    for table in node["official"].list():
        fiscal_year = table["fiscal_year"].integer(MIN_YEAR, MAX_YEAR)
        rows = []
        for row in table["rounds"].list():
            approval = row["approval"].month()
            months = [month.month() for month in row["apply_months"].list()]
            row["expires_around"].month(), row["certificate_from"].month(), row["round"].integer(1, 12)
            if not months:
                row["apply_months"].fail("に申請月がありません。")
            official[approval] = row.value
            rows.append(row.value)
        tables.append({"fiscal_year": fiscal_year, "source": _source(table), "rounds": rows})
    offsets = tuple(item.integer(-12, 0) for item in rule["apply_offsets"].list())
    if not offsets:
        rule["apply_offsets"].fail("が空です。")
    months = tuple(item.integer(1, 12) for item in committee["months"].list())
    if not months:
        committee["months"].fail("が空です。")
    return m.Review(
        committee_months=months,
        fiscal_year_start=node["fiscal_year_starts_month"].integer(1, 12),
        expires_offset=rule["expires_offset"].integer(0, 12),
        apply_offsets=offsets,
        certificate_offset=rule["certificate_offset"].integer(0, 12),
        derivation=rule["derived"].text(),
        apply_by_month=apply_by["apply_month"].integer(1, len(offsets)),
        apply_by_derivation=apply_by["derived"].text(),
        official=official,
        official_tables=tuple(tables),
        notes={key: _cited(entry) for key, entry in node["notes"].items()},
        committee_label=_opt_text(committee, "label"),
        sources={"committee": _source(committee), "fiscal_year": _value(node.get("fiscal_year_source")),
                 "rule": _source(rule), "apply_by": _source(apply_by)},
    )


def _certification(key: str, node: _At, edition: m.Edition) -> m.Certification:
    measure = node.get("special_measure")
    paper = node["paper_record"]
    return m.Certification(
        key=key, name=node["name"].text(), short_name=node["short_name"].text(),
        paper_label=paper["label"].text(),
        validity_years=node["validity_years"]["value"].integer(1, 10),
        procedures={name: _procedure(name, proc, key, edition) for name, proc in node["procedures"].items()},
        special_measure=_measure(measure) if measure else None,
        paper_text=_opt_text(paper, "text"),
        unit=_cited(node.get("unit")),
        categories=(node.get("categories").value if node.get("categories") else {}),
        sources={"validity": _source(node["validity_years"]), "paper": _source(paper)},
    )


def _procedure(key: str, node: _At, certification: str, edition: m.Edition) -> m.Procedure:
    if key not in ("renewal", "new"):
        node.fail("は renewal（更新申請）か new（新規申請）にしてください。")
    minimums = tuple((name, entry["value"].integer(0, 1000)) for name, entry in node["minimums"].items())
    if not minimums:
        node["minimums"].fail("に区分がありません。")
    local = edition.submission.get(certification)
    steps = []
    for document in node["documents"].list():
        step_id = _opt_text(document, "id")
        if step_id == "submission":
            steps.append(m.Step("apply_submission", local.text, local.source, True, step_id) if local
                         else m.Step("apply_submission", document["text"].text(), _source(document), id=step_id))
        else:
            steps.append(m.Step("apply_step", document["text"].text(), _source(document), id=step_id))
    within = node.get("apply_within_years_of_last_credit")
    fee = node.get("fee")
    total = node["total"]
    return m.Procedure(
        key=key, label=node["label"].text(), training=node["training"].text(),
        counts_within_validity=node["counts_within_validity"].boolean(),
        total=total["value"].integer(1, 1000),
        minimums=minimums,
        steps=tuple(steps),
        facts=tuple(_cited(item) for item in (node.get("facts").list() if node.get("facts") else [])),
        conditions=tuple(_cited(item) for item in node["conditions_not_checked"].list()),
        total_derived=_opt_text(total, "derived"),
        activity=_cited(node.get("activity_required")),
        within_years=within["value"].integer(1, 50) if within else None,
        within_text=_cited(within) if within and within.get("text") else None,
        fee=m.Fee(fee["amount"].integer(0, 1_000_000), fee["text"].text(), _source(fee)) if fee else None,
        sources={"total": _source(total), "validity": _value(node.get("counts_within_validity_source")),
                 "minimums": {name: _source(entry) for name, entry in node["minimums"].items()}},
    )


def _measure(node: _At) -> m.SpecialMeasure:
    groups = tuple(m.MeasureGroup(g["group"].integer(1, 9), g["expires_from"].date(), g["expires_to"].date(),
                                  g["renewals_needed"].integer(1, 5)) for g in node["groups"].list())
    if not groups:
        node["groups"].fail("が空です。")
    more = node.get("more_sources")
    return m.SpecialMeasure(
        label=node["label"].text(), expired_from=node["expired_from"].date(), ends_on=node["ends_on"].date(),
        groups=groups, text=node["text"].text(), expiry_unchanged=node["expiry_unchanged"].text(),
        ending=node["ending"].text(), source=_source(node), more_sources=tuple(more.value) if more else ())


def _edition(top: _At, node: _At) -> m.Edition:
    association = node["association"]
    deadlines = {}
    for table in (node.get("deadlines").list() if node.get("deadlines") else []):
        certification = table["certification"].text()
        fiscal_year = table["fiscal_year"].integer(MIN_YEAR, MAX_YEAR)
        for row in table["rounds"].list():
            opens = row.get("opens_on")
            deadlines[(certification, fiscal_year, row["round"].integer(1, 12))] = m.Deadline(
                row["closes_on"].date(), opens.date() if opens else None, _opt_text(table, "note"), _source(table))
    notes = tuple((_opt_text(item, "certification"), _opt_text(item, "procedure"), _cited(item))
                  for item in (node.get("notes").list() if node.get("notes") else []))
    desk = node.get("desk")
    return m.Edition(
        key=top.value.get("edition") or "kyoto", name=association["name"].text(),
        short_name=association["short_name"].text(), desk=_contact(desk) if desk else None,
        submission={key: _cited(entry) for key, entry in (node.get("submission").items() if node.get("submission") else [])},
        deadlines=deadlines, notes=notes,
        contacts=tuple(_contact(item) for item in (node.get("contacts").list() if node.get("contacts") else [])),
        source=_source(association), site_url=_opt_text(node, "site_url"))


def _mypage(node: _At) -> m.MyPage:
    delay = node["registration_delay"]
    return m.MyPage(
        login_url=node["login_url"]["value"].text(), delay_months=delay["months"].integer(0, 12),
        without_mypage=_cited(node["without_mypage"]),
        delay_text=m.Cited(delay["text"].text(), _source(delay)) if delay.get("text") else None,
        already_done=_cited(node.get("already_done")),
        steps=node.get("steps").value if node.get("steps") else {})


def _application(node: _At | None) -> m.Application | None:
    if node is None:
        return None
    notice = node["renewal_notice"]
    return m.Application(_cited(node["where_to_apply"]), _cited(notice), notice["months_before"].integer(1, 12),
                         _cited(node["registered_info"]))
