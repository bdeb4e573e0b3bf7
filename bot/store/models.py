"""Tables of the one coded dataset. Only dates are kept, never times; respondent ids are random.

The schema is created and changed only by the Alembic migrations in bot/store/migrations/
(`imsa-voices db upgrade`; Store() also upgrades on start). docs/DATASET.md describes it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()  # SQLAlchemy 1.4 ships no types: the models' base is Any to mypy

CHANNELS = ("chatbot", "written", "workshop")
RESPONDENT_TYPES = ("lived_experience", "organisation", "professional")
CODE_LEVELS = ("theme", "kind", "topic")
CODING_SOURCES = ("structural", "suggested", "staff")
SPEAKERS = ("bot", "person")
ROLES = ("support_worker", "translator", "staff", "admin")
NEEDS_REVIEW, REVIEWED = "needs_review", "reviewed"
REVIEW_STATES = (NEEDS_REVIEW, REVIEWED)  # Answer.review_status, or None: nothing to look at
ACTIVE, REJECTED = "active", "rejected"
CODING_STATES = (ACTIVE, REJECTED)
NOT_NEEDED, PENDING, DONE, FAILED = "not_needed", "pending", "done", "failed"
TRANSLATION_STATES = (NOT_NEEDED, PENDING, DONE, FAILED)  # Answer.translation_status


# The search index of migration 0007 (bot.staff.filtering searches with it), kept outside the models: on SQLite an
# FTS5 table (with its shadow tables) kept in step with `answers` by triggers, on PostgreSQL two pg_trgm indexes.
# A later migration that copies `answers` on SQLite (Alembic's batch mode) drops the triggers: it must make them again.
SEARCH_TABLES = ("answers_search", "answers_search_data", "answers_search_idx", "answers_search_docsize",
                 "answers_search_config")
SEARCH_INDEXES = ("ix_answers_text_trgm", "ix_answers_text_en_trgm")


def not_search_index(_object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Alembic's include_object: leave the search index (not in the models) out of comparisons."""
    return not ((type_ == "table" and name in SEARCH_TABLES) or (type_ == "index" and name in SEARCH_INDEXES))


