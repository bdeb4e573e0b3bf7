"""Redaction of personal details before any survivor text is written anywhere.

>>> redact("My name is Sarah Okafor, call me on 07700 900123").text
'My name is [NAME], call me on [PHONE]'

Built on Microsoft Presidio (analyzer + anonymizer) with our own recognizers; see
docs/REDACTION.md for how it works, how well it does, and what it misses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TextIO

from .engine import ENTITY_TYPES, get_redactor
from .languages import SUPPORTED_LANGUAGES, normalise_language

__all__ = [
    "ENTITY_TYPES", "SUPPORTED_LANGUAGES", "Entity", "Redaction", "cli_redact", "redact",
]


@dataclass(frozen=True)
class Entity:
    """A redacted span: its type and offsets into the ORIGINAL text (never the value)."""

    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    text: str
    entities: tuple[Entity, ...] = ()


def redact(text: str, language: str = "en", learned: bool = True) -> Redaction:
    """Replace personal details in ``text`` with typed placeholders such as [NAME].
    ``learned=False``: the rules alone, without the learned tagger (for measuring what each adds)."""
    if not text or text.isspace():
        return Redaction(text=text, entities=())
    redactor = get_redactor()
    results = redactor.analyze(text, normalise_language(language), learned)
    redacted = redactor.anonymize(text, results)
    return Redaction(
        text=redacted,
        entities=tuple(Entity(r.entity_type, r.start, r.end) for r in results),
    )


def cli_redact(stdin: TextIO, stdout: TextIO, as_json: bool) -> int:
    """``imsa-voices redact [--json]``: redact all of stdin to stdout; exit code returned.

    On failure nothing of the input is written anywhere and 1 is returned.
    """
    try:
        result = redact(stdin.read())
    except Exception:  # never echo input in a traceback
        return 1
    if as_json:
        payload = {
            "text": result.text,
            "entities": [{"type": e.type, "start": e.start, "end": e.end} for e in result.entities],
        }
        stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        stdout.write(result.text)
    stdout.flush()
    return 0
