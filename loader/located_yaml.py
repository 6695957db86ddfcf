"""YAML loading that remembers where each value stood and refuses what YAML lets pass.

PyYAML silently keeps the last of two duplicate keys and turns `2025-02-30` into an
exception without a line number. Here dates stay strings (validated later, with their
line), duplicate keys are an error, and every mapping and list remembers the line of
each of its values so that validation can say `schedule.yaml:42`.
"""
from __future__ import annotations

import yaml

from .problems import Problem, RulesError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class LocatedDict(dict):
    """A mapping with `line` (its own) and `lines[key]` (the line of each value)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LocatedList(list):
    """A list with `line` (its own) and `lines[i]` (the line of each item)."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, with located containers."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise RulesError([Problem(loader.file_label, line, "キーに一覧や組は使えません。")])
        if key in result:
            first = result.lines[key]
            raise RulesError([Problem(loader.file_label, line,
                                      f"キー「{key}」が重複しています（最初は{first}行目）。")])
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def load_located(text: str, file_label: str):
    """Parse one YAML document; raise RulesError (with the line) on any YAML problem."""
    loader = _Loader(text)
    loader.file_label = file_label
    try:
        return loader.get_single_data()
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
