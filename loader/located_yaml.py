"""YAML loading that remembers where each value stood and refuses what YAML lets pass.

PyYAML silently keeps the last of two duplicate keys, turns `2025-02-30` into an
exception without a line number, and lets one value stand for another through anchors
and aliases (`&a` … `*a`, `<<: *a`), which hides what a line says and lets a few lines
expand into millions of values. Here dates stay strings (checked later, with their line),
a duplicate key, an anchor, an alias or a merge key is a problem with its line, and every
mapping and list remembers its file and the line of each of its values, so that a check
can say `schedule.yaml:42`. Problems are collected, not raised: one run reports them all.
"""
from __future__ import annotations

import yaml

from .problems import Problem, RulesError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class LocatedDict(dict):
    """A mapping with `file`, `line` (its own) and `lines[key]` (the line of each value)."""

    file: str | None = None
    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LocatedList(list):
    """A list with `file`, `line` (its own) and `lines[i]` (the line of each item)."""

    file: str | None = None
    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if isinstance(index, int) and 0 <= index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps or merge keys, with located containers,
    refusing anchors and aliases."""

    file_label = ""
    problems: list[Problem]

    def problem(self, mark, reason: str) -> None:
        self.problems.append(Problem(self.file_label, mark.line + 1, reason))

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.problem(event.start_mark, f"「*{event.anchor}」（別名）は使えません。値はその場所に書いてください。")
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.problem(event.start_mark, f"「&{anchor}」（アンカー）は使えません。値はその場所に書いてください。")
            event.anchor = None   # compose it as a plain value (no later alias can refer to it)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_TIMESTAMP, _MERGE)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.file, result.line = loader.file_label, node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            loader.problem(key_node.start_mark, "キーに一覧や組は使えません。")
            continue
        if key in result:
            loader.problem(key_node.start_mark, f"キー「{key}」が重複しています（最初は{result.lines[key]}行目）。")
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.file, result.line = loader.file_label, node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def load_located(text: str, file_label: str, problems: list[Problem] | None = None):
    """Parse one YAML document. Problems that leave the rest readable (a duplicate key, an
    anchor or alias) are appended to `problems` (without it: raised together at the end);
    one that stops the parser raises RulesError with its line."""
    loader = _Loader(text)
    found: list[Problem] = [] if problems is None else problems
    loader.file_label, loader.problems = file_label, found
    try:
        document = loader.get_single_data()
        if problems is None and found:
            raise RulesError(found)
        return document
    except RulesError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = f"YAMLとして読めません（{exc.problem or exc.context}）。"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            reason += f"{exc.context_mark.line + 1}行目から始まる部分の閉じ忘れや字下げを確認してください。"
        raise RulesError([Problem(file_label, line, reason)]) from None
    except yaml.YAMLError as exc:
        raise RulesError([Problem(file_label, 1, f"YAMLとして読めません（{exc}）。")]) from None
    finally:
        loader.dispose()
