"""The redaction review queue: staff look at redacted answers, redact further, and mark them reviewed.

Redaction only ever goes one way. There is no original to go back to (only redacted text is ever
stored), so nothing here, or anywhere, un-redacts. A further redaction:

* grows the chosen span to whole words (half a name is still a name) and to any placeholder it touches;
* replaces it, and every other whole-word occurrence of the same words in the answer, with [REDACTED];
* does the same in the person's lines of that respondent's transcript;
* keeps the English text only when it is the same text (English answers); a machine translation made from
  the old text is dropped and the answer waits for translation again; a person's English is kept, with the
  same words redacted in it too (staff check it: the notice says so);
* moves staff codings' spans to the new offsets (a span that overlapped the redacted words now covers
  the placeholder) and recomputes the suggested codes from the new text;
* counts the placeholders in redacted_count / redacted_types and writes an audit row.

Offsets are character (code point) offsets into answers.text. Every change names the version of the
text it was made against, so two people redacting the same answer at once cannot shift each other's
offsets: the second is refused with a plain message and nothing changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Sequence

from bot.anonymise.uncertain import doubts
from bot.coding import PLACEHOLDER as ANY_PLACEHOLDER  # a placeholder of any type: [NAME], [PHONE] ...
from bot.conversation.catalogue import catalogue
from bot.store import answer_queries, code_answer, record_audit
from bot.store.answer_queries import NEEDS_REVIEW, PENDING, REVIEWED

PLACEHOLDER = "[REDACTED]"
PLACEHOLDER_TYPE = "REDACTED"
MAX_SELECTION = 2000
# Scripts written without spaces between words: a selection there is taken as it is, never grown.
_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN")


class ReviewError(ValueError):
    """A review action that cannot be done; the message says why in plain words. Nothing was changed."""


class AnswerGone(ReviewError):
    """The answer no longer exists (withdrawn or purged)."""


@dataclass(frozen=True)
class QueueItem:
    id: int
    question_id: str
    question: str
    language: str
    text: str
    text_en: str | None
    redacted_types: dict
    created_on: dt.date
    version: str
    # what redaction was unsure about in the stored text: (start, end, kind), offsets in code points
    doubts: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class Redacted:
    """What a further redaction did: placeholders put in the answer and transcript lines changed."""

    answer_id: int
    placeholders: int
    transcript_lines: int
    text: str
    version: str


def version(text: str | None) -> str:
    """A short fingerprint of an answer's text: changes whenever the text does."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:16]


def _item(answer: Any) -> QueueItem:
    try:
        wording = catalogue().question(answer.question_id).written
    except KeyError:
        wording = answer.question_id
    return QueueItem(
        id=answer.id, question_id=answer.question_id, question=wording, language=answer.language,
        text=answer.text or "", text_en=answer.text_en if answer.text_en != answer.text else None,
        redacted_types=json.loads(answer.redacted_types) if answer.redacted_types else {},
        created_on=answer.created_on, version=version(answer.text),
        doubts=tuple((d.start, d.end, d.kind) for d in doubts(answer.text, answer.language or "en")),
    )


def queue(store, page: int = 1, per_page: int = 20) -> tuple[list[QueueItem], int]:
    """Answers waiting for review, oldest first: (one page of them, how many wait in all)."""
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 200))
    with store.session() as s:
        rows, total = answer_queries.waiting_for_review(s, (page - 1) * per_page, per_page)
        return [_item(r) for r in rows], total


def item(store, answer_id: int) -> QueueItem:
    with store.session() as s:
        answer = answer_queries.answer_by_id(s, answer_id)
        if answer is None:
            raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
        return _item(answer)


# --- redacting further -------------------------------------------------------------
def redact_span(store, answer_id: int, start: int, end: int, *, actor: str, seen: str,
                selected: str | None = None) -> Redacted:
    """Redact the characters start..end of the answer's text (as shown, version `seen`), and the same
    words wherever else they occur in the answer and the respondent's transcript."""
    with store.session() as s:
        answer = _locked(s, answer_id, seen)
        text = answer.text or ""
        start, end = _locate(text, start, end, selected)
        return _apply(s, answer, text, start, end, actor)


