import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pytest


@pytest.fixture(scope="session")
def rules():
    from loader import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def rules_of():
    """The compiled rules of an edition, compiled once per edition."""
    from loader import load_rules

    compiled = {}

    def of(edition: str) -> dict:
        if edition not in compiled:
            compiled[edition] = load_rules(edition=edition)
        return compiled[edition]

    return of


def pytest_collection_modifyitems(config, items):
    """On a copy of the rules (NINTEII_RULES_DIR, as tests/test_staff_edits.py runs them),
    the tests that pin the shipped rules' own values do not apply: every other test reads
    what it expects from the rules."""
    if not os.environ.get("NINTEII_RULES_DIR"):
        return
    skip = pytest.mark.skip(reason="pins the shipped rules (NINTEII_RULES_DIR names another copy)")
    for item in items:
        if item.get_closest_marker("shipped_rules"):
            item.add_marker(skip)
