"""Round 18: precision in English and the Latin-script languages. Lithuanian places in their case (Kaune, iš
Lietuvos, Vilniuje) are places; an English town named "X upon Y" is no person; an office used bare with a capital
("Pastor said", "Sheikh at the mosque", "the Detective Constable said") is the office; "the Virgin Mary" is a figure
of faith. A real name beside each of them is still redacted. Sentences invented for these tests, not taken from the
corpus."""

from __future__ import annotations

import pytest

from bot.anonymise.lexicon import get_lexicon
from bot.anonymise.recognizers.people import _lithuanian_place_case
from tests.test_latin_r16 import _check


# -- Lithuanian places in their case ---------------------------------------------------------------------------------
def test_lithuanian_cases_rebuild_their_nominative() -> None:
    lex = get_lexicon()
    for form in ("kaune", "kauno", "vilniuje", "lietuvos", "klaipėdoje", "anglijoje"):
        assert _lithuanian_place_case(form, lex), form
    # given names in their cases rebuild to no place, and an English word is no Lithuanian case
    for form in ("jono", "dariaus", "rasos", "grace", "rose"):
        assert not _lithuanian_place_case(form, lex), form


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("Mindaugas mus atvežė iš Kauno, o paskui dirbome Anglijoje be algos", ("Kauno", "Anglijoje"), ("Mindaugas",)),
    ("Audrius Petrauskas mane susirado Vilniuje per skelbimą", ("Vilniuje",), ("Audrius Petrauskas",)),
    ("Žmonės iš Lietuvos bendruomenės man padėjo su dokumentais", ("Lietuvos",), ()),
])
def test_a_lithuanian_place_in_its_case_is_no_person(text, kept, gone) -> None:
    _check(text, kept, gone)


# -- English towns named "X upon Y" -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("Kingston upon Thames is where the Home Office interview was", ("Kingston upon Thames",), ()),
    ("Preston drove us to Newcastle upon Tyne and then to Kingston upon Hull", ("Kingston upon Hull",), ("Preston",)),
])
def test_a_town_upon_its_river_is_no_person(text, kept, gone) -> None:
    _check(text, kept, gone)


def test_a_name_before_upon_and_a_lower_case_word_is_still_a_name() -> None:
    _check("Kingston upon hearing the police ran out of the house", (), ("Kingston",))


# -- offices used bare -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kept"), [
    ("Pastor told us to pray and be patient", ("Pastor",)),
    ("Sheikh at the mosque found us blankets", ("Sheikh",)),
    ("Mullah at the mosque said wait for the letter", ("Mullah",)),
    ("the boss we called Chairman kept every passport", ("Chairman",)),
    ("The Detective Constable promised to ring me on Friday.", ("Constable",)),
])
def test_an_office_used_bare_is_no_person(text, kept) -> None:
    _check(text, kept, ())


@pytest.mark.parametrize(("text", "gone"), [
    ("Pastor Emmanuel told us to pray and be patient", ("Emmanuel",)),
    ("we spoke to Imam Bilal after Friday prayers", ("Bilal",)),
    ("Detective Constable Okonjo wrote down everything", ("Okonjo",)),
    ("Constable Reid came to the hotel twice", ("Reid",)),
])
def test_the_name_after_an_office_is_still_redacted(text, gone) -> None:
    _check(text, (), gone)


# -- figures of faith --------------------------------------------------------------------------------------------------
def test_the_virgin_mary_is_a_figure_of_faith_and_mary_alone_is_a_person() -> None:
    _check("a statue of the Virgin Mary stands in the hostel garden", ("Mary",), ())
    _check("Mary from the church gave me a coat", (), ("Mary",))


# -- a town of the gazetteer after a preposition that says only where --------------------------------------------------
@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("we were housed in Washington near Sunderland for a year", ("Washington",), ()),
    ("Faisal found me a room in Preston near the station", ("Preston",), ("Faisal",)),
])
def test_a_town_after_in_or_near_is_a_place(text, kept, gone) -> None:
    _check(text, kept, gone)


def test_a_name_after_with_is_still_a_person() -> None:
    _check("I stayed with Nelson for two weeks in Leeds", ("Leeds",), ("Nelson",))


def test_madam_used_bare_is_the_title_and_the_name_after_it_goes() -> None:
    _check("the woman they called Madam kept our wages", ("Madam",), ())
    _check("we had to call her Madam Joy and never ask questions", ("Madam",), ("Joy",))
