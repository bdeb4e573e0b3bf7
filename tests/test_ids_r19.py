"""Round 19: identifiers as people type them, and the look-alike numbers kept (sentences written for these tests)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact


def types(text: str) -> list[tuple[str, str]]:
    return [(e.type, text[e.start:e.end]) for e in redact(text, learned=False).entities if e.type != "NAME"]


@pytest.mark.parametrize("text", [
    "the courier tracking number is 1Z 488 AB2 03 8812 4471, it says out for delivery",
    "I still have the receipt no 003312 8871 22 from the phone shop",
    "order number 5521-8830-1174-09 from the online shop never arrived",
    "invoice number 2024-004412 came from the interpreter agency",
    "the paper receipt said 7731 0092 4418, the charity paid it",
    "numer przesyłki 00340434169988776655 i nadal czekam",
    "快递单号YT9988776655443一直没更新",
    "посылка 80081234567890 пришла на старый адрес",
])
def test_purchase_numbers_kept(text: str) -> None:
    assert types(text) == []


def test_phone_after_purchase_number_still_redacted() -> None:
    text = "the tracking number is 123456789012, call me on 07700 900461"
    assert ("PHONE", "07700 900461") in types(text)


def test_phone_named_after_a_person_near_case_word() -> None:
    text = "ring my caseworker Joanne on 0161 4960 117 please"
    assert types(text) == [("PHONE", "0161 4960 117")]


def test_phone_grouped_with_commas() -> None:
    assert types("my mob 07,911,204,387") == [("PHONE", "07,911,204,387")]
    # an amount grouped in thousands never begins with 0: kept
    assert types("they paid 1,250,000 for the flat") == []


@pytest.mark.parametrize("text, value", [
    ("my NI is QQ-31-08-27-C now", "QQ-31-08-27-C"),
    ("I copied it as JT 4O 81 22 B from the letter", "JT 4O 81 22 B"),
    ("I typed 11 22 33 44 A because I forgot the letters", "11 22 33 44 A"),
    ("мой номер страховки JX 12 34 56 D", "JX 12 34 56 D"),
])
def test_nino_as_typed(text: str, value: str) -> None:
    assert types(text) == [("NINO", value)]


def test_nino_shape_needs_check_letter_and_digits() -> None:
    # no check letter, or the letter O alone: no NINO
    assert not any(t == "NINO" for t, _ in types("flight OY 6O 22 14 to Rome"))
    assert not any(t == "NINO" for t, _ in types("room 12 34 56 78 on the plan"))
    assert not any(t == "NINO" for t, _ in types("table 12 34 56 78 a b c"))


@pytest.mark.parametrize("text, value", [
    ("NHS no: 512 / 338 / 7710", "512 / 338 / 7710"),
    ("رقم الإن إتش إس الخاص بي ٥١٢-٣٣٨-٧٧١٠", "٥١٢-٣٣٨-٧٧١٠"),
    ("شماره ان\u200cاچ\u200cاس من ۵۱۲ ۳۳۸ ۷۷۱۰ است", "۵۱۲ ۳۳۸ ۷۷۱۰"),
    ("شماره صحی من 512 338 7710 است", "512 338 7710"),
])
def test_nhs_after_its_cue(text: str, value: str) -> None:
    assert types(text) == [("NHS_NUMBER", value)]


def test_russian_passports() -> None:
    assert types("загранпаспорт 71 2233445 остался у работодателя") == [("PASSPORT", "71 2233445")]
    assert types("паспорт серия 46 03 номер 118822 забрали") == [("PASSPORT", "46 03"), ("PASSPORT", "118822")]


def test_police_log_told_with_was() -> None:
    assert types("the CAD number was 3318 that night") == [("REFERENCE", "3318")]
    # a year after it is no log
    assert types("the incident number was 2019 I think") == []


@pytest.mark.parametrize("text, values", [
    ("llogaria ime AL47 2121 1009 0000 0002 3569 8741", ["AL47 2121 1009 0000 0002 3569 8741"]),
    ("IBAN GB12 MIDL 4005 1532 8844 71", ["GB12 MIDL 4005 1532 8844 71"]),
    ("acc 55881234 sc 20 45 77", ["55881234", "20 45 77"]),
    ("номер на сметка 77123409", ["77123409"]),
    ("debit card 5355 1200 4488 9011 stolen", ["5355 1200 4488 9011"]),
    ("the card ending 8812 was stopped", ["8812"]),
    ("my bank card last four digits 0407 does not work", ["0407"]),
])
def test_bank_details(text: str, values: list[str]) -> None:
    assert types(text) == [("BANK_ACCOUNT", v) for v in values]


@pytest.mark.parametrize("text", [
    "the card ending in 2026 is the new one",
    "an IBAN is longer than a sort code",
    "the card cost 5 pounds",
])
def test_bank_look_alikes_kept(text: str) -> None:
    assert types(text) == []


@pytest.mark.parametrize("text, value", [
    ("I was born the third of March nineteen ninety four", "third of March nineteen ninety four"),
    ("born on the twenty-first of june two thousand and two", "twenty-first of june two thousand and two"),
    ("my birthday is March the 3rd, 1994", "March the 3rd, 1994"),
    ("date of birth the 3rd of the 11th 1987", "3rd of the 11th 1987"),
    ("मेरो जन्म मिति २०४८ साल कात्तिक १२ गते हो", "२०४८ साल कात्तिक १२ गते"),
    ("የትውልድ ቀኔ መጋቢት ፲ ቀን ፲፱፻፸፱ ዓ.ም ነው", "መጋቢት ፲ ቀን ፲፱፻፸፱ ዓ.ም"),
    ("وُلدت في ٣ يناير ١٩٩١ في حلب", "٣ يناير ١٩٩١"),
    ("рождена съм на 9 март 1990", "9 март 1990"),
    ("佢一九八八年七月九號出世", "一九八八年七月九號"),
])
def test_dates_of_birth(text: str, value: str) -> None:
    assert types(text) == [("DATE_OF_BIRTH", value)]


@pytest.mark.parametrize("text", [
    "we came in two thousand nineteen, on the third of March",
    "I was born in a village, we moved in nineteen ninety",
    "the hearing is March the 3rd, 2025 at ten",
])
def test_dates_not_of_birth_kept(text: str) -> None:
    assert not any(t == "DATE_OF_BIRTH" for t, _ in types(text))
