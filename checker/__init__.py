"""The credit and schedule checker for the JMA certified-physician titles.

Pure Python, standard library only: the same package runs in CPython and in Pyodide.
`evaluate(request)` is the whole public interface; see README for the request contract.
"""
from .evaluate import evaluate
from .rules.current_rules import use as use_rules

__all__ = ["evaluate", "use_rules"]
