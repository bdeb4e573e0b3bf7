"""The store's door for the answers list, the coding queue and the review queue: the SQL conditions of a search and
of "waiting for English" (bot.staff.filtering decides which terms were typed and how a filter reads), and the rows
the review queue (bot.staff.review) and staff coding (bot.staff.coding_ops) read and change.

The functions that take `s` run in the caller's transaction (a session from Store.session()), so a change and its
audit row are saved together or not at all; the rows they return are changed by the caller in that transaction.

Searching uses the index of migration 0007: on SQLite an FTS5 trigram table (any script, with or without spaces
between words), on PostgreSQL ILIKE with pg_trgm indexes. Every term must occur in the answer or in its English;
capitals do not matter.
"""

from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import and_, case, func, or_, select, text

from bot.store.models import DONE as DONE
from bot.store.models import FAILED as FAILED
from bot.store.models import NEEDS_REVIEW as NEEDS_REVIEW
from bot.store.models import NOT_NEEDED as NOT_NEEDED
from bot.store.models import PENDING as PENDING
from bot.store.models import REVIEWED as REVIEWED
from bot.store.models import Answer, Code, Coding, Respondent, TranscriptMessage
from bot.store.staff_queries import answers_select

ACTIVE = "active"  # Coding.status of a coding in use (bot.staff.coding_ops: ACTIVE)

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


# --- the review queue (bot.staff.review) ---------------------------------------------------------------------------
def waiting_for_review(s: Any, offset: int, limit: int) -> tuple[list[Answer], int]:
    """Answers waiting for review, oldest first: (the `limit` from `offset` on, how many wait in all)."""
    waiting = Answer.review_status == NEEDS_REVIEW
    total = s.execute(select(func.count(Answer.id)).where(waiting)).scalar_one()
    rows = s.execute(
        select(Answer).where(waiting).order_by(Answer.created_on, Answer.id).offset(offset).limit(limit)
    ).scalars().all()
    return list(rows), total


def answer_by_id(s: Any, answer_id: int) -> Answer | None:
    return s.get(Answer, answer_id)


def locked_answer(s: Any, answer_id: int) -> Answer | None:
    """The answer, locked for change until the transaction ends (None when it is gone)."""
    return s.execute(select(Answer).where(Answer.id == answer_id).with_for_update()).scalar_one_or_none()


def person_lines(s: Any, respondent_id: str) -> list[TranscriptMessage]:
    """The person's lines (with text) of a respondent's transcript."""
    return list(s.execute(select(TranscriptMessage).where(
        TranscriptMessage.respondent_id == respondent_id, TranscriptMessage.speaker == "person",
        TranscriptMessage.text.isnot(None))).scalars().all())


def answers_with_text_after(s: Any, last_id: int, limit: int) -> list[Answer]:
    """Up to `limit` answers with words, of id above `last_id`, by id."""
    return list(s.execute(select(Answer).where(Answer.id > last_id, Answer.text.isnot(None))
                          .order_by(Answer.id).limit(limit)).scalars().all())


def person_lines_after(s: Any, last_id: int, limit: int) -> list[TranscriptMessage]:
    """Up to `limit` of the person's transcript lines (with text), of id above `last_id`, by id."""
    return list(s.execute(select(TranscriptMessage).where(
        TranscriptMessage.id > last_id, TranscriptMessage.speaker == "person",
        TranscriptMessage.text.isnot(None)).order_by(TranscriptMessage.id).limit(limit)).scalars().all())


