"""Held words: what redaction was unsure of stays out of every export until a person has reviewed the answer.

An answer whose redaction waits for review (Answer.review_status "needs_review") may still hold a name
redaction could not call safe (bot.anonymise.uncertain). Until a person has looked at it, an export writes
its doubtful words as held placeholders: a possible name as [NAME?], a long number as [NUMBER?], a social
media handle as [HANDLE?]. A capitalised word in the middle of a sentence is written as it is (mostly a
place or an organisation). Its English translation is held the same way (its own doubts, in English), and
so is the person's line of the chat transcript that is the answer's text (a person's line that is no answer's
text is never reviewed: the transcript export always holds it, bot/export/transcripts.py). Coded spans move with
the text (bot.staff.review.move_offset), so a coding still covers the same words. Once a person marks the answer
reviewed, the export writes the stored text: the person decided.

The placeholders are written into the export only; the stored text keeps its words. Where they go is found
once, off the hot path: the background translation job (bot/translate.py) stores each waiting answer's held spans
(`found`) in Answer.held_text and Answer.held_en, with a digest of the text they were found in; a new text or
English sets them back to NULL (bot/store/models.py). An export uses stored spans whose digest is the text's and
that fit it (`load`), and finds them itself otherwise (the job has not run yet): the same spans either way.
Every format reads answers through bot.export.rows.Snapshot, which calls `hold_answer`; transcripts call
`hold_both`, and `hold` for a line that is no answer's text (with the spans the job stored in
TranscriptMessage.held_text); import-coding finds coding done on held words again with `hold` and `unhold`.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import NamedTuple

from bot.anonymise import tagger
from bot.anonymise.uncertain import HANDLE, LONG_NUMBER, POSSIBLE_NAME, doubts
from bot.staff.review import Move, move_offset, replace_spans
from bot.store.models import NEEDS_REVIEW

HELD = {POSSIBLE_NAME: "[NAME?]", LONG_NUMBER: "[NUMBER?]", HANDLE: "[HANDLE?]"}
HELD_ANY = re.compile("|".join(re.escape(p) for p in HELD.values()))
NOTE = ("[NAME?], [NUMBER?] and [HANDLE?] stand for words redaction was unsure of (a possible name, a long "
        "number, a social media handle) in an answer still waiting for a redaction review: held back until a "
        "person has reviewed it")


def waiting(review_status: str | None) -> bool:
    """True for an answer whose doubtful words are held in exports (nobody has reviewed it yet)."""
    return review_status == NEEDS_REVIEW


Span = tuple[int, int, str]  # start, end, the doubt's kind (a key of HELD)


def find(text: str, language: str) -> list[Span]:
    """Where the text's doubtful names, long numbers and handles are, in order, none overlapping (the tagger
    as it is loaded: callers load it first)."""
    spans: list[Span] = []
    for doubt in doubts(text, language or "en"):
        if doubt.kind not in HELD or (spans and doubt.start < spans[-1][1]):
            continue
        spans.append((doubt.start, doubt.end, doubt.kind))
    return spans


def digest(text: str, language: str) -> str:
    """What stored spans were found in: the text, the language its doubts were looked for in, and the rules and
    tagger that looked (tagger.fingerprint: this package's code, word lists and training data). Spans found by
    earlier rules are found again (by the export at once, by the job after `imsa-voices redact-stored`)."""
    return hashlib.blake2b(f"{tagger.fingerprint()}\0{language or 'en'}\0{text}".encode(),
                           digest_size=8).hexdigest()


def dump(text: str, language: str, spans: list[Span]) -> str:
    """Spans as stored in Answer.held_text / held_en."""
    return json.dumps({"of": digest(text, language), "held": [list(span) for span in spans]},
                      separators=(",", ":"), ensure_ascii=False)


def load(stored: str | None, text: str, language: str) -> list[Span] | None:
    """Stored spans, when they were found in this very text and fit it; None otherwise (not found yet, found in
    an earlier text, unreadable): then the caller finds them itself."""
    if not stored:
        return None
    try:
        value = json.loads(stored)
        if value["of"] != digest(text, language):
            return None
        spans = [(int(start), int(end), str(kind)) for start, end, kind in value["held"]]
    except (ValueError, TypeError, KeyError):
        return None
    last = 0
    for start, end, kind in spans:
        if kind not in HELD or not last <= start < end <= len(text):
            return None
        last = end
    return spans


def tagger_ready() -> bool:
    """True when doubts can be looked for as an export would, without training the tagger here (the job never
    trains it: `imsa-voices run` trains it in a process of its own; until then spans are left to be found)."""
    if not tagger.ready() and (not tagger.corpus_files() or tagger.model_path().exists()):
        tagger.get_tagger(wait=False)  # loads the cached model (or there is none to load)
    return tagger.ready()


def found(text: str | None, language: str) -> str | None:
    """The held spans of a text to store (the translation job), or None when the tagger is not loaded yet."""
    if text is None or not tagger_ready():
        return None
    return dump(text, language, find(text, language) if text else [])


def hold(text: str | None, language: str, stored: str | None = None) -> tuple[str | None, list[Move]]:
    """The text with its doubtful names, long numbers and handles held, and the moves (one per held word,
    for `move_offset`; their number is how many words were held). `stored`: the answer's stored spans, used
    when they are this text's."""
    if not text:
        return text, []
    spans = load(stored, text, language)
    if spans is None:
        # The learned tagger finds the names it overruled where tagger.VETO lets it (kept, marked for review):
        # without it they would be written out. An export waits for it (a few hundredths of a second from the cache).
        tagger.get_tagger(wait=True)
        spans = find(text, language)
    if not spans:
        return text, []
    return replace_spans(text, [(start, end) for start, end, _ in spans], [HELD[kind] for *_, kind in spans])


class HeldAnswer(NamedTuple):
    text: str
    text_en: str | None
    moves: list[Move]  # of the text, for move_offset
    words: int  # how many words were held: the text's and, when it is another text, the English's


def hold_both(text: str, text_en: str | None, language: str, held_text: str | None = None,
              held_en: str | None = None) -> HeldAnswer:
    """An answer waiting for review, held: its text (in its language) and its English (in English; an
    English answer's English is its text). `held_text`, `held_en`: its stored spans (Answer.held_text ...)."""
    held, moves = hold(text, language, held_text)
    count = len(moves)
    if text_en is not None and text_en != text:
        text_en, english = hold(text_en, "en", held_en)
        count += len(english)
    elif text_en is not None:
        text_en = held
    return HeldAnswer(held or "", text_en, moves, count)


def hold_answer(answer) -> int:  # noqa: ANN001 - a bot.export.rows.AnswerRow
    """Hold the doubtful words of an answer waiting for review, in place: its text, its English and its coded
    spans. Returns the number of words held."""
    if not waiting(answer.review_status) or not answer.text:
        return 0
    stored = answer.text
    answer.text, answer.text_en, moves, count = hold_both(stored, answer.text_en, answer.language,
                                                          answer.held_text, answer.held_en)
    if moves:  # a coded span moves with the text (one that no longer fits the answer is left as it is)
        answer.codings = [
            c._replace(start=move_offset(c.start, moves, is_end=False), end=move_offset(c.end, moves, is_end=True))
            if c.start is not None and c.end is not None and 0 <= c.start < c.end <= len(stored) else c
            for c in answer.codings
        ]
    return count


# --- the way back: coding done on an exported text that held words (bot/importers/coding.py) -----------------
def unhold(offset: int, moves: list[Move], *, is_end: bool) -> int:
    """Where an offset into the held text is in the stored one: inside a placeholder, a start goes to the held
    word's start and an end to its end (move_offset with each move turned round)."""
    back = [(new_start, new_start + new_len, old_start, old_end - old_start)
            for old_start, old_end, new_start, new_len in moves]
    return move_offset(offset, back, is_end=is_end)


def fragments(text: str) -> list[str]:
    """The parts of an exported text between its held placeholders."""
    return HELD_ANY.split(text)
