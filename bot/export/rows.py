"""The filtered dataset, read from one consistent snapshot a page of respondents at a time.

Respondents are numbered 1, 2, 3 ... in the order of their (random) stored ids, among those with at
least one answer that passes the filters; the stored id itself never leaves this module. Only
`active` codings are read (a suggestion staff rejected is left out). The doubtful words of an answer still
waiting for review are held ([NAME?] ...: bot/export/held.py), its coded spans moved with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, NamedTuple

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from bot.conversation import i18n, partners
from bot.conversation.catalogue import catalogue
from bot.export import ExportError, ExportFilter
from bot.export.held import hold_answer, waiting
from bot.store.models import CHANNELS, Answer, Code, Coding, Question, Respondent, TranscriptMessage

PAGE = 200  # respondents per page: at most about 200 x 24 answers in memory at once
NOT_ASSISTED = "none"


class CodingRow(NamedTuple):
    code_id: str
    start: int | None  # offsets into the answer's text; None = the whole answer
    end: int | None
    source: str  # structural | suggested | staff
    coder: str = ""  # "catalogue", "codebook" or a staff member: for this package's own use, never written
    created_on: dt.date | None = None  # written as its month only


@dataclass(slots=True)
class AnswerRow:
    id: int  # for joining inside an export only; never written
    question_id: str
    theme: str
    kind: str
    written: str  # the written questionnaire's wording
    chat_key: str
    text: str | None
    choice: str | None
    language: str
    language_detected: str | None
    text_en: str | None
    translation_status: str
    codings: list[CodingRow] = field(default_factory=list)
    translation_provider: str | None = None
    review_status: str | None = None  # "needs_review": its doubtful words are held (bot/export/held.py)
    held_text: str | None = None  # where, when the translation job found it (Answer.held_text, held_en)
    held_en: str | None = None

    @property
    def english_by(self) -> str:
        """Whose English `text_en` is: "person" (typed by staff), "machine", "original" (written in English), "none"."""
        if self.text_en is None:
            return "none"
        if self.translation_provider == "person":
            return "person"
        return "original" if self.translation_status == "not_needed" else "machine"

    @property
    def code_ids(self) -> list[str]:
        return sorted({c.code_id for c in self.codings})


@dataclass(slots=True)
class RespondentRow:
    number: int  # 1, 2, 3 ... in this export
    channel: str
    respondent_type: str
    language: str
    nation: str | None
    assisted: str | None
    completed: bool
    month: str  # "2026-11": never a finer date
    reached_through: str | None = None  # the partner organisation's name (bot/conversation/partners.py)
    answers: list[AnswerRow] = field(default_factory=list)

    @property
    def chat(self) -> bool:
        return self.channel == "chatbot"


def month(day: dt.date | None) -> str:
    return day.strftime("%Y-%m") if day else ""


@lru_cache(maxsize=None)
def chat_texts_draft(language: str) -> bool | None:
    """True when the chat's texts in this language were all draft translations (None: not a chat language)."""
    if language not in i18n.languages():
        return None
    return i18n.all_draft(language)


