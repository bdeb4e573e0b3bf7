"""Anonymised chat transcripts: a zip with one UTF-8 text document per chat session and respondent.

Each document has the turns in order, first in the language of the chat, then (when the chat was not in
English) in English: the bot's lines rendered from their translation keys, the person's lines as
redacted when they were saved, with the English translation of the matching answer where there is one. A
person's line has its doubtful words held ([NAME?], [NUMBER?], [HANDLE?]: bot/export/held.py) unless it is the
text of an answer nobody needs to review any more (reviewed, or nothing to review), which every export writes as
stored: the line of an answer still waiting for review is held as every other export holds the answer (with
the answer's stored spans), and a line that is no answer's text (typed at a step that asks no question, a
stand-in, a line of a chat no answer came from) is never reviewed, so it is held with the spans the translation
job stored for it (TranscriptMessage.held_text) or, until it has, with spans found here. A line redaction finds
nothing doubtful in, and every bot line, is written as it is.
A transcript names its respondent by the number the answer exports give them (same filters); never by a
stored id or session id. Chats no answer came from (the person left before answering) are included,
as "Respondent: none", when there are no filters. Written responses have no transcript.

Documents are written in respondent order, a page of respondents at a time: memory stays flat.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import groupby
from types import SimpleNamespace
from typing import BinaryIO

from sqlalchemy import select

from bot.conversation import i18n
from bot.export.archive import DayZipFile
from bot.export.held import NOTE as HELD_NOTE
from bot.export.held import hold, hold_both, waiting
from bot.export.rows import Snapshot, month
from bot.store.models import Answer, TranscriptMessage

NO_ENGLISH = "[no English translation yet]"


@lru_cache(maxsize=8192)
def bot_line(language: str, key: str) -> str:
    try:
        return i18n.text(language, key)
    except KeyError:  # a key no longer in translations/en.yml
        return f"[bot text {key}]"


def language_name(code: str) -> str:
    lang = i18n.languages().get(code)
    return f"{lang.name} ({code})" if lang else code


def write_transcripts(snapshot: Snapshot, out: BinaryIO, progress=None) -> int:
    total, written = snapshot.count_transcripts(), 0
    if progress:
        progress(0, total)
    c = snapshot.connection

    def add(number: int | None, language: str | None, lines: list, english: dict, held: dict | None = None,
            settled: frozenset | set = frozenset()) -> None:
        nonlocal written
        written += 1
        held, shown, copied = held or {}, [], False
        for line in lines:
            text: str | None
            if line.speaker == "bot" or not line.text or line.text in settled and line.text not in held:
                shown.append(line)  # the bot's, or the text of an answer nobody needs to review any more: as stored
                continue
            if line.text in held:  # the text of an answer waiting for review: its words held, in English too
                text_en, whose, answer_language, held_text, held_en = held[line.text]
                done = hold_both(line.text, text_en, answer_language, held_text, held_en)
                snapshot.held += done.words
                if done.text_en is not None:
                    if not copied:
                        english, copied = dict(english), True
                    english[done.text] = done.text_en + whose
                text = done.text
            else:  # no answer's text: never reviewed, held (with the spans the job stored when they are its own)
                text, moves = hold(line.text, line.language or "en", line.held_text)
                snapshot.held += len(moves)
            shown.append(SimpleNamespace(**{**line._asdict(), "text": text}) if text != line.text else line)
        lines = shown
        archive.writestr(f"transcript-{written:05d}.txt", render(written, number, language, lines, english)
                         .encode("utf-8"))

    with DayZipFile(out, snapshot.today) as archive:
        for people in snapshot.pages_by_id(with_answers=False):
            ids = list(people)
            english: dict[str, dict[str, str]] = {}  # respondent -> redacted answer -> its English
            # respondent -> the text of an answer waiting for review -> (its English, whose, its language, its
            # stored held spans): held with the answer's spans when a line of the transcript is that text
            held: dict[str, dict[str, tuple[str | None, str, str, str | None, str | None]]] = {}
            settled: dict[str, set[str]] = {}  # respondent -> the texts of answers nobody needs to review any more
            for rid, text, text_en, provider, language, status, held_text, held_en in c.execute(
                    select(Answer.respondent_id, Answer.text, Answer.text_en, Answer.translation_provider,
                           Answer.language, Answer.review_status, Answer.held_text, Answer.held_en)
                    .where(Answer.respondent_id.in_(ids), Answer.text.is_not(None))):
                whose = " (translated by a person)" if provider == "person" else " (machine translation)"
                if waiting(status):
                    held.setdefault(rid, {})[text] = (text_en, whose, language, held_text, held_en)
                    continue
                settled.setdefault(rid, set()).add(text)
                if text_en is not None:
                    english.setdefault(rid, {})[text] = text_en + whose
            lines = c.execute(
                select(TranscriptMessage.respondent_id, TranscriptMessage.session_id, TranscriptMessage.speaker,
                       TranscriptMessage.text, TranscriptMessage.text_key, TranscriptMessage.language,
                       TranscriptMessage.created_on, TranscriptMessage.held_text)
                .where(TranscriptMessage.respondent_id.in_(ids))
                .order_by(TranscriptMessage.respondent_id, TranscriptMessage.session_id, TranscriptMessage.position)
            ).all()
            for (rid, _session), chat in groupby(lines, key=lambda line: (line.respondent_id, line.session_id)):
                person = people[rid]
                add(person.number, person.language, list(chat), english.get(rid, {}), held.get(rid),
                    settled.get(rid, frozenset()))
            if progress:
                progress(written, total)
        if snapshot.filters.is_empty():
            for lines in snapshot.unowned_session_pages():
                for _session, chat in groupby(lines, key=lambda line: line.session_id):
                    add(None, None, list(chat), {})
                if progress:
                    progress(written, total)
    return written


def render(n: int, respondent: int | None, respondent_language: str | None, lines: list, english: dict) -> str:
    counts = Counter(line.language for line in lines if line.language)
    language = counts.most_common(1)[0][0] if counts else (respondent_language or "en")
    days = [line.created_on for line in lines if line.created_on]
    head = [f"IMSA Voices: anonymised chat transcript {n}"]
    if respondent is not None:
        head.append(f"Respondent: {respondent} (the number the answer exports give them, with the same filters)")
    else:
        head.append("Respondent: none (no answer of this chat was kept)")
    head.append(f"Month: {month(min(days)) if days else 'unknown'}")
    draft = language in i18n.languages() and i18n.all_draft(language)
    head.append(f"Language: {language_name(language)}"
                + ("; the chat's texts in this language were draft translations, not yet checked by a fluent "
                   "speaker." if draft else "."))
    head.append("The person's words were redacted when they were saved: [NAME], [PHONE] and the like stand "
                f"for personal details. {HELD_NOTE}. A person's line that is not an answer is never reviewed: its "
                "doubtful words are always held.")
    body = ["", "--- In the language of the chat ---", ""]
    for line in lines:
        if line.speaker == "bot":
            body.append("Bot: " + (line.text or bot_line(line.language or language, line.text_key)))
        else:
            body.append("Person: " + (line.text or ""))
    if any((line.language or language) != "en" for line in lines):
        body += ["", "--- In English ---", ""]
        for line in lines:
            if line.speaker == "bot":
                body.append("Bot: " + (line.text or bot_line("en", line.text_key)))
            elif (line.language or language) == "en":
                body.append("Person: " + (line.text or ""))
            else:
                translated = english.get(line.text)
                body.append("Person: " + translated if translated else f"Person: {NO_ENGLISH} {line.text or ''}")
    text = "\n".join(head + body) + "\n"
    return text.replace("\r\n", "\n").replace("\r", "\n")
