"""Tables. Only dates are kept, never times; ids are random."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Respondent(Base):
    __tablename__ = "respondents"

    id = Column(String(32), primary_key=True)
    channel = Column(String(16), nullable=False, default="chatbot")
    respondent_type = Column(String(32), nullable=False, default="lived_experience")
    language = Column(String(16), nullable=False)
    nation = Column(String(32))
    assisted = Column(String(32))
    consent_version = Column(String(64), nullable=False)
    created_on = Column(Date, nullable=False)
    completed = Column(Boolean, nullable=False, default=False)
    withdrawal_hash = Column(String(64), unique=True)

    answers = relationship("Answer", cascade="all, delete-orphan", passive_deletes=True)


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("respondent_id", "question_id"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    respondent_id = Column(String(32), ForeignKey("respondents.id", ondelete="CASCADE"), nullable=False, index=True)
    question_id = Column(String(64), nullable=False, index=True)
    theme = Column(String(32), nullable=False)
    kind = Column(String(32), nullable=False)
    text = Column(Text)  # redacted at the door, in the language it was written in
    choice = Column(String(64))
    language = Column(String(16), nullable=False)  # as chosen by the person
    language_detected = Column(String(16))  # by langdetect / script rules, off the hot path
    text_en = Column(Text)  # English translation of the redacted text, for staff
    translation_status = Column(String(16), nullable=False, default="pending")  # not_needed|pending|done|failed
    translation_provider = Column(String(32))
    translation_attempts = Column(Integer, nullable=False, default=0)
    created_on = Column(Date, nullable=False)


class PausedSession(Base):
    __tablename__ = "paused_sessions"

    code_hash = Column(String(64), primary_key=True)
    state = Column(Text, nullable=False)
    created_on = Column(Date, nullable=False)
