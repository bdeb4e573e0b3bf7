"""The one door to the database. Every text is redacted here before it is written."""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import json
import re
import secrets
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot import coding
from bot.anonymise import redact
from bot.anonymise.uncertain import uncertain
from bot.conversation.catalogue import Question, catalogue
from bot.conversation.resume_codes import code_hash, new_code, normalise
from bot.paths import var_dir
from bot.settings import Settings, get_settings
from bot.store import schema
from bot.store.models import (
    NEEDS_REVIEW,
    NOT_NEEDED,
    PENDING,
    Answer,
    AuditEntry,
    Code,
    Coding,
    HandoverLink,
    PausedSession,
    Respondent,
    TranscriptMessage,
)
from bot.store.models import (
    Question as QuestionRow,
)

RESUME = "resume"
WITHDRAW = "withdraw"
TRANSCRIPT = "transcript"
IMPORT = "import"
STRUCTURAL_CODER = "catalogue"
WRITTEN_CONSENT = "written-questionnaire"


def database_url(settings: Settings | None = None) -> str:
    """DATABASE_URL, else SQLite in the runtime folder."""
    return (settings or get_settings()).database_url or f"sqlite:///{var_dir() / 'imsa.db'}"


def _today() -> dt.date:
    return dt.date.today()


# The moment by which the current turn must have finished with the database (time.monotonic()), or None.
_TURN_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("turn_deadline", default=None)


class TurnOverdue(OperationalError):
    """The turn's time is up: Rasa has stopped waiting (or is about to), so nothing more is tried."""

    def __init__(self) -> None:
        super().__init__("the turn's time ran out before the database answered", None, Exception("turn overdue"))


@contextmanager
def turn_deadline(seconds: float) -> Iterator[None]:
    """Within this block no database call is tried or retried later than ``seconds`` from now.

    The action of a turn runs under it, ending a little before Rasa stops waiting for the action
    (IMSA_ACTION_TIMEOUT_SECONDS): when the database is away, the person is told "not saved" by
    Rasa's timeout or by the action, and a retry can no longer save the answer after they were told.
    """
    token = _TURN_DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _TURN_DEADLINE.reset(token)


def _retried(method):  # a Store method
    """Run a read or an idempotent write again when the database server dropped the connection or
    is briefly away (a restart, a fail-over), for up to IMSA_DB_RETRY_SECONDS (default 5) in all,
    and never past the turn's deadline (turn_deadline) when there is one.

    Each try is a whole transaction, so nothing is half-written. SQLite is not retried: its busy
    timeout (IMSA_SQLITE_BUSY_SECONDS) has already waited for a lock, and a full disk stays full.
    """

    @functools.wraps(method)
    def wrapper(self: "Store", *args, **kwargs):
        turn = _TURN_DEADLINE.get()
        if turn is not None and time.monotonic() >= turn:
            raise TurnOverdue()
        if self.url.startswith("sqlite"):
            return method(self, *args, **kwargs)
        deadline = time.monotonic() + self.settings.db_retry_seconds
        if turn is not None:
            deadline = min(deadline, turn)
        delay = 0.1
        while True:
            try:
                return method(self, *args, **kwargs)
            except (OperationalError, InterfaceError, DisconnectionError):
                if time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    return wrapper


@dataclass
class Deleted:
    """Rows deleted, per table."""

    respondents: int = 0
    answers: int = 0
    codings: int = 0
    transcript_messages: int = 0
    paused_sessions: int = 0

    @property
    def total(self) -> int:
        return self.respondents + self.answers + self.codings + self.transcript_messages + self.paused_sessions

    def __str__(self) -> str:
        parts = [f"{n} {name.replace('_', ' ')}" for name, n in vars(self).items() if n]
        return f"{self.total} rows ({', '.join(parts)})" if parts else "0 rows"


@dataclass
class WrittenAnswer:
    question_id: str
    text: str


