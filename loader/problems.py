"""Problems found in the rules, each tied to a file and a line.

Association staff edit the YAML, so every message is Japanese and says where to look.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class RulesError(Exception):
    """Raised when one or more rule files are wrong; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line))
        super().__init__(self.report())

    def report(self) -> str:
        head = f"ルールファイルに{len(self.problems)}件の誤りがあります。"
        return "\n".join([head] + [str(p) for p in self.problems])
