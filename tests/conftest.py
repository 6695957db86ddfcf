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
