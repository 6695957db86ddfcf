"""Request JSON from outside (a file, stdin, a share link), read within fixed limits.

`json.loads` recurses once per level of nesting: text nested a thousand deep raises
RecursionError on CPython and can overflow the stack of the browser's worker, which
then dies with the page's checker. So the size and the depth are checked first, with
one linear scan that does not recurse, and only text within both limits is parsed.
Every refusal is a `RequestRejected` (a ValueError) whose message is the Japanese
sentence from messages.yaml, ready to show.

The limits fit any real request with room to spare: the largest has 1,000 credit rows
(`request.MAX_CREDIT_ROWS`), 70 KB as JSON, 140 KB indented with its Japanese escaped; its
nesting is 3 deep (request → credits → one credit).
"""
from __future__ import annotations

import json
import re
from itertools import accumulate

from . import current_rules
from .request import MAX_CREDIT_ROWS

MAX_BYTES = 1_000_000   # UTF-8 bytes of the text
MAX_DEPTH = 20          # [ ] and { } inside one another

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)   # a JSON string, escapes included
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_LONGEST_INT = 4000     # digits; CPython refuses to convert more (4,300) with an English ValueError


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
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        where = _message("json_position", line=exc.lineno, column=exc.colno)
        raise _rejected("invalid_json", detail=where) from None


def depth(text: str) -> int:
    """How deep [ ] and { } nest outside strings (for valid JSON, exactly its nesting).
    Linear and without recursion: strings go first, then every other non-bracket."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _integer(digits: str):
    """An integer as json reads it; one too long for int() is a float (inf), which the
    checker then reports as out of range, like any other too-large number."""
    return int(digits) if len(digits) <= _LONGEST_INT else float(digits)


def _message(key: str, **values) -> str:
    return current_rules.current().messages.text("errors", key, **values)


def _rejected(key: str, **values) -> RequestRejected:
    return RequestRejected(_message(key, **values))