def redact_words(store, answer_id: int, words: str, *, actor: str, seen: str) -> Redacted:
    """Redact the words typed (the no-JavaScript way): every occurrence in the answer, any case."""
    words = " ".join((words or "").split())
    if not words:
        raise ReviewError("Type the words to redact, exactly as they appear in the answer.")
    if len(words) > MAX_SELECTION:
        raise ReviewError(f"That is more than {MAX_SELECTION} characters; redact a shorter part at a time.")
    with store.session() as s:
        answer = _locked(s, answer_id, seen)
        text = answer.text or ""
        match = loose_pattern(words).search(text)
        if match is None:
            raise ReviewError("Those words are not in this answer. Copy them exactly as they appear "
                              "(spaces and punctuation too); capitals do not matter.")
        return _apply(s, answer, text, match.start(), match.end(), actor)


def mark_reviewed(store, answer_id: int, *, actor: str, seen: str | None = None) -> bool:
    """The answer's redaction has been checked; False when it already was. Never goes back."""
    with store.session() as s:
        answer = _locked(s, answer_id, seen)
        if answer.review_status == REVIEWED:
            return False
        answer.review_status, answer.reviewed_by, answer.reviewed_on = REVIEWED, actor[:64], dt.date.today()
        record_audit(s, actor, "review", 1)
        return True


def _locked(s, answer_id: int, seen: str | None) -> Any:
    answer = answer_queries.locked_answer(s, answer_id)
    if answer is None:
        raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
    if seen is not None and seen != version(answer.text):
        raise ReviewError("This answer changed after you opened it (someone may have redacted it). "
                          "Nothing was changed: look at it again, then choose the words once more.")
    return answer


def dom_map(text: str) -> tuple[str, list[int]]:
    """The text as a browser shows it (line ends as \\n) and, per character of it, the offset in `text`."""
    shown, where, i = [], [], 0
    while i < len(text):
        if text[i] == "\r":
            shown.append("\n")
            where.append(i)
            i += 2 if text[i + 1:i + 2] == "\n" else 1
            continue
        shown.append(text[i])
        where.append(i)
        i += 1
    where.append(len(text))
    return "".join(shown), where


def _locate(text: str, start: int, end: int, selected: str | None) -> tuple[int, int]:
    """Offsets from the page -> offsets into the stored text, checked against what was selected."""
    shown, where = dom_map(text)
    if not (0 <= start < end <= len(shown)):
        raise ReviewError("Choose some words of the answer first (the selection was empty or outside it).")
    if end - start > MAX_SELECTION:
        raise ReviewError(f"That is more than {MAX_SELECTION} characters; redact a shorter part at a time.")
    if selected is not None and shown[start:end] != selected:
        raise ReviewError("The selection does not match the answer's text. Nothing was changed: "
                          "reload the page and select again.")
    if not shown[start:end].strip():
        raise ReviewError("Only spaces were selected; choose the words to redact.")
    return where[start], where[end]


def _is_word(ch: str) -> bool:
    if not ch.isalnum():
        return False
    return not unicodedata.name(ch, "").startswith(_UNSPACED)


