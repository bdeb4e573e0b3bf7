"""The dashboard's figures: who answered what, where people stop, what waits for staff.

Every figure is over the answers that match the filter (bot.staff.filtering) and the respondents those
answers belong to, so the dashboard and the filtered export count the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot import coding
from bot.conversation import partners
from bot.conversation.catalogue import catalogue
from bot.staff import filtering
from bot.store import staff_queries

NOT_GIVEN = "not given"  # the key of a group with no value (a nation nobody chose)
CHANNEL_LABELS = {"chatbot": "Chatbot", "written": "Written", "workshop": "Workshop"}
NATION_LABELS = {
    "england": "England", "scotland": "Scotland", "wales": "Wales", "northern_ireland": "Northern Ireland",
    "more_than_one": "More than one nation", "prefer_not_to_say": "Preferred not to say", NOT_GIVEN: "Not given",
}


@dataclass(frozen=True)
class Row:
    """One bar of a chart: a group's key, its label, respondents and answers."""

    key: str
    label: str
    respondents: int
    answers: int


@dataclass(frozen=True)
class QuestionRow:
    """Completion and drop-off at one question."""

    question_id: str
    label: str
    answered: int  # answers to this question
    stopped: int  # respondents who did not complete and whose last answer was this one

    @property
    def stopped_share(self) -> float:
        return self.stopped / self.answered if self.answered else 0.0


@dataclass
class Dashboard:
    respondents: int = 0
    answers: int = 0
    completed: int = 0  # respondents who reached the end
    awaiting_translation: int = 0  # answers with text whose English is pending
    translation_failed: int = 0
    awaiting_review: int = 0  # answers waiting for a person to check their redaction
    by_theme: list[Row] = field(default_factory=list)
    by_language: list[Row] = field(default_factory=list)
    by_channel: list[Row] = field(default_factory=list)
    by_nation: list[Row] = field(default_factory=list)
    by_partner: list[Row] = field(default_factory=list)  # "reached through" a partner organisation
    by_question: list[QuestionRow] = field(default_factory=list)

    @property
    def not_completed(self) -> int:
        return self.respondents - self.completed


def theme_labels() -> dict[str, str]:
    cat = catalogue()
    labels = {coding.PROFILE_THEME: "About the respondent"}
    labels.update({t.id: f"{t.number}. {t.name}" for t in cat.themes})
    return labels


def question_labels() -> dict[str, str]:
    """Each question's wording as the written questionnaire asks it (what staff read, not the id)."""
    return {q.id: " ".join(q.written.split()) for q in catalogue().all_questions()}


def language_labels() -> dict[str, str]:
    from bot.conversation import i18n

    return {code: f"{lang.name} ({code})" for code, lang in i18n.languages().items()}


def dashboard(store, filters: Any = None) -> Dashboard:
    """Every figure of the dashboard for the answers matching `filters` (None: all answers)."""
    counts = staff_queries.dashboard_counts(store, filtering.conditions(filters))
    out = Dashboard(counts.respondents, counts.answers, counts.completed, counts.awaiting_translation,
                    counts.translation_failed, counts.awaiting_review)

    def grouped(name: str, labels: dict[str, str], order: list[str] | None = None) -> list[Row]:
        found = {(key if key is not None else NOT_GIVEN): (r, a) for key, r, a in counts.groups[name]}
        keys = [k for k in (order or []) if k in found] + sorted(k for k in found if k not in (order or []))
        return [Row(k, labels[k] if k in labels else k, *found[k]) for k in keys]

    themes = theme_labels()
    out.by_theme = grouped("theme", themes, list(themes))
    out.by_language = grouped("language", language_labels())
    out.by_channel = grouped("channel", CHANNEL_LABELS, list(CHANNEL_LABELS))
    out.by_nation = grouped("nation", NATION_LABELS, list(NATION_LABELS))
    organisations = partners.partners()
    out.by_partner = grouped("partner", {**organisations, NOT_GIVEN: "Not through a partner"}, list(organisations))
    answered, stopped = counts.answered, counts.stopped
    order = [question.id for question in catalogue().all_questions()]
    ids = [i for i in order if i in answered] + sorted(i for i in answered if i not in order)
    labels = question_labels()
    out.by_question = [QuestionRow(i, labels[i] if i in labels else i, answered[i], stopped.get(i, 0)) for i in ids]
    return out
