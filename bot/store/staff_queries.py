"""The store's door for the staff area's figures: the dashboard's counts, the findings' counts and passages, the
quote bank. Reads only, except marking a quote (audited).

Every function takes `conditions`: SQL conditions on answers joined to respondents, as bot.staff.filtering makes
them from a filter (the export's own), so a figure on a page and the rows of its download are the same answers.
bot.staff (stats, findings, quotes) turns the rows into labelled figures; nothing here knows a label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Sequence

from sqlalchemy import distinct, func, or_, select

from bot.store.models import CHANNELS as CHANNELS  # the channels, in their order, for bot.staff.findings
from bot.store.models import NEEDS_REVIEW, PENDING, REVIEWED, Answer, Code, Coding, Respondent
from bot.store.store import Store, record_audit

GROUPS = {  # the dashboard's groupings: name -> column
    "theme": Answer.theme, "language": Answer.language, "channel": Respondent.channel,
    "nation": Respondent.nation, "partner": Respondent.reached_through,
}
# mark_quotable's outcomes
GONE, NOT_REVIEWED, UNCHANGED, MARKED = "gone", "not_reviewed", "unchanged", "marked"


def answers_select(conditions: Sequence[Any], *columns: Any):
    """SELECT columns FROM answers JOIN respondents WHERE every condition holds."""
    return select(*columns).select_from(Answer).join(Respondent, Respondent.id == Answer.respondent_id) \
        .where(*conditions)


# --- the dashboard -------------------------------------------------------------------------------------------------
@dataclass
class DashboardCounts:
    answers: int = 0
    respondents: int = 0
    completed: int = 0
    awaiting_translation: int = 0
    translation_failed: int = 0
    awaiting_review: int = 0
    groups: dict[str, list[tuple[str | None, int, int]]] = field(default_factory=dict)  # (key, respondents, answers)
    answered: dict[str, int] = field(default_factory=dict)  # question id -> answers
    stopped: dict[str, int] = field(default_factory=dict)  # question id -> respondents whose last answer it was


def dashboard_counts(store: Store, conditions: Sequence[Any]) -> DashboardCounts:
    """Every count of the dashboard over the answers matching `conditions`, in one transaction."""
    out = DashboardCounts()

    def q(*columns: Any):
        return answers_select(conditions, *columns)

    with store.session() as s:
        out.answers, out.respondents = s.execute(
            q(func.count(Answer.id), func.count(distinct(Answer.respondent_id)))).one()
        completed_ids = q(Answer.respondent_id).where(Respondent.completed.is_(True)).distinct().subquery()
        out.completed = s.execute(select(func.count()).select_from(completed_ids)).scalar_one()
        out.awaiting_translation = s.execute(
            q(func.count(Answer.id)).where(Answer.translation_status == PENDING, Answer.text.isnot(None))
        ).scalar_one()
        out.translation_failed = s.execute(
            q(func.count(Answer.id)).where(Answer.translation_status == "failed")).scalar_one()
        out.awaiting_review = s.execute(
            q(func.count(Answer.id)).where(Answer.review_status == NEEDS_REVIEW)).scalar_one()
        for name, column in GROUPS.items():
            out.groups[name] = [tuple(row) for row in s.execute(
                q(column, func.count(distinct(Answer.respondent_id)), func.count(Answer.id)).group_by(column)
            ).all()]
        out.answered = dict(s.execute(
            q(Answer.question_id, func.count(Answer.id)).group_by(Answer.question_id)).all())
        # where people stop: the last answer (highest id) of each respondent who did not complete
        last = (select(func.max(Answer.id).label("id")).join(Respondent, Respondent.id == Answer.respondent_id)
                .where(Respondent.completed.is_(False)).group_by(Answer.respondent_id).subquery())
        out.stopped = dict(s.execute(
            q(Answer.question_id, func.count(Answer.id)).where(Answer.id.in_(select(last.c.id)))
            .group_by(Answer.question_id)
        ).all())
    return out


# --- findings ------------------------------------------------------------------------------------------------------
def findings_counts(store: Store, conditions: Sequence[Any], *, themes: Sequence[str] | None,
                    kinds: Sequence[str], sources: Sequence[str]) -> tuple[list, list, dict[str, str]]:
    """(base rows, code rows, code labels) of the answers matching `conditions` to questions of `themes` (None:
    the conditions already choose the theme) and `kinds`:

    - base rows: (theme, kind, nation, channel, respondents, answers) that answered;
    - code rows: (theme, kind, code id, nation, channel, respondents, answers) carrying an active topic coding
      from one of `sources`.
    """
    scope = [Answer.theme.in_(themes)] if themes is not None else []
    with store.session() as s:
        base_rows = s.execute(
            answers_select(conditions, Answer.theme, Answer.kind, Respondent.nation, Respondent.channel,
                           func.count(distinct(Answer.respondent_id)), func.count(Answer.id))
            .where(*scope, Answer.kind.in_(kinds))
            .group_by(Answer.theme, Answer.kind, Respondent.nation, Respondent.channel)
        ).all()
        code_rows = s.execute(
            answers_select(conditions, Answer.theme, Answer.kind, Coding.code_id, Respondent.nation,
                           Respondent.channel, func.count(distinct(Answer.respondent_id)),
                           func.count(distinct(Answer.id)))
            .join(Coding, Coding.answer_id == Answer.id).join(Code, Code.id == Coding.code_id)
            .where(*scope, Answer.kind.in_(kinds), Coding.status == "active",
                   Coding.source.in_(sources), Code.level == "topic")
            .group_by(Answer.theme, Answer.kind, Coding.code_id, Respondent.nation, Respondent.channel)
        ).all()
        labels = dict(s.execute(select(Code.id, Code.label)).all())
    return list(base_rows), list(code_rows), labels


def coded_passages(store: Store, conditions: Sequence[Any], *, theme: str, kind: str, code: str,
                   sources: Sequence[str], nation: str | None, known_nations: Sequence[str], channel: str | None,
                   offset: int, limit: int) -> tuple[list, dict[int, list[tuple[int, int]]], int]:
    """(rows, coded spans by answer id, how many in all): the answers to `theme`'s questions of `kind` carrying an
    active coding of `code` from `sources`, oldest first. `nation`: one of `known_nations`, any other value for
    none of them (not given), None for every nation; `channel`: None for every channel."""
    coded = select(Coding.id).where(Coding.answer_id == Answer.id, Coding.code_id == code,
                                    Coding.status == "active", Coding.source.in_(sources)).exists()
    where = [Answer.theme == theme, Answer.kind == kind, coded]
    if nation is not None:
        where.append(Respondent.nation == nation if nation in known_nations
                     else or_(Respondent.nation.is_(None), Respondent.nation.not_in(known_nations)))
    if channel is not None:
        where.append(Respondent.channel == channel)
    spans: dict[int, list[tuple[int, int]]] = {}
    with store.session() as s:
        total = s.execute(answers_select(conditions, func.count(Answer.id)).where(*where)).scalar_one()
        rows = s.execute(
            answers_select(conditions, Answer.id, Answer.question_id, Respondent.channel, Respondent.nation,
                           Answer.language, Answer.text, Answer.choice, Answer.text_en, Answer.review_status,
                           Answer.quotable)
            .where(*where).order_by(Answer.created_on, Answer.id).offset(offset).limit(limit)
        ).all()
        if rows:
            for answer_id, start, end in s.execute(
                select(Coding.answer_id, Coding.span_start, Coding.span_end).where(
                    Coding.answer_id.in_([r.id for r in rows]), Coding.code_id == code, Coding.status == "active",
                    Coding.source.in_(sources), Coding.span_start.is_not(None))
            ).all():
                spans.setdefault(answer_id, []).append((start, end))
    return list(rows), spans, total


# --- the quote bank ------------------------------------------------------------------------------------------------
def mark_quotable(store: Store, answer_id: int, *, actor: str, quotable: bool) -> str:
    """Mark (or unmark) an answer as quotable, audited. Returns GONE (no such answer), NOT_REVIEWED (only a
    reviewed answer can be marked; nothing changed), UNCHANGED or MARKED."""
    with store.session() as s:
        row = s.get(Answer, answer_id)
        if row is None:
            return GONE
        if quotable and row.review_status != REVIEWED:
            return NOT_REVIEWED
        if bool(row.quotable) == quotable:
            return UNCHANGED
        row.quotable = quotable
        row.quoted_by, row.quoted_on = (actor[:64], dt.date.today()) if quotable else (None, None)
        record_audit(s, actor, "quote_mark" if quotable else "quote_unmark", 1)
    return MARKED


def quotable_answers(store: Store, conditions: Sequence[Any], *, themes: Sequence[str] | None,
                     sources: Sequence[str]) -> tuple[list, dict[int, list[tuple[str, str]]]]:
    """(rows, (code id, label) of each one's active topic codings from `sources`): the marked, reviewed answers
    matching `conditions` (to questions of `themes`, unless None), by id."""
    where = [Answer.quotable.is_(True), Answer.review_status == REVIEWED]
    if themes is not None:
        where.append(Answer.theme.in_(themes))
    codes: dict[int, list[tuple[str, str]]] = {}
    with store.session() as s:
        rows = s.execute(
            answers_select(conditions, Answer.id, Answer.theme, Answer.kind, Answer.question_id,
                           Respondent.channel, Respondent.nation, Answer.language, Answer.text, Answer.choice,
                           Answer.text_en).where(*where).order_by(Answer.id)
        ).all()
        if rows:
            for answer_id, code_id, label in s.execute(
                select(Coding.answer_id, Coding.code_id, Code.label).join(Code, Code.id == Coding.code_id).where(
                    Coding.answer_id.in_([r.id for r in rows]), Coding.status == "active",
                    Coding.source.in_(sources), Code.level == "topic").order_by(Code.label)
            ).all():
                if (code_id, label) not in codes.setdefault(answer_id, []):
                    codes[answer_id].append((code_id, label))
    return list(rows), codes
