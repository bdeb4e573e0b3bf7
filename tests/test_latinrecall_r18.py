"""Round 18: recall of people's names in English and the Latin-script languages where grammar, not the word, says
"person". A given name that is also a town of the world's list (Zubair, Karolina, Ngozi, Rashid, Selam) is the
person where a town cannot stand: told, met or arrested, given or explained to, before "who", said to be a name,
the subject of an auxiliary and a verb people do, thanked for something, addressed before "if you". "call him X"
names X. In answers typed in lower case: the one told or asked, a word name opening the sentence before "from the
..." or before a verb people do, a listed name after a preposition that takes people ("about", "without"). Beside
each, the place or the everyday word in the same frame is kept. Sentences invented for these tests, not taken
from the corpus."""

from __future__ import annotations

import pytest

from tests.test_latin_r16 import _check, _rules


# -- a given name that is also a town, where a town cannot stand -----------------------------------------------------
@pytest.mark.parametrize(("text", "gone"), [
    ("yesterday I told Zubair about the new letter", ("Zubair",)),
    ("the officers arrested Karolina's boss in March", ("Karolina",)),
    ("my support worker phoned Rashid twice but nobody answered", ("Rashid",)),
    ("I handed the keys to Selam before I left the house", ("Selam",)),
    ("please explain the form to Ngozi because her English is new", ("Ngozi",)),
    ("Rashid was the one who drove the van every morning", ("Rashid",)),
    ("Zubair has my bank card and he will not give it back", ("Zubair",)),
    ("Ngozi doesnt speak any English yet", ("Ngozi",)),
    ("Selam was not her real name, she told me later", ("Selam",)),
])
def test_a_name_that_is_also_a_town_stands_where_only_a_person_can(text, gone) -> None:
    _check(text, (), gone)


@pytest.mark.parametrize(("text", "kept"), [
    ("we moved from Karolina to Manchester in the winter", ("Karolina",)),   # where a town stands: from, in
    ("my cousin lives in Zubair and works at the port", ("Zubair",)),
    ("I love Rashid, the town by the sea", ("Rashid",)),                     # "love" alone stays weak
])
def test_the_same_words_as_towns_are_not_taken_for_people(text, kept) -> None:
    _check(text, kept, ())


# -- spoken to, thanked, named by "call him" -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "gone"), [
    ("God bless you Zubair for the food you brought", ("Zubair",)),
    ("Karolina if you ever read this, I am safe now", ("Karolina",)),
    ("Ngozi, I hope you know how much you helped", ("Ngozi",)),
    ("at the farm they call him Rashid but it is not his name", ("Rashid",)),
])
def test_the_one_addressed_thanked_or_called(text, gone) -> None:
    _check(text, (), gone)


def test_call_him_with_no_name_after_it_keeps_the_words() -> None:
    assert _rules("I call him every day and he never answers") == "I call him every day and he never answers"


# -- answers typed in lower case -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "gone"), [
    ("i told lucy everything about the house", ("lucy",)),
    ("can you ask kelly to send the letter again", ("kelly",)),
    ("emma from the refugee council rang me on monday", ("emma",)),
    ("kelly from the housing team said two more weeks", ("kelly",)),
    ("patel never called me back after the interview", ("patel",)),
    ("blessing helped me carry the bags to the bus", ("blessing",)),
    ("thanks so much lucy for the warm coat", ("lucy",)),
    ("the police asked me about gjergj again and again", ("gjergj",)),
    ("without rukhsana i would still be in that flat", ("rukhsana",)),
])
def test_a_lower_case_name_where_grammar_puts_a_person(text, gone) -> None:
    out = _rules(text)
    for word in gone:
        assert word not in out.split() and word not in out.replace(",", " ").split(), out


@pytest.mark.parametrize("text", [
    "hope helped me a lot in the first months",          # a thing helps too: hope is as common a word as that
    "i told the truth to the officer",
    "help from the council came too late",
    "i went out without money and without food",
])
def test_everyday_words_in_the_same_frames_are_kept(text) -> None:
    assert _rules(text) == text
