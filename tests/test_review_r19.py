"""Round 19: the review queue's doubts (bot.anonymise.uncertain) in scripts without capitals, and no doubt on a
capitalised word the rules' safe lists know and no name list has. Redaction itself is unchanged: only doubts.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.uncertain import CAPITALISED, POSSIBLE_NAME, doubts


def _doubted(text: str, language: str, kind: str | None = None) -> list[str]:
    return [text[d.start:d.end] for d in doubts(text, language, learned=False) if kind is None or d.kind == kind]


@pytest.mark.parametrize(("text", "language", "word"), [
    # a name that is also an everyday word, opening the sentence: "Salam (peace), my neighbour from Syria"
    ("سلام جارتي من سوريا", "ar", "سلام"),
    # Tigrinya: "Selam is my classmate"; ሰላም is peace too (round 20: not "my sister", ሓብተይ, which the rules now know
    # as ሓፍተይ's other spelling, and so redact the name before it)
    ("ሰላም መማህርተይ እያ", "ti", "ሰላም"),
])
def test_an_opening_name_word_of_a_caseless_script_is_a_doubt(text: str, language: str, word: str) -> None:
    assert redact(text, language, learned=False).text == text   # the rules keep it: redaction is unchanged
    assert word in _doubted(text, language, POSSIBLE_NAME)


def test_an_opening_word_no_list_knows_in_geez_is_left_to_the_tagger() -> None:
    # an invented given name no list has, then "came from school": with no frequency list for Tigrinya nearly every
    # word is unknown, so the rules add no doubt here (the tagger's P(name) may)
    text = "ፊቨን ካብ ቤት ትምህርቲ መጺኣ"
    assert "ፊቨን" not in _doubted(text, "ti", POSSIBLE_NAME)


def test_the_same_word_inside_a_caseless_sentence_is_no_new_doubt() -> None:
    # "peace" in the middle of a sentence: where a script has capitals a lower-case word there is no doubt either
    text = "نحن نريد السلام والأمان"
    assert "السلام" not in _doubted(text, "ar")


def test_an_everyday_opening_word_of_a_caseless_script_is_no_doubt() -> None:
    text = "الشرطة ساعدتني في المكتب"     # "the police helped me at the office"
    assert _doubted(text, "ar") == []


@pytest.mark.parametrize(("text", "word"), [
    ("I did my shopping at Lidl every week", "Lidl"),       # a shop of the organisation list
    ("we had coffee at Greggs near the station", "Greggs"),
    ("my cousin lives in Wisbech now", "Wisbech"),            # a town of the UK list
])
def test_a_capitalised_safe_word_no_name_list_has_is_no_doubt(text: str, word: str) -> None:
    assert word not in _doubted(text, "en")


def test_a_capitalised_word_a_name_list_has_stays_a_doubt() -> None:
    # a given name no cue marks, mid-sentence: the capitalised-word doubt as before
    assert "Arben" in _doubted("I met Arben at the station", "en", CAPITALISED)


def test_doubts_without_the_tagger_leave_its_words_out() -> None:
    text = "I met Arben at the station, ring 5566 7788 99."
    assert [d.kind for d in doubts(text, "en", learned=False)] == ["capitalised word", "long number"]
