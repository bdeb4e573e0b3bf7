"""The staff area's answer filters (the fields of bot.export.ExportFilter) as SQL conditions and query strings.

One filter drives the dashboard's figures, the list of answers and the export downloads, so the numbers a
page shows are the rows its download holds.

The answers list and the coding queue add two choices of their own (AnswerFilter): words to search for, in the
original or in English, and "waiting for English". Searching uses the index of migration 0007: on SQLite an FTS5
trigram table (any script, with or without spaces between words), on PostgreSQL ILIKE with pg_trgm indexes. Every
word (or "quoted phrase") must occur in the answer or in its English; capitals do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bot.export import ExportFilter
from bot.store import answer_queries, staff_queries

FIELDS = ("theme", "question", "channel", "language", "nation", "assisted", "code")
SEARCH_FIELDS = ("words", "english")  # the answers list and queue only: ?words=...&english=waiting
MAX_WORDS = 200  # characters typed in the search box
MAX_TERMS = 8
TRIGRAM = answer_queries.TRIGRAM  # the shortest term the trigram indexes can find
WAITING = "waiting"


@dataclass(frozen=True)
class AnswerFilter(ExportFilter):
    """The export's filter, plus words to search for and "waiting for English" (the answers list and queue)."""

    words: str | None = None
    waiting_for_english: bool | None = None


def terms(words: str | None) -> list[str]:
    """The search terms typed: each word, or each "quoted phrase" kept whole; at most MAX_TERMS, no repeats."""
    found: list[str] = []
    for quoted, word in re.findall(r'"([^"]+)"|(\S+)', unicodedata.normalize("NFC", words or "")[:MAX_WORDS]):
        term = " ".join((quoted or word).split()).strip('"')
        if term and term.casefold() not in {t.casefold() for t in found}:
            found.append(term)
    return found[:MAX_TERMS]


def search_conditions(words: str | None, dialect: str | None) -> list:
    """SQL conditions on Answer: every term is in its text or its English (any case)."""
    return answer_queries.search_conditions(terms(words), dialect)


def waiting_condition():
    """Answers with words that are not in English and have no English yet (no machine's, no person's)."""
    return answer_queries.waiting_condition()


def highlight(text: str | None, found: list[str]) -> list[tuple[str, bool]]:
    """The text in pieces, (piece, is one of the search terms), for the template to <mark> (it escapes them)."""
    text = text or ""
    if not found or not text:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(found, key=len, reverse=True)), re.IGNORECASE)
    parts, at = [], 0
    for m in pattern.finditer(unicodedata.normalize("NFC", text)):
        if m.start() > at:
            parts.append((text[at:m.start()], False))
        parts.append((text[m.start():m.end()], True))
        at = m.end()
    parts.append((text[at:], False))
    return [p for p in parts if p[0]] or [("", False)]


def excerpt(text: str | None, found: list[str], size: int = 160) -> list[tuple[str, bool]]:
    """A short part of the text (around the first search term found, when there is one), highlighted."""
    flat = " ".join(unicodedata.normalize("NFC", text or "").split())
    start = 0
    if found:
        m = re.search("|".join(re.escape(t) for t in found), flat, re.IGNORECASE)
        if m is not None and m.end() > size - 20:
            start = max(0, m.start() - size // 3)
    end = start + size
    piece = flat[start:end]
    if start:
        piece = "…" + piece.lstrip()
    if end < len(flat):
        piece = piece.rstrip() + "…"
    return highlight(piece, found)
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


def conditions(filters: Any, dialect: str | None = None) -> list:
    """SQL conditions on Answer joined to Respondent: exactly the export's own (bot.export.rows), so a
    figure on a page and the rows of its download are the same answers; then the search, for an AnswerFilter
    (`dialect`: the database's, "sqlite" or "postgresql", for the search index to use)."""
    if filters is None:
        return []
    from bot.export.rows import Snapshot

    selection = Snapshot(None, filters)  # only its conditions: no connection is opened
    found = [*selection.respondent_conditions(), *selection.answer_conditions()]
    found += search_conditions(getattr(filters, "words", None), dialect)
    if getattr(filters, "waiting_for_english", None):
        found.append(waiting_condition())
    return found


def check(store, filters: Any) -> None:
    """Raise bot.export.ExportError (with a plain message) when a filter names something that does not exist."""
    from bot.export.rows import Snapshot

    with Snapshot(store, filters):
        pass


def answers_query(filters: Any, *columns, dialect: str | None = None):
    """SELECT columns FROM answers JOIN respondents WHERE the filter holds."""
    return staff_queries.answers_select(conditions(filters, dialect), *columns)


def answer_filter_from_query(query: Mapping[str, str]) -> AnswerFilter:
    """The filter of the answers list and coding queue: from_query's fields, words and "waiting for English"."""
    base = from_query(query)
    words = " ".join(unicodedata.normalize("NFC", query.get("words") or "").split())[:MAX_WORDS] or None
    waiting = True if (query.get("english") or "").strip() == WAITING else None
    return AnswerFilter(**{name: getattr(base, name) for name in FIELDS}, words=words, waiting_for_english=waiting)


def export_filter(filters: Any) -> ExportFilter:
    """Only the export's fields of a filter (a download never carries the words searched for)."""
    return ExportFilter(**{name: getattr(filters, name, None) for name in FIELDS})


def from_query(query: Mapping[str, str]):
    """An ExportFilter from a page's query string; unknown fields and over-long values are left out."""
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
    if value(filters, "words") is not None:
        pairs.append(("words", str(filters.words)))
    if value(filters, "waiting_for_english"):
        pairs.append(("english", WAITING))
    return urlencode(pairs)


def is_empty(filters: Any) -> bool:
    return all(value(filters, name) is None for name in (*FIELDS, "words", "waiting_for_english"))
