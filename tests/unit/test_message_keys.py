"""Every message of rules/messages.yaml is used by the code, and every message the code
asks for is there: read from the code itself (Python's syntax tree, the templates' text),
so a key built at run time (f"apply_{variant}", "after_" + code) fails here.

A message is asked for through one of the helpers in HELPERS (`messages.text(section,
key)`, `words.text(W, key)`, `roster.word(key)`, the request reader's `error` and `label`,
…). Its key must be resolvable from the code as written: a string, a conditional between
strings, a module's or a class's literal (a dict's values, a tuple's items, what a loop
over it binds), a value a function returns, or a parameter of a function whose every call
passes one. Anything else is reported with its file and line: write the key out whole.
"""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from checker.rules.state import Status
from paths import ROOT


# name of the helper → (the section, or the index of the argument naming it; index of the key)
HELPERS = {
    "text": (0, 1),                    # Messages.text / situation_words.Words.text(section, key)
    "section": (0, None),              # a whole section (the status words)
    "word": ("roster", 0),             # Roster.word(key)
    "FileProblem": ("roster", 0),      # roster.reading.FileProblem(key): Roster.word(problem.key)
    "verdict_title": ("verdict", 0),   # Rules.verdict_title(key)
    "text_once": (0, 1),               # Rules.text_once(section, key): messages.text, worded once
    "label": ("labels", 0),            # RequestReader.label(key)
    "error": ("errors", 2),            # RequestReader.error(request, field, key)
    "_message": ("errors", 0),         # safe_json
    "_rejected": ("errors", 0),
    "_Unopenable": ("errors", 0),      # __main__: messages.text("errors", exc.key)
}
# Helpers of those names that are not about messages.yaml: the command line's own words
# (command_line.WORDS, its `word`), argparse's `error`.
NOT_MESSAGES = {"word": "checker/interfaces/command_line.py"}
ONLY_IN = {"label": "checker/interfaces/request.py", "error": "checker/interfaces/request.py"}
# Attributes that carry a key made where one of HELPERS was called (FileProblem.key), or
# one of the verdicts (verdict.VERDICTS: a step's code is the verdict's own heading).
CARRIED = {"key"}
CODES = {"code": ("checker/policy/verdict.py", "VERDICTS")}
CODE_DIRS = ("checker", "sitegen")
TEMPLATE_DIRS = ("templates",)


class Unresolved(Exception):
    pass


class Module:
    def __init__(self, path: Path, root: Path = ROOT):
        self.path = path
        self.name = str(path.relative_to(root))
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def enclosing(self, node, kinds=(ast.FunctionDef, ast.Lambda, ast.AsyncFunctionDef)):
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, kinds):
                return node
        return None

    def top_level(self, name: str, near=None):
        """The literal assigned to `name` in the class around `near`, or at module level."""
        scopes = [self.enclosing(near, (ast.ClassDef,))] if near is not None else []
        for scope in [s for s in scopes if s] + [self.tree]:
            for statement in scope.body:
                if isinstance(statement, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == name for t in statement.targets):
                    return statement.value
        return None

    def functions(self, name: str):
        return [node for node in ast.walk(self.tree) if isinstance(node, ast.FunctionDef) and node.name == name]


