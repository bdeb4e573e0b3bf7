"""Round 20: identifiers as people type them in the other scripts and languages, and the look-alikes kept (sentences
written for these tests, not taken from the corpora)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact


def types(text: str) -> list[tuple[str, str]]:
    return [(e.type, text[e.start:e.end]) for e in redact(text, learned=False).entities if e.type != "NAME"]


@pytest.mark.parametrize("text, value", [
    # a house number, the street's name and the English street word, written in Cyrillic, Arabic script, Ge'ez,
    # Devanagari, Bengali
    ("сейчас живу на 31 Оук Роуд с сестрой", "31 Оук Роуд"),
    ("новый адрес 7 Черч Лейн, второй этаж", "7 Черч Лейн"),
    ("میرا پتہ 44 چرچ سٹریٹ ہے", "44 چرچ سٹریٹ"),
    ("أسكن الآن في ٢٨ بارك ستريت مع أختي", "٢٨ بارك ستريت"),
    ("آدرسم ۱۵ کینگ رود است", "۱۵ کینگ رود"),
    ("አሁን 14 ሚል ሮድ እኖራለሁ", "14 ሚል ሮድ"),
    ("मेरा पता 9 चर्च स्ट्रीट है", "9 चर्च स्ट्रीट"),
    ("আমার ঠিকানা 22 হাই স্ট্রিট", "22 হাই স্ট্রিট"),
    # the street word first, as Russian and Ukrainian put it
    ("прописан на ул. Садовая, 14", "ул. Садовая, 14"),
    ("живу на вулиця Шевченка, буд. 8", "вулиця Шевченка, буд. 8"),
])
def test_addresses_in_other_scripts(text: str, value: str) -> None:
    assert ("ADDRESS", value) in types(text)


@pytest.mark.parametrize("text", [
    "5 मिनट रोड पर चलो फिर बस आएगी",
    "او هر روز 10 دقیقه می رود",
    "الشقة في شارع كينغ ستريت قريبة من المحطة",
    "я жил на улице Ленина 5 лет",
    "ждал 3 часа на Норт Стрит",
])
def test_street_words_without_a_house_number_stay(text: str) -> None:
    assert not any(t == "ADDRESS" for t, _ in types(text))


def test_arabic_vowel_marks_do_not_hide_a_cue() -> None:
    # the short vowels and shadda are optional in writing: the cue is the same word with them
    assert types("رَقْمُ جَوَازِ سَفَرِي A1234567") == [("PASSPORT", "A1234567")]
    assert types("تَارِيخُ المِيلَاد 12/03/1990") == [("DATE_OF_BIRTH", "12/03/1990")]
    assert types("تاريخ الميلاد 12/03/1990") == [("DATE_OF_BIRTH", "12/03/1990")]


@pytest.mark.parametrize("text, value", [
    # the copula between the number's word and the number
    ("paso numeris yra 44556677", "44556677"),
    ("Reisepassnummer war 55443322", "55443322"),
    # the word for "number" before the document's name, the number a few words on, a zero first (too short to dial)
    ("ቁጽሪ ፓስፖርት ናይ ሱዳን ቅድሚ ሕጂ 0712345 ነይሩ", "0712345"),
    ("جواز سفري السوداني رقمه 0654321 وقد ضاع", "0654321"),
])
def test_passport_numbers_as_told(text: str, value: str) -> None:
    assert ("PASSPORT", value) in types(text)


def test_a_phone_after_a_passport_stays_a_phone() -> None:
    text = "ቁጽሪ ፓስፖርት የብለይን፣ ስልከይ 07700 900 461 እዩ"
    assert ("PHONE", "07700 900 461") in types(text)


@pytest.mark.parametrize("text, entity, value", [
    ("我嘅覆診號碼係 A12-3456-789 呀", None, None),
    ("我嘅案件號碼係 2-3456-7890，社工話要記住", "REFERENCE", "2-3456-7890"),
    ("ፋይል ቁጽሪ ABC/4412/KL እዩ", "REFERENCE", "ABC/4412/KL"),
    ("the NRM case ref was 2022-MS-001872 on the letter", "REFERENCE", "2022-MS-001872"),
    ("ኤን አይ ቁጥሬ JX 44 12 98 ነው", "NINO", "JX 44 12 98"),
    ("ካርድ ቁጽሪ 5412 7500 1234 9876 ጠፊኡ", "BANK_ACCOUNT", "5412 7500 1234 9876"),
    ("картата ми е 5412 7500 1234 9876", "BANK_ACCOUNT", "5412 7500 1234 9876"),
    ("戶口 61234598 係 Barclays", "BANK_ACCOUNT", "61234598"),
])
def test_references_cards_and_ninos(text: str, entity: str | None, value: str | None) -> None:
    if entity is not None:
        assert (entity, value) in types(text)


@pytest.mark.parametrize("text, value", [
    ("我嘅出世紙日期係 1993年4月9日", "1993年4月9日"),
    ("ranar haihuwata 03-05-1990", "03-05-1990"),
    ("tarehe ya kuzaliwa 12/08/1994", "12/08/1994"),
    ("nilizaliwa 5/6/1991 huko Mombasa", "5/6/1991"),
])
def test_dates_of_birth_in_more_languages(text: str, value: str) -> None:
    assert ("DATE_OF_BIRTH", value) in types(text)


def test_a_date_after_a_dated_birth_verb_is_another_event() -> None:
    # Chinese puts the time before the verb: the birth is 1990's, the date a clause on is the arrival's
    assert types("我1990年出生，2015年3月12日来英国") == []
    assert types("我1990年3月12日出生") == [("DATE_OF_BIRTH", "1990年3月12日")]


def test_a_phone_word_outranks_the_nhs_check_digit() -> None:
    # ten digits with a valid NHS check digit, said to be a phone right before: a phone
    assert types("ስልከይ 7700 900 256 እዩ") == [("PHONE", "7700 900 256")]
    assert types("my mobile: 485 777 3452") == [("PHONE", "485 777 3452")]
    # after its NHS cue: an NHS number
    assert types("my NHS number 485 777 3456") == [("NHS_NUMBER", "485 777 3456")]


@pytest.mark.parametrize("text", [
    "the bus card costs 5 pounds a week and the 25 bus is late",
    "ካርድ ናይ ኣውቶቡስ 20 ፓውንድ እዩ",
    "картата струва 20 лева",
    "the card was 1500 pounds a month for rent",
    "my room is 12 on the second floor, the room number was 204",
    "the parcel tracking number is 7731 0092 4418 7765",
    "my son was born in 2016 and came here in 2019",
])
def test_look_alikes_kept(text: str) -> None:
    assert types(text) == []
