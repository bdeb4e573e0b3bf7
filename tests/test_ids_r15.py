"""Round 15: identifiers by principle. After its cue an identifier-shaped value is redacted however it is spaced or
mistyped; without a cue, seven digits or more in a run are an identifier unless they are a date, years, hours,
money, a count in thousands or a helpline the bot shows; the strict shapes keep look-alike numbers.

Sentences of this file's own. Every value is fake: Ofcom's drama numbers (07700 900xxx), QQ-prefixed NINOs,
example.* e-mail domains, made-up document and case numbers.
"""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.recognizers.digits import helpline_digits
from tests.test_redaction_identifiers import _covered, _identifiers_over

FOUND = [
    # 1. after a cue, the value whatever its spacing, with the letter O typed for a zero
    ("en", "NI number PQ 4O 21 88 B i think", "NINO", "PQ 4O 21 88 B"),
    ("en", "my national insurance is QQ 20 44 1 C", "NINO", "QQ 20 44 1 C"),
    ("en", "biometric card HK 3 550 127 expired", "PASSPORT", "HK 3 550 127"),
    ("en", "BRP: XR8 55 01 229 in the drawer", "REFERENCE", "XR8 55 01 229"),
    ("en", "account number 3 1 9 2 6 8 1 7 at barclays", "BANK_ACCOUNT", "3 1 9 2 6 8 1 7"),
    ("en", "sort code 40-11-62 then 55019283 is the account", "BANK_ACCOUNT", "55019283"),
    ("en", "the postcode is ls6 2 qd near the park", "POSTCODE", "ls6 2 qd"),
    # 2. a court's case number, with a cue or in the Crown Court's own shape; a scheme's letters between numbers
    ("en", "the court case number is 4471/23/B", "REFERENCE", "4471/23/B"),
    ("en", "my hearing is listed as T20241130 at the crown court", "REFERENCE", "T20241130"),
    ("en", "they told me 2023 NRM 5521 on the phone", "REFERENCE", "2023 NRM 5521"),
    ("ru", "номер дела 3391/22-ОП в полиции", "REFERENCE", "3391/22"),
    # 3. seven digits or more with no cue at all: a phone of any country, two joined by a slash, any long number
    ("en", "my cousin in Asmara, number 7119045", "PHONE", "7119045"),
    ("en", "both of mine: 07700 900 611/07700 900 612", "PHONE", "07700 900 612"),
    ("en", "write to me with 55120948 on the letter", "REFERENCE", "55120948"),
    ("en", "the boss wrote ZK40981233 on my hand", "REFERENCE", "ZK40981233"),
    # 4. a phone read out with a group as a hundred
    ("en", "it is 07700 nine hundred 455, text me", "PHONE", "07700 nine hundred 455"),
    # 5. dates of birth with a month's name in more languages, or the year first
    ("ru", "родилась 9 октября 1994 в Одессе", "DATE_OF_BIRTH", "9 октября 1994"),
    ("uk", "дата народження 2 лютого 1990", "DATE_OF_BIRTH", "2 лютого 1990"),
    ("hu", "születési dátum: 1992. augusztus 3.", "DATE_OF_BIRTH", "1992. augusztus 3."),
    ("de", "ich bin geboren am 14. März 1989", "DATE_OF_BIRTH", "14. März 1989"),
    ("tr", "doğum tarihim 5 şubat 1997", "DATE_OF_BIRTH", "5 şubat 1997"),
    ("hi", "मेरा जन्म 11 जनवरी 1995 को हुआ", "DATE_OF_BIRTH", "11 जनवरी 1995"),
    ("en", "bday 4 june 1999 if you need it", "DATE_OF_BIRTH", "4 june 1999"),
    # 6. an e-mail with its ending mistyped still names its person
    ("en", "mail me tomasz.k@example.con sorry", "EMAIL", "tomasz.k@example.con"),
    # 7. a police log number, short as forces number them; an account with a landlord is a reference
    ("en", "they gave me CAD 0913 when I called", "REFERENCE", "0913"),
    ("en", "police log no. 388 from the weekend", "REFERENCE", "388"),
    ("en", "my rent account 30019284 is in arrears", "REFERENCE", "30019284"),
    # 8. after a birth cue, a month and year in digits, a spaced short date; a NINO whose letters were left off
    ("en", "dob 11/1993 that is all I know", "DATE_OF_BIRTH", "11/1993"),
    ("en", "born 7 4 95 in Herat", "DATE_OF_BIRTH", "7 4 95"),
    ("en", "NI number 31 20 77 A", "NINO", "31 20 77 A"),
]