def _one_of(column: str, values: tuple[str, ...]) -> str:
    """The SQL of a CHECK that `column` holds one of `values`: "channel IN ('chatbot', 'written')"."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Respondent(Base):
    __tablename__ = "respondents"
    __table_args__ = (
        CheckConstraint(_one_of("channel", CHANNELS), name="ck_respondents_channel"),
        CheckConstraint(
            _one_of("respondent_type", RESPONDENT_TYPES),
            name="ck_respondents_respondent_type",
        ),
    )

    id = Column(String(32), primary_key=True)
    channel = Column(String(16), nullable=False, default="chatbot")
    respondent_type = Column(String(32), nullable=False, default="lived_experience")
    language = Column(String(16), nullable=False)
    nation = Column(String(32))
    assisted = Column(String(32))
    # a partner organisation's id (bot/conversation/partners.py), never about the person
    reached_through = Column(String(48))
    consent_version = Column(String(64), nullable=False)
    created_on = Column(Date, nullable=False, index=True)
    completed = Column(Boolean, nullable=False, default=False)
    withdrawal_hash = Column(String(64), unique=True)
    # written imports: keyed hash of the imported content, so the same response is never imported twice
    source_hash = Column(String(64), unique=True)

    answers = relationship("Answer", cascade="all, delete-orphan", passive_deletes=True)


class Question(Base):
    """A copy of data/questions.yml, kept in step by Store() on start (never deleted: `retired`)."""

    __tablename__ = "questions"

    id = Column(String(64), primary_key=True)
    theme = Column(String(32), nullable=False)
    kind = Column(String(32), nullable=False)
    position = Column(Integer, nullable=False)
    written = Column(Text, nullable=False)
    chat_key = Column(String(128), nullable=False)
    retired = Column(Boolean, nullable=False, default=False)


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("respondent_id", "question_id"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    respondent_id = Column(String(32), ForeignKey("respondents.id", ondelete="CASCADE"), nullable=False, index=True)
    question_id = Column(String(64), ForeignKey("questions.id"), nullable=False, index=True)
    theme = Column(String(32), nullable=False)
    kind = Column(String(32), nullable=False)
    text = Column(Text)  # redacted at the door, in the language it was written in
    choice = Column(String(64))
    language = Column(String(16), nullable=False)  # as chosen by the person
    language_detected = Column(String(16))  # by langdetect / script rules, off the hot path
    text_en = Column(Text)  # English translation of the redacted text, for staff
    translation_status = Column(String(16), nullable=False, default=PENDING)  # one of TRANSLATION_STATES
    translation_provider = Column(String(32))
    translation_attempts = Column(Integer, nullable=False, default=0)
    redacted_count = Column(Integer, nullable=False, default=0)  # placeholders put in at the door
    redacted_types = Column(String(255))  # JSON {"PHONE": 1, "NAME": 2}: types and counts, never values
    created_on = Column(Date, nullable=False)
    # redaction review by staff: NULL = nothing to review; needs_review -> reviewed (never back)
    review_status = Column(String(16), index=True)
    reviewed_by = Column(String(64))
    reviewed_on = Column(Date)
    # quote bank: a person marked this (reviewed) answer as fit to quote in a briefing; only reviewed answers
    # can be, and a new text for the answer clears the mark
    quotable = Column(Boolean, nullable=False, default=False, server_default="0")
    quoted_by = Column(String(64))
    quoted_on = Column(Date)
    # the doubtful words an export holds while the answer waits for review (bot/export/held.py), found by the
    # translation job off the hot path: JSON {"of": digest of the text, "held": [[start, end, kind], ...]} for
    # `text` and for `text_en`; NULL = not found yet. A new text or English sets them back to NULL (below).
    held_text = Column(Text)
    held_en = Column(Text)

    codings = relationship("Coding", cascade="all, delete-orphan", passive_deletes=True)


@event.listens_for(Answer.text, "set")
def _text_changed(target: Answer, value, oldvalue, initiator) -> None:  # noqa: ANN001
    """Held spans found in another text are no longer its own (a store, a review, an import changed it)."""
    if value != oldvalue:
        target.held_text = None


@event.listens_for(Answer.text_en, "set")
def _english_changed(target: Answer, value, oldvalue, initiator) -> None:  # noqa: ANN001
    if value != oldvalue:
        target.held_en = None


class Code(Base):
    """The codebook tree: theme -> kind (from the catalogue) and theme -> topic (data/codebook.yml)."""

    __tablename__ = "codes"
    __table_args__ = (CheckConstraint(_one_of("level", CODE_LEVELS), name="ck_codes_level"),)

    id = Column(String(96), primary_key=True)  # "health", "health.barriers", "health.gp_registration"
    parent_id = Column(String(96), ForeignKey("codes.id"), index=True)
    level = Column(String(16), nullable=False)
    label = Column(String(255), nullable=False)
    description = Column(Text)
    retired = Column(Boolean, nullable=False, default=False)
    created_by = Column(String(64))  # NULL for the codebook's own codes; the staff member who added it


class Coding(Base):
    __tablename__ = "codings"
    __table_args__ = (
        CheckConstraint(_one_of("source", CODING_SOURCES), name="ck_codings_source"),
        Index("ix_codings_answer_code", "answer_id", "code_id"),
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    answer_id = Column(Integer, ForeignKey("answers.id", ondelete="CASCADE"), nullable=False)
    code_id = Column(String(96), ForeignKey("codes.id"), nullable=False, index=True)
    source = Column(String(16), nullable=False)
    coder = Column(String(64), nullable=False)  # "catalogue", "codebook", or the staff member
    span_start = Column(Integer)  # character offsets into answers.text; NULL = the whole answer
    span_end = Column(Integer)
    created_on = Column(Date, nullable=False)
    # a suggestion staff rejected stays as a `rejected` staff coding, so it is never suggested again
    status = Column(String(16), nullable=False, default="active")


class TranscriptMessage(Base):
    """One line of an anonymised transcript: the bot's lines by text key, the person's redacted."""

    __tablename__ = "transcript_messages"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        CheckConstraint(_one_of("speaker", SPEAKERS), name="ck_transcript_messages_speaker"),
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    session_id = Column(String(64), nullable=False)
    respondent_id = Column(String(32), ForeignKey("respondents.id", ondelete="CASCADE"), index=True)
    position = Column(Integer, nullable=False)
    speaker = Column(String(16), nullable=False)
    text = Column(Text)  # redacted
    text_key = Column(String(128))  # a key into translations/<lang>.yml
    language = Column(String(16))
    created_on = Column(Date, nullable=False, index=True)
    # a person's line that is no answer's text is never reviewed: the transcript export holds its doubtful words
    # (bot/export/held.py). Where they are, found by the translation job off the hot path, as Answer.held_text;
    # NULL = not found yet. A new text sets it back to NULL (below).
    held_text = Column(Text)


@event.listens_for(TranscriptMessage.text, "set")
def _line_changed(target: TranscriptMessage, value, oldvalue, initiator) -> None:  # noqa: ANN001
    """Held spans found in another text are no longer the line's own (redact-stored, a review changed it)."""
    if value != oldvalue:
        target.held_text = None


