"""What comes in (a person's message as Rasa understood it) and what goes out (the bot's messages)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass
class Incoming:
    """One message from the person, as Rasa understood it."""

    text: str
    intent: str | None = None
    entities: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0

    @property
    def is_button(self) -> bool:
        return self.text.startswith("/")

    @property
    def choice(self) -> str | None:
        value = self.entities.get("choice")
        return str(value) if value is not None else None


@dataclass
class Message:
    """One bot message: its text key (for tests, translation checks and the transcript) and rendered text."""

    key: str
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)

    def as_rasa(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if self.buttons:
            out["buttons"] = self.buttons
        return out


class Option(NamedTuple):
    """One choice a step offers: shown as a button, chosen by tapping it, typing its number or its words."""

    value: str
    label: str
    also: tuple[str, ...] = ()  # other words that choose it: a language's own and English names

    def button(self) -> dict[str, str]:
        return choice_button(self.label, self.value)

    def named_by(self, typed: str) -> bool:
        return any(typed == words.casefold() for words in (self.label, *self.also))


def choice_button(label: str, value: str) -> dict[str, str]:
    return {"title": label, "payload": '/choose{"choice":"%s"}' % value}


def typed_words(incoming: Incoming) -> str:
    """Typed words as compared with a button's label: case and a trailing full stop do not matter."""
    return incoming.text.casefold().strip(" .!")


def pick(incoming: Incoming, options: list[Option]) -> str | None:
    """The option chosen by a tapped button, a typed number (the n-th button) or a typed label."""
    if incoming.is_button:
        return incoming.choice if incoming.choice in {o.value for o in options} else None
    typed = typed_words(incoming)
    if typed.isdigit() and 1 <= int(typed) <= len(options):
        return options[int(typed) - 1].value
    return next((o.value for o in options if o.named_by(typed)), None)


def clean_text(text: str) -> str:
    """Drop control characters and lone surrogates (keeping newlines and tabs); trim."""
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")).strip()
