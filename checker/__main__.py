"""`python -m checker [FILE]`: read a request as JSON (a file, or stdin), print the result.
`python -m checker roster FILE.csv`: the same for every row of a roster (see roster.py).
`python -m checker notices FILE.csv`: renewal letters for the members due soon (notices.py).

Exit 0 when the request is fine, 2 when it has errors (the JSON is printed either way),
1 when the rules themselves are broken (their problems go to stderr). Whatever the input
file holds, the answer is a Japanese message, never a traceback: the request is read by
`safe_json` within fixed limits of size and nesting.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from . import current_rules, safe_json
from .evaluate import empty_result, evaluate


def _roster_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("file", help="名簿のCSV（UTF-8 または Shift_JIS）")
    parser.add_argument("--as-of", help="基準日 YYYY-MM-DD（省略すると日本時間の今日）")
    parser.add_argument("--rules", help="ルールのフォルダ（YAML）か、build.py が書いたルールのJSON")
    parser.add_argument("--edition", help="医師会の版（rules/editions/ のファイル名。省略すると kyoto）")
    return parser


def _checked_roster(args):
    """(rules, file bytes, Roster.check result), or an exit code after printing why not."""
    from .roster import Roster

    rules = _rules(args.rules, args.edition)
    if rules is None:
        return 1
    try:
        data = _read(args.file)
    except _Unopenable as exc:
        print(rules.messages.text("errors", exc.key, path=args.file), file=sys.stderr)
        return 2
    checked = Roster(rules).check(data, args.as_of)
    for message in checked["errors"]:
        print(message, file=sys.stderr)
    return rules, data, checked


def roster_main(argv: list[str]) -> int:
    """`python -m checker roster FILE.csv`: the result CSV (UTF-8 with BOM) on stdout;
    exit 0, or 2 when a row or the file has errors (the CSV is printed either way)."""
    from .roster import Roster

    args = _roster_parser("python -m checker roster", "名簿（CSV）の全員の申請時期と不足単位を確認します。").parse_args(argv)
    found = _checked_roster(args)
    if isinstance(found, int):
        return found
    rules, data, checked = found
    sys.stdout.buffer.write(Roster(rules).to_csv(checked["rows"], checked["as_of"], source=data).encode("utf-8"))
    return 2 if checked["errors"] or any(row["errors"] for row in checked["rows"]) else 0


def notices_main(argv: list[str]) -> int:
    """`python -m checker notices FILE.csv > notices.html`: one printable letter per member
    whose application months begin within `--within-months` months (and, with `--csv`, the
    same members as a mail-merge CSV). Exit 2 when the file itself cannot be read."""
    from .notices import WITHIN_MONTHS, Letters

    parser = _roster_parser("python -m checker notices", "名簿（CSV）から、更新申請の案内状（A4 1人1枚）を作ります。")
    parser.add_argument("--within-months", type=int, default=WITHIN_MONTHS,
                        help=f"申請月が何か月以内に始まる人に作るか（既定：{WITHIN_MONTHS}）")
    parser.add_argument("--csv", help="差し込み印刷用のCSVを書くファイル（任意）")
    args = parser.parse_args(argv)
    found = _checked_roster(args)
    if isinstance(found, int):
        return found
    rules, data, checked = found
    letters = Letters(rules)
    members = letters.members(data, Letters.due(checked["rows"], checked["as_of"], args.within_months),
                              checked["as_of"])
    sys.stdout.buffer.write(letters.document(members, checked["as_of"]).encode("utf-8"))
    if args.csv:
        with open(args.csv, "w", encoding="utf-8", newline="") as handle:
            handle.write(letters.mail_merge_csv(members))
    return 2 if checked["errors"] else 0


class _Unopenable(Exception):
    """The named input file cannot be read; `key` is the message in messages.yaml `errors`."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _read(path: str | None) -> bytes:
    """The bytes of `path` (stdin when None)."""
    if path is None:
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise _Unopenable("file_not_found") from None
    except OSError:   # a folder, no permission, a broken disk
        raise _Unopenable("file_not_readable") from None


def _request(path: str | None, messages) -> object:
    """The request in the file (or stdin); RequestRejected with a Japanese message if unreadable."""
    try:
        data = _read(path)
    except _Unopenable as exc:
        raise safe_json.RequestRejected(messages.text("errors", exc.key, path=path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise safe_json.RequestRejected(messages.text("errors", "not_utf8", line=line)) from None
    return safe_json.load(text)


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
    if argv[:1] == ["notices"]:
        return notices_main(argv[1:])
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
        request = _request(args.file, rules.messages)
    except safe_json.RequestRejected as exc:
        result = empty_result(rules, None, [{"field": "", "message": str(exc)}])
    else:
        result = evaluate(request, rules)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if result["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