class Snapshot:
    """A read-only connection holding one snapshot of the database for the whole export."""

    def __init__(self, store, filters: ExportFilter) -> None:
        self.store = store
        self.filters = filters
        self._connection: Connection | None = None
        self.today = dt.date.today()
        self._questions: dict[str, tuple[int, str, str]] | None = None
        self.held = 0  # words of answers waiting for review written as [NAME?], [NUMBER?], [HANDLE?]

    def __enter__(self) -> "Snapshot":
        connection = self.store.engine.connect()
        try:
            if connection.dialect.name == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
                connection.exec_driver_sql("SET TRANSACTION READ ONLY")
            elif connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN")  # pysqlite would run each SELECT on its own
            self._connection = connection
            self.validate()
        except BaseException:
            connection.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._connection is not None:
            self._connection.rollback()
            self._connection.close()
            self._connection = None

    @property
    def connection(self) -> Connection:
        """The snapshot's connection, open between __enter__ and __exit__."""
        if self._connection is None:
            raise RuntimeError("a Snapshot is read inside `with Snapshot(...)`")
        return self._connection

    # --- filters ---------------------------------------------------------------------------------
    def validate(self) -> None:
        f, c = self.filters, self.connection
        themes = ("profile", *catalogue().theme_ids)
        if f.theme is not None and f.theme not in themes:
            raise ExportError(f"There is no theme {f.theme!r}. Themes: {', '.join(themes)}.")
        if f.question is not None and c.execute(select(Question.id).where(Question.id == f.question)).first() is None:
            raise ExportError(f"There is no question {f.question!r}. Question ids look like health.barriers.")
        if f.channel is not None and f.channel not in CHANNELS:
            raise ExportError(f"There is no channel {f.channel!r}. Channels: {', '.join(CHANNELS)}.")
        if f.language is not None:
            known = set(i18n.languages()) | set(c.execute(select(Answer.language).distinct()).scalars())
            if f.language not in known:
                raise ExportError(f"There is no language {f.language!r}. Languages: {', '.join(sorted(known))}.")
        nations = catalogue().nation_choices
        if f.nation is not None and f.nation not in nations:
            raise ExportError(f"There is no nation {f.nation!r}. Nations: {', '.join(nations)}.")
        if f.code is not None and c.execute(select(Code.id).where(Code.id == f.code)).first() is None:
            raise ExportError(f"There is no code {f.code!r} in the codebook.")

    def respondent_conditions(self) -> list:
        f, conditions = self.filters, []
        if f.channel is not None:
            conditions.append(Respondent.channel == f.channel)
        if f.nation is not None:
            conditions.append(Respondent.nation == f.nation)
        if f.assisted is True:
            conditions.append(and_(Respondent.assisted.is_not(None), Respondent.assisted != NOT_ASSISTED))
        elif f.assisted is False:
            conditions.append(or_(Respondent.assisted.is_(None), Respondent.assisted == NOT_ASSISTED))
        return conditions

    def answer_conditions(self) -> list:
        f, conditions = self.filters, []
        if f.theme is not None:
            conditions.append(Answer.theme == f.theme)
        if f.question is not None:
            conditions.append(Answer.question_id == f.question)
        if f.language is not None:
            conditions.append(Answer.language == f.language)
        if f.code is not None:  # the code or any code under it
            coded = aliased(Coding)  # the codings query below has its own Coding
            conditions.append(
                select(coded.id).where(
                    coded.answer_id == Answer.id, coded.status == "active",
                    or_(coded.code_id == f.code, coded.code_id.startswith(f.code + ".", autoescape=True)),
                ).correlate_except(coded).exists()
            )
        return conditions

    def matching(self) -> list:
        """Conditions on Respondent: it passes the filters and has at least one answer that does."""
        has_answer = select(Answer.id).where(Answer.respondent_id == Respondent.id, *self.answer_conditions()).exists()
        return [*self.respondent_conditions(), has_answer]

    def matching_respondents(self):  # a select of respondent ids
        return select(Respondent.id).where(*self.matching())

    # --- reading ---------------------------------------------------------------------------------
    def count_answers(self) -> int:
        return self.connection.execute(
            select(func.count(Answer.id)).join(Respondent, Respondent.id == Answer.respondent_id)
            .where(*self.respondent_conditions(), *self.answer_conditions())
        ).scalar_one()

    def codebook(self) -> list:
        """Every code (retired ones too: old codings keep their meaning), parents before children."""
        rows = list(self.connection.execute(
            select(Code.id, Code.parent_id, Code.level, Code.label, Code.description, Code.retired).order_by(Code.id)
        ))
        by_parent: dict[str | None, list] = {}
        for row in rows:
            by_parent.setdefault(row.parent_id, []).append(row)
        ordered, stack = [], list(reversed(by_parent.get(None, [])))
        while stack:
            row = stack.pop()
            ordered.append(row)
            stack.extend(reversed(by_parent.get(row.id, [])))
        return ordered

    def respondent_pages(self, *, with_answers: bool = True) -> Iterator[list[RespondentRow]]:
        """The matching respondents, a page at a time, each with its matching answers and their codings."""
        for people in self.pages_by_id(with_answers=with_answers):
            yield list(people.values())

    def pages_by_id(self, *, with_answers: bool = True) -> Iterator[dict[str, RespondentRow]]:
        """As respondent_pages, keyed by the stored id: for this package's own queries, never to be written."""
        c, number, last = self.connection, 0, ""
        while True:
            page = list(c.execute(
                select(Respondent.id, Respondent.channel, Respondent.respondent_type, Respondent.language,
                       Respondent.nation, Respondent.assisted, Respondent.completed, Respondent.created_on,
                       Respondent.reached_through)
                .where(*self.matching(), Respondent.id > last)
                .order_by(Respondent.id).limit(PAGE)
            ))
            if not page:
                return
            last = page[-1].id
            people: dict[str, RespondentRow] = {}
            for row in page:
                number += 1
                people[row.id] = RespondentRow(number, row.channel, row.respondent_type, row.language, row.nation,
                                               row.assisted, bool(row.completed), month(row.created_on),
                                               partners.name(row.reached_through))
            if with_answers:
                self._fill_answers(people)
            yield people

    def _fill_answers(self, people: dict[str, RespondentRow]) -> None:
        c, ids, questions = self.connection, list(people), self.questions()
        answers: dict[int, AnswerRow] = {}
        for (answer_id, rid, question_id, theme, kind, body, choice, language, detected, text_en,
             status, provider, review_status, held_text, held_en) in c.execute(
            select(Answer.id, Answer.respondent_id, Answer.question_id, Answer.theme, Answer.kind, Answer.text,
                   Answer.choice, Answer.language, Answer.language_detected, Answer.text_en, Answer.translation_status,
                   Answer.translation_provider, Answer.review_status, Answer.held_text, Answer.held_en)
            .where(Answer.respondent_id.in_(ids), *self.answer_conditions())
        ):
            _, written, chat_key = questions[question_id]
            answer = AnswerRow(answer_id, question_id, theme, kind, written, chat_key, body, choice, language,
                               detected, text_en, status, translation_provider=provider,
                               review_status=review_status, held_text=held_text, held_en=held_en)
            answers[answer_id] = answer
            people[rid].answers.append(answer)
        for code_id, answer_id, start, end, source, coder, created_on in c.execute(
            select(Coding.code_id, Coding.answer_id, Coding.span_start, Coding.span_end, Coding.source,
                   Coding.coder, Coding.created_on)
            .join(Answer, Answer.id == Coding.answer_id)
            .where(Answer.respondent_id.in_(ids), Coding.status == "active", *self.answer_conditions())
            .order_by(Coding.id)
        ):
            answers[answer_id].codings.append(CodingRow(code_id, start, end, source, coder, created_on))
        for answer in answers.values():  # what nobody has reviewed yet is held, in every format that reads rows
            if waiting(answer.review_status):
                self.held += hold_answer(answer)
        for person in people.values():  # in catalogue order
            person.answers.sort(key=lambda a: (questions[a.question_id][0], a.id))

    def questions(self) -> dict[str, tuple[int, str, str]]:
        """Every question (retired ones too): id -> (position, written wording, chat key)."""
        if self._questions is None:
            self._questions = {qid: (position, written, key) for qid, position, written, key in self.connection.execute(
                select(Question.id, Question.position, Question.written, Question.chat_key))}
        return self._questions

    def staff_coders(self) -> list[str]:
        """Everyone who made or confirmed a staff coding (in the whole dataset, not only the filtered part),
        in the order of their first coding: an export calls them Coder 1, Coder 2 ... and never by name."""
        return list(self.connection.execute(
            select(Coding.coder).where(Coding.source == "staff").group_by(Coding.coder).order_by(func.min(Coding.id))
        ).scalars())

    def unowned(self):  # a condition on TranscriptMessage
        """Transcript lines no answer export numbers: no respondent, or one with no answer kept."""
        answered = select(Answer.id).where(Answer.respondent_id == TranscriptMessage.respondent_id).exists()
        return or_(TranscriptMessage.respondent_id.is_(None), ~answered)

    def count_transcripts(self) -> int:
        """One transcript per chat session and respondent; with no filters, also each chat no answer came from."""
        c = self.connection
        owned = select(TranscriptMessage.session_id, TranscriptMessage.respondent_id).where(
            TranscriptMessage.respondent_id.in_(self.matching_respondents())
        ).group_by(TranscriptMessage.session_id, TranscriptMessage.respondent_id)
        total = c.execute(select(func.count()).select_from(owned.subquery())).scalar_one()
        if self.filters.is_empty():
            total += c.execute(select(func.count(func.distinct(TranscriptMessage.session_id)))
                               .where(self.unowned())).scalar_one()
        return total

    def unowned_session_pages(self) -> Iterator[list]:
        """Lines of chats no answer came from, a page of sessions at a time (session hash, for grouping only)."""
        c, last = self.connection, ""
        while True:
            sessions = list(c.execute(
                select(TranscriptMessage.session_id).where(self.unowned(), TranscriptMessage.session_id > last)
                .group_by(TranscriptMessage.session_id).order_by(TranscriptMessage.session_id).limit(PAGE)
            ).scalars())
            if not sessions:
                return
            last = sessions[-1]
            yield list(c.execute(
                select(TranscriptMessage.session_id, TranscriptMessage.speaker, TranscriptMessage.text,
                       TranscriptMessage.text_key, TranscriptMessage.language, TranscriptMessage.created_on,
                       TranscriptMessage.held_text)
                .where(TranscriptMessage.session_id.in_(sessions), self.unowned())
                .order_by(TranscriptMessage.session_id, TranscriptMessage.position)
            ))
