"""Editing a copy of rules/ in a test, and reading what the loader says of it."""
import hashlib
from pathlib import Path

import pytest

from loader import RulesError, load_rules


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def problems_of(rules_dir, edition="kyoto"):
    with pytest.raises(RulesError) as caught:
        load_rules(rules_dir, edition=edition)
    return caught.value.problems


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
