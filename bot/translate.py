"""English translations of answers for staff: after redaction, never while a survivor waits.

A background job (``imsa-voices translate-pending``; ``imsa-voices run`` runs it
every ``TRANSLATION_INTERVAL_SECONDS``) takes answers whose translation is
pending, notes the language each is written in (bot.conversation.language) and, when a
provider is configured, asks deep-translator for English. Only redacted text
ever leaves the dataset: answers are redacted before they are saved.

Providers, by ``TRANSLATION_PROVIDER``:

- ``none`` (default): nothing leaves the machine; answers stay ``pending``.
- ``libretranslate``: a self-hosted LibreTranslate at ``TRANSLATION_URL``
  (recommended: answers stay in-house); ``TRANSLATION_API_KEY`` if it needs one.
- ``google``: the public Google Translate endpoint, only when
  ``IMSA_ALLOW_PUBLIC_TRANSLATION=1`` says an operator chose it.

A failure is retried with exponential backoff; after ``MAX_ATTEMPTS`` the answer
is marked ``failed`` and export goes on without its English text.

An English a staff member typed (translation_provider ``person``, bot.staff.coding_ops.set_english) is never
replaced: the job does not pick such an answer, and does not write over one that got a person's English while
the provider was working.

For an answer still waiting for a redaction review the job also finds, once, the words an export holds
([NAME?], [NUMBER?], [HANDLE?]: bot/export/held.py) and stores where they are: in its text when it handles the
answer, in its English when it writes that (Answer.held_text, held_en), so an export only reads them. It then
does the same for waiting answers whose spans a new text or English set back to NULL (or that were saved before
migration 0008), and for the person's transcript lines that are no answer's text (never reviewed: the transcript
export holds their doubtful words too; TranscriptMessage.held_text, migration 0009). It never trains the name
tagger: until its model is loaded the spans are left to a later pass.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping, Protocol

from sqlalchemy import or_, select

from bot.conversation import language
from bot.settings import Settings, get_settings
from bot.store.models import DONE, FAILED, NEEDS_REVIEW, NOT_NEEDED, PENDING, Answer, TranscriptMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 30.0
PERSON = "person"  # translation_provider of an English typed by staff: never overwritten here


class ProviderError(RuntimeError):
    """The translation provider failed (down, slow, or answered nonsense)."""


class Provider(Protocol):
    name: str

    def translate(self, text: str, source: str) -> str: ...


class ConfigurationError(ValueError):
    """The translation settings do not make sense; the message says what to set."""


def _timeout() -> float:
    return get_settings().translation_timeout_seconds


def _call_with_timeout(fn: Callable[[], str], timeout: float) -> str:
    """deep-translator sets no timeout on its HTTP calls: bound them here."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(fn).result(timeout=timeout)
    except concurrent.futures.TimeoutError as exc:
        raise ProviderError(f"no answer within {timeout:.0f} s") from exc
    finally:
        pool.shutdown(wait=False)


@dataclass
class LibreTranslate:
    url: str
    api_key: str | None = None
    timeout: float = field(default_factory=_timeout)
    name: str = "libretranslate"

    def translate(self, text: str, source: str) -> str:
        from deep_translator import LibreTranslator
        from deep_translator.constants import LIBRE_LANGUAGES_TO_CODES

        libre_source = source if source in LIBRE_LANGUAGES_TO_CODES.values() else "auto"
        translator = LibreTranslator(
            source=libre_source, target="en", api_key=self.api_key or "-", custom_url=self.url.rstrip("/") + "/"
        )
        return _checked(lambda: translator.translate(text), self.timeout)


@dataclass
class GooglePublic:
    timeout: float = field(default_factory=_timeout)
    name: str = "google"

    def translate(self, text: str, source: str) -> str:
        from deep_translator import GoogleTranslator

        translator = GoogleTranslator(source="auto", target="en")
        return _checked(lambda: translator.translate(text), self.timeout)


def _checked(call: Callable[[], str], timeout: float) -> str:
    try:
        result = _call_with_timeout(call, timeout)
    except ProviderError:
        raise
    except Exception as exc:  # deep-translator raises many types; the text is never in the message we log
        raise ProviderError(type(exc).__name__) from exc
    if not isinstance(result, str) or not result.strip():
        raise ProviderError("empty translation")
    return result


