"""The consultation's themes and questions, read from data/questions.yml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.paths import QUESTIONS_FILE, load_yaml

KINDS = ("barriers", "solutions", "good_practice", "uk_variation", "reflection")


@dataclass(frozen=True)
class Question:
    id: str
    theme: str
    kind: str
    written: str
    chat_key: str


@dataclass(frozen=True)
class Theme:
    id: str
    number: int
    name: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Catalogue:
    version: int
    consent_version: str
    themes: tuple[Theme, ...]
    profile: Question
    nation_choices: tuple[str, ...]

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def question(self, question_id: str) -> Question:
        if question_id == self.profile.id:
            return self.profile
        for theme in self.themes:
            for question in theme.questions:
                if question.id == question_id:
                    return question
        raise KeyError(question_id)

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def questions_for(self, theme_ids: list[str] | tuple[str, ...]) -> list[Question]:
        """The questions of the chosen themes, in catalogue order."""
        chosen = set(theme_ids)
        return [q for t in self.themes if t.id in chosen for q in t.questions]

    def all_questions(self) -> list[Question]:
        return [self.profile, *self.questions_for(self.theme_ids)]


class CatalogueError(ValueError):
    """data/questions.yml breaks one of its rules."""


def load(path: Path = QUESTIONS_FILE) -> Catalogue:
    raw = load_yaml(path)
    themes = []
    seen: set[str] = set()
    for number, t in enumerate(raw["themes"], start=1):
        if t["number"] != number:
            raise CatalogueError(f"theme {t['id']} has number {t['number']}, expected {number}")
        questions = []
        for q in t["questions"]:
            question = Question(q["id"], t["id"], q["kind"], " ".join(q["written"].split()), q["chat_key"])
            _check(question, seen)
            questions.append(question)
        themes.append(Theme(t["id"], number, t["name"], tuple(questions)))
    p = raw["profile"]
    profile = Question(p["id"], "profile", p["kind"], " ".join(p["written"].split()), p["chat_key"])
    _check(profile, seen)
    return Catalogue(raw["version"], raw["consent_version"], tuple(themes), profile, tuple(p["choices"]))


def _check(question: Question, seen: set[str]) -> None:
    if question.kind not in KINDS:
        raise CatalogueError(f"{question.id}: unknown kind {question.kind!r}")
    if question.id in seen:
        raise CatalogueError(f"{question.id}: id used twice")
    if not question.id.startswith(question.theme + ".") and question.theme != "profile":
        raise CatalogueError(f"{question.id}: id must start with its theme {question.theme!r}")
    seen.add(question.id)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The catalogue, read once per process."""
    return load()
