"""`mypage.yaml`, `contacts.yaml` and `application.yaml`: the national texts about the
マイページ, the national desks, and where and when to apply."""
from __future__ import annotations

from .entries import contact_list, more_sources, sourced_text
from .located_yaml import LocatedDict
from .reader import Reader


def mypage_file(doc, r: Reader) -> dict:
    r.unknown_keys(doc, {"description", "login_url", "registration_delay", "without_mypage", "steps", "already_done"})
    login = r.mapping(doc, "login_url") or LocatedDict()
    delay = r.mapping(doc, "registration_delay") or LocatedDict()
    steps = r.mapping(doc, "steps") or LocatedDict()
    r.unknown_keys(steps, {"member", "non_member"})
    result = {
        "login_url": {"value": r.url(login, "value"), "source": r.source(login)},
        "registration_delay": {"months": r.integer(delay, "months", minimum=0, maximum=12),
                               "text": r.text(delay, "text"), "source": r.source(delay)},
        "without_mypage": sourced_text(r, doc, "without_mypage"),
        "already_done": sourced_text(r, doc, "already_done"),
        "steps": {},
    }
    for key in ("member", "non_member"):
        entry = r.mapping(steps, key)
        if entry is None:
            continue
        items = r.sequence(entry, "items") or []
        result["steps"][key] = {
            "label": r.text(entry, "label"),
            "summary": r.text(entry, "summary"),
            "items": [item for item in items if isinstance(item, str)],
            "source": r.source(entry),
        }
        if len(result["steps"][key]["items"]) != len(items) or not items:
            r.problem(entry.line_of("items"), "items は手順の文を1行ずつ書いた一覧にしてください。")
    return result


def contacts_file(doc, r: Reader) -> list[dict]:
    r.unknown_keys(doc, {"description", "contacts"})
    return contact_list(r, doc)


def application_file(doc, r: Reader) -> dict:
    """Where to apply, when the renewal papers arrive, where registered data is changed."""
    r.unknown_keys(doc, {"description", "where_to_apply", "renewal_notice", "registered_info"})
    notice = r.mapping(doc, "renewal_notice") or LocatedDict()
    r.unknown_keys(notice, {"text", "months_before", "source", "sources"})
    return {
        "where_to_apply": sourced_text(r, doc, "where_to_apply"),
        "renewal_notice": {"text": r.text(notice, "text"),
                           "months_before": r.integer(notice, "months_before", minimum=1, maximum=12),
                           "source": r.source(notice), "more_sources": more_sources(r, notice)},
        "registered_info": sourced_text(r, doc, "registered_info"),
    }