def provider_from_env(env: Mapping[str, str] | None = None) -> Provider | None:
    """The provider the settings name (`env`: other variables than the process's, for a test)."""
    settings = get_settings() if env is None else Settings.from_env(env)
    kind = settings.translation_provider
    if kind == "none":
        return None
    if kind == "libretranslate":
        if not settings.translation_url:
            raise ConfigurationError("TRANSLATION_PROVIDER=libretranslate needs TRANSLATION_URL (your LibreTranslate)")
        return LibreTranslate(settings.translation_url, settings.translation_api_key,
                              settings.translation_timeout_seconds)
    if not settings.allow_public_translation:  # google
        raise ConfigurationError(
            "TRANSLATION_PROVIDER=google sends answers to a public service: "
            "set IMSA_ALLOW_PUBLIC_TRANSLATION=1 to confirm that this is allowed"
        )
    return GooglePublic(settings.translation_timeout_seconds)


@dataclass
class Counts:
    detected: int = 0
    translated: int = 0
    not_needed: int = 0
    failed: int = 0
    retry_later: int = 0
    waiting: int = 0  # pending, with no provider configured
    held: int = 0  # texts (answers' or their English) of answers waiting for review whose held spans were stored
    held_lines: int = 0  # the person's transcript lines that are no answer's text whose held spans were stored

    def __str__(self) -> str:
        return (
            f"translated {self.translated}, not needed {self.not_needed}, failed for good {self.failed}, "
            f"will retry {self.retry_later}, waiting for a provider {self.waiting}; languages noted {self.detected}; "
            f"held words found in {self.held} texts waiting for review and in {self.held_lines} transcript lines"
        )


@dataclass
class Backoff:
    """When each failed answer may be tried again (kept in the job's memory)."""

    base: float = BACKOFF_SECONDS
    clock: Callable[[], float] = time.monotonic
    next_try: dict[int, float] = field(default_factory=dict)

    def ready(self, answer_id: int) -> bool:
        return self.clock() >= self.next_try.get(answer_id, 0.0)

    def failed(self, answer_id: int, attempts: int) -> None:
        self.next_try[answer_id] = self.clock() + self.base * 2 ** (attempts - 1)


def translate_pending(store, provider: Provider | None, *, backoff: Backoff | None = None, limit: int = 500) -> Counts:
    """One pass of the job over pending answers."""
    backoff = backoff or Backoff()
    counts = Counts()
    query = select(Answer).where(Answer.translation_status == PENDING, Answer.text.isnot(None),
                                 or_(Answer.translation_provider.is_(None), Answer.translation_provider != PERSON))
    if provider is None:
        query = query.where(Answer.language_detected.is_(None))  # nothing to do for the rest until a provider is set
    with store.session() as s:
        rows = list(s.execute(query.order_by(Answer.id).limit(limit)).scalars())
    for row in rows:
        if not backoff.ready(row.id):
            counts.retry_later += 1
            continue
        update: dict = {}
        detected = row.language_detected
        if detected is None:
            detected = language.detect(row.text).code or "unknown"
            update["language_detected"] = detected
            counts.detected += 1
        if row.language == "en" and detected in ("en", "unknown"):
            update.update(text_en=row.text, translation_status=NOT_NEEDED)
            counts.not_needed += 1
        elif provider is None:
            counts.waiting += 1
        else:
            try:
                english = provider.translate(row.text, row.language)
            except ProviderError as exc:
                attempts = row.translation_attempts + 1
                update["translation_attempts"] = attempts
                if attempts >= MAX_ATTEMPTS:
                    update.update(translation_status=FAILED, translation_provider=provider.name)
                    counts.failed += 1
                else:
                    backoff.failed(row.id, attempts)
                    counts.retry_later += 1
                log.warning("translation of answer %s failed (%s), attempt %s", row.id, exc, attempts)
            else:
                update.update(text_en=english, translation_status=DONE, translation_provider=provider.name)
                counts.translated += 1
        if row.review_status == NEEDS_REVIEW:  # after text_en: a new English sets held_en back to NULL
            update.update(_held(row.text, row.language, row.held_text, update.get("text_en")))
        if update:
            counts.held += _update(store, row.id, row.text, update)
    counts.held += hold_waiting(store, limit=limit)
    counts.held_lines += hold_lines(store, limit=limit)
    return counts


