"""`python -m checker [FILE]`: read a request as JSON (a file, or stdin), print the result.

Exit 0 when the request is fine, 2 when it has errors (the JSON is printed either way),
1 when the rules themselves are broken (their problems go to stderr).
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import ruleset
from .evaluate import empty_result, evaluate
from .messages import Messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker",
                                     description="認定医の単位と申請時期を確認します（入力・出力はJSON）。")
    parser.add_argument("file", nargs="?", help="依頼のJSONファイル（省略すると標準入力）")
    parser.add_argument("--rules", help="ルールのフォルダ（YAML）か、build.py が書いたルールのJSON"
                                        "（省略すると rules/ を読みます）")
    args = parser.parse_args(argv)

    try:
        if args.rules and os.path.isdir(args.rules):
            from rulebook import load_rules  # CPython only, like the default below

            ruleset.use(load_rules(args.rules))
        elif args.rules:
            with open(args.rules, encoding="utf-8") as handle:
                ruleset.use(handle.read())
        rules = ruleset.current()
    except Exception as exc:  # noqa: BLE001 - RulesError, a missing file, bad JSON
        print(str(exc), file=sys.stderr)
        return 1

    try:
        if args.file:
            with open(args.file, "rb") as handle:
                text = handle.read().decode("utf-8-sig")
        else:
            text = sys.stdin.buffer.read().decode("utf-8-sig")
        request = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        messages = Messages(rules["messages"])
        error = {"field": "", "message": messages.text("errors", "invalid_json", detail=str(exc))}
        result = empty_result(rules, None, [error])
    else:
        result = evaluate(request, rules)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if result["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
