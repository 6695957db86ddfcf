"""Every number and date in the rules has a sane range: a slip of the keyboard
(validity_years: 99999, a cutover on 0001-01-01, an official table for fiscal 2199)
stops the build with file, line and reason, and the last good site stays as it was.
Values at the edges of the ranges still give every physician an answer."""
import datetime as dt
import random
import re
import shutil
import subprocess
import sys

import pytest

from checker import evaluate
from loader import load_rules
from loader.compile import RULES_DIR
from rules_copies import snapshot
from rules_copies import edit, line_of, problems_of
from paths import ROOT


SLIPS = [
    ("occupational.yaml", "validity_years:\n  value: 5", "validity_years:\n  value: 99999", "value: 99999",
     "「value」の値99999が範囲（1〜10）の外です。"),
    ("schedule.yaml", "date: 2025-03-29", "date: 0001-01-01", "date: 0001-01-01",
     "「date」の「0001-01-01」は範囲（1990年〜2100年）の外です。"),
    ("schedule.yaml", "fiscal_year: 2025", "fiscal_year: 2199", "fiscal_year: 2199",
     "「fiscal_year」の値2199が範囲（1990〜2100）の外です。"),
    ("schedule.yaml", "apply_months: [2025-04]", "apply_months: [9999-04]", "apply_months: [9999-04]",
     "「apply_months」の「9999-04」は範囲（1990年〜2100年）の外です。"),
    ("sports.yaml", "      amount: 10000", "      amount: 10000000000", "amount: 10000000000",
     "「amount」の値10000000000が範囲（0〜1000000）の外です。"),
    ("occupational.yaml", "      value: 20", "      value: 20000", "value: 20000", "「value」の値20000が範囲（1〜1000）の外です。"),
    ("occupational.yaml", "apply_within_years_of_last_credit:\n      value: 5",
     "apply_within_years_of_last_credit:\n      value: 77", "value: 77", "「value」の値77が範囲（1〜10）の外です。"),
    ("sources.yaml", "checked_on: ", "checked_on: 1900-01-01 #", "checked_on: 1900-01-01",
     "「checked_on」の「1900-01-01」は範囲（1990年〜2100年）の外です。"),
]


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


@pytest.mark.parametrize("file,old,new,needle,reason", SLIPS)
def test_a_value_out_of_range_is_reported_with_file_and_line(rules_copy, file, old, new, needle, reason):
    path = rules_copy / file
    edit(path, old, new)
    problems = [str(p) for p in problems_of(rules_copy)]
    assert f"rules/{file}:{line_of(path, needle)}: {reason}" in problems, problems


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("ranges") / "site"
    done = subprocess.run([sys.executable, "build.py", "--site-dir", str(site), "--as-of", "2026-11-21"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return site, snapshot(site)


@pytest.mark.parametrize("file,old,new,needle,reason", SLIPS[:3], ids=["validity_years", "cutover", "fiscal_year"])
def test_the_build_stops_and_keeps_the_last_site(last_good_site, rules_copy, file, old, new, needle, reason):
    site, before = last_good_site
    path = rules_copy / file
    edit(path, old, new)
    failed = subprocess.run([sys.executable, "build.py", "--rules", str(rules_copy), "--site-dir", str(site),
                             "--as-of", "2026-11-21"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert failed.returncode == 1
    assert re.search(rf"rules/{re.escape(file)}:{line_of(path, needle)}: {re.escape(reason)}", failed.stderr), failed.stderr
    assert "Traceback" not in failed.stderr and "前回のサイトはそのままです" in failed.stderr
    assert snapshot(site) == before


def test_values_at_the_edges_still_answer_everyone(rules_copy):
    """The widest rules the ranges let through: no request meets an internal error."""
    edit(rules_copy / "occupational.yaml", "validity_years:\n  value: 5", "validity_years:\n  value: 10")
    edit(rules_copy / "sports.yaml", "validity_years:\n  value: 5", "validity_years:\n  value: 1")
    edit(rules_copy / "schedule.yaml", "date: 2025-03-29", "date: 1990-01-01")
    rules = load_rules(rules_copy)
    rng = random.Random(14)
    start = dt.date(1990, 1, 1)
    for _ in range(2000):
        as_of = start + dt.timedelta(days=rng.randint(0, 111 * 365))
        request = {"certification": rng.choice(["occupational", "sports"]), "procedure": rng.choice(["renewal", "new"]),
                   "expires_on": (start + dt.timedelta(days=rng.randint(0, 111 * 365))).isoformat(),
                   "as_of": as_of.isoformat(),
                   "credits": [{"earned_on": (as_of - dt.timedelta(days=rng.randint(0, 4000))).isoformat(),
                                "category": rng.choice(["更新研修", "再研修会", "前期研修"]), "units": 2}]}
        result = evaluate(request, rules)
        assert not result.get("internal_error"), request