class Resolver:
    """The strings a key argument can be, from the code as written."""

    def __init__(self, modules: dict[str, Module]):
        self.modules = modules

    def keys(self, module: Module, node, depth=0) -> set[str]:
        if depth > 12:
            raise Unresolved("too deep")
        recurse = lambda n, m=module: self.keys(m, n, depth + 1)  # noqa: E731
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.Constant) and node.value is None:
            return set()
        if isinstance(node, ast.IfExp):
            return recurse(node.body) | recurse(node.orelse)
        if isinstance(node, ast.BoolOp):
            return set().union(*(recurse(value) for value in node.values))
        if isinstance(node, (ast.Tuple, ast.List)):
            raise Unresolved("a sequence where a key belongs")
        if isinstance(node, ast.Attribute) and node.attr in CARRIED:
            return set()      # made where the carrier was constructed (checked there)
        if isinstance(node, ast.Attribute) and node.attr in CODES:
            file, name = CODES[node.attr]
            value = self.modules[file].top_level(name)
            return set(ast.literal_eval(value))
        if isinstance(node, ast.Subscript):
            return self._subscript(module, node, depth)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            return self._dict_values(module, node.func.value, node) | (
                recurse(node.args[1]) if len(node.args) > 1 else set())
        if isinstance(node, ast.Name):
            return self._name(module, node, depth)
        raise Unresolved(ast.unparse(node))

    def _dict_values(self, module, node, near) -> set[str]:
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        value = node if isinstance(node, ast.Dict) else module.top_level(name, near) if name else None
        if not isinstance(value, ast.Dict):
            raise Unresolved(ast.unparse(node))
        return set().union(*(self.keys(module, v) for v in value.values))

    def _subscript(self, module, node, depth) -> set[str]:
        if isinstance(node.value, (ast.Dict, ast.Name)) and (
                isinstance(node.value, ast.Dict) or isinstance(module.top_level(node.value.id, node), ast.Dict)):
            return self._dict_values(module, node.value, node)
        if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int):
            return set().union(*(self.keys(module, item, depth + 1)
                                 for item in self._items(module, node.value, node.slice.value, depth)))
        raise Unresolved(ast.unparse(node))

    def _items(self, module, node, index, depth):
        """The `index`-th parts of what `node` holds (a tuple a function returns)."""
        for value in self._assigned(module, node):
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                for mod in self.modules.values():
                    for function in mod.functions(value.func.id):
                        for ret in ast.walk(function):
                            if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Tuple):
                                yield ret.value.elts[index]
            else:
                raise Unresolved(ast.unparse(node))

    def _assigned(self, module, name_node):
        function = module.enclosing(name_node)
        for node in ast.walk(function):
            if isinstance(node, (ast.Assign, ast.NamedExpr)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == name_node.id for t in targets):
                    yield node.value

    def _name(self, module, node, depth) -> set[str]:
        function = module.enclosing(node)
        while function is not None and not _binds(function, node.id):
            function = module.enclosing(function)     # a closure's name (date_value's label_key)
        if function is None:
            constant = module.top_level(node.id)
            if isinstance(constant, ast.Constant):
                return self.keys(module, constant, depth + 1)
            raise Unresolved(node.id)
        found, bound = set(), False
        for value in self._assigned(module, node):
            found |= self.keys(module, value, depth + 1)
            bound = True
        for loop in ast.walk(function):
            if isinstance(loop, (ast.For, ast.comprehension)):
                position = _position(loop.target, node.id)
                if position is not None:
                    for item in self._elements(module, loop.iter, node, depth):
                        part = item if position == () else _part(item, position)
                        if part is not None:
                            found |= self.keys(module, part, depth + 1)
                    bound = True
        arguments = function.args
        names = [a.arg for a in arguments.posonlyargs + arguments.args]
        if not bound and node.id in names:
            return self._parameter(module, function, names.index(node.id), node.id, depth)
        if not bound and isinstance(constant := module.top_level(node.id), ast.Constant):
            return self.keys(module, constant, depth + 1)     # a module's name for a section (W)
        if not bound:
            raise Unresolved(node.id)
        return found

    def _elements(self, module, iterable, near, depth):
        """The items a loop over `iterable` binds (a literal, a module's or class's literal,
        a list built here with .append, a generator over one of those)."""
        if isinstance(iterable, ast.Call) and _called(iterable) == "section":
            return            # a loop over a whole section (recorded as used whole)
        if isinstance(iterable, ast.GeneratorExp):
            yield from self._elements(module, iterable.generators[0].iter, near, depth)
            return
        if isinstance(iterable, (ast.Tuple, ast.List)):
            for item in iterable.elts:
                yield from _branches(item)
            return
        name = iterable.attr if isinstance(iterable, ast.Attribute) else getattr(iterable, "id", None)
        literal = module.top_level(name, near) if name else None
        if literal is None and name and isinstance(iterable, ast.Attribute):
            for mod in self.modules.values():    # an imported module's literal (ADDRESS_FIELDS)
                literal = literal or mod.top_level(name)
        if literal is None and isinstance(iterable, ast.Name):
            values = list(self._assigned(module, iterable))
            function = module.enclosing(near)
            for call in ast.walk(function):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "append"
                        and isinstance(call.func.value, ast.Name) and call.func.value.id == iterable.id):
                    values.append(ast.List(elts=call.args))
            if values:
                for value in values:
                    yield from self._elements(module, value, near, depth)
                return
        if literal is None and isinstance(iterable, ast.Name):
            for mod in self.modules.values():
                literal = literal or mod.top_level(iterable.id)
        if isinstance(literal, (ast.Tuple, ast.List)):
            yield from self._elements(module, literal, near, depth)
            return
        raise Unresolved(ast.unparse(iterable))

    def _parameter(self, module, function, index, name, depth) -> set[str]:
        """A parameter: what every call of its function in the module passes."""
        if isinstance(function, ast.Lambda) or function.name in HELPERS:
            return set()      # a helper passing its key on (the templates' message): its own calls are checked
        found, calls = set(), 0
        for call in ast.walk(module.tree):
            if isinstance(call, ast.Call) and _called(call) == function.name:
                offset = 1 if function.args.args and function.args.args[0].arg == "self" else 0
                argument = next((k.value for k in call.keywords if k.arg == name), None)
                if argument is None and index - offset < len(call.args):
                    argument = call.args[index - offset]
                if argument is not None:
                    found |= self.keys(module, argument, depth + 1)
                    calls += 1
        if not calls:
            raise Unresolved(f"parameter {name} of {function.name}")
        return found


