"""The same YAML cases, their calendars and rosters inside real Pyodide (the pinned npm
package) under Node, on the trimmed standard library the site serves: every case passes,
every result equals the CPython one, and Python reads the same modules as on the stock library."""
import datetime as dt
import io
import json
import zipfile

import pytest

from cases_loader import all_cases
from checker import evaluate
from checker.interfaces.ics import calendar
from checker.roster.check import Roster
from checker.roster.notices import Letters
from pyodide_node import AS_OF, roster_files, rules_by_edition, run_in_pyodide
from sitegen.stdlib import listed_files, stdlib_zip, stock_zip


@pytest.fixture(scope="module")
def trimmed():
    return stdlib_zip()


@pytest.fixture(scope="module")
def editions_rules():
    return rules_by_edition()


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory, editions_rules, trimmed):
    return all_cases(), run_in_pyodide(tmp_path_factory.mktemp("pyodide"), editions_rules, trimmed)


def test_it_really_ran_in_pyodide_on_the_trimmed_library(pyodide_run, trimmed):
    cases, output = pyodide_run
    assert "Emscripten" in output["python"] or "3.14" in output["python"], output["python"]
    assert len(output["results"]) == len(cases) > 100
    shipped = set(zipfile.ZipFile(io.BytesIO(trimmed)).namelist())
    read = set(output["stdlib_read"])
    assert read <= shipped and all(name.endswith(".pyc") for name in read)   # bytecode, from this zip
    assert len(shipped) == len(listed_files()) < len(zipfile.ZipFile(stock_zip()).namelist()) / 3


@pytest.mark.shipped_rules
def test_every_case_passes_in_pyodide(pyodide_run):
    cases, output = pyodide_run
    failing = {case_id: r["mismatches"] for case_id, r in output["results"].items() if r["mismatches"]}
    assert failing == {}


def test_pyodide_gives_the_same_results_as_cpython(pyodide_run, editions_rules):
    cases, output = pyodide_run
    different = [case["id"] for case in cases if output["results"][case["id"]]["result"]
                 != json.loads(json.dumps(evaluate(case["request"], editions_rules[case["edition"]])))]
    assert different == []


def test_pyodide_writes_the_same_calendars_as_cpython(pyodide_run, editions_rules):
    cases, output = pyodide_run
    stamp = dt.datetime(2026, 11, 21, tzinfo=dt.timezone.utc)
    written = [case["id"] for case in cases if output["results"][case["id"]]["ics"]]
    assert len(written) > 50
    for case in cases:
        if case["id"] in written:
            rules = editions_rules[case["edition"]]
            assert output["results"][case["id"]]["ics"] == calendar(evaluate(case["request"], rules), rules, now=stamp)


def test_pyodide_checks_every_roster_as_cpython_does(pyodide_run, rules):
    _, output = pyodide_run
    roster = Roster(rules)
    letters = Letters(rules)
    for (name, data), shown in zip(roster_files().items(), output["rosters"], strict=True):
        checked = json.loads(json.dumps(roster.check(data, AS_OF)))
        assert shown["checked"] == checked, name
        assert shown["csv"] == roster.to_csv(checked["rows"], AS_OF, source=data), name
        members = letters.members(data, Letters.due(checked["rows"], AS_OF), AS_OF)
        assert shown["letters"] == letters.document(members, AS_OF), name
    assert [len(r["checked"]["rows"]) for r in output["rosters"]] == [200, 200, 200, 0, 0]


def test_a_python_error_is_shown_with_its_traceback(pyodide_run):
    _, output = pyodide_run
    assert "ZeroDivisionError" in output["error_shown"] and "Traceback" in output["error_shown"]


def test_python_read_the_same_library_modules_as_on_the_stock_one(pyodide_run, tmp_path_factory, editions_rules):
    """The whole run again on the stock library: the trimmed one must give Python every
    module it read there (code that swallows an ImportError would otherwise run on
    quietly without one), and sitegen/stdlib_files.txt must be that list, no more."""
    _, output = pyodide_run
    stock_run = run_in_pyodide(tmp_path_factory.mktemp("stock"), editions_rules, None)
    assert [name.removesuffix("c") for name in output["stdlib_read"]] == stock_run["stdlib_read"]
    assert listed_files() == stock_run["stdlib_read"], "run `make stdlib-files`"
    assert stock_run["results"] == output["results"] and stock_run["rosters"] == output["rosters"]