@dataclass
class WrittenResponse:
    """One organisation's (or professional's) written response, before redaction."""

    answers: list[WrittenAnswer]
    respondent_type: str = "organisation"
    language: str = "en"
    nation: str | None = None
    extra: dict = field(default_factory=dict)


class Store:
    def __init__(self, url: str | None = None, *, upgrade: bool = True, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.url = url or database_url(self.settings)
        kwargs: dict = {"future": True, "pool_pre_ping": True}
        if self.url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": self.settings.sqlite_busy_seconds}  # wait for a lock
            database = make_url(self.url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
                # SQLAlchemy 1.4 gives a file database no pool: every session opened a connection, set its
                # pragmas and, closing the last one, checkpointed the WAL - a third of a turn's CPU in Rasa
                # (py-spy, benchmarks/README.md). A small pool keeps them; a checkout is exclusive, so a
                # connection moving between threads is never used by two at once. No pre-ping: a file does
                # not drop connections.
                kwargs.update(poolclass=QueuePool, pool_size=5, max_overflow=10, pool_pre_ping=False)
                kwargs["connect_args"]["check_same_thread"] = False
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)
        if upgrade:  # so that `imsa-voices run` on a fresh machine just works
            schema.upgrade(self.engine)
            self.sync_reference()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s, s.begin():
            yield s

    # --- reference data: questions and the code tree ----------------------
    def sync_reference(self) -> bool:
        """Bring `questions` and `codes` in step with data/questions.yml and data/codebook.yml.

        Rows are added or updated, never deleted (answers and codings point at them): what is
        gone from the files is marked retired. Returns True when something changed.
        """
        wanted_q = _question_rows()
        wanted_c = [vars(c) for c in coding.codebook().tree()]
        if self._reference_matches(wanted_q, wanted_c):
            return False
        with schema.migration_lock(self.engine), self.session() as s:
            _merge_rows(s, QuestionRow, wanted_q)
            s.flush()
            _merge_rows(s, Code, wanted_c, keep=lambda row: row.created_by is not None)
        return True

    def _reference_matches(self, wanted_q: list[dict], wanted_c: list[dict]) -> bool:
        with self.session() as s:
            have_q = {r.id: _row_dict(r, wanted_q[0]) for r in s.execute(select(QuestionRow)).scalars()}
            wanted_ids = {w["id"] for w in wanted_c}
            have_c = {r.id: _row_dict(r, wanted_c[0]) for r in s.execute(select(Code)).scalars()
                      if r.created_by is None or r.id in wanted_ids}  # codes staff added are not the files' to retire
        for have, wanted in ((have_q, wanted_q), (have_c, wanted_c)):
            if any(have.pop(w["id"], None) != w for w in wanted):
                return False
            if any(not row["retired"] for row in have.values()):  # gone from the files, not yet retired
                return False
        return True

    # --- respondents -----------------------------------------------------
    @_retried
    def create_respondent(
        self, language: str, *, channel: str = "chatbot", respondent_type: str = "lived_experience"
    ) -> str:
        rid = secrets.token_hex(16)
        with self.session() as s:
            s.add(
                Respondent(
                    id=rid,
                    channel=channel,
                    respondent_type=respondent_type,
                    language=language,
                    consent_version=catalogue().consent_version,
                    created_on=_today(),
                    completed=False,
                )
            )
        return rid

    @_retried
    def update_respondent(self, rid: str, **fields: object) -> None:
        allowed = {"language", "nation", "assisted", "completed", "reached_through"}
        if set(fields) - allowed:
            raise ValueError(f"cannot set {set(fields) - allowed}")
        with self.session() as s:
            respondent = s.get(Respondent, rid)
            if respondent is not None:
                for key, value in fields.items():
                    setattr(respondent, key, value)

    @_retried
    def respondent(self, rid: str) -> Respondent | None:
        with self.session() as s:
            return s.get(Respondent, rid)

    @_retried
    def erase(self, rid: str, *, actor: str = "respondent", action: str = "delete") -> Deleted:
        """Delete a respondent with every answer, coding and transcript line at once (audited)."""
        with self.session() as s:
            deleted = _erase(s, select(Respondent.id).where(Respondent.id == rid).scalar_subquery())
            if deleted.total:
                record_audit(s, actor, action, deleted.total)
        return deleted

    def delete_respondent(self, rid: str) -> int:
        """Delete a respondent and everything of theirs; returns the respondent and answer rows deleted."""
        deleted = self.erase(rid, actor="respondent", action="delete_in_chat")
        return deleted.respondents + deleted.answers

    @_retried
    def issue_withdrawal_code(self, rid: str) -> str:
        code = new_code()
        with self.session() as s:
            respondent = s.get(Respondent, rid)
            if respondent is None:
                raise KeyError(rid)
            respondent.withdrawal_hash = code_hash(code, WITHDRAW)
        return code

    def withdraw_all(self, typed_code: str, *, actor: str = "respondent") -> Deleted | None:
        """Delete everything of the respondent holding this code; None (nothing deleted) when unknown."""
        code = normalise(typed_code)
        rid = None
        if code is not None:
            with self.session() as s:
                rid = s.execute(
                    select(Respondent.id).where(Respondent.withdrawal_hash == code_hash(code, WITHDRAW))
                ).scalar_one_or_none()
        if rid is None:
            with self.session() as s:
                record_audit(s, actor, "withdraw_unknown_code", 0)
            return None
        return self.erase(rid, actor=actor, action="withdraw")

    def withdraw(self, typed_code: str, *, actor: str = "respondent") -> int:
        """Like withdraw_all; returns the respondent and answer rows deleted, 0 when unknown."""
        deleted = self.withdraw_all(typed_code, actor=actor)
        return deleted.respondents + deleted.answers if deleted else 0

    def purge(self, older_than_days: int, *, actor: str = "system", today: dt.date | None = None) -> Deleted:
        """Delete everything created before today minus `older_than_days` days (respondents with all
        their rows, transcript lines, paused sessions). The audit log itself is kept."""
        if older_than_days < 0:
            raise ValueError("older_than_days must be 0 or more")
        cutoff = (today or _today()) - dt.timedelta(days=older_than_days)
        with self.session() as s:
            deleted = _erase(s, select(Respondent.id).where(Respondent.created_on < cutoff).scalar_subquery())
            deleted.transcript_messages += s.execute(
                delete(TranscriptMessage).where(TranscriptMessage.created_on < cutoff)
            ).rowcount
            deleted.paused_sessions = s.execute(delete(PausedSession).where(PausedSession.created_on < cutoff)).rowcount
            record_audit(s, actor, "purge", deleted.total, f"older than {older_than_days} days")
        return deleted

    # --- answers ---------------------------------------------------------
    @_retried
    def save_answer(
        self, rid: str, question_id: str, language: str, *, text: str | None = None, choice: str | None = None,
        transcript_session: str | None = None, transcript_lines: list[tuple[str, str | None, str | None]] | None = None,
    ) -> None:
        """Save (or replace) one answer. Free text is redacted before it is written, then coded.

        With `transcript_session`, the same redacted text also becomes the person's line of that chat's
        transcript, in the same transaction: the words are redacted once, and never kept in one place only.
        `transcript_lines` (the rest of the turn, as add_transcript_lines takes them) follow it in the same
        transaction: one commit for the whole turn.
        """
        question = catalogue().question(question_id)
        rows = _transcript_rows(transcript_lines or [], language) if transcript_session is not None else []
        with self.session() as s:
            answer = _save_answer(s, rid, question, language, text, choice)
            if transcript_session is not None and text is not None:
                rows.insert(0, ("person", answer.text, None))
            if rows and transcript_session is not None:
                _append_transcript(s, transcript_session, rid, language, rows)

    @_retried
    def answers(self, rid: str) -> list[Answer]:
        with self.session() as s:
            return list(s.execute(select(Answer).where(Answer.respondent_id == rid).order_by(Answer.id)).scalars())

    # --- coding ----------------------------------------------------------
    def codings(self, answer_id: int) -> list[Coding]:
        with self.session() as s:
            return list(s.execute(select(Coding).where(Coding.answer_id == answer_id).order_by(Coding.id)).scalars())

    def code_answer(self, answer_id: int) -> None:
        """Recompute the suggested topic codes of one answer, also from its English translation
        (bot.translate calls this once text_en is filled in). Staff codings are kept."""
        with self.session() as s:
            answer = s.get(Answer, answer_id)
            if answer is not None:
                code_answer(answer, catalogue().question(answer.question_id))

    def add_staff_coding(
        self, answer_id: int, code_id: str, coder: str, span: tuple[int, int] | None = None
    ) -> int:
        """Staff code an answer (or confirm a suggestion: the same code becomes source `staff`)."""
        with self.session() as s:
            if s.get(Code, code_id) is None:
                raise KeyError(code_id)
            suggested = s.execute(
                select(Coding).where(Coding.answer_id == answer_id, Coding.code_id == code_id,
                                     Coding.source == "suggested")
            ).scalars().first()
            row = suggested or Coding(answer_id=answer_id, code_id=code_id)
            row.source, row.coder, row.created_on = "staff", coder, _today()
            if span is not None or suggested is None:
                row.span_start, row.span_end = span or (None, None)
            s.add(row)
            s.flush()
            return row.id

    # --- written responses -----------------------------------------------
    def import_written(
        self, responses: list[WrittenResponse], *, actor: str, detail: str
    ) -> tuple[list[str], int, int]:
        """Import written responses in ONE transaction: all of them or none.

        Returns (new respondent ids, answers written, responses skipped as imported before).
        """
        created, skipped, written = [], 0, 0
        with self.session() as s:
            seen: set[str] = set()
            for response in responses:
                digest = _content_hash(response)
                duplicate = digest in seen or s.execute(
                    select(Respondent.id).where(Respondent.source_hash == digest)
                ).first()
                seen.add(digest)
                if duplicate:
                    skipped += 1
                    continue
                rid = secrets.token_hex(16)
                s.add(Respondent(
                    id=rid, channel="written", respondent_type=response.respondent_type, language=response.language,
                    nation=response.nation, consent_version=WRITTEN_CONSENT, created_on=_today(), completed=True,
                    source_hash=digest,
                ))
                s.flush()
                for item in response.answers:
                    question = catalogue().question(item.question_id)
                    _save_answer(s, rid, question, response.language, item.text, None, replace=False)
                    written += 1
                created.append(rid)
                if len(created) % 50 == 0:  # a big file: keep memory flat inside the one transaction
                    s.flush()
                    s.expunge_all()
            record_audit(s, actor, "import_written", len(created) + written, detail[:255])
        return created, written, skipped

    # --- transcripts -----------------------------------------------------
    def add_transcript_message(
        self,
        session_id: str,
        speaker: str,
        *,
        text: str | None = None,
        text_key: str | None = None,
        language: str | None = None,
        respondent_id: str | None = None,
    ) -> int:
        """Append one line to a conversation's anonymised transcript; returns its position.

        The bot's lines are kept by translation key (`text_key`), the person's by redacted `text`.
        The channel's session id is stored only as a keyed hash.
        """
        if speaker not in ("bot", "person"):
            raise ValueError(f"unknown speaker {speaker!r}")
        if (text is None) == (text_key is None):
            raise ValueError("give exactly one of text and text_key")
        clean = redact(text, language or "en").text if text is not None else None
        sid = _session_hash(session_id)
        with self.session() as s:
            position = s.execute(
                select(func.coalesce(func.max(TranscriptMessage.position), 0))
                .where(TranscriptMessage.session_id == sid)
            ).scalar_one() + 1
            s.add(TranscriptMessage(session_id=sid, respondent_id=respondent_id, position=position, speaker=speaker,
                                    text=clean, text_key=text_key, language=language, created_on=_today()))
        return position

    def add_transcript_lines(
        self, session_id: str, lines: list[tuple[str, str | None, str | None]], *, language: str, respondent_id: str
    ) -> int:
        """Append one turn's lines, (speaker, text, text_key) each, in one transaction; returns how many.

        As add_transcript_message: a text is redacted here, the session id kept only hashed. Only a StandIn
        (the bot's own words in place of what was sent, "[button: en]") of the stand-ins' exact shape is
        written as it is: any other text, whoever made it, goes through redaction."""
        if not lines:
            return 0
        rows = _transcript_rows(lines, language)
        with self.session() as s:
            _append_transcript(s, session_id, respondent_id, language, rows)
        return len(rows)

    def attach_transcript(self, session_id: str, respondent_id: str) -> int:
        """Give a conversation's earlier lines (before the respondent existed) their respondent."""
        with self.session() as s:
            rows = s.execute(
                select(TranscriptMessage).where(TranscriptMessage.session_id == _session_hash(session_id),
                                                TranscriptMessage.respondent_id.is_(None))
            ).scalars().all()
            for row in rows:
                row.respondent_id = respondent_id
        return len(rows)

    def transcript(self, session_id: str) -> list[TranscriptMessage]:
        with self.session() as s:
            return list(s.execute(
                select(TranscriptMessage).where(TranscriptMessage.session_id == _session_hash(session_id))
                .order_by(TranscriptMessage.position)
            ).scalars())

    # --- audit -----------------------------------------------------------
    def audit(self, actor: str, action: str, rows: int, detail: str | None = None) -> None:
        with self.session() as s:
            record_audit(s, actor, action, rows, detail)

    def audit_log(self) -> list[AuditEntry]:
        with self.session() as s:
            return list(s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars())

    def audit_page(self, number: int, size: int) -> tuple[list[AuditEntry], int, int, int]:
        """(entries, page number, pages, entries in all): one page of the audit log, newest first; a page past
        the end is the last."""
        with self.session() as s:
            total = s.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
            pages = max(1, -(-total // size))
            number = min(max(1, number), pages)
            entries = list(s.execute(
                select(AuditEntry).order_by(AuditEntry.id.desc()).offset((number - 1) * size).limit(size)
            ).scalars())
        return entries, number, pages, total

    # --- support workers' hand-over links ---------------------------------
    def add_handover_link(self, user_id: int, actor: str, token: str) -> None:
        with self.session() as s:
            s.add(HandoverLink(user_id=user_id, token=token, created_on=_today()))
            record_audit(s, actor, "handover_link", 1)

    def handover_links(self, user_id: int, limit: int) -> list[HandoverLink]:
        """A support worker's own links, newest first."""
        with self.session() as s:
            return list(s.execute(
                select(HandoverLink).where(HandoverLink.user_id == user_id)
                .order_by(HandoverLink.id.desc()).limit(limit)
            ).scalars())

    # --- pause and resume ------------------------------------------------
    @_retried
    def pause(self, state: dict) -> str:
        code = new_code()
        with self.session() as s:
            s.add(PausedSession(code_hash=code_hash(code, RESUME), state=json.dumps(state), created_on=_today()))
        return code

    def resume(self, typed_code: str) -> dict | None:
        """The saved state for a resume code, used once; None when unknown."""
        code = normalise(typed_code)
        if code is None:
            return None
        with self.session() as s:
            paused = s.get(PausedSession, code_hash(code, RESUME))
            if paused is None:
                return None
            state = json.loads(paused.state)
            s.delete(paused)
        return state


# --- helpers (each works inside the caller's transaction) ---------------------
def _save_answer(
    s: Session, rid: str, question: Question, language: str, text: str | None, choice: str | None,
    *, replace: bool = True,
) -> Answer:
    redaction = redact(text, language) if text is not None else None
    clean = redaction.text if redaction else None
    types = Counter(e.type for e in redaction.entities) if redaction else Counter()
    status = PENDING if clean else NOT_NEEDED
    existing = None
    if replace:
        existing = s.execute(
            select(Answer).where(Answer.respondent_id == rid, Answer.question_id == question.id)
        ).scalar_one_or_none()
    if existing is None:
        answer = Answer(respondent_id=rid, question_id=question.id, theme=question.theme, kind=question.kind,
                        language=language, created_on=_today())
        s.add(answer)
    else:
        answer = existing
        answer.language_detected = answer.translation_provider = None
    answer.text, answer.choice, answer.language, answer.text_en = clean, choice, language, None
    answer.translation_status, answer.translation_attempts = status, 0
    answer.redacted_count = sum(types.values())
    answer.redacted_types = json.dumps(dict(sorted(types.items())), separators=(",", ":")) if types else None
    # a new text where redaction found something, or left something that may be personal (a capitalised
    # word mid-sentence, a long number: bot.anonymise.uncertain), waits for a person in the staff review queue
    answer.review_status = NEEDS_REVIEW if answer.redacted_count or uncertain(clean, language) else None
    answer.reviewed_by = answer.reviewed_on = None
    answer.quotable, answer.quoted_by, answer.quoted_on = False, None, None  # a new text is not the one marked
    code_answer(answer, question)
    return answer


def code_answer(answer: Answer, question: Question) -> None:
    """Code an answer again (in its session): structural codes, and topic codes suggested by the codebook;
    staff codings are kept."""
    book = coding.codebook()
    today = _today()
    keep = [c for c in answer.codings if c.source == "staff"]
    staff_codes = {c.code_id for c in keep}
    new = [Coding(code_id=code_id, source="structural", coder=STRUCTURAL_CODER, created_on=today)
           for code_id in coding.structural(question)]
    suggestions = {x.code_id: x for x in coding.suggest(question.theme, answer.text, book)}
    for x in coding.suggest(question.theme, answer.text_en, book):  # from the translation: no span
        suggestions.setdefault(x.code_id, coding.Suggestion(x.code_id, -1, -1))
    for x in suggestions.values():
        if x.code_id in staff_codes:
            continue
        span = (x.start, x.end) if x.start >= 0 else (None, None)
        new.append(Coding(code_id=x.code_id, source="suggested", coder=book.coder,
                          span_start=span[0], span_end=span[1], created_on=today))
    answer.codings = keep + new


def _erase(s: Session, respondent_ids) -> Deleted:  # a scalar subquery of respondent ids
    answer_ids = select(Answer.id).where(Answer.respondent_id.in_(respondent_ids))
    deleted = Deleted()
    deleted.codings = s.execute(
        delete(Coding).where(Coding.answer_id.in_(answer_ids)).execution_options(synchronize_session=False)
    ).rowcount
    deleted.transcript_messages = s.execute(
        delete(TranscriptMessage).where(TranscriptMessage.respondent_id.in_(respondent_ids))
        .execution_options(synchronize_session=False)
    ).rowcount
    deleted.answers = s.execute(
        delete(Answer).where(Answer.respondent_id.in_(respondent_ids)).execution_options(synchronize_session=False)
    ).rowcount
    deleted.respondents = s.execute(
        delete(Respondent).where(Respondent.id.in_(respondent_ids)).execution_options(synchronize_session=False)
    ).rowcount
    return deleted


def record_audit(s: Session, actor: str, action: str, rows: int, detail: str | None = None) -> None:
    """One line of the audit log, written with the rest of the transaction `s` (or not at all)."""
    s.add(AuditEntry(done_on=_today(), actor=actor[:64], action=action[:32], row_count=rows, detail=detail))


def _append_transcript(s: Session, session_id: str, respondent_id: str, language: str,
                       rows: list[tuple[str, str | None, str | None]]) -> None:
    """Append ALREADY REDACTED lines (speaker, text, text_key) after a chat's last line."""
    sid = _session_hash(session_id)
    position = s.execute(
        select(func.coalesce(func.max(TranscriptMessage.position), 0)).where(TranscriptMessage.session_id == sid)
    ).scalar_one()
    for speaker, text, text_key in rows:
        position += 1
        s.add(TranscriptMessage(session_id=sid, respondent_id=respondent_id, position=position, speaker=speaker,
                                text=text, text_key=text_key, language=language, created_on=_today()))


def _transcript_rows(lines: list[tuple[str, str | None, str | None]], language: str
                     ) -> list[tuple[str, str | None, str | None]]:
    """Lines (speaker, text, text_key) as written: every text redacted but the bot's own stand-ins."""
    rows = []
    for speaker, text, text_key in lines:
        if speaker not in ("bot", "person") or (text is None) == (text_key is None):
            raise ValueError("each line needs a speaker and exactly one of text and text_key")
        rows.append((speaker, None if text is None else text if _bot_words(text) else redact(text, language).text,
                     text_key))
    return rows


class StandIn(str):
    """A transcript line the bot writes in place of what the person sent: "[button: en]", "[typed: skip]",
    "[typed words, not kept]". bot.conversation makes one only of its own words (an option it offered, a
    control's name); the person's own words are never one. The store writes a StandIn without redaction
    when it also has the stand-ins' shape; every other text is redacted."""


_STAND_IN = re.compile(r"\[(?:button|typed): [a-z][a-z0-9_]{0,31}\]|\[typed words, not kept\]")


def _bot_words(text: str) -> bool:
    return isinstance(text, StandIn) and _STAND_IN.fullmatch(text) is not None


def _session_hash(session_id: str) -> str:
    return code_hash(session_id, TRANSCRIPT)[:32]


def _content_hash(response: WrittenResponse) -> str:
    """Keyed hash of a written response's content (never reversible to its text)."""
    body = json.dumps(
        [response.respondent_type, sorted((a.question_id, " ".join(a.text.split())) for a in response.answers)],
        ensure_ascii=False,
    )
    return code_hash(body, IMPORT)


def _question_rows() -> list[dict]:
    cat = catalogue()
    return [
        {"id": q.id, "theme": q.theme, "kind": q.kind, "position": n, "written": q.written,
         "chat_key": q.chat_key, "retired": False}
        for n, q in enumerate(cat.all_questions(), start=1)
    ]


def _row_dict(row, like: dict) -> dict:
    return {key: getattr(row, key) for key in like}


def _merge_rows(s: Session, model, wanted: list[dict], keep=lambda row: False) -> None:
    """Add or update the wanted rows; retire the others, except those `keep` says to leave alone."""
    have = {r.id: r for r in s.execute(select(model)).scalars()}
    for values in wanted:
        row = have.pop(values["id"], None)
        if row is None:
            s.add(model(**values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
    for row in have.values():
        if not keep(row):
            row.retired = True


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys on; the write-ahead log, with synchronous=NORMAL: a commit appends to the log and does not
    wait for the disk (SQLite's default, FULL, syncs the log at every commit: most of a turn's wait). Under WAL
    this stays consistent (never a corrupt database); what a power cut or a crash of the operating system (not
    of the bot) can lose is the commits since the last checkpoint, which SQLite makes when the log reaches
    1000 pages and when the last connection closes (docs/SCALING.md)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@lru_cache(maxsize=None)
def get_store(url: str | None = None) -> Store:
    """One Store (and connection pool) per database URL and process."""
    return Store(url or database_url())
