"""Staff coding of answers: confirm or reject suggested codes, add codes from the codebook, add new topic
codes under a theme, and code a span of an answer. Every coding records who (coder) and the date.

- Confirming a suggestion makes it a staff coding (source `staff`, coder = the staff member).
- Rejecting one keeps it as a staff coding with status `rejected`: bot.store keeps staff codings when it
  recomputes suggestions, so a rejected code is never suggested for that answer again, and exports
  leave it out (they read `active` codings only).
- Structural codes (theme and kind) come from the catalogue and are not staff's to change.
- Spans are character (code point) offsets into answers.text, checked against the version of the text
  the page showed (bot.staff.review.version).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bot import coding
from bot.conversation.catalogue import catalogue
from bot.staff import filtering
from bot.staff.review import AnswerGone, ReviewError, _dom_map, version
from bot.store import record_audit
from bot.store.models import Answer, Code, Coding, Respondent

ACTIVE, REJECTED = "active", "rejected"
MAX_LABEL = 80
MAX_DESCRIPTION = 500
EXCERPT = 160


class CodingError(ReviewError):
    """A coding action that cannot be done; the message says why in plain words. Nothing was changed."""


@dataclass(frozen=True)
class CodingView:
    id: int
    code_id: str
    label: str
    level: str
    source: str  # structural | suggested | staff
    status: str  # active | rejected
    coder: str
    created_on: dt.date
    span: tuple[int, int] | None
    quote: str | None  # the coded words (already redacted text), for a span


@dataclass(frozen=True)
class AnswerView:
    id: int
    question_id: str
    question: str
    theme: str
    kind: str
    channel: str
    language: str
    created_on: dt.date
    text: str
    text_en: str | None
    translation_status: str
    review_status: str | None
    reviewed_by: str | None
    reviewed_on: dt.date | None
    codings: list[CodingView]
    version: str
    quotable: bool = False  # in the quote bank (bot.staff.quotes)


@dataclass(frozen=True)
class CodeOption:
    id: str
    label: str
    level: str
    theme: str


@dataclass(frozen=True)
class ListedAnswer:
    id: int
    question_id: str
    theme: str
    language: str
    channel: str
    created_on: dt.date
    excerpt: str
    review_status: str | None
    staff_codings: int


def _wording(question_id: str) -> str:
    try:
        return catalogue().question(question_id).written
    except KeyError:
        return question_id


def _views(s, answer: Answer) -> list[CodingView]:
    labels = dict(s.execute(select(Code.id, Code.label)).all())
    levels = dict(s.execute(select(Code.id, Code.level)).all())
    shown, _ = _dom_map(answer.text or "")
    text = answer.text or ""
    order = {"structural": 0, "staff": 1, "suggested": 2}
    out = []
    for c in sorted(answer.codings, key=lambda c: (order.get(c.source, 3), c.status != ACTIVE, c.code_id, c.id)):
        span = (c.span_start, c.span_end) if c.span_start is not None and c.span_end is not None else None
        out.append(CodingView(c.id, c.code_id, labels.get(c.code_id, c.code_id), levels.get(c.code_id, "topic"),
                              c.source, c.status, c.coder, c.created_on, span,
                              text[span[0]:span[1]] if span else None))
    return out


def answer(store, answer_id: int) -> AnswerView:
    """An answer with its English text and every coding (structural, suggested, staff; who and when)."""
    with store.session() as s:
        row = s.get(Answer, answer_id)
        if row is None:
            raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
        channel = s.execute(select(Respondent.channel).where(Respondent.id == row.respondent_id)).scalar_one()
        return AnswerView(
            id=row.id, question_id=row.question_id, question=_wording(row.question_id), theme=row.theme,
            kind=row.kind, channel=channel, language=row.language, created_on=row.created_on, text=row.text or "",
            text_en=row.text_en, translation_status=row.translation_status, review_status=row.review_status,
            reviewed_by=row.reviewed_by, reviewed_on=row.reviewed_on, codings=_views(s, row),
            version=version(row.text), quotable=bool(row.quotable),
        )


def code_options(store) -> list[CodeOption]:
    """Every code staff can put on an answer: themes, kinds and topics that are not retired, by theme."""
    with store.session() as s:
        rows = s.execute(select(Code).where(Code.retired.is_(False))).scalars().all()
        parents = {r.id: r.parent_id for r in rows}

        def theme_of(code_id: str) -> str:
            while parents.get(code_id):
                code_id = parents[code_id]
            return code_id

        theme_order = {t: n for n, t in enumerate([coding.PROFILE_THEME, *catalogue().theme_ids])}
        level_order = {"theme": 0, "kind": 1, "topic": 2}
        options = [CodeOption(r.id, r.label, r.level, theme_of(r.id)) for r in rows]
    return sorted(options, key=lambda o: (theme_order.get(o.theme, 99), o.theme, level_order.get(o.level, 3),
                                          o.label.lower()))


def _coding(s, coding_id: int, answer_id: int | None) -> Coding:
    row = s.get(Coding, coding_id)
    if row is None or (answer_id is not None and row.answer_id != answer_id):
        raise CodingError("That coding is no longer there (the answer may have changed). Nothing was changed.")
    return row


def confirm(store, coding_id: int, *, actor: str, answer_id: int | None = None) -> None:
    """A suggested code is right: it becomes a staff coding by `actor`, dated today."""
    with store.session() as s:
        row = _coding(s, coding_id, answer_id)
        if row.source != "suggested" or row.status != ACTIVE:
            raise CodingError("Only a suggested code can be confirmed; this one is not a suggestion any more.")
        row.source, row.coder, row.created_on = "staff", actor[:64], dt.date.today()
        record_audit(s, actor, "code_confirm", 1)


def reject(store, coding_id: int, *, actor: str, answer_id: int | None = None) -> None:
    """A suggested (or staff) code is wrong for this answer: kept as `rejected`, never suggested again."""
    with store.session() as s:
        row = _coding(s, coding_id, answer_id)
        if row.source == "structural":
            raise CodingError("Theme and question codes come from the questionnaire and cannot be rejected.")
        if row.status == REJECTED:
            return
        row.source, row.status, row.coder, row.created_on = "staff", REJECTED, actor[:64], dt.date.today()
        record_audit(s, actor, "code_reject", 1)


def add_code(store, answer_id: int, code_id: str, *, actor: str,
             span: tuple[int, int] | None = None, seen: str | None = None, selected: str | None = None) -> int:
    """Put a codebook code on the answer (the whole answer, or the span start..end of its text as shown,
    when `seen` names the text's version). Returns the coding's id."""
    with store.session() as s:
        answer_row = s.get(Answer, answer_id)
        if answer_row is None:
            raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
        code = s.get(Code, code_id or "")
        if code is None or code.retired:
            raise CodingError("Choose a code from the codebook list.")
        if span is not None:
            span = _checked_span(answer_row, span, seen, selected)
        same = [c for c in answer_row.codings if c.code_id == code_id]
        for c in same:
            c_span = (c.span_start, c.span_end) if c.span_start is not None else None
            if c.status == ACTIVE and c.source != "suggested" and c_span == span:
                raise CodingError(f"This answer already has the code “{code.label}” there.")
        # a suggestion of the same code, or a rejected coding of it, becomes this staff coding
        reuse = next((c for c in same if c.source == "suggested" and c.status == ACTIVE), None) or next(
            (c for c in same if c.status == REJECTED), None)
        row = reuse or Coding(answer_id=answer_id, code_id=code_id)
        row.source, row.status, row.coder, row.created_on = "staff", ACTIVE, actor[:64], dt.date.today()
        row.span_start, row.span_end = span if span is not None else (None, None)
        if reuse is None:
            s.add(row)
        s.flush()
        record_audit(s, actor, "code_add", 1)
        return row.id


def _checked_span(answer_row: Answer, span: tuple[int, int], seen: str | None,
                  selected: str | None = None) -> tuple[int, int]:
    text = answer_row.text or ""
    if seen is None or seen != version(text):
        raise CodingError("This answer changed after you opened it. Nothing was changed: "
                          "look at it again, then select the words once more.")
    shown, where = _dom_map(text)
    start, end = span
    if not (0 <= start < end <= len(shown)) or not shown[start:end].strip():
        raise CodingError("Select the words of the answer to code first.")
    if selected is not None and shown[start:end] != selected:
        raise CodingError("The selection does not match the answer's text. Nothing was changed: "
                          "reload the page and select again.")
    start, end = where[start], where[end]
    while start < end and text[start].isspace():  # the span holds the words, not the spaces around them
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _slug(label: str) -> str:
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_label.lower()).strip("_")[:48].strip("_")
    return slug if slug and slug[0].isalpha() else f"topic_{slug}".strip("_")


def new_code(store, theme: str, label: str, *, actor: str, description: str | None = None) -> str:
    """Add a topic code under a theme (recorded with who added it); returns its id, e.g. health.dentists_fees."""
    label = " ".join((label or "").split())
    description = " ".join((description or "").split()) or None
    if not label:
        raise CodingError("Give the new code a name.")
    if len(label) > MAX_LABEL:
        raise CodingError(f"A code's name can be at most {MAX_LABEL} characters.")
    if description and len(description) > MAX_DESCRIPTION:
        raise CodingError(f"A description can be at most {MAX_DESCRIPTION} characters.")
    if theme not in (coding.PROFILE_THEME, *catalogue().theme_ids):
        raise CodingError("Choose the theme the new code belongs to.")
    with store.session() as s:
        siblings = s.execute(select(Code).where(Code.parent_id == theme)).scalars().all()
        for sibling in siblings:
            if sibling.label.casefold() == label.casefold() and not sibling.retired:
                raise CodingError(f"The theme already has a code called “{sibling.label}” ({sibling.id}).")
        taken = set(s.execute(select(Code.id).where(Code.id.startswith(theme + ".", autoescape=True))).scalars())
        base = f"{theme}.{_slug(label)}"
        code_id, n = base, 2
        while code_id in taken:
            code_id, n = f"{base}_{n}", n + 1
        s.add(Code(id=code_id, parent_id=theme, level="topic", label=label, description=description,
                   retired=False, created_by=actor[:64]))
        record_audit(s, actor, "code_new", 1, code_id[:255])
    return code_id


def browse(store, filters: Any = None, page: int = 1,
           per_page: int = 25) -> tuple[list[ListedAnswer], int]:
    """The answers matching the filter, newest first: (one page, how many match)."""
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 200))
    staff = (select(func.count(Coding.id)).where(Coding.answer_id == Answer.id, Coding.source == "staff",
                                                 Coding.status == ACTIVE).scalar_subquery())
    with store.session() as s:
        total = s.execute(filtering.answers_query(filters, func.count(Answer.id))).scalar_one()
        rows = s.execute(
            filtering.answers_query(filters, Answer.id, Answer.question_id, Answer.theme, Answer.language,
                                    Respondent.channel, Answer.created_on, Answer.text, Answer.choice,
                                    Answer.review_status, staff.label("staff"))
            .order_by(Answer.created_on.desc(), Answer.id.desc()).offset((page - 1) * per_page).limit(per_page)
        ).all()
    listed = []
    for r in rows:
        text = " ".join((r.text or r.choice or "").split())
        excerpt = text if len(text) <= EXCERPT else text[:EXCERPT - 1].rstrip() + "…"
        listed.append(ListedAnswer(r.id, r.question_id, r.theme, r.language, r.channel, r.created_on, excerpt,
                                   r.review_status, r.staff))
    return listed, total
