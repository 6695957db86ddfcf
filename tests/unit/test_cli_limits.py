"""Requests from outside are read within fixed limits (checker/interfaces/safe_json.py): nesting a
thousand deep or a file too large is a Japanese message and exit 2, never a traceback;
the largest real request (1,000 credit rows) still fits. Fuzzed with hypothesis, in the
reader and through the command line's own `main`."""
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import examples
from checker import __main__ as cli
from checker.interfaces import safe_json
from checker.interfaces.request import MAX_CREDIT_ROWS
from paths import ROOT

DEEP = "入力の入れ子（[ ] や { }）が深すぎます。20段までにしてください。"
LARGE = "入力が大きすぎます。1,000,000バイトまでにしてください（単位の行は1,000行までです）。"


def run(*args, stdin: bytes = b""):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "checker", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=60)


def largest_request() -> dict:
    return {"certification": "occupational", "procedure": "renewal", "expires_on": "2027-03-31",
            "mypage_registered_on": "2025-03-20", "as_of": "2026-11-21",
            "credits": [{"earned_on": "2024-06-30", "category": "更新研修", "units": 1.5}] * MAX_CREDIT_ROWS}


@pytest.mark.parametrize("text,message", [
    ("[" * 1000 + "]" * 1000, DEEP),
    ('{"credits": ' + '{"a": ' * 5000 + "1" + "}" * 5001, DEEP),
    (json.dumps(largest_request(), indent=4) + " " * 1_000_000, LARGE),
], ids=["1,000 deep", "5,000 deep objects", "over a megabyte"])
def test_too_deep_or_too_large_is_exit_2_with_a_japanese_message(text, message):
    done = run(stdin=text.encode("utf-8"))
    assert done.returncode == 2, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] is False and [e["message"] for e in result["errors"]] == [message]


def test_the_largest_real_request_fits():
    text = json.dumps(largest_request(), ensure_ascii=False, indent=8)   # generously indented
    assert len(text.encode("utf-8")) < safe_json.MAX_BYTES / 2
    done = run(stdin=text.encode("utf-8"))
    result = json.loads(done.stdout)
    assert result["ok"] and result["credits"]["by_category"], result["errors"]


def test_invalid_json_says_where_in_japanese():
    done = run(stdin=b'{"certification": "sports",\n  procedure: "new"}')
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["message"] == "入力をJSONとして読めませんでした（2行目の3文字目）。"


def test_a_missing_or_unreadable_request_file_is_a_japanese_message(tmp_path):
    done = run(str(tmp_path / "nai.json"))
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["message"] == \
        f"ファイル「{tmp_path / 'nai.json'}」が見つかりません。名前と場所を確かめてください。"
    (tmp_path / "sjis.json").write_bytes('{"certification": "産業医"}'.encode("cp932"))
    done = run(str(tmp_path / "sjis.json"))
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["message"] == "入力をUTF-8として読めませんでした（1行目）。UTF-8で保存してください。"


# -- fuzz -----------------------------------------------------------------------------
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                              max_size=3), max_leaves=12)
nested = st.builds(lambda opens, inner, kinds: "".join("[" if k else '{"k":' for k in kinds[:opens]) + inner
                   + "".join("]" if k else "}" for k in reversed(kinds[:opens])),
                   st.integers(0, 60), values.map(json.dumps), st.lists(st.booleans(), min_size=60, max_size=60))
noise = st.text(alphabet='[]{}",:\\ 0123456789aeflnrstu-.\n', max_size=60)
texts = values.map(json.dumps) | nested | noise | st.text(max_size=30) | st.builds(
    lambda text, pad: text + " " * pad, values.map(json.dumps), st.sampled_from([0, safe_json.MAX_BYTES]))


def oddities(text: str) -> bool:
    """Whether JSON `text` has a key twice in one object or a lone surrogate (both refused)."""
    found = []

    def pairs(items):
        keys = [key for key, _ in items]
        found.extend(["duplicate"] * (len(set(keys)) < len(keys)))
        found.extend(["lone"] * any(0xD800 <= ord(c) <= 0xDFFF for key in keys for c in key))
        found.extend(["lone"] * any(isinstance(v, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in v) for _, v in items))
        return dict(items)

    value = json.loads(text, object_pairs_hook=pairs)
    strings = [value] if isinstance(value, str) else []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            strings.extend(v for v in item if isinstance(v, str))
        elif isinstance(item, dict):
            stack.extend(item.values())
    return bool(found) or any(0xD800 <= ord(c) <= 0xDFFF for v in strings for c in v)


def nesting(value) -> int:
    if isinstance(value, (list, dict)):
        children = value.values() if isinstance(value, dict) else value
        return 1 + max(map(nesting, children), default=0)
    return 0


@settings(max_examples=examples(3000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_reader_answers_or_refuses_in_japanese(rules, text):
    try:
        expected = json.loads(text)
    except (ValueError, RecursionError):
        expected = ValueError
    try:
        value = safe_json.load(text)
    except safe_json.RequestRejected as exc:
        assert str(exc) and not str(exc).isascii()
        fits = len(text.encode("utf-8", "surrogatepass")) <= safe_json.MAX_BYTES
        assert expected is ValueError or not fits or nesting(expected) > safe_json.MAX_DEPTH or oddities(text)
    else:
        assert expected is not ValueError and json.dumps(value) == json.dumps(expected)
        assert nesting(value) <= safe_json.MAX_DEPTH


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_command_line_never_raises(rules, text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "request.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = cli.main([str(path)])
    result = json.loads(out.getvalue())
    assert code in (0, 2) and (code == 0) is result["ok"]
    assert all(e["message"] for e in result["errors"])


def test_the_date_hint_shows_only_what_the_command_line_accepts():
    request = {"certification": "occupational", "procedure": "renewal", "expires_on": "2027/3/31"}
    done = run(stdin=json.dumps(request).encode())
    hint = json.loads(done.stdout)["errors"][0]["message"]
    examples = hint.split("例：")[1].split("）")[0].split("、")
    assert examples
    for example in examples:
        accepted = run(stdin=json.dumps(dict(request, expires_on=example, as_of="2026-11-21")).encode())
        assert json.loads(accepted.stdout)["errors"] == [], (example, hint)
