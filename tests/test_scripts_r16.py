"""Round 16, names in Cyrillic, Han, Gurmukhi and the scripts without capitals: Cyrillic names in their cases and
vocatives and by their Latin spelling, places in their cases; Chinese names in Traditional characters, after 姓,
with a double surname, after a -员 role, spoken to; Punjabi's clause-final ਨੇ ("are") and Gurmukhi words Hindi
uses often; English roles said in another script. Each rule that keeps a word has a test that the name beside it
is still redacted (sentences written for these tests, not from the corpus)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.recognizers.people import gurmukhi_as_devanagari
from bot.anonymise.romanise import cyrillic_spellings
from bot.anonymise.translit import is_english_role


def redacted(text: str, language: str) -> str:
    return redact(text, language, False).text


# -- Cyrillic ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, name", [
    ("Ми з Наталії сестрою живемо разом", "uk", "Наталії"),          # -ії of -ія
    ("Я подзвонила Марії вчора ввечері", "uk", "Марії"),
    ("Я всё рассказала Дмитрию вчера", "ru", "Дмитрию"),             # -ию of -ий
    ("Миколо, дякую тобі за все", "uk", "Миколо"),                  # vocative -о of -а
    ("Вадиме, ти мені дуже допоміг", "uk", "Вадиме"),               # vocative -е
    ("Ми довго говорили з Ольгой про роботу", "ru", "Ольгой"),       # Russian instrumental -ой
])
def test_a_cyrillic_name_in_its_case_or_vocative_is_redacted(text: str, language: str, name: str) -> None:
    assert name not in redacted(text, language)


@pytest.mark.parametrize("text, language, name", [
    ("Орест привіз мене до лікарні", "uk", "Орест"),
    ("Соломія перекладала все, що казав лікар", "uk", "Соломія"),
    ("Вчора Іринка принесла мені суп", "uk", "Іринка"),
])
def test_a_cyrillic_name_missing_from_the_list_is_found_by_its_latin_spelling(
        text: str, language: str, name: str) -> None:
    assert name not in redacted(text, language)


def test_the_latin_spellings_of_cyrillic_follow_the_national_systems() -> None:
    assert "orest" in cyrillic_spellings("орест")
    assert {"solomiia", "solomiya"} & set(cyrillic_spellings("соломія"))
    assert "dmitriy" in cyrillic_spellings("дмитрий")
    assert cyrillic_spellings("london") == ()


@pytest.mark.parametrize("text, language, kept", [
    ("Я два роки жила в Лестері, там і працювала", "uk", "Лестері"),
    ("Бостон, Спалдинг, везде поля и теплицы", "ru", "Спалдинг"),
    ("Я сумую за Херсонщиною кожен день", "uk", "Херсонщиною"),
    ("я родом из Ростова, там у меня мама", "ru", "Ростова"),
    ("Ярославль мой город, на Волге", "ru", "Волге"),
])
def test_a_place_in_its_case_is_no_name(text: str, language: str, kept: str) -> None:
    assert kept in redacted(text, language)


@pytest.mark.parametrize("text, language, kept, name", [
    ("Орест живе в Лестері вже рік", "uk", "Лестері", "Орест"),
    ("Оксана из Ростова, она мне помогла", "ru", "Ростова", "Оксана"),
    ("Я сумую за Херсонщиною, а Соломія ні", "uk", "Херсонщиною", "Соломія"),
])
def test_the_name_beside_a_place_in_its_case_is_still_redacted(text: str, language: str, kept: str,
                                                              name: str) -> None:
    out = redacted(text, language)
    assert kept in out and name not in out


# -- Han ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("陳偉文係我哋老闆，佢收埋我哋啲護照", "陳偉文"),        # Traditional characters, Cantonese "is"
    ("我的社工叫陳美華，她很好", "陳美華"),
    ("黃醫生說我要多休息", "黃"),
    ("志明幫我報警", "志明"),
    ("老板姓王，大家都怕他", "王"),                          # 姓: "is surnamed"
    ("欧阳娜娜是我的室友", "欧阳娜娜"),                      # a double surname
    ("翻译员周丽华说话很快", "周丽华"),                      # -员 role
    ("阿强，你还记得我吗？", "阿强"),                        # spoken to
])
def test_a_chinese_name_is_redacted(text: str, name: str) -> None:
    assert name not in redacted(text, "zh")


@pytest.mark.parametrize("text, kept", [
    ("秋天来了，叶子都黄了", "叶子"),                        # -子 makes a noun
    ("阿姨，谢谢你帮我", "阿姨"),                            # a form of address, no name
    ("小心，路上有冰", "小心"),
])
def test_a_chinese_word_that_looks_like_a_name_is_kept(text: str, kept: str) -> None:
    assert kept in redacted(text, "zh")


def test_the_name_beside_a_kept_han_word_is_still_redacted() -> None:
    out = redacted("叶子都黄了，王丽说该回家了", "zh")
    assert "叶子" in out and "王丽" not in out


# -- Gurmukhi -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ਲੈਸਟਰ ਵਿੱਚ ਬਹੁਤ ਪੰਜਾਬੀ ਲੋਕ ਨੇ",                 # ਨੇ ending the clause: "there are"
    "ਗੋਰੇ ਲੋਕ ਵੀ ਮਦਦ ਕਰਦੇ ਨੇ, ਸਾਰੇ ਮਾੜੇ ਨਹੀਂ",
    "ਬਿੱਲੀ ਘਰ ਵਿੱਚ ਆ ਜਾਂਦੀ ਸੀ",                          # ਬਿੱਲੀ बिल्ली, cat: a Hindi everyday word
    "ਦਾਲ ਬਣਾਈ ਅੱਜ ਰਾਤ ਨੂੰ",
])
def test_gurmukhi_everyday_words_are_no_names(text: str) -> None:
    assert "[NAME]" not in redacted(text, "pa")


@pytest.mark.parametrize("text, name", [
    ("ਕੁਲਦੀਪ ਨੇ ਮੇਰਾ ਪਾਸਪੋਰਟ ਲੈ ਲਿਆ, ਉਹ ਬਹੁਤ ਬੁਰਾ ਸੀ", "ਕੁਲਦੀਪ"),    # the ergative: its clause goes on
    ("ਜਸਵਿੰਦਰ ਪੈਸੇ ਨਹੀਂ ਦਿੰਦਾ ਸੀ", "ਜਸਵਿੰਦਰ"),                         # a name opening the clause
    ("ਬਿੱਲੀ ਘਰ ਆਈ, ਗੁਰਮੀਤ ਨੇ ਉਸ ਨੂੰ ਦੁੱਧ ਦਿੱਤਾ", "ਗੁਰਮੀਤ"),
])
def test_a_gurmukhi_name_beside_those_words_is_still_redacted(text: str, name: str) -> None:
    assert name not in redacted(text, "pa")


def test_gurmukhi_reads_as_devanagari_letter_for_letter() -> None:
    assert gurmukhi_as_devanagari("ਬਿੱਲੀ") == "बिल्ली"
    assert gurmukhi_as_devanagari("ਨਹੀਂ") == "नहीं"
    assert gurmukhi_as_devanagari("ਖੁਸ਼ੀ") == "खुशी"


# -- English roles said in another script --------------------------------------------------------------

@pytest.mark.parametrize("text, language, name", [
    ("ইন্টারপ্রেটার তানিয়া খুব দ্রুত কথা বলে", "bn", "তানিয়া"),
    ("ਇੰਟਰਪ੍ਰੈਟਰ ਅਮਰੀਕ ਬਹੁਤ ਜਲਦੀ ਬੋਲਦਾ ਸੀ", "pa", "ਅਮਰੀਕ"),
    ("ሶሻል ወርከሬ ኤማ ትደውላለች", "am", "ኤማ"),
])
def test_a_name_after_an_english_role_said_in_another_script_is_redacted(text: str, language: str,
                                                                        name: str) -> None:
    assert name not in redacted(text, language)


def test_an_english_role_by_its_sound() -> None:
    assert is_english_role("ইন্টারপ্রেটার") and is_english_role("ਮੈਨੇਜਰ") and is_english_role("সলিসিটর")
    assert not is_english_role("ቪዛ") and not is_english_role("ووركر")
