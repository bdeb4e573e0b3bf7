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

from bot import coding, translate
from bot.conversation.catalogue import catalogue
from bot.staff import filtering
from bot.staff.review import AnswerGone, ReviewError, dom_map, version
from bot.store import answer_queries, record_audit
from bot.store.answer_queries import DONE, NOT_NEEDED, PENDING

ACTIVE, REJECTED = answer_queries.ACTIVE, "rejected"
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
    english_by: str = "none"  # machine | person | original | none


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
    excerpt: list[tuple[str, bool]]  # (piece, a search term) for the template to <mark>
    review_status: str | None
    staff_codings: int
    english: list[tuple[str, bool]] | None = None  # the English, when it is not the text itself
    english_by: str = "none"  # machine | person | original | none
    suggestions: int = 0  # active suggested codings, waiting to be confirmed or rejected


@dataclass(frozen=True)
class Position:
    """Where an answer stands in a filtered list (newest first): "12 of 340", and its neighbours."""

    number: int  # 1-based; 0 when the answer does not match the filter
    total: int
    previous: int | None
    next: int | None


@dataclass(frozen=True)
class Bulk:
    """What a bulk confirm or reject did."""

    codings: int  # suggestions confirmed or rejected
    answers: int  # answers that had one


def _wording(question_id: str) -> str:
    try:
        return catalogue().question(question_id).written
    except KeyError:
        return question_id


def _views(s, answer: Any) -> list[CodingView]:
    labels, levels = answer_queries.code_labels_and_levels(s)
    shown, _ = dom_map(answer.text or "")
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
        row = answer_queries.answer_by_id(s, answer_id)
        if row is None:
            raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
        channel = answer_queries.respondent_channel(s, row.respondent_id)
        return AnswerView(
            id=row.id, question_id=row.question_id, question=_wording(row.question_id), theme=row.theme,
            kind=row.kind, channel=channel, language=row.language, created_on=row.created_on, text=row.text or "",
            text_en=row.text_en, translation_status=row.translation_status, review_status=row.review_status,
            reviewed_by=row.reviewed_by, reviewed_on=row.reviewed_on, codings=_views(s, row),
            version=version(row.text), quotable=bool(row.quotable),
            english_by=english_by(row.text_en, row.translation_status, row.translation_provider),
        )


def code_options(store) -> list[CodeOption]:
    """Every code staff can put on an answer: themes, kinds and topics that are not retired, by theme."""
    with store.session() as s:
        rows = answer_queries.live_codes(s)
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


def _coding(s, coding_id: int, answer_id: int | None) -> Any:
    row = answer_queries.coding_by_id(s, coding_id)
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
        answer_row = answer_queries.answer_by_id(s, answer_id)
        if answer_row is None:
            raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
        code = answer_queries.code_by_id(s, code_id or "")
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
        row = reuse or answer_queries.new_coding(answer_id, code_id)
        row.source, row.status, row.coder, row.created_on = "staff", ACTIVE, actor[:64], dt.date.today()
        row.span_start, row.span_end = span if span is not None else (None, None)
        if reuse is None:
            s.add(row)
        s.flush()
        record_audit(s, actor, "code_add", 1)
        return row.id


def _checked_span(answer_row: Any, span: tuple[int, int], seen: str | None,
                  selected: str | None = None) -> tuple[int, int]:
    text = answer_row.text or ""
    if seen is None or seen != version(text):
        raise CodingError("This answer changed after you opened it. Nothing was changed: "
                          "look at it again, then select the words once more.")
    shown, where = dom_map(text)
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
        siblings = answer_queries.codes_under(s, theme)
        for sibling in siblings:
            if sibling.label.casefold() == label.casefold() and not sibling.retired:
                raise CodingError(f"The theme already has a code called “{sibling.label}” ({sibling.id}).")
        taken = answer_queries.code_ids_under(s, theme)
        base = f"{theme}.{_slug(label)}"
        code_id, n = base, 2
        while code_id in taken:
            code_id, n = f"{base}_{n}", n + 1
        answer_queries.add_topic_code(s, code_id, theme, label, description, actor[:64])
        record_audit(s, actor, "code_new", 1, code_id[:255])
    return code_id


PERSON = translate.PERSON  # Answer.translation_provider of an English typed by staff (bot.translate skips it)
MAX_ENGLISH = 20000


