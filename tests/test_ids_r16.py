"""Round 16: identifiers by principle, continued. Cyrillic and Greek look-alikes of Latin letters (Unicode's
confusables table) read as the Latin letters where they stand in an identifier; the letters I and l typed for a one
in a NINO after its cue; a police number joined by slashes; the UK ranges kept for organisations (libphonenumber's
number types: freephone, 03, shared cost, premium rate) are no one's own number unless typed as another country's
personal number; a phone of five or six digits right after a word for a phone.

Sentences of this file's own. Every value is fake: Ofcom's drama numbers (07700 900xxx), QQ-prefixed NINOs,
made-up case numbers; the organisations' numbers are public ones.
"""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.fold import fold
from bot.anonymise.recognizers.phone import is_public_number
from tests.test_redaction_identifiers import _covered, _identifiers_over

FOUND = [
    # 1. a NINO typed with Cyrillic look-alike letters, spaced or run together, after a cue or in its whole shape
    ("ru", "мой NI АВ 12 34 56 С, проверьте", "NINO", "АВ 12 34 56 С"),
    ("ru", "nino мой SХ4567 89В, не уверена", "NINO", "SХ4567 89В"),
    ("uk", "страховий номер QQ 12 34 56 С прийшов", "NINO", "QQ 12 34 56 С"),
    ("en", "my NI is ΑΒ123456Γ no wait ΑΒ123456C", "NINO", "ΑΒ123456C"),
    ("ru", "номер BRP ZR 123 4567, фамилия моя", "REFERENCE", "ZR 123 4567"),
    # 2. a NINO with I or l typed for a one, or its check letter forgotten, after a cue in Pashto or Urdu words
    ("en", "my insurance number PW65432IB", "NINO", "PW65432IB"),
    ("en", "NI number qq 12 l4 56 c", "NINO", "qq 12 l4 56 c"),
    ("ps", "د انشورنس نمبر مې QQ 22 33 44 دی، اخري توری مې هېر دی", "NINO", "QQ 22 33 44"),
    ("ur", "میرا انشورنس نمبر QQ 55 66 77 A ہے", "NINO", "QQ 55 66 77 A"),
    # 3. a police force's number joined by slashes, however its groups run
    ("ar", "رقم الحالة تبع الشرطة 1234/56/2023 لازم احكيه كل مرة", "REFERENCE", "1234/56/2023"),
    ("en", "the officer wrote 4471/230/88 on a card", "REFERENCE", "4471/230/88"),
    # 4. a phone number dialled nationally that a UK range would call an organisation's, typed in the groups of the
    # country where it is a person's mobile (Pakistan 0300 4417285, Iran 0912 345 6789), or in one run
    ("ur", "امی کا نمبر پاکستان میں 0300-4417285 ہے", "PHONE", "0300-4417285"),
    ("fa", "شماره من ۰۹۱۲ ۳۴۵ ۶۷۸۹ است", "PHONE", "۰۹۱۲ ۳۴۵ ۶۷۸۹"),
    ("en", "my brother's number 03004417285 in Lahore", "PHONE", "03004417285"),
    ("en", "my nigerian line 0808 123 4567 still works", "PHONE", "0808 123 4567"),
    # 5. five or six digits right after a word for a phone
    ("en", "my mobile is 12 34 56 in Asmara", "PHONE", "12 34 56"),
    ("en", "phone: 123456 after six", "PHONE", "123456"),
    # 6. bank loanwords in Ge'ez script, Lithuanian forms' abbreviation, a date in Chinese numerals, an address
    # in Arabic script
    ("ti", "ባንክ ኣካውንት 31926819 ንሰርኮ ሂበዮም", "BANK_ACCOUNT", "31926819"),
    ("lt", "gim. data 02.11.1988, NI SN 77 10 45 C", "DATE_OF_BIRTH", "02.11.1988"),
    ("zh", "出生日期：一九九零年三月五日", "DATE_OF_BIRTH", "一九九零年三月五日"),
    ("ar", "عنواني ٢٣ شارع ستراتفورد، برمنغهام", "ADDRESS", "٢٣ شارع ستراتفورد"),
    ("fa", "آدرسم ۱۲ خیابان الم، کاردیف", "ADDRESS", "۱۲ خیابان الم"),
    # a postcode with no cue in any of the UK's areas, or the NHS's ZZ; with a cue whatever its letters
    ("en", "they moved me to b11 1aa last week", "POSTCODE", "b11 1aa"),
    ("en", "hotel was zz993cz they said", "POSTCODE", "zz993cz"),
    ("en", "postcode qx9 9zz i think", "POSTCODE", "qx9 9zz"),
]

