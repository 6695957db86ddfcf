"""`python -m checker [FILE]`: read a request as JSON (a file, or stdin), print the result.
`python -m checker roster FILE.csv`: the same for every row of a roster (see roster.py).

Exit 0 when the request is fine, 2 when it has errors (the JSON is printed either way),
1 when the rules themselves are broken (their problems go to stderr).
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import current_rules
from .evaluate import empty_result, evaluate


def roster_main(argv: list[str]) -> int:
    """`python -m checker roster FILE.csv`: the result CSV (UTF-8 with BOM) on stdout;
    exit 0, or 2 when a row or the file has errors (the CSV is printed either way)."""
    from .roster import Roster

    parser = argparse.ArgumentParser(prog="python -m checker roster",
                                     description="名簿（CSV）の全員の申請時期と不足単位を確認します。")
    parser.add_argument("file", help="名簿のCSV（UTF-8 または Shift_JIS）")
    parser.add_argument("--as-of", help="基準日 YYYY-MM-DD（省略すると日本時間の今日）")
    parser.add_argument("--rules", help="ルールのフォルダ（YAML）か、build.py が書いたルールのJSON")
    parser.add_argument("--edition", help="医師会の版（rules/editions/ のファイル名。省略すると kyoto）")
    args = parser.parse_args(argv)
    rules = _rules(args.rules, args.edition)
    if rules is None:
        return 1
    roster = Roster(rules)
    try:
        with open(args.file, "rb") as handle:
            checked = roster.check(handle.read(), args.as_of)
    except OSError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for message in checked["errors"]:
        print(message, file=sys.stderr)
    sys.stdout.buffer.write(roster.to_csv(checked["rows"]).encode("utf-8"))
    return 2 if checked["errors"] or any(row["errors"] for row in checked["rows"]) else 0


def _rules(path: str | None, edition: str | None):
    """The rules to use (a `model.Rules`), or None after printing why they cannot be used:
    a folder of YAML is compiled (with `edition`), a JSON file is checked entry by entry."""
    try:
        if path is None or os.path.isdir(path):
            from loader import DEFAULT_EDITION, load_rules  # CPython only

            return current_rules.use(load_rules(*([path] if path else []), edition=edition or DEFAULT_EDITION))
        if edition:
            print("--edition はルールのフォルダ（YAML）と一緒に使います。JSONには版が含まれています。", file=sys.stderr)
            return None
        with open(path, encoding="utf-8") as handle:
            return current_rules.use(handle.read())
    except Exception as exc:  # noqa: BLE001 - RulesError, RulesDataError, a missing file, bad JSON
        print(str(exc), file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["roster"]:
        return roster_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m checker",
                                     description="認定医の単位と申請時期を確認します（入力・出力はJSON）。")
    parser.add_argument("file", nargs="?", help="依頼のJSONファイル（省略すると標準入力）")
    parser.add_argument("--rules", help="ルールのフォルダ（YAML）か、build.py が書いたルールのJSON"
                                        "（省略すると rules/ を読みます）")
    parser.add_argument("--edition", help="医師会の版（rules/editions/ のファイル名。省略すると kyoto）")
    args = parser.parse_args(argv)

    rules = _rules(args.rules, args.edition)
    if rules is None:
        return 1

    try:
        if args.file:
            with open(args.file, "rb") as handle:
                text = handle.read().decode("utf-8-sig")
        else:
            text = sys.stdin.buffer.read().decode("utf-8-sig")
        request = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        error = {"field": "", "message": rules.messages.text("errors", "invalid_json", detail=str(exc))}
        result = empty_result(rules, None, [error])
    else:
        result = evaluate(request, rules)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if result["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