# --- staff coding (bot.staff.coding_ops) ---------------------------------------------------------------------------
def code_labels_and_levels(s: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Every code's label and level, by code id."""
    labels = dict(s.execute(select(Code.id, Code.label)).all())
    levels = dict(s.execute(select(Code.id, Code.level)).all())
    return labels, levels


def respondent_channel(s: Any, respondent_id: str) -> str:
    return s.execute(select(Respondent.channel).where(Respondent.id == respondent_id)).scalar_one()


def live_codes(s: Any) -> list[Code]:
    """Every code that is not retired."""
    return list(s.execute(select(Code).where(Code.retired.is_(False))).scalars().all())


def coding_by_id(s: Any, coding_id: int) -> Coding | None:
    return s.get(Coding, coding_id)


def code_by_id(s: Any, code_id: str) -> Code | None:
    return s.get(Code, code_id)


def new_coding(answer_id: int, code_id: str) -> Coding:
    """A coding not yet in the session (the caller fills it in and adds it)."""
    return Coding(answer_id=answer_id, code_id=code_id)


def codes_under(s: Any, theme: str) -> list[Code]:
    """The codes whose parent is `theme`."""
    return list(s.execute(select(Code).where(Code.parent_id == theme)).scalars().all())


def code_ids_under(s: Any, theme: str) -> set[str]:
    """Every code id that starts with "theme."."""
    return set(s.execute(select(Code.id).where(Code.id.startswith(theme + ".", autoescape=True))).scalars())


def add_topic_code(s: Any, code_id: str, theme: str, label: str, description: str | None, created_by: str) -> None:
    s.add(Code(id=code_id, parent_id=theme, level="topic", label=label, description=description,
               retired=False, created_by=created_by))


def count_answers(s: Any, conditions: Sequence[Any]) -> int:
    """How many answers (joined to their respondents) match every condition."""
    return s.execute(answers_select(conditions, func.count(Answer.id))).scalar_one()


def answers_page(s: Any, conditions: Sequence[Any], offset: int, limit: int) -> list[Any]:
    """The answers matching `conditions`, newest first, with the counts of their active staff and suggested
    codings and their English: rows of id, question_id, theme, language, channel, created_on, text, choice,
    review_status, staff, suggested, text_en, translation_status, translation_provider."""
    staff = (select(func.count(Coding.id)).where(Coding.answer_id == Answer.id, Coding.source == "staff",
                                                 Coding.status == ACTIVE).scalar_subquery())
    suggested = (select(func.count(Coding.id)).where(Coding.answer_id == Answer.id, Coding.source == "suggested",
                                                     Coding.status == ACTIVE).scalar_subquery())
    return list(s.execute(
        answers_select(conditions, Answer.id, Answer.question_id, Answer.theme, Answer.language,
                       Respondent.channel, Answer.created_on, Answer.text, Answer.choice,
                       Answer.review_status, staff.label("staff"), suggested.label("suggested"),
                       Answer.text_en, Answer.translation_status, Answer.translation_provider)
        .order_by(Answer.created_on.desc(), Answer.id.desc()).offset(offset).limit(limit)
    ).all())


def answer_position(s: Any, conditions: Sequence[Any],
                    answer_id: int) -> tuple[int, int, int, int | None, int | None]:
    """Where the answer stands among those matching `conditions`, newest first: (how many match, how many come
    before it, 1 when it is one of them else 0, the one before it, the one after it)."""
    here = s.execute(select(Answer.created_on).where(Answer.id == answer_id)).scalar_one_or_none()
    if here is None:
        return count_answers(s, conditions), 0, 0, None, None
    before = or_(Answer.created_on > here, and_(Answer.created_on == here, Answer.id > answer_id))
    after = or_(Answer.created_on < here, and_(Answer.created_on == here, Answer.id < answer_id))
    # one pass over the matches: how many in all, how many come before this one, whether it is one of them
    total, ahead, itself = s.execute(answers_select(
        conditions, func.count(Answer.id), func.sum(case((before, 1), else_=0)),
        func.sum(case((Answer.id == answer_id, 1), else_=0)))).one()
    previous = s.execute(answers_select(conditions, Answer.id).where(before)
                         .order_by(Answer.created_on.asc(), Answer.id.asc()).limit(1)).scalar_one_or_none()
    following = s.execute(answers_select(conditions, Answer.id).where(after)
                          .order_by(Answer.created_on.desc(), Answer.id.desc()).limit(1)).scalar_one_or_none()
    return total, ahead, itself, previous, following


def locked_suggestions(s: Any, answer_ids: Sequence[int]) -> list[Coding]:
    """The active suggested codings of the answers, locked for change until the transaction ends."""
    return list(s.execute(select(Coding).where(Coding.answer_id.in_(answer_ids), Coding.source == "suggested",
                                               Coding.status == ACTIVE).with_for_update()).scalars().all())
