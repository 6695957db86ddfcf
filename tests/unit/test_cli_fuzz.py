"""Every command line (`python -m checker`, its `roster` and `notices`, and `build.py`) run
with generated arguments and files never shows a traceback: it ends with exit 0, or with
exit 2 and Japanese on stderr. Arguments are checked before any work starts, so a bad
`--as-of`, `--csv`, `--within-months`, `--site-dir`, `--rules`, `--edition` or `--port`
is one Japanese sentence (issue #22). The runs call each program's own `main` with
stdin, stdout and stderr as real byte streams (UTF-8, strict), so an output that cannot
be encoded fails here as it would in a terminal; a few runs go through a real process.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from examples import examples
import build
from checker import __main__ as checker_cli
from loader.compile import RULES_DIR
from notices_roster import roster_of_40
from paths import ROOT

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
AS_OF = "2026-11-22"


@contextlib.contextmanager
def terminal(stdin: bytes = b""):
    """sys.stdin/stdout/stderr as a terminal's: text over bytes, UTF-8, strict on output.
    Yields a dict that holds stdout and stderr as bytes once the block ends."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
               io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True),
               io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True))
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = streams
    captured = {}
    try:
        yield captured
    finally:
        for stream in streams[1:]:
            stream.flush()
        captured.update(stdout=out.getvalue(), stderr=err.getvalue())
        sys.stdin, sys.stdout, sys.stderr = saved


def run(main, argv: list[str], stdin: bytes = b"", cwd: Path | None = None) -> tuple[int, bytes, str]:
    """(exit code, stdout, stderr) of `main(argv)` run in `cwd` (a generated relative name
    lands there, not in the repository); any exception but SystemExit escapes."""
    with contextlib.chdir(cwd or Path.cwd()), terminal(stdin) as captured:
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, captured["stdout"], captured["stderr"].decode("utf-8")


def assert_clean(code, stderr: str, argv) -> None:
    event(f"exit {code}")   # pytest --hypothesis-show-statistics: how many runs did the work
    assert "Traceback" not in stderr, (argv, stderr)
    assert code in (0, 2), (argv, code, stderr)
    if code == 2:
        assert JAPANESE.search(stderr), (argv, stderr)


