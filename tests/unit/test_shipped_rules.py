"""The shipped rules' own values, pinned to their sources.

The tests here pin what the seeds and the public texts say (the FY2025 table, the cutover
dates, Kyoto's first closing day, the three editions), so that an edit which changes a
sourced value is noticed. Adding a year's table or an edition's closing days changes none
of them: they run on every copy of the rules (tests/unit/test_staff_edits.py runs them on one).
The checker's answers on the shipped rules (tests/cases/, a few page tests) are pinned
too, but change when a year is added: they carry the `shipped_rules` mark (tests/helpers/pinned.py).
Every other test reads what it expects from the rules."""
from loader import editions, load_rules


def test_the_official_table_has_the_seeds_six_rows_of_2025(rules):
    first = rules["review"]["official"][0]
    assert first["fiscal_year"] == 2025
    assert [row["approval"] for row in first["rounds"]] == ["2025-05", "2025-07", "2025-09", "2025-11", "2026-01",
                                                            "2026-03"]
    assert first["rounds"][0]["apply_months"] == ["2025-04"]   # April only: MAMIS opened on 04-07


def test_the_seeds_cutover_dates(rules):
    cutover = rules["cutover"]
    assert [cutover[key]["date"] for key in ("mypage_deadline", "last_paper_seminar", "mamis_credits_from",
                                             "mamis_opens")] == ["2025-03-29", "2025-03-31", "2025-04-01", "2025-04-07"]
    assert cutover["paper_form_abolished"]["month"] == "2025-05"


def test_every_shipped_edition_loads_and_names_its_association():
    names = {edition: load_rules(edition=edition)["prefecture"]["association"]["name"] for edition in editions()}
    assert names == {"kyoto": "京都府医師会", "saga": "佐賀県医師会", "kanagawa": "神奈川県医師会"}


def test_kyotos_closing_day_is_the_seeds(rules):
    assert rules["prefecture"]["deadlines"][0]["rounds"] == [{"round": 1, "closes_on": "2025-04-15"}]


def test_no_value_of_the_shipped_rules_is_dated(rules):
    """No source shows a fee, total or cap that changes on a date: none is written so."""
    assert '"values"' not in repr(rules).replace("'", '"')
