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
