"""The quote bank: staff mark a passage as fit to quote in a workshop briefing.

Only an answer whose redaction a person has reviewed (review_status `reviewed`) can be marked; a new text for
the answer clears the mark (bot.store). Listing checks both again, so an answer that is not reviewed is never
quoted, whatever its mark says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from bot.conversation.catalogue import catalogue
from bot.staff import filtering
from bot.staff.coding_ops import CodingError
from bot.staff.findings import CODINGS, nation_key
from bot.staff.review import AnswerGone
from bot.store import record_audit
from bot.store.models import Answer, Code, Coding, Respondent

NOT_CODED = "(not coded yet)"


def mark(store, answer_id: int, *, actor: str, quotable: bool = True) -> None:
    """Mark (or unmark) an answer as quotable; only a reviewed answer can be marked."""
    with store.session() as s:
        row = s.get(Answer, answer_id)
        if row is None:
            raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
        if quotable and row.review_status != "reviewed":
            raise CodingError("Only an answer whose redaction has been reviewed can be quoted. "
                              "Read it, redact anything that could identify someone, mark it reviewed, then quote it.")
        if bool(row.quotable) == quotable:
            return
        row.quotable = quotable
        row.quoted_by, row.quoted_on = (actor[:64], dt.date.today()) if quotable else (None, None)
        record_audit(s, actor, "quote_mark" if quotable else "quote_unmark", 1)


@dataclass
class Quote:
    answer_id: int  # for staff links only; never printed in a briefing
    theme: str
    kind: str
    question: str
    channel: str
    nation: str
    language: str
    text: str
    text_en: str | None
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code id, label) of its topic codes


def quotes(store, filters: Any = None, *, themes: list[str] | None = None,
           codings: str = "confirmed") -> list[Quote]:
    """Marked, reviewed quotes among the answers matching the filter, in theme and question order."""
    sources = CODINGS[codings]
    where = [Answer.quotable.is_(True), Answer.review_status == "reviewed"]  # any question of the theme
    if themes is not None:
        where.append(Answer.theme.in_(themes))
    with store.session() as s:
        rows = s.execute(
            filtering.answers_query(filters, Answer.id, Answer.theme, Answer.kind, Answer.question_id,
                                    Respondent.channel, Respondent.nation, Answer.language, Answer.text,
                                    Answer.choice, Answer.text_en).where(*where).order_by(Answer.id)
        ).all()
        codes: dict[int, list[tuple[str, str]]] = {}
        if rows:
            for answer_id, code_id, label in s.execute(
                select(Coding.answer_id, Coding.code_id, Code.label).join(Code, Code.id == Coding.code_id).where(
                    Coding.answer_id.in_([r.id for r in rows]), Coding.status == "active",
                    Coding.source.in_(sources), Code.level == "topic").order_by(Code.label)
            ).all():
                if (code_id, label) not in codes.setdefault(answer_id, []):
                    codes[answer_id].append((code_id, label))
    cat = catalogue()
    order = {q.id: n for n, q in enumerate(cat.all_questions())}
    out = []
    for r in sorted(rows, key=lambda r: (order.get(r.question_id, 999), r.id)):
        try:
            wording = cat.question(r.question_id).written
        except KeyError:
            wording = r.question_id
        text = r.text or r.choice or ""
        out.append(Quote(r.id, r.theme, r.kind, wording, r.channel, nation_key(r.nation), r.language, text,
                         r.text_en if r.text_en and r.text_en != text else None, codes.get(r.id, [])))
    return out


def by_code(found: list[Quote]) -> dict[tuple[str, str], list[Quote]]:
    """{(code id, label): quotes}, a quote under each of its codes; uncoded ones under NOT_CODED."""
    out: dict[tuple[str, str], list[Quote]] = {}
    for q in found:
        for key in q.codes or [(NOT_CODED, NOT_CODED)]:
            out.setdefault(key, []).append(q)
    return out