def _binds(function, name: str) -> bool:
    """Whether `function` has `name` as a parameter or assigns or loops over it."""
    arguments = function.args
    if name in [a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]:
        return True
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return True
    return False


def _branches(item):
    if isinstance(item, ast.IfExp):
        yield from _branches(item.body)
        yield from _branches(item.orelse)
    elif not (isinstance(item, ast.Constant) and item.value is None):
        yield item


def _position(target, name):
    if isinstance(target, ast.Name):
        return () if target.id == name else None
    if isinstance(target, ast.Tuple):
        for index, element in enumerate(target.elts):
            inner = _position(element, name)
            if inner is not None:
                return (index, *inner)
    return None


def _part(item, position):
    for index in position:
        if not isinstance(item, ast.Tuple):
            return None
        item = item.elts[index]
    return item


def _called(call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _receiver(call) -> str | None:
    value = getattr(call.func, "value", None)
    return value.id if isinstance(value, ast.Name) else getattr(value, "attr", None)


def code_uses(root: Path = ROOT) -> tuple[dict[tuple[str, str], list[str]], set[str], list[str]]:
    """(section, key) → where the code asks for it; sections used whole; what could not be read."""
    modules = {str(p.relative_to(root)): Module(p, root) for d in CODE_DIRS for p in sorted((root / d).rglob("*.py"))
               if p.name != "messages.py"}
    resolver = Resolver(modules)
    uses: dict[tuple[str, str], list[str]] = {}
    whole: set[str] = set()
    unresolved: list[str] = []
    for module in modules.values():
        for call in ast.walk(module.tree):
            if not isinstance(call, ast.Call) or _called(call) not in HELPERS:
                continue
            name = _called(call)
            if (name in NOT_MESSAGES and (module.name == NOT_MESSAGES[name] or _receiver(call) == "command_line")
                    or name in ONLY_IN and module.name != ONLY_IN[name]):
                continue
            section_at, key_at = HELPERS[name]
            needed = max(i for i in (section_at, key_at) if isinstance(i, int))
            if len(call.args) <= needed:
                continue
            where = f"{module.name}:{call.lineno}"
            try:
                sections = {section_at} if isinstance(section_at, str) else resolver.keys(module, call.args[section_at])
            except Unresolved:
                function = module.enclosing(call)
                if function is not None and isinstance(call.args[section_at], ast.Name):
                    continue   # a helper passing a section on (Words.text, the templates' message)
                unresolved.append(f"{where}: section {ast.unparse(call.args[section_at])}")
                continue
            if key_at is None:
                whole |= sections
                continue
            try:
                keys = resolver.keys(module, call.args[key_at])
            except Unresolved as exc:
                unresolved.append(f"{where}: key {ast.unparse(call.args[key_at])} ({exc})")
                continue
            for section in sections:
                for key in keys:
                    uses.setdefault((section, key), []).append(where)
    for directory in TEMPLATE_DIRS:
        for path in sorted((root / directory).rglob("*")):
            if not path.is_file() or path.suffix not in (".j2", ".html"):
                continue
            text = path.read_text(encoding="utf-8")
            name = str(path.relative_to(root))
            for pattern in (r'message\(\s*"(\w+)"\s*,\s*"(\w+)"', r'messages\.section\(\s*"(\w+)"\s*\)\.(\w+)'):
                for match in re.finditer(pattern, text):
                    line = text.count("\n", 0, match.start()) + 1
                    uses.setdefault((match.group(1), match.group(2)), []).append(f"{name}:{line}")
    return uses, whole, unresolved


def sections_of(root: Path = ROOT) -> dict[str, set[str]]:
    messages = yaml.safe_load((root / "rules" / "messages.yaml").read_text(encoding="utf-8"))
    return {name: set(keys) for name, keys in messages.items() if isinstance(keys, dict)}


def problems(root: Path = ROOT) -> dict[str, list[str]]:
    """What is wrong between the code under `root` and its rules/messages.yaml."""
    sections = sections_of(root)
    uses, whole, unresolved = code_uses(root)
    missing = [f"{section}.{key} ({', '.join(where)})" for (section, key), where in sorted(uses.items())
               if key not in sections.get(section, ())]
    unused = [f"{section}.{key}" for section, keys in sorted(sections.items()) if section not in whole
              for key in sorted(keys) if (section, key) not in uses]
    if "status" in whole and sections.get("status") != {status.value for status in Status}:
        unused.append(f"status: {sorted(sections.get('status', ()))} (one word per state of the window)")
    return {"unresolved": unresolved, "missing": missing, "unused": unused}


PROBLEMS = problems()


def test_every_key_the_code_asks_for_is_written_out_whole():
    assert not PROBLEMS["unresolved"], "message keys the code builds or hides (write them out whole):\n" + "\n".join(
        PROBLEMS["unresolved"])


def test_every_key_the_code_asks_for_is_in_messages_yaml():
    assert not PROBLEMS["missing"], "asked for, but not in rules/messages.yaml:\n" + "\n".join(PROBLEMS["missing"])


def test_every_key_of_messages_yaml_is_used():
    assert not PROBLEMS["unused"], "in rules/messages.yaml, but no code asks for:\n" + "\n".join(PROBLEMS["unused"])


def test_every_key_is_found_by_grep():
    """Every key is written whole where the code uses it: a search for it finds the code."""
    sources = "\n".join(p.read_text(encoding="utf-8") for d in ("checker", "sitegen", "templates", "web")
                        for p in (ROOT / d).rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".html", ".js")
                        and p.name != "messages.py")
    absent = [f"{section}.{key}" for section, keys in sections_of().items() for key in keys
              if not re.search(rf"""["'.]{re.escape(key)}\b""", sources)]
    assert not absent, absent