class PausedSession(Base):
    __tablename__ = "paused_sessions"

    code_hash = Column(String(64), primary_key=True)
    state = Column(Text, nullable=False)
    created_on = Column(Date, nullable=False)


class AuditEntry(Base):
    """Who did what, when (date only) and to how many rows. Never a code, an id or a text."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True, autoincrement=True)
    done_on = Column(Date, nullable=False)
    actor = Column(String(64), nullable=False)
    action = Column(String(32), nullable=False)
    row_count = Column(Integer, nullable=False, default=0)
    detail = Column(String(255))


class User(Base):
    """A staff member, support worker or admin of the staff area. Passwords are argon2id hashes."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_one_of("role", ROLES), name="ck_users_role"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    name = Column(String(64), nullable=False, unique=True)
    role = Column(String(16), nullable=False)
    password_hash = Column(String(255), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_on = Column(Date, nullable=False)
    # second factor (bot/staff/second_factor.py): the authenticator key as a Fernet token under a key derived from
    # the server secret; the last time step accepted (a code works once); the date it was confirmed
    totp_secret = Column(String(255))
    totp_last_step = Column(BigInteger)
    second_factor_on = Column(Date)


class UserLanguage(Base):
    """A language a translator may review and record (translations/<language>.yml); admins need none: they see all."""

    __tablename__ = "user_languages"

    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    language = Column(String(16), primary_key=True)


class RecoveryCode(Base):
    """One of a user's ten one-time recovery codes: a keyed hash only; the row is deleted when it is used."""

    __tablename__ = "recovery_codes"

    id = Column(Integer, primary_key=True, autoincrement=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    code_hash = Column(String(64), nullable=False, unique=True)
    created_on = Column(Date, nullable=False)


class WebAuthnCredential(Base):
    """A security key or passkey of a staff member: its id and public key (never a secret), and its counter."""

    __tablename__ = "webauthn_credentials"

    id = Column(Integer, primary_key=True, autoincrement=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    credential_id = Column(String(1400), nullable=False, unique=True)
    public_key = Column(Text, nullable=False)
    sign_count = Column(BigInteger, nullable=False, default=0)
    label = Column(String(64), nullable=False)
    created_on = Column(Date, nullable=False)


class StaffSession(Base):
    """A logged-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "staff_sessions"

    token_hash = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)
    second_factor = Column(Boolean, nullable=False, default=False)  # False: the password only, so far
    enrol_secret = Column(String(255))  # an authenticator key being set up in this session (encrypted)
    webauthn_challenge = Column(String(128))  # the challenge of this session's security-key ceremony, used once


class LoginFailure(Base):
    """Failed logins, for rate limiting across web processes. `key` is a SHA-256 of the name or address."""

    __tablename__ = "login_failures"

    id = Column(Integer, primary_key=True, autoincrement=True)
    key = Column(String(64), nullable=False, index=True)
    failed_at = Column(DateTime, nullable=False, index=True)


class HandoverLink(Base):
    """A hand-over link a logged-in support worker made; they see only their own."""

    __tablename__ = "handover_links"

    id = Column(Integer, primary_key=True, autoincrement=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    token = Column(String(512), nullable=False)
    created_on = Column(Date, nullable=False)
