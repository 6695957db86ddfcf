"""知っておくこと: the facts beside the checklist (`warnings`), most urgent first.

Timing first (a late round, the special measure, a マイページ not ready in time, a
deadline that is only an estimate), then what was and was not counted, then the rules'
own facts about the procedure, then general notes. Each entry is `{code, text}`.
"""
from __future__ import annotations

from ..dates.japanese import month_ja
from ..dates.months import Month
from ..policy.situation import Situation
from ..policy.verdict import contact_reason
from ..rules.state import Status
from .situation_words import Words, day, deadline_of

W = "warnings"


def warnings(s: Situation, words: Words) -> list[dict]:
    found: list[tuple[str, str]] = []
    add = lambda code, text: found.append((code, text))  # noqa: E731 - short local helper
    blocked = contact_reason(s)
    _timing(s, words, add, blocked)
    _counting(s, words, add)
    _schedule_facts(s, words, add)
    _procedure_facts(s, add, blocked)
    return [{"code": code, "text": text} for code, text in found]


def _timing(s: Situation, words: Words, add, blocked: str | None) -> None:
    window, rules = s.window, s.rules
    if s.choice.late:
        rec = s.choice.recommended
        key = "late_round_mypage" if s.choice.late_for_mypage(s.as_of) else "late_round"
        add("late_round", words.text(W, key, recommended=rec.labels["round"],
                                     recommended_months=rec.labels["apply_months"], round=window.labels["round"],
                                     approval_on=window.labels["approval_on"]))
    _measure(s, words, add)
    if s.status is not Status.EXPIRED:
        # What the association says of its own days stays beside the round, whatever its state
        # (Kanagawa's members apply by their 郡市医師会's day, also once the non-members' has passed).
        if window.note and s.choice.actionable:
            add("deadline_note", window.note)
        for note in rules.edition.notes_for(s.certification.key, s.procedure.key):
            add("edition_note", note.text)
    if not blocked:
        if s.mypage_too_late:
            key = "mypage_late_for_estimate" if window.apply_by_estimated else "mypage_late_for_window"
            add("mypage_late_for_window", words.text(W, key, closes_on=day(s.apply_by, False)))
        if s.window_state in (Status.UPCOMING, Status.OPEN) and not window.opens_known \
                and s.as_of < window.round.apply_months[0].last_day():
            add("opens_estimated", words.text(W, "opens_estimated"))
        if s.eligibility.within_limit is not None:
            add("within_years", words.text(W, "within_years", last_on=day(s.eligibility.last_credit_on, False),
                                           years=s.procedure.within_years, limit=day(s.eligibility.within_limit)))
        if s.procedure.needs_expiry and s.status in (Status.UPCOMING, Status.OPEN) and rules.application:
            add("renewal_notice", rules.application.renewal_notice.text)
    mypage = s.mypage
    if mypage["registered"] and not mypage["ready"] and mypage["case"] != "by_deadline":
        add("mypage_pending", words.text(W, "mypage_pending", ready_on=day(s.ready_on)))
    if mypage["case"] == "between":
        cutover = rules.cutover
        add("mypage_between", words.text(W, "mypage_between", registered_on=day(s.request.mypage_registered_on, False),
                                         deadline=day(cutover.mypage_deadline.when, False),
                                         opens_on=day(cutover.mamis_opens.when, False)))
    if not mypage["registered"]:
        add("without_mypage", rules.mypage.without_mypage.text)


def _measure(s: Situation, words: Words, add) -> None:
    rule = s.certification.special_measure
    measure = s.measure
    if measure is None:
        if s.measure_possible:
            add("measure_possible", words.text(W, "measure_possible", label=rule.label,
                                               ends_on=day(rule.ends_on, False)))
        return
    values = {"label": rule.label, "title": s.certification.short_name, "ends_on": day(measure.ends_on, False),
              "renewals": measure.group.renewals_needed, "next_expires_on": day(measure.next_expires_on, False)}
    if not measure.active:
        add("special_measure_ended", words.text(W, "special_measure_ended", **values))
        return
    if s.eligibility.complete_at_expiry:
        return   # the verdict says the sources do not decide whether the measure covers this case
    add("special_measure", words.text(W, "special_measure", **values))
    # The expiry after the (first) renewal: one already past is not written as one to come.
    if measure.next_expires_on < s.as_of:
        add("special_measure_next", words.text(W, "special_measure_next_passed", **values))
    else:
        add("special_measure_next", words.text(
            W, "special_measure_next_first" if measure.twice else "special_measure_next", **values))
    if measure.twice:
        add("special_measure_twice", words.text(W, "special_measure_twice", **values))
    last = measure.last_window
    if s.choice.actionable and last.state_on(s.as_of) is not Status.MISSED:
        key = "special_measure_first_last_round" if measure.twice else "special_measure_last_round"
        add("special_measure_last_round", words.text(
            W, key, round=last.labels["round"], apply_months=last.labels["apply_months"],
            last_deadline=deadline_of(last, s.association, s.rules.messages), **values))


def _counting(s: Situation, words: Words, add) -> None:
    credits, rules = s.credits, s.rules
    for reason in ("outside_validity", "future"):
        rows = [str(entry["row"]) for entry in credits["not_counted"] if entry["reason"] == reason]
        if not rows:
            continue
        if reason == "outside_validity":
            start, end = credits["period_label"].split("〜")
            add("outside_validity", words.text(W, "outside_validity", start=start, end=end, rows="・".join(rows)))
        else:
            add("future_credit", words.text(W, "future_credit", as_of=day(s.as_of, False), rows="・".join(rows)))
    if s.measure_active and not s.eligibility.complete_at_expiry:
        add("measure_units", words.text(W, "measure_units", ends_on=day(s.measure.ends_on, False)))
    if s.request.credit_totals and credits["period"] is not None:
        add("totals_as_given", words.text(W, "totals_as_given"))
    if s.eligibility.activity == "unknown":
        add("activity_unknown", words.text(W, "activity_unknown"))
    if credits["by_source"]["notebook"] > 0:
        add("keep_paper", words.text(W, "keep_paper", paper=s.certification.paper_label,
                                     last_paper_day=day(rules.cutover.last_paper_seminar.when, False)))


def _schedule_facts(s: Situation, words: Words, add) -> None:
    if s.status is Status.EXPIRED:
        return   # no round to apply in: notes about the old one would only confuse
    rnd = s.window.round
    if s.choice.moved_earlier:
        add("even_month", words.text(W, "even_month", month=month_ja(Month.of(s.request.expires_on))))
    if rnd.estimated:   # how it was derived is said once, under the schedule table
        add("estimated_schedule", words.text(W, "estimated_schedule"))
    if rnd.before_mamis:
        add("before_mamis", words.text(W, "before_mamis", approval=month_ja(rnd.approval)))


def _procedure_facts(s: Situation, add, blocked: str | None) -> None:
    rules = s.rules
    for fact in s.procedure.facts:
        add("fact", fact.text)
    for condition in s.procedure.conditions:
        add("condition_not_checked", condition.text)
    if rules.application:
        add("where_to_apply", rules.application.where_to_apply.text)
        add("registered_info", rules.application.registered_info.text)
    notes = rules.review.notes
    if s.status is not Status.EXPIRED and "prefecture_deadlines_differ" in notes:
        add("prefecture_deadlines_differ", notes["prefecture_deadlines_differ"].text)
    if not s.window.round.estimated and "may_take_longer" in notes:
        add("may_take_longer", notes["may_take_longer"].text)
