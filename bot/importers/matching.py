"""Finding the catalogue question a written heading, row or column means."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from bot.conversation.catalogue import Catalogue, catalogue

NUMBERING = re.compile(
    r"^\s*(?:(?:q(?:uestion)?|section|part)\s*)?"  # "Q3", "Question 3", "Section 1.2"
    r"(?:\d+(?:[.\-]\d+)*|\(?[a-z]\)|[a-z][.)]|[ivx]+[.)])"  # 3  1.2  (a)  a)  a.  iv)
    r"\s*[.):\-–]?\s+",
    re.IGNORECASE,
)
REQUIRED = re.compile(r"\((?:required|optional)\)|\*+\s*$", re.IGNORECASE)
NOT_WORD = re.compile(r"[^\w]+")
LEADING_NUMBER = re.compile(r"^(?:(?:q|question|section|part)\s*)?\d+(?:\s\d+)*\s+")  # "1.What" -> "1 what"

# Fields about the response itself (not answers), in templates and survey exports.
META_FIELDS = {
    "respondent_type": ("respondent type", "type of respondent", "about respondent type", "respondent_type"),
    "nation": ("uk nation", "uk nations", "nation", "nations", "about nation", "uk nations you work in"),
    "language": ("language", "about language", "language of the response"),
}
RESPONDENT_TYPES = {
    "organisation": "organisation", "organization": "organisation", "professional": "professional",
    "lived experience": "lived_experience", "lived_experience": "lived_experience", "survivor": "lived_experience",
}


def normalise(text: str) -> str:
    """Lower case, no numbering, punctuation or extra spaces: how headings are compared."""
    text = REQUIRED.sub(" ", str(text))
    previous = None
    while previous != text:  # "Section 2. Q3)" loses both
        previous, text = text, NUMBERING.sub("", text, count=1)
    key = " ".join(NOT_WORD.sub(" ", text.casefold().replace("_", " ")).split())
    return LEADING_NUMBER.sub("", key)


@dataclass(frozen=True)
class Match:
    question_id: str | None = None
    meta: str | None = None  # a META_FIELDS key


class QuestionMatcher:
    """Maps question wording (as written, or tolerably close) and question ids to question ids."""

    def __init__(self, cat: Catalogue | None = None, fuzzy: float = 0.93, margin: float = 0.04) -> None:
        cat = cat or catalogue()
        self.fuzzy, self.margin = fuzzy, margin
        self.by_text: dict[str, str] = {}
        for q in [*cat.questions_for(cat.theme_ids), cat.profile]:
            self.by_text[normalise(q.written)] = q.id
            self.by_text[normalise(q.id)] = q.id
        self.meta = {normalise(alias): key for key, aliases in META_FIELDS.items() for alias in aliases}

    def match(self, text: str) -> Match:
        key = normalise(text)
        if not key:
            return Match()
        if key in self.meta:
            return Match(meta=self.meta[key])
        if key in self.by_text:
            return Match(question_id=self.by_text[key])
        if len(key) >= 30:  # small edits: a typo, American spelling, a changed word
            # Questions of different themes differ by a few words (criminal/civil ~0.90 alike), so the
            # best must be very close AND clearly better than the runner-up.
            scores = sorted(
                ((difflib.SequenceMatcher(None, key, wording, autojunk=False).ratio(), qid)
                 for wording, qid in self.by_text.items() if 0.8 <= len(key) / max(1, len(wording)) <= 1.25),
                reverse=True,
            )
            runner_up = next((score for score, qid in scores[1:] if qid != scores[0][1]), 0.0) if scores else 0.0
            if scores and scores[0][0] >= self.fuzzy and scores[0][0] - runner_up >= self.margin:
                return Match(question_id=scores[0][1])
        return Match()
