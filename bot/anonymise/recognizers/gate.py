"""Round 19: a Presidio pattern skipped when a cheaper regex, which every match of it must contain, finds nothing.

A pattern such as the spelled-out e-mail address is tried at every word of an answer, and almost no answer holds
one. Each of its matches contains a shorter piece (an "at" and a domain ending after it), which a search finds or
rules out at a fraction of the cost. ``gated(pattern, gate)`` compiles both with the recognizer's flags; when the
gate finds nothing in a text the pattern cannot match it either (the gate is a part of every match, compiled with
the same flags), so no match is lost: the results are the same, in the same order. When it finds something the
pattern runs as before, over the whole text.
"""

from __future__ import annotations

import functools
from typing import Callable, Iterator, TypeVar

import regex
from presidio_analyzer import Pattern

# Presidio's PatternRecognizer default (global_regex_flags), with which it compiles every pattern
PRESIDIO_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE


class GatedRegex:
    """A compiled pattern whose finditer first asks the gate (what Presidio's pattern loop calls)."""

    def __init__(self, pattern: str, gate: str, flags: int) -> None:
        self.pattern = regex.compile(pattern, flags)
        self.gate = regex.compile(gate, flags)

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        if self.gate.search(text) is None:
            return iter(())
        return self.pattern.finditer(text)


def gated(name: str, pattern: str, score: float, gate: str, flags: int = PRESIDIO_FLAGS) -> Pattern:
    """A Presidio Pattern compiled ahead, with its gate. (Presidio compiles ``pattern.regex`` afresh only when it is
    called with other flags than the recognizer's: then the plain pattern runs, without the gate.)"""
    made = Pattern(name, pattern, score)
    made.compiled_regex = GatedRegex(pattern, gate, flags)    # type: ignore[assignment]  # (Presidio: None at first)
    made.compiled_with_flags = flags                          # type: ignore[assignment]
    return made


# Round 20: a recognizer skipped when the answer holds fewer decimal digits than any of its results must contain.
# ``\d`` here is the regex module's, as in the patterns: every decimal digit of every script (Unicode Nd: ٣, ۳, ৩,
# ३, ３, 3), so it finds at least what the patterns' ``\d`` and ``[0-9]`` find. (The identifier rules read the
# folded copy, whose digits are ASCII; the Ge'ez and Han numerals, which are no Nd, are read by the rules for
# spelled numbers and dates, which have no gate.)
DIGIT = regex.compile(r"\d")

_Recognizer = TypeVar("_Recognizer", bound=type)


def enough_digits(text: str, least: int) -> bool:
    """Whether ``text`` holds at least ``least`` decimal digits of any script."""
    if least <= 1:
        return DIGIT.search(text) is not None
    return len(DIGIT.findall(text)) >= least


def digit_gated(least: int) -> Callable[[_Recognizer], _Recognizer]:
    """A class decorator: the recognizer's ``analyze`` returns nothing, without running, for a text with fewer than
    ``least`` decimal digits. Only for a recognizer each of whose results contains that many (its patterns' own
    ``\\d``s, or the count its ``validate_value`` asks): then such a text gives no result anyway, and the gate can
    lose none. The plain ``analyze`` stays as ``analyze.__wrapped__`` (the tests compare the two)."""

    def wrap(cls: _Recognizer) -> _Recognizer:
        plain = cls.analyze   # type: ignore[attr-defined]

        @functools.wraps(plain)
        def analyze(self, text: str, *args, **kwargs):
            if not enough_digits(text, least):
                return []
            return plain(self, text, *args, **kwargs)

        cls.analyze = analyze   # type: ignore[attr-defined]
        cls.MIN_DIGITS = least  # type: ignore[attr-defined]
        return cls

    return wrap