KEPT = [
    # the numbers of organisations, in the groups their owners print them or Ofcom's, in any script
    ("bn", "মাইগ্র্যান্ট হেল্প এর নাম্বার 0808 8010 503", "0808 8010 503"),
    ("en", "I rang 0300 303 8151 and waited an hour", "0300 303 8151"),
    ("en", "the council said call 0345 600 1234 for housing", "0345 600 1234"),
    ("en", "the benefits line +44 800 169 0310 never answers", "+44 800 169 0310"),
    ("ar", "اتصلت على ٠٨٠٨ ٨٠١٠ ٥٠٣ وما رد احد", "٠٨٠٨ ٨٠١٠ ٥٠٣"),
    # a helpline the bot shows, however short, after a word for a phone
    ("en", "I called 116 123 at night and they listened", "116 123"),
    # short numbers after a phone word that are money, a date, or not right after it
    ("en", "my phone bill was 150000 dong last year", "150000"),
    ("en", "phone: 12-03-19 was the day it broke", "12-03-19"),
    ("en", "call 999 or 101, they said", "999"),
    # an amount after a reference's cue: five bare digits ending in three zeros
    ("en", "compensation from cica was 11000 but took 3 years", "11000"),
    # Russian words and numbers stay as they are written
    ("ru", "с 12 по 15 мая я работал на складе 14 часов", "12"),
    ("ru", "в 2023году я приехал", "2023"),
    # dates joined by a dash with slashes in them are two dates; years by slashes are years
    ("en", "from 12/03/2019 - 15/03/2019 I was in the hotel", "12/03/2019"),
    ("en", "in 2019/2020/2021 I worked on the farm", "2019/2020/2021"),
    # a date in Chinese numerals with no birth cue
    ("zh", "我一九九九年三月来到英国", "一九九九年三月"),
    # Arabic typed in Latin letters and digits is no postcode (its "area" is none of the UK's); a bus and the
    # minutes of a walk are no street
    ("ar", "amal 2alatli ro7i 3al red cross. amal hiye el support worker", "ro7i 3al"),
    ("en", "take bus 47 then walk 10 minutes to the clinic", "47 then walk"),
    ("en", "the GP is on the corner, its 40 min walk", "40 min walk"),
    ("en", "take the 86 bus then walk 10 minutes", "86 bus then walk"),
]


@pytest.mark.parametrize(("language", "text", "entity", "value"), FOUND)
def test_identifier_is_redacted(language: str, text: str, entity: str, value: str) -> None:
    assert _covered(language, text, entity, value), redact(text, language, learned=False).text


@pytest.mark.parametrize(("language", "text", "value"), KEPT)
def test_look_alike_is_kept(language: str, text: str, value: str) -> None:
    assert not _identifiers_over(language, text, value), redact(text, language, learned=False).text


def test_look_alikes_fold_one_for_one_and_only_inside_identifiers() -> None:
    text = "мой номер АВ 12 34 56 С и SХ4567, с 12 по 15"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "AB 12 34 56 C" in folded and "SX4567" in folded
    # the cue words stay Cyrillic, so the Cyrillic cues still match them
    assert folded.startswith("мой номер ")


@pytest.mark.parametrize(("number", "public"), [
    ("0300 303 8151", True), ("0808 8010 503", True), ("0800 808 3733", True), ("0845 604 3719", True),
    ("+44 300 303 8151", True), ("0300 4417285", False), ("03003038151", False), ("0912 345 6789", False),
    ("07700 900123", False), ("0161 496 0000", False), ("+92 300 4417285", False),
])
def test_organisations_ranges(number: str, public: bool) -> None:
    assert is_public_number(number) is public


def test_a_name_beside_an_organisations_number_is_still_redacted() -> None:
    text = "Fatima from Migrant Help gave me 0808 8010 503 to call"
    result = redact(text, "en", learned=False)
    assert "0808 8010 503" in result.text
    assert "Fatima" not in result.text


def test_a_name_beside_a_cyrillic_nino_is_still_redacted() -> None:
    text = "Олена дала мне мой NI АВ 12 34 56 С"
    result = redact(text, "ru", learned=False)
    assert "Олена" not in result.text and "АВ 12 34 56 С" not in result.text
