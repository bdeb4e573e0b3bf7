"""Round 14, precision, the rules alone: classes of words that name lists hold but that stand in answers as
words, and the rules that must still fire beside them (sentences written for these tests, not from the corpus)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact


def kept(text: str, language: str) -> bool:
    return "[NAME]" not in redact(text, language, False).text


# a word spoken of as a word: explained, or named as a feeling
@pytest.mark.parametrize("text", [
    "zara means flower in my language, my grandmother grew them",
    "in our village the word baraka is used for luck",
    "sabr in arabic is patience, and i need a lot of it",
    "Patience is what my caseworker keeps asking from me",
])
def test_a_word_explained_is_no_name(text: str) -> None:
    assert kept(text, "en")


@pytest.mark.parametrize("text, name", [
    ("my sister Zara, her name means flower, lives in Leeds", "Zara"),
    ("Tariq is what they called him, the driver from the farm", "Tariq"),
    ("my friend Baraka means a lot to me", "Baraka"),
])
def test_a_name_near_means_is_still_a_name(text: str, name: str) -> None:
    assert name not in redact(text, "en", False).text


# kinship words typed in Latin letters, and "dear" after a kinship word
@pytest.mark.parametrize("text, language", [
    ("abbu and ammi are still in lahore", "en"),
    ("my bhabhi and chachi still live in sylhet", "en"),
    ("khala ke ghar mein rehti thi pehle", "ur"),
    ("ماموں جان نے کہا تھا کہ صبر کرو", "ur"),                    # uncle dear said be patient
    ("خاله جان هر هفته زنگ میزنه", "fa"),                       # auntie dear calls every week
])
def test_kinship_words_are_no_names(text: str, language: str) -> None:
    assert kept(text, language)


@pytest.mark.parametrize("text, language, name", [
    ("rubina baji ne mujhe form bharne mein madad ki", "ur", "rubina"),
    ("Imran bhai got me a room in his house", "en", "Imran"),
])
def test_a_name_before_a_kinship_word_is_still_a_name(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


# identifiers: a phone written with dots (its parts are no IP address), a date of birth and an account after cues
# typed without accents or in another common spelling
@pytest.mark.parametrize("text, language, value, entity", [
    ("my number is 07.912.334.560 call after 6", "en", "07.912.334.560", "PHONE"),
    ("sinh ngay 12/04/1995 o ha tinh", "vi", "12/04/1995", "DATE_OF_BIRTH"),
    ("ngay sinh: 5/9/2001", "vi", "5/9/2001", "DATE_OF_BIRTH"),
    ("আমার একাউন্ট নম্বর 61829374", "bn", "61829374", "BANK_ACCOUNT"),
])
def test_identifiers(text: str, language: str, value: str, entity: str) -> None:
    redacted = redact(text, language, False).text
    assert value not in redacted and f"[{entity}]" in redacted


def test_an_ip_address_is_no_phone() -> None:
    assert "[PHONE]" not in redact("the router said 192.168.100.254 and nothing worked", "en", False).text


# Hindustani and Punjabi typed in Latin letters: their pronouns, copulas and postpositions are no names
@pytest.mark.parametrize("text, language", [
    ("woh kehti thi ke sab theek ho jayega, lekin kuch nahi hua", "ur"),
    ("mera case abhi tak pending hai, koi jawab nahi aaya", "ur"),
    ("oh sanu kehnda si ke tusi vi chale jao", "pa"),
])
def test_romanised_hindustani_words_are_no_names(text: str, language: str) -> None:
    assert kept(text, language)


@pytest.mark.parametrize("text, language, name", [
    ("mera naam shabana hai aur main leeds mein rehti hoon", "ur", "shabana"),
    ("thank you Rizwan, aap ne bohat madad ki", "ur", "Rizwan"),
])
def test_a_name_among_romanised_hindustani_is_still_a_name(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text
