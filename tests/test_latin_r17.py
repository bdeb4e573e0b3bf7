"""Round 17: English and the Latin-script languages. The UK's villages, suburbs and districts of 500 people or more
(GeoNames) are places, not names; Romanian's possessive after its noun ("șeful nostru", "sora mea") does not hide
the role or kinship word before a name; a quantifier ("more", "less", "enough") before a lower-case name-list word
makes it a noun. A real name beside each of them is still redacted. Sentences invented for these tests, not taken
from the corpus."""

from __future__ import annotations

import pytest

from bot.anonymise.lexicon import get_lexicon
from tests.test_latin_r16 import _check, _rules


# -- the UK's small places (GeoNames, 500 people or more) ----------------------------------------------------------
def test_small_uk_places_are_places_and_listed_names_are_not_among_them() -> None:
    lex = get_lexicon()
    for place in ("harmondsworth", "shirebrook", "edgware", "woolwich", "burngreave"):
        assert lex.is_place(place), place
    assert lex.is_place("london") and lex.is_place("leicester")      # the cities of places.txt.gz are still there
    assert not lex.is_place("ahmed")


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("they kept us in the detention centre at Harmondsworth, Dariusz was there too", ("Harmondsworth",), ("Dariusz",)),
    ("the warehouse job in Shirebrook was twelve hours a day", ("Shirebrook",), ()),
    ("Blessing found me a room in Woolwich near the market", ("Woolwich",), ("Blessing",)),
])
def test_a_small_uk_place_is_no_person(text, kept, gone) -> None:
    _check(text, kept, gone)


# -- Romanian: the possessive after its noun -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "gone"), [
    ("șeful nostru Costel ne lua banii în fiecare vineri", ("Costel",)),
    ("prietena mea Lili m-a ajutat cu formularele", ("Lili",)),
    ("avocatul meu Florin a scris la Home Office", ("Florin",)),
])
def test_a_role_with_its_possessive_after_it_still_names_the_person(text, gone) -> None:
    _check(text, ("Home Office",) if "Home Office" in text else (), gone, "ro")


def test_a_place_after_a_possessive_is_still_a_place() -> None:
    _check("casa noastră din Bacău era mare", ("Bacău",), (), "ro")


# -- quantifiers before a lower-case name-list word ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "i need more sabr, the waiting is long",
    "every month there is less amal in my heart",
    "my mother says i have enough iman for two",
])
def test_a_quantified_lower_case_word_is_a_noun(text) -> None:
    assert _rules(text) == text


def test_a_lower_case_name_after_other_words_is_still_redacted() -> None:
    out = _rules("i went with ahmed to the council and more people came")
    assert "ahmed" not in out, out


# -- the older cue recognizer: a role or kinship word names no one ---------------------------------------------------
@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("Brother, Father, Uncle, back home every older man is family", ("Brother", "Father", "Uncle"), ()),
    ("at the hospital I waited two hours and then asked for Interpreter", ("Interpreter",), ()),
    ("the boss we all called Uncle Dritan took the money", ("Uncle",), ("Dritan",)),
    ("Sister Blessing from the church drove me to the GP", ("Sister",), ("Blessing",)),
])
def test_a_role_word_is_no_name_and_the_name_after_it_still_is(text, kept, gone) -> None:
    _check(text, kept, gone)