def _held(text: str, language: str, held_text: str | None, english: str | None) -> dict:
    """The held spans to store for an answer waiting for review: of its text unless stored already, of the
    English written now (an English answer's English is its text). Nothing while the tagger is not loaded."""
    from bot.export import held

    values: dict = {}
    if held_text is None:
        values["held_text"] = held.found(text, language)
    if english is not None:
        same = english == text and (language or "en") == "en"
        values["held_en"] = (values.get("held_text") or held_text) if same else held.found(english, "en")
    return {key: value for key, value in values.items() if value is not None}


def hold_waiting(store, *, limit: int = 500) -> int:
    """Store the held spans of answers waiting for review that have none (a new text or English set them back
    to NULL, or they were saved before they were kept): how many texts got them."""
    from bot.export import held

    if not held.tagger_ready():
        return 0
    query = (select(Answer.id, Answer.text, Answer.language, Answer.text_en, Answer.held_text, Answer.held_en)
             .where(Answer.review_status == NEEDS_REVIEW, Answer.text.isnot(None),
                    or_(Answer.held_text.is_(None), (Answer.text_en.isnot(None) & Answer.held_en.is_(None))))
             .order_by(Answer.id).limit(limit))
    with store.session() as s:
        rows = list(s.execute(query))
    found = [(answer_id, text, text_en, _held(text, answer_language, held_text, text_en if held_en is None else None))
             for answer_id, text, answer_language, text_en, held_text, held_en in rows]  # no transaction open
    stored = 0
    with store.session() as s:  # one write for the pass
        answers = {a.id: a for a in s.execute(select(Answer).where(Answer.id.in_([f[0] for f in found]))).scalars()}
        for answer_id, text, text_en, values in found:
            answer = answers.get(answer_id)
            if answer is None or answer.text != text or answer.text_en != text_en:
                continue  # gone or changed while we looked: the next pass finds its spans
            for key, value in values.items():
                setattr(answer, key, value)
            stored += len(values)
    return stored


def hold_lines(store, *, limit: int = 500) -> int:
    """Store the held spans of the person's transcript lines that are no answer's text and have none (new lines,
    lines a new text set back to NULL, lines saved before migration 0009): how many lines got them. A line that
    is an answer's text needs none: the export holds it with the answer's spans while the answer waits for
    review, and writes it as stored once a person has reviewed it (bot/export/transcripts.py)."""
    from bot.export import held

    if not held.tagger_ready():
        return 0
    line = TranscriptMessage
    answered = select(Answer.id).where(Answer.respondent_id == line.respondent_id, Answer.text == line.text).exists()
    query = (select(line.id, line.text, line.language)
             .where(line.speaker == "person", line.text.isnot(None), line.held_text.is_(None), ~answered)
             .order_by(line.id).limit(limit))
    with store.session() as s:
        rows = list(s.execute(query))
    # no transaction open while redaction looks
    found = [(line_id, text, held.found(text, language or "en")) for line_id, text, language in rows]
    if not found:
        return 0
    stored = 0
    with store.session() as s:  # one write for the pass
        lines = {m.id: m for m in s.execute(select(line).where(line.id.in_([f[0] for f in found]))).scalars()}
        for line_id, text, spans in found:
            row = lines.get(line_id)
            if row is None or row.text != text or spans is None:
                continue  # gone or changed while we looked: the next pass finds its spans
            row.held_text = spans
            stored += 1
    return stored


def _update(store, answer_id: int, original: str, values: dict) -> int:
    """Write the result unless the answer changed (or went) while we worked: how many held spans it stored."""
    with store.session() as s:
        answer = s.get(Answer, answer_id)
        if answer is None or answer.text != original or answer.translation_provider == PERSON:
            return 0  # gone, changed, or a person gave its English meanwhile: theirs stays
        for key, value in values.items():  # in order: held_en after the text_en it was found in
            setattr(answer, key, value)
    if values.get("text_en") and hasattr(store, "code_answer"):
        store.code_answer(answer_id)  # topic keywords are English: suggest codes from the translation too
    return sum(1 for key in ("held_text", "held_en") if key in values)
