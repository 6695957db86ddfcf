"""`python -m checker [FILE]`: read a request as JSON (a file, or stdin), print the result.
`python -m checker roster FILE.csv`: the same for every row of a roster (see roster/check.py).
`python -m checker notices FILE.csv`: renewal letters for the members due soon (notices.py).

Exit 0 when the request is fine, 2 when it has errors (the JSON is printed either way,
and the messages go to stderr too), 1 when the rules themselves are broken (their
problems go to stderr). Every argument of every subcommand is checked before any work
starts (`command_line`): a bad one is a Japanese sentence on stderr and exit 2. Whatever
the input file holds, the answer is a Japanese message, never a traceback: the request
is read by `safe_json` within fixed limits of size and nesting.
"""
from __future__ import annotations

import sys

from .evaluate import empty_result, evaluate
from .interfaces import command_line, os_errors, safe_json
from .rules import current_rules


def _parser(prog: str, description: str) -> command_line.Parser:
    parser = command_line.Parser(prog=prog, description=description)
    parser.add_argument("--rules", help="ルールのフォルダ（YAML）か、build.py が書いたルールのJSON"
                                        "（省略すると rules/ を読みます）")
    parser.add_argument("--edition", help="医師会の版（rules/editions/ のファイル名。省略すると kyoto）")
    return parser


def _roster_parser(prog: str, description: str) -> command_line.Parser:
    parser = _parser(prog, description)
    parser.add_argument("file", metavar="名簿のCSV", help="名簿のCSVファイル（UTF-8 または Shift_JIS）")
    parser.add_argument("--as-of", type=command_line.as_of_date, help="基準日 YYYY-MM-DD（省略すると日本時間の今日）")
    return parser


def _arguments(parser: command_line.Parser, argv: list[str], *, checks=()):
    """The parsed arguments, every one checked before any work: `--rules` (a folder of
    rule files or their JSON: args.rules becomes the folder, or the JSON's text),
    `--edition` (one the folder has), and `checks` (name → check(option, text))."""
    from loader.compile import NATIONAL_FILES, RULES_DIR, editions   # CPython only

    args = parser.parse_args(argv)
    try:
        args.rules = command_line.rules_source("--rules", args.rules, NATIONAL_FILES)
        if isinstance(args.rules, str) and args.edition is not None:
            raise command_line.Refused(command_line.word("edition_with_json"))
        if not isinstance(args.rules, str):
            command_line.edition_of("--edition", args.edition, editions(args.rules or RULES_DIR))
        for name, check in checks:
            value = getattr(args, name)
            if value is not None:
                setattr(args, name, check("--" + name.replace("_", "-"), value))
    except command_line.Refused as exc:
        command_line.refuse(str(exc))
    return args


def _checked_roster(args):
    """(rules, file bytes, Roster.check result), or an exit code after printing why not."""
    from .roster.check import Roster

    rules = _rules(args.rules, args.edition)
    if rules is None:
        return 1
    try:
        data = _read(args.file)
    except _Unopenable as exc:
        command_line.say(rules.messages.text("errors", exc.key, path=args.file))
        return 2
    checked = Roster(rules).check(data, args.as_of.isoformat() if args.as_of else None)
    for message in checked["errors"]:
        command_line.say(message)
    return rules, data, checked


def roster_main(argv: list[str]) -> int:
    """`python -m checker roster FILE.csv`: the result CSV (UTF-8 with BOM) on stdout;
    exit 0, or 2 when a row or the file has errors (the CSV is printed either way)."""
    from .roster.check import Roster

    parser = _roster_parser("python -m checker roster", "名簿（CSV）の全員の申請時期と不足単位を確認します。")
    found = _checked_roster(_arguments(parser, argv))
    if isinstance(found, int):
        return found
    rules, data, checked = found
    command_line.write_out(Roster(rules).to_csv(checked["rows"], checked["as_of"], source=data))
    wrong = sum(1 for row in checked["rows"] if row["errors"])
    if wrong:
        command_line.say(command_line.word("rows_with_errors", count=wrong))
    return 2 if checked["errors"] or wrong else 0


def notices_main(argv: list[str]) -> int:
    """`python -m checker notices FILE.csv > notices.html`: one printable letter per member
    whose application months begin within `--within-months` months (and, with `--csv`, the
    same members as a mail-merge CSV, written first). Exit 2 when the file itself cannot be
    read, or the CSV cannot be written."""
    from .roster.notices import WITHIN_MONTHS, Letters

    parser = _roster_parser("python -m checker notices", "名簿（CSV）から、更新申請の案内状（A4 1人1枚）を作ります。")
    parser.add_argument("--within-months", type=command_line.months_ahead, default=WITHIN_MONTHS,
                        help=f"申請月が何か月以内に始まる人に作るか（1〜{command_line.MAX_MONTHS_AHEAD}。既定：{WITHIN_MONTHS}）")
    parser.add_argument("--csv", help="差し込み印刷用のCSVを書くファイル（任意）")
    args = _arguments(parser, argv, checks=[("csv", command_line.output_file)])
    found = _checked_roster(args)
    if isinstance(found, int):
        return found
    rules, data, checked = found
    letters = Letters(rules)
    members = letters.members(data, Letters.due(checked["rows"], checked["as_of"], args.within_months),
                              checked["as_of"])
    if args.csv:
        try:
            with open(args.csv, "w", encoding="utf-8", newline="") as handle:
                handle.write(letters.mail_merge_csv(members))
        except OSError as exc:
            command_line.say(os_errors.describe(exc, args.csv))
            return 2
    command_line.write_out(letters.document(members, checked["as_of"]))
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


def _rules(source, edition: str | None):
    """The rules to use (a `model.Rules`), or None after printing why they cannot be used:
    a folder of YAML (None: rules/) is compiled with `edition`; the text of a JSON file
    is checked entry by entry. Both name what is wrong, in Japanese (exit 1)."""
    try:
        if not isinstance(source, str):   # None (rules/) or a folder
            from loader import DEFAULT_EDITION, load_rules  # CPython only

            return current_rules.use(load_rules(*([source] if source else []), edition=edition or DEFAULT_EDITION))
        return current_rules.use(source)
    except Exception as exc:  # noqa: BLE001 - RulesError, RulesDataError
        command_line.say(str(exc))
        return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["roster"]:
        return command_line.run(lambda: roster_main(argv[1:]))
    if argv[:1] == ["notices"]:
        return command_line.run(lambda: notices_main(argv[1:]))
    return command_line.run(lambda: check_main(argv))


def check_main(argv: list[str]) -> int:
    parser = _parser("python -m checker", "認定医の単位と申請時期を確認します（入力・出力はJSON）。")
    parser.add_argument("file", nargs="?", help="依頼のJSONファイル（省略すると標準入力）")
    args = _arguments(parser, argv)

    rules = _rules(args.rules, args.edition)
    if rules is None:
        return 1

    try:
        request = _request(args.file, rules.messages)
    except safe_json.RequestRejected as exc:
        result = empty_result(rules, None, [{"field": "", "message": str(exc)}])
    else:
        result = evaluate(request, rules)
    command_line.write_out(safe_json.dumps(result) + "\n")
    if not result["ok"]:
        command_line.say(command_line.word("request_errors", count=len(result["errors"])))
        for error in result["errors"]:
            command_line.say(error["message"])
    return 0 if result["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
