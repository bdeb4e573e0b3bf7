"""The store's door for the answers list, the coding queue and the review queue: the SQL conditions of a search and
of "waiting for English" (bot.staff.filtering decides which terms were typed and how a filter reads).

Searching uses the index of migration 0007: on SQLite an FTS5 trigram table (any script, with or without spaces
between words), on PostgreSQL ILIKE with pg_trgm indexes. Every term must occur in the answer or in its English;
capitals do not matter.
"""

from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import and_, or_, select, text

from bot.store.models import FAILED, PENDING, Answer

TRIGRAM = 3  # the shortest term the trigram indexes can find; shorter ones are looked for row by row


def like_pattern(term: str) -> str:
    """A LIKE pattern finding `term` anywhere ("/" escapes % and _)."""
    return "%" + term.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def fts_phrase(term: str) -> str:
    """`term` as one phrase of an FTS5 query."""
    return '"' + term.replace('"', '""') + '"'


def search_conditions(found: Sequence[str], dialect: str | None) -> list[Any]:
    """SQL conditions on Answer: every term of `found` is in its text or its English (any case)."""
    if not found:
        return []
    found = list(found)
    conditions: list[Any] = []
    long_terms = [t for t in found if len(t) >= TRIGRAM]
    if dialect == "sqlite" and long_terms:  # the FTS5 trigram index (migration 0007)
        query = " AND ".join(fts_phrase(t) for t in long_terms)
        conditions.append(Answer.id.in_(
            select(text("rowid")).select_from(text("answers_search"))
            .where(text("answers_search MATCH :search_query").bindparams(search_query=query))))
        found = [t for t in found if len(t) < TRIGRAM]
    for term in found:  # PostgreSQL (pg_trgm indexes), or a term too short for the index
        pattern = like_pattern(term)
        if dialect == "sqlite":  # its LIKE already ignores capitals (of ASCII letters, as ILIKE's lower() would)
            conditions.append(or_(Answer.text.like(pattern, escape="/"), Answer.text_en.like(pattern, escape="/")))
        else:
            conditions.append(or_(Answer.text.ilike(pattern, escape="/"), Answer.text_en.ilike(pattern, escape="/")))
    return conditions


def waiting_condition() -> Any:
    """Answers with words that are not in English and have no English yet (no machine's, no person's)."""
    english = and_(Answer.language == "en", or_(Answer.language_detected.is_(None),
                                                Answer.language_detected.in_(("en", "unknown"))))
    return and_(Answer.text.is_not(None), Answer.text_en.is_(None), Answer.translation_status.in_((PENDING, FAILED)),
                ~english)
