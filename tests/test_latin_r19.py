"""Round 19: English and the Latin-script languages the bot does not speak (Hausa, Swahili, Igbo, Yoruba, Oromo, Twi,
Kurmanji, Nigerian Pidgin: their answers arrive marked English, and no frequency list holds their words). An answer
with hardly an English word in it, once two-letter strings count as English only at the frequency of English's
function words, keeps its lower-case words that a name list also has (they go to review); these languages' naming
cues, thanks, kinship words and postposed possessives say where a person stands, and a word with such a possessive
after it is a noun. Sentences invented for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.test_latin_r16 import _check


# -- lower-case everyday words of answers with hardly an English word in them -------------------------------------
@pytest.mark.parametrize(("text", "kept"), [
    ("jiya na je kasuwa da safe amma kudi ba su isa ba", ("jiya", "amma kudi")),                       # Hausa
    ("gobe zan je wurin likita da yamma, yana da sanyi sosai", ("gobe zan", "likita", "yana", "sanyi sosai")),
    ("yanzu ina zaune a gidan abokina, ba ni da kudi", ("kudi",)),
    ("mo ti lo si ile iwosan lana, gbogbo won se daadaa", ("ile iwosan lana", "gbogbo")),               # Yoruba
])
def test_everyday_words_of_languages_with_no_word_list_are_kept(text, kept) -> None:
    _check(text, kept, ())


def test_two_letter_strings_count_as_english_only_at_function_word_frequency() -> None:
    from bot.anonymise.lexicon import get_lexicon
    from bot.anonymise.recognizers import people

    lex = get_lexicon()
    assert people._english_word("my", lex) and people._english_word("ok", lex)
    assert not people._english_word("na", lex) and not people._english_word("ya", lex)
    assert people._english_word("shop", lex)
    text = "jiya na yi aiki da safe, ya ce ba su zo ba"
    tokens = people.tokenize(text)
    assert people._not_english(tokens, lex)
    english = "I went to the shop and my friend came with me"
    assert not people._not_english(people.tokenize(english), lex)


# -- a noun with a postposed possessive; kinship words and their possessives --------------------------------------
@pytest.mark.parametrize(("text", "kept"), [
    ("Imani yangu kwa Mungu ilinisaidia sana", ("Imani",)),       # my faith (Swahili)
    ("Nwanne m nwanyị ka nọ n'obodo anyị", ("Nwanne",)),          # my sister (Igbo)
    ("Bavê min hê li welêt e", ("Bavê",)),                         # my father (Kurmanji)
])
def test_a_word_with_a_possessive_after_it_is_a_noun(text, kept) -> None:
    _check(text, kept, ())


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("rafiki yangu neema alinisaidia kujaza fomu", ("rafiki yangu", "alinisaidia"), ("neema",)),
    ("hevalê min rojda her roj min dibîne", ("hevalê min",), ("rojda",)),
    ("iya tolu lo mu mi lo si ile iwosan", ("iya",), ("tolu",)),
    ("enyi m adaeze kpọrọ m ụnyahụ", ("enyi m",), ("adaeze",)),
])
def test_the_name_after_a_kinship_word_and_its_possessive(text, kept, gone) -> None:
    _check(text, kept, gone)


# -- naming cues and thanks --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("jina langu ni Rehema na natoka Dodoma", ("jina langu ni",), ("Rehema",)),
    ("sunanta Hadiza, tana aiki a asibiti", ("sunanta",), ("Hadiza",)),
    ("aha ya bụ Chinedu, ọ bụ enyi m", ("aha ya bụ", "enyi m"), ("Chinedu",)),
    ("navê wî Rêzan e û ew hevalê min e", ("navê wî",), ("Rêzan",)),
    ("asante sana Baraka kwa msaada wako", ("asante sana",), ("Baraka",)),
    ("medaase Kwabena, wo na woboaa me", ("medaase",), ("Kwabena",)),
])
def test_naming_cues_and_thanks_of_these_languages(text, kept, gone) -> None:
    _check(text, kept, gone)


# -- the languages wordfreq has keep round 14's count: a lower-case name that is no word of theirs is a name --------
@pytest.mark.parametrize(("text", "gone"), [
    ("jana mi povedala ze to nie je moja vina", ("jana",)),             # Slovak
    ("dima i kolya tozhe ne poluchali dengi", ("dima", "kolya")),       # Russian in Latin letters
])
def test_lower_case_names_in_languages_with_a_word_list(text, gone) -> None:
    _check(text, (), gone)


def test_a_role_after_a_kinship_word_is_no_name() -> None:
    _check("birayê patron her şev dihat û deriyê me digirt", ("birayê patron",), ())   # the boss's brother


# -- Nigerian Pidgin and Krio: their function words are never names ------------------------------------------------
@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("na dat woman wey dey cook for us, dem no pay am", ("wey dey", "dem"), ()),
    ("dem carry us go another house for night", ("dem",), ()),
    ("abeg make una tell the council", ("abeg", "una"), ()),
    ("mi padi in nem na Fatu, i de ep mi", ("in nem na",), ("Fatu",)),
])
def test_pidgin_and_krio_function_words(text, kept, gone) -> None:
    _check(text, kept, gone)


# -- Amharic and Tigrinya in Latin letters: their small words are never names -------------------------------------
@pytest.mark.parametrize(("text", "language", "kept"), [
    ("Egziabher yimesgen, ahun betam dehna negn", "am", ("ahun",)),
    ("Ahun, hulum tiru new", "am", ("Ahun",)),
    ("hji kulu dehan iyu, nab college ikeyd", "ti", ("hji kulu",)),
])
def test_romanised_geez_small_words(text, language, kept) -> None:
    _check(text, kept, (), language)


# -- English is unchanged --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "gone"), [
    ("I met my friend Grace at the shop and she told Peter", ("Grace", "Peter")),
    ("my sister is called Hope and my brother Will helped us", ("Hope", "Will")),
    ("i stayed with tanisha and her kids for a month", ("tanisha",)),
])
def test_english_names_are_still_found(text, gone) -> None:
    _check(text, (), gone)
