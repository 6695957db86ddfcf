"""What the command lines (`python -m checker …` and `build.py`) share: every argument
is checked before any work starts, and every refusal is Japanese on stderr with exit 2.

argparse words its own refusals in English ("unrecognized arguments", "invalid int
value") and prints a usage line first; `Parser` says the same in Japanese, once. The
argument types below refuse a value with the option's name and the value as given,
so a bad `--as-of` is never carried into the work (a roster whose every row then says
「基準日」is wrong). Operating-system errors on output (a read-only disk, a full disk, a
folder that is not there) are worded by `os_errors`, with the path.

The command line is the one place these words live in code: they are needed before
any rules (and their messages.yaml) can be read, and `--rules` is itself one of the
arguments checked. CPython only (not in the browser's package).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from ..dates.months import MAX_YEAR, MIN_YEAR, parse_date
from ..rules.model import Rules

BAD_INPUT = 2                  # the exit code of every refusal
MAX_MONTHS_AHEAD = 24          # --within-months: two years of application months at most

WORDS = {
    "prefix": "エラー：",
    "hint": "使い方は --help で表示します。",
    "usage": "使い方：",
    "positionals": "引数",
    "options": "指定",
    "help": "この説明を表示して終わります。",
    "unknown": "知らない指定があります：{value}",
    "required": "{value} を指定してください。",
    "needs_value": "{option} の後に値を書いてください。",
    "no_value": "{option} には値を付けません（「{value}」）。",
    "ambiguous": "{option} は、どの指定の略か決まりません（{value}）。",
    "invalid_int": "{option} の「{value}」は整数ではありません。",
    "other": "コマンドの指定に誤りがあります（{value}）。",
    "date": "{option} の「{value}」は日付ではありません。存在する日付を YYYY-MM-DD（例：2026-04-01）で書いてください。",
    "date_range": "{option} は{min}年から{max}年までの日付にしてください（「{value}」）。",
    "months": "{option} は1から{max}までの整数にしてください（「{value}」）。",
    "port": "{option} は0から65535までの整数にしてください（「{value}」）。",
    "no_name": "{option} にファイルかフォルダの名前を書いてください。",
    "is_folder": "{option} の「{value}」はフォルダです。書き込むファイルの名前を書いてください。",
    "no_folder": "{option} の「{value}」を書くフォルダ「{folder}」がありません。先にフォルダを作ってください。",
    "not_folder": "{option} の「{value}」の途中の「{folder}」はフォルダではありません。",
    "not_writable": "{option} の「{value}」には書き込めません（読み取り専用か、書き込む権限がありません）。",
    "rules_missing": "{option} の「{value}」がありません。ルールのフォルダか、build.py が書いたルールのJSONを指定してください。",
    "rules_not_rules": "{option} の「{value}」はルールのフォルダではありません（{files} などがありません）。",
    "rules_not_json": "{option} の「{value}」は、build.py が書いたルールのJSONとして読めません。ルールのフォルダか、そのJSONを指定してください。",
    "edition_unknown": "{option} の「{value}」という版はありません。ある版：{editions}",
    "edition_with_json": "--edition はルールのフォルダ（YAML）と一緒に使います。JSONには版が含まれています。",
    "site_no_name": "{option} の「{value}」には、作るサイトの名前（フォルダの名前）を書いてください。",
    "site_build_name": "{option} の名前に「.build-」で始まる名前は使えません（作業用のフォルダの名前です）。",
    "not_a_folder": "{option} の「{value}」はフォルダではなくファイルです。消さないように止めました。別の名前を指定してください。",
    "not_a_site_folder": "{option} の「{value}」は、このツールが作ったサイトではないフォルダです。消さないように止めました。別の名前を指定してください。",
    "holds_sources": "{option} の「{value}」には、このリポジトリが入っています。消さないように止めました。別の名前を指定してください。",
    "port_busy": "ポート {port} で表示を始められません（{reason}）。--port で別の番号を指定してください。",
    "rules_not_folder": "{option} の「{value}」はフォルダではありません。ルールのフォルダ（rules など）を指定してください。",
    "interrupted": "中断しました。",
    "request_errors": "入力に誤りがあります（{count}件）。結果のJSONの errors にもあります：",
    "rows_with_errors": "誤りのある行が{count}行あります。結果のCSVの「エラー」の列をご覧ください。",
}
_ARGPARSE = [   # argparse's English (3.11–3.14) → WORDS
    (re.compile(r"unrecognized arguments: (?P<value>.*)", re.S), "unknown"),
    (re.compile(r"the following arguments are required: (?P<value>.*)", re.S), "required"),
    (re.compile(r"argument (?P<option>\S+): expected (one|at least one|at most one|\d+) arguments?", re.S),
     "needs_value"),
    (re.compile(r"argument (?P<option>\S+): ignored explicit argument (?P<value>.*)", re.S), "no_value"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<value>.*)", re.S), "ambiguous"),
    (re.compile(r"argument (?P<option>\S+): invalid int value: (?P<value>.*)", re.S), "invalid_int"),
]
_OWN = re.compile(r"argument (?P<option>\S+): (?P<message>.*[^\x00-\x7f].*)", re.S)   # a type's own Japanese


def word(key: str, **values) -> str:
    return WORDS[key].format(**values)


class Refused(Exception):
    """An argument that cannot be used; str() is the Japanese sentence to print."""


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else WORDS["usage"])


class Parser(argparse.ArgumentParser):
    """argparse, answering in Japanese: a refusal is one sentence and exit 2."""

    def __init__(self, **kwargs):
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title = WORDS["positionals"]
        self._optionals.title = WORDS["options"]
        self.add_argument("-h", "--help", action="help", help=WORDS["help"])

    def error(self, message: str):
        refuse(translate(message))


def translate(message: str) -> str:
    """argparse's English refusal, in Japanese (the values as the user wrote them)."""
    for pattern, key in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found:
            values = found.groupdict()
            if "value" in values:
                values["value"] = values["value"].strip("'")
            return word(key, **values)
    own = _OWN.fullmatch(message)
    if own:
        return own.group("message").replace("{option}", own.group("option"))
    return word("other", value=message)


