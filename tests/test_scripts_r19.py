"""Round 19, names in Devanagari (Hindi, Nepali, Marathi), Ge'ez and Han. Recall: a name under a Nepali case mark
written onto it (-लाई, -ले, -सँग), before a Nepali or Marathi kin honorific (दाइ, दिदीले, ताई), after "I" (मैले);
Ge'ez ለ/ምስ/ናብ written onto a name, "X ምሳይ" (with me), the one phoned after ናብ/ወደ, the owner after ገዛ (house), a
two-word role or "my neighbour" before "is"; Han names after thanks with a spoken particle, after a time word that
opens the clause, before Cantonese time adverbs and kin titles. Precision: Nepali and Marathi pronouns, the word
ending a Devanagari or Ge'ez clause after a role (its verb), Nepali "there is" and "do", "like" and "people" after
a noun, degree words. Sentences written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from bot.anonymise.recognizers.people import find_names


def names(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b, _, _ in find_names(text, language)[0]]


def found(text: str, language: str, name: str) -> bool:
    return any(name in span for span in names(text, language))


# -- Devanagari: recall ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, name", [
    ("अनितालाई भोलि फोन गर्छु", "ne", "अनिता"),                         # -लाई, to Anita
    ("सुनिताले मेरो फारम भरिदिइन्", "ne", "सुनिता"),                      # -ले, the one who acts
    ("कमलासँग म अस्पताल गएँ", "ne", "कमला"),                            # -सँग, with
    ("रमेश दाइ हरेक हप्ता आउनुहुन्छ", "ne", "रमेश"),                      # elder brother Ramesh
    ("गीता दिदीले मलाई खाना दिनुभयो", "ne", "गीता"),                      # elder sister, with -ले on the honorific
    ("मैले सुरेशलाई सबै कुरा भनें", "ne", "सुरेश"),                        # after "I" (acting)
])
def test_a_devanagari_name_where_grammar_puts_a_person_is_redacted(text: str, language: str, name: str) -> None:
    assert found(text, language, name), names(text, language)


def test_the_case_mark_closes_the_name() -> None:
    spans = names("मैले दिपकलाई सबै पैसा दिएँ", "ne")
    assert any("दिपक" in s for s in spans) and not any("सबै" in s for s in spans), spans


# -- Devanagari: precision ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, word", [
    ("मेरो फोन हरायो", "ne", "मेरो"),                                   # "my"
    ("मलाई घर चाहियो", "ne", "मलाई"),                                   # "to me"
    ("मैले चिठी पढें", "ne", "मैले"),                                    # "I" (acting)
    ("माझं घर लांब आहे", "mr", "माझं"),                                 # Marathi "my"
    ("उसने एम्बुलेंस को नहीं, पुलिस बुलाई", "hi", "बुलाई"),                # the verb ending the clause after a role
    ("शान्ति छ यहाँ", "ne", "शान्ति"),                                   # "there is peace"
    ("दया गरेर छिटो गर्नुहोस्", "ne", "दया"),                             # "please" (doing mercy)
    ("बंगाली लोग बहुत मदद करते हैं", "hi", "बंगाली"),                     # "Bengali people"
    ("बुबाको घर गाउँमा छ", "ne", "बुबाको"),                               # "father's": a kin word under a mark
])
def test_a_devanagari_word_no_person_stands_in_is_not_redacted(text: str, language: str, word: str) -> None:
    assert not any(word in s for s in names(text, language)), names(text, language)


def test_a_name_before_a_nepali_case_mark_keeps_when_a_pronoun_stands_beside_it() -> None:
    # the pronoun is dropped, the name is not
    spans = names("मेरो साथी राजेशले मलाई मद्दत गर्यो", "ne")
    assert any("राजेश" in s for s in spans) and not any("मेरो" in s or "मलाई" in s for s in spans), spans


# -- Ge'ez ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, name", [
    ("ኣብ ሆስፒታል ዳዊት ምሳይ ነይሩ", "ti", "ዳዊት"),                          # "with me"
    ("ናብ ሰናይት ደዊለ ግን ኣይለዓለትን", "ti", "ሰናይት"),                      # phoned, after "to"
    ("ወደ ዮሐንስ ደወልኩ", "am", "ዮሐንስ"),                                  # Amharic "I phoned"
    ("ካብ ገዛ ተኽለ ወጺአ", "ti", "ተኽለ"),                                    # the owner after "house"
    ("ጽጌ ጎረቤቴ ናት", "am", "ጽጌ"),                                        # "is my neighbour"
])
def test_a_geez_name_where_grammar_puts_a_person_is_redacted(text: str, language: str, name: str) -> None:
    assert found(text, language, name), names(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("ካውንስል ሰራሕተኛ ደገፍ ሂቦምኒ", "ti", "ሂቦምኒ"),                          # the verb after a role
    ("ሎሚ ናብ ዶክተር ወሲዳትኒ", "ti", "ወሲዳትኒ"),                              # a verb with "me" after a role
    ("ንሕና ኣብ ለንደን ኢና ንነብር", "ti", "ንነብር"),                            # ን is also "we" of a verb
])
def test_a_geez_verb_is_not_redacted(text: str, language: str, word: str) -> None:
    assert not any(word in s for s in names(text, language)), names(text, language)


# -- Han ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, name", [
    ("多谢你呀志明，帮了我好多", "yue", "志明"),                          # thanks with a spoken particle
    ("那天晚上李强把我的护照拿走了", "zh", "李强"),                       # after a time word opening the clause
    ("我嘅律师陈嘉欣成日帮我", "yue", "陈嘉欣"),                          # before Cantonese "always"
    ("建华叔叔每天送我们去上班", "zh", "建华"),                           # before a kin title
])
def test_a_han_name_is_redacted(text: str, language: str, name: str) -> None:
    assert found(text, language, name), names(text, language)


@pytest.mark.parametrize("text, language", [
    ("那天晚上我们一起吃饭", "zh"),
    ("我一个人住在这里", "zh"),
    ("多谢你呀，帮了我好多", "yue"),
])
def test_han_without_a_name_has_none(text: str, language: str) -> None:
    assert names(text, language) == []