def english_by(text_en: str | None, status: str | None, provider: str | None) -> str:
    """Whose English an answer has: "person" (typed by staff), "machine", "original" (written in English), "none"."""
    if text_en is None:
        return "none"
    if provider == PERSON:
        return PERSON
    return "original" if status == NOT_NEEDED else "machine"


def _dialect(store) -> str:
    return store.engine.dialect.name


def browse(store, filters: Any = None, page: int = 1,
           per_page: int = 25) -> tuple[list[ListedAnswer], int]:
    """The answers matching the filter, newest first: (one page, how many match). With words to search for,
    the excerpts show the part where they are, marked."""
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 200))
    conditions = filtering.conditions(filters, _dialect(store))
    with store.session() as s:
        total = answer_queries.count_answers(s, conditions)
        rows = answer_queries.answers_page(s, conditions, (page - 1) * per_page, per_page)
    found = filtering.terms(getattr(filters, "words", None))
    listed = []
    for r in rows:
        english = None
        if r.text_en and r.text_en != r.text:
            english = filtering.excerpt(r.text_en, found, EXCERPT)
        listed.append(ListedAnswer(r.id, r.question_id, r.theme, r.language, r.channel, r.created_on,
                                   filtering.excerpt(r.text or r.choice or "", found, EXCERPT), r.review_status,
                                   r.staff, english, english_by(r.text_en, r.translation_status,
                                                                r.translation_provider), r.suggested))
    return listed, total


def position(store, filters: Any, answer_id: int) -> Position:
    """Where the answer stands among those matching the filter, newest first (the order of the answers list)."""
    conditions = filtering.conditions(filters, _dialect(store))
    with store.session() as s:
        total, ahead, itself, previous, following = answer_queries.answer_position(s, conditions, answer_id)
    return Position(1 + int(ahead or 0) if itself else 0, total, previous, following)


MAX_BULK = 200  # answers at once (a page of the list is 25)


def bulk(store, answer_ids: list[int], action: str, *, actor: str) -> Bulk:
    """Confirm (action "confirm") or reject ("reject") every active suggestion on the answers, as `actor`: one
    audit row with the number of codings changed. Answers that are gone or have no suggestion are left alone."""
    if action not in ("confirm", "reject"):
        raise CodingError("Choose whether to confirm or reject the suggested codes.")
    ids = sorted({int(i) for i in answer_ids})
    if not ids:
        raise CodingError("Select at least one answer first (tick its box in the list).")
    if len(ids) > MAX_BULK:
        raise CodingError(f"Select at most {MAX_BULK} answers at a time.")
    today = dt.date.today()
    with store.session() as s:
        rows = answer_queries.locked_suggestions(s, ids)
        for row in rows:
            row.source, row.coder, row.created_on = "staff", actor[:64], today
            if action == "reject":
                row.status = REJECTED
        answers = len({row.answer_id for row in rows})
        if rows:
            record_audit(s, actor, f"code_{action}", len(rows), f"bulk: {answers} answers")
    return Bulk(len(rows), answers)


def set_english(store, answer_id: int, english: str, *, actor: str) -> str:
    """A person's English for the answer, typed or corrected by staff: redacted like anything typed, kept as
    "translated by a person" (bot.translate never replaces it). Empty text takes the person's English away (the
    answer waits for English again). Returns what was stored ("" when taken away)."""
    from bot.anonymise import redact

    english = (english or "").strip()
    if len(english) > MAX_ENGLISH:
        raise CodingError(f"The English can be at most {MAX_ENGLISH:,} characters.")
    with store.session() as s:
        row = answer_queries.locked_answer(s, answer_id)
        if row is None:
            raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
        if row.text is None:
            raise CodingError("This answer is a choice, not words: it has no English to add.")
        if not english:
            if row.translation_provider != PERSON:
                raise CodingError("Type the English of the answer first.")
            row.text_en, row.translation_provider, row.translation_status = None, None, PENDING
            row.translation_attempts = 0
            record_audit(s, actor, "english_remove", 1)
            stored = ""
        else:
            stored = redact(english, "en").text
            row.text_en, row.translation_provider, row.translation_status = stored, PERSON, DONE
            record_audit(s, actor, "english_person", 1)
    if stored and hasattr(store, "code_answer"):
        try:
            store.code_answer(answer_id)  # topic keywords are English: suggest codes from it too
        except KeyError:  # a question no longer in the catalogue: its codings stay as they are
            pass
    return stored
