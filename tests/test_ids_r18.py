"""Round 18: identifiers as people type them. An NHS number by its modulus-11 check digit in any grouping (and the
letter O for a zero after its cue); HMRC's temporary number (TN, the date of birth, M or F); a sort code beside its
account number with no cue; a passport's number a clause after its cue, after a word for "number"; the same birth
in the Ethiopian calendar; a UK organisation's number named as a helpline; a digit run touching Chinese.

Sentences of this file's own; every value is made up (the NHS numbers are built to pass the check digit).
"""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.recognizers.uk import nhs_checksum
from tests.test_redaction_identifiers import _covered, _identifiers_over

FOUND = [
    # 1. ten digits with the NHS check digit, in groups no printed form uses, each digit apart, with dots
    ("en", "the pharmacy label said 9434 7659 19 and my name under it", "NHS_NUMBER", "9434 7659 19"),
    ("en", "she read it out slowly: 5 2 1 8 8 9 0 3 4 0", "NHS_NUMBER", "5 2 1 8 8 9 0 3 4 0"),
    ("fa", "کارت سلامتم: ۳۰۲.۷۷۵.۱۱۸۲", "NHS_NUMBER", "۳۰۲.۷۷۵.۱۱۸۲"),
    ("en", "my number is 30277 51182 at the surgery", "NHS_NUMBER", "30277 51182"),
    # 2. after its cue: O typed for a zero, or a dash with spaces round it between digits
    ("en", "nhs number 3O2 775 1182 I think", "NHS_NUMBER", "3O2 775 1182"),
    ("en", "NHS no: 943 - 476 - 5918", "NHS_NUMBER", "943 - 476 - 5918"),
    # 3. the temporary reference number
    ("en", "they gave me TN 23 07 91 F until the real one comes", "NINO", "TN 23 07 91 F"),
    # 4. a sort code and its account number with no cue
    ("en", "please send it to 20-45-77 63019284 by friday", "BANK_ACCOUNT", "20-45-77 63019284"),
    # 5. a passport's number a clause after the cue, after a word for number
    ("ru", "Паспорт у хозяина остался, номер 71 5520918", "PASSPORT", "71 5520918"),
    ("en", "my passport was kept by the agent, number 552091834", "PASSPORT", "552091834"),
    # 6. the same birth in the Ethiopian calendar, seven or eight years behind
    ("am", "የትውልድ ቀን 03/02/1991 (በኢትዮጵያ 24/05/1983)", "DATE_OF_BIRTH", "24/05/1983"),
]

KEPT = [
    # a UK organisation's number named as a helpline, though Nigeria prints its landlines in the same groups
    ("en", "the Shelter helpline 0808 800 4444 told me my rights", "0808 800 4444"),
    ("ru", "звонила на горячую линию 0808 800 4444 ночью", "0808 800 4444"),
    # a freephone number run against Chinese text
    ("zh", "我打了0800 0121 700找翻译", "0800 0121 700"),
    # an Ethiopian-calendar-like gap with no Ge'ez in the answer is another date, not the birth
    ("en", "date of birth 03/02/1991, I came on 24/05/1983 no wait that is wrong", "24/05/1983"),
    # a TN followed by no date of birth
    ("en", "TN 45 99 12 M is not a date", "TN 45 99 12 M"),
]


@pytest.mark.parametrize(("language", "text", "entity", "value"), FOUND)
def test_identifier_is_redacted(language: str, text: str, entity: str, value: str) -> None:
    assert _covered(language, text, entity, value), redact(text, language, learned=False).text


@pytest.mark.parametrize(("language", "text", "value"), KEPT)
def test_look_alike_is_kept(language: str, text: str, value: str) -> None:
    assert not _identifiers_over(language, text, value), redact(text, language, learned=False).text


def test_the_check_digit() -> None:
    assert nhs_checksum("9434765919") and nhs_checksum("3027751182")
    assert not nhs_checksum("9434765918") and not nhs_checksum("943476591")


def test_a_number_without_the_check_digit_is_not_typed_nhs() -> None:
    text = "the pharmacy label said 9434 7659 18 and my name under it"
    assert all(e.type != "NHS_NUMBER" for e in redact(text, "en", learned=False).entities)


def test_a_phone_after_a_passport_stays_a_phone() -> None:
    # the word for number after "phone" is the phone's, not the passport's named a clause before
    text = "passport with the boss, phone number 07700 900461 is mine"
    types = {e.type for e in redact(text, "en", learned=False).entities if e.type != "NAME"}
    assert types == {"PHONE"}
