"""Rules as data: read `rules/*.yaml`, validate every value, compile one JSON-ready dict.

The checker (stdlib only, also run under Pyodide) never reads YAML: it receives the
compiled dict, either from `load_rules()` here (CPython) or as the JSON file the build
writes next to the site. Every problem found is reported with file, line and reason,
all of them at once, so that a staff member can fix a file in one pass.
"""
from .problems import Problem, RulesError
from .compile import DEFAULT_EDITION, RULES_DIR, all_editions, editions, load_rules

__all__ = ["Problem", "RulesError", "load_rules", "editions", "all_editions", "DEFAULT_EDITION", "RULES_DIR"]
