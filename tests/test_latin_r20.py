"""Round 20: names in English and the Latin-script languages in the hardest positions (no cue, lower case, objects,
names that are words): grammar reserves some slots for people, and a word a given-name list holds that stands in
one is the person. Beside a subject pronoun ("me and X", "X and I"), as the object of a verb done to people ("I rang
X", "went with X"; Romanian "pe X", Portuguese "ligar para a X", Polish "zadzwonić do X"), alone in its sentence and
taken up by "he"/"she" ("X. he is ..."), "X is the one who", before a postposed honorific ("X aunty"). The same words
as words stay. Sentences invented for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.test_latin_r16 import _check


# -- beside a subject pronoun, and in a list with one ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "gone", "language"), [
    ("me and gentian went to the job centre on monday", ("gentian",), "en"),
    ("the landlord shouted at goodness and me", ("goodness",), "en"),
    ("me, mercy, lucky and tom share one kitchen", ("mercy", "lucky", "tom"), "en"),
    ("me and blessing we dey wait for the letter", ("blessing",), "pcm"),
])
def test_names_beside_a_subject_pronoun(text, gone, language) -> None:
    _check(text, (), gone, language)


# -- the object of a verb done to people ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "gone", "language"), [
    ("I rang dorin when the boss took my phone", ("dorin",), "en"),
    ("i texted kwabena at night but he was asleep", ("kwabena",), "en"),
    ("I asked raj to come with me to the office", ("raj",), "en"),
    ("we went with ola to the food bank", ("ola",), "en"),
    ("ieri l-am sunat pe marian de doua ori", ("marian",), "ro"),
    ("liguei para a joana quando fiquei sem casa", ("joana",), "pt"),
])
def test_names_after_a_verb_done_to_people(text, gone, language) -> None:
    _check(text, (), gone, language)


# -- alone in a sentence and taken up by a pronoun; "the one who"; an honorific after it ------------------------------
@pytest.mark.parametrize(("text", "gone", "language"), [
    ("Kwabena. he is the one who drove the van", ("Kwabena",), "en"),
    ("Dolores. ella me llevo al hospital", ("Dolores",), "es"),
    ("Bright is the one who found me a solicitor", ("Bright",), "en"),
    ("Asha is the caseworker who called the police", ("Asha",), "en"),
    ("usha aunty gave me rice when i came", ("usha",), "en"),
    ("sunny gave me his old phone", ("sunny",), "en"),
    ("Vijay never paid us, vijay kept all the money", ("Vijay", "vijay"), "en"),
])
def test_names_where_only_a_person_stands(text, gone, language) -> None:
    _check(text, (), gone, language)


# -- the same words as words ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kept", "language"), [
    ("i stayed with hope for a week in the church", ("hope",), "en"),
    ("I called home every week from the hostel", ("home",), "en"),
    ("Hope is the one thing that kept me going", ("Hope",), "en"),
    ("my aunty gave me food when I was ill", ("aunty",), "en"),
    ("London is the city where I work now", ("London",), "en"),
    ("me and my sister went to the market", ("sister", "market"), "en"),
    ("stai pe masa si asteapta", ("masa",), "ro"),
])
def test_words_in_those_slots_stay(text, kept, language) -> None:
    _check(text, kept, (), language)