KEPT = [
    # dates, years, hours, money, counts in thousands, helplines the bot shows
    ("en", "I got my decision on 14.11.2023 after two years", "14.11.2023"),
    ("en", "2018 2019 2020 I moved hotel every year", "2018 2019 2020"),
    ("en", "we worked 0700-1900 seven days", "0700-1900"),
    ("en", "the agent wanted 2500000 lek from my family", "2500000"),
    ("en", "they said the debt is 1.200.000 and it grows", "1.200.000"),
    ("en", "more than 3 000 000 people are in slavery", "3 000 000"),
    ("en", "I called the helpline 08000 121 700 at night", "08000 121 700"),
    ("en", "the salvation army on 0800 808 3733 picked up", "0800 808 3733"),
    # short numbers stay: rooms, buses, prices, times, counts, a year
    ("en", "room 1204, bus 38 at 10:30, ticket £4.50, 12 of us since 2019", "1204"),
    ("en", "my NI number came in 2 weeks", "2 weeks"),
    ("en", "passport was taken 3 years ago", "3 years"),
    ("en", "NI number came on 1.3.24 by post", "1.3.24"),
    # everyday words are no cues of a log, counts after a case word are no share code
    ("en", "I kept a log of 600 hours of work", "600"),
    ("en", "the incident 400 people saw on the news", "400 people"),
    ("en", "my case 200 workers signed", "200 workers"),
    ("en", "born 45 3 90 is not a date", "45 3 90"),
]


@pytest.mark.parametrize(("language", "text", "entity", "value"), FOUND)
def test_identifier_is_redacted(language: str, text: str, entity: str, value: str) -> None:
    assert _covered(language, text, entity, value), redact(text, language, learned=False).text


@pytest.mark.parametrize(("language", "text", "value"), KEPT)
def test_look_alike_is_kept(language: str, text: str, value: str) -> None:
    assert not _identifiers_over(language, text, value), redact(text, language, learned=False).text


def test_helplines_come_from_the_bots_own_list() -> None:
    # the numbers the bot shows people, read from data/helplines.yml (short ones, 999 and 55, are never a run)
    assert "08000121700" in helpline_digits()
    assert all(len(number) >= 7 for number in helpline_digits())


def test_a_helpline_in_another_script_is_kept() -> None:
    text = "رقم خط المساعدة ٠٨٠٠٠١٢١٧٠٠ مجاني"
    assert not [e for e in redact(text, "ar", learned=False).entities if e.type != "NAME"]


def test_a_sort_code_after_an_account_is_not_taken_for_a_date() -> None:
    text = "account 61049872 and sort code 09-01-28 please"
    assert _covered("en", text, "BANK_ACCOUNT", "09-01-28")


@pytest.mark.parametrize(("language", "text", "cue"), [
    ("en", "my nin is QQ 40 21 88 B and that is all", "nin"),
    ("lt", "mano telefonas 07700 900 418", "telefonas"),
    ("en", "moy nomer 07700 900 227 pishite", "nomer"),
])
def test_a_cue_before_its_identifier_is_no_name(language: str, text: str, cue: str) -> None:
    start = text.index(cue)
    names = [e for e in redact(text, language, learned=False).entities if e.type == "NAME"]
    assert not [e for e in names if e.start < start + len(cue) and start < e.end]


def test_a_name_before_an_identifier_stays_a_name() -> None:
    text = "Sarah 07700 900123 is my friend, ask Maria, her number 07700 900555"
    names = {text[e.start:e.end] for e in redact(text, "en", learned=False).entities if e.type == "NAME"}
    assert {"Sarah", "Maria"} <= names


def test_a_capitalised_name_that_is_also_a_cue_stays_a_name() -> None:
    # "ESA" is a benefit claim's cue ("ESA no") and "Esa" a name
    text = "my friend Esa 07700 900321 drives the van"
    names = {text[e.start:e.end] for e in redact(text, "en", learned=False).entities if e.type == "NAME"}
    assert "Esa" in names


def test_eight_digits_after_a_birth_cue_that_make_no_date_are_a_number_not_a_birth() -> None:
    # (round 14 kept them whole; from round 15 seven digits or more in a run are redacted, and a mistyped date of
    # birth still names its person)
    text = "dob 99887766 is what the form printed"
    found = [e for e in redact(text, "en", learned=False).entities if e.type != "NAME"]
    assert found and all(e.type != "DATE_OF_BIRTH" for e in found)
