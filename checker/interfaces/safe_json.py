"""Request JSON from outside (a file, stdin, a share link), read within fixed limits.

`json.loads` recurses once per level of nesting: text nested a thousand deep raises
RecursionError on CPython and can overflow the stack of the browser's worker, which
then dies with the page's checker. So the size and the depth are checked first, with
one linear scan that does not recurse, and only text within both limits is parsed.
Every refusal is a `RequestRejected` (a ValueError) whose message is the Japanese
sentence from messages.yaml, ready to show.

Two more things a parser lets through are refused here, each naming what it found: a
key given twice in one object (`json` keeps the last silently, so the physician's first
answer would vanish), and a lone surrogate (`"\\ud800"`: half of a character, which no
text can hold and no UTF-8 output can write).

The limits fit any real request with room to spare: the largest has 1,000 credit rows
(`request.MAX_CREDIT_ROWS`), 70 KB as JSON, 140 KB indented with its Japanese escaped; its
nesting is 3 deep (request → credits → one credit).
"""
from __future__ import annotations

import json
import re
from itertools import accumulate

from ..rules import current_rules
from .request import MAX_CREDIT_ROWS

MAX_BYTES = 1_000_000   # UTF-8 bytes of the text
MAX_DEPTH = 20          # [ ] and { } inside one another

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)   # a JSON string, escapes included
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_LONGEST_INT = 4000     # digits; CPython refuses to convert more (4,300) with an English ValueError
_SURROGATE = re.compile("[\ud800-\udfff]")   # after parsing, a surrogate is always a lone one
_SHOWN_KEY = 40         # characters of a key repeated in a message


class RequestRejected(ValueError):
    """The request text cannot be read; str() is the Japanese message to show."""


def load(text: str) -> object:
    """The JSON value in `text`, or RequestRejected if it is too large, too deep or not JSON."""
    if len(text) > MAX_BYTES or (len(text) * 4 > MAX_BYTES   # up to 4 bytes a character
                                 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES):
        raise _rejected("request_too_large", max=f"{MAX_BYTES:,}", rows=f"{MAX_CREDIT_ROWS:,}")
    if depth(text) > MAX_DEPTH:
        raise _rejected("request_too_deep", max=MAX_DEPTH)
    try:
        value = json.loads(text, parse_int=_integer, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        where = _message("json_position", line=exc.lineno, column=exc.colno)
        raise _rejected("invalid_json", detail=where) from None
    lone = _lone_surrogate(value, "")
    if lone is not None:
        field, character = lone
        raise _rejected("lone_surrogate", field=_shown(field) or "（全体）", code=f"{ord(character):04X}")
    return value


def dumps(value, indent: int | None = 2) -> str:
    """`value` as JSON (Japanese as it is), any lone surrogate written as its escape
    (`\\udcff`, the same character to a JSON reader): always encodable as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _object(pairs: list) -> dict:
    """A JSON object; RequestRejected naming the key if one is given twice."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise _rejected("duplicate_key", name=_shown(key))
            seen.add(key)
    return found


def _lone_surrogate(value, path: str):
    """(where, the character) of the first lone surrogate in a key or a string, or None.
    The nesting is at most MAX_DEPTH here, so the recursion is bounded."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return (path, found.group()) if found else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _SURROGATE.search(key)
            where = f"{path}.{key}" if path else key
            if found:
                return where, found.group()
            inner = _lone_surrogate(item, where)
            if inner:
                return inner
    elif isinstance(value, list):
        for index, item in enumerate(value):
            inner = _lone_surrogate(item, f"{path}[{index}]")
            if inner:
                return inner
    return None


def _shown(text: str) -> str:
    """A key or a field as a message repeats it: short, and with no half characters."""
    text = _SURROGATE.sub("\ufffd", text)
    return text if len(text) <= _SHOWN_KEY else text[:_SHOWN_KEY] + "…"


def depth(text: str) -> int:
    """How deep [ ] and { } nest outside strings (for valid JSON, exactly its nesting).
    Linear and without recursion: strings go first, then every other non-bracket."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _integer(digits: str):
    """An integer as json reads it; one too long for int() is a float (inf), which the
    checker then reports as out of range, like any other too-large number."""
    return int(digits) if len(digits) <= _LONGEST_INT else float(digits)


def _message(message_key: str, **values) -> str:
    return current_rules.current().messages.text("errors", message_key, **values)


def _rejected(message_key: str, **values) -> RequestRejected:
    return RequestRejected(_message(message_key, **values))
