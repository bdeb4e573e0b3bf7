"""The staff area's answer filters (the fields of bot.export.ExportFilter) as SQL conditions and query strings.

One filter drives the dashboard's figures, the list of answers and the export downloads, so the numbers a
page shows are the rows its download holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from bot.store.models import Answer, Respondent

FIELDS = ("theme", "question", "channel", "language", "nation", "assisted", "code")
MAX_VALUE = 96  # the longest id a filter can name (codes.id)
YES = ("yes", "true", "1", "assisted")
NO = ("no", "false", "0", "alone")


def value(filters: Any, name: str) -> Any:
    """One field of a filter (None when unset or empty)."""
    got = getattr(filters, name, None) if filters is not None else None
    return None if got in ("", None) else got


def yes_no(flag: bool | None) -> str | None:
    return None if flag is None else ("yes" if flag else "no")


def assisted_value(filters: Any) -> bool | None:
    """"Assisted or not" as True, False or None (no filter): the filter may hold a bool or yes/no."""
    got = value(filters, "assisted")
    if got is None or isinstance(got, bool):
        return got
    text = str(got).strip().lower()
    return True if text in YES else False if text in NO else None


def conditions(filters: Any) -> list:
    """SQL conditions on Answer joined to Respondent: exactly the export's own (bot.export.rows), so a
    figure on a page and the rows of its download are the same answers."""
    if filters is None:
        return []
    from bot.export.rows import Snapshot

    selection = Snapshot(None, filters)  # only its conditions: no connection is opened
    return [*selection.respondent_conditions(), *selection.answer_conditions()]


def check(store, filters: Any) -> None:
    """Raise bot.export.ExportError (with a plain message) when a filter names something that does not exist."""
    from bot.export.rows import Snapshot

    with Snapshot(store, filters):
        pass


def answers_query(filters: Any, *columns):
    """SELECT columns FROM answers JOIN respondents WHERE the filter holds."""
    query = select(*columns).select_from(Answer).join(Respondent, Respondent.id == Answer.respondent_id)
    return query.where(*conditions(filters))


def from_query(query: Mapping[str, str]):
    """An ExportFilter from a page's query string; unknown fields and over-long values are left out."""
    from bot.export import ExportFilter

    chosen: dict[str, Any] = {}
    for name in FIELDS:
        raw = (query.get(name) or "").strip()
        if raw and len(raw) <= MAX_VALUE:
            chosen[name] = raw
    if "assisted" in chosen:
        text = chosen.pop("assisted").lower()
        if text in YES + NO:
            chosen["assisted"] = text in YES
    return ExportFilter(**chosen)


def to_query(filters: Any, **extra: Any) -> str:
    """The query string that gives this filter back (plus `extra`, e.g. format=csv or page=2)."""
    pairs: list[tuple[str, str]] = [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
    for name in FIELDS:
        got = value(filters, name)
        if name == "assisted":
            got = yes_no(assisted_value(filters))
        if got is not None:
            pairs.append((name, str(got)))
    return urlencode(pairs)


def is_empty(filters: Any) -> bool:
    return all(value(filters, name) is None for name in FIELDS)
