"""Round 16: how sure the tagger must be depends on what the word's shape says (tagger.shape_sure).

Cross-validation over the spent parts (docs/REDACTION.md, round 16) found the tagger's P(name) worth least where the
shape says little: a capital opening a sentence ("Patience, they told me"), a lower-case word of a script with
capitals, a word in Ge'ez script (whose given names are everyday words: ሰላም, peace). There it redacts from a higher
P; below that, from DOUBT, the word goes to the review queue as before. Elsewhere SURE holds."""

from __future__ import annotations

import pytest

from bot.anonymise import redact, tagger
from bot.anonymise.uncertain import POSSIBLE_NAME, doubts


class Sure:
    """A tagger that gives every word the same P(name)."""

    def __init__(self, p: float) -> None:
        self.p = p

    def probabilities(self, xseq):
        return [self.p] * len(xseq)


@pytest.fixture
def believes(monkeypatch):
    def set_p(p: float) -> None:
        monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(p))
        tagger._last.entry = None
    yield set_p
    tagger._last.entry = None


def doubted(text: str, language: str) -> set[str]:
    return {text[d.start:d.end] for d in doubts(text, language) if d.kind == POSSIBLE_NAME}


def test_the_thresholds_rise_where_the_shape_says_little() -> None:
    assert tagger.SURE < tagger.LOWER_SURE < tagger.GEEZ_SURE < tagger.OPENING_SURE < tagger.PLACE_SURE
    assert tagger.DOUBT < tagger.SURE


def test_a_capital_opening_a_sentence_is_held_to_review_below_opening_sure(believes) -> None:
    text = "Patience, they told me. Patience!"
    assert redact(text, "en", learned=False).text == text
    believes((tagger.LOWER_SURE + tagger.OPENING_SURE) / 2)
    out = redact(text, "en").text
    assert out.count("Patience") == 2                     # kept, both openings ...
    assert "Patience" in doubted(text, "en")              # ... and marked for review
    assert "told" not in out                              # a lower-case word at the same P is redacted
    believes(tagger.OPENING_SURE + 0.05)
    assert "Patience" not in redact(text, "en").text


def test_a_capital_inside_a_sentence_keeps_the_ordinary_threshold(believes) -> None:
    # Sunny opens the answer, Bright stands after "with": at a P between SURE and OPENING_SURE the name inside the
    # sentence is redacted (by the rules already), the opening word is kept and marked
    text = "Sunny today, so I walked with Bright to the shop"
    believes((tagger.SURE + tagger.LOWER_SURE) / 2)
    out = redact(text, "en").text
    assert out.startswith("Sunny today") and "Bright" not in out
    assert "Sunny" in doubted(text, "en")


def test_a_lower_case_word_needs_lower_sure(believes) -> None:
    text = "yesterday people helped me"
    believes((tagger.SURE + tagger.LOWER_SURE) / 2)       # what round 15 redacted
    assert redact(text, "en").text == text
    assert "people" in doubted(text, "en")
    believes(tagger.LOWER_SURE + 0.05)
    assert "people" not in redact(text, "en").text


def test_a_geez_word_needs_geez_sure_and_other_scripts_without_capitals_do_not(believes) -> None:
    peace = "ሰላም ንኹሉ ይኹን።"        # peace be with everyone: ሰላም is Selam too
    believes((tagger.SURE + tagger.GEEZ_SURE) / 2)
    assert redact(peace, "ti").text == peace
    assert "ሰላም" in doubted(peace, "ti")
    kurdish = "هات کاروان و پارەکەی برد"    # Karwan came and took the money: a verb first, then the name
    assert "کاروان" not in redact(kurdish, "ckb").text
    believes(tagger.GEEZ_SURE + 0.05)
    assert "ሰላም" not in redact(peace, "ti").text
