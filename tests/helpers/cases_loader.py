"""Read every `tests/cases/*.yaml` file (dates stay strings, duplicate keys are refused).

A file may name the association edition its cases are for (`edition: saga`); without
one, the cases are for the default edition."""
from __future__ import annotations

from pathlib import Path

from loader import DEFAULT_EDITION
from loader.located_yaml import load_located

from case_format import merged_request

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"


def plain(value):
    """Located containers → plain dicts and lists (JSON-ready)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def all_cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        document = plain(load_located(path.read_text(encoding="utf-8"), f"tests/cases/{path.name}"))
        for case in document["cases"]:
            case = dict(case)
            case["id"] = f"{path.stem}::{case['name']}"
            case["edition"] = document.get("edition", DEFAULT_EDITION)   # the file's association edition
            case["request"] = merged_request(document.get("defaults"), case)
            cases.append(case)
    return cases