def refuse(message: str) -> None:
    """Print `message` (and where to find the usage) on stderr; exit 2."""
    say(WORDS["prefix"] + message)
    say(WORDS["hint"])
    sys.exit(BAD_INPUT)


def say(message: str) -> None:
    """One line on stderr, whatever the terminal's encoding (a path may hold any bytes)."""
    _write(sys.stderr, message + "\n")


def write_out(text: str) -> None:
    """`text` on stdout as UTF-8. A lone surrogate (from a file name's undecodable byte)
    is written as its escape `\\udcff`, which inside a JSON string is that same character:
    the output stays valid UTF-8 and valid JSON."""
    _write(sys.stdout, text)


def _write(stream, text: str) -> None:
    data = text.encode("utf-8", "backslashreplace")
    if hasattr(stream, "buffer"):
        stream.flush()
        stream.buffer.write(data)
    else:   # a text stream of a caller's (tests redirect to StringIO)
        stream.write(data.decode("utf-8"))
    stream.flush()


def run(main) -> int:
    """`main()`'s exit code; Ctrl+C and a closed pipe (`… | head`) end it quietly."""
    try:
        return main()
    except KeyboardInterrupt:
        say(WORDS["interrupted"])
        return 130
    except BrokenPipeError:
        # Python would report the pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


# -- argument types (argparse `type=`): the message names the option as {option} ----------
def _type_error(key: str, **values) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(word(key, option="{option}", **values))


def as_of_date(text: str) -> dt.date:
    """A real day YYYY-MM-DD within the years the checker reads (as a request's as_of)."""
    try:
        day = parse_date(text)
    except (ValueError, TypeError):
        raise _type_error("date", value=text) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _type_error("date_range", value=text, min=MIN_YEAR, max=MAX_YEAR)
    return day


def months_ahead(text: str) -> int:
    value = _integer(text, "months", max=MAX_MONTHS_AHEAD)
    if not 1 <= value <= MAX_MONTHS_AHEAD:
        raise _type_error("months", value=text, max=MAX_MONTHS_AHEAD)
    return value


def port_number(text: str) -> int:
    value = _integer(text, "port")
    if not 0 <= value <= 65535:
        raise _type_error("port", value=text)
    return value


def _integer(text: str, key: str, **values) -> int:
    if not re.fullmatch(r"[+-]?\d{1,9}", text.strip()):
        raise _type_error(key, value=text, **values)
    return int(text)


def output_file(option: str, text: str) -> Path:
    """A file that can be written: a name, not a folder, in a folder that exists and
    takes files. (A full disk can only be found by writing: `os_errors` says so.)"""
    if not text.strip():
        raise Refused(word("no_name", option=option))
    path = Path(text)
    if path.is_dir():
        raise Refused(word("is_folder", option=option, value=text))
    folder = path.parent
    if not folder.exists():
        raise Refused(word("no_folder", option=option, value=text, folder=_nearest_missing(folder)))
    if not folder.is_dir():
        raise Refused(word("not_folder", option=option, value=text, folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise Refused(word("not_writable", option=option, value=text))
    return path


def output_folder(option: str, text: str) -> Path:
    """A folder to make (or replace) `text` in: every part of its path that exists is a
    folder, and the deepest one that exists takes new entries."""
    path = Path(text)
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise Refused(word("not_folder", option=option, value=text, folder=existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise Refused(word("not_writable", option=option, value=text))
    return path


def _nearest_missing(folder: Path) -> Path:
    """The first folder of `folder`'s path that is not there (the one to create first)."""
    while not folder.parent.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def rules_source(option: str, text: str | None, national_files: list[str], *, folder_only: bool = False):
    """`--rules`: None (the repository's rules/), a folder holding the rule files, or
    (unless `folder_only`) a JSON file build.py wrote (returned as its text). Its content
    is checked afterwards, by the loader or the model, which name file, line and reason
    (exit 1). What is no rules at all is refused here, as a wrong argument: a folder with
    none of the rule files, a JSON object with none of the rules' keys (a request given
    as `--rules request.json`, or `--rules` left without its value before the request)."""
    if text is None:
        return None
    path = Path(text)
    if not text.strip() or not path.exists():
        raise Refused(word("rules_missing", option=option, value=text))
    if folder_only and not path.is_dir():
        raise Refused(word("rules_not_folder", option=option, value=text))
    if path.is_dir():
        if not any((path / name).is_file() for name in national_files):
            raise Refused(word("rules_not_rules", option=option, value=text, files="、".join(national_files[:3])))
        return path
    try:
        data = path.read_text(encoding="utf-8")
        compiled = json.loads(data)
        if not isinstance(compiled, dict) or compiled.keys().isdisjoint(Rules.FIELDS):
            raise ValueError
    except (OSError, ValueError, RecursionError):
        raise Refused(word("rules_not_json", option=option, value=text)) from None
    return data


def edition_of(option: str, text: str | None, available: list[str]) -> str | None:
    if text is not None and text not in available:
        raise Refused(word("edition_unknown", option=option, value=text, editions="、".join(available)))
    return text