# -- the check itself finds a removed, misspelt or built key -----------------------------------------
@pytest.fixture
def code_copy(tmp_path):
    for directory in ("checker", "sitegen", "templates", "rules"):
        shutil.copytree(ROOT / directory, tmp_path / directory, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_key_removed_from_messages_yaml_is_found(code_copy):
    _edit(code_copy / "rules" / "messages.yaml", "  even_month:", "  # even_month:")
    found = problems(code_copy)
    assert [line.split(" ")[0] for line in found["missing"]] == ["warnings.even_month"]


def test_a_key_misspelt_in_the_code_is_found(code_copy):
    _edit(code_copy / "checker" / "words" / "to_know.py", 'words.text(W, "keep_paper"', 'words.text(W, "keep_papers"')
    found = problems(code_copy)
    assert [line.split(" ")[0] for line in found["missing"]] == ["warnings.keep_papers"]
    assert found["unused"] == ["warnings.keep_paper"]


def test_a_key_misspelt_in_a_mapping_or_a_template_is_found(code_copy):
    _edit(code_copy / "checker" / "words" / "advice.py", '"missed": "contact_missed"', '"missed": "contact_miss"')
    _edit(code_copy / "templates" / "special-measure.md.j2", '"special_measure_twice"', '"special_measure_2"')
    found = problems(code_copy)
    assert [line.split(" ")[0] for line in found["missing"]] == ["actions.contact_miss", "warnings.special_measure_2"]
    assert found["unused"] == ["actions.contact_missed"]   # special_measure_twice: to_know.py asks for it too


def test_a_key_built_at_run_time_is_found(code_copy):
    _edit(code_copy / "checker" / "words" / "to_know.py", 'words.text(W, "even_month"', 'words.text(W, "even_" + "month"')
    _edit(code_copy / "checker" / "words" / "advice.py", '_CONFIRM_ACTIVITY[variant]', 'f"confirm_activity_{variant}"')
    found = problems(code_copy)
    assert [line.split(":")[0] for line in found["unresolved"]] == ["checker/words/advice.py", "checker/words/to_know.py"]
    assert "warnings.even_month" in found["unused"]
