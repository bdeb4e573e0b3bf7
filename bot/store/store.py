"""The one door to the database. Every text is redacted here before it is written."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, delete, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.anonymise import redact
from bot.catalogue import catalogue
from bot.codes import code_hash, new_code, normalise
from bot.paths import var_dir
from bot.store.models import Answer, Base, PausedSession, Respondent

RESUME = "resume"
WITHDRAW = "withdraw"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{var_dir() / 'imsa.db'}"


def _today() -> dt.date:
    return dt.date.today()


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        kwargs: dict = {"future": True, "pool_pre_ping": True}
        if self.url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30}
            database = make_url(self.url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s, s.begin():
            yield s

    # --- respondents -----------------------------------------------------
    def create_respondent(self, language: str, *, channel: str = "chatbot") -> str:
        rid = secrets.token_hex(16)
        with self.session() as s:
            s.add(
                Respondent(
                    id=rid,
                    channel=channel,
                    language=language,
                    consent_version=catalogue().consent_version,
                    created_on=_today(),
                )
            )
        return rid

    def update_respondent(self, rid: str, **fields: object) -> None:
        allowed = {"language", "nation", "assisted", "completed"}
        if set(fields) - allowed:
            raise ValueError(f"cannot set {set(fields) - allowed}")
        with self.session() as s:
            respondent = s.get(Respondent, rid)
            if respondent is not None:
                for key, value in fields.items():
                    setattr(respondent, key, value)

    def respondent(self, rid: str) -> Respondent | None:
        with self.session() as s:
            return s.get(Respondent, rid)

    def delete_respondent(self, rid: str) -> int:
        """Delete a respondent and every answer at once; returns rows deleted."""
        with self.session() as s:
            answers = s.execute(delete(Answer).where(Answer.respondent_id == rid)).rowcount
            people = s.execute(delete(Respondent).where(Respondent.id == rid)).rowcount
        return answers + people

    def issue_withdrawal_code(self, rid: str) -> str:
        code = new_code()
        with self.session() as s:
            respondent = s.get(Respondent, rid)
            if respondent is None:
                raise KeyError(rid)
            respondent.withdrawal_hash = code_hash(code, WITHDRAW)
        return code

    def withdraw(self, typed_code: str) -> int:
        """Delete everything of the respondent holding this code; 0 when unknown."""
        code = normalise(typed_code)
        if code is None:
            return 0
        with self.session() as s:
            rid = s.execute(
                select(Respondent.id).where(Respondent.withdrawal_hash == code_hash(code, WITHDRAW))
            ).scalar_one_or_none()
        return self.delete_respondent(rid) if rid else 0

    # --- answers ---------------------------------------------------------
    def save_answer(
        self, rid: str, question_id: str, language: str, *, text: str | None = None, choice: str | None = None
    ) -> None:
        """Save (or replace) one answer. Free text is redacted before it is written."""
        question = catalogue().question(question_id)
        clean = redact(text, language).text if text is not None else None
        with self.session() as s:
            existing = s.execute(
                select(Answer).where(Answer.respondent_id == rid, Answer.question_id == question_id)
            ).scalar_one_or_none()
            status = "pending" if clean else "not_needed"
            if existing is None:
                s.add(
                    Answer(
                        respondent_id=rid,
                        question_id=question_id,
                        theme=question.theme,
                        kind=question.kind,
                        text=clean,
                        choice=choice,
                        language=language,
                        translation_status=status,
                        created_on=_today(),
                    )
                )
            else:
                existing.text, existing.choice, existing.language = clean, choice, language
                existing.language_detected = existing.text_en = existing.translation_provider = None
                existing.translation_status, existing.translation_attempts = status, 0

    def answers(self, rid: str) -> list[Answer]:
        with self.session() as s:
            return list(s.execute(select(Answer).where(Answer.respondent_id == rid).order_by(Answer.id)).scalars())

    # --- pause and resume ------------------------------------------------
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


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@lru_cache(maxsize=None)
def get_store(url: str | None = None) -> Store:
    """One Store (and connection pool) per database URL and process."""
    return Store(url or database_url())
