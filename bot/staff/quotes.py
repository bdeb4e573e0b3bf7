"""The quote bank: staff mark a passage as fit to quote in a workshop briefing.

Only an answer whose redaction a person has reviewed (review_status `reviewed`) can be marked; a new text for
the answer clears the mark (bot.store). Listing checks both again, so an answer that is not reviewed is never
quoted, whatever its mark says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.conversation.catalogue import catalogue
from bot.staff import filtering
from bot.staff.coding_ops import CodingError
from bot.staff.findings import CODINGS, nation_key
from bot.staff.review import AnswerGone
from bot.store import staff_queries

NOT_CODED = "(not coded yet)"


def mark(store, answer_id: int, *, actor: str, quotable: bool = True) -> None:
    """Mark (or unmark) an answer as quotable; only a reviewed answer can be marked."""
    outcome = staff_queries.mark_quotable(store, answer_id, actor=actor, quotable=quotable)
    if outcome == staff_queries.GONE:
        raise AnswerGone("This answer is no longer in the dataset (it may have been withdrawn).")
    if outcome == staff_queries.NOT_REVIEWED:
        raise CodingError("Only an answer whose redaction has been reviewed can be quoted. "
                          "Read it, redact anything that could identify someone, mark it reviewed, then quote it.")


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
    # any question of the theme
    rows, codes = staff_queries.quotable_answers(store, filtering.conditions(filters), themes=themes,
                                                 sources=sources)
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
