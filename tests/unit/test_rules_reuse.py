"""What the checker works out once per rules object (the schedule, the labels, each
round's part of the result) belongs to that object: other rules never get a stale copy,
and no result shares a part that a caller could change under the next one."""
import copy

from checker import evaluate

REQUEST = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
           "as_of": "2026-11-21", "credit_totals": [{"category": "更新研修", "source": "mamis", "units": 4}]}


def test_changed_rules_give_their_own_words_and_the_first_rules_keep_theirs(rules):
    before = evaluate(REQUEST, rules)
    changed = copy.deepcopy(rules)
    changed["messages"]["status"][before["status"]] = "変更した状況の文です"
    changed["messages"]["labels_result"]["mamis"] = "変更したMAMISの見出しです"
    changed["certifications"]["occupational"]["procedures"]["renewal"]["minimums"]["更新研修"]["value"] = 9
    after = evaluate(REQUEST, changed)
    assert "変更した状況の文です" in after["status_label"]   # (a later round named: with which and why)
    assert after["credits"]["source_labels"]["mamis"] == "変更したMAMISの見出しです"
    assert after["credits"]["by_category"]["更新研修"]["shortfall"] == 5
    assert evaluate(REQUEST, rules) == before


def test_a_changed_result_does_not_change_the_next_one(rules):
    first = evaluate(REQUEST, rules)
    expected = copy.deepcopy(first)
    first["schedule"]["labels"]["round"] = "changed"
    first["schedule"]["apply_months"].append("changed")
    first["credits"]["source_labels"]["mamis"] = "changed"
    assert evaluate(REQUEST, rules) == expected
