"""A roster row's errors in the roster's words, at the column staff will look in.

The single check's messages speak of its form (rows of credits, dates as it read them);
in a roster those would be confused with the file's lines and would not be found by a
search of the file. So each message is re-worded here, the date echoed as the file wrote
it, and each error names the file's line and the header of its column."""
from __future__ import annotations

import re

from ..interfaces.request import MAX_UNITS_PER_ROW as MAX_UNITS
from .cells import era_problem

# The header word (messages.yaml `roster`) of the column a request's field was read from.
_COLUMN_OF_FIELD = {"certification": "certification", "expires_on": "expires_on",
                    "mypage_registered_on": "mypage_registered_on"}


class RowErrors:
    def __init__(self, rules, word):
        self.rules, self.word = rules, word

    def of_check(self, line: int, errors: list[dict], request: dict, sources: list[str],
                 written: dict[str, str]) -> list[dict]:
        """The single check's `errors` for the row at `line`; `written`: the date cells as
        the file wrote them; `sources`: the category of each credit total, in order."""
        return [self.error(line, self._column_of(error["field"], sources),
                           _as_written(self._roster_message(error, request), request.get(error["field"]),
                                       written.get(error["field"])))
                for error in errors]

    def error(self, line: int, column: str, message: str) -> dict:
        return {"column": column, "message": message,
                "text": self.word("error_cell", line=line, column=column, message=message)}

    def _roster_message(self, error: dict, request: dict) -> str:
        """A cell's error in a roster's words: the titles it may name, an era date the era
        never had, and a credit cell's errors (the checker's own speak of rows of credits,
        which here would be confused with the file's lines); else the checker's message."""
        if error["field"] == "certification":
            names = [c.short_name for c in self.rules.certifications.values()]
            return self.word("certification_invalid", titles="・".join(names))
        if error["field"] in ("expires_on", "mypage_registered_on"):
            era = era_problem(str(request.get(error["field"]) or ""))
            if era:
                return self.word(era[0], **era[1])
        if error["field"].startswith("credit_totals["):
            if error["field"].endswith(".units"):
                return self.word("units_invalid", max=MAX_UNITS)
            if error["field"].endswith(".category"):
                certification = self.rules.certifications.get(request["certification"])
                return self.word("category_not_for_title", certification=certification.short_name if certification else "")
        return error["message"]

    def _column_of(self, field: str, sources: list[str]) -> str:
        match = re.match(r"credit_totals\[(\d+)\]", field)
        if match and int(match.group(1)) < len(sources):
            return self.word("credits", category=sources[int(match.group(1))])
        return self.word(_COLUMN_OF_FIELD.get(field, "id"))


def _as_written(message: str, read: str | None, written: str | None) -> str:
    """The message with a date cell echoed as the file wrote it (「2027/2/30」), not as the
    roster read it for the check (「2027-02-30」): staff search their file for that text."""
    if read and written and read != written and f"「{read}」" in message:
        return message.replace(f"「{read}」", f"「{written}」")
    return message
