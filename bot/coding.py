"""Coding answers: structural codes from the catalogue, suggested topic codes from data/codebook.yml.

>>> [s.code_id for s in suggest("health", "I could not register with a GP and had no interpreter.")]
['health.gp_registration', 'health.interpreters']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.conversation.catalogue import KINDS, Catalogue, Question, catalogue
from bot.paths import DATA, load_yaml

CODEBOOK_FILE = DATA / "codebook.yml"
PROFILE_THEME = "profile"
KIND_LABELS = {
    "barriers": "Barriers and challenges",
    "solutions": "Possible solutions",
    "good_practice": "Good practice",
    "uk_variation": "Variation across the UK",
    "reflection": "Reflections",
}
# A placeholder put in by redaction, e.g. [PHONE]: never a keyword match.
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*\]")
TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class CodebookError(ValueError):
    """data/codebook.yml breaks one of its rules."""


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    keywords: tuple[str, ...]
    pattern: re.Pattern


@dataclass(frozen=True)
class CodeDef:
    """One node of the code tree, as stored in the `codes` table."""

    id: str
    parent_id: str | None
    level: str  # theme | kind | topic
    label: str
    description: str | None = None
    retired: bool = False


@dataclass(frozen=True)
class Suggestion:
    code_id: str
    start: int  # offsets of the first match in the text the suggestion came from
    end: int


@dataclass(frozen=True)
class Codebook:
    version: int
    topics: dict[str, Topic]
    themes: dict[str, tuple[str, ...]]  # theme id -> topic ids
    retired: tuple[str, ...]

    @property
    def coder(self) -> str:
        return f"codebook-v{self.version}"

    def tree(self, cat: Catalogue | None = None) -> list[CodeDef]:
        """Every code: themes, then each theme's kinds and topics (parents always before children)."""
        cat = cat or catalogue()
        themes = [(PROFILE_THEME, "About the respondent", [cat.profile])]
        themes += [(t.id, t.name, list(t.questions)) for t in cat.themes]
        codes: list[CodeDef] = []
        for theme_id, name, questions in themes:
            codes.append(CodeDef(theme_id, None, "theme", name))
            for kind in dict.fromkeys(q.kind for q in questions):
                codes.append(CodeDef(kind_code(theme_id, kind), theme_id, "kind", KIND_LABELS[kind]))
            for topic_id in self.themes.get(theme_id, ()):
                topic = self.topics[topic_id]
                codes.append(CodeDef(f"{theme_id}.{topic_id}", theme_id, "topic", topic.label,
                                     "suggested by: " + ", ".join(topic.keywords)))
            for topic_id in self.retired:
                codes.append(CodeDef(f"{theme_id}.{topic_id}", theme_id, "topic", topic_id, None, retired=True))
        return codes


def kind_code(theme_id: str, kind: str) -> str:
    return f"{theme_id}.{kind}"


def structural(question: Question) -> list[str]:
    """The theme and kind codes every answer to this question gets."""
    return [question.theme, kind_code(question.theme, question.kind)]


def keyword_pattern(keywords: list[str] | tuple[str, ...]) -> re.Pattern:
    """One regex for a topic's keywords (see the rules at the top of data/codebook.yml)."""
    parts = []
    for keyword in keywords:
        word = keyword.strip()
        # a word ending in * matches any ending: "register* with a GP" matches "registering with a GP"
        words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in word.split()]
        body = r"[\s\-]+".join(words)
        # \b only where the keyword's edge is a word character ("999" yes, "re-traffick*" yes, "£49" no)
        left = r"\b" if re.match(r"\w", word) else ""
        right = "" if word.endswith("*") else (r"\b" if re.search(r"\w$", word) else "")
        parts.append(left + body + right)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def load(path: Path = CODEBOOK_FILE, cat: Catalogue | None = None) -> Codebook:
    raw = load_yaml(path)
    cat = cat or catalogue()
    topics = {}
    for topic_id, spec in raw["topics"].items():
        if not TOPIC_ID.match(topic_id) or topic_id in KINDS:
            raise CodebookError(f"topic id {topic_id!r} must be lower_snake_case and not a kind name")
        keywords = tuple(str(k) for k in spec["keywords"])
        if not keywords:
            raise CodebookError(f"topic {topic_id!r} has no keywords")
        topics[topic_id] = Topic(topic_id, spec["label"], keywords, keyword_pattern(keywords))
    known_themes = {PROFILE_THEME, *cat.theme_ids}
    themes = {}
    for theme_id, topic_ids in raw["themes"].items():
        if theme_id not in known_themes:
            raise CodebookError(f"theme {theme_id!r} is not in data/questions.yml")
        missing = [t for t in topic_ids if t not in topics]
        if missing:
            raise CodebookError(f"theme {theme_id!r} lists undefined topics {missing}")
        themes[theme_id] = tuple(dict.fromkeys(topic_ids))
    retired = tuple(raw.get("retired") or ())
    if set(retired) & set(topics):
        raise CodebookError(f"topics both defined and retired: {sorted(set(retired) & set(topics))}")
    return Codebook(int(raw["version"]), topics, themes, retired)


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    """The codebook, read once per process."""
    return load()


def suggest(theme_id: str, text: str | None, book: Codebook | None = None) -> list[Suggestion]:
    """Topic codes whose keywords occur in `text` (redacted text: placeholders never match)."""
    if not text:
        return []
    book = book or codebook()
    masked = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for topic_id in book.themes.get(theme_id, ()):
        match = book.topics[topic_id].pattern.search(masked)
        if match:
            found.append(Suggestion(f"{theme_id}.{topic_id}", match.start(), match.end()))
    return found