def _grow(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words and to any placeholder it touches; trim spaces at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    joiners = "-'’"
    while start > 0 and (_is_word(text[start - 1]) or (
            text[start - 1] in joiners and start > 1 and _is_word(text[start - 2])
            and start < len(text) and _is_word(text[start]))):
        start -= 1
    while end < len(text) and (_is_word(text[end]) or (
            text[end] in joiners and end + 1 < len(text) and _is_word(text[end + 1]) and _is_word(text[end - 1]))):
        end += 1
    for m in ANY_PLACEHOLDER.finditer(text):
        if m.start() < end and start < m.end():
            start, end = min(start, m.start()), max(end, m.end())
    return start, end


def loose_pattern(words: str) -> re.Pattern:
    """The words as typed, any case, any run of spaces between them."""
    return re.compile(r"\s+".join(re.escape(w) for w in words.split()), re.IGNORECASE)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of `needle` in `text`, any case (placeholders themselves never count)."""
    if not needle.strip() or ANY_PLACEHOLDER.fullmatch(needle.strip()):
        return []
    found = []
    for m in loose_pattern(needle).finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        bounded = not (_is_word(before) and _is_word(needle[0])) and not (_is_word(after) and _is_word(needle[-1]))
        if bounded:
            found.append((m.start(), m.end()))
    return found


Move = tuple[int, int, int, int]  # (old start, old end, new start, new length) of one replaced span


def replace_spans(text: str, spans: list[tuple[int, int]],
                  placeholders: str | Sequence[str] = PLACEHOLDER) -> tuple[str, list[Move]]:
    """Replace each span (sorted, not overlapping) by a placeholder (the same for all, or one per span); returns
    the text and a Move per span, for `move_offset`. (Exports use it to hold the words of an answer still
    waiting for review: bot.export.held.)"""
    out: list[str] = []
    moves: list[Move] = []
    last, shift = 0, 0
    for i, (start, end) in enumerate(spans):
        placeholder = placeholders if isinstance(placeholders, str) else placeholders[i]
        out.append(text[last:start])
        moves.append((start, end, start + shift, len(placeholder)))
        out.append(placeholder)
        shift += len(placeholder) - (end - start)
        last = end
    out.append(text[last:])
    return "".join(out), moves


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def move_offset(offset: int, moves: Sequence[Move], *, is_end: bool) -> int:
    """Where an offset into the old text lands in the new one (`moves` from `replace_spans`). Inside a
    replaced span, a start goes to the placeholder's start and an end to its end, so a coded span covers
    the placeholder."""
    shift = 0
    for old_start, old_end, new_start, new_len in moves:
        if (offset <= old_start) if is_end else (offset < old_start):
            break
        if (old_start < offset <= old_end) if is_end else (offset < old_end):
            return new_start + (new_len if is_end else 0)
        shift = new_start + new_len - old_end
    return offset + shift


def _apply(s, answer: Any, text: str, start: int, end: int, actor: str) -> Redacted:
    start, end = _grow(text, start, end)
    chosen = text[start:end]
    if ANY_PLACEHOLDER.sub("", chosen).strip(" \t\n.,;:!?-") == "":
        raise ReviewError("That part is already redacted.")
    spans = _merge([(start, end)] + [(a, b) for a, b in _occurrences(text, chosen)])
    spans = _merge([_grow(text, a, b) for a, b in spans])
    new_text, moves = replace_spans(text, spans)
    placeholders = len(spans)

    for row in answer.codings:
        if row.source == "staff" and row.span_start is not None and row.span_end is not None:
            row.span_start = move_offset(row.span_start, moves, is_end=False)
            row.span_end = move_offset(row.span_end, moves, is_end=True)

    if answer.text_en is not None:
        if answer.text_en == text:  # not translated: the English text is the text itself
            answer.text_en = new_text
        elif answer.translation_provider == "person":  # a person's English stays, without the same words
            english = answer.text_en
            found = _merge([span for words in {text[a:b] for a, b in spans} for span in _occurrences(english, words)])
            if found:
                answer.text_en = replace_spans(english, _merge([_grow(english, a, b) for a, b in found]))[0]
        else:  # a translation of the old text would still hold the words
            answer.text_en, answer.translation_provider = None, None
            answer.translation_status, answer.translation_attempts = PENDING, 0
    answer.text = new_text
    types = json.loads(answer.redacted_types) if answer.redacted_types else {}
    types[PLACEHOLDER_TYPE] = types.get(PLACEHOLDER_TYPE, 0) + placeholders
    answer.redacted_types = json.dumps(dict(sorted(types.items())), separators=(",", ":"))
    answer.redacted_count = (answer.redacted_count or 0) + placeholders
    s.flush()
    try:
        question = catalogue().question(answer.question_id)
    except KeyError:  # a question no longer in the catalogue: its codings stay as they are
        question = None
    if question is not None:
        code_answer(answer, question)

    lines = _redact_transcript(s, answer.respondent_id, text, new_text, [text[a:b] for a, b in spans])
    record_audit(s, actor, "redact", 1)
    return Redacted(answer.id, placeholders, lines, new_text, version(new_text))


def _redact_transcript(s, respondent_id: str, old: str, new: str, chosen: list[str]) -> int:
    """The person's lines of this respondent: the answer's own line becomes the new text; the chosen
    words go from every other line too."""
    changed = 0
    for row in answer_queries.person_lines(s, respondent_id):
        if row.text == old:
            row.text = new
            changed += 1
            continue
        spans = _merge([span for words in set(chosen) for span in _occurrences(row.text, words)])
        if spans:
            row.text = replace_spans(row.text, _merge([_grow(row.text, a, b) for a, b in spans]))[0]
            changed += 1
    return changed


# --- redacting what was stored before -------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    """What `redact_stored` did: rows looked at and changed, and the types found (never values)."""

    answers_checked: int
    answers_changed: int
    translations_changed: int
    transcript_lines_changed: int
    types: dict


def _placeholder_moves(old: str, entities) -> list[Move]:
    moves, shift = [], 0
    for ent in sorted(entities, key=lambda x: x.start):
        length = len(f"[{ent.type}]")
        moves.append((ent.start, ent.end, ent.start + shift, length))
        shift += length - (ent.end - ent.start)
    return moves


def redact_stored(store, *, actor: str, batch: int = 500) -> Restored:
    """Redact every stored answer, English translation and transcript line again with today's rules,
    so that data saved before a better redactor gets the same protection. Placeholders already there
    stay; coded spans move with the text; a changed answer waits in the review queue again. Audited
    (action "redact_stored", with the number of rows changed). Safe to run twice: the second run
    changes nothing."""
    from bot.anonymise import redact

    checked = changed = english = lines = 0
    types: dict[str, int] = {}
    last_id = 0
    while True:
        with store.session() as s:
            rows = answer_queries.answers_with_text_after(s, last_id, batch)
            if not rows:
                break
            for answer in rows:
                last_id = answer.id
                checked += 1
                old = answer.text
                result = redact(old, answer.language or "en")
                # the rules changed since the held spans were found (bot.export.held): found again by the job
                answer.held_text = answer.held_en = None
                if answer.text_en and answer.text_en != old:
                    en = redact(answer.text_en, "en")
                    if en.entities:
                        answer.text_en = en.text
                        english += 1
                if not result.entities:
                    continue
                changed += 1
                moves = _placeholder_moves(old, result.entities)
                for row in answer.codings:
                    if row.span_start is not None and row.span_end is not None:
                        row.span_start = move_offset(row.span_start, moves, is_end=False)
                        row.span_end = move_offset(row.span_end, moves, is_end=True)
                if answer.text_en == old:
                    answer.text_en = result.text
                answer.text = result.text
                found = json.loads(answer.redacted_types) if answer.redacted_types else {}
                for ent in result.entities:
                    found[ent.type] = found.get(ent.type, 0) + 1
                    types[ent.type] = types.get(ent.type, 0) + 1
                answer.redacted_types = json.dumps(dict(sorted(found.items())), separators=(",", ":"))
                answer.redacted_count = (answer.redacted_count or 0) + len(result.entities)
                answer.review_status, answer.reviewed_by, answer.reviewed_on = NEEDS_REVIEW, None, None
                s.flush()
                try:
                    code_answer(answer, catalogue().question(answer.question_id))
                except KeyError:
                    pass
    last_id = 0
    while True:
        with store.session() as s:
            rows = answer_queries.person_lines_after(s, last_id, batch)
            if not rows:
                break
            for row in rows:
                last_id = row.id
                row.held_text = None  # as the answers': the job finds the line's held spans again with today's rules
                result = redact(row.text, row.language or "en")
                if result.entities:
                    row.text = result.text
                    lines += 1
    with store.session() as s:
        record_audit(s, actor, "redact_stored", changed + english + lines)
    return Restored(checked, changed, english, lines, dict(sorted(types.items())))