# -- the files and values the arguments are drawn from --------------------------------------
@pytest.fixture(scope="module")
def place(tmp_path_factory, rules):
    """A folder of inputs: good, missing, wrong and hostile ones."""
    work = tmp_path_factory.mktemp("fuzz")
    roster, _ = roster_of_40(AS_OF)
    (work / "roster.csv").write_bytes(roster)
    (work / "hostile.csv").write_bytes("ID・氏名,資格,有効期限,住所（任意）\r\n=1+1,産業医,H99.1.1,京都\u202e市\r\n"
                                       ",認定産業医,R0.1.1,\r\nA-3,産業医,2027/3/31,＝HYPERLINK(\"x\")\r\n"
                                       .encode("utf-8"))
    (work / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (work / "empty").write_bytes(b"")
    (work / "request.json").write_text((ROOT / "examples" / "renewal-occupational.json").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (work / "twice.json").write_text('{"certification": "sports", "certification": "occupational"}', encoding="utf-8")
    (work / "surrogate.json").write_text('{"certification": "occupational", "procedure": "renewal", "expires_on": '
                                         '"2027-03-31", "credits": [{"earned_on": "2025-05-01", "category": "\\ud800", '
                                         '"units": 1}]}', encoding="utf-8")
    (work / "list.json").write_text("[1, 2]", encoding="utf-8")
    (work / "rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    (work / "folder").mkdir()
    (work / "folder" / "note.txt").write_text("not a site", encoding="utf-8")
    (work / "sites").mkdir()
    (work / "out").mkdir()   # where each run starts
    return work


def paths(place: Path, *names: str) -> list[str]:
    return [str(place / name) for name in names]


# Each argument: (values that pass, values that must be refused). None: not given.
DATES = (["2026-11-22", "2027-04-01", "1990-01-01", "2100-12-31", "2025-03-31", "2028-03-31", None], [
    "garbage", "2025-02-30", "2026-1-5", "2026-13-01", "", " ", "1989-12-31", "2101-01-01", "9999-12-31",
    "0001-01-01", "2026/11/22", "R8.11.22", "-1", "\udcff", "2026-11-22\x00"])
MONTHS = (["1", "4", "24", "2", "12", None], ["-5", "0", "25", "x", "1.5", "", "999999999999999999999", "1e3", "+-3"])
EDITIONS = ([None, "kyoto", "saga", "kanagawa"], ["tokyo", "", "../kyoto", "kyoto.yaml", "\udcff"])
JUNK = [["--bogus"], ["-x"], ["--"], ["extra"], ["--as-of"], ["--csv"], ["--rules"], ["-h=1"], ["--within-months"],
        ["--edition"]]


def rules_values(place: Path, *, folder_only: bool = False, edition: bool = False):
    good = [None, str(RULES_DIR)] + ([] if folder_only or edition else [str(place / "rules.json")])
    return good, [*paths(place, "nai", "folder", "binary.bin", "list.json", "empty"), ""] + (
        [str(place / "rules.json")] if folder_only else [])


def command_line(data, positional: tuple[list, list], options: dict[str, tuple[list, list]]) -> list[str]:
    """A command line whose arguments all pass, or all but one (or with junk among them),
    in any order: half the runs or more get past the checks and do the work, and every
    refusal is met too."""
    wrong = data.draw(st.sampled_from([None, None, "file", "junk", *options]), label="the argument that is wrong")
    groups = [data.draw(st.sampled_from(positional[wrong == "file"]), label="file")]
    for name, values in options.items():
        value = data.draw(st.sampled_from(values[wrong == name]), label=name)
        groups.append([] if value is None else [name, value])
    if wrong == "junk":
        groups.append(data.draw(st.sampled_from(JUNK), label="junk"))
    return [argument for group in data.draw(st.permutations(groups), label="order") for argument in group]


FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                  HealthCheck.data_too_large])


@settings(max_examples=examples(120), **FUZZ)
@given(data=st.data())
def test_the_checker_never_shows_a_traceback(place, data):
    example = (ROOT / "examples" / "renewal-occupational.json").read_bytes()
    with_edition = data.draw(st.booleans(), label="with an edition")
    argv = command_line(data, ([[], [str(place / "request.json")]], [[p] for p in paths(
        place, "twice.json", "surrogate.json", "list.json", "binary.bin", "empty", "nai.json", "folder",
        "roster.csv")] + [["\udcff.json"]]), {"--rules": rules_values(place, edition=with_edition),
                                                "--edition": EDITIONS if with_edition else ([None], ["saga"])})
    stdin = data.draw(st.sampled_from([example, example, b"", b'{"a": 1, "a": 2}', b"\xff\xfe", b'"\\udfff"']))
    code, out, err = run(checker_cli.main, argv, stdin, cwd=place / "out")
    assert_clean(code, err, argv)
    if out:
        result = json.loads(out.decode("utf-8"))    # valid UTF-8 and valid JSON, always
        assert (code == 0) is result["ok"]


@settings(max_examples=examples(150), **FUZZ)
@given(data=st.data())
def test_roster_and_notices_never_show_a_traceback(place, data):
    command = data.draw(st.sampled_from(["roster", "notices"]))
    with_edition = data.draw(st.booleans(), label="with an edition")
    options = {"--as-of": DATES, "--rules": rules_values(place, edition=with_edition),
               "--edition": EDITIONS if with_edition else ([None], ["saga"])}
    if command == "notices":
        options["--within-months"] = MONTHS
        options["--csv"] = ([None, str(place / "out" / f"{uuid.uuid4().hex}.csv")], paths(
            place, "folder", "nai/out.csv", "roster.csv/out.csv") + ["", "/dev/full", "/proc/version"])
    argv = [command, *command_line(data, ([[str(place / "roster.csv")], [str(place / "hostile.csv")]], [
        [p] for p in paths(place, "binary.bin", "empty", "nai.csv", "folder", "request.json")] + [[]]), options)]
    code, out, err = run(checker_cli.main, argv, cwd=place / "out")
    assert_clean(code, err, argv)
    assert code == 2 or out   # exit 0 always comes with the CSV or the letters


@pytest.fixture(scope="module")
def busy_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield str(sock.getsockname()[1])


@settings(max_examples=examples(50), **FUZZ)
@given(data=st.data())
def test_build_never_shows_a_traceback(place, busy_port, data):
    fresh = place / "sites" / uuid.uuid4().hex
    argv = command_line(data, ([[]], [["extra"]]), {
        "--site-dir": ([str(fresh / "site"), str(fresh / "deeper" / "still" / "site")], [*paths(
            place, "folder", "roster.csv", "roster.csv/site", "sites/.build-x"), "", "/", ".", str(ROOT)]),
        "--as-of": (DATES[0][:-1], DATES[1]),
        "--rules": rules_values(place, folder_only=True),
        "--edition": EDITIONS,
        # --serve only where the port is refused before the build: a free port would serve forever.
        "--port": (["8000", None], ["-1", "x", "70000", busy_port]),
    })
    if data.draw(st.booleans(), label="--serve") and "--port" in argv and argv[argv.index("--port") + 1] != "8000":
        argv.append("--serve")
    if "--site-dir" not in argv:
        argv += ["--site-dir", str(fresh / "site")]      # never the repository's own site/
    try:
        code, _out, err = run(build.main, argv, cwd=place / "out")
        assert_clean(code, err, argv)
        if code == 0:
            site = Path(argv[argv.index("--site-dir") + 1])
            assert (site / "index.html").is_file() and (site / "checker" / "index.html").is_file()
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    assert (place / "folder" / "note.txt").is_file() and (place / "roster.csv").is_file()   # nothing of theirs removed


# -- the cases the adversarial run found, each in a real process -----------------------------
def process(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def test_a_lone_surrogate_in_a_request_is_refused_in_japanese():
    request = '{"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31", ' \
              '"credits": [{"earned_on": "2025-05-01", "category": "\\ud800", "units": 1}]}'
    done = process("-m", "checker", stdin=request.encode())
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    result = json.loads(done.stdout.decode("utf-8"))
    assert [e["message"] for e in result["errors"]] == [
        "入力の「credits[0].category」に、文字の半分だけの符号（U+D800）があります。その項目を入力し直してください。"]


def test_a_key_given_twice_is_an_error_naming_it():
    done = process("-m", "checker", stdin=b'{"certification": "sports", "procedure": "new", "procedure": "renewal"}')
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["message"] == \
        "入力に同じ項目名「procedure」が2つあります。どちらの値を使うか決められないため、1つにしてください。"
    assert "procedure" in done.stderr.decode("utf-8")


@pytest.mark.parametrize("value", ["garbage", "2025-02-30", "2026-1-5", "2026-13-01"])
@pytest.mark.parametrize("command", ["roster", "notices"])
def test_a_bad_as_of_is_refused_before_any_work(command, value):
    done = process("-m", "checker", command, "examples/roster.csv", "--as-of", value)
    assert done.returncode == 2 and done.stdout == b""          # no rows, no letters
    assert done.stderr.decode("utf-8").startswith(f"エラー：--as-of の「{value}」は日付ではありません。")


def test_notices_csv_into_a_folder_or_a_missing_folder_or_a_full_disk(tmp_path):
    for target, words in ((tmp_path, "はフォルダです"), (tmp_path / "nai" / "x.csv", f"を書くフォルダ「{tmp_path / 'nai'}」がありません"),
                          ("/dev/full", "ディスクの空きがありません")):
        done = process("-m", "checker", "notices", "examples/roster.csv", "--as-of", AS_OF, "--csv", str(target))
        assert done.returncode == 2 and b"Traceback" not in done.stderr, done.stderr.decode("utf-8")
        assert words in done.stderr.decode("utf-8") and str(target) in done.stderr.decode("utf-8")


@pytest.mark.parametrize("value", ["-5", "0", "x"])
def test_within_months_must_be_a_count_of_months(value):
    done = process("-m", "checker", "notices", "examples/roster.csv", "--as-of", AS_OF, "--within-months", value)
    assert done.returncode == 2 and done.stdout == b""
    assert "--within-months は1から24までの整数にしてください" in done.stderr.decode("utf-8")


def test_a_file_name_that_is_not_utf8_is_answered_as_valid_json(tmp_path):
    name = os.fsencode(tmp_path) + b"/\xff.json"
    done = subprocess.run([sys.executable.encode(), b"-m", b"checker", name], capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    message = json.loads(done.stdout.decode("utf-8"))["errors"][0]["message"]
    assert message.startswith("ファイル「") and "\udcff.json" in message


def test_build_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.docx").write_bytes(b"keep me")
    done = process("build.py", "--site-dir", str(folder), "--as-of", AS_OF)
    assert done.returncode == 2 and "このツールが作ったサイトではないフォルダです" in done.stderr.decode("utf-8")
    assert (folder / "letter.docx").read_bytes() == b"keep me"
    assert list(tmp_path.iterdir()) == [folder]                   # and started no work beside it


def test_build_says_when_the_port_is_taken_before_building(tmp_path, busy_port):
    done = process("build.py", "--serve", "--port", busy_port, "--site-dir", str(tmp_path / "site"), "--as-of", AS_OF)
    assert done.returncode == 2 and f"ポート {busy_port} で表示を始められません" in done.stderr.decode("utf-8")
    assert not (tmp_path / "site").exists()
