"""checker/'s sub-packages show the pipeline, and no module imports another in a circle
(issue 24): not at the top, not inside a function, not under TYPE_CHECKING. A circle is
found from the source, so a lazy import cannot hide one."""
from __future__ import annotations

import ast
from pathlib import Path

from paths import ROOT

CHECKER = ROOT / "checker"
SUB_PACKAGES = {"dates", "rules", "policy", "words", "interfaces", "roster"}


def module_name(path: Path, package: Path) -> str:
    """checker/policy/verdict.py → checker.policy.verdict (`package`: the checker/ folder)."""
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(root: Path = CHECKER) -> dict[str, set[str]]:
    """Each module of the package → the package's modules it imports (relative or absolute)."""
    graph = {}
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "checker":
                target = node.module
            else:
                continue
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)   # `from . import x`: a module
        graph[name] = found
    return {name: {t for t in targets if t in graph and t != name} for name, targets in graph.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, done = [], set()

    def visit(module, path):
        for target in sorted(graph[module]):
            if target in path:
                found.append(path[path.index(target):] + [target])
            elif target not in done:
                visit(target, path + [target])
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    return found


def test_no_module_imports_another_in_a_circle():
    assert circles(imports()) == []


def test_the_circle_finder_finds_a_lazy_circle(tmp_path):
    """Guard: a circle made only of an import inside a function is found."""
    package = tmp_path / "checker"
    (package / "words").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "words" / "__init__.py").write_text("")
    (package / "words" / "advice.py").write_text("def sentences():\n    from .to_know import warnings\n")
    (package / "words" / "to_know.py").write_text("from .advice import sentences\n")
    assert circles(imports(package)) == [["checker.words.advice", "checker.words.to_know", "checker.words.advice"]]


def test_every_module_is_in_a_sub_package():
    top = {path.name for path in CHECKER.glob("*.py")}
    assert top == {"__init__.py", "__main__.py", "evaluate.py"}
    assert {path.name for path in CHECKER.iterdir() if path.is_dir() and path.name != "__pycache__"} == SUB_PACKAGES
