"""Round 17, names in Ge'ez, Cyrillic, Bengali and Han: a Cyrillic noun-name opening a sentence before what the
noun governs, lower-case Cyrillic words where the writer capitalises names; the Ge'ez "(who is) called" in both
genders, a thing so called, Amharic "her/the" on a role; Bengali "become", "me" after a word name, places in the
locative; what follows 叫 to its clause's end. Each rule that keeps a word has a test that the name beside it is
still redacted (sentences written for these tests, not from the corpus)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.recognizers.people import find_names


def redacted(text: str, language: str) -> str:
    return redact(text, language, False).text


def names(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b, _, _ in find_names(text, language)[0]]


# -- Cyrillic ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, word", [
    ("Вера в людей вернулась ко мне не сразу", "ru", "Вера"),          # a preposition of its object
    ("Надежда на помощь держит меня здесь", "ru", "Надежда"),
    ("Любов до рідної землі не зникає", "uk", "Любов"),
    ("Слава Богу, у нас теперь есть крыша", "ru", "Слава"),            # a bare dative
    ("Любовь и терпение помогают жить дальше", "ru", "Любовь"),         # "and" a lower-case noun
    ("Надія є завжди, так казала бабуся", "uk", "Надія"),               # "there is"
])
def test_a_cyrillic_noun_name_before_what_it_governs_is_not_redacted(text: str, language: str, word: str) -> None:
    assert word not in names(text, language)


@pytest.mark.parametrize("text, language, name", [
    ("Вера принесла мне тёплые вещи", "ru", "Вера"),                   # a verb: the person
    ("Надежда из Красного Креста позвонила вчера", "ru", "Надежда"),     # "from" an organisation
    ("Любов Миколаївна допомогла з документами", "uk", "Любов"),        # a patronymic
    ("Слава и Андрей ждали меня у вокзала", "ru", "Слава"),             # "and" another name
    ("Ольга в Лондоне живёт уже три года", "ru", "Ольга"),              # a locative is where a person is
])
def test_a_cyrillic_name_before_a_verb_or_a_name_is_still_redacted(text: str, language: str, name: str) -> None:
    assert name not in redacted(text, language)


def test_a_lower_case_cyrillic_word_where_the_writer_capitalises_names_is_not_redacted() -> None:
    text = "мой адвокат Марина пишет мне каждую неделю"
    assert "неделю" not in names(text, "ru")
    assert "Марина" not in redacted(text, "ru")


# -- Ge'ez ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, name", [
    ("ሰላም ዝተባህለት ነርስ ኣብ ሆስፒታል ሓጊዛትኒ", "ti", "ሰላም"),          # she who is called
    ("ተስፋ ዝበሃላ ጓል ምሳና ትነብር", "ti", "ተስፋ"),
    ("ብርሃን የምትባል ሴት ደወለችልኝ", "am", "ብርሃን"),
])
def test_a_geez_word_name_before_who_is_called_is_redacted(text: str, language: str, name: str) -> None:
    assert name not in redacted(text, language)


def test_the_word_after_who_is_called_is_not_the_name() -> None:
    text = "ዳዊት ዝበሃል ሰብኣይ ናብ ሆቴል መጺኡ"
    found = names(text, "ti")
    assert "ዳዊት" in found and "ሰብኣይ" not in found


def test_the_noun_after_she_who_is_called_is_not_a_name() -> None:
    text = "ተስፋ የምትባል ልጅ ከኛ ጋር ትሰራ ነበር"
    found = names(text, "am")
    assert "ተስፋ" in found and "ልጅ" not in found


def test_a_thing_called_a_virtue_is_not_a_name() -> None:
    assert "ሰላም" not in names("ሰላም ዝበሃል ነገር ኣብቲ ካምፕ ኣይነበረን", "ti")


def test_a_service_of_several_words_counts_as_one_word_before_she_did_to_me() -> None:
    assert "ሰላም" not in redacted("ሰላም ካብ ሬድ ክሮስ ብዙሕ ክዳውንቲ ሂባትኒ", "ti")


def test_a_role_with_amharic_her_after_a_word_name_makes_it_a_person() -> None:
    assert "ሰላም" not in redacted("ሰላም አስተርጓሚዋ በደንብ ትረዳኛለች", "am")


# -- Bengali ----------------------------------------------------------------------------------------------

def test_a_bengali_noun_before_become_is_not_a_name() -> None:
    assert names("বৃষ্টি হচ্ছে সকাল থেকে", "bn") == []


def test_a_bengali_word_name_before_me_is_redacted() -> None:
    assert "আলো" not in redacted("আলো আমাকে অফিসে নিয়ে গিয়েছিল", "bn")


def test_a_place_in_the_bengali_locative_is_not_a_name() -> None:
    text = "আমার ভাই রফিক সিলেটে থাকে"
    found = names(text, "bn")
    assert "সিলেটে" not in found and "রফিক" in found


# -- Han --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("我的律师叫安妮，她很耐心", "安妮"),
    ("那个志愿者叫露西。", "露西"),
])
def test_what_follows_jiao_to_its_clause_end_is_a_name(text: str, name: str) -> None:
    assert name not in redacted(text, "zh")


@pytest.mark.parametrize("text", ["他叫醒我，我才起来", "这个地方叫什么？", "他们叫警察，"])
def test_jiao_before_a_pronoun_a_question_or_an_everyday_word_is_no_name(text: str) -> None:
    assert names(text, "zh") == []
